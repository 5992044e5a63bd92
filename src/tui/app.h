/* The terminal UI's state, shared by the panes.  The app owns the
 * session (the model), the selection and each pane's scroll state; each
 * pane is a view: a table of operations (draw, act) in the manner of
 * tig's struct view_ops. */
#ifndef CFNFIX_TUI_APP_H
#define CFNFIX_TUI_APP_H

#include "tui/keys.h"
#include "tui/screen.h"
#include "tui/session.h"

#include "strmap.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct tui_app tui_app;

typedef struct tui_rect {
    int row, col, rows, cols;
} tui_rect;

typedef enum tui_pane { PANE_TREE, PANE_DIAGS, PANE_SOURCE, PANE_FIXES, PANE_COUNT } tui_pane;

typedef struct tui_view_ops {
    const char *name;
    /* Draw into r (its first row is the header). */
    void (*draw)(tui_app *app, tui_grid *g, tui_rect r, bool focused);
    /* A movement action while the pane has the focus; false when the pane
     * has nothing to do with it. */
    bool (*act)(tui_app *app, tui_action a, int page);
    /* A click at (row, col) of the pane (row 0: its header): select what
     * is there.  NULL: nothing to select. */
    void (*click)(tui_app *app, int row, int col);
} tui_view_ops;

extern const tui_view_ops tree_view_ops, diags_view_ops, source_view_ops, fixes_view_ops;

/* A row of the template tree. */
typedef enum tree_row_kind { ROW_SECTION, ROW_ENTRY, ROW_CHILD, ROW_NOTE } tree_row_kind;
typedef struct tree_row {
    const cf_node *key;    /* the mapping key; NULL for a sequence item or a note */
    const cf_node *node;   /* what the row stands for (the value) */
    uint32_t start, end;   /* its bytes: diagnostics starting there are its own */
    uint32_t index;        /* a sequence item's index */
    uint16_t depth;
    uint8_t kind;          /* tree_row_kind */
    bool expandable, expanded;
    const char *type_name; /* a resource's type */
} tree_row;

typedef enum tree_sort { SORT_TEMPLATE, SORT_NAME, SORT_TYPE } tree_sort;

typedef struct tree_state {
    tree_row *rows;
    size_t n, cap;
    size_t cursor, top;
    /* Expansion by path (see node_path in tree.c): a hash of
     * tree_expansion, so building the rows costs the same however many
     * entries were ever opened. */
    strmap expansions;
    /* What the last reveal (n, /) opened that was closed before: closed
     * again when the next reveal goes elsewhere, unless the user opened
     * or closed it meanwhile. */
    struct tree_expansion **opened_by_reveal;
    size_t nopened, opened_cap;
    tree_sort sort;
    bool only_diags;
    unsigned built_for;    /* session generation the rows were built for */
    bool dirty;            /* expansion, sort or filter changed: rebuild */
    bool started;          /* the sections were expanded at the start */
    bool center;           /* a jump: show the cursor with context above it */
    char *cursor_path;     /* the cursor's row, kept across rebuilds */
    struct tree_entries *entries; /* the sections' entries, once per text (tree.c) */
} tree_state;

/* The diagnostics shown: passing the filter, not rejected (unless D
 * lists them), by offset. */
typedef struct diag_list {
    size_t *v;             /* indexes into session.ds.v */
    size_t n, cap;
} diag_list;

typedef struct source_state {
    uint32_t top, cursor;  /* 1-based lines */
    int col;               /* the cursor's display column, as wanted: kept
                              across shorter lines, as in vim */
    int hscroll;           /* columns scrolled sideways */
    bool reveal;           /* scroll sideways to the selected span at the next draw */
    bool show_col;         /* scroll sideways to the cursor at the next draw */
} source_state;

/* A place in the source the jump list goes back to (vim's Ctrl-O): by
 * line and column, so it survives an edit elsewhere. */
typedef struct jump_pos {
    uint32_t line;
    int col;
} jump_pos;
typedef struct jump_list {
    jump_pos *v;
    size_t n, cap;
    size_t at;             /* the place shown: n when past the newest */
} jump_list;

/* The uses of one symbol (gr), listed in the fix panel's place. */
typedef struct refs_state {
    bool open;
    size_t sym;            /* index into s.xref.syms */
    unsigned index_gen;    /* the session's index it was made for */
    size_t cursor, top;
    bool fresh;            /* not walked yet: n goes to the cursor's use */
} refs_state;

/* The dependency view (gD) of one resource, over the panes: its lines are
 * made when it opens (what it needs and what needs it can be the whole
 * stack; only the lines in view are drawn). */
typedef struct deps_line {
    char *text;
    long res;              /* the resource the line names (Enter goes there), -1: none */
    uint8_t style;         /* tui_style */
} deps_line;
typedef struct deps_state {
    bool open;
    size_t res;
    unsigned index_gen;
    int width;             /* the lists were wrapped for it */
    deps_line *v;
    size_t n, cap;
    size_t cursor, top;
} deps_state;

typedef struct fixes_state {
    int choice;            /* the alternative chosen, 0-based */
    int scroll;
    int hscroll;           /* the diff's columns scrolled sideways */
    cf_buf diff;           /* the chosen alternative's diff, cached */
    unsigned diff_gen;     /* generation + 1 it was made for; 0: none */
    long diff_diag;
    int diff_choice;
} fixes_state;

/* A question on the message line: a line of text, or y/n. */
typedef enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_COMMAND, PROMPT_CONFIRM, PROMPT_REASON } prompt_kind;
typedef struct prompt_state {
    prompt_kind kind;
    cf_buf input;
    char question[160];
    void (*on_yes)(tui_app *app); /* PROMPT_CONFIRM */
    void (*on_no)(tui_app *app);  /* PROMPT_CONFIRM; NULL: "Cancelled." */
    /* PROMPT_COMMAND's Tab: the word typed, while Tab goes through its
     * completions (cycle >= 0), and the choices shown after the input */
    char *complete_stem;
    int complete_cycle;
    char hint[360];
} prompt_state;

/* How the app talks to the world: a terminal or a script. */
typedef struct tui_backend {
    void *ctx;
    /* The next key; TK_EOF at the end.  ms < 0: blocks; else
     * INPUT_TIMEOUT when none comes within ms (a check runs meanwhile). */
    int (*next_key)(void *ctx, int ms);
    void (*present)(void *ctx, const tui_grid *g); /* show the frame */
    void (*size)(void *ctx, int *rows, int *cols);
    void (*suspend)(void *ctx);                    /* give the terminal to $EDITOR */
    void (*resume)(void *ctx);
    void (*invalidate)(void *ctx);                 /* the next frame is drawn whole */
    /* Whether Esc or Ctrl-C came while a long task runs (taken from the
     * input; other keys stay for later).  NULL: never. */
    bool (*interrupted)(void *ctx);
    /* Whether a key waits until the running check ends (test scripts, so
     * that each screen is the same every run); NULL: never, keys come as
     * they are typed. */
    bool (*waits_for_checks)(void *ctx);
    bool color;
    bool held_at_start;   /* the first check waits to begin (a test script's :hold) */
} tui_backend;

struct tui_app {
    tui_session s;
    tui_backend *be;
    tui_grid grid;
    tui_pane focus;
    tui_rect rects[PANE_COUNT];
    bool too_small;

    tree_state tree;
    diag_list shown;
    unsigned shown_for;     /* session generation the list was made for */
    unsigned filter_gen, shown_filter; /* filter changes, and the one it was made for */
    long sel;               /* selected diagnostic: index into s.ds.v, -1 none */
    bool scope_all;         /* the diagnostics pane lists the whole template's */
    bool show_dismissed;    /* the dismissed ones are listed too (D) */
    source_state src;
    fixes_state fix;
    jump_list jumps;
    refs_state refs;
    deps_state deps;
    int pending;            /* a prefix key (g) waiting for the next */
    int help_top;           /* first help line shown; -1: help closed */
    int detail_top;         /* first line of the finding shown in full (K); -1: closed */

    char **filter;          /* E, W, I or rule id prefixes; empty: all */
    size_t nfilter;
    char *last_search;
    char facts_note[64];    /* imported AWS facts older than 90 days: said in the status line */

    prompt_state prompt;
    const char *review_out; /* --review-out: where W saves the review; NULL: TEMPLATE.review.json here */
    char message[512];
    bool message_error;
    bool quit;
    /* What to do when the check of an edit ends and its findings replace
     * the stale ones shown: select, say what was done (app.c). */
    struct after_check {
        enum { AFTER_NONE, AFTER_FIRST, AFTER_ACCEPT, AFTER_ACCEPT_SAFE, AFTER_RELOAD, AFTER_RECOVER, AFTER_REGION } kind;
        uint32_t at;        /* select the first finding from here (accepts) */
        size_t applied;     /* safe fixes applied (A) */
        char text[300];     /* the fix's title (a), or a refusal (A) */
    } after;
    double started_ms;      /* when the file began to load (CFNFIX_TUI_TIMING) */
    bool started;           /* app_run ran once: the first check is done */
    /* Opened from the file list (files.h): q goes back to it, and the
     * unwritten changes stay with the file (and its recovery file) */
    bool from_list;
    /* run once the template's findings are known: the list's A, or n
     * pressed before the first check ended */
    tui_action first_action;
    bool input_ended;       /* app_run returned at the end of input, not q */
};

/* --- app.c: what the panes ask of the app */
/* "…", or "..." on a terminal without Unicode. */
const char *app_ellipsis(const tui_app *app);
void app_message(tui_app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The diagnostics shown, rebuilt when the session changed. */
const diag_list *app_shown(tui_app *app);
const cf_diag *app_diag(tui_app *app, long index);
/* Where a diagnostic belongs in the tree and in the lists: the start of
 * the node it is about, else where it is placed.  tree_reveal goes to
 * that node's row, so the row the cursor lands on lists the finding even
 * when cfn-lint places it elsewhere (on a parent's key, say). */
uint32_t app_diag_anchor(const cf_diag *d);
/* Select a diagnostic (index into s.ds.v, -1 none): the source follows. */
void app_select_diag(tui_app *app, long index);
/* The tree's selection moved: the diagnostic selection is dropped and the
 * source follows the entry. */
void app_tree_moved(tui_app *app);
/* Severity style of a diagnostic. */
tui_style app_level_style(const cf_diag *d);
char app_level_letter(const cf_diag *d);

/* --- tree.c */
void tree_rebuild(tui_app *app);
const tree_row *tree_current(tui_app *app);
/* Expand down to the row that holds node and put the cursor on it. */
void tree_reveal(tui_app *app, const cf_node *node);
/* The shown diagnostics that start within [start, end): their range in
 * app_shown(). */
void tree_diag_range(tui_app *app, uint32_t start, uint32_t end, size_t *from, size_t *to);
/* Collapse every entry; the sections stay open (C). */
void tree_collapse_all(tui_app *app);
void tree_free(tree_state *t);

/* --- diagnostics.c */
/* The diagnostics pane's list, a range of app_shown(): the selected tree
 * entry's, or the whole template's (t). */
void diags_range(tui_app *app, size_t *from, size_t *to);
/* What the list covers, for a title or a question: "Properties",
 * "Subscription[0]", "the template". */
void diags_scope(tui_app *app, char *out, size_t size);

/* The selected diagnostic in full (K), over the panes. */
void detail_draw(tui_app *app, tui_grid *g, tui_rect r);
void detail_key(tui_app *app, int key, int page);

/* --- source.c */
/* Show line (1-based) in the source pane, keeping the cursor there. */
void source_follow(tui_app *app, uint32_t line);
/* Put the cursor on a byte of the text shown: its line and column. */
void source_goto(tui_app *app, uint32_t byte);
/* The wheel: the view moves by lines (the cursor stays in it). */
void source_scroll(tui_app *app, int lines);
/* The byte under the cursor (the end of its line when past it). */
uint32_t source_cursor_byte(const tui_app *app);

/* --- refs.c: definitions, uses, the jump list (the session's index) */
extern const tui_view_ops refs_view_ops;
void refs_goto_definition(tui_app *app);
void refs_list_uses(tui_app *app);
/* n, N while the list is open: the next or previous use. */
void refs_walk(tui_app *app, int dir);
/* Whether the list is open (for the index shown). */
bool refs_open(tui_app *app);
void refs_close(tui_app *app);
void jump_back(tui_app *app);
void jump_forward(tui_app *app);
bool jump_ahead(const tui_app *app);
void refs_free(tui_app *app);
/* Go to a byte as a jump (recorded), the tree following to node. */
void refs_jump_to(tui_app *app, const cf_node *node, uint32_t byte);

/* --- deps.c: the dependency view (gD) */
void deps_open(tui_app *app);
void deps_draw(tui_app *app, tui_grid *g, tui_rect r);
void deps_key(tui_app *app, int key, int page);
void deps_free(tui_app *app);

/* --- fixpanel.c */
const cf_fix *fixes_chosen(tui_app *app, const cf_diag *d);

/* --- help.c */
void help_draw(tui_app *app, tui_grid *g, tui_rect r);
void help_key(tui_app *app, int key, int page);
/* The same for any view: *top is the first line shown, -1 once closed. */
void help_draw_at(tui_grid *g, tui_rect r, int *top);
void help_key_at(int *top, int key, int page);

/* --- search.c */
void search_run(tui_app *app, const char *pattern);

/* --- prompt.c */
void prompt_open(tui_app *app, prompt_kind kind, const char *question, void (*on_yes)(tui_app *));
void prompt_key(tui_app *app, int key);
void prompt_draw(tui_app *app, tui_grid *g, int row);

/* --- filter: in app.c */
void app_set_filter(tui_app *app, const char *spec);
/* x's prompt ended: dismiss the selected diagnostic with this reason. */
void app_reject_with_reason(tui_app *app, const char *reason);
/* Run a global command as its key does (refused when it edits and the
 * file is read-only). */
void app_command(tui_app *app, tui_action a);

/* --- cmdline.c: the command line (:) */
void cmdline_run(tui_app *app, const char *text);
/* Tab: complete the word before the end of the input. */
void cmdline_complete(tui_app *app);

/* --- preview.c: the first screen of a large template, before it is parsed */
#define PREVIEW_MIN_BYTES ((size_t)1 << 20)
/* Whether path is a file large enough for a preview (its size in *size). */
bool preview_wanted(const char *path, size_t *size);
void preview_draw(tui_grid *g, const char *path, size_t size);

/* --- run */
double app_now_ms(void);
/* Run until q (app->quit) or the end of input (app->input_ended); again
 * after returning (from the file list), where it was left. */
int app_run(tui_app *app);
void app_free(tui_app *app);

#endif
