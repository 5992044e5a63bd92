/* The scripted backend; see script.h. */
#include "tui/script.h"

#include "readfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum { EV_KEY, EV_DUMP, EV_RESIZE, EV_TYPEAHEAD } event_kind;
typedef struct event {
    event_kind kind;
    int key, rows, cols;
    bool burst; /* comes with the key before it, without a pause (:raw) */
} event;

struct tui_script {
    event *v;
    size_t n, cap, next;
    int rows, cols;
    bool color, dumped;
    bool hold_first;      /* :hold-first: the first check waits too */
    bool typeahead;       /* keys come while a check runs (:typeahead) */
    FILE *out;
    const tui_grid *last; /* the frame presented last */
};

static void add(tui_script *s, event e)
{
    GROW(s->v, s->cap, s->n + 1);
    s->v[s->n++] = e;
}

static bool parse_size(const char *s, int *rows, int *cols)
{
    char x;
    return sscanf(s, "%d%c%d", cols, &x, rows) == 3 && (x == 'x' || x == 'X') && *cols > 0 && *rows > 0 &&
           *cols <= 1000 && *rows <= 1000;
}

/* :raw TEXT: what a terminal sends, at once; \\e (ESC), \\r, \\n, \\t, \\\\
 * and \\xHH stand for their bytes. */
static int parse_raw(tui_script *s, const char *text, char *err, size_t errsize)
{
    cf_buf b = {0};
    for (const char *p = text; *p; p++) {
        if (*p != '\\') {
            buf_addc(&b, *p);
            continue;
        }
        p++;
        unsigned hex;
        switch (*p) {
        case 'e': buf_addc(&b, '\x1b'); break;
        case 'r': buf_addc(&b, '\r'); break;
        case 'n': buf_addc(&b, '\n'); break;
        case 't': buf_addc(&b, '\t'); break;
        case '\\': buf_addc(&b, '\\'); break;
        case 'x':
            if (isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]) &&
                sscanf(p + 1, "%2x", &hex) == 1 && hex) {
                buf_addc(&b, (char)hex);
                p += 2;
                break;
            }
            /* fall through */
        default:
            snprintf(err, errsize, ":raw: unknown escape \\%c", *p ? *p : ' ');
            buf_free(&b);
            return -1;
        }
    }
    const unsigned char *u = (const unsigned char *)(b.data ? b.data : "");
    for (size_t i = 0; i < b.len;) {
        int l = utf8_valid_seq(u + i, b.len - i);
        int key = l ? (int)utf8_decode(u + i, l) : u[i];
        add(s, (event){EV_KEY, key, 0, 0, i > 0});
        i += l ? (size_t)l : 1;
    }
    buf_free(&b);
    return 0;
}

static int parse_line(tui_script *s, char *line, char *err, size_t errsize)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line || *line == '#')
        return 0;
    if (!strcmp(line, ":dump")) {
        add(s, (event){EV_DUMP, 0, 0, 0});
    } else if (!strncmp(line, ":type ", 6)) {
        const unsigned char *p = (const unsigned char *)line + 6;
        for (size_t i = 0, len = strlen((const char *)p); i < len;) {
            int l = utf8_valid_seq(p + i, len - i);
            if (!l) {
                snprintf(err, errsize, ":type: invalid UTF-8");
                return -1;
            }
            add(s, (event){EV_KEY, (int)utf8_decode(p + i, l), 0, 0});
            i += (size_t)l;
        }
    } else if (!strcmp(line, ":hold-first")) {
        s->hold_first = true;
    } else if (!strcmp(line, ":hold")) {
        add(s, (event){EV_KEY, TK_TEST_HOLD, 0, 0});
    } else if (!strcmp(line, ":release")) {
        add(s, (event){EV_KEY, TK_TEST_RELEASE, 0, 0});
    } else if (!strcmp(line, ":typeahead")) {
        add(s, (event){EV_TYPEAHEAD, 0, 0, 0});
    } else if (!strncmp(line, ":raw ", 5)) {
        return parse_raw(s, line + 5, err, errsize);
    } else if (!strncmp(line, ":click ", 7) || !strncmp(line, ":wheel ", 7)) {
        /* :click ROW COL, :wheel up|down ROW COL: cells 0-based, as the
         * terminal reports them */
        char way[8] = "";
        int row, col, kind = TK_MOUSE_PRESS;
        bool ok = line[1] == 'c' ? sscanf(line + 7, "%d %d", &row, &col) == 2
                                 : sscanf(line + 7, "%7s %d %d", way, &row, &col) == 3 &&
                                       (!strcmp(way, "up") || !strcmp(way, "down"));
        if (!ok || row < 0 || col < 0 || row >= TK_MOUSE_ROWS || col >= TK_MOUSE_COLS) {
            snprintf(err, errsize, "%s wants %sROW COL, not '%s'", line[1] == 'c' ? ":click" : ":wheel",
                     line[1] == 'c' ? "" : "up|down ", line + 7);
            return -1;
        }
        if (line[1] == 'w')
            kind = way[0] == 'u' ? TK_MOUSE_WHEEL_UP : TK_MOUSE_WHEEL_DOWN;
        add(s, (event){EV_KEY, TK_MOUSE(kind, row, col), 0, 0});
    } else if (!strncmp(line, ":resize ", 8)) {
        event e = {EV_RESIZE, TK_RESIZE, 0, 0};
        if (!parse_size(line + 8, &e.rows, &e.cols)) {
            snprintf(err, errsize, ":resize wants COLSxROWS, not '%s'", line + 8);
            return -1;
        }
        add(s, e);
    } else {
        int key = keys_parse(line);
        if (key < 0) {
            snprintf(err, errsize, "'%s' is not a key name (see ? in the UI) or a command", line);
            return -1;
        }
        add(s, (event){EV_KEY, key, 0, 0});
    }
    return 0;
}

tui_script *script_open(const char *path, int rows, int cols, bool color, FILE *out, char *err, size_t errsize)
{
    char *text;
    size_t len;
    char msg[512];
    if (read_whole_file(path, &text, &len, msg, sizeof msg) < 0) {
        snprintf(err, errsize, "%s", msg);
        return NULL;
    }
    text[len] = '\0';
    tui_script *s = xcalloc(1, sizeof *s);
    s->rows = rows;
    s->cols = cols;
    s->color = color;
    s->out = out;
    int lineno = 1;
    for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL, lineno++) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char why[256];
        if (parse_line(s, line, why, sizeof why) < 0) {
            snprintf(err, errsize, "%s:%d: %s", path, lineno, why);
            free(text);
            free(s->v);
            free(s);
            return NULL;
        }
    }
    free(text);
    return s;
}

static const char *color_name(short c)
{
    static const char *names[] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
    return c >= 0 && c < 8 ? names[c] : "default";
}

static bool same_look(tui_look a, tui_look b)
{
    return a.fg == b.fg && a.bg == b.bg && a.attrs == b.attrs;
}

void script_dump(FILE *out, const tui_grid *g, bool color)
{
    fprintf(out, "[screen %dx%d]\n", g->cols, g->rows);
    for (int r = 0; r < g->rows; r++) {
        cf_buf line = {0};
        size_t keep = 0;
        for (int c = 0; c < g->cols; c++) {
            const tui_cell *cell = &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
            if (!cell->cp)
                continue;
            char u[4];
            buf_add(&line, u, (size_t)utf8_encode(cell->cp, u));
            if (cell->cp != ' ')
                keep = line.len;
        }
        fprintf(out, "%.*s\n", (int)keep, line.data ? line.data : "");
        buf_free(&line);
    }
    /* the looks, lettered in order of appearance */
    tui_look looks[52];
    int nlooks = 0;
    const tui_look plain = {TC_DEFAULT, TC_DEFAULT, 0};
    fputs("[attributes]\n", out);
    for (int r = 0; r < g->rows; r++) {
        char line[1024];
        int keep = 0;
        for (int c = 0; c < g->cols && c < (int)sizeof line - 1; c++) {
            tui_look l = tui_cell_look(&g->cells[(size_t)r * (size_t)g->cols + (size_t)c], color);
            char ch = ' ';
            if (!same_look(l, plain)) {
                int k = 0;
                while (k < nlooks && !same_look(looks[k], l))
                    k++;
                if (k == nlooks && nlooks < 52)
                    looks[nlooks++] = l;
                ch = k < 52 ? "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[k] : '?';
                keep = c + 1;
            }
            line[c] = ch;
        }
        fprintf(out, "%.*s\n", keep, line);
    }
    fputs("[looks]\n", out);
    for (int k = 0; k < nlooks; k++) {
        fputc("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[k], out);
        static const struct {
            uint8_t bit;
            const char *name;
        } attrs[] = {{TA_BOLD, "bold"}, {TA_DIM, "dim"}, {TA_REVERSE, "reverse"}, {TA_UNDERLINE, "underline"}};
        for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
            if (looks[k].attrs & attrs[i].bit)
                fprintf(out, " %s", attrs[i].name);
        if (looks[k].fg != TC_DEFAULT)
            fprintf(out, " fg=%s", color_name(looks[k].fg));
        if (looks[k].bg != TC_DEFAULT)
            fprintf(out, " bg=%s", color_name(looks[k].bg));
        fputc('\n', out);
    }
}

/* What input.c reads: blocking, the next key (screens dumped on the way);
 * within a sequence, the next byte of the same :raw line, else a pause. */
static int read_input(void *ctx, bool wait, int ms)
{
    tui_script *s = ctx;
    (void)ms;
    if (!wait)
        return s->next < s->n && s->v[s->next].burst ? s->v[s->next++].key : INPUT_TIMEOUT;
    while (s->next < s->n) {
        event *e = &s->v[s->next++];
        switch (e->kind) {
        case EV_DUMP:
            if (s->last)
                script_dump(s->out, s->last, s->color);
            s->dumped = true;
            continue;
        case EV_TYPEAHEAD:
            s->typeahead = true;
            continue;
        case EV_RESIZE:
            s->rows = e->rows;
            s->cols = e->cols;
            return TK_RESIZE;
        case EV_KEY:
            return e->key;
        }
    }
    return TK_EOF;
}

static int next_key(void *ctx, int ms)
{
    (void)ms; /* a script's keys are all there: none is late */
    return input_next_key(read_input, ctx);
}

static bool waits_for_checks(void *ctx)
{
    return !((tui_script *)ctx)->typeahead;
}

/* Esc or Ctrl-C as the next key of the script: taken. */
static bool interrupted(void *ctx)
{
    tui_script *s = ctx;
    if (s->next < s->n && s->v[s->next].kind == EV_KEY &&
        (s->v[s->next].key == TK_ESC || s->v[s->next].key == TK_CTRL('c'))) {
        s->next++;
        return true;
    }
    return false;
}

static void present(void *ctx, const tui_grid *g)
{
    ((tui_script *)ctx)->last = g;
}

static void size(void *ctx, int *rows, int *cols)
{
    tui_script *s = ctx;
    *rows = s->rows;
    *cols = s->cols;
}

void script_backend(tui_script *s, tui_backend *be)
{
    *be = (tui_backend){s, next_key, present, size, NULL, NULL, NULL, interrupted, waits_for_checks, s->color};
    be->held_at_start = s->hold_first;
}

void script_close(tui_script *s, const tui_grid *g)
{
    if (!s)
        return;
    if (!s->dumped)
        script_dump(s->out, g, s->color);
    free(s->v);
    free(s);
}
