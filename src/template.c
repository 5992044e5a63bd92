#include "template.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static bool has_transform(const cf_node *root, const char *name)
{
    const cf_node *t = cf_map_get(root, "Transform");
    if (cf_is_str(t, name))
        return true;
    if (t && t->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < t->len; i++)
            if (cf_is_str(t->u.items[i], name))
                return true;
    return false;
}

static void index_section(cf_section *s, const cf_node *node)
{
    s->node = node;
    strmap_init(&s->by_name);
    if (!node || node->kind != CF_MAPPING)
        return;
    s->v = xcalloc(node->len ? node->len : 1, sizeof *s->v);
    for (uint32_t i = 0; i < node->len; i++) {
        const cf_node *k = node->u.pairs[i].key;
        if (k->kind != CF_SCALAR)
            continue;
        cf_named *e = &s->v[s->n++];
        e->name = k->u.str;
        e->key = k;
        e->value = node->u.pairs[i].value;
        strmap_put(&s->by_name, k->u.str, k->len, e);
    }
}

static void free_section(cf_section *s)
{
    free(s->v);
    strmap_free(&s->by_name);
}

const char *const cf_pseudo_parameters[CF_NPSEUDO] = {
    "AWS::AccountId", "AWS::NoValue", "AWS::NotificationARNs", "AWS::Partition",
    "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
};

bool cf_is_pseudo_parameter(const char *name, size_t len)
{
    for (size_t i = 0; i < CF_NPSEUDO; i++)
        if (strlen(cf_pseudo_parameters[i]) == len && !memcmp(cf_pseudo_parameters[i], name, len))
            return true;
    return false;
}

const cf_named *cf_section_get(const cf_section *s, const char *name)
{
    return strmap_get(&s->by_name, name, strlen(name));
}

const cf_named *cf_section_get_n(const cf_section *s, const char *name, size_t len)
{
    return strmap_get(&s->by_name, name, len);
}

void cf_template_init(cf_template *t, const cf_doc *doc)
{
    memset(t, 0, sizeof *t);
    t->doc = doc;
    strmap_init(&t->by_name);
    strmap_init(&t->params.by_name);
    strmap_init(&t->conds.by_name);
    strmap_init(&t->maps.by_name);
    strmap_init(&t->outs.by_name);
    const cf_node *root = doc->root;
    if (!root || root->kind != CF_MAPPING)
        return;
    t->root = root;
    t->parameters = cf_map_get(root, "Parameters");
    t->mappings = cf_map_get(root, "Mappings");
    t->conditions = cf_map_get(root, "Conditions");
    t->resources = cf_map_get(root, "Resources");
    t->outputs = cf_map_get(root, "Outputs");
    t->sam = has_transform(root, "AWS::Serverless-2016-10-31");
    index_section(&t->params, t->parameters);
    index_section(&t->conds, t->conditions);
    index_section(&t->maps, t->mappings);
    index_section(&t->outs, t->outputs);
    const cf_node *rs = t->resources;
    if (!rs || rs->kind != CF_MAPPING)
        return;
    t->res = xcalloc(rs->len ? rs->len : 1, sizeof *t->res);
    for (uint32_t i = 0; i < rs->len; i++) {
        const cf_node *k = rs->u.pairs[i].key, *v = rs->u.pairs[i].value;
        if (k->kind != CF_SCALAR)
            continue;
        cf_resource *r = &t->res[t->nres++];
        r->name = k->u.str;
        r->key = k;
        r->node = v;
        r->type = cf_map_get(v, "Type");
        if (r->type && r->type->kind == CF_SCALAR && r->type->type == CF_TYPE_STR)
            r->type_name = r->type->u.str;
        r->properties = cf_map_get(v, "Properties");
        r->walked = cf_logical_id_ok(k, "");
        strmap_put(&t->by_name, k->u.str, k->len, r);
    }
}

bool cf_logical_id_ok(const cf_node *key, const char *extra_chars)
{
    if (key->kind != CF_SCALAR || key->type != CF_TYPE_STR || !key->len)
        return false;
    for (uint32_t i = 0; i < key->len; i++) {
        char c = key->u.str[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !(c && strchr(extra_chars, c)))
            return false;
    }
    return true;
}

void cf_template_free(cf_template *t)
{
    free(t->res);
    strmap_free(&t->by_name);
    free_section(&t->params);
    free_section(&t->conds);
    free_section(&t->maps);
    free_section(&t->outs);
    memset(t, 0, sizeof *t);
}

const cf_resource *cf_template_resource(const cf_template *t, const char *name)
{
    return strmap_get(&t->by_name, name, strlen(name));
}

const cf_resource *cf_template_resource_n(const cf_template *t, const char *name, size_t len)
{
    return strmap_get(&t->by_name, name, len);
}

void cf_each_at_path(const cf_node *n, const char *path, void (*fn)(const cf_node *at, void *arg), void *arg)
{
    if (!n)
        return;
    if (!*path) {
        fn(n, arg);
        return;
    }
    const char *slash = strchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : strlen(path);
    const char *rest = slash ? slash + 1 : path + len;
    if (len == 1 && path[0] == '*') {
        for (uint32_t i = 0; n->kind == CF_SEQUENCE && i < n->len; i++)
            cf_each_at_path(n->u.items[i], rest, fn, arg);
        return;
    }
    for (uint32_t i = 0; n->kind == CF_MAPPING && i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key;
        if (k->kind == CF_SCALAR && k->len == len && !memcmp(k->u.str, path, len))
            cf_each_at_path(n->u.pairs[i].value, rest, fn, arg);
    }
}

const char *cf_intrinsic_name(const cf_node *n)
{
    if (!n || n->kind != CF_MAPPING || n->len != 1)
        return NULL;
    const cf_node *k = n->u.pairs[0].key;
    if (k->kind != CF_SCALAR)
        return NULL;
    const char *s = k->u.str;
    if (!strcmp(s, "Ref") || !strcmp(s, "Condition") || !strncmp(s, "Fn::", 4))
        return s;
    return NULL;
}
