/* What an intrinsic function evaluates to, as far as the template tells:
 * Ref to a parameter (its AllowedValues, else its Default, MinValue and
 * MaxValue) or to a pseudo parameter (per region), Fn::Sub, Fn::Join,
 * Fn::Split, Fn::Select, Fn::FindInMap and Fn::If, nested in each other.
 * A function whose value depends on a resource (Ref to a resource,
 * Fn::GetAtt, Fn::ImportValue ...) has no value here, and neither has
 * anything built from it.
 *
 * This is how cfn-lint resolves values (its W1030-W1035 judge them): the
 * same parameter resolves to one value throughout one expression, a
 * region is chosen once for all regional pseudo parameters, a parameter
 * value the conditions in force rule out is skipped, and an Fn::If
 * branch adds its condition to them.  At most CF_RESOLVE_MAX values come
 * out of one expression. */
#ifndef CFNFIX_RESOLVE_H
#define CFNFIX_RESOLVE_H

#include "arena.h"
#include "cond_model.h"
#include "spec.h"
#include "template.h"

#include <stdbool.h>
#include <stddef.h>

#define CF_RESOLVE_MAX 512

typedef struct cf_resolved {
    const cf_node *value;     /* a scalar or a list; made up unless it is a template node */
    bool from_parameters;     /* a parameter's value went into it */
    const cf_node *literal;   /* the value is exactly this parameter value (for placement), or NULL */
    cf_scenario scenario;     /* the conditions it holds under */
} cf_resolved;

typedef struct cf_resolver {
    const cf_template *t;
    cf_conds *conds;
    char *const *regions;     /* the regions linted: pseudo parameters take theirs */
    size_t nregions;
    const cf_spec *spec;      /* every region's name (a mapping keyed by region); may be NULL */
    cf_arena *arena;          /* made-up values live here */
    /* values given for the parameters (param_files.h): a parameter
     * resolves to each set's value, else its Default; NULL: none */
    const struct cf_param_sets *param_sets;
} cf_resolver;

/* The values n evaluates to under scenario s, in cfn-lint's order; fn is
 * called for each, and may return false to stop.  Returns how many were
 * passed. */
size_t cf_resolve(const cf_resolver *r, const cf_node *n, const cf_scenario *s,
                  bool (*fn)(const cf_resolved *v, void *arg), void *arg);

#endif
