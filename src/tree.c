#include "tree.h"
#include "util.h"

#include <stdlib.h>

static cf_tree *make(cf_tree_kind kind)
{
    cf_tree *t = xcalloc(1, sizeof *t);
    t->kind = kind;
    return t;
}

cf_tree *cf_tree_typed(cf_type type, const char *text)
{
    cf_tree *t = make(CF_TREE_SCALAR);
    t->type = type;
    t->text = xstrdup(text);
    return t;
}

cf_tree *cf_tree_str(const char *s) { return cf_tree_typed(CF_TYPE_STR, s); }
cf_tree *cf_tree_map(void) { return make(CF_TREE_MAP); }
cf_tree *cf_tree_list(void) { return make(CF_TREE_LIST); }

cf_tree *cf_tree_node(const cf_node *n)
{
    cf_tree *t = make(CF_TREE_NODE);
    t->node = n;
    return t;
}

cf_tree *cf_tree_put(cf_tree *t, const char *key, cf_tree *value)
{
    t->items = xrealloc(t->items, sizeof *t->items * (t->n + 1));
    if (t->kind == CF_TREE_MAP) {
        t->keys = xrealloc(t->keys, sizeof *t->keys * (t->n + 1));
        t->keys[t->n] = xstrdup(key ? key : "");
    }
    t->items[t->n++] = value;
    return t;
}

void cf_tree_free(cf_tree *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        cf_tree_free(t->items[i]);
        if (t->keys)
            free(t->keys[i]);
    }
    free(t->keys);
    free(t->items);
    free(t->text);
    free(t);
}
