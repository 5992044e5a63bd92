#include "resolve.h"
#include "param_files.h"
#include "repr.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- state: what one line of resolution has decided so far ------------- */

/* A name resolved once stays resolved to the same value (cfn-lint's
 * "ref_values"); bindings are shared, immutable, in the arena. */
typedef struct binding {
    const struct binding *next;
    const char *name;
    const cf_node *value;
    bool parameter; /* checked against the conditions at the end */
} binding;

typedef struct rstate {
    const binding *env;
    const char *region;      /* chosen for every regional pseudo parameter, or NULL */
    bool from_params;
    bool no_pseudo;          /* a mapping's second key: pseudo parameters stay unresolved */
    const cf_node *literal;  /* the value is this parameter value */
    cf_scenario scenario;
} rstate;

typedef struct rval {
    const cf_node *value;
    rstate st;
} rval;

typedef struct rlist {
    rval *v;
    size_t n, cap;
} rlist;

#define MAX_NESTING 32

typedef struct R {
    const cf_resolver *r;
    const cf_node *at; /* the expression: made-up values get its span */
} R;

static void put(rlist *l, const cf_node *value, const rstate *st)
{
    if (l->n >= CF_RESOLVE_MAX)
        return;
    GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = (rval){value, *st};
}

static void rlist_free(rlist *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static const cf_node *make_str(const R *r, const char *text, size_t len)
{
    cf_node *n = arena_zalloc(r->r->arena, sizeof *n);
    n->kind = CF_SCALAR;
    n->style = CF_STYLE_DOUBLE;
    n->type = CF_TYPE_STR;
    n->start = r->at->start;
    n->end = r->at->end;
    n->u.str = arena_strndup(r->r->arena, text, len);
    n->len = (uint32_t)len;
    return n;
}

static const cf_node *make_list(const R *r, const cf_node **items, size_t n)
{
    cf_node *l = arena_zalloc(r->r->arena, sizeof *l);
    l->kind = CF_SEQUENCE;
    l->style = CF_STYLE_FLOW;
    l->start = r->at->start;
    l->end = r->at->end;
    l->u.items = arena_alloc(r->r->arena, sizeof *l->u.items * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        l->u.items[i] = (cf_node *)items[i];
        l->u.items[i]->parent = l;
        l->u.items[i]->index = (uint32_t)i;
    }
    l->len = (uint32_t)n;
    return l;
}

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* Python's str() of a scalar, in the arena. */
static const char *str_of(const R *r, const cf_node *n)
{
    if (is_text(n))
        return n->u.str;
    char *s = cf_py_str(n);
    const char *kept = arena_strndup(r->r->arena, s, strlen(s));
    free(s);
    return kept;
}

static const binding *bind(const R *r, const binding *env, const char *name, const cf_node *value, bool parameter)
{
    binding *b = arena_alloc(r->r->arena, sizeof *b);
    *b = (binding){env, name, value, parameter};
    return b;
}

static const cf_node *bound(const binding *env, const char *name)
{
    for (; env; env = env->next)
        if (!strcmp(env->name, name))
            return env->value;
    return NULL;
}

static void resolve(const R *r, const cf_node *n, const rstate *st, rlist *out, int depth);

/* ---- Ref ------------------------------------------------------------------ */

static const char *partition_of(const char *region)
{
    if (!strcmp(region, "us-gov-east-1") || !strcmp(region, "us-gov-west-1"))
        return "aws-us-gov";
    if (!strcmp(region, "cn-north-1") || !strcmp(region, "cn-northwest-1"))
        return "aws-cn";
    return "aws";
}

/* A regional pseudo parameter's value in region, as cfn-lint makes it up. */
static const cf_node *regional(const R *r, const char *name, const char *region)
{
    char buf[256];
    const char *p = partition_of(region);
    if (!strcmp(name, "AWS::Region"))
        snprintf(buf, sizeof buf, "%s", region);
    else if (!strcmp(name, "AWS::Partition"))
        snprintf(buf, sizeof buf, "%s", p);
    else if (!strcmp(name, "AWS::URLSuffix"))
        snprintf(buf, sizeof buf, "%s", !strcmp(p, "aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
    else if (!strcmp(name, "AWS::StackId"))
        snprintf(buf, sizeof buf, "arn:%s:cloudformation:%s:123456789012:stack/teststack/51af3dc0-da77-11e4-872e-1234567db123",
                 p, region);
    else if (!strcmp(name, "AWS::NotificationARNs")) {
        snprintf(buf, sizeof buf, "arn:%s:sns:%s:123456789012:notification", p, region);
        const cf_node *item = make_str(r, buf, strlen(buf));
        return make_list(r, &item, 1);
    } else
        return NULL;
    return make_str(r, buf, strlen(buf));
}

static void resolve_parameter(const R *r, const cf_named *p, const rstate *st, rlist *out)
{
    const cf_node *type = cf_map_get(p->value, "Type");
    const cf_param_sets *sets = r->r->param_sets;
    bool ssm = !is_text(type) || !strncmp(type->u.str, "AWS::SSM::Parameter::", 21);
    if (ssm && !(sets && sets->n))
        return; /* an SSM parameter's Default names the parameter, not its value */
    bool list = !ssm && (!strncmp(type->u.str, "List<", 5) || !strcmp(type->u.str, "CommaDelimitedList"));
    const cf_node *sources[64];
    bool given[64] = {false};
    size_t n = 0;
    const cf_node *allowed = cf_map_get(p->value, "AllowedValues");
    if (sets && sets->n) {
        /* values given for the parameters: each set's, else the Default
         * (not an SSM parameter's: it names the parameter) */
        const cf_node *def = ssm ? NULL : cf_map_get(p->value, "Default");
        for (size_t i = 0; i < sets->n && n < 64; i++) {
            const cf_node *g = cf_param_set_get(&sets->v[i], p->name);
            if (g || def) {
                given[n] = g != NULL;
                sources[n++] = g ? g : def;
            }
        }
    } else if (allowed && allowed->kind == CF_SEQUENCE && allowed->len) {
        for (uint32_t i = 0; i < allowed->len && n < 64; i++)
            sources[n++] = allowed->u.items[i];
    } else {
        static const char *const keys[] = {"Default", "MinValue", "MaxValue"};
        for (size_t i = 0; i < (list ? 1 : 3); i++) {
            const cf_node *v = cf_map_get(p->value, keys[i]);
            if (v)
                sources[n++] = v;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const cf_node *lit = sources[i];
        if ((lit->kind != CF_SCALAR && !given[i]) || (lit->kind == CF_SCALAR && lit->type == CF_TYPE_NULL))
            continue;
        const cf_node *value = lit;
        if (given[i] && lit->kind != CF_SCALAR) {
            /* a list given is taken as it is */
        } else if (list && !given[i]) {
            /* "a, b" is the list ['a', 'b'] */
            const char *s = str_of(r, lit);
            const cf_node *items[256];
            size_t k = 0;
            for (const char *q = s; k < 256;) {
                const char *comma = strchr(q, ',');
                const char *e = comma ? comma : q + strlen(q);
                const char *b = q;
                while (b < e && isspace((unsigned char)*b))
                    b++;
                const char *t = e;
                while (t > b && isspace((unsigned char)t[-1]))
                    t--;
                items[k++] = make_str(r, b, (size_t)(t - b));
                if (!comma)
                    break;
                q = comma + 1;
            }
            value = make_list(r, items, k);
        } else if (!is_text(lit)) {
            const char *s = str_of(r, lit);
            value = make_str(r, s, strlen(s));
        }
        rstate next = *st;
        next.env = bind(r, st->env, p->name, value, true);
        next.from_params = true;
        next.literal = lit;
        put(out, value, &next);
    }
}

static void resolve_ref(const R *r, const cf_node *arg, const rstate *st, rlist *out)
{
    if (!is_text(arg) || strlen(arg->u.str) != arg->len)
        return;
    const char *name = arg->u.str;
    const cf_node *known = bound(st->env, name);
    if (known) {
        rstate next = *st;
        next.literal = NULL;
        put(out, known, &next);
        return;
    }
    if (!strncmp(name, "AWS::", 5)) {
        if (st->no_pseudo || !strcmp(name, "AWS::NoValue"))
            return;
        const char *fixed = !strcmp(name, "AWS::AccountId") ? "123456789012" : !strcmp(name, "AWS::StackName") ? "teststack" : NULL;
        if (fixed) {
            rstate next = *st;
            const cf_node *v = make_str(r, fixed, strlen(fixed));
            next.env = bind(r, st->env, name, v, false);
            next.literal = NULL;
            put(out, v, &next);
            return;
        }
        for (size_t i = 0; i < r->r->nregions; i++) {
            const char *region = st->region ? st->region : r->r->regions[i];
            const cf_node *v = regional(r, name, region);
            if (!v)
                return;
            rstate next = *st;
            next.region = region;
            next.literal = NULL;
            put(out, v, &next);
            if (st->region)
                return;
        }
        return;
    }
    const cf_named *p = cf_section_get(&r->r->t->params, name);
    if (p && p->value->kind == CF_MAPPING)
        resolve_parameter(r, p, st, out);
}

/* ---- Fn::Sub ---------------------------------------------------------------- */

typedef struct sub_param {
    const char *name;
    const cf_node *source; /* what it stands for; NULL: a Ref of the name */
} sub_param;

/* The ${name}s of an Fn::Sub string, as cfn-lint finds them: not ${!...},
 * blanks around the name dropped. */
static size_t sub_names(const R *r, const char *s, sub_param *out, size_t max)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, "${")) && n < max;) {
        const char *q = p + 2;
        while (isspace((unsigned char)*q))
            q++;
        const char *close = strchr(q, '}');
        if (!close)
            break;
        if (*q == '!' || q == close) {
            p = close + 1;
            continue;
        }
        const char *e = close;
        while (e > q && isspace((unsigned char)e[-1]))
            e--;
        out[n++] = (sub_param){arena_strndup(r->r->arena, q, (size_t)(e - q)), NULL};
        p = close + 1;
    }
    return n;
}

static bool has_param(const sub_param *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].name, name))
            return true;
    return false;
}

typedef struct sub_job {
    const R *r;
    const char *text;
    sub_param *params;
    size_t n;
    const cf_node **values;
    rstate base;
    rlist *out;
} sub_job;

/* The string with every ${name} replaced (${!name} stays as written, as
 * cfn-lint leaves it); false when a name has no value. */
static void substitute(sub_job *j)
{
    cf_buf b = {0};
    const char *s = j->text;
    for (;;) {
        const char *p = strstr(s, "${");
        if (!p) {
            buf_adds(&b, s);
            break;
        }
        buf_add(&b, s, (size_t)(p - s));
        const char *close = strchr(p + 2, '}');
        if (!close || p[2] == '!') {
            size_t keep = close ? (size_t)(close + 1 - p) : strlen(p);
            buf_add(&b, p, keep);
            s = p + keep;
            continue;
        }
        const char *q = p + 2, *e = close;
        while (q < e && isspace((unsigned char)*q))
            q++;
        while (e > q && isspace((unsigned char)e[-1]))
            e--;
        const cf_node *value = NULL;
        for (size_t i = 0; i < j->n && !value; i++)
            if (strlen(j->params[i].name) == (size_t)(e - q) && !memcmp(j->params[i].name, q, (size_t)(e - q)))
                value = j->values[i];
        if (!value || value->kind != CF_SCALAR) {
            buf_free(&b);
            return;
        }
        buf_adds(&b, str_of(j->r, value));
        s = close + 1;
    }
    /* the names it used stay bound (a parameter's value is then checked
     * against the conditions, as cfn-lint checks its ref_values) */
    rstate st = j->base;
    for (size_t i = 0; i < j->n; i++)
        if (!j->params[i].source) /* names its own map defines are dropped */
            st.env = bind(j->r, st.env, j->params[i].name, j->values[i],
                      cf_section_get(&j->r->r->t->params, j->params[i].name) != NULL);
    st.literal = NULL;
    put(j->out, make_str(j->r, b.data ? b.data : "", b.len), &st);
    buf_free(&b);
}

/* Each parameter's values in turn, each resolved on its own (cfn-lint
 * does not carry one parameter's choices into the next). */
static void expand_sub(sub_job *j, size_t i, int depth)
{
    if (j->out->n >= CF_RESOLVE_MAX)
        return;
    if (i == j->n) {
        substitute(j);
        return;
    }
    rlist vals = {0};
    const sub_param *p = &j->params[i];
    if (p->source) {
        resolve(j->r, p->source, &j->base, &vals, depth + 1);
    } else if (!strchr(p->name, '.')) {
        cf_node name = {.kind = CF_SCALAR, .type = CF_TYPE_STR, .u.str = p->name, .len = (uint32_t)strlen(p->name)};
        resolve_ref(j->r, &name, &j->base, &vals);
    }
    for (size_t k = 0; k < vals.n; k++) {
        j->values[i] = vals.v[k].value;
        expand_sub(j, i + 1, depth);
    }
    rlist_free(&vals);
}

static void resolve_sub(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    const cf_node *text = arg, *vars = NULL;
    if (arg->kind == CF_SEQUENCE) {
        if (arg->len != 2 || arg->u.items[1]->kind != CF_MAPPING)
            return;
        text = arg->u.items[0];
        vars = arg->u.items[1];
    }
    if (!is_text(text) || strlen(text->u.str) != text->len)
        return;
    sub_param found[64], params[128];
    size_t nfound = sub_names(r, text->u.str, found, 64), n = 0;
    for (uint32_t i = 0; vars && i < vars->len && n < 64; i++)
        if (is_text(vars->u.pairs[i].key))
            params[n++] = (sub_param){vars->u.pairs[i].key->u.str, vars->u.pairs[i].value};
    for (size_t i = 0; i < nfound; i++)
        if (!has_param(params, n, found[i].name))
            params[n++] = found[i];
    const cf_node *values[128];
    sub_job j = {r, text->u.str, params, n, values, *st, out};
    expand_sub(&j, 0, depth);
}

/* ---- Fn::Join, Fn::Split, Fn::Select ---------------------------------------- */

typedef struct join_job {
    const R *r;
    const char *delim;
    const cf_node *items;
    const cf_node **values;
    rlist *out;
    bool stop; /* a value that is not a scalar: cfn-lint gives up there */
} join_job;

static void expand_join(join_job *j, uint32_t i, const rstate *st, int depth)
{
    if (j->stop || j->out->n >= CF_RESOLVE_MAX)
        return;
    if (i == j->items->len) {
        cf_buf b = {0};
        for (uint32_t k = 0; k < j->items->len; k++) {
            if (k)
                buf_adds(&b, j->delim);
            buf_adds(&b, str_of(j->r, j->values[k]));
        }
        rstate next = *st;
        next.literal = NULL;
        put(j->out, make_str(j->r, b.data ? b.data : "", b.len), &next);
        buf_free(&b);
        return;
    }
    rlist vals = {0};
    resolve(j->r, j->items->u.items[i], st, &vals, depth + 1);
    for (size_t k = 0; k < vals.n && !j->stop; k++) {
        if (vals.v[k].value->kind != CF_SCALAR || vals.v[k].value->type == CF_TYPE_NULL) {
            j->stop = true;
            break;
        }
        j->values[i] = vals.v[k].value;
        expand_join(j, i + 1, &vals.v[k].st, depth);
    }
    rlist_free(&vals);
}

static void resolve_join(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    if (arg->kind != CF_SEQUENCE || arg->len != 2)
        return;
    rlist delims = {0};
    resolve(r, arg->u.items[0], st, &delims, depth + 1);
    for (size_t d = 0; d < delims.n; d++) {
        if (!is_text(delims.v[d].value))
            continue;
        rlist lists = {0};
        resolve(r, arg->u.items[1], &delims.v[d].st, &lists, depth + 1);
        bool stop = false;
        for (size_t l = 0; l < lists.n && !stop; l++) {
            const cf_node *items = lists.v[l].value;
            if (items->kind != CF_SEQUENCE || !items->len)
                continue;
            const cf_node **values = xcalloc(items->len, sizeof *values);
            join_job j = {r, delims.v[d].value->u.str, items, values, out, false};
            expand_join(&j, 0, &lists.v[l].st, depth);
            stop = j.stop;
            free(values);
        }
        rlist_free(&lists);
        if (stop)
            break;
    }
    rlist_free(&delims);
}

static void resolve_split(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    if (arg->kind != CF_SEQUENCE || arg->len != 2)
        return;
    rlist delims = {0}, sources = {0};
    resolve(r, arg->u.items[0], st, &delims, depth + 1);
    resolve(r, arg->u.items[1], st, &sources, depth + 1);
    for (size_t d = 0; d < delims.n; d++)
        for (size_t s = 0; s < sources.n; s++) {
            const cf_node *delim = delims.v[d].value, *src = sources.v[s].value;
            if (!is_text(delim) || !is_text(src) || !delim->len)
                continue;
            const cf_node *items[256];
            size_t k = 0;
            for (const char *q = src->u.str; k < 256;) {
                const char *hit = strstr(q, delim->u.str);
                size_t len = hit ? (size_t)(hit - q) : strlen(q);
                items[k++] = make_str(r, q, len);
                if (!hit)
                    break;
                q = hit + delim->len;
            }
            put(out, make_list(r, items, k), &sources.v[s].st); /* still the source's value */
        }
    rlist_free(&delims);
    rlist_free(&sources);
}

/* Python's int() of a resolved index. */
static bool index_of(const cf_node *n, long *out)
{
    if (n->kind != CF_SCALAR)
        return false;
    if (n->type == CF_TYPE_BOOL) {
        *out = (n->u.str[0] == 't' || n->u.str[0] == 'T' || n->u.str[0] == 'y' || n->u.str[0] == 'Y');
        return true;
    }
    if (n->type != CF_TYPE_STR && n->type != CF_TYPE_INT)
        return false;
    char *end;
    errno = 0;
    long v = strtol(n->u.str, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (end == n->u.str || *end || errno)
        return false;
    *out = v;
    return true;
}

static void resolve_select(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    if (arg->kind != CF_SEQUENCE || arg->len != 2)
        return;
    rlist indexes = {0}, lists = {0};
    resolve(r, arg->u.items[0], st, &indexes, depth + 1);
    resolve(r, arg->u.items[1], st, &lists, depth + 1);
    /* cfn-lint pairs the lists with its first index only (its list of them
     * is spent by then) */
    long i;
    if (indexes.n && index_of(indexes.v[0].value, &i))
        for (size_t l = 0; l < lists.n; l++) {
            const cf_node *list = lists.v[l].value;
            if (list->kind != CF_SEQUENCE || i >= (long)list->len || i < -(long)list->len)
                continue;
            resolve(r, list->u.items[i < 0 ? (long)list->len + i : i], &lists.v[l].st, out, depth + 1);
        }
    rlist_free(&indexes);
    rlist_free(&lists);
}

/* ---- Fn::FindInMap and Fn::If ----------------------------------------------- */

static bool is_pseudo_ref(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    const cf_node *arg = fn && !strcmp(fn, "Ref") ? n->u.pairs[0].value : NULL;
    return is_text(arg) && !strncmp(arg->u.str, "AWS::", 5);
}

static bool is_transformed(const cf_node *m)
{
    return m && m->kind == CF_MAPPING && cf_map_get(m, "Fn::Transform");
}

/* A mapping's entry as cfn-lint keeps it: a string key, and (at the
 * second level) a value that is a string, number, boolean or list. */
static const cf_node *map_entry(const cf_node *m, const char *key, bool second_level)
{
    for (uint32_t i = 0; m && m->kind == CF_MAPPING && i < m->len; i++) {
        const cf_node *k = m->u.pairs[i].key, *v = m->u.pairs[i].value;
        if (!is_text(k) || strcmp(k->u.str, key) != 0)
            continue;
        if (second_level && (v->kind == CF_MAPPING || (v->kind == CF_SCALAR && v->type == CF_TYPE_NULL)))
            return NULL;
        return v;
    }
    return NULL;
}

static const char *key_text(const R *r, const cf_node *n)
{
    return n->kind == CF_SCALAR && (n->type == CF_TYPE_STR || n->type == CF_TYPE_INT) ? str_of(r, n) : NULL;
}

/* Fn::FindInMap [Map, !Ref AWS::Region, Key]: every first-level key that
 * is a region (an account id for AWS::AccountId, any key for another
 * pseudo parameter) stands for its value under Key, written out. */
static void keyed_by_pseudo(const R *r, const cf_node *map, const cf_node *arg, const rstate *st, rlist *out)
{
    const cf_node *second = arg->u.items[2];
    if (!is_text(second) || map->kind != CF_MAPPING)
        return;
    const char *pseudo = arg->u.items[1]->u.pairs[0].value->u.str;
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_node *key = map->u.pairs[i].key, *level = map->u.pairs[i].value;
        if (!is_text(key))
            continue;
        if (!strcmp(pseudo, "AWS::AccountId")) {
            bool digits = key->len == 12;
            for (uint32_t k = 0; digits && k < 12; k++)
                digits = isdigit((unsigned char)key->u.str[k]);
            if (!digits)
                continue;
        } else if (!strcmp(pseudo, "AWS::Region") && !(r->r->spec && cf_spec_region_known(r->r->spec, key->u.str))) {
            continue;
        }
        const cf_node *value = map_entry(level, second->u.str, true);
        if (value && !is_transformed(level)) {
            rstate next = *st;
            next.literal = NULL;
            put(out, value, &next);
        }
    }
}

static void resolve_findinmap(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    if (arg->kind != CF_SEQUENCE || (arg->len != 3 && arg->len != 4))
        return;
    if (arg->len == 4) {
        const cf_node *dflt = cf_map_get(arg->u.items[3], "DefaultValue");
        if (dflt)
            resolve(r, dflt, st, out, depth + 1);
    }
    if (is_pseudo_ref(arg->u.items[0]))
        return;
    rlist names = {0};
    resolve(r, arg->u.items[0], st, &names, depth + 1);
    for (size_t m = 0; m < names.n; m++) {
        const cf_named *map = is_text(names.v[m].value) ? cf_section_get(&r->r->t->maps, names.v[m].value->u.str) : NULL;
        if (!map || is_transformed(map->value) || is_pseudo_ref(arg->u.items[2]))
            continue;
        if (is_pseudo_ref(arg->u.items[1])) {
            keyed_by_pseudo(r, map->value, arg, &names.v[m].st, out);
            continue;
        }
        rlist tops = {0};
        resolve(r, arg->u.items[1], &names.v[m].st, &tops, depth + 1);
        for (size_t t = 0; t < tops.n; t++) {
            const char *top = key_text(r, tops.v[t].value);
            const cf_node *second_level = top ? map_entry(map->value, top, false) : NULL;
            if (!second_level || is_transformed(second_level))
                continue;
            rstate keyst = tops.v[t].st;
            keyst.no_pseudo = true;
            rlist seconds = {0};
            resolve(r, arg->u.items[2], &keyst, &seconds, depth + 1);
            for (size_t s = 0; s < seconds.n; s++) {
                const char *second = key_text(r, seconds.v[s].value);
                const cf_node *value = second ? map_entry(second_level, second, true) : NULL;
                if (!value)
                    continue;
                rstate next = seconds.v[s].st;
                next.no_pseudo = st->no_pseudo;
                next.literal = NULL;
                put(out, value, &next);
            }
            rlist_free(&seconds);
        }
        rlist_free(&tops);
    }
    rlist_free(&names);
}

/* ---- Fn::GetAZs ------------------------------------------------------------ */

/* The availability zones cfn-lint 1.51.0 knows: the region's name and a
 * letter each; three (a, b, c) unless listed here. */
static const struct {
    const char *region, *letters;
} az_letters[] = {
    {"ap-northeast-1", "abcd"}, {"ap-northeast-2", "abcd"}, {"ca-central-1", "abcd"},
    {"us-east-1", "abcdef"},    {"us-west-1", "ac"},        {"us-west-2", "abcd"},
};

static const cf_node *zones_of(const R *r, const char *region)
{
    if (!r->r->spec || !cf_spec_region_known(r->r->spec, region))
        return NULL;
    const char *letters = "abc";
    for (size_t i = 0; i < sizeof az_letters / sizeof az_letters[0]; i++)
        if (!strcmp(az_letters[i].region, region))
            letters = az_letters[i].letters;
    const cf_node *items[8];
    size_t n = 0, len = strlen(region);
    char buf[64];
    if (len + 2 > sizeof buf)
        return NULL;
    for (const char *l = letters; *l && n < 8; l++) {
        memcpy(buf, region, len);
        buf[len] = *l;
        items[n++] = make_str(r, buf, len + 1);
    }
    return make_list(r, items, n);
}

/* '' is the stack's region: every region linted (whatever region the
 * expression chose, as cfn-lint does); a region's name, its zones. */
static void resolve_getazs(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    rlist regions = {0};
    resolve(r, arg, st, &regions, depth + 1);
    for (size_t i = 0; i < regions.n; i++) {
        const cf_node *v = regions.v[i].value;
        if (v->kind != CF_SCALAR || v->type != CF_TYPE_STR)
            continue;
        rstate next = regions.v[i].st;
        next.literal = NULL;
        for (size_t k = 0; k < (v->len ? 1 : r->r->nregions); k++) {
            const cf_node *zones = zones_of(r, v->len ? v->u.str : r->r->regions[k]);
            if (zones)
                put(out, zones, &next);
        }
    }
    rlist_free(&regions);
}

/* ---- Fn::ToJsonString ------------------------------------------------------ */

/* A string as Python's json.dumps writes it (ensure_ascii: every
 * character past ASCII as \uXXXX, a surrogate pair above U+FFFF). */
static void json_string(cf_buf *b, const char *s, size_t len)
{
    buf_addc(b, '"');
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': buf_adds(b, "\\\""); break;
            case '\\': buf_adds(b, "\\\\"); break;
            case '\n': buf_adds(b, "\\n"); break;
            case '\r': buf_adds(b, "\\r"); break;
            case '\t': buf_adds(b, "\\t"); break;
            case '\b': buf_adds(b, "\\b"); break;
            case '\f': buf_adds(b, "\\f"); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    buf_printf(b, "\\u%04x", c);
                else
                    buf_addc(b, (char)c);
            }
            i++;
            continue;
        }
        /* decode one UTF-8 sequence (the loader checked it) */
        int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
        unsigned long cp = c & (0x3f >> extra);
        for (int k = 1; k <= extra && i + (size_t)k < len; k++)
            cp = cp << 6 | ((unsigned char)s[i + (size_t)k] & 0x3f);
        i += (size_t)extra + 1;
        if (cp > 0xffff) {
            cp -= 0x10000;
            buf_printf(b, "\\u%04lx\\u%04lx", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
            buf_printf(b, "\\u%04lx", cp);
        }
    }
    buf_addc(b, '"');
}

/* n as json.dumps writes what PyYAML loads from it (", " and ": "
 * between items); false for what it cannot write (a timestamp). */
static bool json_dump(cf_buf *b, const cf_node *n, int depth)
{
    if (depth > 64)
        return false;
    if (n->kind == CF_MAPPING || n->kind == CF_SEQUENCE) {
        bool map = n->kind == CF_MAPPING;
        buf_addc(b, map ? '{' : '[');
        for (uint32_t i = 0; i < n->len; i++) {
            if (i)
                buf_adds(b, ", ");
            if (map) {
                const cf_node *k = n->u.pairs[i].key;
                if (k->type == CF_TYPE_STR) {
                    json_string(b, k->u.str, k->len);
                } else if (k->type == CF_TYPE_TIMESTAMP || k->type == CF_TYPE_FLOAT) {
                    return false;
                } else { /* ints, booleans and null become their JSON text */
                    cf_buf t = {0};
                    if (!json_dump(&t, k, depth + 1)) {
                        buf_free(&t);
                        return false;
                    }
                    json_string(b, t.data, t.len);
                    buf_free(&t);
                }
                buf_adds(b, ": ");
            }
            if (!json_dump(b, map ? n->u.pairs[i].value : n->u.items[i], depth + 1))
                return false;
        }
        buf_addc(b, map ? '}' : ']');
        return true;
    }
    switch (n->type) {
    case CF_TYPE_STR: json_string(b, n->u.str, n->len); return true;
    case CF_TYPE_BOOL: buf_adds(b, !strcmp(n->u.str, "true") ? "true" : "false"); return true;
    case CF_TYPE_NULL: buf_adds(b, "null"); return true;
    case CF_TYPE_INT: cf_repr(b, n); return true;
    case CF_TYPE_FLOAT: {
        cf_buf t = {0};
        cf_repr(&t, n);
        const char *text = t.data ? t.data : "";
        buf_adds(b, !strcmp(text, "inf") ? "Infinity" : !strcmp(text, "-inf") ? "-Infinity"
                    : !strcmp(text, "nan") ? "NaN" : text);
        buf_free(&t);
        return true;
    }
    default: return false;
    }
}

/* The value as written, functions in it included (cfn-lint dumps them
 * as they are); a value that is not a list or a mapping (E1031) has none. */
static void resolve_tojsonstring(const R *r, const cf_node *arg, const rstate *st, rlist *out)
{
    if ((arg->kind != CF_MAPPING && arg->kind != CF_SEQUENCE) || cf_intrinsic_name(arg))
        return;
    cf_buf b = {0};
    if (json_dump(&b, arg, 0)) {
        rstate next = *st;
        next.literal = NULL;
        put(out, make_str(r, b.data ? b.data : "", b.len), &next);
    }
    buf_free(&b);
}

static void resolve_if(const R *r, const cf_node *arg, const rstate *st, rlist *out, int depth)
{
    if (arg->kind != CF_SEQUENCE || arg->len != 3 || !is_text(arg->u.items[0]))
        return;
    long cond = cf_conds_find(r->r->conds, arg->u.items[0]->u.str, arg->u.items[0]->len);
    for (uint32_t i = 1; i < 3; i++) {
        rstate next = *st;
        if (cond >= 0 && !(cf_scenario_set(&next.scenario, (uint32_t)cond, i == 1) &&
                           cf_conds_possible(r->r->conds, &next.scenario)))
            continue;
        resolve(r, arg->u.items[i], &next, out, depth + 1);
    }
}

static void resolve(const R *r, const cf_node *n, const rstate *st, rlist *out, int depth)
{
    if (depth > MAX_NESTING || out->n >= CF_RESOLVE_MAX)
        return;
    const char *fn = cf_intrinsic_name(n);
    if (!fn) {
        rstate next = *st;
        next.literal = NULL;
        put(out, n, &next); /* a value as written */
        return;
    }
    const cf_node *arg = n->u.pairs[0].value;
    if (!strcmp(fn, "Ref"))
        resolve_ref(r, arg, st, out);
    else if (!strcmp(fn, "Fn::Sub"))
        resolve_sub(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::Join"))
        resolve_join(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::Split"))
        resolve_split(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::Select"))
        resolve_select(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::FindInMap"))
        resolve_findinmap(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::If"))
        resolve_if(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::GetAZs"))
        resolve_getazs(r, arg, st, out, depth);
    else if (!strcmp(fn, "Fn::ToJsonString"))
        resolve_tojsonstring(r, arg, st, out);
    /* anything else depends on resources or the deployment: no value */
}

/* Every parameter bound on the way can have its value under the
 * conditions the value holds under. */
static bool bindings_possible(const cf_resolver *r, const rstate *st)
{
    if (!st->scenario.n || !r->conds)
        return true;
    for (const binding *b = st->env; b; b = b->next) {
        if (!b->parameter || b->value->kind != CF_SCALAR)
            continue;
        char *text = cf_conds_literal(b->value);
        bool ok = cf_conds_value_possible(r->conds, &st->scenario, b->name, text);
        free(text);
        if (!ok)
            return false;
    }
    return true;
}

size_t cf_resolve(const cf_resolver *r, const cf_node *n, const cf_scenario *s,
                  bool (*fn)(const cf_resolved *v, void *arg), void *arg)
{
    R ctx = {r, n};
    rstate st = {0};
    st.scenario = *s;
    rlist out = {0};
    resolve(&ctx, n, &st, &out, 0);
    size_t passed = 0;
    for (size_t i = 0; i < out.n; i++) {
        if (!bindings_possible(r, &out.v[i].st))
            continue;
        cf_resolved v = {out.v[i].value, out.v[i].st.from_params, out.v[i].st.literal, out.v[i].st.scenario};
        passed++;
        if (!fn(&v, arg))
            break;
    }
    rlist_free(&out);
    return passed;
}
