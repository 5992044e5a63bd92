/* The dependency graph (see depgraph.h): nodes, names, and the edges the
 * references in a node's text make.  A template without the SAM
 * transform has a node per resource, in template order. */
#include "../refs.h"
#include "../util.h"
#include "depgraph.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

const char *dep_keep(dep_graph *g, char *s)
{
    GROW(g->owned, g->owned_cap, g->nowned + 1);
    return g->owned[g->nowned++] = s;
}

/* A resource the graph has as a node: a mapping with a string Type or
 * none (cfn-lint's graph skips the rest). */
static bool graph_node(const cf_resource *r)
{
    return r->node->kind == CF_MAPPING && (!r->type || r->type_name);
}

size_t dep_add_node(dep_graph *g, const char *name, const cf_resource *res, bool generated)
{
    GROW(g->nodes, g->nodes_cap, g->nnodes + 1);
    g->nodes[g->nnodes] = (dep_node){name, res, generated, generated || (res && graph_node(res))};
    if (name)
        dep_name(g, name, g->nnodes);
    return g->nnodes++;
}

void dep_name(dep_graph *g, const char *name, size_t node)
{
    strmap_put(&g->index, name, strlen(name), (void *)(node + 1));
}

long dep_graph_find(const dep_graph *g, const char *name, size_t len)
{
    size_t i = (size_t)strmap_get(&g->index, name, len);
    return i ? (long)i - 1 : -1;
}

/* The node a reference names, as an index; -1 when there is none (a
 * reference to something that is an empty or missing resource makes no
 * edge: cfn-lint asks whether the resource's value is truthy). */
static long target_of(const dep_graph *g, const char *name, size_t len)
{
    long i = dep_graph_find(g, name, len);
    if (i < 0 || !g->nodes[i].res || g->nodes[i].generated)
        return i;
    const cf_node *n = g->nodes[i].res->node;
    bool empty = n->kind == CF_SCALAR ? n->type == CF_TYPE_NULL || !n->len : !n->len;
    return empty ? -1 : i;
}

static void push_edge(dep_graph *g, dep_edge e)
{
    GROW(g->v, g->cap, g->n + 1);
    g->v[g->n++] = e;
}

void dep_add_edge(dep_graph *g, size_t from, size_t to, dep_kind kind, dep_phase phase, const char *path)
{
    push_edge(g, (dep_edge){from, to, kind, phase, NULL, NULL, NULL, path});
}

void dep_add_made_dependency(dep_graph *g, size_t from, size_t to, const cf_node *place)
{
    dep_add_edge(g, from, to, DEP_DEPENDS_ON, PHASE_DEPENDS_ON, NULL);
    GROW(g->made, g->made_cap, g->nmade + 1);
    g->made[g->nmade++] = (dep_made_dependency){from, to, place};
}

typedef struct ref_walk {
    dep_graph *g;
    size_t from;
    const cf_node *base;
    const char *base_path;
} ref_walk;

static void ref_edge(ref_walk *w, const char *name, size_t len, dep_kind kind, dep_phase phase, const cf_node *where)
{
    long to = target_of(w->g, name, len);
    if (to >= 0)
        push_edge(w->g, (dep_edge){w->from, (size_t)to, kind, phase, where, w->base, w->base_path, NULL});
}

/* Fn::Sub's variables the way cfn-lint's graph reads them: ${Name} or
 * ${Name.Attr} made of letters, digits and dots only (so ${AWS::Region}
 * and ${!Literal} are not references), minus the names the second
 * argument defines.  A name the graph knows whole ("MyApi.Stage", which
 * the SAM transform turns into a Ref) is a Ref; else the part before the
 * first dot is a Fn::GetAtt's resource. */
typedef struct sub_walk {
    ref_walk *w;
    const cf_node *sub_map;
} sub_walk;

static void sub_edge(const char *name, size_t len, void *ctx)
{
    const sub_walk *sw = ctx;
    const char *dot = memchr(name, '.', len);
    if (dot && dep_graph_find(sw->w->g, name, len) >= 0)
        ref_edge(sw->w, name, len, DEP_REF, PHASE_SUB, sw->sub_map);
    else
        ref_edge(sw->w, name, dot ? (size_t)(dot - name) : len, dot ? DEP_GETATT : DEP_REF, PHASE_SUB, sw->sub_map);
}

static void sub_edges(ref_walk *w, const cf_node *sub_map, const cf_node *arg)
{
    sub_walk sw = {w, sub_map};
    cf_sub_names(arg, sub_edge, &sw);
}

static void getatt_edge(ref_walk *w, const cf_node *map, const cf_node *arg)
{
    if (arg->kind == CF_SEQUENCE && arg->len == 2 && arg->u.items[0]->kind == CF_SCALAR &&
        arg->u.items[0]->type == CF_TYPE_STR) {
        ref_edge(w, arg->u.items[0]->u.str, arg->u.items[0]->len, DEP_GETATT, PHASE_GETATT, map);
    } else if (arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR) {
        const char *dot = strchr(arg->u.str, '.');
        if (dot)
            ref_edge(w, arg->u.str, (size_t)(dot - arg->u.str), DEP_GETATT, PHASE_GETATT, map);
    }
}

static void walk_refs(ref_walk *w, const cf_node *n)
{
    if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            walk_refs(w, n->u.items[i]);
        return;
    }
    if (n->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key, *v = n->u.pairs[i].value;
        if (cf_is_str(k, "Ref") && v->kind == CF_SCALAR && v->type == CF_TYPE_STR)
            ref_edge(w, v->u.str, v->len, DEP_REF, PHASE_REF, n);
        else if (cf_is_str(k, "Fn::GetAtt"))
            getatt_edge(w, n, v);
        else if (cf_is_str(k, "Fn::Sub"))
            sub_edges(w, n, v);
        walk_refs(w, v);
    }
}

void dep_add_refs(dep_graph *g, size_t from, const cf_node *n, const cf_node *base, const char *base_path)
{
    ref_walk w = {g, from, base, base_path};
    if (n)
        walk_refs(&w, n);
}

void dep_add_depends_on(dep_graph *g, size_t from, const cf_node *dep)
{
    ref_walk w = {g, from, NULL, NULL};
    if (dep->kind == CF_SCALAR && dep->type == CF_TYPE_STR)
        ref_edge(&w, dep->u.str, dep->len, DEP_DEPENDS_ON, PHASE_DEPENDS_ON, dep);
    for (uint32_t i = 0; dep->kind == CF_SEQUENCE && i < dep->len; i++) {
        const cf_node *d = dep->u.items[i];
        if (d->kind == CF_SCALAR && d->type == CF_TYPE_STR)
            ref_edge(&w, d->u.str, d->len, DEP_DEPENDS_ON, PHASE_DEPENDS_ON, d);
    }
}

char *dep_edge_path(const dep_graph *g, const dep_edge *e)
{
    (void)g;
    if (e->path)
        return xstrdup(e->path);
    if (!e->base)
        return cf_sect_path_text(e->where);
    /* where's path below base, written on base_path */
    size_t nb = cf_node_path(e->base, NULL, 0), nw = cf_node_path(e->where, NULL, 0);
    cf_pathc *path = xmalloc(sizeof *path * (nw ? nw : 1));
    cf_node_path(e->where, path, nw);
    cf_buf b = {0};
    buf_adds(&b, e->base_path);
    for (size_t i = nb; i < nw; i++) {
        if (path[i].key)
            buf_printf(&b, "/%s", path[i].key);
        else
            buf_printf(&b, "/%u", path[i].index);
    }
    free(path);
    return buf_steal(&b);
}

/* Edges grouped by the node they leave, each group in the order made. */
static void group_edges(dep_graph *g)
{
    size_t *count = xcalloc(g->nnodes + 1, sizeof *count);
    for (size_t i = 0; i < g->n; i++)
        count[g->v[i].from]++;
    g->out_start = xcalloc(g->nnodes + 1, sizeof *g->out_start);
    for (size_t i = 0; i < g->nnodes; i++)
        g->out_start[i + 1] = g->out_start[i] + count[i];
    dep_edge *sorted = xcalloc(g->n + 1, sizeof *sorted);
    size_t *next = count;
    for (size_t i = 0; i < g->nnodes; i++)
        next[i] = g->out_start[i];
    for (size_t i = 0; i < g->n; i++)
        sorted[next[g->v[i].from]++] = g->v[i];
    free(g->v);
    g->v = sorted;
    g->cap = g->n + 1;
    free(count);
}

void dep_graph_build(dep_graph *g, const cf_template *t)
{
    memset(g, 0, sizeof *g);
    g->t = t;
    strmap_init(&g->index);
    g->node_of = xcalloc(t->nres + 1, sizeof *g->node_of);
    if (t->sam) {
        sam_graph_build(g);
    } else {
        for (size_t i = 0; i < t->nres; i++)
            g->node_of[i] = dep_add_node(g, t->res[i].name, &t->res[i], false) + 1;
        for (size_t i = 0; i < t->nres; i++) {
            const cf_resource *r = &t->res[i];
            const cf_node *dep = cf_map_get(r->node, "DependsOn");
            if (dep && graph_node(r))
                dep_add_depends_on(g, i, dep);
            dep_add_refs(g, i, r->node, NULL, NULL);
        }
    }
    group_edges(g);
}

void dep_graph_free(dep_graph *g)
{
    for (size_t i = 0; i < g->nowned; i++)
        free(g->owned[i]);
    free(g->owned);
    free(g->made);
    free(g->nodes);
    free(g->node_of);
    free(g->v);
    free(g->out_start);
    strmap_free(&g->index);
}
