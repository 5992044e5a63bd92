/* W3701: an SSM parameter named under /aws/ or /ssm/ (or aws..., ssm...
 * without the slash), which are reserved, or not a name of word
 * characters, dots and dashes in /-separated parts.  As in cfn-lint: the
 * Name written as a string, or each branch of an Fn::If (placed on the
 * branch); a name made by Fn::Sub or a Ref is not judged here. */
#include "../lint.h"
#include "../regex.h"
#include "../repr.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"W3701",
     "SSM Parameter Name should not use /aws/ or /ssm/ prefix",
     "SSM parameter names starting with /aws/ or /ssm/ (or aws/ssm without a leading slash) are reserved. While some AWS services can create parameters in this namespace, most users cannot.",
     "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html",
     "resources,ssm"},
};

static const char name_pattern[] = "^(?i)((?!aws|ssm)[\\w.-]+|\\/(?!aws|ssm)[\\w.-]+(\\/[\\w.-]+)*)$";

static void judge(cf_lint_ctx *ctx, const cf_node *name, const cf_node *at, int depth)
{
    const char *fn = cf_intrinsic_name(name);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, name);
        for (uint32_t i = 1; args && depth < 16 && i < 3; i++)
            judge(ctx, args->u.items[i], args->u.items[i], depth + 1);
        return;
    }
    if (fn || name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return;
    if (cf_regex_search(name_pattern, name->u.str, name->len) == 0) {
        cf_buf r = {0};
        cf_repr(&r, name);
        cf_diag_at(ctx->out, ctx->doc, "W3701", at,
                   "%s does not match the recommended pattern. Parameter names beginning with 'aws' or 'ssm' are "
                   "reserved and may not be available for all users.",
                   r.data);
        buf_free(&r);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::SSM::Parameter") || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        const cf_node *name = cf_map_get(r->properties, "Name");
        if (name)
            judge(ctx, name, cf_loc_key(name), 0);
    }
}

CF_FAMILY(family_ssm_parameter, "ssm_parameter", check, rules);
