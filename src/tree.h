/* A value to write into a template: what a structural fix inserts or puts
 * in place of a node (a Tags list, `NoEcho: true`, a property skeleton).
 * Leaves are scalars of a YAML type, or a node of the original document
 * that is copied as written (a `!Ref X` moved into a new Tags entry).  The
 * writer renders it in the file's own style (src/edit_tree.c); the
 * verifier checks the re-parsed file reads as this tree. */
#ifndef CFNFIX_TREE_H
#define CFNFIX_TREE_H

#include "doc.h"

#include <stddef.h>

typedef enum cf_tree_kind {
    CF_TREE_SCALAR, /* text of a type: a string, or true, -1, null as YAML reads them */
    CF_TREE_MAP,
    CF_TREE_LIST,
    CF_TREE_NODE,   /* a node of the original, copied */
} cf_tree_kind;

typedef struct cf_tree cf_tree;
struct cf_tree {
    cf_tree_kind kind;
    cf_type type;        /* CF_TREE_SCALAR */
    char *text;          /* CF_TREE_SCALAR */
    cf_style style;      /* CF_TREE_SCALAR strings: the quoting wanted where plain would do (PLAIN) */
    const cf_node *node; /* CF_TREE_NODE */
    char **keys;         /* CF_TREE_MAP: keys[i] names items[i] */
    cf_tree **items;
    size_t n;
};

cf_tree *cf_tree_str(const char *s);
cf_tree *cf_tree_typed(cf_type type, const char *text); /* cf_tree_typed(CF_TYPE_BOOL, "true") */
cf_tree *cf_tree_node(const cf_node *n);
cf_tree *cf_tree_map(void);
cf_tree *cf_tree_list(void);
/* Add to a map (key and value) or a list (key NULL); takes value. Returns map_or_list. */
cf_tree *cf_tree_put(cf_tree *map_or_list, const char *key, cf_tree *value);
void cf_tree_free(cf_tree *t);

#endif
