/* What the fix generators share (src/fixes.c holds the table that maps
 * rule ids to generators; src/fixes_*.c hold generators by kind).  Not a
 * public interface: src/fixes.h is. */
#ifndef CFNFIX_FIXES_GEN_H
#define CFNFIX_FIXES_GEN_H

#include "diag.h"
#include "lint.h"
#include "spec.h"
#include "template.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct fix_ctx {
    const cf_doc *doc;
    const cf_lint_opts *opts;
    cf_spec *spec;
    cf_template *tpl;
    const cf_diags *ds; /* every finding of the file */
} fix_ctx;

typedef void (*generator)(fix_ctx *c, cf_diag *d);

/* The value a finding is about: findings on a mapping key mean its value. */
const cf_node *fix_value_of(const cf_node *n);
/* The first 'quoted' word of a message (the caller frees it), or NULL. */
char *fix_first_quoted(const char *msg);

/* The closest of names to `wrong`: a case-only difference or at most two
 * edits; NULL when nothing is that close.  `unique` is false when another
 * name is as close (an ambiguous pick). */
typedef struct closest {
    const char *name;
    bool case_only;
    bool unique;
} closest;
closest fix_find_closest(const char *wrong, const char *const *names, size_t n);

/* The single-key mapping n is a function `name` (long or short form). */
bool fix_is_fn(const cf_node *n, const char *name);
/* Give d the fix, or free it when it has no edits. */
void fix_offer(cf_diag *d, cf_fix *f);

/* src/fixes_shape.c: values written in a shape CloudFormation refuses or
 * reads otherwise. */
void fix_join_args(fix_ctx *c, cf_diag *d);      /* E1022: Fn::Join's items not in a list */
void fix_missing_sub(fix_ctx *c, cf_diag *d);    /* E1029: "${X}" outside Fn::Sub */
void fix_hardcoded_az(fix_ctx *c, cf_diag *d);   /* W3010: an AZ name */
/* src/fixes_sections.c: the top level. */
void fix_top_level(fix_ctx *c, cf_diag *d);      /* E1001: section typo, format version */

#endif
