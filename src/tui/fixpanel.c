/* The fix panel: the selected diagnostic's alternatives (title and
 * applicability), the chosen one marked, and the core's unified diff of
 * exactly what accepting it would change. */
#include "tui/app.h"

#include "patch.h"

#include <stdio.h>
#include <string.h>

enum { FIX_HSCROLL_STEP = 8 };

const cf_fix *fixes_chosen(tui_app *app, const cf_diag *d)
{
    if (!d || !d->nfixes)
        return NULL;
    if (app->fix.choice < 0 || (size_t)app->fix.choice >= d->nfixes)
        app->fix.choice = 0;
    return &d->fixes[app->fix.choice];
}

/* The diff, without the two file header lines (the file is known). */
static const char *diff_body(tui_app *app, const cf_diag *d)
{
    fixes_state *f = &app->fix;
    const cf_fix *fix = fixes_chosen(app, d);
    if (f->diff_gen == app->s.generation + 1 && f->diff_diag == app->sel && f->diff_choice == f->choice)
        goto done;
    buf_reset(&f->diff);
    if (fix) {
        cf_patch p = {0};
        cf_patch_add_fix(&p, fix);
        cf_patch_diff(app->s.doc, &p, "a", "b", &f->diff);
        cf_patch_free(&p);
    }
    f->diff_gen = app->s.generation + 1;
    f->diff_diag = app->sel;
    f->diff_choice = f->choice;
    f->scroll = -1; /* placed at the next draw */
    f->hscroll = 0;
done:;
    const char *s = f->diff.data ? f->diff.data : "";
    for (int skip = 0; skip < 2 && (!strncmp(s, "--- ", 4) || !strncmp(s, "+++ ", 4)); skip++) {
        const char *nl = strchr(s, '\n');
        s = nl ? nl + 1 : s + strlen(s);
    }
    return s;
}

static tui_style diff_style(char c)
{
    return c == '+' ? ST_DIFF_ADD : c == '-' ? ST_DIFF_DEL : c == '@' ? ST_DIFF_HUNK : ST_NORMAL;
}

/* A diff line: its marker, then the text with tabs expanded to the
 * source view's stops (the columns line up with it) and the first hscroll
 * columns scrolled away. */
static void draw_diff_line(tui_grid *g, int row, int col, int end, const char *s, size_t n, int hscroll)
{
    if (!n)
        return;
    tui_style st = diff_style(*s);
    col = grid_text(g, row, col, end, s, 1, st);
    cf_buf b = {0};
    tui_unit u;
    int vc = 0;
    for (size_t i = 1; i < n;) {
        tui_unit_next(s, n, &i, g->unicode, &u);
        bool tab = u.len == 1 && s[u.at] == '\t';
        int w = tab ? TUI_TAB_WIDTH - vc % TUI_TAB_WIDTH : u.width;
        if (vc >= hscroll && !tab)
            buf_add(&b, s + u.at, u.len);
        else /* a tab, or what is left of a unit cut by the scroll */
            for (int k = vc > hscroll ? vc : hscroll; k < vc + w; k++)
                buf_addc(&b, ' ');
        vc += w;
    }
    grid_text(g, row, col, end, b.data ? b.data : "", b.len, st);
    buf_free(&b);
}

static tui_style applicability_style(cf_applicability a)
{
    return a == CF_FIX_SAFE ? ST_STRING : a == CF_FIX_UNSAFE ? ST_WARNING : ST_DIM;
}

static void fixes_draw(tui_app *app, tui_grid *g, tui_rect r, bool focused)
{
    const cf_diag *d = app_diag(app, app->sel);
    char title[128];
    if (d && d->nfixes)
        snprintf(title, sizeof title, "Fixes for %s: %zu%s", d->rule->id, d->nfixes,
                 app->s.writable ? "" : " (read-only)");
    else
        snprintf(title, sizeof title, "Fixes");
    if (d && d->nfixes && app->fix.hscroll)
        snprintf(title + strlen(title), sizeof title - strlen(title), ", diff columns %d+", app->fix.hscroll + 1);
    grid_header(g, r.row, r.col, r.col + r.cols, title, focused);
    int rows = r.rows - 1, end = r.col + r.cols;
    if (rows < 1)
        return;
    int row = r.row + 1;
    if (!d) {
        grid_texts(g, row, r.col + 1, end, "No diagnostic selected: n selects the next one.", ST_DIM);
        return;
    }
    if (!d->nfixes) {
        grid_printf(g, row, r.col + 1, end, ST_DIM, "No fix is known for %s; r dismisses it.", d->rule->id);
        return;
    }
    fixes_chosen(app, d);
    int alts = 0;
    for (size_t i = 0; i < d->nfixes && alts < rows; i++, alts++) {
        const cf_fix *fx = &d->fixes[i];
        bool chosen = (int)i == app->fix.choice;
        int c = r.col;
        if (chosen)
            grid_fill(g, row + alts, c, c + 1, grid_glyph(g, GL_CURSOR), ST_TITLE);
        c = grid_printf(g, row + alts, c + 1, end, chosen ? ST_TITLE : ST_NORMAL, "%zu ", i + 1);
        c = grid_printf(g, row + alts, c, end, applicability_style(fx->applicability), "%-7s",
                        cf_applicability_name(fx->applicability));
        grid_texts(g, row + alts, c + 1, end, fx->title, chosen ? ST_TITLE : ST_NORMAL);
    }
    /* the diff below, scrolled so the change shows */
    const char *body = diff_body(app, d);
    int diff_rows = rows - alts;
    if (diff_rows < 1)
        return;
    int nlines = 0, first_change = -1;
    for (const char *s = body; *s; nlines++) {
        if (first_change < 0 && (*s == '-' || *s == '+'))
            first_change = nlines;
        const char *nl = strchr(s, '\n');
        s = nl ? nl + 1 : s + strlen(s);
    }
    fixes_state *f = &app->fix;
    if (f->scroll < 0)
        f->scroll = first_change >= diff_rows - 1 ? first_change - 1 : 0;
    if (f->scroll > nlines - 1)
        f->scroll = nlines > 0 ? nlines - 1 : 0;
    int line = 0, shown = 0;
    for (const char *s = body; *s && shown < diff_rows; line++) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (line >= f->scroll) {
            draw_diff_line(g, row + alts + shown, r.col + 1, end, s, n, f->hscroll);
            shown++;
        }
        s += n + (nl ? 1 : 0);
    }
}

static bool fixes_act(tui_app *app, tui_action a, int page)
{
    const cf_diag *d = app_diag(app, app->sel);
    fixes_state *f = &app->fix;
    int step = page > 1 ? page : 1;
    if (f->scroll < 0)
        f->scroll = 0;
    switch (a) {
    case ACT_UP:
        if (d && f->choice > 0)
            f->choice--;
        return true;
    case ACT_DOWN:
        if (d && (size_t)f->choice + 1 < d->nfixes)
            f->choice++;
        return true;
    case ACT_PGUP: f->scroll = f->scroll > step ? f->scroll - step : 0; return true;
    case ACT_PGDN: f->scroll += step; return true;
    case ACT_TOP: f->scroll = 0; return true;
    case ACT_BOTTOM: f->scroll = 1 << 20; return true;
    case ACT_EXPAND: f->hscroll += FIX_HSCROLL_STEP; return true;
    case ACT_COLLAPSE: f->hscroll = f->hscroll > FIX_HSCROLL_STEP ? f->hscroll - FIX_HSCROLL_STEP : 0; return true;
    default: return false;
    }
}

/* A click on an alternative chooses it (a accepts it, as after 1-9). */
static void fixes_click(tui_app *app, int row, int col)
{
    (void)col;
    const cf_diag *d = app_diag(app, app->sel);
    if (d && row >= 1 && (size_t)(row - 1) < d->nfixes && row < app->rects[PANE_FIXES].rows)
        app->fix.choice = row - 1;
}

const tui_view_ops fixes_view_ops = {"fixes", fixes_draw, fixes_act, fixes_click};
