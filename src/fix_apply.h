/* Accepting fixes: what `cfnfix fix` and the terminal UI do with the fixes
 * they take.  The fixes go into one patch (one that overlaps a fix already
 * taken is refused); the patched text is parsed again and verified; when
 * the combined patch does not verify, each fix is tried alone, those that
 * do not verify are refused, and the rest are tried together again. */
#ifndef CFNFIX_FIX_APPLY_H
#define CFNFIX_FIX_APPLY_H

#include "diag.h"
#include "doc.h"
#include "lint.h"
#include "fix.h"
#include "patch.h"

#include <stdbool.h>
#include <stddef.h>

/* The first alternative of d that may be applied: a safe one, or with
 * unsafe also one that changes behaviour; NULL when there is none. */
const cf_fix *cf_fix_choose(const cf_diag *d, bool unsafe);

/* Why a fix was not applied. */
typedef enum cf_fix_refusal {
    CF_FIX_OVERLAPS,     /* it overlaps a fix already taken (detail: "") */
    CF_FIX_UNVERIFIED,   /* alone, its result does not verify (detail: why) */
    CF_FIX_COMBINED,     /* the fixes that verify alone do not together (fix NULL) */
    CF_FIX_DISPLAY_ONLY, /* an alternative that is shown, never applied */
} cf_fix_refusal;

/* Told about each refusal, in order. */
typedef void cf_fix_refused_fn(void *ctx, cf_fix_refusal why, const cf_fix *fix, const char *detail);

typedef struct cf_fix_result {
    cf_doc *doc;     /* the fixed text, parsed and verified; NULL when nothing was applied */
    cf_patch patch;  /* the fixes in it (borrowed from the caller's fixes) */
    size_t applied;  /* fixes applied (those making the same edits count once); 0 without doc */
    size_t refused;  /* how many refusals were reported */
} cf_fix_result;

/* Apply fixes[0..n) to doc as described above.  Returns how many were
 * applied; out holds the result (free it with cf_fix_result_free).
 * refused may be NULL. */
size_t cf_fix_apply(const cf_doc *doc, const cf_fix *const *fixes, size_t n, cf_fix_refused_fn *refused, void *ctx,
                    cf_fix_result *out);
void cf_fix_result_free(cf_fix_result *r);

/* The verifier that re-lints.  A patch is accepted only when, after it,
 * the findings its fixes are for are gone and no finding appears that was
 * not there (same rule and message) at the level of a finding fixed or
 * above (an error for a warning's fix, or another warning).  Fixes are
 * taken together when that holds; else one by one, in order, each kept
 * when the ones kept so far and it still pass, and a fix that does not is
 * replaced by the next alternative of its finding that may be applied
 * (safe ones; with unsafe, unsafe ones too). */
typedef struct cf_fix_judge {
    const cf_lint_opts *opts; /* lint the result with these */
    const cf_diags *before;   /* the findings of doc, whose alternatives the fixes are */
    bool unsafe;              /* which alternatives may replace a failing one */
} cf_fix_judge;

size_t cf_fix_apply_judged(const cf_doc *doc, const cf_fix *const *fixes, size_t n, const cf_fix_judge *judge,
                           cf_fix_refused_fn *refused, void *ctx, cf_fix_result *out);

/* Whether a finding like d (same rule, same path) is among after: a fix
 * skipped for overlapping another may have had its finding resolved by
 * that other one (a value both rewrite), which is no refusal. */
bool cf_fix_finding_remains(const cf_diag *d, const cf_diags *after);
/* The finding among ds whose alternatives include f, or NULL. */
const cf_diag *cf_fix_owner(const cf_diags *ds, const cf_fix *f);

#endif
