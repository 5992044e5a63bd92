/* Applying edits to the original bytes, and showing them as a unified
 * diff.  Bytes outside the edited ranges are copied as they are. */
#ifndef CFNFIX_PATCH_H
#define CFNFIX_PATCH_H

#include "doc.h"
#include "fix.h"
#include "util.h"

#include <stdbool.h>

/* A set of edits to apply together (borrowed from fixes). */
typedef struct cf_patch {
    const cf_edit **edits;
    size_t n, cap;
    const cf_fix **fixes; /* the fixes taken, for verification */
    size_t nfixes, fixes_cap;
} cf_patch;

/* Add all of a fix's edits; false (nothing added) when one of them overlaps
 * an edit already in the patch.  A fix whose edits are all in the patch
 * already, byte for byte (another finding's fix that does the same), is
 * taken: true, and nothing is added. */
bool cf_patch_add_fix(cf_patch *p, const cf_fix *f);
/* Every edit of f is in the patch already, byte for byte. */
bool cf_patch_has_fix(const cf_patch *p, const cf_fix *f);
void cf_patch_free(cf_patch *p);

/* The original with the edits applied. */
void cf_patch_apply(const cf_patch *p, const char *src, size_t len, cf_buf *out);

/* A unified diff of the change (3 lines of context), with file labels. */
void cf_patch_diff(const cf_doc *doc, const cf_patch *p, const char *old_label, const char *new_label, cf_buf *out);

#endif
