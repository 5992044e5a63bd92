/* Following references: gd goes from the name under the source cursor to
 * its definition, gr lists every use of a name (in the fix panel's place,
 * walked with n and N), and a jump list (Ctrl-O back, Tab forward after
 * it) returns.  What a name is and where it is used is the session's
 * cross-reference index (xref.h), made once per text; nothing here looks
 * at the template itself. */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

enum { JUMP_LIMIT = 100 };

/* --- the jump list (vim's): a jump records where it came from */

static jump_pos here(const tui_app *app)
{
    return (jump_pos){app->src.cursor ? app->src.cursor : 1, app->src.col};
}

static void show(tui_app *app, jump_pos p)
{
    source_follow(app, p.line);
    app->src.col = p.col;
    app->src.show_col = true;
}

/* Before a jump: the place left is recorded, and what was ahead of it
 * (after Ctrl-O) is forgotten. */
static void jump_push(tui_app *app)
{
    jump_list *j = &app->jumps;
    if (j->at < j->n)
        j->n = j->at;
    if (j->n == JUMP_LIMIT) {
        memmove(j->v, j->v + 1, (j->n - 1) * sizeof *j->v);
        j->n--;
    }
    GROW(j->v, j->cap, j->n + 1);
    j->v[j->n++] = here(app);
    j->at = j->n;
}

bool jump_ahead(const tui_app *app)
{
    return app->jumps.at + 1 < app->jumps.n;
}

void jump_back(tui_app *app)
{
    jump_list *j = &app->jumps;
    if (j->at == 0 || !j->n) {
        app_message(app, false, "At the start of the jump list.");
        return;
    }
    if (j->at == j->n) { /* the place left is recorded, so that Tab comes back */
        GROW(j->v, j->cap, j->n + 1);
        j->v[j->n++] = here(app);
        j->at = j->n - 1;
    }
    j->at--;
    show(app, j->v[j->at]);
    app_message(app, false, "Jump %zu of %zu (C-o back, Tab forward).", j->at + 1, j->n);
}

void jump_forward(tui_app *app)
{
    jump_list *j = &app->jumps;
    if (!jump_ahead(app))
        return;
    j->at++;
    show(app, j->v[j->at]);
    app_message(app, false, "Jump %zu of %zu (C-o back%s).", j->at + 1, j->n, jump_ahead(app) ? ", Tab forward" : "");
}

/* Go to a byte as a jump, the tree following. */
void refs_jump_to(tui_app *app, const cf_node *node, uint32_t byte)
{
    jump_push(app);
    if (node)
        tree_reveal(app, node);
    app->sel = -1;
    source_goto(app, byte);
}

/* --- what is under the cursor */

static void describe(cf_buf *b, const cf_symbol *s)
{
    buf_printf(b, "%s %s", cf_sym_kind_name(s->kind), s->name);
}

/* Where a symbol is defined: its key, an export's name. */
static uint32_t def_byte(const cf_symbol *s)
{
    return s->kind == CF_SYM_EXPORT ? s->value->start : s->key->start;
}

void refs_goto_definition(tui_app *app)
{
    const cf_xref *x = &app->s.xref;
    const cf_use *use;
    long sym = cf_xref_at(x, source_cursor_byte(app), &use);
    if (sym < 0) {
        app_message(app, false, "No name under the cursor: put it on a Ref, GetAtt, Sub, DependsOn, Condition, "
                                "FindInMap or ImportValue name.");
        return;
    }
    const cf_symbol *s = &x->syms[sym];
    if (s->kind == CF_SYM_PSEUDO) {
        app_message(app, false, "%s: a pseudo parameter, defined by CloudFormation.", s->name);
        return;
    }
    cf_buf b = {0};
    describe(&b, s);
    if (!use) {
        app_message(app, false, "This is the definition of %s (gr lists its %zu use%s).", b.data, s->nuses,
                    s->nuses == 1 ? "" : "s");
    } else {
        uint32_t at = def_byte(s);
        refs_jump_to(app, s->key, at);
        app_message(app, false, "%s, line %u (C-o goes back).", b.data, cf_doc_pos(app->s.doc, at).line);
    }
    buf_free(&b);
}

/* --- the list of uses */

bool refs_open(tui_app *app)
{
    if (app->refs.open && app->refs.index_gen != app->s.index_gen) /* the text changed: its indexes went */
        app->refs.open = false;
    return app->refs.open;
}

void refs_close(tui_app *app)
{
    app->refs.open = false;
}

void refs_free(tui_app *app)
{
    free(app->jumps.v);
    memset(&app->jumps, 0, sizeof app->jumps);
}

/* The symbol gr lists: the name under the cursor, else the definition
 * the cursor is in (a resource's body lists the resource's uses). */
static long symbol_for_list(tui_app *app)
{
    const cf_xref *x = &app->s.xref;
    const cf_use *use;
    uint32_t at = source_cursor_byte(app);
    long sym = cf_xref_at(x, at, &use);
    static const cf_sym_kind around[] = {CF_SYM_RESOURCE, CF_SYM_PARAMETER, CF_SYM_CONDITION, CF_SYM_MAPPING};
    for (size_t k = 0; sym < 0 && k < sizeof around / sizeof around[0]; k++)
        sym = cf_xref_defined_in(x, around[k], at);
    return sym;
}

static void refs_show_use(tui_app *app)
{
    const cf_symbol *s = &app->s.xref.syms[app->refs.sym];
    if (app->refs.cursor < s->nuses)
        source_goto(app, app->s.xref.uses[s->uses[app->refs.cursor]].start);
}

void refs_list_uses(tui_app *app)
{
    long sym = symbol_for_list(app);
    if (sym < 0) {
        app_message(app, false, "No name under the cursor, and the cursor is in no definition.");
        return;
    }
    const cf_symbol *s = &app->s.xref.syms[sym];
    cf_buf b = {0};
    describe(&b, s);
    if (!s->nuses) {
        app_message(app, false, "%s: no uses in this template.", b.data);
        buf_free(&b);
        return;
    }
    refs_state *r = &app->refs;
    r->open = true;
    r->sym = (size_t)sym;
    r->index_gen = app->s.index_gen;
    r->top = 0;
    /* the list starts at the first use at or after the cursor */
    uint32_t at = source_cursor_byte(app);
    r->cursor = 0;
    for (size_t i = 0; i < s->nuses; i++)
        if (app->s.xref.uses[s->uses[i]].end > at) {
            r->cursor = i;
            break;
        }
    r->fresh = true;
    app->focus = PANE_FIXES;
    app_message(app, false, "%s: %zu use%s; n, N walk them, Enter jumps, Esc closes the list.", b.data, s->nuses,
                s->nuses == 1 ? "" : "s");
    buf_free(&b);
}

void refs_walk(tui_app *app, int dir)
{
    refs_state *r = &app->refs;
    size_t n = app->s.xref.syms[r->sym].nuses;
    if (r->fresh && dir > 0) /* the first n: the use the list starts at */
        ;
    else if (dir > 0)
        r->cursor = r->cursor + 1 < n ? r->cursor + 1 : 0;
    else
        r->cursor = r->cursor > 0 ? r->cursor - 1 : n - 1;
    r->fresh = false;
    app->sel = -1;
    refs_show_use(app);
    app_message(app, false, "Use %zu of %zu.", r->cursor + 1, n);
}

static void refs_draw(tui_app *app, tui_grid *g, tui_rect rect, bool focused)
{
    refs_state *r = &app->refs;
    const cf_xref *x = &app->s.xref;
    const cf_symbol *s = &x->syms[r->sym];
    char title[200];
    snprintf(title, sizeof title, "Uses of %s %.120s (%zu)", cf_sym_kind_name(s->kind), s->name, s->nuses);
    grid_header(g, rect.row, rect.col, rect.col + rect.cols, title, focused);
    int rows = rect.rows - 1;
    if (rows < 1)
        return;
    if (r->cursor < r->top)
        r->top = r->cursor;
    if (r->cursor >= r->top + (size_t)rows)
        r->top = r->cursor - (size_t)rows + 1;
    const cf_doc *doc = app->s.doc;
    cf_buf b = {0};
    for (int i = 0; i < rows && r->top + (size_t)i < s->nuses; i++) {
        size_t k = r->top + (size_t)i;
        const cf_use *u = &x->uses[s->uses[k]];
        cf_pos p = cf_doc_pos(doc, u->start);
        int row = rect.row + 1 + i;
        buf_reset(&b);
        buf_printf(&b, "%5u:%-3u %-13s ", p.line, p.col, cf_use_kind_name(u->kind));
        int c = grid_text(g, row, rect.col, rect.col + rect.cols, b.data, b.len, ST_LINENO);
        if (u->within) {
            buf_reset(&b);
            buf_printf(&b, "in %s ", u->within_kind);
            c = grid_text(g, row, c, rect.col + rect.cols, b.data, b.len, ST_DIM);
            c = grid_text(g, row, c, rect.col + rect.cols, u->within->u.str, u->within->len, ST_KEY);
        } else {
            c = grid_texts(g, row, c, rect.col + rect.cols, "outside the sections' entries", ST_DIM);
        }
        /* the line itself, from its first character */
        uint32_t ls = cf_doc_line_start(doc, p.line), le = cf_doc_line_start(doc, p.line + 1);
        while (ls < le && (doc->src[ls] == ' ' || doc->src[ls] == '\t'))
            ls++;
        while (le > ls && (doc->src[le - 1] == '\n' || doc->src[le - 1] == '\r'))
            le--;
        if (c + 4 < rect.col + rect.cols) {
            c = grid_texts(g, row, c, rect.col + rect.cols, ": ", ST_DIM);
            grid_text(g, row, c, rect.col + rect.cols, doc->src + ls, le - ls, ST_NORMAL);
        }
        if (k == r->cursor)
            grid_add_attrs(g, row, rect.col, rect.col + rect.cols, focused ? TA_REVERSE : TA_BOLD);
    }
    buf_free(&b);
}

static bool refs_act(tui_app *app, tui_action a, int page)
{
    refs_state *r = &app->refs;
    const cf_symbol *s = &app->s.xref.syms[r->sym];
    size_t n = s->nuses, step = page > 1 ? (size_t)page : 1;
    switch (a) {
    case ACT_UP: r->cursor = r->cursor ? r->cursor - 1 : 0; break;
    case ACT_DOWN: r->cursor = r->cursor + 1 < n ? r->cursor + 1 : n - 1; break;
    case ACT_PGUP: r->cursor = r->cursor > step ? r->cursor - step : 0; break;
    case ACT_PGDN: r->cursor = r->cursor + step < n ? r->cursor + step : n - 1; break;
    case ACT_TOP: r->cursor = 0; break;
    case ACT_BOTTOM: r->cursor = n - 1; break;
    case ACT_EXPAND: { /* Enter: to the use, as a jump; the source takes the keys */
        const cf_use *u = &app->s.xref.uses[s->uses[r->cursor]];
        refs_jump_to(app, u->node, u->start);
        app->focus = PANE_SOURCE;
        app_message(app, false, "Use %zu of %zu (C-o goes back, n and N to the others).", r->cursor + 1, n);
        return true;
    }
    default: return false;
    }
    r->fresh = false;
    app->sel = -1;
    refs_show_use(app);
    return true;
}

/* A click selects a use, as j and k do (Enter jumps to it). */
static void refs_click(tui_app *app, int row, int col)
{
    (void)col;
    refs_state *r = &app->refs;
    size_t k = r->top + (size_t)(row - 1);
    if (row < 1 || k >= app->s.xref.syms[r->sym].nuses)
        return;
    r->cursor = k;
    r->fresh = false;
    app->sel = -1;
    refs_show_use(app);
}

const tui_view_ops refs_view_ops = {"references", refs_draw, refs_act, refs_click};
