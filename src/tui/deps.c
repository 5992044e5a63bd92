/* The dependency view (gD) of a resource, over the panes: what it needs
 * and what needs it, transitively, as trees; the wave CloudFormation
 * creates it in; for a resource with an error finding, the blast radius
 * of its failure (as `cfnfix order --failing` prints it); and the stack's
 * creation order.  All of it is the session's stack order (stack_order.h),
 * made once per text; the lines are made when the view opens. */
#include "tui/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_INDENT = 16 };

static void add_line(deps_state *d, long res, tui_style st, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add_line(deps_state *d, long res, tui_style st, const char *fmt, ...)
{
    GROW(d->v, d->cap, d->n + 1);
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = xmalloc((size_t)(len > 0 ? len : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)(len > 0 ? len : 0) + 1, fmt, ap);
    va_end(ap);
    d->v[d->n++] = (deps_line){text, res, (uint8_t)st};
}

static void clear_lines(deps_state *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].text);
    d->n = 0;
}

/* A tree of what res needs (or, dependents, what needs it), depth first in
 * template order; a resource met again is named, not opened again. */
static void add_tree(tui_app *app, size_t res, bool dependents)
{
    deps_state *d = &app->deps;
    const cf_stack_order *o = &app->s.order;
    const cf_template *t = &app->s.tpl;
    const cf_res_links *links = dependents ? o->needed_by : o->needs;
    bool *seen = xcalloc(o->nres + 1, sizeof *seen);
    struct frame {
        size_t res, next;
    } *stack = xmalloc((o->nres + 1) * sizeof *stack);
    size_t top = 0;
    stack[top++] = (struct frame){res, 0};
    seen[res] = true;
    size_t before = d->n;
    while (top) {
        struct frame *f = &stack[top - 1];
        if (f->next >= links[f->res].n) {
            top--;
            continue;
        }
        size_t r = links[f->res].v[f->next++];
        size_t depth = top; /* 1 under res */
        int indent = 2 * (int)(depth < MAX_INDENT ? depth : MAX_INDENT);
        const char *deep = depth > MAX_INDENT ? "\u2026 " : "";
        long wave = o->wave[r];
        if (seen[r]) {
            add_line(d, (long)r, ST_DIM, "%*s%s%s (above)", indent, "", deep, t->res[r].name);
            continue;
        }
        seen[r] = true;
        char w[32] = "never created";
        if (wave >= 0)
            snprintf(w, sizeof w, "wave %ld", wave + 1);
        add_line(d, (long)r, ST_NORMAL, "%*s%s%s  %s, %s", indent, "", deep, t->res[r].name,
                 t->res[r].type_name ? t->res[r].type_name : "no type", w);
        stack[top++] = (struct frame){r, 0}; /* each resource once: the stack never outgrows nres */
    }
    if (d->n == before)
        add_line(d, -1, ST_DIM, "  nothing");
    free(stack);
    free(seen);
}

/* Names of the marked resources, as lines of at most width columns;
 * only those of `only` (n of them, in template order) when given. */
static void add_names(deps_state *d, const cf_template *t, const bool *mark, int width, const size_t *only, size_t n)
{
    cf_buf b = {0};
    size_t count = 0;
    for (size_t k = 0; k < (only ? n : t->nres); k++) {
        size_t i = only ? only[k] : k;
        if (!mark[i])
            continue;
        size_t len = strlen(t->res[i].name);
        if (b.len && b.len + len + 2 > (size_t)width) {
            buf_addc(&b, ',');
            add_line(d, -1, ST_NORMAL, "    %s", b.data);
            buf_reset(&b);
        }
        if (b.len)
            buf_adds(&b, ", ");
        buf_adds(&b, t->res[i].name);
        count++;
    }
    if (b.len)
        add_line(d, -1, ST_NORMAL, "    %s", b.data);
    if (!count)
        add_line(d, -1, ST_DIM, "    none");
    buf_free(&b);
}

static size_t count_marks(const bool *mark, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += mark[i];
    return c;
}

/* An error finding on the resource (its key to the end of its body),
 * not dismissed: what would make its creation fail. */
static const cf_diag *error_on(tui_app *app, size_t res)
{
    const cf_resource *r = &app->s.tpl.res[res];
    uint32_t from = r->key->start, to = r->node && r->node->end > r->key->end ? r->node->end : r->key->end;
    for (size_t i = 0; i < app->s.ds.n; i++) {
        const cf_diag *d = &app->s.ds.v[i];
        uint32_t at = app_diag_anchor(d);
        if (cf_rule_level(d->rule) == 0 && at >= from && at < to && !session_rejected(&app->s, d))
            return d;
    }
    return NULL;
}

static void build(tui_app *app, int width)
{
    deps_state *d = &app->deps;
    const cf_stack_order *o = &app->s.order;
    const cf_template *t = &app->s.tpl;
    size_t res = d->res;
    clear_lines(d);
    d->width = width;
    int names = width - 6 > 20 ? width - 6 : 20;
    const cf_resource *r = &t->res[res];
    if (o->wave[res] >= 0)
        add_line(d, (long)res, ST_KEY, "%s (%s): created in wave %ld of %zu; a wave's resources are created in parallel.",
                 r->name, r->type_name ? r->type_name : "no type", o->wave[res] + 1, o->nwaves);
    else
        add_line(d, (long)res, ST_KEY, "%s (%s): never created, in or after a dependency cycle.", r->name,
                 r->type_name ? r->type_name : "no type");
    bool *needs = xcalloc(o->nres + 1, sizeof *needs), *needers = xcalloc(o->nres + 1, sizeof *needers);
    size_t nneeds = cf_stack_order_reach(o, res, false, needs);
    size_t nneeders = cf_stack_order_reach(o, res, true, needers);
    add_line(d, -1, ST_NORMAL, "%s", "");
    add_line(d, -1, ST_TITLE, "Needs (%zu, through Ref, Fn::GetAtt, Fn::Sub and DependsOn):", nneeds);
    add_tree(app, res, false);
    add_line(d, -1, ST_NORMAL, "%s", "");
    add_line(d, -1, ST_TITLE, "Needed by (%zu):", nneeders);
    add_tree(app, res, true);
    add_line(d, -1, ST_NORMAL, "%s", "");
    const cf_diag *err = error_on(app, res);
    if (err) {
        add_line(d, -1, ST_ERROR, "If %s fails to create (%s, line %u: %s):", r->name, err->rule->id, err->pos.line,
                 err->message);
        add_line(d, -1, ST_NORMAL, "  created before it, as it needs them (%zu):", nneeds);
        add_names(d, t, needs, names, NULL, 0);
        add_line(d, -1, ST_NORMAL, "  never started, as they need it (%zu):", nneeders);
        add_names(d, t, needers, names, NULL, 0);
        bool *rest = xcalloc(o->nres + 1, sizeof *rest);
        for (size_t i = 0; i < o->nres; i++)
            rest[i] = i != res && !needs[i] && !needers[i];
        add_line(d, -1, ST_NORMAL, "  may be under way, then cancelled (%zu):", count_marks(rest, o->nres));
        add_names(d, t, rest, names, NULL, 0);
        add_line(d, -1, ST_NORMAL, "%s", "  then the stack rolls back: everything created is deleted.");
        free(rest);
    } else {
        add_line(d, -1, ST_DIM, "No error finding on %s: no failure to show the blast radius of.", r->name);
    }
    add_line(d, -1, ST_NORMAL, "%s", "");
    add_line(d, -1, ST_TITLE, "The stack's creation order (%zu wave%s):", o->nwaves, o->nwaves == 1 ? "" : "s");
    /* the resources by wave (those never created last), in one pass */
    size_t *count = xcalloc(o->nwaves + 2, sizeof *count), *by_wave = xmalloc((o->nres + 1) * sizeof *by_wave);
    for (size_t i = 0; i < o->nres; i++)
        count[(o->wave[i] >= 0 ? (size_t)o->wave[i] : o->nwaves) + 1]++;
    for (size_t w = 1; w <= o->nwaves + 1; w++)
        count[w] += count[w - 1];
    for (size_t i = 0; i < o->nres; i++)
        by_wave[count[o->wave[i] >= 0 ? (size_t)o->wave[i] : o->nwaves]++] = i;
    memset(needs, 0, (o->nres + 1) * sizeof *needs);
    for (size_t k = 0; k < o->nres;) {
        long want = o->wave[by_wave[k]];
        size_t end = k;
        while (end < o->nres && o->wave[by_wave[end]] == want)
            end++;
        if (want >= 0)
            add_line(d, -1, ST_NORMAL, "  wave %ld (%zu):", want + 1, end - k);
        else
            add_line(d, -1, ST_NORMAL, "  never created, in or after a dependency cycle (%zu):", end - k);
        for (size_t i = k; i < end; i++)
            needs[by_wave[i]] = true;
        add_names(d, t, needs, names, by_wave + k, end - k);
        for (size_t i = k; i < end; i++)
            needs[by_wave[i]] = false;
        k = end;
    }
    free(count);
    free(by_wave);
    free(needs);
    free(needers);
}

/* The resource gD is about: the one named under the cursor, else the one
 * the cursor is in. */
void deps_open(tui_app *app)
{
    const cf_xref *x = &app->s.xref;
    const cf_use *use;
    uint32_t at = source_cursor_byte(app);
    long sym = cf_xref_at(x, at, &use);
    if (sym < 0 || x->syms[sym].kind != CF_SYM_RESOURCE)
        sym = cf_xref_defined_in(x, CF_SYM_RESOURCE, at);
    if (sym < 0) {
        app_message(app, false, "No resource here: put the cursor in a resource or on a name of one.");
        return;
    }
    const cf_resource *r = cf_template_resource(&app->s.tpl, x->syms[sym].name);
    if (!r)
        return;
    deps_state *d = &app->deps;
    d->res = (size_t)(r - app->s.tpl.res);
    d->index_gen = app->s.index_gen;
    d->open = true;
    d->cursor = d->top = 0;
    build(app, app->grid.cols - 2);
    app_message(app, false, "Dependencies of %s: Enter goes to a resource, q or Esc closes.", r->name);
}

void deps_draw(tui_app *app, tui_grid *g, tui_rect r)
{
    deps_state *d = &app->deps;
    if (d->index_gen != app->s.index_gen) { /* the text changed under it */
        d->open = false;
        clear_lines(d);
        return;
    }
    if (d->width != r.cols - 2)
        build(app, r.cols - 2);
    char title[200];
    snprintf(title, sizeof title, "Dependencies: %.150s", app->s.tpl.res[d->res].name);
    grid_header(g, r.row, r.col, r.col + r.cols, title, true);
    int rows = r.rows - 1;
    if (rows < 1 || !d->n)
        return;
    if (d->cursor >= d->n)
        d->cursor = d->n - 1;
    if (d->cursor < d->top)
        d->top = d->cursor;
    if (d->cursor >= d->top + (size_t)rows)
        d->top = d->cursor - (size_t)rows + 1;
    for (int i = 0; i < rows && d->top + (size_t)i < d->n; i++) {
        const deps_line *l = &d->v[d->top + (size_t)i];
        int row = r.row + 1 + i;
        grid_texts(g, row, r.col + 1, r.col + r.cols, l->text, (tui_style)l->style);
        if (d->top + (size_t)i == d->cursor)
            grid_add_attrs(g, row, r.col, r.col + r.cols, TA_REVERSE);
    }
}

void deps_key(tui_app *app, int key, int page)
{
    deps_state *d = &app->deps;
    size_t n = d->n ? d->n : 1, step = page > 1 ? (size_t)page : 1;
    tui_action a = keys_action(key);
    switch (a) {
    case ACT_UP: d->cursor = d->cursor ? d->cursor - 1 : 0; return;
    case ACT_DOWN: d->cursor = d->cursor + 1 < n ? d->cursor + 1 : n - 1; return;
    case ACT_PGUP: d->cursor = d->cursor > step ? d->cursor - step : 0; return;
    case ACT_PGDN: d->cursor = d->cursor + step < n ? d->cursor + step : n - 1; return;
    case ACT_TOP: d->cursor = 0; return;
    case ACT_BOTTOM: d->cursor = n - 1; return;
    case ACT_DEPENDENCIES: d->open = false; return;
    default: break;
    }
    if (key == TK_ENTER) {
        long res = d->cursor < d->n ? d->v[d->cursor].res : -1;
        if (res < 0) {
            app_message(app, false, "Not a resource: Enter goes to the resource on the line.");
            return;
        }
        const cf_resource *r = &app->s.tpl.res[res];
        d->open = false;
        refs_jump_to(app, r->key, r->key->start);
        app_message(app, false, "resource %s (C-o goes back).", r->name);
    } else if (key == 'q' || key == TK_ESC) {
        d->open = false;
    } else {
        app_message(app, false, "gD, q or Esc closes the dependencies.");
    }
}

void deps_free(tui_app *app)
{
    clear_lines(&app->deps);
    free(app->deps.v);
    memset(&app->deps, 0, sizeof app->deps);
}
