/* The tree builder both loaders feed: YAML events and JSON tokens arrive as
 * "scalar", "open collection", "close collection"; the builder allocates
 * nodes in the document's arena, links parents, checks duplicate keys and
 * the nesting limit, and wraps short-form tags.  Internal to the loaders. */
#ifndef CFNFIX_DOC_BUILD_H
#define CFNFIX_DOC_BUILD_H

#include "doc.h"

typedef struct bld_frame {
    cf_node *node;
    size_t kids_base; /* first of this collection's children in kids[] */
} bld_frame;

typedef struct cf_builder {
    cf_doc *doc;
    bld_frame *stack;
    size_t depth, stack_cap;
    cf_node **kids; /* children of every open collection, innermost last */
    size_t nkids, kids_cap;
    size_t roots;   /* documents completed so far */
} cf_builder;

void bld_init(cf_builder *b, cf_doc *doc);
void bld_free(cf_builder *b);

/* Make a node (not yet linked). */
cf_node *bld_node(cf_builder *b, cf_kind kind, uint32_t start, uint32_t end);
cf_node *bld_scalar_node(cf_builder *b, uint32_t start, uint32_t end, cf_style style,
                         cf_type type, const char *value, size_t len);

/* Link a finished node into the open collection (or make it the root). */
int bld_add(cf_builder *b, cf_node *n);
/* Link a collection node and make it the open one. */
int bld_open(cf_builder *b, cf_node *n);
/* Close the innermost open collection; flow_end is where a flow collection
 * ends (after its bracket); block collections end with their last child. */
int bld_close(cf_builder *b, uint32_t flow_end);

/* Open a short-form mapping {long_name: ...} for a tag written at
 * [tag_start, tag_end) on a node starting at node_start.  The next node
 * added or opened becomes its value; when that value is complete the
 * mapping closes by itself. */
int bld_open_short_form(cf_builder *b, uint32_t node_start, uint32_t tag_start, uint32_t tag_end,
                        const char *tag, const char *long_name, bool unknown);

/* Record a load error at [start, end) and return -1. */
int bld_fail(cf_builder *b, uint32_t start, uint32_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Add a note (the load goes on). */
void doc_add_note(cf_doc *doc, uint32_t start, uint32_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Loaders; each returns 0, or -1 with the doc's error set. */
int doc_load_yaml(cf_doc *doc);
int doc_load_json(cf_doc *doc);

#endif
