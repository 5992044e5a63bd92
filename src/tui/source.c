/* The source view: the template's text around the selection, with line
 * numbers, a severity mark on lines where a finding starts, colours from
 * the document tree (keys, strings, numbers, tags) and a small lexer for
 * comments, and the selected diagnostic's span highlighted.  Only the
 * lines on screen are looked at, and of a long line only the part in
 * view, so the size of the file does not matter. */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

enum { HSCROLL_STEP = 8 };

/* Lines as an editor counts them: a final line break ends the last line
 * rather than starting an empty one. */
static uint32_t nlines(const tui_app *app)
{
    const cf_doc *doc = app->s.doc;
    uint32_t n = (uint32_t)doc->nlines;
    if (n > 1 && cf_doc_line_start(doc, n) >= doc->len)
        n--;
    return n ? n : 1;
}

static int page_rows(const tui_app *app)
{
    int rows = app->rects[PANE_SOURCE].rows - 1;
    return rows > 0 ? rows : 1;
}

void source_follow(tui_app *app, uint32_t line)
{
    source_state *v = &app->src;
    uint32_t rows = (uint32_t)page_rows(app);
    if (line < 1)
        line = 1;
    if (line > nlines(app))
        line = nlines(app);
    v->cursor = line;
    if (line < v->top || line >= v->top + rows)
        v->top = line > rows / 3 ? line - rows / 3 : 1;
    v->reveal = true;
}

/* A line's bytes without its line break. */
static void line_bytes(const cf_doc *doc, uint32_t line, uint32_t *start, uint32_t *end)
{
    uint32_t s = cf_doc_line_start(doc, line), e = cf_doc_line_start(doc, line + 1);
    const unsigned char *p = (const unsigned char *)doc->src;
    if (e > s && p[e - 1] == '\n')
        e--;
    if (e > s && p[e - 1] == '\r')
        e--;
    else if (e >= s + 2 && p[e - 2] == 0xC2 && p[e - 1] == 0x85) /* NEL */
        e -= 2;
    else if (e >= s + 3 && p[e - 3] == 0xE2 && p[e - 2] == 0x80 && (p[e - 1] == 0xA8 || p[e - 1] == 0xA9))
        e -= 3; /* LS, PS */
    *start = s;
    *end = e;
}

/* --- colours from the tree */

typedef struct paint {
    const cf_doc *doc;
    uint32_t lo, hi; /* the bytes being drawn */
    uint8_t *st;     /* a style per byte of [lo, hi) */
} paint;

static void paint_range(paint *p, uint32_t from, uint32_t to, tui_style s)
{
    if (from < p->lo)
        from = p->lo;
    if (to > p->hi)
        to = p->hi;
    for (uint32_t i = from; i < to; i++)
        p->st[i - p->lo] = (uint8_t)s;
}

static void paint_tag(paint *p, const cf_node *n)
{
    if (!n->tag_at)
        return;
    uint32_t at = n->tag_at - 1, end = at;
    while (end < p->doc->len && end < p->hi && !strchr(" \t\r\n,[]{}", p->doc->src[end]))
        end++;
    paint_range(p, at, end, ST_TAG);
}

static bool outside(const paint *p, const cf_node *n)
{
    return n->end <= p->lo || n->start >= p->hi;
}

static void paint_node(paint *p, const cf_node *n, unsigned depth)
{
    if (!n || (n->flags & CF_NF_ALIAS) || depth > CF_MAX_DEPTH)
        return;
    if (n->kind == CF_SCALAR) {
        if (!outside(p, n)) {
            tui_style s = (n->flags & CF_NF_TAG_KEY) ? ST_TAG
                          : (n->flags & CF_NF_KEY)   ? ST_KEY
                          : n->type == CF_TYPE_STR   ? ST_STRING
                                                     : ST_NUMBER;
            paint_range(p, n->start, n->end, s);
        }
        paint_tag(p, n);
        return;
    }
    paint_tag(p, n);
    if (outside(p, n) && !(n->flags & CF_NF_SHORT_FORM))
        return;
    /* children are in document order: skip those that end before the view */
    uint32_t lo = 0, hi = n->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const cf_node *c = n->kind == CF_MAPPING ? n->u.pairs[mid].value : n->u.items[mid];
        if (c->end <= p->lo && !(c->flags & CF_NF_ALIAS))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t i = lo; i < n->len; i++) {
        if (n->kind == CF_MAPPING) {
            const cf_pair *pr = &n->u.pairs[i];
            if (pr->key->start >= p->hi && !(pr->key->flags & CF_NF_ALIAS))
                break;
            paint_node(p, pr->key, depth + 1);
            paint_node(p, pr->value, depth + 1);
        } else {
            const cf_node *c = n->u.items[i];
            if (c->start >= p->hi && !(c->flags & CF_NF_ALIAS))
                break;
            paint_node(p, c, depth + 1);
        }
    }
}

/* A '#' at the start of a line or after a blank, outside every scalar,
 * starts a comment. */
static void paint_comment(paint *p)
{
    const char *src = p->doc->src;
    for (uint32_t i = p->lo; i < p->hi; i++) {
        if (src[i] != '#' || p->st[i - p->lo] != ST_NORMAL)
            continue;
        if (i == 0 || src[i - 1] == ' ' || src[i - 1] == '\t' || src[i - 1] == '\n' || src[i - 1] == '\r') {
            paint_range(p, i, p->hi, ST_COMMENT);
            return;
        }
    }
}

/* --- drawing */

/* The columns a unit takes at display column vc (tabs to the next stop). */
static int unit_width(const tui_unit *u, const char *src, int vc)
{
    if (u->len == 1 && src[u->at] == '\t')
        return TUI_TAB_WIDTH - vc % TUI_TAB_WIDTH;
    return u->width;
}

/* The byte at display column col of a line (the unit holding that
 * column; the end of the line past it), and the column it starts at. */
static uint32_t col_byte(const tui_app *app, uint32_t line, int col, int *start_col)
{
    const cf_doc *doc = app->s.doc;
    uint32_t ls, le;
    line_bytes(doc, line, &ls, &le);
    tui_unit u;
    int vc = 0;
    size_t i = ls;
    while (i < le) {
        size_t at = i;
        tui_unit_next(doc->src, le, &i, app->grid.unicode, &u);
        int w = unit_width(&u, doc->src, vc);
        if (vc + w > col) {
            i = at;
            break;
        }
        vc += w;
    }
    *start_col = vc;
    return (uint32_t)i;
}

/* The display column of a byte of a line. */
static int byte_col(const tui_app *app, uint32_t line, uint32_t byte)
{
    const cf_doc *doc = app->s.doc;
    uint32_t ls, le;
    line_bytes(doc, line, &ls, &le);
    tui_unit u;
    int vc = 0;
    for (size_t i = ls; i < byte && i < le;) {
        tui_unit_next(doc->src, le, &i, app->grid.unicode, &u);
        vc += unit_width(&u, doc->src, vc);
    }
    return vc;
}

uint32_t source_cursor_byte(const tui_app *app)
{
    int vc;
    return col_byte(app, app->src.cursor ? app->src.cursor : 1, app->src.col, &vc);
}

void source_goto(tui_app *app, uint32_t byte)
{
    uint32_t line = cf_doc_pos(app->s.doc, byte).line;
    source_follow(app, line);
    app->src.col = byte_col(app, app->src.cursor, byte);
    app->src.show_col = true;
}

/* h, l, 0, $: the cursor moves by characters (a tab is one). */
static void move_col(tui_app *app, tui_action a)
{
    source_state *v = &app->src;
    const cf_doc *doc = app->s.doc;
    uint32_t ls, le;
    line_bytes(doc, v->cursor, &ls, &le);
    int vc;
    uint32_t at = col_byte(app, v->cursor, v->col, &vc);
    tui_unit u;
    if (a == ACT_LINE_START) {
        v->col = 0;
    } else if (a == ACT_EXPAND) { /* right: the next character, if any */
        size_t i = at;
        if (i < le) {
            tui_unit_next(doc->src, le, &i, app->grid.unicode, &u);
            v->col = i < le ? vc + unit_width(&u, doc->src, vc) : vc;
        } else {
            v->col = vc;
        }
    } else { /* left, or the last character ($) */
        int prev = 0, c = 0;
        uint32_t stop = a == ACT_LINE_END ? le : at;
        for (size_t i = ls; i < stop;) {
            prev = c;
            tui_unit_next(doc->src, le, &i, app->grid.unicode, &u);
            c += unit_width(&u, doc->src, c);
        }
        v->col = prev;
    }
    v->show_col = true;
}

/* Scroll sideways so the selected span's start is in view (its line is),
 * before any line is drawn: every line and the title agree on the
 * scroll. */
static void reveal_span(tui_app *app, const tui_grid *g, int width, const cf_diag *sel)
{
    const cf_doc *doc = app->s.doc;
    source_state *v = &app->src;
    uint32_t ls, le;
    line_bytes(doc, sel->pos.line, &ls, &le);
    if (sel->start < ls || sel->start > le)
        return;
    tui_unit u;
    int sc = 0;
    for (size_t k = ls; k < sel->start && k < le;) {
        tui_unit_next(doc->src, le, &k, g->unicode, &u);
        sc += unit_width(&u, doc->src, sc);
    }
    if (sc < v->hscroll || sc >= v->hscroll + width - 4)
        v->hscroll = sc > width / 2 ? (sc - width / 4) / HSCROLL_STEP * HSCROLL_STEP : 0;
}

static void draw_line(tui_app *app, tui_grid *g, int row, int col, int end, uint32_t line, const cf_diag *sel)
{
    const cf_doc *doc = app->s.doc;
    uint32_t ls, le;
    line_bytes(doc, line, &ls, &le);
    source_state *v = &app->src;
    int width = end - col;
    const char *src = doc->src;
    /* first: how much of the line is in view, and where the span starts */
    tui_unit u;
    int vc = 0;
    size_t i = ls;
    while (i < le && vc < v->hscroll + width) {
        tui_unit_next(src, le, &i, g->unicode, &u);
        vc += unit_width(&u, src, vc);
    }
    uint32_t stop = (uint32_t)i;
    paint p = {doc, ls, stop, xcalloc(stop - ls + 1, 1)};
    if (doc->root)
        paint_node(&p, doc->root, 0);
    if (!doc->is_json)
        paint_comment(&p);
    uint32_t hs = sel ? sel->start : 0, he = sel ? (sel->end > sel->start ? sel->end : sel->start + 1) : 0;
    vc = 0;
    for (i = ls; i < stop;) {
        size_t at = i;
        tui_unit_next(src, le, &i, g->unicode, &u);
        int w = unit_width(&u, src, vc);
        int c = col + vc - v->hscroll;
        tui_style st = (tui_style)p.st[at - ls];
        if (vc >= v->hscroll && c + w <= end) {
            if (src[at] == '\t')
                grid_fill(g, row, c, c + w, ' ', st);
            else
                grid_unit(g, row, c, end, &u, st);
            if (sel && at < he && at + u.len > hs)
                grid_add_attrs(g, row, c, c + w, TA_REVERSE);
        } else if (vc < v->hscroll && vc + w > v->hscroll) {
            grid_fill(g, row, col, c + w, ' ', st); /* the cut-off part of a wide character */
        }
        vc += w;
    }
    /* a span on the line break itself (a missing value at the end of a line) */
    if (sel && hs == le && vc >= v->hscroll && col + vc - v->hscroll < end)
        grid_add_attrs(g, row, col + vc - v->hscroll, col + vc - v->hscroll + 1, TA_REVERSE);
    if (stop < le)
        grid_fill(g, row, end - 1, end, grid_glyph(g, GL_ELLIPSIS), ST_DIM);
    free(p.st);
}

/* The digits of the last line's number: the gutter is that, a mark and
 * spaces. */
static int line_number_width(uint32_t total)
{
    int lw = 1;
    for (uint32_t n = total; n >= 10; n /= 10)
        lw++;
    return lw;
}

static void source_draw(tui_app *app, tui_grid *g, tui_rect r, bool focused)
{
    source_state *v = &app->src;
    const cf_doc *doc = app->s.doc;
    uint32_t total = nlines(app);
    if (v->top < 1)
        v->top = 1;
    if (v->cursor < 1)
        v->cursor = 1;
    int lw = line_number_width(total);
    int gutter = lw + 3;
    const cf_diag *sel = app_diag(app, app->sel);
    if (v->reveal && sel && sel->pos.line >= v->top && sel->pos.line < v->top + (uint32_t)(r.rows > 1 ? r.rows - 1 : 0))
        reveal_span(app, g, r.cols - gutter, sel);
    v->reveal = false;
    if (v->show_col) { /* the cursor's column in view */
        int width = r.cols - gutter, vc;
        col_byte(app, v->cursor, v->col, &vc);
        if (vc < v->hscroll || vc >= v->hscroll + width - 1)
            v->hscroll = vc > width / 2 ? (vc - width / 2) / HSCROLL_STEP * HSCROLL_STEP : 0;
        v->show_col = false;
    }
    char title[160];
    int cursor_vc;
    uint32_t cursor_at = col_byte(app, v->cursor, v->col, &cursor_vc);
    snprintf(title, sizeof title, "Source: line %u of %u", v->cursor, total);
    if (focused) /* the cursor's column matters where the cursor moves */
        snprintf(title + strlen(title), sizeof title - strlen(title), ", column %d", cursor_vc + 1);
    if (v->hscroll)
        snprintf(title + strlen(title), sizeof title - strlen(title), ", columns %d+", v->hscroll + 1);
    grid_header(g, r.row, r.col, r.col + r.cols, title, focused);
    int rows = r.rows - 1;
    if (rows < 1)
        return;
    /* the severity of the worst finding starting on each line in view */
    char *marks = xcalloc((size_t)rows, 1);
    uint8_t *levels = xcalloc((size_t)rows, 1);
    size_t from, to;
    uint32_t last = v->top + (uint32_t)rows;
    tree_diag_range(app, cf_doc_line_start(doc, v->top), cf_doc_line_start(doc, last), &from, &to);
    const diag_list *l = app_shown(app);
    for (size_t k = from; k < to; k++) {
        const cf_diag *d = &app->s.ds.v[l->v[k]];
        if (d->pos.line < v->top || d->pos.line >= last)
            continue;
        size_t at = d->pos.line - v->top;
        uint8_t lev = (uint8_t)(1 + cf_rule_level(d->rule));
        if (!levels[at] || lev < levels[at]) {
            levels[at] = lev;
            marks[at] = app_level_letter(d);
        }
    }
    for (int i = 0; i < rows; i++) {
        uint32_t line = v->top + (uint32_t)i;
        int row = r.row + 1 + i;
        if (line > total)
            break;
        grid_printf(g, row, r.col, r.col + lw, ST_LINENO, "%*u", lw, line);
        if (line == v->cursor)
            grid_add_attrs(g, row, r.col, r.col + lw, focused ? TA_REVERSE : TA_BOLD);
        if (marks[i]) {
            tui_style ms = levels[i] == 1 ? ST_ERROR : levels[i] == 2 ? ST_WARNING : ST_INFO;
            grid_fill(g, row, r.col + lw + 1, r.col + lw + 2, (uint32_t)marks[i], ms);
        }
        draw_line(app, g, row, r.col + gutter, r.col + r.cols, line, sel);
        int cc = r.col + gutter + cursor_vc - v->hscroll;
        if (line == v->cursor && focused && cc >= r.col + gutter && cc < r.col + r.cols) {
            int w = 1; /* past the end of the line: one cell */
            tui_unit u;
            size_t k = cursor_at;
            uint32_t ls, le;
            line_bytes(doc, line, &ls, &le);
            if (cursor_at < le) {
                tui_unit_next(doc->src, le, &k, g->unicode, &u);
                w = unit_width(&u, doc->src, cursor_vc);
            }
            grid_add_attrs(g, row, cc, cc + w < r.col + r.cols ? cc + w : r.col + r.cols, TA_REVERSE);
        }
    }
    free(marks);
    free(levels);
}

static bool source_act(tui_app *app, tui_action a, int page)
{
    source_state *v = &app->src;
    uint32_t total = nlines(app), rows = (uint32_t)page_rows(app);
    uint32_t step = page > 1 ? (uint32_t)page : 1;
    uint32_t line = v->cursor;
    switch (a) {
    case ACT_UP: line = line > 1 ? line - 1 : 1; break;
    case ACT_DOWN: line = line < total ? line + 1 : total; break;
    case ACT_PGUP: line = line > step ? line - step : 1; break;
    case ACT_PGDN: line = line + step <= total ? line + step : total; break;
    case ACT_TOP: line = 1; break;
    case ACT_BOTTOM: line = total; break;
    case ACT_EXPAND: case ACT_COLLAPSE: case ACT_LINE_START: case ACT_LINE_END: move_col(app, a); return true;
    default: return false;
    }
    v->cursor = line;
    v->show_col = true;
    if (line < v->top)
        v->top = line;
    if (line >= v->top + rows)
        v->top = line - rows + 1;
    if (a == ACT_PGUP || a == ACT_PGDN) { /* a page moves the view too */
        v->top = line > rows / 2 ? line - rows / 2 : 1;
    }
    return true;
}

void source_scroll(tui_app *app, int lines)
{
    source_state *v = &app->src;
    uint32_t total = nlines(app), rows = (uint32_t)page_rows(app);
    uint32_t last_top = total > rows ? total - rows + 1 : 1;
    long top = (long)v->top + lines;
    v->top = top < 1 ? 1 : top > (long)last_top ? last_top : (uint32_t)top;
    if (v->cursor < v->top) /* the cursor stays in view, as in vim */
        v->cursor = v->top;
    if (v->cursor >= v->top + rows)
        v->cursor = v->top + rows - 1;
}

/* A click puts the cursor on the line and column clicked (the gutter:
 * the start of the line). */
static void source_click(tui_app *app, int row, int col)
{
    source_state *v = &app->src;
    if (row < 1)
        return;
    uint32_t line = v->top + (uint32_t)(row - 1), total = nlines(app);
    if (line > total)
        line = total;
    int gutter = line_number_width(total) + 3; /* as drawn */
    v->cursor = line;
    v->col = col < gutter ? 0 : col - gutter + v->hscroll;
    int vc; /* past the end of the line: at its end, as the keys leave it */
    col_byte(app, line, v->col, &vc);
    if (vc < v->col)
        v->col = vc;
}

const tui_view_ops source_view_ops = {"source", source_draw, source_act, source_click};
