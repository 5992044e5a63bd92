/* The order CloudFormation creates a stack's resources in: a resource
 * starts once everything it needs (Ref, Fn::GetAtt, Fn::Sub, DependsOn on
 * another resource) exists, so the resources fall into waves that are
 * created in parallel.  And what one resource's failure does to the
 * others: what it needs exists before it fails; what needs it is never
 * started; the rest may be under way and is cancelled, then everything
 * is rolled back.  Built on the cross-reference index. */
#ifndef CFNFIX_STACK_ORDER_H
#define CFNFIX_STACK_ORDER_H

#include "xref.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cf_res_links {
    size_t *v; /* resource indexes (into cf_template.res), each once, in template order */
    size_t n;
} cf_res_links;

typedef struct cf_stack_order {
    size_t nres;
    cf_res_links *needs;     /* direct dependencies of each resource */
    cf_res_links *needed_by; /* the resources that directly need it */
    long *wave;              /* 0-based; -1: in a cycle or after one (never created) */
    size_t nwaves;
} cf_stack_order;

void cf_stack_order_build(cf_stack_order *o, const cf_template *t, const cf_xref *x);
void cf_stack_order_free(cf_stack_order *o);

/* Mark (mark[i] = true) every resource that `res` needs, directly or not
 * (dependents: every resource that needs `res`); returns how many. */
size_t cf_stack_order_reach(const cf_stack_order *o, size_t res, bool dependents, bool *mark);

#endif
