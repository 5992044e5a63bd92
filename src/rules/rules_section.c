/* The Rules section's shape (E1700), against cfn-lint's schema for it
 * (other/rules/configuration in the spec data): a mapping of rules named
 * by letters and digits, each with a list of Assertions, each assertion
 * with a string AssertDescription.  What an Assert or a RuleCondition
 * says is judged with the condition functions (conditions.c). */
#include "../lint.h"
#include "../validate.h"

static const cf_rule rules[] = {
    {"E1700",
     "Rules have the appropriate configuration",
     "Making sure the Rules section is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
     "rules"},
};

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
}

CF_FAMILY(family_rules_section, "rules_section", check, rules);
