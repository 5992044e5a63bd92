/* The fix stage: after lint, each finding a generator knows gets its
 * alternatives (document -> diagnostics -> fixes -> patches). */
#ifndef CFNFIX_FIXES_H
#define CFNFIX_FIXES_H

#include "diag.h"
#include "lint.h"

void cf_fixes_suggest(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *ds);
/* Drop the alternatives that the verifier that re-lints refuses when
 * applied alone (the finding stays, or one at its level or above appears):
 * what a report lists is what `fix` would apply.  One lint per fix. */
void cf_fixes_drop_unverified(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *ds);
/* Whether cfnfix can propose fixes for findings of this rule. */
bool cf_fixes_has_generator(const char *rule);

#endif
