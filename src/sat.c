#include "sat.h"
#include "util.h"

#include <stdbool.h>
#include <stdlib.h>

/* Internally a literal is 2*v for v and 2*v+1 for not-v. */
#define NEG(l) ((l) ^ 1u)
#define VAR(l) ((l) >> 1)

typedef struct u32vec {
    uint32_t *v;
    size_t n, cap;
} u32vec;

static void push(u32vec *a, uint32_t x)
{
    GROW(a->v, a->cap, a->n + 1);
    a->v[a->n++] = x;
}

typedef struct decision {
    size_t trail_pos; /* the trail's length before this decision */
    size_t cursor;    /* where the variable scan was when it was made */
    uint32_t lit;
    bool flipped;     /* its other value is being tried */
} decision;

struct cf_sat {
    uint32_t nvars;
    bool sealed, empty_clause;
    /* clauses, stored flat; the first two literals of each are watched */
    u32vec lits, cstart, clen;
    u32vec units;          /* one-literal clauses */
    u32vec *watch;         /* per literal: the clauses watching it */
    /* components: variables (and units) grouped by component */
    uint32_t *comp;        /* per variable */
    uint32_t ncomps;
    uint32_t *comp_first, *comp_vars;   /* comp_vars[comp_first[c] .. comp_first[c+1]) */
    uint32_t *unit_first, *comp_units;
    uint8_t *broken;       /* the component cannot be satisfied by itself */
    uint32_t *stamp;       /* per component: the question that last touched it */
    uint32_t question;
    /* the search */
    int8_t *val;           /* per variable: -1 unassigned, 0, 1 */
    u32vec trail;          /* variables in the order they were assigned */
    decision *dec;
    size_t ndec, dec_cap;
    size_t steps, budget;
    bool out_of_budget;
};

cf_sat *cf_sat_new(void)
{
    cf_sat *s = xcalloc(1, sizeof *s);
    s->budget = 200000;
    return s;
}

static void free_vec(u32vec *a)
{
    free(a->v);
}

void cf_sat_free(cf_sat *s)
{
    if (!s)
        return;
    free_vec(&s->lits);
    free_vec(&s->cstart);
    free_vec(&s->clen);
    free_vec(&s->units);
    if (s->watch)
        for (size_t i = 0; i < 2 * (size_t)s->nvars; i++)
            free_vec(&s->watch[i]);
    free(s->watch);
    free(s->comp);
    free(s->comp_first);
    free(s->comp_vars);
    free(s->unit_first);
    free(s->comp_units);
    free(s->broken);
    free(s->stamp);
    free(s->val);
    free_vec(&s->trail);
    free(s->dec);
    free(s);
}

void cf_sat_set_budget(cf_sat *s, size_t steps)
{
    s->budget = steps;
}

uint32_t cf_sat_var(cf_sat *s)
{
    return s->nvars++;
}

static uint32_t internal(int32_t d)
{
    return d > 0 ? 2u * (uint32_t)(d - 1) : 2u * (uint32_t)(-d - 1) + 1u;
}

void cf_sat_clause(cf_sat *s, const int32_t *lits, size_t n)
{
    size_t start = s->lits.n;
    for (size_t i = 0; i < n; i++) {
        uint32_t l = internal(lits[i]);
        bool dup = false;
        for (size_t k = start; k < s->lits.n; k++) {
            if (s->lits.v[k] == NEG(l)) {
                s->lits.n = start; /* always true: drop it */
                return;
            }
            dup |= s->lits.v[k] == l;
        }
        if (!dup)
            push(&s->lits, l);
    }
    size_t len = s->lits.n - start;
    if (len == 0) {
        s->empty_clause = true;
    } else if (len == 1) {
        push(&s->units, s->lits.v[start]);
        s->lits.n = start;
    } else {
        push(&s->cstart, (uint32_t)start);
        push(&s->clen, (uint32_t)len);
    }
}

/* ---- components: union-find over the variables of each clause ---------- */

static uint32_t find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void group_components(cf_sat *s)
{
    uint32_t n = s->nvars;
    uint32_t *parent = xmalloc(sizeof *parent * (n ? n : 1));
    for (uint32_t v = 0; v < n; v++)
        parent[v] = v;
    for (size_t c = 0; c < s->cstart.n; c++) {
        const uint32_t *l = &s->lits.v[s->cstart.v[c]];
        uint32_t root = find(parent, VAR(l[0]));
        for (uint32_t k = 1; k < s->clen.v[c]; k++) {
            uint32_t r = find(parent, VAR(l[k]));
            if (r != root)
                parent[r] = root;
        }
    }
    /* number the components in the order of their first variable */
    s->comp = xmalloc(sizeof *s->comp * (n ? n : 1));
    uint32_t *id = xmalloc(sizeof *id * (n ? n : 1));
    for (uint32_t v = 0; v < n; v++)
        id[v] = UINT32_MAX;
    s->ncomps = 0;
    for (uint32_t v = 0; v < n; v++) {
        uint32_t r = find(parent, v);
        if (id[r] == UINT32_MAX)
            id[r] = s->ncomps++;
        s->comp[v] = id[r];
    }
    free(id);
    free(parent);
    /* variables and units by component (counting sort) */
    uint32_t nc = s->ncomps;
    s->comp_first = xcalloc(nc + 1, sizeof *s->comp_first);
    s->unit_first = xcalloc(nc + 1, sizeof *s->unit_first);
    for (uint32_t v = 0; v < n; v++)
        s->comp_first[s->comp[v] + 1]++;
    for (size_t u = 0; u < s->units.n; u++)
        s->unit_first[s->comp[VAR(s->units.v[u])] + 1]++;
    for (uint32_t c = 0; c < nc; c++) {
        s->comp_first[c + 1] += s->comp_first[c];
        s->unit_first[c + 1] += s->unit_first[c];
    }
    s->comp_vars = xmalloc(sizeof *s->comp_vars * (n ? n : 1));
    s->comp_units = xmalloc(sizeof *s->comp_units * (s->units.n ? s->units.n : 1));
    uint32_t *fill = xmalloc(sizeof *fill * (nc ? nc : 1));
    for (uint32_t c = 0; c < nc; c++)
        fill[c] = s->comp_first[c];
    for (uint32_t v = 0; v < n; v++)
        s->comp_vars[fill[s->comp[v]]++] = v;
    for (uint32_t c = 0; c < nc; c++)
        fill[c] = s->unit_first[c];
    for (size_t u = 0; u < s->units.n; u++)
        s->comp_units[fill[s->comp[VAR(s->units.v[u])]]++] = s->units.v[u];
    free(fill);
}

/* ---- the search -------------------------------------------------------- */

/* 1 true, 0 false, -1 unassigned */
static int value(const cf_sat *s, uint32_t l)
{
    int8_t v = s->val[VAR(l)];
    return v < 0 ? -1 : (v ^ (int)(l & 1u));
}

static void assign(cf_sat *s, uint32_t l)
{
    s->val[VAR(l)] = (int8_t)!(l & 1u);
    push(&s->trail, VAR(l));
}

/* Make l true; false when it already is false. */
static bool enqueue(cf_sat *s, uint32_t l)
{
    int v = value(s, l);
    if (v == 0)
        return false;
    if (v < 0)
        assign(s, l);
    return true;
}

/* Unit propagation from trail position *qhead; false on a conflict (or
 * when the budget runs out: out_of_budget is set then). */
static bool propagate(cf_sat *s, size_t *qhead)
{
    while (*qhead < s->trail.n) {
        uint32_t v = s->trail.v[(*qhead)++];
        uint32_t falselit = 2 * v + (uint32_t)(s->val[v] == 1); /* the literal now false */
        u32vec *wl = &s->watch[falselit];
        size_t i = 0, j = 0;
        while (i < wl->n) {
            uint32_t c = wl->v[i++];
            if (++s->steps > s->budget) {
                s->out_of_budget = true;
                while (i < wl->n)
                    wl->v[j++] = wl->v[i++];
                wl->n = j;
                return false;
            }
            uint32_t *l = &s->lits.v[s->cstart.v[c]], n = s->clen.v[c];
            if (l[0] == falselit) {
                l[0] = l[1];
                l[1] = falselit;
            }
            if (value(s, l[0]) == 1) {
                wl->v[j++] = c;
                continue;
            }
            bool moved = false;
            for (uint32_t k = 2; k < n; k++)
                if (value(s, l[k]) != 0) {
                    uint32_t t = l[1];
                    l[1] = l[k];
                    l[k] = t;
                    push(&s->watch[l[1]], c);
                    moved = true;
                    break;
                }
            if (moved)
                continue;
            wl->v[j++] = c;
            if (value(s, l[0]) == 0) {
                while (i < wl->n)
                    wl->v[j++] = wl->v[i++];
                wl->n = j;
                return false;
            }
            assign(s, l[0]);
        }
        wl->n = j;
    }
    return true;
}

static void undo_to(cf_sat *s, size_t pos)
{
    while (s->trail.n > pos)
        s->val[s->trail.v[--s->trail.n]] = -1;
}

void cf_sat_seal(cf_sat *s)
{
    if (s->sealed)
        return;
    s->sealed = true;
    group_components(s);
    size_t nl = 2 * (size_t)s->nvars;
    s->watch = xcalloc(nl ? nl : 1, sizeof *s->watch);
    for (size_t c = 0; c < s->cstart.n; c++) {
        const uint32_t *l = &s->lits.v[s->cstart.v[c]];
        push(&s->watch[l[0]], (uint32_t)c);
        push(&s->watch[l[1]], (uint32_t)c);
    }
    s->val = xmalloc(s->nvars ? s->nvars : 1);
    for (uint32_t v = 0; v < s->nvars; v++)
        s->val[v] = -1;
    s->broken = xcalloc(s->ncomps ? s->ncomps : 1, 1);
    s->stamp = xcalloc(s->ncomps ? s->ncomps : 1, sizeof *s->stamp);
    /* each component on its own: one that cannot hold is marked, so that
     * questions touching it are not answered from a contradiction */
    for (uint32_t c = 0; c < s->ncomps; c++) {
        int32_t probe = (int32_t)s->comp_vars[s->comp_first[c]] + 1;
        int32_t lits[1] = {probe};
        cf_sat_result yes = cf_sat_solve(s, lits, 1);
        if (yes == CF_SAT_YES)
            continue;
        lits[0] = -probe;
        if (yes == CF_SAT_NO && cf_sat_solve(s, lits, 1) == CF_SAT_NO)
            s->broken[c] = 1;
    }
}

cf_sat_result cf_sat_solve(cf_sat *s, const int32_t *assume, size_t n)
{
    if (!s->sealed)
        cf_sat_seal(s);
    if (s->empty_clause)
        return CF_SAT_UNKNOWN;
    /* the components the question touches */
    if (++s->question == 0) {
        for (uint32_t c = 0; c < s->ncomps; c++)
            s->stamp[c] = 0;
        s->question = 1;
    }
    uint32_t touched_small[16], *touched = touched_small;
    size_t ntouched = 0;
    if (n > 16)
        touched = xmalloc(sizeof *touched * n);
    cf_sat_result result = CF_SAT_UNKNOWN;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = (uint32_t)(assume[i] > 0 ? assume[i] : -assume[i]) - 1;
        if (v >= s->nvars)
            goto done; /* not a variable of this formula */
        uint32_t c = s->comp[v];
        if (s->stamp[c] != s->question) {
            s->stamp[c] = s->question;
            touched[ntouched++] = c;
        }
    }
    s->steps = 0;
    s->out_of_budget = false;
    s->ndec = 0;
    s->trail.n = 0;
    size_t qhead = 0;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        ok = enqueue(s, internal(assume[i]));
    for (size_t t = 0; t < ntouched && ok; t++) {
        uint32_t c = touched[t];
        if (s->broken[c])
            goto done_undo;
        for (uint32_t u = s->unit_first[c]; u < s->unit_first[c + 1] && ok; u++)
            ok = enqueue(s, s->comp_units[u]);
    }
    if (!ok || !propagate(s, &qhead)) {
        result = s->out_of_budget ? CF_SAT_UNKNOWN : CF_SAT_NO;
        goto done_undo;
    }
    /* decisions, over the touched components' variables in a fixed order */
    size_t cursor = 0, total = 0;
    for (size_t t = 0; t < ntouched; t++)
        total += s->comp_first[touched[t] + 1] - s->comp_first[touched[t]];
    for (;;) {
        /* the next unassigned variable, scanning the components in turn */
        uint32_t pick = UINT32_MAX;
        while (cursor < total) {
            size_t k = cursor;
            uint32_t v = 0;
            for (size_t t = 0; t < ntouched; t++) {
                size_t size = s->comp_first[touched[t] + 1] - s->comp_first[touched[t]];
                if (k < size) {
                    v = s->comp_vars[s->comp_first[touched[t]] + k];
                    break;
                }
                k -= size;
            }
            if (s->val[v] < 0) {
                pick = v;
                break;
            }
            cursor++;
        }
        if (pick == UINT32_MAX) {
            result = CF_SAT_YES;
            break;
        }
        GROW(s->dec, s->dec_cap, s->ndec + 1);
        s->dec[s->ndec++] = (decision){s->trail.n, cursor, 2 * pick + 1, false};
        assign(s, 2 * pick + 1);
        while (!propagate(s, &qhead)) {
            if (s->out_of_budget)
                goto done_undo;
            /* back to the newest decision whose other value is untried */
            while (s->ndec && s->dec[s->ndec - 1].flipped) {
                undo_to(s, s->dec[s->ndec - 1].trail_pos);
                s->ndec--;
            }
            if (!s->ndec) {
                result = CF_SAT_NO;
                goto done_undo;
            }
            decision *d = &s->dec[s->ndec - 1];
            undo_to(s, d->trail_pos);
            d->flipped = true;
            d->lit = NEG(d->lit);
            cursor = d->cursor;
            qhead = d->trail_pos;
            assign(s, d->lit);
        }
    }
done_undo:
    undo_to(s, 0);
done:
    if (touched != touched_small)
        free(touched);
    return result;
}
