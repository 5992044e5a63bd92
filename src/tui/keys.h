/* Keys and what they do.  One table binds keys to actions with a line of
 * help each; the `?` screen, the man page's key list and the scripted
 * mode's key names all come from it. */
#ifndef CFNFIX_TUI_KEYS_H
#define CFNFIX_TUI_KEYS_H

#include "util.h"

#include <stdbool.h>
#include <stdio.h>

/* A key: a Unicode code point (control keys as their control codes, Ctrl-R
 * is 0x12), or one of these beyond Unicode's range. */
enum {
    TK_UP = 0x110000, TK_DOWN, TK_LEFT, TK_RIGHT, TK_PGUP, TK_PGDN, TK_HOME, TK_END,
    TK_ENTER, TK_TAB, TK_BTAB, TK_ESC, TK_BACKSPACE, TK_DELETE,
    TK_RESIZE, /* the terminal changed size */
    TK_EOF,    /* no more input: the terminal went away, the script ended */
    TK_NONE,   /* a key the terminal library decoded and nothing is bound to */
    /* From test scripts only (:hold, :release; script.h): background
     * checks wait to begin, or go on. */
    TK_TEST_HOLD, TK_TEST_RELEASE,
};
#define TK_CTRL(c) ((c) & 0x1f)
/* A mouse event is a key too (so it takes the keys' one path, from the
 * terminal or a test script's :click and :wheel): what happened and the
 * cell, 0-based, in the bits below 0x400000. */
enum { TK_MOUSE_PRESS, TK_MOUSE_WHEEL_UP, TK_MOUSE_WHEEL_DOWN };
#define TK_MOUSE_ROWS 512
#define TK_MOUSE_COLS 1024
#define TK_MOUSE(kind, row, col) (0x200000 | ((kind) << 19) | ((row) << 10) | (col))
#define TK_IS_MOUSE(k) ((k) >= 0x200000 && (k) < 0x400000)
#define TK_MOUSE_KIND(k) (((k) >> 19) & 3)
#define TK_MOUSE_ROW(k) (((k) >> 10) & 0x1ff)
#define TK_MOUSE_COL(k) ((k) & 0x3ff)
/* Two keys in a row, as vim's gd: the first (a prefix) waits for the
 * second.  Keys are below 0x400000, so the pair fits in an int. */
#define TK_SEQ(prefix, key) (((prefix) << 22) | (key))
#define TK_SEQ_PREFIX(k) ((k) >> 22)
#define TK_SEQ_KEY(k) ((k) & 0x3fffff)

typedef enum tui_action {
    ACT_NONE,
    /* moving, in the focused pane */
    ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM, ACT_EXPAND, ACT_COLLAPSE,
    ACT_LINE_START, ACT_LINE_END,
    ACT_NEXT_PANE, ACT_PREV_PANE, ACT_COLLAPSE_ALL,
    /* diagnostics and fixes */
    ACT_NEXT_DIAG, ACT_PREV_DIAG, ACT_CHOOSE, ACT_ACCEPT, ACT_REJECT, ACT_REJECT_REASON, ACT_ACCEPT_SAFE,
    ACT_UNDO, ACT_REDO, ACT_DETAIL,
    /* what is shown */
    ACT_SCOPE, ACT_SORT, ACT_ONLY_DIAGS, ACT_SEARCH, ACT_FILTER, ACT_DISMISSED,
    /* the file */
    ACT_WRITE, ACT_REVIEW, ACT_EDITOR, ACT_RELOAD, ACT_QUIT,
    ACT_HELP, ACT_REDRAW, ACT_COMMAND,
    ACT_MOUSE, /* not bound to a key: the mouse's lines of the help */
    /* references */
    ACT_GOTO_DEF, ACT_REFERENCES, ACT_DEPENDENCIES, ACT_JUMP_BACK, ACT_JUMP_FORWARD,
    /* the file list (files.h) */
    ACT_FILES_OPEN, ACT_FILES_SORT, ACT_FILES_FILTER, ACT_WRITE_ALL,
} tui_action;

/* Where a binding holds: some keys mean another thing in one place (Enter
 * in the source pane goes to the definition; Tab goes forward in the jump
 * list after Ctrl-O, as vim's Ctrl-I, which terminals send as Tab). */
enum { KC_SOURCE = 1, KC_JUMP_AHEAD = 2, KC_FILES = 4, KC_FROM_LIST = 8 };

/* The action a key (or TK_SEQ pair) is bound to (ACT_NONE when none);
 * keys_action_in: in a context (KC_* bits), whose bindings come first. */
tui_action keys_action(int key);
tui_action keys_action_in(int key, unsigned context);
/* Whether a key starts a pair (g of gd): it waits for the next. */
bool keys_is_prefix(int key);

/* A key's name as the scripts and the help write it ("j", "Down", "C-r"),
 * and back (-1 when unknown). */
const char *keys_name(int key, char *buf, size_t size);
int keys_parse(const char *name);

/* The help screen's lines: headings start with '#'. */
size_t keys_help_lines(char ***lines);
void keys_free_lines(char **lines, size_t n);
/* The key list for the man page, in roff. */
void keys_write_man(FILE *out);

/* --- From what the terminal sends to keys.  The terminal library decodes
 * the sequences its terminal description names (arrows, PgUp...); the rest
 * arrives byte by byte, and an escape sequence it did not know (Ctrl-Up
 * as ESC [1;5A under TERM=screen) would read as Escape, '[', '1', ';', '5',
 * 'A' — keys that act.  Here an escape sequence is read whole and dropped:
 * no unknown sequence is ever taken for keys.  Both backends (the terminal
 * and the test scripts) go through this. */

/* What a backend's reader returns when nothing came in time. */
#define INPUT_TIMEOUT (-1)

/* Read one unit of input: a character (a Unicode code point, control
 * characters as themselves), or a key the library decoded (TK_UP...; TK_NONE for one nothing is bound to; TK_RESIZE; TK_EOF).  wait:
 * block until something comes; else give up with INPUT_TIMEOUT after
 * ms milliseconds. */
typedef int (*input_read_fn)(void *ctx, bool wait, int ms);

/* How long after an ESC the next byte must come for the two to be one
 * sequence (as ncurses' ESCDELAY): a plain Escape is alone that long. */
#define INPUT_ESC_MS 25
/* Within a sequence already begun, the rest may come in another packet. */
#define INPUT_SEQ_MS 150

/* The next key: TK_ENTER, TK_TAB, TK_ESC, TK_BACKSPACE for their control
 * characters; never TK_NONE; TK_EOF at the end. */
int input_next_key(input_read_fn read, void *ctx);
/* The same, giving up with INPUT_TIMEOUT when nothing begins to come
 * within ms (ms < 0: block): the UI's tick while a check runs. */
int input_next_key_within(input_read_fn read, void *ctx, int ms);

#endif
