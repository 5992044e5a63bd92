#include "refs.h"

#include <string.h>

typedef struct walk {
    void (*fn)(const cf_reference *r, void *arg);
    void *arg;
} walk;

static void report(const walk *w, cf_ref_kind kind, const char *name, size_t len, const cf_node *holder)
{
    cf_reference r = {kind, name, len, holder};
    w->fn(&r, w->arg);
}

static bool is_text(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static bool sub_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
}

/* Below this many entries a scan is as quick as hashing, and allocates nothing. */
#define SUB_VARS_SCAN_MAX 16

void cf_sub_vars_init(cf_sub_vars *v, const cf_node *map)
{
    v->map = map && map->kind == CF_MAPPING ? map : NULL;
    v->indexed = v->map && v->map->len > SUB_VARS_SCAN_MAX;
    strmap_init(&v->index);
    if (!v->indexed)
        return;
    for (uint32_t i = 0; i < v->map->len; i++) {
        cf_pair *p = &v->map->u.pairs[i];
        /* the first key of a text wins, as in a scan */
        if (p->key->kind == CF_SCALAR && !strmap_get(&v->index, p->key->u.str, p->key->len))
            strmap_put(&v->index, p->key->u.str, p->key->len, p);
    }
}

cf_pair *cf_sub_vars_get(const cf_sub_vars *v, const char *name, size_t len)
{
    if (!v->map)
        return NULL;
    if (!v->indexed)
        return cf_map_pair_n(v->map, name, len);
    return strmap_get(&v->index, name, len);
}

void cf_sub_vars_free(cf_sub_vars *v)
{
    strmap_free(&v->index);
}

void cf_sub_names(const cf_node *arg, void (*fn)(const char *name, size_t len, void *ctx), void *ctx)
{
    const cf_node *text = arg, *vars = NULL;
    if (arg->kind == CF_SEQUENCE) {
        if (!arg->len)
            return;
        text = arg->u.items[0];
        if (arg->len == 2)
            vars = arg->u.items[1];
    }
    if (!is_text(text))
        return;
    cf_sub_vars defined;
    cf_sub_vars_init(&defined, vars);
    const char *s = text->u.str;
    for (size_t i = 0; i + 1 < text->len; i++) {
        if (s[i] != '$' || s[i + 1] != '{')
            continue;
        size_t start = i + 2, end = start;
        while (end < text->len && sub_name_char(s[end]))
            end++;
        if (end >= text->len || s[end] != '}')
            continue;
        i = end;
        size_t len = end - start;
        if (cf_sub_vars_get(&defined, s + start, len))
            continue;
        fn(s + start, len, ctx);
    }
    cf_sub_vars_free(&defined);
}

typedef struct sub_walk {
    const walk *w;
    const cf_node *holder;
} sub_walk;

static void sub_ref(const char *name, size_t len, void *ctx)
{
    const sub_walk *sw = ctx;
    const char *dot = memchr(name, '.', len);
    if (dot)
        report(sw->w, CF_REF_SUB_GETATT, name, (size_t)(dot - name), sw->holder);
    else
        report(sw->w, CF_REF_SUB, name, len, sw->holder);
}

static void sub_refs(const walk *w, const cf_node *holder, const cf_node *arg)
{
    sub_walk sw = {w, holder};
    cf_sub_names(arg, sub_ref, &sw);
}

static void getatt_refs(const walk *w, const cf_node *holder, const cf_node *arg)
{
    if (arg->kind == CF_SEQUENCE && arg->len == 2 && is_text(arg->u.items[0])) {
        report(w, CF_REF_GETATT, arg->u.items[0]->u.str, arg->u.items[0]->len, holder);
    } else if (is_text(arg)) {
        const char *dot = memchr(arg->u.str, '.', arg->len);
        if (dot)
            report(w, CF_REF_GETATT, arg->u.str, (size_t)(dot - arg->u.str), holder);
    }
}

static void walk_node(const walk *w, const cf_node *n, int depth)
{
    if (depth > CF_MAX_DEPTH)
        return;
    if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            walk_node(w, n->u.items[i], depth + 1);
        return;
    }
    if (n->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key, *v = n->u.pairs[i].value;
        if (cf_is_str(k, "Ref") && is_text(v))
            report(w, CF_REF_REF, v->u.str, v->len, n);
        else if (cf_is_str(k, "Fn::GetAtt"))
            getatt_refs(w, n, v);
        else if (cf_is_str(k, "Fn::Sub"))
            sub_refs(w, n, v);
        walk_node(w, v, depth + 1);
    }
}

void cf_refs_walk(const cf_node *n, void (*fn)(const cf_reference *r, void *arg), void *arg)
{
    walk w = {fn, arg};
    if (n)
        walk_node(&w, n, 0);
}
