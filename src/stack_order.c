#include "stack_order.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void link_add(cf_res_links *l, size_t *cap, size_t to)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == to)
            return;
    GROW(l->v, *cap, l->n + 1);
    l->v[l->n++] = to;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

void cf_stack_order_build(cf_stack_order *o, const cf_template *t, const cf_xref *x)
{
    memset(o, 0, sizeof *o);
    size_t n = o->nres = t->nres;
    o->needs = xcalloc(n + 1, sizeof *o->needs);
    o->needed_by = xcalloc(n + 1, sizeof *o->needed_by);
    o->wave = xcalloc(n + 1, sizeof *o->wave);
    size_t *cap_needs = xcalloc(n + 1, sizeof *cap_needs), *cap_by = xcalloc(n + 1, sizeof *cap_by);
    for (size_t i = 0; i < x->nuses; i++) {
        const cf_use *u = &x->uses[i];
        const cf_symbol *s = &x->syms[u->symbol];
        if (u->owner < 0 || s->kind != CF_SYM_RESOURCE)
            continue;
        const cf_resource *target = cf_template_resource_n(t, s->name, s->key->len);
        if (!target)
            continue;
        size_t from = (size_t)u->owner, to = (size_t)(target - t->res);
        if (from == to)
            continue; /* a resource naming itself: E3004's, not an order */
        link_add(&o->needs[from], &cap_needs[from], to);
        link_add(&o->needed_by[to], &cap_by[to], from);
    }
    for (size_t i = 0; i < n; i++) {
        if (o->needs[i].n > 1) /* qsort of NULL is undefined, even of none */
            qsort(o->needs[i].v, o->needs[i].n, sizeof(size_t), cmp_size);
        if (o->needed_by[i].n > 1)
            qsort(o->needed_by[i].v, o->needed_by[i].n, sizeof(size_t), cmp_size);
    }
    free(cap_needs);
    free(cap_by);
    /* waves: Kahn's algorithm, one level at a time; what is left is in or after a cycle */
    size_t *missing = xcalloc(n + 1, sizeof *missing), *level = xcalloc(n + 1, sizeof *level);
    size_t nlevel = 0;
    for (size_t i = 0; i < n; i++) {
        missing[i] = o->needs[i].n;
        o->wave[i] = -1;
        if (!missing[i])
            level[nlevel++] = i;
    }
    size_t *next = xcalloc(n + 1, sizeof *next);
    while (nlevel) {
        size_t nnext = 0;
        for (size_t k = 0; k < nlevel; k++) {
            size_t r = level[k];
            o->wave[r] = (long)o->nwaves;
            for (size_t j = 0; j < o->needed_by[r].n; j++)
                if (!--missing[o->needed_by[r].v[j]])
                    next[nnext++] = o->needed_by[r].v[j];
        }
        o->nwaves++;
        size_t *swap = level;
        level = next;
        next = swap;
        nlevel = nnext;
    }
    free(missing);
    free(level);
    free(next);
}

void cf_stack_order_free(cf_stack_order *o)
{
    for (size_t i = 0; i < o->nres; i++) {
        free(o->needs[i].v);
        free(o->needed_by[i].v);
    }
    free(o->needs);
    free(o->needed_by);
    free(o->wave);
    memset(o, 0, sizeof *o);
}

size_t cf_stack_order_reach(const cf_stack_order *o, size_t res, bool dependents, bool *mark)
{
    if (res >= o->nres)
        return 0;
    const cf_res_links *links = dependents ? o->needed_by : o->needs;
    size_t *stack = xmalloc(sizeof *stack * (o->nres + 1)), top = 0, count = 0;
    stack[top++] = res;
    while (top) {
        size_t r = stack[--top];
        for (size_t j = 0; j < links[r].n; j++) {
            size_t to = links[r].v[j];
            if (to == res || mark[to])
                continue;
            mark[to] = true;
            count++;
            stack[top++] = to; /* each resource is pushed once: the stack never outgrows nres */
        }
    }
    free(stack);
    return count;
}
