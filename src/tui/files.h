/* The file list: `cfnfix FOLDER` or `cfnfix A.yaml B.yaml ...`.  Every
 * template is linted in the background (lint_batch.h) and its row fills in
 * with counts per severity as its result comes; the first screen shows at
 * once.  Enter opens a template in the usual panes (an app of its own,
 * kept while the list runs, so accepted changes stay with their file until
 * written); q there comes back.  w writes the selected template, W every
 * changed one after one question that lists them.  In a folder, files are
 * found by name (template_files.h) and kept by content: what is not a
 * template is dropped from the list once read. */
#ifndef CFNFIX_TUI_FILES_H
#define CFNFIX_TUI_FILES_H

#include "lint.h"
#include "lint_batch.h"
#include "lintrc.h"
#include "tui/app.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct files_entry {
    char *path;
    const cf_lintrc *rc;   /* its configuration file, or NULL */
    bool named;            /* given by name: shown even when not a template */
    cf_batch_result r;     /* the background lint's result (r.done) */
    tui_app *app;          /* opened: its session holds the changes; NULL until then */
} files_entry;

typedef enum files_sort { FSORT_PATH, FSORT_ERRORS, FSORT_WARNINGS, FSORT_FINDINGS, FSORT_COUNT } files_sort;

typedef struct tui_files {
    files_entry *v;
    size_t n;
    size_t *shown;         /* indexes into v: passing the filter, sorted */
    size_t nshown;
    bool shown_dirty;
    size_t cursor, top;    /* in shown */
    files_sort sort;
    char filter[64];       /* "E", "W", "I" or text in the path; empty: all */
    size_t hidden;         /* found in a folder, read, not templates */

    const cf_lint_opts *cli;
    bool writable;
    const char *review_out;
    cf_batch *batch;
    char **paths;          /* the batch's (borrowed from v) */
    const cf_lintrc **rcs;

    tui_backend *be;
    tui_grid grid;
    int help_top;          /* -1: closed */
    int pending;           /* a prefix key (g of gg) */
    /* a question on the message line: y/N, or a line typed (f) */
    enum { FQ_NONE, FQ_CONFIRM, FQ_FILTER } asking;
    char question[400];
    void (*on_yes)(struct tui_files *f);
    cf_buf input;
    char message[512];
    bool message_error;
    bool quit;
    double started_ms;
    bool truncated;        /* the folder had more files than are listed */
} tui_files;

/* Add a file to the list (before files_run). */
void files_add(tui_files *f, const char *path, const cf_lintrc *rc, bool named);
/* Lint them all in the background with `jobs` workers and run the list
 * until q or the end of input. */
void files_run(tui_files *f, int jobs);
void files_free(tui_files *f);

#endif
