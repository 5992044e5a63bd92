/* The diagnostics pane: the selected tree entry's diagnostics, or the
 * whole template's (t toggles): severity, rule id, line, message. */
#include "tui/app.h"

#include <string.h>

void diags_range(tui_app *app, size_t *from, size_t *to)
{
    const tree_row *r = app->scope_all ? NULL : tree_current(app);
    if (!r || r->kind == ROW_NOTE) {
        *from = 0;
        *to = app_shown(app)->n;
        return;
    }
    tree_diag_range(app, r->start, r->end, from, to);
}

/* The entry whose diagnostics are listed, or NULL for the template's. */
static const tree_row *scope_row(tui_app *app)
{
    const tree_row *r = app->scope_all ? NULL : tree_current(app);
    return r && r->key && r->key->kind == CF_SCALAR ? r : NULL;
}

const char *diags_scope(tui_app *app)
{
    const tree_row *r = scope_row(app);
    return r ? r->key->u.str : "the template";
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
    char title[160];
    const tree_row *sel_row = scope_row(app);
    if (!app->s.checked)
        snprintf(title, sizeof title, "Diagnostics: checking...");
    else if (!sel_row)
        snprintf(title, sizeof title, "Diagnostics: template (%zu)", to - from);
    else
        snprintf(title, sizeof title, "Diagnostics: %.100s (%zu)", sel_row->key->u.str, to - from);
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

const tui_view_ops diags_view_ops = {"diagnostics", diags_draw, diags_act};
