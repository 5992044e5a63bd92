/* Values given for a template's parameters, as cfn-lint takes them:
 *
 *   --parameters KEY=VALUE ...   one set per use of the option (values are
 *                                strings);
 *   --parameter-files FILE ...   CloudFormation's parameter files (a JSON or
 *                                YAML list of {ParameterKey, ParameterValue}),
 *                                one set each (E0200 when a file is not one);
 *   --deployment-files FILE ...  git-sync deployment files (template-file-
 *                                path, parameters, tags), one set each, the
 *                                template named in the file (E0100 when a
 *                                file is not one).
 *
 * A Ref to a parameter then resolves to the values given (validate.c), and
 * each set is checked against the template's Parameters (E2900). */
#ifndef CFNFIX_PARAM_FILES_H
#define CFNFIX_PARAM_FILES_H

#include "diag.h"
#include "doc.h"
#include "lint.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cf_param_set {
    char *source;          /* the file the values come from; NULL: --parameters */
    cf_doc *doc;           /* where they are written (for --parameters, made up: no places) */
    const cf_node **keys;  /* each parameter's name as written there */
    const cf_node **values;
    size_t n;
    bool placed;           /* the names have places in doc (not --parameters) */
    bool owns_doc;         /* doc is freed with the set */
} cf_param_set;

typedef struct cf_param_sets {
    cf_param_set *v;
    size_t n;
} cf_param_sets;

/* The value a set gives parameter name, or NULL. */
const cf_node *cf_param_set_get(const cf_param_set *s, const char *name);

/* One --parameters use: "KEY=VALUE" strings (split at the first '='; both
 * sides trimmed).  -1 when one has no '='. */
int cf_param_set_from_args(cf_param_set *s, char *const *args, size_t n);

/* Load a parameter file into s.  When it cannot be used, returns -1 with
 * the findings to report about it (E0000 for a file that does not parse,
 * E0200 for one that is not a parameter file) in ds, placed in *doc (the
 * caller frees *doc then; NULL when the file cannot be read at all, err
 * then says why).  On success *doc is s->doc. */
int cf_param_file_load(const char *path, cf_param_set *s, cf_doc **doc, cf_diags *ds, cf_read_error *err);

/* Load a deployment file: as cf_param_file_load (E0100), and *template
 * gets the template it names (to free), relative to the current folder
 * where it is inside it. */
int cf_deployment_file_load(const char *path, cf_param_set *s, char **template, cf_doc **doc, cf_diags *ds,
                            cf_read_error *err);

/* The sets a template's Metadata cfn-lint config gives (parameters: a
 * list of mappings), as cfn-lint takes them when the command line gives
 * none; false when it gives none.  The sets borrow doc's nodes. */
bool cf_param_sets_from_metadata(const cf_doc *doc, cf_param_sets *out);

/* The sets a cfn-lint configuration file (.cfnlintrc) gives, as cfn-lint
 * takes them when neither the command line nor the template gives any
 * (their places are in that file, though reported under the template's
 * name, as cfn-lint does); false when it gives none. */
bool cf_param_sets_from_config_file(const char *path, cf_param_sets *out);

void cf_param_set_free(cf_param_set *s);
void cf_param_sets_free(cf_param_sets *sets);

/* E2900: each set against the template's Parameters (a required parameter
 * missing, one the template does not have, a value not of the parameter's
 * type or not one of its AllowedValues).  Findings about a set from a file
 * go to out_by_set[i] (that file's findings); those about --parameters to
 * tpl_out (the template's). */
void cf_param_sets_check(const cf_doc *tdoc, const cf_param_sets *sets, cf_diags *tpl_out, cf_diags *out_by_set);

#endif
