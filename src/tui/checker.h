/* Checking a text (lint, then the fixes suggested) on a thread of its
 * own, so the UI answers keys while a large template is checked after an
 * edit.  The UI thread starts a check, looks whether it is done, and takes
 * its findings; the worker only computes (ncurses and the session belong
 * to the UI thread).  A check given up (the text changed again) stops at
 * the core's next cancel point (cf_lint_opts.cancel: between rule
 * families, and between resources in the longest one). */
#ifndef CFNFIX_TUI_CHECKER_H
#define CFNFIX_TUI_CHECKER_H

#include "diag.h"
#include "doc.h"
#include "lint.h"
#include "lintrc.h"
#include "stack_order.h"
#include "template.h"
#include "xref.h"

#include <stdbool.h>

typedef struct tui_checker tui_checker;

/* Start checking doc with opts; both stay the caller's and must live, and
 * doc must not be used by another thread (the core keeps caches in a
 * document), until checker_finish.  held: the check waits to begin until
 * checker_release (for screen tests: the screen while it runs is then
 * always the same). */
tui_checker *checker_start(const cf_doc *doc, const cf_lint_opts *opts, bool held);
/* The options for a document parsed by the worker (made on its thread:
 * they may borrow from the document, as cf_lint_setup_for's do). */
typedef void (*checker_setup_fn)(void *ctx, const cf_doc *doc, cf_lint_setup *out);
/* Parse bytes (taken: freed by the checker) as name on the worker first,
 * then check that document with the options setup makes for it: the
 * first check of a template, while the UI shows a document of its own
 * (a document must not be read by two threads).  setup_ctx must live
 * until checker_finish_text. */
tui_checker *checker_start_text(const char *name, char *bytes, size_t len, checker_setup_fn setup, void *setup_ctx,
                                bool held);
void checker_release(tui_checker *c);
/* Give it up: the worker stops at its next cancel point. */
void checker_cancel(tui_checker *c);
/* Whether it ended (done or given up); waits up to ms for it first
 * (0: not at all; -1: as long as it takes). */
bool checker_wait(tui_checker *c, int ms);
/* How long it has run (0 while held). */
double checker_elapsed_ms(tui_checker *c);
/* Wait for the thread and free the checker.  true with the findings (and
 * their fixes) in out (cleared first) and how long it took; false when it
 * was given up (out untouched). */
/* What the UI indexes a shown text by, made on the worker after the
 * check (the reference index of a 10 MB template takes 100 ms: not on
 * the thread that answers keys). */
typedef struct checker_index {
    cf_template tpl;
    cf_xref xref;
    cf_stack_order order;
    double ms;
} checker_index;

bool checker_finish(tui_checker *c, cf_diags *out, double *ms);
/* The same for checker_start_text: when kept, also the parsed document
 * and its options (the caller's to free); given up, they are freed.
 * doc NULL: freed in any case. */
bool checker_finish_text(tui_checker *c, cf_diags *out, double *ms, cf_doc **doc, cf_lint_setup *setup);
/* The same, with the index made for the checked document (index NULL:
 * freed).  Kept: it is the caller's, and borrows from the document. */
bool checker_finish_indexed(tui_checker *c, cf_diags *out, double *ms, cf_doc **doc, cf_lint_setup *setup,
                            checker_index *index);

#endif
