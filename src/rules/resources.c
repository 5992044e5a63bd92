/* Resources: each type exists in every region checked (E3006), and its
 * Properties name only what the type's schema has (E3002) and everything
 * it requires (E3003).  The schema is that region's own variant; regions
 * sharing a variant are checked once. */
#include "../lint.h"
#include "../repr.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E3002",
     "Resource properties are invalid",
     "Making sure that resources properties are properly configured",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#properties",
     "resources"},
    {"E3003",
     "Required Resource properties are missing",
     "Make sure that Resources properties that are required exist",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#required",
     "resources,properties,required"},
    {"E3006",
     "Validate the CloudFormation resource type",
     "Resource types are validated against the spec accounting for regions",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources"},
};

/* Types CloudFormation resolves without a registry schema. */
static bool skip_type(const cf_lint_ctx *ctx, const char *type)
{
    if (!strncmp(type, "Custom::", 8))
        return true;
    size_t n = strlen(type);
    if (n > 8 && !strcmp(type + n - 8, "::MODULE"))
        return true; /* registry modules */
    if (ctx->tpl->sam && !strncmp(type, "AWS::Serverless::", 17))
        return true; /* expanded by the SAM transform */
    return false;
}

static void check_properties(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *schema)
{
    const cf_node *props = cf_map_get(schema, "properties");
    const cf_node *required = cf_map_get(schema, "required");
    const cf_node *additional = cf_map_get(schema, "additionalProperties");
    const cf_node *given = r->properties;
    if (given && given->kind == CF_MAPPING && !cf_intrinsic_name(given)) {
        if (additional && additional->type == CF_TYPE_BOOL && !strcmp(additional->u.str, "false") &&
            !cf_map_get(schema, "patternProperties")) {
            for (uint32_t i = 0; i < given->len; i++) {
                const cf_node *k = given->u.pairs[i].key;
                if (k->kind == CF_SCALAR && !cf_map_get(props, k->u.str)) {
                    cf_buf b = {0};
                    cf_repr(&b, k);
                    cf_diag_at(ctx->out, ctx->doc, "E3002", k, "Additional properties are not allowed (%s was unexpected)", b.data);
                    buf_free(&b);
                }
            }
        }
    }
    if (given && (given->kind != CF_MAPPING || cf_intrinsic_name(given)))
        return; /* not a plain mapping: the validation core judges it */
    for (uint32_t i = 0; required && required->kind == CF_SEQUENCE && i < required->len; i++) {
        const cf_node *name = required->u.items[i];
        if (name->kind != CF_SCALAR || (given && cf_map_get(given, name->u.str)))
            continue;
        /* cfn-lint places it on the Properties key, or on the resource
         * when there are no Properties at all */
        const cf_node *at = given ? cf_loc_key(given) : r->key;
        cf_diag_at(ctx->out, ctx->doc, "E3003", at, "'%s' is a required property", name->u.str);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    const cf_lint_opts *o = ctx->opts;
    if (!ctx->spec)
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || skip_type(ctx, r->type_name))
            continue;
        const cf_node *checked[64];
        size_t nchecked = 0;
        for (size_t k = 0; k < o->nregions; k++) {
            const char *region = o->regions[k];
            const cf_node *schema = cf_spec_schema(ctx->spec, r->type_name, region);
            if (!schema) {
                cf_diag_at(ctx->out, ctx->doc, "E3006", r->type,
                           "Resource type '%s' does not exist in '%s'", r->type_name, region);
                continue;
            }
            bool seen = false;
            for (size_t c = 0; c < nchecked; c++)
                seen |= checked[c] == schema;
            if (seen)
                continue;
            if (nchecked < sizeof checked / sizeof checked[0])
                checked[nchecked++] = schema;
            check_properties(ctx, r, schema);
        }
    }
}

CF_FAMILY(family_resources, "resources", check, rules);
