/* The rule catalogue: every finding cfnfix makes belongs to a rule with an
 * id, a short and a long description and a documentation link.  Ids and
 * texts follow cfn-lint's, so suppressions and CI tooling carry over; ids
 * in the 9000s are cfnfix's own (see `cfnfix rules`). */
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
} cf_rule;

const cf_rule *cf_rule_find(const char *id);
const cf_rule *cf_rules_all(size_t *count);
cf_level cf_rule_level(const cf_rule *r);
const char *cf_level_name(cf_level l); /* "Error", "Warning", "Informational" */

#endif
