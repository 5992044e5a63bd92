/* The template's names and where they are used: a cross-reference index
 * built once per load (and again after each accepted fix), so that "go to
 * the definition of what is under the cursor" and "list every use of this
 * resource" never walk the template per key.
 *
 * Symbols are what a template defines (parameters, resources, conditions,
 * mappings, output export names) and the pseudo parameters it uses.  A use
 * is one place that names a symbol: Ref, Fn::GetAtt (both forms), ${Name}
 * and ${Name.Attr} of Fn::Sub, DependsOn, a resource's or output's
 * Condition, Fn::If's and {"Condition": X}'s condition name,
 * Fn::FindInMap's map name, and an Fn::ImportValue of an export this
 * template makes.  Each use has the byte span of the name as written, so
 * a cursor position maps to at most one use. */
#ifndef CFNFIX_XREF_H
#define CFNFIX_XREF_H

#include "template.h"

#include <stddef.h>
#include <stdint.h>

typedef enum cf_sym_kind {
    CF_SYM_PARAMETER,
    CF_SYM_RESOURCE,
    CF_SYM_CONDITION,
    CF_SYM_MAPPING,
    CF_SYM_EXPORT, /* an output's Export Name, when a plain string */
    CF_SYM_PSEUDO, /* AWS::Region and the others: defined by CloudFormation */
    CF_SYM_KINDS
} cf_sym_kind;

typedef enum cf_use_kind {
    CF_USE_REF,
    CF_USE_GETATT,
    CF_USE_SUB,
    CF_USE_DEPENDS_ON,
    CF_USE_CONDITION,    /* a resource's or output's Condition attribute */
    CF_USE_IF,           /* Fn::If's first argument */
    CF_USE_CONDITION_FN, /* {"Condition": X} inside Conditions */
    CF_USE_FIND_IN_MAP,
    CF_USE_IMPORT_VALUE,
} cf_use_kind;

typedef struct cf_symbol {
    cf_sym_kind kind;
    const char *name; /* NUL-terminated; the template's or a static pseudo name */
    const cf_node *key;   /* its definition's key (NULL: pseudo parameter) */
    const cf_node *value; /* what the key holds; an export: the Name's value */
    size_t *uses;         /* indexes into cf_xref.uses, in document order */
    size_t nuses;
} cf_symbol;

typedef struct cf_use {
    cf_use_kind kind;
    size_t symbol;        /* index into cf_xref.syms */
    uint32_t start, end;  /* byte span of the name as written */
    const cf_node *node;  /* the scalar that names it */
    long owner;           /* the resource (index into cf_template.res) it is in, or -1 */
    const cf_node *within;  /* the key of the entry it is in: a resource, condition,
                               output (NULL: elsewhere, as Metadata or Rules) */
    const char *within_kind; /* "resource", "condition", "output" or NULL */
} cf_use;

typedef struct cf_xref {
    cf_symbol *syms;
    size_t nsyms;
    cf_use *uses; /* in document order (by start) */
    size_t nuses;
    strmap by_name[CF_SYM_KINDS]; /* name -> 1 + symbol index */
} cf_xref;

void cf_xref_build(cf_xref *x, const cf_template *t);
void cf_xref_free(cf_xref *x);

const char *cf_sym_kind_name(cf_sym_kind k);  /* "parameter", "resource", ... */
const char *cf_use_kind_name(cf_use_kind k);  /* "Ref", "Fn::GetAtt", ... */

/* The symbol of a kind by name; -1 when there is none. */
long cf_xref_find(const cf_xref *x, cf_sym_kind kind, const char *name, size_t len);

/* What is at byte offset `at`: the symbol whose use or definition key
 * covers it (-1: nothing); *use is the use (NULL on a definition). */
long cf_xref_at(const cf_xref *x, uint32_t at, const cf_use **use);

/* The symbol of a kind whose definition (from its key to the end of its
 * value) holds byte `at`: the resource a cursor is inside of; -1: none. */
long cf_xref_defined_in(const cf_xref *x, cf_sym_kind kind, uint32_t at);

#endif
