/* JSON-Schema validation of template values, the way CloudFormation reads
 * them.  Every keyword the resource schemas use is judged and reported
 * under cfn-lint's rule id for it (type E3012, enum E3030, pattern E3031,
 * ...).  Values that are intrinsic functions are judged by what they can
 * produce: an Fn::If by each of its branches, a Ref to a parameter by the
 * parameter's type and its Default and AllowedValues, a Fn::GetAtt by the
 * attribute's type, a Fn::Join or Fn::Sub as a string, a Fn::Split as a
 * list.
 *
 * Conditions are followed as CloudFormation evaluates them (cond_model.h):
 * a value is judged under the scenario in force where it sits — its
 * resource's Condition and the Fn::If branches around it — so a branch
 * sees its own condition's value, nested Fn::Ifs on the same condition
 * agree, and a Ref to a parameter resolves only to the values the scenario
 * leaves possible.  The keywords that judge an object or list as a whole
 * (required, requiredXor, dependencies, minItems, if/then/else...) judge
 * it once per scenario of the conditions its entries use, with each Fn::If
 * resolved to its branch and AWS::NoValue dropped. */
#ifndef CFNFIX_VALIDATE_H
#define CFNFIX_VALIDATE_H

#include "cond_model.h"
#include "diag.h"
#include "lint.h"

typedef struct cf_validator {
    cf_lint_ctx *ctx;
    const cf_node *root;     /* the schema document ($ref targets live here) */
    const cf_node *resource_schema; /* the resource's own schema, for Fn::GetAtt types */
    const char *rule;        /* when set, every finding uses this rule id (E3024) */
    cf_diags *sink;          /* where findings go: ctx->out, or a trial list */
    int depth;
    /* Other schema documents a "$ref": "policy#/definitions/X" names by
     * their $id (NULL: only local references resolve). */
    const cf_node *(*document)(cf_lint_ctx *ctx, const char *id);
    /* What a `false` schema says when a value meets it: NULL for "False
     * schema does not allow X"; FALSE_AS_UNEXPECTED names the property. */
    const char *false_message;
    /* When set, may word a finding its own way (rules whose wording is
     * their own): gets the rule id the keyword reports under by itself
     * (E3003 required, E3012 false, E3034 minimum...), the node the finding
     * is placed on and the message; returns a new message (freed by the
     * validator) or NULL to keep it.  reword_arg is for its use. */
    char *(*reword)(const struct cf_validator *v, const char *keyword_rule, const cf_node *at, const char *msg);
    void *reword_arg;
    int in_condition;        /* inside an "if": values that are functions are unknown */
    bool unknown;            /* an "if" met such a value */
    bool if_branches_known;  /* with in_condition: an Fn::If's branches are judged, only
                                other functions are unknown (anyOf/oneOf) */
    bool undecided;          /* an "if" could not be decided (a value known only at
                                deploy time): an allOf around it says nothing */
    cf_scenario scenario;    /* the conditions taken as given where the walk is */
    const cf_scenario *given; /* the caller's: added to the conditions in force
                                 where the walk starts (a branch it chose) */
    bool type_nulls;         /* a null gets type findings (resource properties: it is dropped) */
    bool core_wording;       /* lengths worded as cfn-lint's own schema rules word them
                                ("expected minimum length: 6, found: 4"), not as its
                                property rule E3033 does ("'x' is shorter than 6") */
    bool groups_done;        /* the next value is an Fn::If's branch whose group
                                keywords were judged at the Fn::If */
    bool no_functions;       /* values that are functions are not judged at all (rules
                                cfn-lint runs with no functions to resolve: E3025) */
    bool own_schema;          /* the schema is the caller's, not the spec's (it does not
                                 live as long as the spec): its compiled form is not kept */
    const cf_node *path_base; /* a value a transform moves (SAM): findings name */
    const char *path_text;    /* ... it by this path in the transformed template */
} cf_validator;

#define FALSE_AS_UNEXPECTED "\x01unexpected"

void cf_validator_init(cf_validator *v, cf_lint_ctx *ctx, const cf_node *root);
/* Judge inst against schema (a node of v->root's document). */
void cf_validate(cf_validator *v, const cf_node *schema, const cf_node *inst);
/* Two values equal as JSON Schema's const and enum take them in cfn-lint
 * (true equals "true", 1 equals 1.0, collections item by item). */
bool cf_values_equal(const cf_node *a, const cf_node *b);
/* Which of a parameter's AllowedValues each schema a Ref to it meets
 * accepts: a template may Ref a parameter of thousands of values
 * thousands of times (one per lint, in cf_lint_ctx). */
struct cf_values_memo *cf_values_memo_new(void);
void cf_values_memo_free(struct cf_values_memo *m);
/* The schema a "$ref" names ("#/definitions/X"), or NULL. */
const cf_node *cf_schema_ref(const cf_node *root, const char *ref);
/* The schema of a resource attribute ("Endpoint.Address"), or NULL. */
const cf_node *cf_schema_attribute(const cf_node *root, const char *attr);

#endif
