/* W1100: a YAML merge key (<<).  The loader merges it as PyYAML does
 * (doc_build.c), so the template is judged as cfn-lint judges it, but
 * CloudFormation itself does not read YAML merges: only a tool that
 * rewrites the template first (aws cloudformation package) can deploy it.
 * Said once per mapping that merges, on the mapping's key. */
#include "../lint.h"
#include "section.h"

static const cf_rule rules[] = {
    {"W1100",
     "Validate if the template is using YAML merge",
     "The CloudFormation service does not support YAML anchors, aliases, or merging. This rule validates if the "
     "merge capability is being used",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html",
     "yaml"},
};

static void walk(cf_lint_ctx *ctx, const cf_node *n, int depth)
{
    if (!n || depth > CF_MAX_DEPTH)
        return;
    if (n->kind == CF_MAPPING) {
        if (n->flags & CF_NF_MERGED)
            cf_sect_report(ctx, "W1100", n,
                           "This code is using yaml marge capabilities and can only be deployed using the "
                           "'package' cli command");
        for (uint32_t i = 0; i < n->len; i++)
            walk(ctx, n->u.pairs[i].value, depth + 1);
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            walk(ctx, n->u.items[i], depth + 1);
    }
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->doc->is_json)
        walk(ctx, ctx->doc->root, 0);
}

CF_FAMILY(family_yaml_merge, "yaml_merge", check, rules);
