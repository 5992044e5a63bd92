/* The rule catalogue: every finding cfnfix makes belongs to a rule with an
 * id, a short and a long description and a documentation link.  Ids and
 * texts follow cfn-lint's, so suppressions and CI tooling carry over; ids
 * in the 9000s are cfnfix's own (see `cfnfix rules`).
 *
 * Rules come in families, one per file under rules/: each file declares
 * the metadata of its rules next to the check that finds them, and
 * rules/registry.c lists the families. */
#ifndef CFNFIX_RULES_H
#define CFNFIX_RULES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum cf_level { CF_LEVEL_ERROR, CF_LEVEL_WARNING, CF_LEVEL_INFO } cf_level;

typedef struct cf_rule {
    const char *id;
    const char *short_desc;
    const char *desc;
    const char *source; /* documentation URL */
    const char *tags;   /* comma-separated */
    /* Findings of this rule on one line stay in the order the check made
     * them (cfn-lint's order, which its sort keeps for equal lines), not
     * in column and message order: for checks that make them in the same
     * order cfn-lint does. */
    bool in_order;
    /* Its findings tell what happened (a past deployment's failure), not
     * what the text is now: a fix cannot make them go away, so verifying a
     * fix does not ask it to (it still may bring no new finding). */
    bool history;
} cf_rule;

struct cf_lint_ctx;
typedef struct cf_family {
    const char *name;
    void (*check)(struct cf_lint_ctx *ctx); /* NULL: its rules are reported elsewhere */
    const cf_rule *rules;
    size_t nrules;
} cf_family;
#define CF_FAMILY(var, name, check, rules) \
    const cf_family var = {name, check, rules, sizeof rules / sizeof rules[0]}

/* The families, in the order their checks run. */
const cf_family *const *cf_families(size_t *count);

const cf_rule *cf_rule_find(const char *id);
/* Every rule, sorted by id. */
const cf_rule *const *cf_rules_all(size_t *count);
cf_level cf_rule_level(const cf_rule *r);
/* For a rule cfn-lint declares but never reports: where its findings go
 * instead (rules/declared.c); NULL for every other rule. */
const char *cf_rule_reported_as(const cf_rule *r);
const char *cf_level_name(cf_level l); /* "Error", "Warning", "Informational" */

#endif
