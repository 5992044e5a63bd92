/* Verifying a patch before anything is written: the patched text is
 * parsed again and must read exactly as the original except where the
 * fixes said it would change (a scalar's new value, a renamed key, an entry
 * gone, an entry added).  Quoting mistakes (a plain 14.10 read as 14.1)
 * and broken structure are caught here. */
#ifndef CFNFIX_VERIFY_H
#define CFNFIX_VERIFY_H

#include "doc.h"
#include "fix.h"
#include "patch.h"

#include <stddef.h>

/* 0 when `patched` (the result of applying p to old's bytes) reads as
 * intended; -1 with the first difference explained in err. */
int cf_patch_verify(const cf_doc *old, const cf_doc *patched, const cf_patch *p, char *err, size_t errsize);

#endif
