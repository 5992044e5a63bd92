/* Resources: each type exists in every region checked (E3006), and its
 * Properties satisfy the type's schema at every depth (validate.c: E3002,
 * E3003, E3012, E3030...).  The schema is that region's own variant;
 * regions sharing a variant are checked once. */
#include "../lint.h"
#include "../packaged.h"
#include "../repr.h"
#include "../validate.h"

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
    {"W3002",
     "Warn when properties are configured to only work with the package command",
     "Some properties can be configured to only work with the CloudFormationpackage command. Warn when this is the case so user is aware.",
     "https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html",
     "resources"},
    {"E3006",
     "Validate the CloudFormation resource type",
     "Resource types are validated against the spec accounting for regions",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources"},
};

/* Types CloudFormation resolves without a registry schema (a custom
 * resource's is AWS::CloudFormation::CustomResource's, below). */
static bool skip_type(const cf_lint_ctx *ctx, const char *type)
{
    size_t n = strlen(type);
    if (n > 8 && !strcmp(type + n - 8, "::MODULE"))
        return true; /* registry modules */
    if (ctx->tpl->sam && !strncmp(type, "AWS::Serverless::", 17))
        return true; /* expanded by the SAM transform */
    return false;
}

bool cf_tags_judged(cf_lint_ctx *ctx, const cf_node *schema)
{
    const cf_node *tagging = cf_map_get(schema, "tagging");
    bool taggable = !tagging || !cf_is_str(cf_map_get(tagging, "taggable"), "false");
    return taggable && ctx->spec && cf_spec_entry(ctx->spec, "other/resources/tagging");
}

/* A resource's Properties against its type's schema (every depth, every
 * keyword), and its tags against CloudFormation's tagging rules (E3024). */
static void check_properties(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *schema)
{
    const cf_node *given = r->properties;
    if (!given) {
        /* no Properties: cfn-lint places missing required ones on the resource */
        const cf_node *required = cf_map_get(schema, "required");
        for (uint32_t i = 0; required && required->kind == CF_SEQUENCE && i < required->len; i++)
            if (required->u.items[i]->kind == CF_SCALAR)
                cf_diag_at(ctx->out, ctx->doc, "E3003", r->key, "'%s' is a required property",
                           required->u.items[i]->u.str);
        return;
    }
    if (given->kind != CF_MAPPING) {
        cf_buf b = {0};
        cf_repr(&b, given);
        cf_diag_at(ctx->out, ctx->doc, "E3012", cf_loc_key(given), "%s is not of type object", b.data);
        buf_free(&b);
        return;
    }
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    cf_validate(&v, schema, given);

    const cf_node *tag_schema = cf_spec_entry(ctx->spec, "other/resources/tagging");
    if (cf_map_get(given, "Tags") && cf_tags_judged(ctx, schema)) {
        cf_validator tv;
        cf_validator_init(&tv, ctx, tag_schema);
        tv.rule = "E3024";
        cf_validate(&tv, tag_schema, given);
    }
}

/* W3002: a local path where the package command uploads and rewrites
 * (not said in SAM templates, whose tools package as a matter of course). */
static void packaged_path(const cf_node *v, void *arg)
{
    cf_lint_ctx *ctx = arg;
    if (v->kind != CF_SCALAR || v->type != CF_TYPE_STR || !strncmp(v->u.str, "s3://", 5) ||
        !strncmp(v->u.str, "https://", 8))
        return;
    cf_diag_at(ctx->out, ctx->doc, "W3002", cf_loc_key(v), "This code may only work with 'package' cli command");
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    const cf_lint_opts *o = ctx->opts;
    if (!ctx->spec)
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || skip_type(ctx, r->type_name))
            continue;
        if (!t->sam)
            cf_packaged_each(r, packaged_path, ctx);
        const cf_node *checked[64];
        size_t nchecked = 0;
        for (size_t k = 0; k < o->nregions; k++) {
            const char *region = o->regions[k];
            /* a custom resource is judged as AWS::CloudFormation::CustomResource */
            bool custom = !strncmp(r->type_name, "Custom::", 8);
            const char *type = custom ? "AWS::CloudFormation::CustomResource" : r->type_name;
            const cf_node *schema = cf_spec_schema(ctx->spec, type, region);
            if (!schema && custom)
                continue;
            if (!schema) {
                cf_diag_at(ctx->out, ctx->doc, "E3006", cf_loc_key(r->type),
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
