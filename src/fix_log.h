/* What `fix -f json` prints: for each file, every fix considered, with
 * what became of it (applied, not needed, refused and why, left for
 * --unsafe, display-only) and the finding it is for. */
#ifndef CFNFIX_FIX_LOG_H
#define CFNFIX_FIX_LOG_H

#include "diag.h"
#include "util.h"

#include <stdbool.h>

typedef struct cf_fix_entry {
    const cf_diag *diag;
    const cf_fix *fix;
    const char *status; /* "applied", "not needed", "refused", "needs --unsafe", "display-only" */
    char *reason;       /* why, or NULL */
} cf_fix_entry;

typedef struct cf_fix_log {
    cf_fix_entry *v;
    size_t n, cap;
} cf_fix_log;

/* Record fix (of finding d) with its status; a fix already recorded keeps
 * its first status.  reason is copied (may be NULL). */
void cf_fix_log_add(cf_fix_log *log, const cf_diag *d, const cf_fix *f, const char *status, const char *reason);
bool cf_fix_log_has(const cf_fix_log *log, const cf_fix *f);
/* One file's object of the `fix -f json` array, indented by 4. */
void cf_fix_log_json(cf_buf *b, const char *file, const cf_fix_log *log, bool written);
void cf_fix_log_free(cf_fix_log *log);

#endif
