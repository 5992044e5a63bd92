#include "verify.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct verifier {
    const cf_doc *old, *patched;
    const cf_patch *p;
    char *err;
    size_t errsize;
} verifier;

__attribute__((format(printf, 3, 4))) static int fail(verifier *v, const cf_node *at, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cf_pos pos = at ? cf_doc_pos(v->old, at->start) : (cf_pos){0, 0};
    snprintf(v->err, v->errsize, "the patched file does not read as intended at line %u, column %u: %s",
             pos.line, pos.col, msg);
    return -1;
}

static const cf_expect *expect_for(const verifier *v, const cf_node *n, cf_expect_kind kind)
{
    for (size_t i = 0; i < v->p->nfixes; i++) {
        const cf_fix *f = v->p->fixes[i];
        for (size_t k = 0; k < f->nexpects; k++)
            if (f->expects[k].node == n && f->expects[k].kind == kind)
                return &f->expects[k];
    }
    return NULL;
}

static bool scalar_is(const cf_node *n, const char *value)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_STR && n->len == strlen(value) && !memcmp(n->u.str, value, n->len);
}

static int same(verifier *v, const cf_node *o, const cf_node *n);
static int same_node(verifier *v, const cf_node *o, const cf_node *n);

/* What a tree reads as, for messages. */
static const char *tree_text(const cf_tree *t)
{
    return t->kind == CF_TREE_SCALAR ? t->text : t->kind == CF_TREE_MAP ? "a mapping" : t->kind == CF_TREE_LIST ? "a list" : "a copied value";
}

/* n (patched) reads as the tree t; `at` (original) places a failure. */
static int same_tree(verifier *v, const cf_tree *t, const cf_node *n, const cf_node *at)
{
    switch (t->kind) {
    case CF_TREE_NODE:
        /* not same(): a node replaced by a tree holding itself (wrapped
         * in a list) is compared as it was */
        return same_node(v, t->node, n);
    case CF_TREE_SCALAR:
        if (n->kind != CF_SCALAR || n->type != t->type || (t->type == CF_TYPE_STR ? !scalar_is(n, t->text) : strcmp(n->u.str, t->text) != 0))
            return fail(v, at, "the value does not read as '%s'", t->text);
        return 0;
    default: {
        bool map = t->kind == CF_TREE_MAP;
        if (n->kind != (map ? CF_MAPPING : CF_SEQUENCE) || n->len != t->n)
            return fail(v, at, "the value does not read as %s of %zu", map ? "a mapping" : "a list", t->n);
        for (size_t i = 0; i < t->n; i++) {
            if (map && !scalar_is(n->u.pairs[i].key, t->keys[i]))
                return fail(v, at, "the key '%s' was not written as intended", t->keys[i]);
            if (same_tree(v, t->items[i], map ? n->u.pairs[i].value : n->u.items[i], at) < 0)
                return -1;
        }
        return 0;
    }
    }
}

/* Children in order, skipping deleted ones; inserted pairs at the end. */
static int same_children(verifier *v, const cf_node *o, const cf_node *n)
{
    bool map = o->kind == CF_MAPPING;
    uint32_t j = 0;
    for (uint32_t i = 0; i < o->len; i++) {
        const cf_node *ov = map ? o->u.pairs[i].value : o->u.items[i];
        if (expect_for(v, ov, CF_EXPECT_DELETE))
            continue;
        if (j >= n->len)
            return fail(v, ov, "an entry that should stay is gone");
        if (map) {
            const cf_node *ok = o->u.pairs[i].key, *nk = n->u.pairs[j].key;
            const cf_expect *rename = expect_for(v, ok, CF_EXPECT_RENAME);
            if (rename ? !scalar_is(nk, rename->value) : same(v, ok, nk) < 0)
                return rename ? fail(v, ok, "the key does not read as '%s'", rename->value) : -1;
            if (same(v, ov, n->u.pairs[j].value) < 0)
                return -1;
        } else if (same(v, ov, n->u.items[j]) < 0) {
            return -1;
        }
        j++;
    }
    for (size_t i = 0; map && i < v->p->nfixes; i++) {
        const cf_fix *f = v->p->fixes[i];
        for (size_t k = 0; k < f->nexpects; k++) {
            const cf_expect *e = &f->expects[k];
            if (e->kind != CF_EXPECT_INSERT || e->node != o)
                continue;
            if (j >= n->len || !scalar_is(n->u.pairs[j].key, e->key) ||
                (e->tree ? same_tree(v, e->tree, n->u.pairs[j].value, o) < 0 : !scalar_is(n->u.pairs[j].value, e->value)))
                return fail(v, o, "'%s: %s' was not added as intended", e->key, e->tree ? tree_text(e->tree) : e->value);
            j++;
        }
    }
    if (j != n->len)
        return fail(v, o, "an entry appeared that no fix added");
    return 0;
}

static int same(verifier *v, const cf_node *o, const cf_node *n)
{
    const cf_expect *set = expect_for(v, o, CF_EXPECT_SCALAR);
    if (set) {
        if (!scalar_is(n, set->value))
            return fail(v, o, "the value does not read as the string '%s'", set->value);
        return 0;
    }
    const cf_expect *put = expect_for(v, o, CF_EXPECT_REPLACE);
    return put ? same_tree(v, put->tree, n, o) : same_node(v, o, n);
}

static int same_node(verifier *v, const cf_node *o, const cf_node *n)
{
    if (o->kind != n->kind)
        return fail(v, o, "a %s became a %s", cf_kind_name((cf_kind)o->kind), cf_kind_name((cf_kind)n->kind));
    if (o->kind == CF_SCALAR) {
        if (o->type != n->type || o->len != n->len || memcmp(o->u.str, n->u.str, o->len) != 0)
            return fail(v, o, "an unchanged value reads differently");
        return 0;
    }
    return same_children(v, o, n);
}

int cf_patch_verify(const cf_doc *old, const cf_doc *patched, const cf_patch *p, char *err, size_t errsize)
{
    verifier v = {old, patched, p, err, errsize};
    if (patched->failed) {
        cf_pos pos = cf_doc_pos(patched, patched->err_start);
        snprintf(err, errsize, "the patched file does not parse (line %u, column %u: %s)", pos.line, pos.col,
                 patched->err_msg);
        return -1;
    }
    if (!old->root || !patched->root)
        return old->root == patched->root ? 0 : fail(&v, NULL, "the document appeared or vanished");
    return same(&v, old->root, patched->root);
}
