/* The functions family (rules/functions.c and rules/fn_*.c): what its
 * files share.  functions.c walks the places cfn-lint judges functions
 * in; fn_shape.c judges a function's argument against cfn-lint's schema
 * for it; fn_refs.c the names a function refers to (Ref, Fn::GetAtt,
 * Fn::Sub, Fn::FindInMap); fn_strings.c the template's strings (dynamic
 * references, pseudo parameters written out). */
#ifndef CFNFIX_RULES_FN_H
#define CFNFIX_RULES_FN_H

#include "../lint.h"
#include "../strmap.h"
#include "../util.h"

#include <stdbool.h>
#include <stdint.h>

/* JSON Schema types, in the order cfn-lint's schemas list them. */
enum {
    T_ARRAY = 1 << 0,
    T_BOOLEAN = 1 << 1,
    T_INTEGER = 1 << 2,
    T_NUMBER = 1 << 3,
    T_OBJECT = 1 << 4,
    T_STRING = 1 << 5,
    T_NULL = 1 << 6,
};
#define T_SINGULAR (T_BOOLEAN | T_INTEGER | T_NUMBER | T_STRING)
#define T_ALL (T_ARRAY | T_OBJECT | T_SINGULAR)

/* What is checked after a function's argument has the right shape. */
typedef enum fn_kind {
    FN_SHAPE,     /* the shape is all */
    FN_REF,       /* the target, and a parameter's type against the use */
    FN_GETATT,    /* the resource and its attribute */
    FN_SUB,       /* the variables */
    FN_FINDINMAP, /* the mapping and its keys */
    FN_IF,        /* the branches, each in the If's place */
    FN_GETAZS,    /* a region (no schema file: built here) */
    FN_SPLIT,     /* no dynamic reference in the source string */
    FN_JOIN,      /* I1022: an empty delimiter reads better as a Fn::Sub */
    FN_EXTENSION, /* only with the AWS::LanguageExtensions transform */
    FN_OPAQUE,    /* accepted as written (macros, rules functions) */
    FN_CONDITION, /* condition functions: judged by the conditions family */
} fn_kind;

/* A function cfn-lint knows: the rule its findings carry, its schema in
 * the spec data and the types its result can have. */
typedef struct fn_info {
    const char *name, *rule, *schema;
    unsigned yields;
    fn_kind kind;
} fn_info;

extern const fn_info fn_table[];
extern const size_t fn_table_len;

/* A set of functions allowed somewhere: one bit per fn_table entry. */
typedef uint32_t fn_set;
#define FN_BIT(i) ((fn_set)1 << (i))

#define fn_pseudo_parameters cf_pseudo_parameters
#define FN_NPSEUDO CF_NPSEUDO

/* {"type": ["string"]} and its list of types: what an output value and an
 * export name must be, and what Fn::Equals compares. */
extern const cf_node fn_string_schema;
extern cf_node fn_string_list;

/* The names functions refer to, indexed once per lint. */
typedef struct fn_names {
    const char **params, **resources, **serverless;
    size_t nparams, nresources, nserverless;
    /* the lists the messages show, made when first needed */
    char *refs[4]; /* [no resources][no NotificationARNs] */
    char *resource_list, *condition_list, *mapping_list;
} fn_names;

typedef struct fn_walk {
    cf_lint_ctx *ctx;
    const cf_template *t;
    fn_names names;
    const cf_node *root; /* the schema document $refs resolve in */
    const char *force;   /* E6101 in an output value: every finding but the explicit ones */
    const char *fixed;   /* E1030/E1031: every finding inside Fn::Length/Fn::ToJsonString */
    const char *also;    /* E3024 in a resource's Tags: every finding is made again under it */
    const cf_node *tags; /* the Tags value of the resource walked, when its tags are judged */
    bool resolving;      /* looking a Fn::FindInMap's keys up in the Mappings */
    bool no_resources;   /* export names and conditions cannot name resources */
    bool no_arns;        /* Fn::ToJsonString has no AWS::NotificationARNs */
    bool under_ref;      /* strings here are names, not pseudo parameters written out */
    bool lang_ext;       /* Transform: AWS::LanguageExtensions */
    size_t errors;       /* findings so far: a function stops after a bad shape */
    const cf_node *if_args; /* a Fn::If's argument: its branches are judged where it stands */
    cf_scenario scenario;  /* the conditions in force: the resource's or output's, and Fn::If branches */
    int depth;
    char *region_list;   /* GetAZs: ['', 'af-south-1', ...] */
    strmap atts;         /* schema -> a type's attributes (fn_refs.c) */
    strmap key_indexes;  /* mapping -> its keys by text (fn_refs.c) */
} fn_walk;

/* Where cfn-lint's schema walk goes in a resource's properties. */
typedef struct fn_guide {
    const cf_node *root;   /* the resource schema ($refs resolve in it) */
    const cf_node *schema; /* the schema here; NULL: no guidance */
} fn_guide;

/* What a guide's schema says about the keys of a mapping: read once for
 * all of its keys (fn_guide_keys), then asked key by key (fn_guide_key). */
typedef struct fn_key_guide {
    const cf_node *root;
    const cf_node *schema;           /* after its $refs; NULL: no guidance */
    const cf_node *props, *patterns; /* its properties and patternProperties */
    bool closed;                     /* additionalProperties: false */
} fn_key_guide;

/* ---- functions.c: findings, names, guides */

/* A finding of the function being judged (rule: the id it carries here). */
void fn_fail(fn_walk *w, const char *rule, const cf_node *about, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A finding a rule of its own makes (W1020, E1030), placed at `at`. */
void fn_explicit_at(fn_walk *w, const char *id, const cf_node *at, const cf_node *about, const char *msg);
bool fn_has_string_type(const cf_node *n);
const char *fn_ref_list(fn_names *nm, bool no_resources, bool no_arns);
const char *fn_list_of(char **slot, const char *const *v, size_t n);
const char *fn_section_list(char **slot, const cf_section *s);
fn_key_guide fn_guide_keys(const fn_guide *g);
bool fn_guide_key(const fn_key_guide *kg, const cf_node *key, fn_guide *out);
fn_guide fn_guide_item(const fn_guide *g);
fn_guide fn_resource_guide(const fn_walk *w, const char *type);
bool fn_properties_judged(const fn_walk *w, const char *type);

/* ---- fn_shape.c: the functions and their arguments */

int fn_index(const char *name);
fn_set fn_all(void);
fn_set fn_set_of(const char *const *names, size_t n);
/* The function a value is when `allowed` has it (a one-key mapping), or -1. */
int fn_function_in(const cf_node *n, fn_set allowed);
bool fn_is_foreach_key(const cf_node *k);
bool fn_is_pseudo(const char *s);
bool fn_is_str(const cf_node *n);
unsigned fn_types_of(const cf_node *type, cf_buf *words);
const cf_node *fn_type_of_schema(const fn_walk *w, const cf_node *s);
void fn_scalar_text(cf_buf *b, const cf_node *n);
void fn_check_value(fn_walk *w, const cf_node *inst, const cf_node *schema, fn_set here, const char *rule);
void fn_check_function(fn_walk *w, const cf_node *inst, int fi, const cf_node *s, fn_set here, const char *rule);

/* ---- fn_refs.c: what functions name */

bool fn_is_ref_target(const fn_walk *w, const cf_node *n);
bool fn_is_condition(const fn_walk *w, const cf_node *n);
bool fn_region_known(const fn_walk *w, const char *s);
bool fn_in_list(const char *s, const char *const *list, size_t n);
const char *fn_schema_type(const char *type);
/* The resource a SAM type becomes under its own logical id (a Function an
 * AWS::Lambda::Function, ...), or NULL for a type not listed. */
const char *fn_sam_main_type(const char *sam_type);
void fn_check_ref(fn_walk *w, const cf_node *inst, const cf_node *arg, const cf_node *s, const char *rule);

/* ---- fn_secrets.c: Refs that handle secrets (W1011, W2010) */

void fn_check_secret_ref(fn_walk *w, const cf_node *inst, const char *name);
void fn_check_secret_sub(fn_walk *w, const cf_node *arg, const char *name);
void fn_check_getatt(fn_walk *w, const cf_node *inst, const cf_node *arg, const cf_node *s, const char *rule);
/* A name a Ref can take (a parameter, a resource, a pseudo parameter), and
 * a resource's attribute as the first region's schema knows it. */
bool fn_ref_known(const fn_walk *w, const char *name);
bool fn_getatt_known(fn_walk *w, const char *res, const char *att);

/* ---- fn_sub_needed.c: ${Name} outside an Fn::Sub (E1029) */

void fn_check_sub_needed(fn_walk *w);
void fn_check_sub(fn_walk *w, const cf_node *arg, const char *rule);
void fn_check_findinmap(fn_walk *w, const cf_node *arg, const char *rule);
void fn_atts_free(strmap *atts);
void fn_key_indexes_free(strmap *indexes);

/* ---- fn_strings.c: the template's strings */

bool fn_dynref_find(const char *s, size_t len, size_t *b, size_t *e);
bool fn_dynref_spaced(const char *s, size_t len);
size_t fn_skip_spaces(const char *s, size_t i, size_t len);
void fn_walk_template_strings(fn_walk *w);

#endif
