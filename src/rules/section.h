/* Helpers the template-section rule families share (parameters, mappings,
 * conditions, outputs, resource attributes, dependencies, lambda,
 * lifecycle, and the function rules for placement): where cfn-lint places
 * a finding, its "not of type" / "Did you mean" wordings, its loose and
 * strict type checks, and its path text. */
#ifndef CFNFIX_RULES_SECTION_H
#define CFNFIX_RULES_SECTION_H

#include "../cond_model.h"
#include "../lint.h"
#include "../util.h"

/* The node cfn-lint would report a finding about `about` on: numbers,
 * nulls and short-form tag keys and values go to the nearest string key
 * above them (its loader keeps marks on strings only). */
const cf_node *cf_sect_place(const cf_node *about);
/* Report at cf_sect_place(about); the diagnostic keeps about's full path. */
cf_diag *cf_sect_report(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A finding whose path goes on past n to a key n lacks (the caller adds
 * it with cf_diag_path_add): placed as cfn-lint places a path it cannot
 * follow to the end, on the nearest key above. */
cf_diag *cf_sect_report_past(cf_lint_ctx *ctx, const char *rule, const cf_node *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A mapping's size against a CloudFormation limit: over_rule when it has
 * more than `limit` entries ("'Outputs' has more than 200 properties"),
 * near_rule when it has more than 90% of them ("... is approaching the
 * limit of 200 properties"). */
void cf_sect_limit(cf_lint_ctx *ctx, const char *over_rule, const char *near_rule, const cf_node *map,
                   uint32_t limit);
/* A logical name against CloudFormation's length limit (in characters):
 * over_rule "'N' is longer than 255", near_rule past 90% of it "'N' is
 * approaching the max length of 255". */
void cf_sect_name_length(cf_lint_ctx *ctx, const char *over_rule, const char *near_rule, const cf_node *key,
                         size_t limit);
/* "'X' is not one of ['C1', 'C2']" under `rule` unless name is the name
 * of one of the template's conditions. */
void cf_sect_known_condition(cf_lint_ctx *ctx, const char *rule, const cf_node *name);
/* "X is not of type 'a', 'b'" */
void cf_sect_not_of_type(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *types);
/* "Additional properties are not allowed ('k' was unexpected[. Did you
 * mean 'K'?])": the suggestion is a known name with difflib ratio > 0.8. */
void cf_sect_unexpected(cf_lint_ctx *ctx, const char *rule, const cf_node *key,
                        const char *const *known, size_t nknown);
/* A logical name: alphanumeric, plus extra_chars. */
bool cf_sect_name_ok(const cf_node *key, const char *extra_chars);
void cf_sect_bad_name(cf_lint_ctx *ctx, const char *rule, const cf_node *key, const char *pattern);
/* Is n of JSON-schema type `type` ("string", "integer", ...)?  Loose: as
 * cfn-lint coerces ("3" is an integer); strict: as written. */
bool cf_sect_is(const cf_node *n, const char *type, bool strict);
/* "['a', 'b']", as cfn-lint lists valid names ("'X' is not one of [...]").
 * Beyond CF_SECT_NAMES_SHOWN names the list ends "..., N more]": cfn-lint
 * lists them all, and a finding on each of 12,000 resources then repeated
 * all 12,000 names (1.3 GB of output).  The bound is over what
 * CloudFormation accepts in one template (500 resources, 200 parameters,
 * 8 pseudo parameters), so any deployable template gets cfn-lint's words. */
#define CF_SECT_NAMES_SHOWN 1000
void cf_sect_names_repr(cf_buf *b, const char *const *names, size_t n);
/* Call visit on the value of every `key` found anywhere under n. */
void cf_sect_each_key(const cf_node *n, const char *key,
                      void (*visit)(const cf_node *value, void *data), void *data);
/* n's Fn::If arguments when n is an Fn::If on a known condition, else NULL. */
const cf_node *cf_sect_if_args(const cf_template *t, const cf_node *n);
/* Python's truth of a value as PyYAML loads it: null, false, 0, an empty
 * string, list or mapping are false (NULL: false). */
bool cf_sect_truthy(const cf_node *n);

/* Follow path ('*': each list item; NULL-terminated) below n through the
 * Fn::If branches on the way (known conditions; an Fn::If on an unknown
 * one is not followed; AWS::NoValue dropped), as cfn-lint's validator
 * reaches the places its keyword rules are bound to, and visit what is
 * there. */
void cf_sect_follow(cf_lint_ctx *ctx, const cf_node *n, const char *const *path,
                    void (*visit)(cf_lint_ctx *ctx, const cf_node *at));
/* The same, handing arg to visit. */
void cf_sect_follow_arg(cf_lint_ctx *ctx, const cf_node *n, const char *const *path,
                        void (*visit)(cf_lint_ctx *ctx, const cf_node *at, void *arg), void *arg);
/* The same with the conditions, as cfn-lint's get_value_from_path: each
 * value with the scenario that reaches it, starting from `from` (NULL:
 * the conditions in force at n, its resource's Condition and the Fn::Ifs
 * it sits in); a branch that scenario rules out (as the validator's model
 * of conditions sees it) is not followed, both branches of one on a
 * condition the template lacks are; an AWS::NoValue at the end of the
 * path is visited too (cfn-lint's None). */
void cf_sect_values(cf_lint_ctx *ctx, const cf_node *n, const char *const *path, const cf_scenario *from,
                    void (*visit)(cf_lint_ctx *ctx, const cf_node *at, const cf_scenario *s, void *arg),
                    void *arg);

/* cfn-lint's get_object_without_conditions over some properties: call fn
 * once for each possible way the conditions of the Fn::Ifs that those
 * values are go (once with no conditions when none is an Fn::If); values
 * with an Fn::If on an unknown condition: not called.  At most 4
 * conditions are followed. */
void cf_sect_scenarios(cf_lint_ctx *ctx, const cf_node *const *values, size_t n,
                       void (*fn)(cf_lint_ctx *ctx, const cf_scenario *s, void *arg), void *arg);
/* A value as scenario s makes it: an Fn::If's branch, AWS::NoValue as
 * NULL (an Fn::If on a condition s does not set: NULL). */
const cf_node *cf_sect_in_scenario(cf_lint_ctx *ctx, const cf_node *n, const cf_scenario *s);

/* The document a string holds when json.loads would read it (a JSON text
 * that parses, with JSON's own syntax only), else NULL; the caller frees
 * it.  name names it in messages. */
cf_doc *cf_sect_json_text(const cf_node *str, const char *name);

/* A node's path as cfn-lint writes it in messages: "Resources/A/Properties"
 * (caller frees). */
char *cf_sect_path_text(const cf_node *n);

#endif
