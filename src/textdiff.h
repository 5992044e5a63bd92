/* A unified diff of two whole texts, line by line (Myers' O(ND)
 * algorithm), as `diff -u` and `git diff` write it: what `git apply` and
 * `patch -p1` take.  For changes made by something other than one patch
 * (a TUI session's accepted fixes, one after another); patch.h diffs a
 * single patch from its edits. */
#ifndef CFNFIX_TEXTDIFF_H
#define CFNFIX_TEXTDIFF_H

#include "util.h"

#include <stddef.h>

/* Append the diff of old -> new (3 lines of context) with the file labels
 * (a/NAME, b/NAME for git); nothing when the texts are equal. */
void cf_text_diff(const char *old, size_t old_len, const char *new_text, size_t new_len, const char *old_label,
                  const char *new_label, cf_buf *out);

#endif
