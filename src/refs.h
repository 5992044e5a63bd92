/* The references a template makes: Ref, Fn::GetAtt (both forms), the
 * ${Name} and ${Name.Attr} of Fn::Sub, and DependsOn.  One walk that finds
 * them, for every rule that follows references (the dependency graph,
 * references to resources that may not exist) and for the front ends. */
#ifndef CFNFIX_REFS_H
#define CFNFIX_REFS_H

#include "doc.h"
#include "strmap.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum cf_ref_kind {
    CF_REF_REF,        /* {"Ref": X} */
    CF_REF_GETATT,     /* {"Fn::GetAtt": [X, Attr]} or "X.Attr" */
    CF_REF_SUB,        /* ${X} in an Fn::Sub string */
    CF_REF_SUB_GETATT, /* ${X.Attr} in an Fn::Sub string */
} cf_ref_kind;

typedef struct cf_reference {
    cf_ref_kind kind;
    const char *target;    /* the name referred to (not NUL-terminated) */
    size_t target_len;
    const cf_node *holder; /* the function's mapping: {"Ref": X}, {"Fn::Sub": ...} */
} cf_reference;

/* Call fn for each reference in n and below, in document order.  Fn::Sub
 * variables are read as cfn-lint's graph reads them: a name of letters,
 * digits and dots (so ${AWS::Region} and ${!Literal} are not references),
 * and not one the Fn::Sub's own variable map defines. */
void cf_refs_walk(const cf_node *n, void (*fn)(const cf_reference *r, void *arg), void *arg);

/* Call fn for each ${Name} or ${Name.Attr} of an Fn::Sub's argument
 * (its string, or [string, variables]) that refers to something outside
 * it, as cf_refs_walk reads them; name is not NUL-terminated. */
void cf_sub_names(const cf_node *arg, void (*fn)(const char *name, size_t len, void *ctx), void *ctx);

/* The names an Fn::Sub's variable map defines, looked up as
 * cf_map_pair_n looks (the first scalar key of that text), but through a
 * hash index once the map is large: a Sub may define and use thousands of
 * variables, and a scan per use made that quadratic. */
typedef struct cf_sub_vars {
    const cf_node *map; /* NULL or not a mapping: defines nothing */
    strmap index;       /* key text -> cf_pair *, when the map is large */
    bool indexed;
} cf_sub_vars;

void cf_sub_vars_init(cf_sub_vars *v, const cf_node *map);
cf_pair *cf_sub_vars_get(const cf_sub_vars *v, const char *name, size_t len);
void cf_sub_vars_free(cf_sub_vars *v);

#endif
