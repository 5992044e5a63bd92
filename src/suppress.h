/* Which findings the configuration keeps for one template, as cfn-lint
 * decides it:
 *   - the id prefixes of the options (ignore_checks, include_checks), the
 *     longer matching prefix winning;
 *   - a template's `Metadata: cfn-lint: config:` ignore_checks and
 *     include_checks replace the options' lists, unless those came from the
 *     command line (command line > template > configuration file; its
 *     regions are the front end's business, see cmd_lint.c);
 *   - `Resources.NAME.Metadata.cfn-lint.config.ignore_checks` drops
 *     findings whose path lies inside that resource.  cfn-lint compares
 *     whole ids there; cfnfix takes prefixes, as everywhere else. */
#ifndef CFNFIX_SUPPRESS_H
#define CFNFIX_SUPPRESS_H

#include "diag.h"
#include "doc.h"

#include <stdbool.h>

struct cf_lint_opts;

/* A resource's own ignore_checks. */
typedef struct cf_resource_ignores {
    const char *resource;
    const char **ids;
    size_t nids;
} cf_resource_ignores;

typedef struct cf_suppress {
    /* the lists in force for the template (strings owned by the options or
     * the document) */
    const char *const *ignore;
    size_t nignore;
    const char *const *include;
    size_t ninclude;
    const char **own_ignore, **own_include; /* taken from the template */
    cf_resource_ignores *resources;
    size_t nresources;
} cf_suppress;

/* Read doc's Metadata config over opts (NULL: no options).  The document
 * must outlive s. */
void cf_suppress_init(cf_suppress *s, const cf_doc *doc, const struct cf_lint_opts *opts);
void cf_suppress_free(cf_suppress *s);
/* Whether the rule is on for this template. */
bool cf_suppress_rule_on(const cf_suppress *s, const char *id);
/* Whether the finding is kept: its rule is on and no resource it lies in
 * ignores it. */
bool cf_suppress_keeps(const cf_suppress *s, const cf_diag *d);

/* node.Metadata.cfn-lint.config when every step is a mapping, else NULL
 * (pass a document's root for the template's, a resource for its own). */
const cf_node *cf_lint_metadata_config(const cf_node *node);

/* The prefix decision itself: informational rules are off unless included;
 * a rule is off when an ignore prefix matches at least as long as any
 * include prefix that matches. */
bool cf_ids_enabled(const char *const *ignore, size_t nignore, const char *const *include, size_t ninclude,
                    const char *id);

#endif
