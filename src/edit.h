/* Formatting-preserving edits: each builder adds byte edits (and what the
 * result must read as) to a fix, written the way the file around it is
 * written.  A replaced scalar keeps its quoting style unless the new value
 * would read back differently; inserted entries follow their siblings'
 * indentation, flow or block style and line ends; a deleted entry takes
 * its lines (block) or its element and one comma (flow, JSON) with it.
 * Nothing outside the edited ranges changes. */
#ifndef CFNFIX_EDIT_H
#define CFNFIX_EDIT_H

#include "doc.h"
#include "fix.h"
#include "util.h"

#include <stdbool.h>

/* Write value as a scalar in `like`'s style (single, double, plain, JSON),
 * switching to quotes when plain text would read back as something else
 * (14.10, true, null, 0x1F, a leading '*', '&', '!' or '%', ': ' or ' #'
 * inside).  like may be NULL: plain when safe, else single-quoted. */
void cf_render_scalar(const cf_doc *doc, const cf_node *like, const char *value, cf_buf *out);
/* Whether value can be written plain and read back as the same string. */
bool cf_plain_safe(const char *value, bool in_flow);

/* Replace a scalar's value (a key too: that renames it). */
void cf_edit_scalar(cf_fix *f, const cf_doc *doc, const cf_node *scalar, const char *value);
/* Replace any node (a whole Fn::Sub mapping, say) by a string scalar
 * written like `like`. */
void cf_edit_replace_with_scalar(cf_fix *f, const cf_doc *doc, const cf_node *node, const cf_node *like,
                                 const char *value);
/* Delete a mapping entry (by its value node) or a list item. */
void cf_edit_delete(cf_fix *f, const cf_doc *doc, const cf_node *node);
/* Add `key: value` (value a string) at the end of a mapping. */
void cf_edit_insert(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, const char *value);
/* The same, the value quoted the way `like` (a scalar) is: a policy copied
 * from its sibling keeps that sibling's quotes. */
void cf_edit_insert_like(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, const char *value,
                         const cf_node *like);
/* Add `key: value` at the end of a mapping, value a tree (a scalar of any
 * type, a mapping, a list, nodes of the file copied) written in the file's
 * style: YAML block with the siblings' indentation, YAML flow, JSON with
 * the file's indentation.  Takes value; false (and nothing added) when it
 * cannot be written there (a copied node spanning lines in YAML). */
bool cf_edit_insert_tree(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, cf_tree *value);
/* Put a tree in place of a node (a mapping value or a list item), the
 * same way.  Takes value; false when it cannot. */
bool cf_edit_replace_tree(cf_fix *f, const cf_doc *doc, const cf_node *node, cf_tree *value);
/* Delete several entries (by value node) or items of one collection at
 * once, as edits that do not overlap (in a flow list, deleting neighbours
 * one by one would both want the comma between them). */
void cf_edit_delete_some(cf_fix *f, const cf_doc *doc, const cf_node *parent, const cf_node *const *nodes, size_t n);

#endif
