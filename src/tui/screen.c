/* The cell grid every frame is drawn into, and the theme that says how
 * each style looks with and without colours. */
#include "tui/screen.h"

#include "escape.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* With colours the style's colour carries the meaning; without them
 * (NO_COLOR, a vt100) bold and reverse must carry it alone. */
static const struct {
    short fg, bg;
    uint8_t color_attrs, mono_attrs;
} theme[ST_COUNT] = {
    [ST_NORMAL] = {TC_DEFAULT, TC_DEFAULT, 0, 0},
    [ST_KEY] = {TC_CYAN, TC_DEFAULT, 0, 0},
    [ST_STRING] = {TC_GREEN, TC_DEFAULT, 0, 0},
    [ST_NUMBER] = {TC_MAGENTA, TC_DEFAULT, 0, 0},
    [ST_TAG] = {TC_YELLOW, TC_DEFAULT, 0, 0},
    [ST_COMMENT] = {TC_BLUE, TC_DEFAULT, 0, 0},
    [ST_ERROR] = {TC_RED, TC_DEFAULT, TA_BOLD, TA_BOLD},
    [ST_WARNING] = {TC_YELLOW, TC_DEFAULT, TA_BOLD, TA_BOLD},
    [ST_INFO] = {TC_CYAN, TC_DEFAULT, 0, TA_BOLD},
    [ST_LINENO] = {TC_YELLOW, TC_DEFAULT, 0, 0},
    [ST_ESCAPE] = {TC_MAGENTA, TC_DEFAULT, TA_UNDERLINE, TA_UNDERLINE},
    [ST_TITLE] = {TC_DEFAULT, TC_DEFAULT, TA_BOLD, TA_BOLD},
    [ST_TITLE_FOCUS] = {TC_DEFAULT, TC_DEFAULT, TA_BOLD | TA_REVERSE, TA_BOLD | TA_REVERSE},
    [ST_STATUS] = {TC_DEFAULT, TC_DEFAULT, TA_REVERSE, TA_REVERSE},
    [ST_STATUS_BUSY] = {TC_YELLOW, TC_DEFAULT, TA_REVERSE | TA_BOLD, TA_REVERSE | TA_BOLD},
    [ST_DIFF_ADD] = {TC_GREEN, TC_DEFAULT, 0, TA_BOLD},
    [ST_DIFF_DEL] = {TC_RED, TC_DEFAULT, 0, 0},
    [ST_DIFF_HUNK] = {TC_CYAN, TC_DEFAULT, 0, 0},
    [ST_DIM] = {TC_DEFAULT, TC_DEFAULT, TA_DIM, 0},
    [ST_MSG_ERROR] = {TC_RED, TC_DEFAULT, TA_BOLD, TA_BOLD},
};

tui_look tui_cell_look(const tui_cell *c, bool color)
{
    tui_look l = {TC_DEFAULT, TC_DEFAULT, 0};
    unsigned st = c->style < ST_COUNT ? c->style : ST_NORMAL;
    if (color) {
        l.fg = theme[st].fg;
        l.bg = theme[st].bg;
        l.attrs = theme[st].color_attrs;
    } else {
        l.attrs = theme[st].mono_attrs;
    }
    l.attrs |= c->extra;
    return l;
}

void grid_resize(tui_grid *g, int rows, int cols)
{
    if (rows < 1)
        rows = 1;
    if (cols < 1)
        cols = 1;
    free(g->cells);
    g->rows = rows;
    g->cols = cols;
    g->cells = xcalloc((size_t)rows * (size_t)cols, sizeof *g->cells);
    grid_clear(g);
}

void grid_free(tui_grid *g)
{
    free(g->cells);
    g->cells = NULL;
    g->rows = g->cols = 0;
}

void grid_clear(tui_grid *g)
{
    size_t n = (size_t)g->rows * (size_t)g->cols;
    for (size_t i = 0; i < n; i++)
        g->cells[i] = (tui_cell){' ', ST_NORMAL, 0};
}

tui_cell *grid_at(tui_grid *g, int row, int col)
{
    if (row < 0 || row >= g->rows || col < 0 || col >= g->cols)
        return NULL;
    return &g->cells[(size_t)row * (size_t)g->cols + (size_t)col];
}

uint32_t grid_glyph(const tui_grid *g, tui_glyph which)
{
    static const uint32_t uni[] = {0x2500, 0x2502, 0x251C, 0x252C, 0x25BE, 0x25B8, 0x2026, 0x25B6};
    static const uint32_t ascii[] = {'-', '|', '+', '+', '-', '+', '~', '>'};
    return g->unicode ? uni[which] : ascii[which];
}

/* An escape for a code point the terminal must not get or cannot show. */
static void unit_escape(tui_unit *u, const char *s, size_t n)
{
    cf_buf b = {0};
    esc_text(&b, s, n);
    if (b.len == n && !memcmp(b.data, s, n)) /* safe to esc_text, unshowable here */
        snprintf(u->esc, sizeof u->esc, "\\u%04x", (unsigned)u->cp);
    else
        snprintf(u->esc, sizeof u->esc, "%s", b.data);
    u->width = (int)strlen(u->esc);
    buf_free(&b);
}

void tui_unit_next(const char *s, size_t n, size_t *i, bool unicode, tui_unit *u)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    memset(u, 0, sizeof *u);
    u->at = *i;
    if (*p >= 0x20 && *p < 0x7F) {
        u->len = 1;
        u->cp = *p;
        u->width = 1;
        *i += 1;
        return;
    }
    int len = *p < 0x80 ? 1 : utf8_valid_seq(p, n - *i);
    if (!len) { /* invalid UTF-8: one byte, as \xNN */
        u->len = 1;
        snprintf(u->esc, sizeof u->esc, "\\x%02x", *p);
        u->width = 4;
        *i += 1;
        return;
    }
    u->len = (size_t)len;
    u->cp = len == 1 ? *p : utf8_decode(p, len);
    *i += (size_t)len;
    int w = -1;
    if (unicode && u->cp >= 0xA0 && !esc_unsafe_cp(u->cp))
        w = wcwidth((wchar_t)u->cp);
    /* zero-width characters are shown too: an invisible character in a
     * template is worth seeing */
    if (w < 1) {
        unit_escape(u, (const char *)p, (size_t)len);
        return;
    }
    u->width = w;
}

int tui_text_width(const char *s, size_t n, bool unicode)
{
    int w = 0;
    tui_unit u;
    for (size_t i = 0; i < n;) {
        tui_unit_next(s, n, &i, unicode, &u);
        w += u.width;
    }
    return w;
}

static void put_cell(tui_grid *g, int row, int col, uint32_t cp, tui_style st)
{
    tui_cell *c = grid_at(g, row, col);
    if (!c)
        return;
    /* overwriting half of a wide character blanks the other half */
    if (c->cp == 0 && col > 0)
        grid_at(g, row, col - 1)->cp = ' ';
    *c = (tui_cell){cp, (uint8_t)st, 0};
}

int grid_unit(tui_grid *g, int row, int col, int end, const tui_unit *u, tui_style st)
{
    if (end > g->cols)
        end = g->cols;
    if (u->esc[0]) {
        for (const char *e = u->esc; *e && col < end; e++)
            put_cell(g, row, col++, (unsigned char)*e, ST_ESCAPE);
        return col;
    }
    if (col + u->width > end) { /* a wide character that does not fit */
        while (col < end)
            put_cell(g, row, col++, ' ', st);
        return col;
    }
    put_cell(g, row, col, u->cp, st);
    if (u->width == 2) {
        tui_cell *c2 = grid_at(g, row, col + 1);
        if (c2)
            *c2 = (tui_cell){0, (uint8_t)st, 0};
    }
    return col + u->width;
}

int grid_text(tui_grid *g, int row, int col, int end, const char *s, size_t n, tui_style st)
{
    if (end > g->cols)
        end = g->cols;
    if (row < 0 || row >= g->rows || col >= end)
        return col;
    tui_unit u;
    for (size_t i = 0; i < n;) {
        tui_unit_next(s, n, &i, g->unicode, &u);
        int room = end - col;
        if (u.width > room || (i < n && u.width == room)) {
            /* cut off: the last column says there is more */
            grid_fill(g, row, col, end - 1, ' ', st);
            put_cell(g, row, end - 1, grid_glyph(g, GL_ELLIPSIS), ST_DIM);
            return end;
        }
        col = grid_unit(g, row, col, end, &u, st);
    }
    return col;
}

int grid_texts(tui_grid *g, int row, int col, int end, const char *s, tui_style st)
{
    return grid_text(g, row, col, end, s, strlen(s), st);
}

int grid_printf(tui_grid *g, int row, int col, int end, tui_style st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    col = grid_texts(g, row, col, end, s, st);
    free(s);
    return col;
}

void grid_fill(tui_grid *g, int row, int col, int end, uint32_t cp, tui_style st)
{
    if (end > g->cols)
        end = g->cols;
    for (; col < end; col++)
        put_cell(g, row, col, cp, st);
}

void grid_add_attrs(tui_grid *g, int row, int col, int end, uint8_t extra)
{
    if (end > g->cols)
        end = g->cols;
    for (; col < end; col++) {
        tui_cell *c = grid_at(g, row, col);
        if (c)
            c->extra |= extra;
    }
}

void grid_header(tui_grid *g, int row, int col, int end, const char *title, bool focused)
{
    tui_style st = focused ? ST_TITLE_FOCUS : ST_TITLE;
    grid_fill(g, row, col, end, grid_glyph(g, GL_HLINE), ST_TITLE);
    int c = grid_texts(g, row, col + 1, end, " ", st);
    c = grid_texts(g, row, c, end - 1, title, st);
    grid_texts(g, row, c, end, " ", st);
}

void grid_hints(tui_grid *g, int row, int used, const char *const *hints, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hw = (int)strlen(hints[i]);
        if (used + 2 + hw <= g->cols) {
            grid_texts(g, row, g->cols - hw, g->cols, hints[i], ST_STATUS);
            return;
        }
    }
}
