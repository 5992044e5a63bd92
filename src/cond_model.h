/* Conditions as CloudFormation evaluates them.
 *
 * A template's Conditions are formulas over Fn::Equals comparisons.  This
 * module reads them once per template and answers the questions the rules
 * ask, so no rule re-derives them:
 *
 *   - can these conditions have these values at once (a scenario)?
 *   - under a scenario, must a condition be true, false, or either?
 *   - under a scenario, can a parameter have a given value?
 *   - which scenarios of a few conditions can happen (enumerated, bounded)?
 *   - which conditions are in force at a node (its resource's or output's
 *     Condition, and the Fn::If branches it sits in)?
 *
 * What it knows: each condition's definition (Fn::And, Fn::Or, Fn::Not,
 * Condition, Fn::Equals); that one value compared with two different
 * literals cannot equal both (whatever the value: a parameter, a pseudo
 * parameter, a mapping lookup); that a parameter never equals a literal
 * outside its AllowedValues, and equals one of them when every allowed
 * value is compared.  What it does not know: what functions other than
 * Ref evaluate to, regions, or relations between two parameters.  A
 * comparison whose answer is fixed before deployment (two literals, the
 * same value twice: W8003) is taken as free, as cfn-lint takes it, so its
 * branches are judged rather than reported unreachable.  A condition it
 * cannot read (a malformed definition, a cycle of Condition references)
 * (or a bare true/false where a condition function belongs) is taken as
 * free: true or false, independently.
 *
 * Cost: the formula is split into independent components (conditions that
 * share no comparison), and a question is solved over the components it
 * touches, with a step budget; answers are cached.  A question that runs
 * out of budget is answered "possible". */
#ifndef CFNFIX_COND_MODEL_H
#define CFNFIX_COND_MODEL_H

#include "template.h"

#include <stdbool.h>
#include <stdint.h>

/* Conditions taken as true or false: a set of literals kept sorted by
 * condition index.  Past CF_SCENARIO_MAX literals nothing more is added
 * (a deeper nesting of Fn::If is judged without its innermost choices). */
#define CF_SCENARIO_MAX 32
typedef struct cf_scenario {
    uint32_t n;
    uint32_t lit[CF_SCENARIO_MAX]; /* condition index << 1 | value */
} cf_scenario;

/* The value s gives condition `cond`: 1, 0, or -1 when s says nothing. */
int cf_scenario_get(const cf_scenario *s, uint32_t cond);
/* Add cond = value.  False (s unchanged) when s already gives cond the
 * other value, or is full. */
bool cf_scenario_set(cf_scenario *s, uint32_t cond, bool value);

typedef struct cf_conds cf_conds;

/* Most scenarios cf_conds_each_scenario tries for one object (cfn-lint's
 * bound too). */
#define CF_MAX_SCENARIOS 128

cf_conds *cf_conds_new(const cf_template *t);
/* The model cfn-lint's validator walks Fn::If branches with (W1028): a
 * value compared with several literals may equal more than one of them
 * unless it is a parameter with AllowedValues, and a comparison with a
 * literal outside those values is not known to be false. */
cf_conds *cf_conds_new_context(const cf_template *t);
void cf_conds_free(cf_conds *m);

/* A condition's index (its position in the Conditions section), or -1. */
long cf_conds_find(const cf_conds *m, const char *name, size_t len);
const char *cf_conds_name(const cf_conds *m, uint32_t cond);

/* Whether every literal of s can hold at once. */
bool cf_conds_possible(cf_conds *m, const cf_scenario *s);
/* Under s (assumed possible), cond is always true (1), always false (0),
 * or can be either (-1). */
int cf_conds_implied(cf_conds *m, const cf_scenario *s, uint32_t cond);
/* Whether, in a deployment where s holds, parameter (or pseudo parameter)
 * `name` can have the value `value` (compared as text, as Fn::Equals
 * compares). */
bool cf_conds_value_possible(cf_conds *m, const cf_scenario *s, const char *name, const char *value);

/* The text a literal compares as in Fn::Equals (CloudFormation reads
 * every value as a string: true is "true", 14.10 is "14.1").  Caller
 * frees. */
char *cf_conds_literal(const cf_node *n);

/* Call fn for each assignment of conds[0..n) that extends base and can
 * happen, in a fixed order (all true first), trying at most
 * CF_MAX_SCENARIOS assignments.  Conditions base already sets keep their
 * value.  Returns how many were passed to fn. */
size_t cf_conds_each_scenario(cf_conds *m, const cf_scenario *base, const uint32_t *conds, size_t n,
                              void (*fn)(const cf_scenario *s, void *arg), void *arg);

/* The conditions in force at node n: the Condition of the resource or
 * output it belongs to, and the branch of every Fn::If it sits in (known
 * conditions only).  Returns false when two of them contradict (n sits in
 * a branch that can never be taken on its way); *s is filled either way. */
bool cf_conds_at(const cf_conds *m, const cf_template *t, const cf_node *n, cf_scenario *s);

/* ---- values as a deployment makes them ---- */

/* An Fn::If's three arguments when its condition is named by a string,
 * else NULL. */
const cf_node *cf_if_args(const cf_node *n);
/* Whether n is {Ref: AWS::NoValue}. */
bool cf_is_no_value(const cf_node *n);
/* n with its outermost Fn::Ifs taken as s takes them (an Fn::If on a
 * condition s says nothing of, or m does not know, is left as written);
 * NULL when that is AWS::NoValue (the property is unset). */
const cf_node *cf_conds_take(const cf_conds *m, const cf_scenario *s, const cf_node *n);
/* The known conditions of the Fn::Ifs anywhere in n, added to out (each
 * once, at most cap); returns the new count. */
size_t cf_conds_used(const cf_conds *m, const cf_node *n, uint32_t *out, size_t nout, size_t cap);

#endif
