/* The template tree: sections, their entries (logical ids, with a
 * resource's type) and, expanded, everything below them.  Only the rows
 * the expansion shows are made, and only the rows on screen are drawn.
 * Expansion is remembered by path, so it survives edits and reloads. */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

static const char *const section_names[] = {"Parameters", "Mappings", "Conditions", "Resources", "Outputs"};
#define NSECTIONS (sizeof section_names / sizeof section_names[0])

/* A row's identity: the keys (or [index]) from the root, separated by
 * 0x1f, which no one types in a key. */
static void node_path(const cf_node *n, cf_buf *out)
{
    cf_pathc comps[64];
    size_t len = cf_node_path(n, comps, 64);
    if (len > 64)
        len = 64;
    for (size_t i = 0; i < len; i++) {
        if (i)
            buf_addc(out, '\x1f');
        if (comps[i].key)
            buf_adds(out, comps[i].key);
        else
            buf_printf(out, "[%u]", comps[i].index);
    }
}

static void path_step(cf_buf *path, const cf_node *key, uint32_t index)
{
    if (path->len)
        buf_addc(path, '\x1f');
    if (key)
        buf_adds(path, key->kind == CF_SCALAR ? key->u.str : "?");
    else
        buf_printf(path, "[%u]", index);
}

/* A path's expansion; entries stay in the map once made (a collapse
 * turns them off), so the map owns its keys. */
typedef struct tree_expansion {
    char *path;
    bool on;
    bool by_reveal; /* opened by a reveal, not by the user */
} tree_expansion;

static tree_expansion *expansion(const tree_state *t, const char *path)
{
    return strmap_get(&t->expansions, path, strlen(path));
}

static bool is_expanded(const tree_state *t, const char *path)
{
    const tree_expansion *e = expansion(t, path);
    return e && e->on;
}

static tree_expansion *set_expanded(tree_state *t, const char *path, bool on)
{
    tree_expansion *e = expansion(t, path);
    if (!e) {
        if (!on)
            return NULL;
        e = xcalloc(1, sizeof *e);
        e->path = xstrdup(path);
        strmap_put(&t->expansions, e->path, strlen(e->path), e);
    }
    e->on = on;
    e->by_reveal = false;
    return e;
}

static void expansions_free(tree_state *t)
{
    for (size_t i = 0; i < t->expansions.cap; i++) {
        tree_expansion *e = t->expansions.slots[i].value;
        if (e) {
            free(e->path);
            free(e);
        }
    }
    strmap_free(&t->expansions);
    t->nopened = 0;
}

static bool is_collection(const cf_node *n)
{
    return n && (n->kind == CF_MAPPING || n->kind == CF_SEQUENCE) && n->len > 0;
}

static tree_row *add_row(tree_state *t, tree_row_kind kind, const cf_node *key, const cf_node *node,
                         uint32_t index, uint16_t depth, const cf_buf *path)
{
    GROW(t->rows, t->cap, t->n + 1);
    tree_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    r->kind = (uint8_t)kind;
    r->key = key;
    r->node = node;
    r->index = index;
    r->depth = depth;
    r->start = node ? node->start : 0;
    r->end = node ? node->end : 0;
    if (key) {
        if (key->start < r->start)
            r->start = key->start;
        if (key->end > r->end)
            r->end = key->end;
    }
    r->expandable = is_collection(node);
    r->expanded = r->expandable && path && is_expanded(t, path->data ? path->data : "");
    return r;
}

static size_t diag_count(tui_app *app, uint32_t start, uint32_t end);

static void add_children(tui_app *app, const cf_node *n, uint16_t depth, cf_buf *path)
{
    tree_state *t = &app->tree;
    size_t keep = path->len;
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *key = n->kind == CF_MAPPING ? n->u.pairs[i].key : NULL;
        const cf_node *val = n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i];
        path_step(path, key, i);
        tree_row *r = add_row(t, ROW_CHILD, key, val, i, depth, path);
        if (t->only_diags && !diag_count(app, r->start, r->end))
            t->n--; /* o: an expanded entry shows only the children with findings */
        else if (r->expanded)
            add_children(app, val, (uint16_t)(depth + 1), path);
        path->len = keep;
        if (path->data)
            path->data[keep] = '\0';
    }
}

static const char *resource_type(const cf_node *value)
{
    const cf_node *type = value && value->kind == CF_MAPPING ? cf_map_get(value, "Type") : NULL;
    return type && type->kind == CF_SCALAR ? type->u.str : NULL;
}

static size_t diag_count(tui_app *app, uint32_t start, uint32_t end)
{
    size_t from, to;
    tree_diag_range(app, start, end, &from, &to);
    return to - from;
}

/* A section's entries, made once per text: their names, types and
 * extents read from the nodes once, so that a rebuild (each expand,
 * collapse, n, gd) walks a compact array instead of touching tens of
 * thousands of nodes scattered over the document's memory. */
typedef struct tree_entry {
    const cf_pair *pair;
    const char *name, *type;
    uint32_t start, end; /* of key and value, as add_row computes them */
    bool expandable;
} tree_entry;

typedef struct entry_table {
    const cf_pair *sec;    /* NULL: the section is not in the text */
    tree_entry *v;
    uint32_t n;
    uint32_t *order[3];    /* per tree_sort, made when first asked for */
    strmap by_name;        /* name -> index + 1 */
    uint8_t *mark;         /* expanded entries during a rebuild */
} entry_table;

struct tree_entries {
    const cf_doc *doc;
    unsigned index_gen;
    entry_table secs[NSECTIONS];
    const cf_node *cursor_node; /* the cursor's row's node in this text */
};

static void entries_free(struct tree_entries *te)
{
    if (!te)
        return;
    for (size_t i = 0; i < NSECTIONS; i++) {
        entry_table *et = &te->secs[i];
        free(et->v);
        for (size_t k = 0; k < 3; k++)
            free(et->order[k]);
        strmap_free(&et->by_name);
        free(et->mark);
    }
    free(te);
}

static void table_make(entry_table *et, const cf_pair *sec, bool resources)
{
    et->sec = sec;
    strmap_init(&et->by_name);
    const cf_node *v = sec->value;
    if (v->kind != CF_MAPPING)
        return;
    et->n = v->len;
    et->v = xcalloc(v->len ? v->len : 1, sizeof *et->v);
    et->mark = xcalloc(v->len ? v->len : 1, 1);
    for (uint32_t i = 0; i < v->len; i++) {
        const cf_pair *p = &v->u.pairs[i];
        tree_entry *e = &et->v[i];
        e->pair = p;
        e->name = p->key->kind == CF_SCALAR ? p->key->u.str : "";
        e->type = resources ? resource_type(p->value) : NULL;
        e->start = p->value ? p->value->start : 0;
        e->end = p->value ? p->value->end : 0;
        if (p->key->start < e->start)
            e->start = p->key->start;
        if (p->key->end > e->end)
            e->end = p->key->end;
        e->expandable = is_collection(p->value);
        if (p->key->kind == CF_SCALAR && !strmap_get(&et->by_name, e->name, p->key->len))
            strmap_put(&et->by_name, e->name, p->key->len, (void *)(uintptr_t)(i + 1));
    }
}

/* The entries of the text shown, made again when it changed. */
static struct tree_entries *entries_for(tui_app *app)
{
    tree_state *t = &app->tree;
    const cf_doc *doc = app->s.doc;
    if (t->entries && t->entries->doc == doc && t->entries->index_gen == app->s.index_gen)
        return t->entries;
    entries_free(t->entries);
    struct tree_entries *te = t->entries = xcalloc(1, sizeof *te);
    te->doc = doc;
    te->index_gen = app->s.index_gen;
    if (doc->root && doc->root->kind == CF_MAPPING)
        for (size_t i = 0; i < NSECTIONS; i++) {
            const cf_pair *p = cf_map_pair(doc->root, section_names[i]);
            if (p)
                table_make(&te->secs[i], p, i == 3);
        }
    return te;
}

static int order_by_name(const void *a, const void *b, void *ctx)
{
    const entry_table *et = ctx;
    return strcmp(et->v[*(const uint32_t *)a].name, et->v[*(const uint32_t *)b].name);
}

static int order_by_type(const void *a, const void *b, void *ctx)
{
    const entry_table *et = ctx;
    const tree_entry *x = &et->v[*(const uint32_t *)a], *y = &et->v[*(const uint32_t *)b];
    int c = strcmp(x->type ? x->type : "", y->type ? y->type : "");
    return c ? c : strcmp(x->name, y->name);
}

/* The entries in the order the user asked for, sorted once per text. */
static const uint32_t *table_order(entry_table *et, tree_sort sort)
{
    if (!et->order[sort]) {
        uint32_t *o = et->order[sort] = xmalloc((et->n ? et->n : 1) * sizeof *o);
        for (uint32_t i = 0; i < et->n; i++)
            o[i] = i;
        if (sort == SORT_NAME)
            qsort_r(o, et->n, sizeof *o, order_by_name, et);
        else if (sort == SORT_TYPE)
            qsort_r(o, et->n, sizeof *o, order_by_type, et);
    }
    return et->order[sort];
}

/* Mark the entries of a section that are expanded: the expansions are
 * few, the entries many, so the expansions are looked up, not each
 * entry's path.  Returns how many were marked (their indexes in *out). */
static size_t mark_expanded(tree_state *t, entry_table *et, const char *section, uint32_t **out)
{
    size_t n = 0, cap = 0, slen = strlen(section);
    *out = NULL;
    for (size_t i = 0; i < t->expansions.cap; i++) {
        const tree_expansion *e = t->expansions.slots[i].value;
        if (!e || !e->on || strncmp(e->path, section, slen) || e->path[slen] != '\x1f')
            continue;
        const char *name = e->path + slen + 1;
        if (strchr(name, '\x1f'))
            continue;
        uintptr_t at = (uintptr_t)strmap_get(&et->by_name, name, strlen(name));
        if (!at)
            continue;
        GROW(*out, cap, n + 1);
        (*out)[n++] = (uint32_t)(at - 1);
        et->mark[at - 1] = 1;
    }
    return n;
}

static void add_section(tui_app *app, size_t si, cf_buf *path)
{
    tree_state *t = &app->tree;
    entry_table *et = &entries_for(app)->secs[si];
    const cf_pair *sec = et->sec;
    path_step(path, sec->key, 0);
    tree_row *r = add_row(t, ROW_SECTION, sec->key, sec->value, 0, 0, path);
    if (t->only_diags && !diag_count(app, r->start, r->end)) {
        t->n--;
        return;
    }
    if (!r->expanded)
        return;
    const cf_node *v = sec->value;
    if (v->kind != CF_MAPPING) {
        add_children(app, v, 1, path);
        return;
    }
    uint32_t *marked;
    size_t nmarked = mark_expanded(t, et, section_names[si], &marked);
    const uint32_t *order = table_order(et, t->sort == SORT_TYPE && si != 3 ? SORT_NAME : t->sort);
    size_t keep = path->len;
    GROW(t->rows, t->cap, t->n + et->n);
    for (uint32_t i = 0; i < et->n; i++) {
        uint32_t k = order[i];
        const tree_entry *en = &et->v[k];
        if (t->only_diags && !diag_count(app, en->start, en->end))
            continue;
        tree_row *e = &t->rows[t->n++];
        memset(e, 0, sizeof *e);
        e->kind = ROW_ENTRY;
        e->key = en->pair->key;
        e->node = en->pair->value;
        e->depth = 1;
        e->start = en->start;
        e->end = en->end;
        e->expandable = en->expandable;
        e->type_name = en->type;
        e->expanded = en->expandable && et->mark[k];
        if (e->expanded) {
            path_step(path, en->pair->key, 0);
            add_children(app, en->pair->value, 2, path);
            path->len = keep;
            path->data[keep] = '\0';
            GROW(t->rows, t->cap, t->n + et->n - i);
        }
    }
    for (size_t i = 0; i < nmarked; i++)
        et->mark[marked[i]] = 0;
    free(marked);
}

static void cursor_remember(tui_app *app)
{
    tree_state *t = &app->tree;
    free(t->cursor_path);
    t->cursor_path = NULL;
    if (t->entries)
        t->entries->cursor_node = t->cursor < t->n ? t->rows[t->cursor].node : NULL;
    if (t->cursor < t->n && t->rows[t->cursor].node) {
        cf_buf b = {0};
        node_path(t->rows[t->cursor].node, &b);
        t->cursor_path = buf_steal(&b);
    }
}

void tree_rebuild(tui_app *app)
{
    tree_state *t = &app->tree;
    const cf_doc *doc = app->s.doc;
    t->n = 0;
    t->dirty = false;
    t->built_for = app->s.generation;
    const cf_node *root = doc->root;
    if (!root || root->kind != CF_MAPPING) {
        add_row(t, ROW_NOTE, NULL, NULL, 0, 0, NULL);
        t->cursor = t->top = 0;
        return;
    }
    if (!t->started) { /* the sections start expanded: their entries are the overview */
        for (size_t i = 0; i < NSECTIONS; i++)
            set_expanded(t, section_names[i], true);
        t->started = true;
    }
    cf_buf path = {0};
    struct tree_entries *te = entries_for(app);
    for (size_t i = 0; i < NSECTIONS; i++) {
        if (te->secs[i].sec) {
            buf_reset(&path);
            add_section(app, i, &path);
        }
    }
    /* the other top-level keys (Description, Metadata, Transform...) */
    for (uint32_t i = 0; i < root->len; i++) {
        const cf_pair *p = &root->u.pairs[i];
        bool section = false;
        for (size_t k = 0; k < NSECTIONS && !section; k++)
            section = cf_is_str(p->key, section_names[k]);
        if (section)
            continue;
        buf_reset(&path);
        path_step(&path, p->key, 0);
        tree_row *r = add_row(t, ROW_CHILD, p->key, p->value, i, 0, &path);
        if (t->only_diags && !diag_count(app, r->start, r->end))
            t->n--;
        else if (r->expanded)
            add_children(app, p->value, 1, &path);
    }
    /* the cursor goes back to the row it was on: in the same text, the
     * row of the same node; in another, the row of the same path */
    size_t found = t->cursor < t->n ? t->cursor : (t->n ? t->n - 1 : 0);
    bool same = false;
    if (te->cursor_node)
        for (size_t i = 0; i < t->n && !same; i++)
            if (t->rows[i].node == te->cursor_node) {
                found = i;
                same = true;
            }
    if (!same && t->cursor_path) {
        for (size_t i = 0; i < t->n; i++) {
            buf_reset(&path);
            if (t->rows[i].node)
                node_path(t->rows[i].node, &path);
            if (path.data && !strcmp(path.data, t->cursor_path)) {
                found = i;
                break;
            }
        }
    }
    buf_free(&path);
    t->cursor = found;
    cursor_remember(app);
}

void tree_free(tree_state *t)
{
    entries_free(t->entries);
    expansions_free(t);
    free(t->opened_by_reveal);
    free(t->rows);
    free(t->cursor_path);
    memset(t, 0, sizeof *t);
}

static void ensure_built(tui_app *app)
{
    if (app->tree.built_for != app->s.generation || app->tree.dirty || !app->tree.n)
        tree_rebuild(app);
}

const tree_row *tree_current(tui_app *app)
{
    ensure_built(app);
    tree_state *t = &app->tree;
    return t->cursor < t->n ? &t->rows[t->cursor] : NULL;
}

void tree_diag_range(tui_app *app, uint32_t start, uint32_t end, size_t *from, size_t *to)
{
    const diag_list *l = app_shown(app);
    const cf_diag *v = app->s.ds.v;
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (app_diag_anchor(&v[l->v[mid]]) < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    *from = lo;
    hi = l->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (app_diag_anchor(&v[l->v[mid]]) < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    *to = lo;
}

void tree_reveal(tui_app *app, const cf_node *node)
{
    tree_state *t = &app->tree;
    if (node && (node->flags & CF_NF_KEY) && node->parent && node->parent->kind == CF_MAPPING)
        node = node->parent->u.pairs[node->index].value;
    const cf_node *chain[CF_MAX_DEPTH + 1];
    size_t depth = 0;
    for (const cf_node *n = node; n && n->parent && depth < CF_MAX_DEPTH; n = n->parent)
        chain[depth++] = n;
    if (!depth)
        return;
    /* every ancestor below the root opens (the node itself stays as it
     * is); what the last reveal opened and this one does not need closes
     * again, so a long walk with n keeps the tree (and its cost) small */
    tree_expansion **keep = xmalloc(depth * sizeof *keep);
    size_t nkeep = 0;
    cf_buf path = {0};
    for (size_t i = depth; i-- > 1;) {
        buf_reset(&path);
        node_path(chain[i], &path);
        const char *p = path.data ? path.data : "";
        tree_expansion *e = expansion(t, p);
        if (e && e->on) {
            if (e->by_reveal)
                keep[nkeep++] = e;
            continue;
        }
        e = set_expanded(t, p, true);
        e->by_reveal = true;
        keep[nkeep++] = e;
    }
    buf_free(&path);
    for (size_t i = 0; i < t->nopened; i++) {
        tree_expansion *e = t->opened_by_reveal[i];
        bool needed = false;
        for (size_t k = 0; k < nkeep && !needed; k++)
            needed = keep[k] == e;
        if (!needed && e->by_reveal)
            e->on = e->by_reveal = false;
    }
    GROW(t->opened_by_reveal, t->opened_cap, nkeep + 1);
    memcpy(t->opened_by_reveal, keep, nkeep * sizeof *keep);
    t->nopened = nkeep;
    free(keep);
    tree_rebuild(app);
    size_t best = t->n, best_depth = depth + 1;
    for (size_t r = 0; r < t->n; r++)
        for (size_t k = 0; k < best_depth && k < depth; k++)
            if (t->rows[r].node == chain[k]) {
                best = r;
                best_depth = k;
                break;
            }
    if (best < t->n) {
        t->cursor = best;
        t->center = true;
        cursor_remember(app);
    }
}

void tree_collapse_all(tui_app *app)
{
    tree_state *t = &app->tree;
    const tree_row *was = tree_current(app);
    const cf_node *node = was && was->kind != ROW_NOTE ? was->node : NULL;
    expansions_free(t);
    t->started = false; /* the sections open again */
    tree_rebuild(app);
    /* the cursor goes to the row that now holds its entry */
    for (const cf_node *n = node; n; n = n->parent)
        for (size_t r = 0; r < t->n; r++)
            if (t->rows[r].node == n) {
                t->cursor = r;
                t->center = true;
                cursor_remember(app);
                app_tree_moved(app);
                return;
            }
    app_tree_moved(app);
}

/* --- the view */

static void marker(tui_app *app, const tree_row *r, char *out, size_t size, tui_style *st)
{
    size_t from, to;
    tree_diag_range(app, r->start, r->end, &from, &to);
    out[0] = '\0';
    if (from == to)
        return;
    const diag_list *l = app_shown(app);
    const cf_diag *worst = &app->s.ds.v[l->v[from]];
    for (size_t i = from + 1; i < to; i++) {
        const cf_diag *d = &app->s.ds.v[l->v[i]];
        if (cf_rule_level(d->rule) < cf_rule_level(worst->rule))
            worst = d;
    }
    snprintf(out, size, "%c%zu", app_level_letter(worst), to - from);
    *st = app_level_style(worst);
}

/* The source text of a collapsed collection on its key's line: a flow
 * mapping, a short form, a JSON object's start. */
static void preview(const tui_app *app, const tree_row *r, const char **s, size_t *n)
{
    const cf_doc *doc = app->s.doc;
    const cf_node *v = r->node;
    *s = NULL;
    *n = 0;
    if (!v || (v->flags & CF_NF_ALIAS))
        return;
    if (r->key && cf_doc_pos(doc, r->key->start).line != cf_doc_pos(doc, v->start).line)
        return;
    size_t end = v->start;
    while (end < v->end && end < doc->len && doc->src[end] != '\n' && doc->src[end] != '\r')
        end++;
    *s = doc->src + v->start;
    *n = end - v->start;
}

/* A scalar with the quotes it was written with: '14.7' is a string where
 * 14.7 is a number, and the tree must not hide the difference.  The quote
 * inside is written as YAML writes it. */
static void scalar_as_written(const cf_node *n, cf_buf *out)
{
    char q = n->style == CF_STYLE_SINGLE ? '\'' : n->style == CF_STYLE_DOUBLE ? '"' : 0;
    if (!q) {
        buf_add(out, n->u.str, n->len);
        return;
    }
    buf_addc(out, q);
    for (uint32_t i = 0; i < n->len; i++) {
        char c = n->u.str[i];
        if (c == q)
            buf_addc(out, q == '"' ? '\\' : '\'');
        else if (c == '\\' && q == '"')
            buf_addc(out, '\\');
        buf_addc(out, c);
    }
    buf_addc(out, q);
}

static void draw_row(tui_app *app, tui_grid *g, int row, int col, int end, const tree_row *r)
{
    if (r->kind == ROW_NOTE) {
        grid_texts(g, row, col + 1, end,
                   app->s.doc->failed ? "(does not parse)" : "(not a mapping)",
                   ST_DIM);
        return;
    }
    char mark[32];
    tui_style mst = ST_NORMAL;
    marker(app, r, mark, sizeof mark, &mst);
    int mw = (int)strlen(mark);
    int stop = mw ? end - mw - 1 : end;
    int c = col + r->depth * 2;
    if (r->expandable)
        grid_fill(g, row, c, c + 1, grid_glyph(g, r->expanded ? GL_EXPANDED : GL_COLLAPSED), ST_NORMAL);
    c += 2;
    tui_style label = r->kind == ROW_SECTION ? ST_TITLE : r->kind == ROW_ENTRY ? ST_KEY : ST_NORMAL;
    if (r->key)
        c = grid_text(g, row, c, stop, r->key->kind == CF_SCALAR ? r->key->u.str : "?",
                      r->key->kind == CF_SCALAR ? r->key->len : 1, label);
    else
        c = grid_printf(g, row, c, stop, ST_DIM, "[%u]", r->index);
    if (r->kind == ROW_SECTION && r->node->kind == CF_MAPPING)
        grid_printf(g, row, c, stop, ST_DIM, " (%u)", r->node->len);
    else if (r->type_name)
        grid_printf(g, row, c + 1, stop, ST_DIM, "%s", r->type_name);
    else if (r->node && r->node->kind == CF_SCALAR && r->kind != ROW_SECTION) {
        if (r->key)
            c = grid_texts(g, row, c, stop, ":", ST_NORMAL);
        cf_buf v = {0};
        scalar_as_written(r->node, &v);
        grid_text(g, row, c + 1, stop, v.data ? v.data : "", v.len, ST_STRING);
        buf_free(&v);
    } else if (!r->expanded) {
        const char *s;
        size_t n;
        preview(app, r, &s, &n);
        if (n)
            grid_text(g, row, c + 1, stop, s, n, ST_DIM);
    }
    if (mw)
        grid_texts(g, row, end - mw, end, mark, mst);
}

static const char *sort_names[] = {"", " by name", " by type"};

static void tree_draw(tui_app *app, tui_grid *g, tui_rect r, bool focused)
{
    tree_state *t = &app->tree;
    ensure_built(app);
    char title[96];
    snprintf(title, sizeof title, "Template%s%s", sort_names[t->sort], t->only_diags ? ", with findings" : "");
    grid_header(g, r.row, r.col, r.col + r.cols, title, focused);
    int rows = r.rows - 1;
    if (rows < 1)
        return;
    if (t->center && (t->cursor < t->top || t->cursor >= t->top + (size_t)rows))
        t->top = t->cursor > (size_t)rows / 3 ? t->cursor - (size_t)rows / 3 : 0;
    t->center = false;
    if (t->top + (size_t)rows > t->n) /* no empty rows below while rows above are hidden (o, collapse) */
        t->top = t->n > (size_t)rows ? t->n - (size_t)rows : 0;
    if (t->cursor < t->top)
        t->top = t->cursor;
    if (t->cursor >= t->top + (size_t)rows)
        t->top = t->cursor - (size_t)rows + 1;
    for (int i = 0; i < rows && t->top + (size_t)i < t->n; i++) {
        size_t k = t->top + (size_t)i;
        int row = r.row + 1 + i;
        draw_row(app, g, row, r.col, r.col + r.cols, &t->rows[k]);
        if (k == t->cursor)
            grid_add_attrs(g, row, r.col, r.col + r.cols, focused ? TA_REVERSE : TA_UNDERLINE);
    }
}

static void move_to(tui_app *app, size_t i)
{
    tree_state *t = &app->tree;
    if (!t->n)
        return;
    if (i >= t->n)
        i = t->n - 1;
    t->cursor = i;
    cursor_remember(app);
    app_tree_moved(app);
}

static bool tree_act(tui_app *app, tui_action a, int page)
{
    tree_state *t = &app->tree;
    ensure_built(app);
    size_t step = page > 1 ? (size_t)page : 1;
    tree_row *cur = t->cursor < t->n ? &t->rows[t->cursor] : NULL;
    switch (a) {
    case ACT_UP: move_to(app, t->cursor ? t->cursor - 1 : 0); return true;
    case ACT_DOWN: move_to(app, t->cursor + 1); return true;
    case ACT_PGUP: move_to(app, t->cursor > step ? t->cursor - step : 0); return true;
    case ACT_PGDN: move_to(app, t->cursor + step); return true;
    case ACT_TOP: move_to(app, 0); return true;
    case ACT_BOTTOM: move_to(app, t->n ? t->n - 1 : 0); return true;
    case ACT_EXPAND:
        if (!cur || !cur->expandable)
            return true;
        if (cur->expanded) {
            move_to(app, t->cursor + 1);
        } else {
            set_expanded(t, t->cursor_path ? t->cursor_path : "", true);
            tree_rebuild(app);
        }
        return true;
    case ACT_COLLAPSE:
        if (!cur)
            return true;
        if (cur->expanded) {
            set_expanded(t, t->cursor_path ? t->cursor_path : "", false);
            tree_rebuild(app);
        } else {
            size_t i = t->cursor;
            while (i > 0 && t->rows[i].depth >= cur->depth)
                i--;
            if (t->rows[i].depth < cur->depth)
                move_to(app, i);
        }
        return true;
    default:
        return false;
    }
}

/* A click selects the row; on the selected row it opens or closes it. */
static void tree_click(tui_app *app, int row, int col)
{
    (void)col;
    tree_state *t = &app->tree;
    ensure_built(app);
    size_t i = t->top + (size_t)(row - 1);
    if (row < 1 || i >= t->n)
        return;
    if (i == t->cursor && t->rows[i].expandable)
        tree_act(app, t->rows[i].expanded ? ACT_COLLAPSE : ACT_EXPAND, 1);
    else
        move_to(app, i);
}

const tui_view_ops tree_view_ops = {"tree", tree_draw, tree_act, tree_click};
