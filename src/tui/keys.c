/* The key table: every binding with its help text. */
#include "tui/keys.h"

#include <stdlib.h>
#include <string.h>

/* Named keys, for scripts and for the help.  Printable characters are
 * named by themselves. */
static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Up", TK_UP}, {"Down", TK_DOWN}, {"Left", TK_LEFT}, {"Right", TK_RIGHT},
    {"PgUp", TK_PGUP}, {"PgDn", TK_PGDN}, {"Home", TK_HOME}, {"End", TK_END},
    {"Enter", TK_ENTER}, {"Tab", TK_TAB}, {"S-Tab", TK_BTAB}, {"Esc", TK_ESC},
    {"Backspace", TK_BACKSPACE}, {"Delete", TK_DELETE}, {"Space", ' '},
    {"C-r", TK_CTRL('r')}, {"C-l", TK_CTRL('l')}, {"C-u", TK_CTRL('u')},
    {"C-f", TK_CTRL('f')}, {"C-b", TK_CTRL('b')}, {"C-c", TK_CTRL('c')},
    {"C-o", TK_CTRL('o')}, {"C-i", TK_TAB}, /* a terminal sends Ctrl-I as Tab */
};

/* The bindings, in the order the help lists them; an entry without an
 * action is a heading. */
static const struct binding {
    tui_action action;
    int keys[4];
    const char *help;
    unsigned when; /* KC_* bits that must hold; 0: everywhere */
    const char *label; /* shown instead of key names (the mouse's lines) */
} bindings[] = {
    {ACT_NONE, {0}, "Moving"},
    {ACT_UP, {'k', TK_UP}, "move up (the source pane scrolls)"},
    {ACT_DOWN, {'j', TK_DOWN}, "move down"},
    {ACT_PGUP, {TK_PGUP, TK_CTRL('b')}, "a page up"},
    {ACT_PGDN, {TK_PGDN, TK_CTRL('f'), ' '}, "a page down"},
    {ACT_TOP, {TK_SEQ('g', 'g'), TK_HOME}, "to the top"},
    {ACT_BOTTOM, {'G', TK_END}, "to the bottom"},
    {ACT_EXPAND, {TK_ENTER, 'l', TK_RIGHT}, "expand the tree entry; in the source, the cursor right; in the fix diff, scroll right"},
    {ACT_COLLAPSE, {'h', TK_LEFT}, "collapse (or go to the parent); in the source, the cursor left; in the fix diff, scroll left"},
    {ACT_LINE_START, {'0'}, "in the source: the cursor to the start of the line"},
    {ACT_LINE_END, {'$'}, "in the source: the cursor to the end of the line"},
    {ACT_COLLAPSE_ALL, {'C'}, "collapse every tree entry (the sections stay open)"},
    {ACT_NEXT_PANE, {TK_TAB}, "next pane: tree, diagnostics, source, fixes"},
    {ACT_PREV_PANE, {TK_BTAB}, "previous pane"},
    {ACT_NONE, {0}, "Diagnostics and fixes"},
    {ACT_NEXT_DIAG, {'n'}, "next diagnostic, from any pane: its source and fixes"},
    {ACT_PREV_DIAG, {'N'}, "previous diagnostic"},
    {ACT_DETAIL, {'K'}, "the selected diagnostic in full: its whole message and the rule's explanation"},
    {ACT_CHOOSE, {'1'}, "choose alternative 1-9 of the selected diagnostic"},
    {ACT_ACCEPT, {'a'}, "accept the chosen alternative (the first unless chosen)"},
    {ACT_REJECT, {'r'}, "reject: dismiss the diagnostic for this session; on a dismissed one (D), bring it back"},
    {ACT_REJECT_REASON, {'x'}, "dismiss it with a reason typed at the prompt (the review records it)"},
    {ACT_ACCEPT_SAFE, {'A'}, "accept every safe fix the diagnostics pane lists (asks first)"},
    {ACT_UNDO, {'u'}, "undo the last change or dismissal"},
    {ACT_REDO, {TK_CTRL('r')}, "redo"},
    {ACT_NONE, {0}, "References (the name under the source cursor)"},
    {ACT_GOTO_DEF, {TK_SEQ('g', 'd')}, "go to its definition: resource, parameter, condition, mapping, export"},
    {ACT_GOTO_DEF, {TK_ENTER}, "in the source pane: go to the definition (as gd)", KC_SOURCE},
    {ACT_REFERENCES, {TK_SEQ('g', 'r')}, "list every use of it (on a definition: of what it defines); n, N walk the list, Esc closes it"},
    {ACT_DEPENDENCIES, {TK_SEQ('g', 'D')}, "the resource's dependencies: what it needs, what needs it, its creation wave, and for an error the blast radius"},
    {ACT_JUMP_BACK, {TK_CTRL('o')}, "back in the jump list"},
    {ACT_JUMP_FORWARD, {TK_TAB}, "after C-o: forward in the jump list (C-i is Tab; else Tab is the next pane)", KC_JUMP_AHEAD},
    {ACT_NONE, {0}, "Showing"},
    {ACT_SCOPE, {'t'}, "diagnostics of the selected entry, or of the whole template"},
    {ACT_SORT, {'s'}, "sort the tree's entries: template order, name, type"},
    {ACT_ONLY_DIAGS, {'o'}, "tree: only entries with diagnostics, or all"},
    {ACT_SEARCH, {'/'}, "search ids, types, keys and values (PCRE2; empty: again)"},
    {ACT_FILTER, {'f'}, "filter diagnostics by severity (E, W, I) or rule ids"},
    {ACT_DISMISSED, {'D'}, "list the dismissed diagnostics too, or not"},
    {ACT_COMMAND, {':'}, "command line: :N (line), :goto ID, :rule IDS, :region NAME, :w, :q, :q!, :wq, :help; Tab completes"},
    {ACT_HELP, {'?'}, "this help"},
    {ACT_REDRAW, {TK_CTRL('l')}, "redraw the screen"},
    {ACT_NONE, {0}, "The file"},
    {ACT_WRITE, {'w'}, "write the file (atomic; refused if it changed on disk)"},
    {ACT_REVIEW, {'W'}, "save the review instead of writing: the accepted changes as a diff, the decisions (--review-out FILE; default TEMPLATE.review.json here)"},
    {ACT_EDITOR, {'e'}, "open $EDITOR at the line, then reload"},
    {ACT_RELOAD, {'R'}, "reload from disk"},
    {ACT_QUIT, {'q', TK_CTRL('c')}, "quit (asks first when changes are unwritten)"},
    {ACT_NONE, {0}, "The file list (cfnfix FOLDER, or several templates)"},
    {ACT_FILES_OPEN, {TK_ENTER, 'l', TK_RIGHT}, "open the selected template", KC_FILES},
    {ACT_ACCEPT_SAFE, {'A'}, "open it and accept its safe fixes (asks first)", KC_FILES},
    {ACT_WRITE, {'w'}, "write the selected template's accepted changes", KC_FILES},
    {ACT_WRITE_ALL, {'W'}, "write every template with accepted changes: lists them, asks once", KC_FILES},
    {ACT_FILES_SORT, {'s'}, "sort by path, errors, warnings or all findings", KC_FILES},
    {ACT_FILES_FILTER, {'f'}, "show only templates with errors (E), warnings (W), or whose path holds a text", KC_FILES},
    {ACT_QUIT, {'q', TK_CTRL('c')}, "quit (asks first when a template's changes are unwritten)", KC_FILES},
    {ACT_QUIT, {'q', TK_CTRL('c')}, "in a template opened from the list: back to the list (its changes stay, unwritten)", KC_FROM_LIST},
    {ACT_NONE, {0}, "The mouse (off with --no-mouse or $CFNFIX_NO_MOUSE: the terminal selects text)"},
    {ACT_MOUSE, {0}, "select what is under it: a tree entry (again: open or close it), a finding, the source cursor's line and column, a fix alternative, a use (gr)", 0, "click"},
    {ACT_MOUSE, {0}, "scroll the pane under the pointer (the source's view; the fix's diff)", 0, "wheel"},
};
#define NBINDINGS (sizeof bindings / sizeof bindings[0])

static bool binds(const struct binding *b, int key)
{
    for (size_t k = 0; k < 4 && b->keys[k]; k++)
        if (b->keys[k] == key)
            return true;
    return false;
}

tui_action keys_action_in(int key, unsigned context)
{
    if (key >= '1' && key <= '9')
        return ACT_CHOOSE;
    for (size_t i = 0; i < NBINDINGS; i++) /* the context's own bindings first */
        if (bindings[i].when && (bindings[i].when & context) == bindings[i].when && binds(&bindings[i], key))
            return bindings[i].action;
    for (size_t i = 0; i < NBINDINGS; i++)
        if (!bindings[i].when && binds(&bindings[i], key))
            return bindings[i].action;
    return ACT_NONE;
}

tui_action keys_action(int key) { return keys_action_in(key, 0); }

bool keys_is_prefix(int key)
{
    if (key <= 0 || key >= 0x200) /* prefixes are ASCII */
        return false;
    for (size_t i = 0; i < NBINDINGS; i++)
        for (size_t k = 0; k < 4 && bindings[i].keys[k]; k++)
            if (TK_SEQ_PREFIX(bindings[i].keys[k]) == key)
                return true;
    return false;
}

const char *keys_name(int key, char *buf, size_t size)
{
    if (TK_IS_MOUSE(key)) { /* as the timing and the scripts name them */
        static const char *const kinds[] = {"click", "wheel up", "wheel down", "mouse"};
        snprintf(buf, size, "%s %d %d", kinds[TK_MOUSE_KIND(key)], TK_MOUSE_ROW(key), TK_MOUSE_COL(key));
        return buf;
    }
    if (TK_SEQ_PREFIX(key) > 0) { /* "gd" */
        char a[16], b[16];
        const char *first = keys_name(TK_SEQ_PREFIX(key), a, sizeof a);
        const char *second = keys_name(TK_SEQ_KEY(key), b, sizeof b);
        snprintf(buf, size, "%s%s%s", first, strlen(first) > 1 || strlen(second) > 1 ? " " : "", second);
        return buf;
    }
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (key_names[i].key == key)
            return key_names[i].name;
    if (key > ' ' && key < 0x7F)
        snprintf(buf, size, "%c", key);
    else
        snprintf(buf, size, "<%#x>", (unsigned)key);
    return buf;
}

int keys_parse(const char *name)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (!strcmp(key_names[i].name, name))
            return key_names[i].key;
    /* one character, ASCII or UTF-8 */
    size_t n = strlen(name);
    if (n == 1 && (unsigned char)name[0] > ' ')
        return (unsigned char)name[0];
    if (n > 1 && utf8_valid_seq((const unsigned char *)name, n) == (int)n)
        return (int)utf8_decode((const unsigned char *)name, (int)n);
    return -1;
}

/* "j, Down" — the 1-9 binding reads as a range. */
static void key_list(const struct binding *b, cf_buf *out)
{
    if (b->label) {
        buf_adds(out, b->label);
        return;
    }
    if (b->action == ACT_CHOOSE) {
        buf_adds(out, "1-9");
        return;
    }
    char tmp[16];
    for (size_t k = 0; k < 4 && b->keys[k]; k++) {
        if (k)
            buf_adds(out, ", ");
        buf_adds(out, keys_name(b->keys[k], tmp, sizeof tmp));
    }
}

size_t keys_help_lines(char ***lines)
{
    char **v = xmalloc(NBINDINGS * sizeof *v);
    for (size_t i = 0; i < NBINDINGS; i++) {
        cf_buf b = {0};
        if (bindings[i].action == ACT_NONE) {
            buf_printf(&b, "#%s", bindings[i].help);
        } else {
            cf_buf keys = {0};
            key_list(&bindings[i], &keys);
            buf_printf(&b, "  %-16s %s", keys.data, bindings[i].help);
            buf_free(&keys);
        }
        v[i] = buf_steal(&b);
    }
    *lines = v;
    return NBINDINGS;
}

void keys_free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* roff: a backslash or a leading dot/quote must be escaped. */
static void roff_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            fputc(*s, out);
    }
}

void keys_write_man(FILE *out)
{
    for (size_t i = 0; i < NBINDINGS; i++) {
        if (bindings[i].action == ACT_NONE) {
            fputs(".SS ", out);
            roff_text(out, bindings[i].help);
            fputc('\n', out);
            continue;
        }
        cf_buf keys = {0};
        key_list(&bindings[i], &keys);
        fputs(".TP\n.B ", out);
        roff_text(out, keys.data);
        fputc('\n', out);
        roff_text(out, bindings[i].help);
        fputc('\n', out);
        buf_free(&keys);
    }
}

/* --- Escape sequences read whole; see keys.h.
 *
 * After ESC: nothing within INPUT_ESC_MS is the Escape key; '[' starts a
 * CSI and 'O' an SS3 sequence (parameter and intermediate bytes 0x20-0x3F,
 * then one final byte 0x40-0x7E); ESC ESC is the start of a sequence again
 * (Alt with an arrow on some terminals); any other character, or a key the
 * library decoded, is Alt with that key.  All of them are dropped: nothing
 * is bound to them, and guessing would act on keys the user did not press.
 * (No string sequences, OSC or DCS, come unasked: the UI asks the terminal
 * nothing.) */
enum { ESC = 0x1b };

/* The key for a character read outside a sequence. */
static int plain_key(int c)
{
    switch (c) {
    case '\r': case '\n': return TK_ENTER;
    case '\t': return TK_TAB;
    case 127: case 8: return TK_BACKSPACE;
    default: return c;
    }
}

/* A key that must not be lost inside a sequence. */
static bool passes_through(int c)
{
    return c == TK_RESIZE || c == TK_EOF;
}

/* The rest of a key whose first unit is c. */
static int key_from(input_read_fn read, void *ctx, int c)
{
    for (;;) {
        if (c == TK_NONE) {
            c = read(ctx, true, 0);
            continue;
        }
        if (c != ESC)
            return plain_key(c);
        /* ESC: alone, or the start of a sequence */
        do /* ESC ESC...: the last one starts the sequence */
            c = read(ctx, false, INPUT_ESC_MS);
        while (c == ESC);
        if (c == INPUT_TIMEOUT)
            return TK_ESC;
        if (passes_through(c))
            return c;
        if (c == '[' || c == 'O') {
            do /* parameters and intermediates, up to the final byte */
                c = read(ctx, false, INPUT_SEQ_MS);
            while (c >= 0x20 && c <= 0x3F);
            if (passes_through(c))
                return c;
            if (c == ESC) /* cut short by the next sequence */
                continue;
            /* the final byte, a pause, or a byte that cannot be in one */
        }
        /* else: Alt with a key, or with a key the library decoded */
        c = read(ctx, true, 0);
    }
}

int input_next_key(input_read_fn read, void *ctx)
{
    return key_from(read, ctx, read(ctx, true, 0));
}

int input_next_key_within(input_read_fn read, void *ctx, int ms)
{
    if (ms < 0)
        return input_next_key(read, ctx);
    int c = read(ctx, false, ms);
    return c == INPUT_TIMEOUT ? c : key_from(read, ctx, c);
}
