/* A small satisfiability solver for the questions conditions raise: can
 * these conditions hold together, given how they are defined?  Formulas
 * are clauses over numbered variables; a question is a set of assumed
 * literals.  The variables fall into independent components (conditions
 * that share nothing), and a question is solved over the components its
 * assumptions touch only, so its cost follows the conditions it names,
 * not the template.
 *
 * The search is DPLL with two watched literals per clause and a step
 * budget: a question it cannot settle within the budget is answered
 * CF_SAT_UNKNOWN, which callers take as "possible" (nothing is reported
 * on a guess).
 *
 * Literals are DIMACS-style: variable v (0-based) is +(v+1), its negation
 * -(v+1). */
#ifndef CFNFIX_SAT_H
#define CFNFIX_SAT_H

#include <stddef.h>
#include <stdint.h>

typedef enum cf_sat_result { CF_SAT_NO = 0, CF_SAT_YES = 1, CF_SAT_UNKNOWN = 2 } cf_sat_result;

typedef struct cf_sat cf_sat;

cf_sat *cf_sat_new(void);
void cf_sat_free(cf_sat *s);
/* A new variable. */
uint32_t cf_sat_var(cf_sat *s);
/* Add a clause: at least one of lits[0..n) holds.  Repeated literals are
 * merged; a clause holding a literal and its negation is dropped. */
void cf_sat_clause(cf_sat *s, const int32_t *lits, size_t n);
/* After the last clause: find the components and check each on its own
 * (a component that cannot be satisfied at all answers every question
 * touching it with CF_SAT_UNKNOWN). */
void cf_sat_seal(cf_sat *s);
/* Can every assumed literal hold at once? */
cf_sat_result cf_sat_solve(cf_sat *s, const int32_t *assume, size_t n);
/* Propagation steps allowed to one question (default 200000). */
void cf_sat_set_budget(cf_sat *s, size_t steps);

#endif
