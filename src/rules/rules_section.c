/* The Rules section.
 *
 *   E1700  its shape, against cfn-lint's schema for it (other/rules/
 *          configuration in the spec data): rules named by letters and
 *          digits, each with a list of Assertions, each AssertDescription
 *          a string.
 *   E1701  an Assert is a boolean or one rule function (Fn::Equals,
 *          Fn::Contains, Fn::EachMemberIn, ..., or Condition naming a
 *          condition of the template).
 *   E1702  a RuleCondition, the same.
 *
 * What the functions themselves say is judged with the condition
 * functions (conditions.c). */
#include "../lint.h"
#include "../repr.h"
#include "../validate.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E1700",
     "Rules have the appropriate configuration",
     "Making sure the Rules section is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
     "rules"},
    {"E1701",
     "Validate the configuration of Assertions",
     "Make sure the Assert value in a Rule is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
     "rules"},
    {"E1702",
     "Validate the configuration of Rules RuleCondition",
     "Make sure the RuleCondition in a Rule is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
     "rules"},
};

/* The functions a rule may use where a boolean goes. */
static const char *const rule_functions[] = {
    "Fn::And",         "Fn::Or",          "Fn::Not",    "Fn::Equals",  "Fn::Contains",
    "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll",
};

/* A value where a rule wants a boolean: one as written ("true" too), or
 * a mapping of one rule function. */
static void boolean_value(cf_lint_ctx *ctx, const char *rule, const cf_node *v)
{
    if (!v)
        return;
    if (v->kind == CF_MAPPING && v->len == 1 && v->u.pairs[0].key->kind == CF_SCALAR) {
        const char *fn = v->u.pairs[0].key->u.str;
        if (!strcmp(fn, "Condition")) {
            const cf_node *name = v->u.pairs[0].value;
            if (!cf_sect_is(name, "string", false))
                cf_sect_not_of_type(ctx, rule, name, "'string'");
            cf_sect_known_condition(ctx, rule, name);
            return;
        }
        for (size_t i = 0; i < sizeof rule_functions / sizeof rule_functions[0]; i++)
            if (!strcmp(fn, rule_functions[i]))
                return;
    }
    if (v->kind == CF_SCALAR && v->type != CF_TYPE_NULL && cf_sect_is(v, "boolean", false))
        return;
    cf_sect_not_of_type(ctx, rule, v, "'boolean'");
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *section = cf_map_get(ctx->tpl->root, "Rules");
    const cf_node *schema = ctx->spec ? cf_spec_entry(ctx->spec, "other/rules/configuration") : NULL;
    if (!section || !schema)
        return;
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    v.rule = "E1700";
    v.core_wording = true;
    cf_validate(&v, schema, section);
    if (section->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < section->len; i++) {
        const cf_node *r = section->u.pairs[i].value;
        if (!cf_sect_name_ok(section->u.pairs[i].key, "") || r->kind != CF_MAPPING)
            continue; /* E1700's: read no further */
        boolean_value(ctx, "E1702", cf_map_get(r, "RuleCondition"));
        const cf_node *asserts = cf_map_get(r, "Assertions");
        for (uint32_t a = 0; asserts && asserts->kind == CF_SEQUENCE && a < asserts->len; a++)
            if (asserts->u.items[a]->kind == CF_MAPPING)
                boolean_value(ctx, "E1701", cf_map_get(asserts->u.items[a], "Assert"));
    }
}

CF_FAMILY(family_rules_section, "rules_section", check, rules);
