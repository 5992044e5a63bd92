/* Dependencies between resources, as CloudFormation orders creation:
 * explicit (DependsOn) and implicit (Ref, Fn::GetAtt, and Fn::Sub's
 * ${Res} / ${Res.Attr}).
 *
 *   E3005  DependsOn names a resource that does not exist (or itself);
 *          one that may not exist when this resource does is asked of the
 *          condition model in relationships.c.
 *   W3005  DependsOn repeats a dependency a reference already makes.
 *   E3004  resources that depend on each other in a circle.
 *
 * The graph is built once (depgraph.c; for a SAM template, that of the
 * transformed template, sam_graph.c).  Which dependencies of a cycle get reported
 * follows cfn-lint's searches (see "Cycles"), found in one linear pass. */
#include "../lint.h"
#include "../repr.h"
#include "depgraph.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3004",
     "Resource dependencies are not circular",
     "Check that Resources are not circularly dependent by DependsOn, Ref, Sub, or GetAtt",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources,circularly,dependson,ref,sub,getatt"},
    {"E3005",
     "Check DependsOn values for Resources",
     "Check that the DependsOn values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html",
     "resources,dependson"},
    {"W3005",
     "Check obsolete DependsOn configuration for Resources",
     "Check if DependsOn is specified if not needed. A Ref or a Fn::GetAtt already is an implicit dependency.",
     "https://aws.amazon.com/blogs/devops/optimize-aws-cloudformation-templates/",
     "resources,dependson,ref,getatt"},
};

/* ---- The checks ------------------------------------------------------- */

/* Resources that exist as DependsOn targets: mappings with a string Type. */
static bool dependable(const cf_resource *r)
{
    return r->node->kind == CF_MAPPING && r->type_name;
}

static bool is_serverless(const cf_template *t, const cf_resource *r)
{
    return t->sam && r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17);
}

/* Names the SAM transform generates from a serverless resource's id
 * (MyFunctionRole, MyApiStage ...) exist only after the transform. */
static bool sam_generated(const cf_template *t, const char *name)
{
    for (size_t i = 0; t->sam && i < t->nres; i++) {
        size_t n = strlen(t->res[i].name);
        if (is_serverless(t, &t->res[i]) && !strncmp(name, t->res[i].name, n) && name[n])
            return true;
    }
    return false;
}

static bool has_foreach(const cf_template *t)
{
    for (size_t i = 0; i < t->nres; i++)
        if (!strncmp(t->res[i].name, "Fn::ForEach::", 13))
            return true;
    return false;
}

static void unknown_target(cf_lint_ctx *ctx, const cf_resource *self, const cf_node *d)
{
    const cf_template *t = ctx->tpl;
    const char **names = xcalloc(t->nres + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < t->nres; i++)
        if (&t->res[i] != self && dependable(&t->res[i]))
            names[n++] = t->res[i].name;
    cf_buf b = {0}, list = {0};
    cf_repr(&b, d);
    cf_sect_names_repr(&list, names, n);
    cf_sect_report(ctx, "E3005", d, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
    free(names);
}

static const char *const kind_names[] = {"DependsOn", "Ref", "GetAtt"};

/* One finding per reference that already orders the two (cfn-lint names
 * each of them). */
static void report_already_enforced(cf_lint_ctx *ctx, const dep_graph *g, size_t from, size_t to,
                                    const cf_node *at)
{
    for (size_t e = g->out_start[from]; e < g->out_start[from + 1]; e++) {
        const dep_edge *x = &g->v[e];
        if (x->to != to || x->kind == DEP_DEPENDS_ON)
            continue;
        char *where = dep_edge_path(g, x);
        cf_sect_report(ctx, "W3005", at, "'%s' dependency already enforced by a '%s' at '%s'",
                       g->nodes[to].name, kind_names[x->kind], where);
        free(where);
    }
}

/* W3005 on one DependsOn entry, judged on the graph: after the SAM
 * transform a serverless resource's DependsOn is its main resource's,
 * and cfn-lint places a finding about a string DependsOn there on the
 * resource's key (the transform's copy has no place of its own). */
static void check_redundant(cf_lint_ctx *ctx, const dep_graph *g, size_t self, const cf_node *d)
{
    const cf_template *t = ctx->tpl;
    size_t node = g->node_of[self];
    if (!node || !g->nodes[node - 1].name)
        return;
    long target = dep_graph_find(g, d->u.str, d->len);
    if (target < 0 || !g->nodes[target].name)
        return;
    const cf_resource *r = &t->res[self];
    const cf_node *at = d;
    if (is_serverless(t, r) && d->parent && d->parent->kind == CF_MAPPING)
        at = r->key;
    report_already_enforced(ctx, g, node - 1, (size_t)target, at);
}

static void check_depends_on_entry(cf_lint_ctx *ctx, const dep_graph *g, size_t self, const cf_node *d,
                                   bool lenient)
{
    const cf_template *t = ctx->tpl;
    if (d->kind != CF_SCALAR || d->type != CF_TYPE_STR)
        return; /* E3001's */
    const cf_resource *r = &t->res[self];
    const cf_resource *target = cf_template_resource_n(t, d->u.str, d->len);
    bool nul = strlen(d->u.str) != d->len; /* "T\u0000x" names nothing */
    /* (one that may not exist while this one does: relationships.c) */
    if ((!target || target == r || !dependable(target)) && !lenient && (nul || !sam_generated(t, d->u.str)))
        unknown_target(ctx, r, d);
    /* a reference to itself is an edge as well (and E3004's cycle) */
    check_redundant(ctx, g, self, d);
}

static void check_depends_on(cf_lint_ctx *ctx, const dep_graph *g)
{
    const cf_template *t = ctx->tpl;
    bool lenient = has_foreach(t); /* loops make resources we cannot name */
    for (size_t i = 0; i < t->nres; i++) {
        const cf_node *dep = t->res[i].walked ? cf_map_get(t->res[i].node, "DependsOn") : NULL;
        if (!dep)
            continue;
        if (dep->kind == CF_SEQUENCE)
            for (uint32_t k = 0; k < dep->len; k++)
                check_depends_on_entry(ctx, g, i, dep->u.items[k], lenient);
        else
            check_depends_on_entry(ctx, g, i, dep, lenient);
    }
    /* and those the SAM transform writes */
    for (size_t i = 0; i < g->nmade; i++)
        report_already_enforced(ctx, g, g->made[i].from, g->made[i].to, g->made[i].place);
}

/* ---- Cycles ------------------------------------------------------------
 * cfn-lint looks for a cycle from each resource in turn (networkx's
 * find_cycle: an edge-by-edge depth-first search over the edges in the
 * order they were added) and reports every dependency of the first cycle
 * each search meets.  Searching from every resource costs the size of the
 * graph each time (a ring of n resources: n^2); this finds the same
 * cycles in one linear pass.
 *
 * Tarjan's strongly connected components (iterative, linear) tell which
 * resources can reach a cycle at all.  A search that enters one that
 * cannot explores everything below it, meets no cycle and backs out:
 * it may as well not enter.  Every resource that can reach a cycle has
 * an edge to another that can, so a search never backs out of those:
 * from each it follows the first edge (in networkx's order) to a
 * resource that can reach a cycle, until it comes to a resource already
 * on its path, and the edges from there on are its cycle.  That makes
 * each resource's search the walk along "first useful edges" from it, a
 * graph with one edge out of each resource: the walks from all
 * resources together visit each resource once when a walk stops where
 * an earlier one passed (its cycle is already found). */

#define NONE ((size_t)-1)

typedef struct cycle_search {
    const dep_graph *g;
    size_t nnodes;
    size_t *adj, *adj_start; /* edge ids out of each node, in networkx's order */
    size_t *comp;            /* strongly connected component of each node */
    bool *reaches_cycle;     /* per component */
    bool *in_cycle;          /* per edge: found by some search */
} cycle_search;

typedef struct adj_key {
    size_t rank, phase, id;
} adj_key;

static int cmp_adj_key(const void *a, const void *b)
{
    const adj_key *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->phase != y->phase)
        return x->phase < y->phase ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* A MultiDiGraph lists a node's edges by neighbour, neighbours in the
 * order their first edge was added, then that neighbour's edges in the
 * order they were added. */
static void order_adjacency(cycle_search *cs)
{
    const dep_graph *g = cs->g;
    size_t n = cs->nnodes;
    cs->adj = xcalloc(g->n + 1, sizeof *cs->adj);
    cs->adj_start = xcalloc(n + 1, sizeof *cs->adj_start);
    size_t *first = xcalloc(n + 1, sizeof *first); /* 1 + rank of each target */
    adj_key *keys = xcalloc(g->n + 1, sizeof *keys);
    for (size_t u = 0; u < n; u++) {
        size_t lo = g->out_start[u], hi = g->out_start[u + 1], k = 0;
        cs->adj_start[u] = lo;
        for (size_t e = lo; e < hi; e++)
            keys[k++] = (adj_key){0, g->v[e].phase, e};
        qsort(keys, k, sizeof *keys, cmp_adj_key); /* insertion order */
        size_t ranks = 0;
        for (size_t i = 0; i < k; i++) {
            size_t to = g->v[keys[i].id].to;
            if (!first[to])
                first[to] = ++ranks;
            keys[i].rank = first[to];
        }
        qsort(keys, k, sizeof *keys, cmp_adj_key);
        for (size_t i = 0; i < k; i++) {
            cs->adj[lo + i] = keys[i].id;
            first[g->v[keys[i].id].to] = 0;
        }
    }
    cs->adj_start[n] = g->n;
    free(first);
    free(keys);
}

/* Tarjan's components without recursion (a template may chain thousands
 * of resources).  Components complete in reverse topological order, so
 * whether one reaches a cycle is known from those completed before it. */
static void find_components(cycle_search *cs)
{
    const dep_graph *g = cs->g;
    size_t n = cs->nnodes;
    size_t *index = xcalloc(n, sizeof *index), *low = xcalloc(n, sizeof *low);
    size_t *stack = xcalloc(n, sizeof *stack), *call = xcalloc(n, sizeof *call);
    size_t *call_pos = xcalloc(n, sizeof *call_pos), *order = xcalloc(n, sizeof *order);
    bool *on_stack = xcalloc(n, sizeof *on_stack), *cyclic = xcalloc(n, sizeof *cyclic);
    size_t *size = xcalloc(n, sizeof *size);
    cs->comp = xcalloc(n, sizeof *cs->comp);
    cs->reaches_cycle = xcalloc(n, sizeof *cs->reaches_cycle);
    for (size_t v = 0; v < n; v++)
        index[v] = NONE;
    size_t counter = 0, sp = 0, ncomp = 0, norder = 0;
    for (size_t root = 0; root < n; root++) {
        if (index[root] != NONE)
            continue;
        size_t depth = 0;
        call[0] = root;
        call_pos[0] = cs->adj_start[root];
        index[root] = low[root] = counter++;
        stack[sp++] = root;
        on_stack[root] = true;
        for (;;) {
            size_t v = call[depth];
            if (call_pos[depth] < cs->adj_start[v + 1]) {
                size_t w = g->v[cs->adj[call_pos[depth]++]].to;
                if (index[w] == NONE) {
                    index[w] = low[w] = counter++;
                    stack[sp++] = w;
                    on_stack[w] = true;
                    call[++depth] = w;
                    call_pos[depth] = cs->adj_start[w];
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                size_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = false;
                    cs->comp[w] = ncomp;
                    size[ncomp]++;
                    order[norder++] = w;
                } while (w != v);
                ncomp++;
            }
            if (!depth)
                break;
            size_t parent = call[--depth];
            if (low[v] < low[parent])
                low[parent] = low[v];
        }
    }
    for (size_t c = 0; c < ncomp; c++)
        cyclic[c] = size[c] > 1;
    for (size_t e = 0; e < g->n; e++)
        if (g->v[e].from == g->v[e].to)
            cyclic[cs->comp[g->v[e].from]] = true;
    for (size_t i = 0; i < norder; i++) {
        size_t v = order[i], c = cs->comp[v];
        cs->reaches_cycle[c] |= cyclic[c];
        for (size_t p = cs->adj_start[v]; p < cs->adj_start[v + 1]; p++)
            cs->reaches_cycle[c] |= cs->reaches_cycle[cs->comp[g->v[cs->adj[p]].to]];
    }
    free(index);
    free(low);
    free(stack);
    free(call);
    free(call_pos);
    free(order);
    free(on_stack);
    free(cyclic);
    free(size);
}

/* Each node's first edge, in networkx's order, to a node that can reach
 * a cycle (NONE for a node that cannot). */
static size_t *first_useful_edges(const cycle_search *cs)
{
    size_t *first = xcalloc(cs->nnodes + 1, sizeof *first);
    for (size_t v = 0; v < cs->nnodes; v++) {
        first[v] = NONE;
        if (!cs->reaches_cycle[cs->comp[v]])
            continue;
        for (size_t p = cs->adj_start[v]; p < cs->adj_start[v + 1] && first[v] == NONE; p++)
            if (cs->reaches_cycle[cs->comp[cs->g->v[cs->adj[p]].to]])
                first[v] = cs->adj[p];
    }
    return first;
}

/* The searches from every checked node that can reach a cycle: mark the
 * edges of the cycle each meets. */
static void find_cycles(cycle_search *cs)
{
    const dep_graph *g = cs->g;
    size_t n = cs->nnodes;
    size_t *first = first_useful_edges(cs);
    /* 0: not walked yet; w + 1: on walk w, which is still going */
    size_t *walk = xcalloc(n + 1, sizeof *walk);
    bool *done = xcalloc(n + 1, sizeof *done);
    for (size_t s = 0; s < n; s++) {
        if (!g->nodes[s].checked || !cs->reaches_cycle[cs->comp[s]] || done[s])
            continue;
        size_t v = s;
        while (!done[v] && walk[v] != s + 1) {
            walk[v] = s + 1;
            v = g->v[first[v]].to;
        }
        if (!done[v]) /* back on this walk's path: v starts its cycle */
            for (size_t u = v;;) {
                cs->in_cycle[first[u]] = true;
                u = g->v[first[u]].to;
                if (u == v)
                    break;
            }
        for (size_t u = s; !done[u]; u = g->v[first[u]].to)
            done[u] = true;
    }
    free(first);
    free(walk);
    free(done);
}

/* Where cfn-lint places a finding about a node: a resource's key; a
 * resource the SAM transform made has the marks of the Resources key. */
static const cf_node *node_place(const cf_template *t, const dep_node *n)
{
    return n->generated ? cf_loc_key(t->resources) : n->res->node;
}

static void check_cycles(cf_lint_ctx *ctx, const dep_graph *g)
{
    const cf_template *t = ctx->tpl;
    size_t nn = g->nnodes;
    if (!nn)
        return;
    cycle_search cs = {g, nn, NULL, NULL, NULL, NULL, NULL};
    order_adjacency(&cs);
    find_components(&cs);
    cs.in_cycle = xcalloc(g->n + 1, sizeof *cs.in_cycle);
    find_cycles(&cs);
    for (size_t e = 0; e < g->n; e++) {
        const dep_edge *x = &g->v[e];
        const dep_node *from = &g->nodes[x->from], *to = &g->nodes[x->to];
        /* a name the transform makes from a hash cannot be told */
        if (!cs.in_cycle[e] || !from->checked || !to->checked || !from->name || !to->name)
            continue;
        cf_sect_report(ctx, "E3004", node_place(t, from),
                       "Circular Dependencies for resource %s. Circular dependency with [%s]", from->name,
                       to->name);
    }
    free(cs.adj);
    free(cs.adj_start);
    free(cs.comp);
    free(cs.reaches_cycle);
    free(cs.in_cycle);
}

static void check(cf_lint_ctx *ctx)
{
    dep_graph g;
    dep_graph_build(&g, ctx->tpl);
    check_depends_on(ctx, &g);
    check_cycles(ctx, &g);
    dep_graph_free(&g);
}

CF_FAMILY(family_dependencies, "dependencies", check, rules);
