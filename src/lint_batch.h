/* Linting many templates in the background, for a view that fills in as
 * results come (the terminal UI's file list).  Workers take the files in
 * order; the caller looks now and then which ones ended and reads their
 * counts.  Nothing is printed: a result is counts per level, or why the
 * file could not be checked. */
#ifndef CFNFIX_LINT_BATCH_H
#define CFNFIX_LINT_BATCH_H

#include "lint.h"
#include "lintrc.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cf_batch cf_batch;

typedef struct cf_batch_result {
    bool done;          /* checked (or found unreadable, or not a template) */
    bool template_;     /* by its content (template_files.h) */
    size_t errors, warnings, infos;
    char problem[600];  /* not read, or its Metadata names an unknown region: why */
} cf_batch_result;

/* Start `jobs` workers over paths (borrowed: they must live until
 * cf_batch_free), each linted with the options the core makes from cli,
 * rcs[i] (its configuration file, may be NULL) and its own Metadata, as
 * `cfnfix lint` and the UI's session do.  Every option must live as long. */
cf_batch *cf_batch_start(char *const *paths, const cf_lintrc *const *rcs, size_t n, const cf_lint_opts *cli,
                         int jobs);
/* Indexes of the files that ended since the last call, in *out (up to
 * max); returns how many. */
size_t cf_batch_take(cf_batch *b, size_t *out, size_t max);
/* A file's result (a copy, taken under the batch's lock). */
cf_batch_result cf_batch_get(cf_batch *b, size_t i);
/* How many files have ended. */
size_t cf_batch_done(cf_batch *b);
/* Wait up to ms (-1: as long as it takes) for the next result; true when
 * one is waiting to be taken or all have ended. */
bool cf_batch_wait(cf_batch *b, int ms);
/* Stop (the running lints give up at their next cancel point) and free. */
void cf_batch_free(cf_batch *b);

#endif
