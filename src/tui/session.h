/* One template being reviewed: its current text, what the core finds in
 * it, and the edits made so far.  Every change goes through the core:
 * a fix becomes a patch, the patched text is parsed again and verified,
 * and only then becomes the current text, which is linted again on a
 * worker thread (see next below).  Nothing here draws. */
#ifndef CFNFIX_TUI_SESSION_H
#define CFNFIX_TUI_SESSION_H

#include "diag.h"
#include "doc.h"
#include "lint.h"
#include "lintrc.h"
#include "stack_order.h"
#include "template.h"
#include "util.h"
#include "xref.h"

#include <stdbool.h>

/* A step of the history: an edit or the dismissal of a diagnostic (its
 * identity, see session_reject).  An edit keeps only the bytes that
 * differ: the text on the other side of it is the current text with
 * [at, at + span) replaced by `text` (a fix changes a few bytes of a
 * large template; keeping whole copies made 105 accepts of a 6 MB
 * template cost 800 MB). */
typedef struct tui_change {
    size_t at, span;
    cf_buf text;
    char *dismissed;         /* NULL for an edit */
    bool restored;           /* the diagnostic was brought back, not dismissed */
    /* an edit made by accepting fixes: the findings they fixed, for the
     * review (session_save_review), each ended by 0x1e: rule, line, message
     * and fix title separated by 0x1f; NULL: none (an undo's way back keeps
     * it, so a redo accepts them again) */
    char *accepted;
} tui_change;

/* What undo or redo did. */
typedef enum tui_undone { UNDONE_NOTHING, UNDONE_EDIT, UNDONE_DISMISSAL, UNDONE_RESTORE } tui_undone;

/* What a text's options are made from (besides its Metadata). */
typedef struct tui_setup_from {
    const cf_lint_opts *cli;
    const cf_lintrc *rc;
    const char *region;
} tui_setup_from;

typedef struct tui_session {
    char *path;              /* as given; "-" is standard input */
    bool writable;           /* neither --read-only nor standard input */
    const cf_lint_opts *cli; /* the command line's options */
    const cf_lintrc *rc;     /* the configuration file in force, or NULL */
    cf_lint_setup setup;     /* the options in force for the current text:
                              * cli, then its Metadata, then rc (lintrc.h) */
    char setup_error[512];   /* why the current text's Metadata is not used */
    char *disk;              /* the bytes as last read from or written to disk */
    size_t disk_len;
    bool modified;           /* the text differs from disk: compared when
                              * either changes, not at each redraw */
    cf_doc *doc;             /* the text shown: the current one, or while a
                              * newer one is checked, the last one checked */
    cf_template tpl;
    /* doc's names and their uses, and the order its resources are created
     * in: made once per text shown (a load, the end of an edit's check),
     * never per key */
    cf_xref xref;
    cf_stack_order order;
    bool refs_indexed;       /* xref and order are made (session_check
                              * makes the first text's, after its screen) */
    unsigned index_gen;      /* changes with them: views holding symbol or
                              * resource indexes drop them */
    cf_diags ds;             /* with their fixes; empty until checked */
    bool checked;
    /* The current text when it is newer than the one shown: an edit, undo,
     * redo or reload makes it, and it is checked in the background
     * (checker.h) while the panes go on showing doc with its findings,
     * marked stale; when the check ends it becomes doc.  Nothing but the
     * worker touches it meanwhile except its bytes. */
    cf_doc *next;
    cf_lint_setup next_setup;
    char next_setup_error[512];
    struct tui_checker *checking; /* the check of next, or NULL */
    bool hold_checks;        /* checks wait to begin (screen tests) */
    /* Checks given up because the text changed again, with their texts:
     * freed once their threads stop (at the core's next cancel point). */
    struct tui_retired *retired;
    size_t nretired, retired_cap;
    /* The fixes (from ds) accepted since doc was checked: next is doc with
     * exactly these applied unless an undo, redo or reload came since
     * (taken_valid false).  A further accept applies them all again to
     * doc, together with the new one, so the core verifies the whole; a
     * fix that overlaps one of them or does not verify with them is
     * refused, as is any accept after an undo or redo until the check
     * ends. */
    const cf_fix **taken;
    size_t ntaken, taken_cap;
    bool taken_valid;
    tui_change *undo, *redo; /* the history and what was undone, oldest first */
    size_t nundo, undo_cap, nredo, redo_cap;
    size_t undo_limit;       /* at most this many changes on each stack */
    size_t undo_dropped;     /* how many of the oldest changes were forgotten */
    char **rejected;         /* identities of dismissed diagnostics */
    char **rejected_reason;  /* and why, as typed (NULL: not said) */
    size_t nrejected, rejected_cap, rejected_reason_cap;
    unsigned generation;     /* changes whenever doc or ds do: views drop caches */
    char *recover_path;      /* the recovery file (see below); NULL: none kept */
    bool recover_foreign;    /* one for other bytes is there: left alone */
    char recover_error[256]; /* why it could not be written, once */
    double check_ms;         /* how long the last lint + fixes took */
    tui_setup_from first_from; /* the first check's (session_check_start) */
    const char *region;      /* :region: the one region linted, over the
                              * options' own (a name from the spec); NULL: theirs */
} tui_session;

/* The current text: next, else doc. */
static inline const cf_doc *session_text(const tui_session *s) { return s->next ? s->next : s->doc; }

/* How many earlier texts undo keeps by default (the oldest is dropped when
 * one more comes); $CFNFIX_TUI_UNDO_LIMIT sets another (for tests). */
#define TUI_UNDO_LIMIT 100

/* Load the file (not yet linted) to be checked with the options the core
 * makes from cli, rc (the configuration file, may be NULL) and the file's
 * own Metadata.  -1 with a message when it cannot be read or its Metadata
 * names an unknown region. */
int session_open(tui_session *s, const char *path, const cf_lint_opts *cli, const cf_lintrc *rc, bool writable,
                 char *err, size_t errsize);
/* The options in force for the current text. */
static inline const cf_lint_opts *session_opts(const tui_session *s) { return &s->setup.opts; }
void session_close(tui_session *s);
/* Lint the text shown and suggest fixes, here and now (the first check). */
void session_check(tui_session *s);
/* The same on a worker (checker.h), with a copy of the text it parses
 * itself: the panes show the unchecked text meanwhile and keys go on; the
 * findings come with session_poll, and the worker's document becomes the
 * one shown.  Until then session_checking() and !checked. */
void session_check_start(tui_session *s);

/* The background check of a newer text (see next above). */
/* Whether one runs: the findings shown are for an older text. */
static inline bool session_checking(const tui_session *s) { return s->checking != NULL; }
/* How far it is, in percent, estimated from how long the last check took
 * (at most 99), and how long it has run. */
int session_check_progress(const tui_session *s, double *elapsed_ms);
/* Take a check that ended, waiting up to wait_ms (-1: until it ends):
 * true when the text shown changed (the panes drop what they hold). */
bool session_poll(tui_session *s, int wait_ms);
/* Screen tests: checks wait to begin while held. */
void session_hold_checks(tui_session *s, bool hold);

/* Whether the current text differs from what is on disk. */
bool session_modified(const tui_session *s);

/* Apply fixes through the core (cf_fix_apply: one patch, verified; when
 * the combined patch does not verify, each fix that verifies alone is
 * kept).  Returns how many were applied; msg explains a refusal.  The
 * fixes are from ds: while the check of an edit runs they are applied with
 * those accepted since (see taken above). */
size_t session_accept(tui_session *s, const cf_fix *const *fixes, size_t n, char *msg, size_t msgsize);
/* Undo or redo the last edit or dismissal, whichever came last. */
tui_undone session_undo(tui_session *s);
tui_undone session_redo(tui_session *s);
/* Write atomically; refused when the file changed on disk since it was read. */
int session_write(tui_session *s, char *err, size_t errsize);
/* Lint for one region (a name the spec knows; NULL: the options' own
 * again): the current text is checked again in the background, as after
 * an edit; the text and the history stay. */
void session_set_region(tui_session *s, const char *region);
/* Read the file again, dropping unwritten changes and the undo history. */
int session_reload(tui_session *s, char *err, size_t errsize);

/* The recovery file: accepted edits not yet written, kept next to the
 * template as .NAME.cfnfix-recover (as vim keeps a swap file), written
 * atomically after every change of the text and removed when the text is
 * the file's again (written, undone, reloaded) or on a clean quit; so
 * Ctrl-C, a dropped SSH connection (SIGHUP) or SIGTERM lose nothing.  It
 * records a hash of the file's bytes it applies to: on the next open it
 * is offered only while the file still holds those bytes. */
typedef enum tui_recover_state {
    RECOVER_NONE,  /* none there (or none kept: standard input, read-only) */
    RECOVER_OFFER, /* edits for exactly the bytes on disk: may be restored */
    RECOVER_STALE, /* for other bytes (the file changed) or unreadable: kept, not used */
} tui_recover_state;
/* At open: whether a recovery file is there; info describes it. */
tui_recover_state session_recover_find(tui_session *s, char *info, size_t infosize);
/* Make the kept edits the current text (one step of the history: u goes
 * back to the file's text).  -1 with a message when they cannot be read. */
int session_recover_restore(tui_session *s, char *err, size_t errsize);
/* A clean quit: the edits are given up, the file goes. */
void session_recover_forget(tui_session *s);

/* Dismissed diagnostics stay dismissed across edits: they are known by
 * rule, path and message, not by offset.  A dismissal is a step of the
 * history (undo brings the diagnostic back), even when read-only. */
void session_reject(tui_session *s, const cf_diag *d);
/* Bring a dismissed diagnostic back (a step of the history too). */
void session_restore(tui_session *s, const cf_diag *d);
bool session_rejected(const tui_session *s, const cf_diag *d);
/* Record why a dismissed diagnostic was dismissed (for the review). */
void session_set_reject_reason(tui_session *s, const cf_diag *d, const char *reason);

/* Save the review (review.h) of the text so far: the changes from the
 * bytes on disk to the current text, the fixes accepted in the history
 * kept (undone ones are not), and each finding shown: dismissed (with its
 * reason) or left open.  The template is not touched.  The files written
 * go to `written`, one a line.  0, or -1 with a message in err. */
int session_save_review(tui_session *s, const char *file, cf_buf *written, char *err, size_t errsize);

#endif
