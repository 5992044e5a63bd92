#include "cond_model.h"
#include "repr.h"
#include "sat.h"
#include "strmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- scenarios ----------------------------------------------------------- */

int cf_scenario_get(const cf_scenario *s, uint32_t cond)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t c = s->lit[mid] >> 1;
        if (c == cond)
            return (int)(s->lit[mid] & 1u);
        if (c < cond)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

bool cf_scenario_set(cf_scenario *s, uint32_t cond, bool value)
{
    size_t i = 0;
    while (i < s->n && (s->lit[i] >> 1) < cond)
        i++;
    if (i < s->n && (s->lit[i] >> 1) == cond)
        return (s->lit[i] & 1u) == (uint32_t)value;
    if (s->n == CF_SCENARIO_MAX)
        return false;
    memmove(&s->lit[i + 1], &s->lit[i], sizeof s->lit[0] * (s->n - i));
    s->lit[i] = cond << 1 | (uint32_t)value;
    s->n++;
    return true;
}

/* ---- the model ------------------------------------------------------------ */

/* One side of comparisons that is not a literal (a Ref, a mapping lookup):
 * the comparisons of it with literals, and the literals. */
typedef struct side {
    const char *text;   /* canonical: "P" + repr() */
    int32_t *atoms;     /* SAT variables (DIMACS), one per literal compared */
    const char **values;
    size_t n, cap, values_cap;
} side;

struct cf_conds {
    const cf_template *t;
    cf_sat *sat;
    int32_t *cond_var;  /* per condition: its SAT variable (DIMACS literal) */
    strmap atom_ids;    /* "side\x1fside" -> atom variable */
    strmap side_ids;    /* side text -> 1 + index into sides */
    side *sides;
    size_t nsides, sides_cap;
    char **texts;       /* strings the maps' keys point into */
    size_t ntexts, texts_cap;
    strmap cache;       /* question bytes -> 1 + answer */
    cf_arena cache_keys;
    bool context;       /* the validator's model (cf_conds_new_context) */
};

static const char *keep(cf_conds *m, char *s)
{
    GROW(m->texts, m->texts_cap, m->ntexts + 1);
    return m->texts[m->ntexts++] = s;
}

long cf_conds_find(const cf_conds *m, const char *name, size_t len)
{
    const cf_named *c = NULL;
    if (len == strlen(name))
        c = cf_section_get(&m->t->conds, name);
    return c ? (long)(c - m->t->conds.v) : -1;
}

const char *cf_conds_name(const cf_conds *m, uint32_t cond)
{
    return cond < m->t->conds.n ? m->t->conds.v[cond].name : "";
}

static bool is_name(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR && strlen(n->u.str) == n->len;
}

/* The condition a Condition function names, or -1. */
static long named(const cf_conds *m, const cf_node *name)
{
    return is_name(name) ? cf_conds_find(m, name->u.str, name->len) : -1;
}

char *cf_conds_literal(const cf_node *n)
{
    if (n->kind == CF_SCALAR && n->type == CF_TYPE_BOOL) {
        char c = n->len ? n->u.str[0] : 'f';
        bool yes = c == 't' || c == 'T' || c == 'y' || c == 'Y' || ((c == 'o' || c == 'O') && n->len == 2);
        return xstrdup(yes ? "true" : "false");
    }
    return cf_py_str(n);
}

/* A comparison side's canonical text: "S" + a literal's text, "P" +
 * repr() of a function. */
static char *side_text(const cf_node *n, bool *is_fn)
{
    *is_fn = n->kind != CF_SCALAR;
    char *text = *is_fn ? NULL : cf_conds_literal(n);
    if (*is_fn) {
        cf_buf b = {0};
        cf_repr_max(&b, n, (size_t)-1 / 2);
        text = buf_steal(&b);
    }
    char *out = xasprintf("%c%s", *is_fn ? 'P' : 'S', text);
    free(text);
    return out;
}

static side *side_of(cf_conds *m, const char *text, bool create)
{
    size_t id = (size_t)strmap_get(&m->side_ids, text, strlen(text));
    if (id)
        return &m->sides[id - 1];
    if (!create)
        return NULL;
    GROW(m->sides, m->sides_cap, m->nsides + 1);
    side *s = &m->sides[m->nsides++];
    memset(s, 0, sizeof *s);
    s->text = keep(m, xstrdup(text));
    strmap_put(&m->side_ids, s->text, strlen(s->text), (void *)m->nsides);
    return s;
}

/* The literal for an Fn::Equals: a constant, or the comparison's variable
 * (one per distinct pair, whichever order it is written in). */
static int32_t equals_lit(cf_conds *m, const cf_node *args)
{
    if (args->kind != CF_SEQUENCE || args->len != 2)
        return 0;
    bool fa, fb;
    char *a = side_text(args->u.items[0], &fa), *b = side_text(args->u.items[1], &fb);
    /* A comparison whose answer is known before deployment (two literals,
     * the same value twice) is W8003's finding; the model leaves it free,
     * as cfn-lint does, rather than pile findings on every branch that
     * depends on it. */
    int32_t lit;
    {
        if (strcmp(a, b) > 0) {
            char *t = a; a = b; b = t;
            bool tf = fa; fa = fb; fb = tf;
        }
        char *key = xasprintf("%s\x1f%s", a, b);
        lit = (int32_t)(intptr_t)strmap_get(&m->atom_ids, key, strlen(key));
        if (lit) {
            free(key);
        } else {
            lit = (int32_t)cf_sat_var(m->sat) + 1;
            strmap_put(&m->atom_ids, keep(m, key), strlen(key), (void *)(intptr_t)lit);
            if (fa != fb) {
                /* a value compared with a literal */
                side *s = side_of(m, fa ? a : b, true);
                GROW(s->atoms, s->cap, s->n + 1);
                GROW(s->values, s->values_cap, s->n + 1);
                s->atoms[s->n] = lit;
                s->values[s->n++] = keep(m, xstrdup((fa ? b : a) + 1));
            }
        }
    }
    free(a);
    free(b);
    return lit;
}

#define MAX_FORMULA_DEPTH 256

/* A condition formula as a literal (0: it cannot be read).  And and Or get
 * a fresh variable defined by clauses (Tseitin). */
static int32_t encode(cf_conds *m, const cf_node *n, int depth)
{
    if (depth > MAX_FORMULA_DEPTH)
        return 0;
    const char *fn = cf_intrinsic_name(n);
    if (!fn)
        return 0;
    const cf_node *arg = n->u.pairs[0].value;
    if (!strcmp(fn, "Condition")) {
        long c = named(m, arg);
        return c < 0 ? 0 : m->cond_var[c];
    }
    if (!strcmp(fn, "Fn::Equals"))
        return equals_lit(m, arg);
    bool is_and = !strcmp(fn, "Fn::And"), is_or = !strcmp(fn, "Fn::Or"), is_not = !strcmp(fn, "Fn::Not");
    if (!(is_and || is_or || is_not) || arg->kind != CF_SEQUENCE || !arg->len || (is_not && arg->len != 1))
        return 0;
    if (is_not) {
        int32_t x = encode(m, arg->u.items[0], depth + 1);
        return -x;
    }
    int32_t *parts = xmalloc(sizeof *parts * arg->len);
    for (uint32_t i = 0; i < arg->len; i++)
        if (!(parts[i] = encode(m, arg->u.items[i], depth + 1))) {
            free(parts);
            return 0;
        }
    /* y <-> And(parts): (-y | p) for each p, (y | -p1 | ... | -pk);
     * y <-> Or(parts) is the same with every sign turned */
    int32_t y = (int32_t)cf_sat_var(m->sat) + 1, sign = is_and ? 1 : -1;
    int32_t *big = xmalloc(sizeof *big * (arg->len + 1));
    big[0] = sign * y;
    for (uint32_t i = 0; i < arg->len; i++) {
        int32_t two[2] = {-sign * y, sign * parts[i]};
        cf_sat_clause(m->sat, two, 2);
        big[i + 1] = -sign * parts[i];
    }
    cf_sat_clause(m->sat, big, arg->len + 1);
    free(big);
    free(parts);
    return y;
}

/* Conditions that name themselves through Condition references (a cycle,
 * which CloudFormation rejects) are left free: their definitions are not
 * encoded.  Found with Tarjan's algorithm, iteratively (chains of
 * conditions can be long). */
typedef struct refs {
    uint32_t *first, *to; /* condition -> the conditions it names */
} refs;

static void collect_refs(const cf_conds *m, const cf_node *n, uint32_t **out, size_t *count, size_t *cap, int depth)
{
    if (depth > MAX_FORMULA_DEPTH)
        return;
    const char *fn = cf_intrinsic_name(n);
    if (fn && !strcmp(fn, "Condition")) {
        long c = named(m, n->u.pairs[0].value);
        if (c >= 0) {
            GROW(*out, *cap, *count + 1);
            (*out)[(*count)++] = (uint32_t)c;
        }
        return;
    }
    if (n->kind == CF_MAPPING)
        for (uint32_t i = 0; i < n->len; i++)
            collect_refs(m, n->u.pairs[i].value, out, count, cap, depth + 1);
    else if (n->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < n->len; i++)
            collect_refs(m, n->u.items[i], out, count, cap, depth + 1);
}

static bool *cyclic_conditions(const cf_conds *m)
{
    size_t n = m->t->conds.n;
    uint32_t *first = xcalloc(n + 1, sizeof *first), *to = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        first[i] = (uint32_t)count;
        collect_refs(m, m->t->conds.v[i].value, &to, &count, &cap, 0);
    }
    first[n] = (uint32_t)count;
    bool *cyclic = xcalloc(n + 1, sizeof *cyclic);
    uint32_t *index = xmalloc(sizeof *index * (n + 1)), *low = xmalloc(sizeof *low * (n + 1));
    uint32_t *stack = xmalloc(sizeof *stack * (n + 1)), *call = xmalloc(sizeof *call * (n + 1));
    uint32_t *edge = xmalloc(sizeof *edge * (n + 1));
    bool *on_stack = xcalloc(n + 1, sizeof *on_stack);
    for (size_t i = 0; i < n; i++)
        index[i] = UINT32_MAX;
    uint32_t next = 0;
    size_t sp = 0;
    for (size_t root = 0; root < n; root++) {
        if (index[root] != UINT32_MAX)
            continue;
        size_t depth = 0;
        call[depth] = (uint32_t)root;
        edge[depth] = first[root];
        index[root] = low[root] = next++;
        stack[sp++] = (uint32_t)root;
        on_stack[root] = true;
        while (true) {
            uint32_t v = call[depth];
            if (edge[depth] < first[v + 1]) {
                uint32_t w = to[edge[depth]++];
                if (w == v) {
                    cyclic[v] = true;
                } else if (index[w] == UINT32_MAX) {
                    call[++depth] = w;
                    edge[depth] = first[w];
                    index[w] = low[w] = next++;
                    stack[sp++] = w;
                    on_stack[w] = true;
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                size_t start = sp;
                while (stack[start - 1] != v)
                    start--;
                start--;
                bool big = sp - start > 1;
                for (size_t k = start; k < sp; k++) {
                    on_stack[stack[k]] = false;
                    cyclic[stack[k]] |= big;
                }
                sp = start;
            }
            if (depth == 0)
                break;
            depth--;
            if (low[v] < low[call[depth]])
                low[call[depth]] = low[v];
        }
    }
    free(first);
    free(to);
    free(index);
    free(low);
    free(stack);
    free(call);
    free(edge);
    free(on_stack);
    return cyclic;
}

/* At most one of lits[0..n) holds: pairwise for a few, else a ladder of
 * helper variables (s_i: some of lits[0..i] holds). */
static void at_most_one(cf_sat *sat, const int32_t *lits, size_t n)
{
    if (n <= 5) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                int32_t c[2] = {-lits[i], -lits[j]};
                cf_sat_clause(sat, c, 2);
            }
        return;
    }
    int32_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t s = (int32_t)cf_sat_var(sat) + 1;
        int32_t c1[2] = {-lits[i], s};
        cf_sat_clause(sat, c1, 2);
        if (prev) {
            int32_t c2[2] = {-prev, s}, c3[2] = {-prev, -lits[i]};
            cf_sat_clause(sat, c2, 2);
            cf_sat_clause(sat, c3, 2);
        }
        prev = s;
    }
}

/* A parameter's AllowedValues: a comparison with any other literal is
 * false, and when every allowed value is compared one comparison holds.
 * The validator's model knows less: only that a parameter with
 * AllowedValues equals at most one literal, and the second half. */
static void allowed_values(cf_conds *m, const cf_named *p)
{
    const cf_node *type = cf_map_get(p->value, "Type");
    const cf_node *allowed = cf_map_get(p->value, "AllowedValues");
    if (!allowed || allowed->kind != CF_SEQUENCE || !allowed->len || !is_name(type) ||
        strncmp(type->u.str, "List<", 5) == 0 || strcmp(type->u.str, "CommaDelimitedList") == 0 ||
        strncmp(type->u.str, "AWS::SSM::", 10) == 0)
        return;
    cf_buf b = {0};
    buf_adds(&b, "P{'Ref': ");
    cf_repr_str(&b, p->name, strlen(p->name));
    buf_addc(&b, '}');
    side *s = side_of(m, b.data, false);
    buf_free(&b);
    if (!s)
        return;
    char **texts = xcalloc(allowed->len, sizeof *texts);
    bool *covered = xcalloc(allowed->len, sizeof *covered);
    for (uint32_t v = 0; v < allowed->len; v++)
        if (allowed->u.items[v]->kind == CF_SCALAR)
            texts[v] = cf_conds_literal(allowed->u.items[v]);
    int32_t *cover = xmalloc(sizeof *cover * (s->n + 1));
    size_t ncover = 0;
    if (m->context)
        at_most_one(m->sat, s->atoms, s->n);
    for (size_t i = 0; i < s->n; i++) {
        bool found = false;
        for (uint32_t v = 0; v < allowed->len; v++)
            if (texts[v] && !strcmp(texts[v], s->values[i]))
                found = covered[v] = true;
        if (found || m->context) /* the validator's: any of the comparisons */
            cover[ncover++] = s->atoms[i];
        if (!found && !m->context) {
            int32_t never = -s->atoms[i];
            cf_sat_clause(m->sat, &never, 1);
        }
    }
    bool all = true;
    for (uint32_t v = 0; v < allowed->len; v++)
        all &= !texts[v] || covered[v];
    if (all && ncover)
        cf_sat_clause(m->sat, cover, ncover);
    for (uint32_t v = 0; v < allowed->len; v++)
        free(texts[v]);
    free(texts);
    free(covered);
    free(cover);
}

static cf_conds *build(const cf_template *t, bool context)
{
    cf_conds *m = xcalloc(1, sizeof *m);
    m->t = t;
    m->context = context;
    m->sat = cf_sat_new();
    strmap_init(&m->atom_ids);
    strmap_init(&m->side_ids);
    strmap_init(&m->cache);
    arena_init(&m->cache_keys);
    size_t n = t->conds.n;
    m->cond_var = xcalloc(n + 1, sizeof *m->cond_var);
    for (size_t i = 0; i < n; i++)
        m->cond_var[i] = (int32_t)cf_sat_var(m->sat) + 1;
    bool *cyclic = cyclic_conditions(m);
    for (size_t i = 0; i < n; i++) {
        if (cyclic[i])
            continue;
        int32_t e = encode(m, t->conds.v[i].value, 0);
        if (!e)
            continue; /* unreadable: free */
        int32_t c1[2] = {-m->cond_var[i], e}, c2[2] = {m->cond_var[i], -e};
        cf_sat_clause(m->sat, c1, 2);
        cf_sat_clause(m->sat, c2, 2);
    }
    free(cyclic);
    /* a value equals at most one of the literals it is compared with */
    for (size_t i = 0; i < m->nsides && !context; i++)
        at_most_one(m->sat, m->sides[i].atoms, m->sides[i].n);
    for (size_t i = 0; i < t->params.n; i++)
        allowed_values(m, &t->params.v[i]);
    cf_sat_seal(m->sat);
    return m;
}

cf_conds *cf_conds_new(const cf_template *t)
{
    return build(t, false);
}

cf_conds *cf_conds_new_context(const cf_template *t)
{
    return build(t, true);
}

void cf_conds_free(cf_conds *m)
{
    if (!m)
        return;
    cf_sat_free(m->sat);
    free(m->cond_var);
    for (size_t i = 0; i < m->nsides; i++) {
        free(m->sides[i].atoms);
        free(m->sides[i].values);
    }
    free(m->sides);
    for (size_t i = 0; i < m->ntexts; i++)
        free(m->texts[i]);
    free(m->texts);
    strmap_free(&m->atom_ids);
    strmap_free(&m->side_ids);
    strmap_free(&m->cache);
    arena_free(&m->cache_keys);
    free(m);
}

/* ---- questions ------------------------------------------------------------ */

/* Solve, remembering the answer for the same assumptions. */
static cf_sat_result ask(cf_conds *m, const int32_t *lits, size_t n)
{
    const char *key = (const char *)lits;
    size_t klen = n * sizeof *lits;
    size_t known = (size_t)strmap_get(&m->cache, key, klen);
    if (known)
        return (cf_sat_result)(known - 1);
    cf_sat_result r = cf_sat_solve(m->sat, lits, n);
    char *kept = arena_alloc_bytes(&m->cache_keys, klen ? klen : 1);
    memcpy(kept, lits, klen);
    strmap_put(&m->cache, kept, klen, (void *)(size_t)(r + 1));
    return r;
}

static size_t scenario_lits(const cf_conds *m, const cf_scenario *s, int32_t *out)
{
    for (uint32_t i = 0; i < s->n; i++) {
        uint32_t c = s->lit[i] >> 1;
        out[i] = (s->lit[i] & 1u) ? m->cond_var[c] : -m->cond_var[c];
    }
    return s->n;
}

bool cf_conds_possible(cf_conds *m, const cf_scenario *s)
{
    if (!s->n)
        return true;
    int32_t lits[CF_SCENARIO_MAX];
    size_t n = scenario_lits(m, s, lits);
    return ask(m, lits, n) != CF_SAT_NO;
}

int cf_conds_implied(cf_conds *m, const cf_scenario *s, uint32_t cond)
{
    int given = cf_scenario_get(s, cond);
    if (given >= 0)
        return given;
    int32_t lits[CF_SCENARIO_MAX + 1];
    size_t n = scenario_lits(m, s, lits);
    lits[n] = m->cond_var[cond];
    bool can_true = ask(m, lits, n + 1) != CF_SAT_NO;
    lits[n] = -m->cond_var[cond];
    bool can_false = ask(m, lits, n + 1) != CF_SAT_NO;
    return can_true && !can_false ? 1 : can_false && !can_true ? 0 : -1;
}

bool cf_conds_value_possible(cf_conds *m, const cf_scenario *s, const char *name, const char *value)
{
    if (!s->n)
        return true;
    cf_buf b = {0};
    buf_adds(&b, "P{'Ref': ");
    cf_repr_str(&b, name, strlen(name));
    buf_addc(&b, '}');
    const side *sd = side_of(m, b.data, false);
    buf_free(&b);
    if (!sd)
        return true; /* nothing compares it: any value leaves s as it was */
    int32_t *lits = xmalloc(sizeof *lits * (s->n + sd->n));
    size_t n = scenario_lits(m, s, lits);
    for (size_t i = 0; i < sd->n; i++)
        lits[n++] = strcmp(sd->values[i], value) ? -sd->atoms[i] : sd->atoms[i];
    bool possible = ask(m, lits, n) != CF_SAT_NO;
    free(lits);
    return possible;
}

size_t cf_conds_each_scenario(cf_conds *m, const cf_scenario *base, const uint32_t *conds, size_t n,
                              void (*fn)(const cf_scenario *s, void *arg), void *arg)
{
    /* only the conditions base leaves open are chosen */
    uint32_t open[64];
    size_t nopen = 0;
    for (size_t i = 0; i < n && nopen < 64; i++) {
        bool seen = cf_scenario_get(base, conds[i]) >= 0;
        for (size_t k = 0; k < nopen && !seen; k++)
            seen = open[k] == conds[i];
        if (!seen)
            open[nopen++] = conds[i];
    }
    size_t passed = 0, tried = 0;
    /* assignment bits: 0 is true, as cfn-lint's product([True, False]) */
    uint64_t limit = nopen >= 63 ? UINT64_MAX : (uint64_t)1 << nopen;
    for (uint64_t bits = 0; bits < limit && tried < CF_MAX_SCENARIOS; bits++, tried++) {
        cf_scenario s = *base;
        bool ok = true;
        for (size_t k = 0; k < nopen && ok; k++)
            ok = cf_scenario_set(&s, open[k], !((bits >> (nopen - 1 - k)) & 1u));
        if (!ok || !cf_conds_possible(m, &s))
            continue;
        fn(&s, arg);
        passed++;
    }
    return passed;
}

bool cf_conds_at(const cf_conds *m, const cf_template *t, const cf_node *n, cf_scenario *s)
{
    s->n = 0;
    bool consistent = true;
    const cf_node *child = n, *up = n ? n->parent : NULL;
    while (up) {
        /* child is a branch of an Fn::If: [condition, when true, when false] */
        const cf_node *fn = up->parent;
        if (up->kind == CF_SEQUENCE && up->len == 3 && (child->index == 1 || child->index == 2) && fn &&
            fn->kind == CF_MAPPING && fn->len == 1 && fn->u.pairs[0].value == up &&
            cf_is_str(fn->u.pairs[0].key, "Fn::If")) {
            long c = named(m, up->u.items[0]);
            if (c >= 0 && cf_scenario_get(s, (uint32_t)c) < 0)
                consistent &= cf_scenario_set(s, (uint32_t)c, child->index == 1);
            else if (c >= 0)
                consistent &= cf_scenario_get(s, (uint32_t)c) == (child->index == 1);
        }
        child = up;
        up = up->parent;
    }
    /* the resource or output n belongs to: its Condition holds throughout */
    const cf_node *entry = NULL;
    for (const cf_node *p = n; p && p->parent && !entry; p = p->parent)
        if (p->parent->parent && p->parent->parent == t->root)
            entry = p;
    if (entry && (entry->parent == t->resources || entry->parent == t->outputs)) {
        long c = named(m, cf_map_get(entry, "Condition"));
        if (c >= 0 && cf_scenario_get(s, (uint32_t)c) < 0)
            consistent &= cf_scenario_set(s, (uint32_t)c, true);
        else if (c >= 0)
            consistent &= cf_scenario_get(s, (uint32_t)c) == 1;
    }
    return consistent;
}

/* ---- values as a deployment makes them ----------------------------------- */

const cf_node *cf_if_args(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    if (!fn || strcmp(fn, "Fn::If") != 0)
        return NULL;
    const cf_node *a = n->u.pairs[0].value;
    return a->kind == CF_SEQUENCE && a->len == 3 && a->u.items[0]->kind == CF_SCALAR &&
                   a->u.items[0]->type == CF_TYPE_STR
               ? a
               : NULL;
}

bool cf_is_no_value(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    return fn && !strcmp(fn, "Ref") && cf_is_str(n->u.pairs[0].value, "AWS::NoValue");
}

const cf_node *cf_conds_take(const cf_conds *m, const cf_scenario *s, const cf_node *n)
{
    for (int depth = 0; n && depth < 64; depth++) {
        const cf_node *a = cf_if_args(n);
        if (!a)
            break;
        long c = m ? cf_conds_find(m, a->u.items[0]->u.str, a->u.items[0]->len) : -1;
        int v = c < 0 ? -1 : cf_scenario_get(s, (uint32_t)c);
        if (v < 0)
            break; /* not decided here: left as written */
        n = a->u.items[v ? 1 : 2];
    }
    return n && !cf_is_no_value(n) ? n : NULL;
}

static size_t used_in(const cf_conds *m, const cf_node *n, uint32_t *out, size_t nout, size_t cap, int depth)
{
    if (!n || depth > 64)
        return nout;
    const cf_node *a = cf_if_args(n);
    if (a) {
        long c = cf_conds_find(m, a->u.items[0]->u.str, a->u.items[0]->len);
        bool seen = c < 0;
        for (size_t i = 0; !seen && i < nout; i++)
            seen = out[i] == (uint32_t)c;
        if (!seen && nout < cap)
            out[nout++] = (uint32_t)c;
    }
    if (n->kind == CF_MAPPING)
        for (uint32_t i = 0; i < n->len; i++)
            nout = used_in(m, n->u.pairs[i].value, out, nout, cap, depth + 1);
    else if (n->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < n->len; i++)
            nout = used_in(m, n->u.items[i], out, nout, cap, depth + 1);
    return nout;
}

size_t cf_conds_used(const cf_conds *m, const cf_node *n, uint32_t *out, size_t nout, size_t cap)
{
    return m ? used_in(m, n, out, nout, cap, 0) : nout;
}
