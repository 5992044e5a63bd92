/* Fixes: what cfnfix proposes for a finding.  A finding carries zero or
 * more alternatives, best first; each has a title, an applicability and a
 * list of byte edits on the original file, plus what the edited file must
 * read as (so the patch can be verified before anything is written). */
#ifndef CFNFIX_FIX_H
#define CFNFIX_FIX_H

#include "doc.h"
#include "tree.h"

#include <stddef.h>
#include <stdint.h>

typedef enum cf_applicability {
    CF_FIX_SAFE,    /* keeps the author's intent */
    CF_FIX_UNSAFE,  /* changes behaviour: a major upgrade, a removed entry */
    CF_FIX_DISPLAY, /* shown, never applied */
} cf_applicability;

/* Replace bytes [start, end) of the original with text (insert: start ==
 * end; delete: text ""). */
typedef struct cf_edit {
    uint32_t start, end;
    char *text;
    cf_pos start_pos, end_pos; /* 1-based line and column of start and end (cf_fix_locate) */
} cf_edit;

/* What an edit means for the tree, checked after re-parsing. */
typedef enum cf_expect_kind {
    CF_EXPECT_SCALAR, /* node becomes the string scalar `value` */
    CF_EXPECT_RENAME, /* key node becomes the key `value` */
    CF_EXPECT_DELETE, /* node (a mapping value or list item) is gone */
    CF_EXPECT_INSERT, /* mapping node gains `key: value` (a string, or `tree`) at its end */
    CF_EXPECT_REPLACE, /* node reads as `tree` */
} cf_expect_kind;

typedef struct cf_expect {
    cf_expect_kind kind;
    const cf_node *node;
    char *key;   /* CF_EXPECT_INSERT */
    char *value;
    cf_tree *tree; /* CF_EXPECT_INSERT (instead of value), CF_EXPECT_REPLACE; owned */
} cf_expect;

typedef struct cf_fix {
    char *title;
    cf_applicability applicability;
    cf_edit *edits;
    size_t nedits;
    cf_expect *expects;
    size_t nexpects;
} cf_fix;

const char *cf_applicability_name(cf_applicability a); /* "safe", "unsafe", "display-only" */

void cf_fix_free(cf_fix *f);
/* Fill in the line and column of each edit's ends (for the reports). */
void cf_fix_locate(cf_fix *f, const cf_doc *doc);
/* dst becomes a copy of src's title, applicability and edits, with no
 * expectations (those point into src's document): what outlives it. */
void cf_fix_copy(cf_fix *dst, const cf_fix *src);
/* Builders used by the generators. */
cf_fix *cf_fix_new(const char *title, cf_applicability a);
void cf_fix_edit(cf_fix *f, uint32_t start, uint32_t end, const char *text);
void cf_fix_expect(cf_fix *f, cf_expect_kind kind, const cf_node *node, const char *key, const char *value);
/* The same with a tree for the value (taken: the fix frees it). */
void cf_fix_expect_tree(cf_fix *f, cf_expect_kind kind, const cf_node *node, const char *key, cf_tree *tree);

#endif
