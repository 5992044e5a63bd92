/* Repeated subschemas, stored once (schema_share.h).
 *
 * Two passes over the places where a schema stands: the first counts each
 * subschema by its canonical encoding, the second replaces, outermost
 * first, those that repeat with a $ref to one copy in definitions.  Nodes
 * on the path to a replacement are copied; everything else is shared. */
#include "schema_share.h"

#include "strmap.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keywords whose value is a schema, a list of schemas, or a map from names
 * to schemas ("items" is either of the first two). */
static const char *const schema_valued[] = {"not", "if", "then", "else", "items", "additionalProperties",
                                            "additionalItems", "contains", "propertyNames"};
static const char *const schema_listed[] = {"allOf", "anyOf", "oneOf", "items", "prefixItems"};
static const char *const schema_named[] = {"properties", "patternProperties", "definitions", "dependentSchemas",
                                           "dependencies"};

static bool in(const char *const *list, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], key))
            return true;
    return false;
}
#define IN(list, key) in(list, sizeof list / sizeof *list, key)

typedef struct occurrence {
    size_t count;
    const cf_node *schema; /* the first one met */
    char *name;            /* its definition, once shared */
} occurrence;

typedef struct sharer {
    cf_arena *out;     /* the caller's: nodes of the result */
    cf_arena scratch;  /* encodings and occurrences */
    strmap seen;       /* encoding -> occurrence */
    size_t min_bytes;
    cf_buf enc;
    const cf_node **defs; /* shared subschemas, in order of first use */
    char **def_names;
    size_t ndefs, defs_cap, names_cap;
    const cf_node *root_defs;
} sharer;

/* A canonical encoding: equal encodings mean equal values. */
static void encode(cf_buf *b, const cf_node *n)
{
    char head[24];
    int len = snprintf(head, sizeof head, "%c%u:", n->kind == CF_SCALAR ? 's' : n->kind == CF_MAPPING ? 'm' : 'q',
                       (unsigned)(n->kind == CF_SCALAR ? n->type : 0));
    buf_add(b, head, (size_t)len);
    len = snprintf(head, sizeof head, "%u;", n->len);
    buf_add(b, head, (size_t)len);
    if (n->kind == CF_SCALAR) {
        buf_add(b, n->u.str, n->len);
    } else if (n->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < n->len; i++) {
            encode(b, n->u.pairs[i].key);
            encode(b, n->u.pairs[i].value);
        }
    } else {
        for (uint32_t i = 0; i < n->len; i++)
            encode(b, n->u.items[i]);
    }
}

/* The occurrence record of a subschema worth sharing; NULL when it is
 * smaller than min_bytes.  create: add it when new. */
static occurrence *occurrence_of(sharer *s, const cf_node *schema, bool create)
{
    buf_reset(&s->enc);
    encode(&s->enc, schema);
    if (s->enc.len < s->min_bytes)
        return NULL;
    occurrence *o = strmap_get(&s->seen, s->enc.data, s->enc.len);
    if (o || !create)
        return o;
    char *key = arena_alloc_bytes(&s->scratch, s->enc.len);
    memcpy(key, s->enc.data, s->enc.len);
    o = arena_zalloc(&s->scratch, sizeof *o);
    o->schema = schema;
    strmap_put(&s->seen, key, s->enc.len, o);
    return o;
}

typedef const cf_node *(*visit_fn)(sharer *s, const cf_node *schema, bool top);

/* Apply visit to every subschema of schema; returns schema, or a copy
 * holding what visit returned where that differs. */
static const cf_node *each_subschema(sharer *s, const cf_node *schema, visit_fn visit)
{
    if (schema->kind != CF_MAPPING)
        return schema;
    cf_node *copy = NULL;
    for (uint32_t i = 0; i < schema->len; i++) {
        const char *key = schema->u.pairs[i].key->u.str;
        const cf_node *value = schema->u.pairs[i].value, *done = value;
        if (value->kind == CF_MAPPING && IN(schema_valued, key)) {
            done = visit(s, value, false);
        } else if (value->kind == CF_SEQUENCE && IN(schema_listed, key)) {
            cf_node *list = NULL;
            for (uint32_t j = 0; j < value->len; j++) {
                const cf_node *item = visit(s, value->u.items[j], false);
                if (item == value->u.items[j])
                    continue;
                if (!list) {
                    list = arena_alloc(s->out, sizeof *list);
                    *list = *value;
                    list->u.items = arena_alloc(s->out, sizeof(cf_node *) * value->len);
                    memcpy(list->u.items, value->u.items, sizeof(cf_node *) * value->len);
                }
                list->u.items[j] = (cf_node *)item;
            }
            if (list)
                done = list;
        } else if (value->kind == CF_MAPPING && IN(schema_named, key)) {
            cf_node *map = NULL;
            for (uint32_t j = 0; j < value->len; j++) {
                const cf_node *sub = visit(s, value->u.pairs[j].value, false);
                if (sub == value->u.pairs[j].value)
                    continue;
                if (!map) {
                    map = arena_alloc(s->out, sizeof *map);
                    *map = *value;
                    map->u.pairs = arena_alloc(s->out, sizeof(cf_pair) * value->len);
                    memcpy(map->u.pairs, value->u.pairs, sizeof(cf_pair) * value->len);
                }
                map->u.pairs[j].value = (cf_node *)sub;
            }
            if (map)
                done = map;
        }
        if (done == value)
            continue;
        if (!copy) {
            copy = arena_alloc(s->out, sizeof *copy);
            *copy = *schema;
            copy->u.pairs = arena_alloc(s->out, sizeof(cf_pair) * schema->len);
            memcpy(copy->u.pairs, schema->u.pairs, sizeof(cf_pair) * schema->len);
        }
        copy->u.pairs[i].value = (cf_node *)done;
    }
    return copy ? copy : schema;
}

static const cf_node *count_visit(sharer *s, const cf_node *schema, bool top)
{
    if (!top && schema->kind == CF_MAPPING) {
        occurrence *o = occurrence_of(s, schema, true);
        if (o)
            o->count++;
    }
    return each_subschema(s, schema, count_visit);
}

static cf_node *scalar(cf_arena *a, const char *text)
{
    cf_node *n = arena_zalloc(a, sizeof *n);
    n->kind = CF_SCALAR;
    n->type = CF_TYPE_STR;
    n->style = CF_STYLE_DOUBLE;
    n->len = (uint32_t)strlen(text);
    n->u.str = arena_strndup(a, text, n->len);
    return n;
}

/* A definition name the schema does not use already. */
static char *fresh_name(sharer *s)
{
    char name[48];
    for (size_t k = s->ndefs;; k++) {
        snprintf(name, sizeof name, "cfnfix-shared-%zu", k);
        if (!cf_map_get(s->root_defs, name))
            return arena_strndup(s->out, name, strlen(name));
    }
}

static const cf_node *share_visit(sharer *s, const cf_node *schema, bool top)
{
    occurrence *o = top || schema->kind != CF_MAPPING ? NULL : occurrence_of(s, schema, false);
    if (!o || o->count < 2)
        return each_subschema(s, schema, share_visit);
    if (!o->name) {
        o->name = fresh_name(s);
        GROW(s->defs, s->defs_cap, s->ndefs + 1);
        GROW(s->def_names, s->names_cap, s->ndefs + 1);
        s->defs[s->ndefs] = o->schema;
        s->def_names[s->ndefs++] = o->name;
    }
    char target[80];
    snprintf(target, sizeof target, "#/definitions/%s", o->name);
    cf_node *ref = arena_zalloc(s->out, sizeof *ref);
    ref->kind = CF_MAPPING;
    ref->style = CF_STYLE_FLOW;
    ref->len = 1;
    ref->u.pairs = arena_alloc(s->out, sizeof(cf_pair));
    ref->u.pairs[0].key = scalar(s->out, "$ref");
    ref->u.pairs[0].value = scalar(s->out, target);
    return ref;
}

/* root with its definitions extended by the shared subschemas. */
static const cf_node *with_definitions(sharer *s, const cf_node *root)
{
    const cf_node *old = s->root_defs && s->root_defs->kind == CF_MAPPING ? s->root_defs : NULL;
    uint32_t nold = old ? old->len : 0;
    cf_node *defs = arena_zalloc(s->out, sizeof *defs);
    defs->kind = CF_MAPPING;
    defs->len = nold + (uint32_t)s->ndefs;
    defs->u.pairs = arena_alloc(s->out, sizeof(cf_pair) * defs->len);
    if (old) /* root's own definitions, as share_visit left them */
        memcpy(defs->u.pairs, cf_map_get(root, "definitions")->u.pairs, sizeof(cf_pair) * nold);
    for (size_t i = 0; i < s->ndefs; i++) {
        defs->u.pairs[nold + i].key = scalar(s->out, s->def_names[i]);
        defs->u.pairs[nold + i].value = (cf_node *)s->defs[i];
    }
    bool replace = s->root_defs != NULL;
    cf_node *copy = arena_alloc(s->out, sizeof *copy);
    *copy = *root;
    copy->len = root->len + (replace ? 0 : 1);
    copy->u.pairs = arena_alloc(s->out, sizeof(cf_pair) * copy->len);
    memcpy(copy->u.pairs, root->u.pairs, sizeof(cf_pair) * root->len);
    uint32_t at = root->len;
    for (uint32_t i = 0; replace && i < root->len; i++)
        if (!strcmp(root->u.pairs[i].key->u.str, "definitions"))
            at = i;
    if (at == root->len)
        copy->u.pairs[at].key = scalar(s->out, "definitions");
    copy->u.pairs[at].value = defs;
    return copy;
}

const cf_node *schema_share(cf_arena *a, const cf_node *root, size_t min_bytes)
{
    if (!root || root->kind != CF_MAPPING)
        return root;
    sharer s = {.out = a, .min_bytes = min_bytes ? min_bytes : 1, .root_defs = cf_map_get(root, "definitions")};
    arena_init(&s.scratch);
    strmap_init(&s.seen);
    count_visit(&s, root, true);
    const cf_node *result = share_visit(&s, root, true);
    if (s.ndefs)
        result = with_definitions(&s, result);
    strmap_free(&s.seen);
    arena_free(&s.scratch);
    buf_free(&s.enc);
    free(s.defs);
    free(s.def_names);
    return result;
}
