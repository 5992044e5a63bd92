/* The diagnostics pane: the selected tree entry's diagnostics, or the
 * whole template's (t toggles): severity, rule id, line, message. */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

/* The entry whose diagnostics are listed, or NULL for the template's. */
static const tree_row *scope_row(tui_app *app)
{
    const tree_row *r = app->scope_all ? NULL : tree_current(app);
    return r && r->kind != ROW_NOTE && r->node ? r : NULL;
}

/* Whether the selected diagnostic is in [from, to) of the shown list. */
static bool holds_selection(tui_app *app, size_t from, size_t to)
{
    const diag_list *l = app_shown(app);
    for (size_t i = from; i < to; i++)
        if ((long)l->v[i] == app->sel)
            return true;
    return false;
}

/* The pane's list and the entry it belongs to (NULL: the template's). */
static const tree_row *listed(tui_app *app, size_t *from, size_t *to)
{
    const tree_row *r = scope_row(app);
    if (r) {
        tree_diag_range(app, r->start, r->end, from, to);
        /* the selected finding is always listed: when the entry does not
         * hold it (an alias's copy lives elsewhere in the text), the list
         * is the template's */
        if (app->sel < 0 || holds_selection(app, *from, *to) || !holds_selection(app, 0, app_shown(app)->n))
            return r;
    }
    *from = 0;
    *to = app_shown(app)->n;
    return NULL;
}

void diags_range(tui_app *app, size_t *from, size_t *to)
{
    listed(app, from, to);
}

/* A row's name: its key; a sequence item by its parent's key and index,
 * with its value when it is a scalar ("Fn::GetAtt[1]: Nope"). */
static void row_label(const tree_row *r, cf_buf *out)
{
    if (r->key) {
        buf_adds(out, r->key->kind == CF_SCALAR ? r->key->u.str : "?");
        return;
    }
    const cf_node *seq = r->node ? r->node->parent : NULL;
    const cf_node *holder = seq ? seq->parent : NULL;
    if (holder && holder->kind == CF_MAPPING && seq->index < holder->len &&
        holder->u.pairs[seq->index].key->kind == CF_SCALAR)
        buf_adds(out, holder->u.pairs[seq->index].key->u.str);
    buf_printf(out, "[%u]", r->index);
    if (r->node && r->node->kind == CF_SCALAR)
        buf_printf(out, ": %s", r->node->u.str);
}

void diags_scope(tui_app *app, char *out, size_t size)
{
    size_t from, to;
    const tree_row *r = listed(app, &from, &to);
    cf_buf b = {0};
    if (r)
        row_label(r, &b);
    snprintf(out, size, "%s", b.data ? b.data : "the template");
    buf_free(&b);
}

/* Where the selected diagnostic is in the pane's list, or -1. */
static long pane_cursor(tui_app *app, size_t from, size_t to)
{
    const diag_list *l = app_shown(app);
    for (size_t i = from; i < to; i++)
        if ((long)l->v[i] == app->sel)
            return (long)(i - from);
    return -1;
}

static void diags_draw(tui_app *app, tui_grid *g, tui_rect r, bool focused)
{
    size_t from, to;
    diags_range(app, &from, &to);
    const diag_list *l = app_shown(app);
    char title[160], scope[104];
    diags_scope(app, scope, sizeof scope);
    if (!app->s.checked)
        snprintf(title, sizeof title, "Diagnostics: checking...");
    else
        snprintf(title, sizeof title, "Diagnostics: %s (%zu)", strcmp(scope, "the template") ? scope : "template",
                 to - from);
    grid_header(g, r.row, r.col, r.col + r.cols, title, focused);
    int rows = r.rows - 1;
    if (rows < 1)
        return;
    if (from == to) {
        if (app->s.checked)
            grid_texts(g, r.row + 1, r.col + 1, r.col + r.cols,
                       app->scope_all || l->n == 0 ? "Nothing found." : "Nothing here; n goes to the next finding.",
                       ST_DIM);
        return;
    }
    long cur = pane_cursor(app, from, to);
    size_t count = to - from;
    /* keep the selected one in view, a little context above it */
    size_t top = 0;
    if (cur >= 0 && (size_t)cur >= (size_t)rows)
        top = (size_t)cur - (size_t)rows + 1;
    int lw = 1;
    for (uint32_t n = app->s.doc->nlines; n >= 10; n /= 10)
        lw++;
    for (int i = 0; i < rows && top + (size_t)i < count; i++) {
        size_t k = from + top + (size_t)i;
        const cf_diag *d = &app->s.ds.v[l->v[k]];
        int row = r.row + 1 + i;
        int c = r.col + 1;
        c = grid_texts(g, row, c, r.col + r.cols, d->rule->id, app_level_style(d));
        c = grid_printf(g, row, c + 1, r.col + r.cols, ST_LINENO, "%*u", lw, d->pos.line);
        if (app->show_dismissed && session_rejected(&app->s, d)) /* listed by D */
            c = grid_texts(g, row, c + 1, r.col + r.cols, "(dismissed)", ST_DIM);
        grid_texts(g, row, c + 1, r.col + r.cols, d->message, ST_NORMAL);
        if ((long)(top + (size_t)i) == cur)
            grid_add_attrs(g, row, r.col, r.col + r.cols, focused ? TA_REVERSE : TA_UNDERLINE);
    }
}

static bool diags_act(tui_app *app, tui_action a, int page)
{
    size_t from, to;
    diags_range(app, &from, &to);
    if (from == to)
        return a != ACT_EXPAND;
    long cur = pane_cursor(app, from, to);
    long n = (long)(to - from), step = page > 1 ? page : 1, next = cur;
    switch (a) {
    case ACT_UP: next = cur < 0 ? 0 : cur - 1; break;
    case ACT_DOWN: next = cur + 1; break;
    case ACT_PGUP: next = cur - step; break;
    case ACT_PGDN: next = cur < 0 ? step - 1 : cur + step; break;
    case ACT_TOP: next = 0; break;
    case ACT_BOTTOM: next = n - 1; break;
    case ACT_EXPAND: /* Enter: on to its fixes */
        if (cur < 0)
            next = 0;
        else
            app->focus = PANE_FIXES;
        break;
    default: return false;
    }
    if (next < 0)
        next = 0;
    if (next >= n)
        next = n - 1;
    app_select_diag(app, (long)app_shown(app)->v[from + (size_t)next]);
    return true;
}

/* A click selects the finding on its row (the rows as drawn: the
 * selected one in view). */
static void diags_click(tui_app *app, int row, int col)
{
    (void)col;
    size_t from, to;
    diags_range(app, &from, &to);
    int rows = app->rects[PANE_DIAGS].rows - 1;
    if (row < 1 || from == to || rows < 1)
        return;
    long cur = pane_cursor(app, from, to);
    size_t top = cur >= 0 && (size_t)cur >= (size_t)rows ? (size_t)cur - (size_t)rows + 1 : 0;
    size_t k = top + (size_t)(row - 1);
    if (k < to - from)
        app_select_diag(app, (long)app_shown(app)->v[from + k]);
}

const tui_view_ops diags_view_ops = {"diagnostics", diags_draw, diags_act, diags_click};

/* --- K: the selected finding in full.  Everything the list cuts off: the
 * message word-wrapped, where it is, and the rule's explanation from the
 * core's rule table (what `cfnfix explain` prints). */

typedef struct detail_line {
    const char *s;
    size_t n;
    tui_style st;
} detail_line;

typedef struct detail_lines {
    detail_line *v;
    size_t n, cap;
} detail_lines;

static void add_line(detail_lines *L, const char *s, size_t n, tui_style st)
{
    GROW(L->v, L->cap, L->n + 1);
    L->v[L->n++] = (detail_line){s, n, st};
}

/* s filled to lines of at most width columns, broken at spaces; a word
 * wider than a line is cut where the line ends. */
static void add_wrapped(detail_lines *L, const char *s, int width, bool unicode, tui_style st)
{
    size_t n = strlen(s), i = 0;
    if (width < 1)
        width = 1;
    for (;;) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            return;
        size_t start = i, end = i; /* the line: [start, end) */
        int used = 0;
        while (i < n) { /* i: the start of a word */
            size_t w = i;
            while (w < n && s[w] != ' ')
                w++;
            int gap = end > start ? tui_text_width(s + end, i - end, unicode) : 0;
            int ww = tui_text_width(s + i, w - i, unicode);
            if (used + gap + ww > width) {
                if (end == start) { /* a word wider than a line: cut it */
                    tui_unit u;
                    for (size_t k = i; k < w;) {
                        tui_unit_next(s, w, &k, unicode, &u);
                        if (used && used + u.width > width)
                            break;
                        used += u.width;
                        end = k;
                    }
                }
                break;
            }
            used += gap + ww;
            end = w;
            for (i = w; i < n && s[i] == ' ';)
                i++;
        }
        add_line(L, s + start, end - start, st);
        i = end;
    }
}

/* The lines made here point into these, the diagnostic's and the rule's
 * own texts. */
typedef struct detail_text {
    cf_buf head, path, fixes, tags;
} detail_text;

/* The finding's lines, made for width columns. */
static void detail_lines_for(tui_app *app, const cf_diag *d, int width, detail_lines *L, detail_text *t)
{
    bool uni = app->grid.unicode;
    const cf_rule *r = d->rule;
    buf_printf(&t->head, "%s %s at line %u, column %u%s", r->id, cf_level_name(cf_rule_level(r)), d->pos.line,
               d->pos.col, session_rejected(&app->s, d) ? " (dismissed for this session)" : "");
    buf_adds(&t->path, "Path:");
    for (uint32_t i = 0; d->has_path && i < d->path_len; i++) {
        if (d->path[i].key)
            buf_printf(&t->path, "%s%s", i ? "/" : " ", d->path[i].key);
        else
            buf_printf(&t->path, "%s%u", i ? "/" : " ", d->path[i].index);
    }
    if (d->nfixes)
        buf_printf(&t->fixes, "%zu fix%s below (a accepts the chosen one).", d->nfixes, d->nfixes == 1 ? "" : "es");
    else
        buf_adds(&t->fixes, "No fix is known; r dismisses it.");
    buf_adds(&t->tags, "Tags: ");
    for (const char *p = r->tags ? r->tags : ""; *p; p++) {
        if (*p == ',')
            buf_adds(&t->tags, ", ");
        else
            buf_addc(&t->tags, *p);
    }

    add_wrapped(L, t->head.data, width, uni, app_level_style(d));
    if (d->has_path)
        add_wrapped(L, t->path.data, width, uni, ST_DIM);
    add_line(L, "", 0, ST_NORMAL);
    add_wrapped(L, d->message, width, uni, ST_NORMAL);
    add_line(L, "", 0, ST_NORMAL);
    add_wrapped(L, t->fixes.data, width, uni, ST_DIM);
    add_line(L, "", 0, ST_NORMAL);
    add_wrapped(L, r->short_desc, width, uni, ST_TITLE);
    add_wrapped(L, r->desc, width, uni, ST_NORMAL);
    add_line(L, "", 0, ST_NORMAL);
    if (r->tags && *r->tags)
        add_wrapped(L, t->tags.data, width, uni, ST_DIM);
    add_wrapped(L, "Documentation:", width, uni, ST_DIM);
    add_wrapped(L, r->source, width, uni, ST_NORMAL);
    const char *instead = cf_rule_reported_as(r);
    if (instead) {
        add_line(L, "", 0, ST_NORMAL);
        add_wrapped(L, "Not reported under this id (as in cfn-lint 1.51.0):", width, uni, ST_DIM);
        add_wrapped(L, instead, width, uni, ST_NORMAL);
    }
}

void detail_draw(tui_app *app, tui_grid *g, tui_rect r)
{
    for (int row = r.row; row < r.row + r.rows; row++)
        grid_fill(g, row, r.col, r.col + r.cols, ' ', ST_NORMAL);
    const cf_diag *d = app_diag(app, app->sel);
    char title[96];
    snprintf(title, sizeof title, "Finding %s: n/N next/previous, j/k scroll, q or Esc closes", d ? d->rule->id : "");
    grid_header(g, r.row, r.col, r.col + r.cols, title, true);
    int rows = r.rows - 1;
    if (!d || rows < 1)
        return;
    detail_lines L = {0};
    detail_text t = {{0}};
    detail_lines_for(app, d, r.cols - 2, &L, &t);
    if (app->detail_top > (int)L.n - rows)
        app->detail_top = (int)L.n > rows ? (int)L.n - rows : 0;
    for (int i = 0; i < rows && (size_t)(app->detail_top + i) < L.n; i++) {
        const detail_line *l = &L.v[app->detail_top + i];
        grid_text(g, r.row + 1 + i, r.col + 1, r.col + r.cols, l->s, l->n, l->st);
    }
    free(L.v);
    buf_free(&t.head);
    buf_free(&t.path);
    buf_free(&t.fixes);
    buf_free(&t.tags);
}

void detail_key(tui_app *app, int key, int page)
{
    switch (keys_action(key)) {
    case ACT_UP: app->detail_top = app->detail_top > 0 ? app->detail_top - 1 : 0; return;
    case ACT_DOWN: app->detail_top++; return;
    case ACT_PGUP: app->detail_top = app->detail_top > page ? app->detail_top - page : 0; return;
    case ACT_PGDN: app->detail_top += page; return;
    case ACT_TOP: app->detail_top = 0; return;
    case ACT_BOTTOM: app->detail_top = 1 << 20; return;
    case ACT_DETAIL: app->detail_top = -1; return;
    default: break;
    }
    if (key == 'q' || key == TK_ESC || key == TK_ENTER)
        app->detail_top = -1;
    else
        app_message(app, false, "K, q or Esc closes the finding.");
}
