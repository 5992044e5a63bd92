/* cfn-init's configuration in a resource's Metadata.
 *
 *   E3009  AWS::CloudFormation::Init has the shape cfn-init reads: config
 *          sets, and in each config its packages, groups, users, sources,
 *          files (with a six-digit mode), commands and services.
 *
 * Judged against cfn-lint's schema for it (other/resources/cfn_init in the
 * spec data), functions and all. */
#include "../lint.h"
#include "../validate.h"

static const cf_rule rules[] = {
    {"E3009",
     "Check CloudFormation init configuration",
     "Validate that the items in a CloudFormation init adhere to standards",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-init.html#aws-resource-cloudformation-init-syntax",
     "resources,cloudformation init"},
};

static void check(cf_lint_ctx *ctx)
{
    const cf_node *schema = ctx->spec ? cf_spec_entry(ctx->spec, "other/resources/cfn_init") : NULL;
    if (!schema)
        return;
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->walked || !r->type_name)
            continue;
        const cf_node *init = cf_map_get(cf_map_get(r->node, "Metadata"), "AWS::CloudFormation::Init");
        if (!init)
            continue;
        cf_validator v;
        cf_validator_init(&v, ctx, schema);
        v.rule = "E3009";
        v.core_wording = true;
        cf_validate(&v, schema, init);
    }
}

CF_FAMILY(family_cfn_init, "cfn_init", check, rules);
