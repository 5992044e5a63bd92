/* A resource's UpdatePolicy and Metadata against the spec's schemas for
 * them (other/resources/update_policy, other/resources/metadata):
 *   E3016  an UpdatePolicy on a type that takes none, or not of the shape
 *          its type takes (Auto Scaling groups, Lambda aliases, search
 *          domains, ElastiCache replication groups, AppStream fleets);
 *   E3028  a Metadata that is not a mapping or list, or holds a null.
 * Values as cfn-lint reads them: functions allowed, numbers as text. */
#include "../lint.h"
#include "../validate.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E3016",
     "Check the configuration of a resources UpdatePolicy",
     "Make sure a resources UpdatePolicy is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html",
     "resources,updatepolicy"},
    {"E3028",
     "Validate the metadata section of a resource",
     "The metadata section can be unstructured but we do validate the items we can",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources"},
};

static void judge(cf_lint_ctx *ctx, const char *rule, const cf_node *schema, const cf_node *value, bool nulls)
{
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    v.rule = rule;
    v.type_nulls = nulls; /* a null in Metadata is a value of no type */
    cf_validate(&v, schema, value);
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->spec)
        return;
    const cf_node *update = cf_spec_entry(ctx->spec, "other/resources/update_policy");
    const cf_node *metadata = cf_spec_entry(ctx->spec, "other/resources/metadata");
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || r->node->kind != CF_MAPPING)
            continue;
        if (update && cf_map_get(r->node, "UpdatePolicy"))
            judge(ctx, "E3016", update, r->node, false);
        const cf_node *meta = cf_map_get(r->node, "Metadata");
        if (metadata && meta)
            judge(ctx, "E3028", metadata, meta, true);
    }
}

CF_FAMILY(family_update_policy, "update_policy", check, rules);
