/* The template's Metadata section.
 *
 *   E4002  the section is an object of strings, numbers, booleans, lists
 *          and objects (no nulls).
 *   E4001  AWS::CloudFormation::Interface has the shape the console reads
 *          (ParameterGroups with a Label and a list of Parameters,
 *          ParameterLabels with a default).
 *   W4001  the parameters it names exist.
 *   W4005  the cfn-lint configuration (cfn-lint: config:) has cfn-lint's
 *          keys and types (cfnfix reads the same keys: see suppress.c).
 *
 * Judged against cfn-lint's own schemas for them (other/metadata in the
 * spec data). */
#include "../lint.h"
#include "../repr.h"
#include "../validate.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E4001",
     "Metadata Interface have appropriate properties",
     "Metadata Interface properties are properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-interface.html",
     "metadata"},
    {"E4002",
     "Validate the configuration of the Metadata section",
     "Validates that Metadata section is an object and has no null values",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/metadata-section-structure.html",
     "metadata"},
    {"W4001",
     "Metadata Interface parameters exist",
     "Metadata Interface parameters actually exist",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-interface.html",
     "metadata"},
    {"W4005",
     "Validate cfnlint configuration in the Metadata",
     "Metadata cfn-lint configuration has many values and we want to validate that",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-interface.html",
     "metadata"},
};

static void judge(cf_lint_ctx *ctx, const cf_node *value, const char *schema_name, const char *rule)
{
    const cf_node *schema = value && ctx->spec ? cf_spec_entry(ctx->spec, schema_name) : NULL;
    if (!schema)
        return;
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    v.rule = rule;
    v.type_nulls = true; /* a null is a value of no type here */
    cf_validate(&v, schema, value);
}

/* A name the Interface gives that no parameter has (cfn-lint's enum of
 * the parameters' names). */
static void check_name(cf_lint_ctx *ctx, const cf_node *name, const char *list)
{
    if (name->kind == CF_SCALAR && name->type == CF_TYPE_STR && cf_section_get(&ctx->tpl->params, name->u.str))
        return;
    cf_buf b = {0};
    cf_repr(&b, name);
    cf_sect_report(ctx, "W4001", name, "%s is not one of %s", b.data, list);
    buf_free(&b);
}

static void check_interface_names(cf_lint_ctx *ctx, const cf_node *iface)
{
    const cf_section *ps = &ctx->tpl->params;
    const char **names = xcalloc(ps->n + 1, sizeof *names);
    for (size_t i = 0; i < ps->n; i++)
        names[i] = ps->v[i].name;
    cf_buf list = {0};
    cf_sect_names_repr(&list, names, ps->n);
    const cf_node *groups = cf_map_get(iface, "ParameterGroups");
    for (uint32_t g = 0; groups && groups->kind == CF_SEQUENCE && g < groups->len; g++) {
        const cf_node *params = cf_map_get(groups->u.items[g], "Parameters");
        for (uint32_t i = 0; params && params->kind == CF_SEQUENCE && i < params->len; i++)
            check_name(ctx, params->u.items[i], list.data ? list.data : "[]");
    }
    const cf_node *labels = cf_map_get(iface, "ParameterLabels");
    for (uint32_t i = 0; labels && labels->kind == CF_MAPPING && i < labels->len; i++)
        check_name(ctx, labels->u.pairs[i].key, list.data ? list.data : "[]");
    buf_free(&list);
    free(names);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *md = ctx->tpl->root ? cf_map_get(ctx->tpl->root, "Metadata") : NULL;
    if (!md)
        return;
    judge(ctx, md, "other/metadata/configuration", "E4002");
    if (md->kind != CF_MAPPING)
        return;
    judge(ctx, cf_map_get(md, "cfn-lint"), "other/metadata/cfn_lint", "W4005");
    const cf_node *iface = cf_map_get(md, "AWS::CloudFormation::Interface");
    judge(ctx, iface, "other/metadata/interface", "E4001");
    if (iface && iface->kind == CF_MAPPING)
        check_interface_names(ctx, iface);
}

CF_FAMILY(family_metadata, "metadata", check, rules);
