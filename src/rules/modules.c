/* E5001: a module (a resource whose Type ends in ::MODULE) takes no
 * CreationPolicy, UpdatePolicy or Tags, and its Metadata may not use the
 * reserved key AWS::CloudFormation::Module (at any depth). */
#include "../lint.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E5001",
     "Check that Modules resources are valid",
     "Check that Modules resources are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/",
     "resources,modules"},
};

static void reserved_keys(cf_lint_ctx *ctx, const cf_node *n, int depth)
{
    if (!n || depth > 64 || n->kind == CF_SCALAR)
        return;
    for (uint32_t i = 0; i < n->len; i++) {
        if (n->kind == CF_MAPPING) {
            const cf_node *k = n->u.pairs[i].key;
            if (cf_is_str(k, "AWS::CloudFormation::Module"))
                cf_diag_at(ctx->out, ctx->doc, "E5001", k, "The Metadata key AWS::CloudFormation::Module is reserved");
            reserved_keys(ctx, n->u.pairs[i].value, depth + 1);
        } else {
            reserved_keys(ctx, n->u.items[i], depth + 1);
        }
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        size_t len = r->type_name ? strlen(r->type_name) : 0;
        if (r->node->kind != CF_MAPPING || len < 8 || strcmp(r->type_name + len - 8, "::MODULE"))
            continue;
        const cf_node *props = cf_map_get(r->node, "Properties");
        if (props && props->kind != CF_MAPPING)
            continue; /* cfn-lint cannot read it */
        reserved_keys(ctx, cf_map_get(r->node, "Metadata"), 0);
        const cf_node *tags = props ? cf_map_get(props, "Tags") : NULL;
        if (cf_sect_truthy(tags))
            cf_diag_at(ctx->out, ctx->doc, "E5001", cf_loc_key(tags), "Tags is not permitted within Modules");
        static const char *const policies[] = {"CreationPolicy", "UpdatePolicy"};
        for (size_t p = 0; p < 2; p++) {
            const cf_node *policy = cf_map_get(r->node, policies[p]);
            if (cf_sect_truthy(policy))
                cf_diag_at(ctx->out, ctx->doc, "E5001", cf_loc_key(policy), "%s is not permitted within Modules",
                           policies[p]);
        }
    }
}

CF_FAMILY(family_modules, "modules", check, rules);
