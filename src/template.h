/* The template as CloudFormation sees it, indexed once per lint: its
 * sections and resources by logical id, so every check can look things up
 * without walking the tree again. */
#ifndef CFNFIX_TEMPLATE_H
#define CFNFIX_TEMPLATE_H

#include "doc.h"
#include "strmap.h"

#include <stdbool.h>

typedef struct cf_resource {
    const char *name;       /* logical id */
    const cf_node *key;     /* its key node */
    const cf_node *node;    /* its mapping (may be another kind: E3001) */
    const cf_node *type;    /* the Type value, or NULL */
    const char *type_name;  /* the Type when a plain string, else NULL */
    const cf_node *properties; /* the Properties value, or NULL */
    /* cfn-lint's schema walk reaches it: its logical id is alphanumeric
     * (E3001 otherwise, and none of the rules that walk the resource's
     * schema look inside it) */
    bool walked;
} cf_resource;

/* An entry of a named section (a parameter, condition, mapping, output). */
typedef struct cf_named {
    const char *name;
    const cf_node *key, *value;
} cf_named;

typedef struct cf_section {
    const cf_node *node; /* the section's value, NULL when absent */
    cf_named *v;         /* entries, in template order (empty unless a mapping) */
    size_t n;
    strmap by_name;
} cf_section;

typedef struct cf_template {
    const cf_doc *doc;
    const cf_node *root;    /* NULL when not a mapping */
    const cf_node *parameters, *mappings, *conditions, *resources, *outputs;
    cf_section params, conds, maps, outs;
    bool sam;               /* Transform: AWS::Serverless-2016-10-31 */
    cf_resource *res;
    size_t nres;
    strmap by_name;         /* logical id -> cf_resource */
} cf_template;

/* The pseudo parameters CloudFormation defines, sorted (cfn-lint lists
 * them in this order). */
#define CF_NPSEUDO 8
extern const char *const cf_pseudo_parameters[CF_NPSEUDO];
bool cf_is_pseudo_parameter(const char *name, size_t len);

void cf_template_init(cf_template *t, const cf_doc *doc);
/* A logical id as the template's schema takes it: a string of ASCII
 * letters and digits (and extra_chars where a section allows more). */
bool cf_logical_id_ok(const cf_node *key, const char *extra_chars);
void cf_template_free(cf_template *t);
const cf_resource *cf_template_resource(const cf_template *t, const char *name);
const cf_named *cf_section_get(const cf_section *s, const char *name);
/* By a name of len bytes, which may hold a NUL (a name read from the
 * template: "T\u0000x" is not T). */
const cf_named *cf_section_get_n(const cf_section *s, const char *name, size_t len);
const cf_resource *cf_template_resource_n(const cf_template *t, const char *name, size_t len);

/* Call fn for every node at a path under n: keys separated by '/', '*'
 * for every item of a list ("Policies/ * /PolicyDocument" without spaces);
 * an empty path is n itself. */
void cf_each_at_path(const cf_node *n, const char *path, void (*fn)(const cf_node *at, void *arg), void *arg);

/* The intrinsic function a node is ({"Ref": ...}, {"Fn::If": ...}): its
 * name, or NULL when the node is not a one-key mapping of a function. */
const char *cf_intrinsic_name(const cf_node *n);

#endif
