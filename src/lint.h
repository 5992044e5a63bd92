/* Linting one loaded document: run every check, then keep what the
 * configuration asks for, in cfn-lint's order. */
#ifndef CFNFIX_LINT_H
#define CFNFIX_LINT_H

#include "cond_model.h"
#include "diag.h"
#include "doc.h"
#include "spec.h"
#include "template.h"

#include <stdatomic.h>

typedef struct cf_lint_opts {
    cf_spec *spec;        /* what AWS accepts (opened by the caller) */
    char **regions;       /* regions to check against, at least one */
    size_t nregions;
    char **ignore_checks; /* id prefixes to drop ("W", "E3012") */
    size_t nignore;
    char **include_checks; /* id prefixes to add (informational rules are off by default) */
    size_t ninclude;
    char today[11];        /* YYYY-MM-DD: lifecycle dates are judged against it */
    /* The lists above came from the command line: a template's Metadata
     * cfn-lint config then does not replace them (it does replace lists
     * from a configuration file; see suppress.h). */
    bool ignore_from_cli, include_from_cli;
    /* Values given for the template's parameters (--parameters,
     * --parameter-files, --deployment-files; param_files.h): a Ref to a
     * parameter resolves to them.  NULL: none given. */
    const struct cf_param_sets *param_sets;
    /* The last deployment's failures (--stack-events; stack_events.h):
     * placed on their resources by rules/deploy_failures.c.  NULL: none. */
    const struct cf_stack_events *stack_events;
    /* For a lint another thread may give up on (the terminal UI checks
     * edited text in the background): when not NULL, cf_lint looks at
     * *cancel between rule families (and a family with a long loop may look
     * between items, see cf_lint_cancelled) and, once it is set, stops
     * there; what it found is then partial and the caller throws it away.
     * NULL everywhere else. */
    const atomic_bool *cancel;
} cf_lint_opts;

/* What each check sees. */
typedef struct cf_lint_ctx {
    const cf_doc *doc;
    const cf_lint_opts *opts;
    cf_diags *out;
    cf_template *tpl;
    cf_spec *spec;
    cf_conds *conds;      /* the template's conditions, for every rule */
    cf_conds *validator_conds; /* made by cf_lint_validator_conds */
    /* validate.c's: which of a parameter's AllowedValues each destination
     * accepts, judged once (made with the lint: copies of the context share it) */
    struct cf_values_memo *values_memo;
} cf_lint_ctx;

/* The conditions as cfn-lint's validator knows them (cf_conds_new_context):
 * what W1028 and get_value_from_path-style walks decide reachability with.
 * Made when first asked for, freed with the lint. */
cf_conds *cf_lint_validator_conds(cf_lint_ctx *ctx);

/* Whether the lint is being given up (cf_lint_opts.cancel). */
static inline bool cf_lint_cancelled(const cf_lint_ctx *ctx)
{
    return ctx->opts && ctx->opts->cancel && atomic_load(ctx->opts->cancel);
}


/* Lint doc into out (cleared first).  A document that failed to load gets
 * its E0000 and nothing else. */
void cf_lint(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *out);
/* Whether the options keep findings of this rule. */
bool cf_rule_enabled(const cf_lint_opts *opts, const char *id);
/* Which rules were on for doc (its Metadata config applied): on[i] for the
 * i-th rule of cf_rules_all(); all false for a document that failed to
 * load, which no rule runs on. */
void cf_lint_rules_on(const cf_doc *doc, const cf_lint_opts *opts, bool *on);

/* A SAM template whose transform fails: its E0001 findings are made and
 * true returned (nothing else is judged then).  rules/sam.c. */
bool cf_sam_transform_fails(cf_lint_ctx *ctx);

/* The schemas of a resource type in the regions linted, each once (regions
 * often share one): up to max of them into out; returns how many. */
size_t cf_lint_type_schemas(cf_lint_ctx *ctx, const char *type, const cf_node **out, size_t max);

/* Whether a resource of this schema has its Tags judged by CloudFormation's
 * tagging rules (E3024): its type is taggable and the data has the rules. */
bool cf_tags_judged(cf_lint_ctx *ctx, const cf_node *schema);

/* The default regions: $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1. */
const char *cf_default_region(void);
/* Set opts->today from a YYYY-MM-DD argument, or from the clock when NULL;
 * -1 when the argument is not a valid date. */
int cf_lint_set_today(cf_lint_opts *opts, const char *date);

#endif
