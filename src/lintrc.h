/* cfn-lint's configuration file, .cfnlintrc (or .cfnlintrc.yaml,
 * .cfnlintrc.yml): a YAML mapping of cfn-lint's option names.  cfnfix
 * uses ignore_checks, include_checks and regions; it accepts the other keys
 * cfn-lint knows (templates, append_rules, ...) after checking their type,
 * so one file serves both tools, and refuses keys cfn-lint would refuse. */
#ifndef CFNFIX_LINTRC_H
#define CFNFIX_LINTRC_H

#include "doc.h"
#include "lint.h"

#include <stddef.h>

typedef struct cf_lintrc {
    char *path; /* the file it was read from, as found */
    char **ignore_checks;
    size_t nignore;
    char **include_checks;
    size_t ninclude;
    char **regions;
    size_t nregions;
    cf_pos *region_pos; /* where each region is written, for errors */
} cf_lintrc;

/* The configuration file in folder dir ("" or "." for the current one):
 * the first of .cfnlintrc, .cfnlintrc.yaml, .cfnlintrc.yml that is a
 * regular file, as a path to free; NULL when there is none. */
char *cf_lintrc_find(const char *dir);

/* Read and check path into rc.  On error returns -1 with the reason in err,
 * starting "PATH:LINE:COL: " where there is a place to point at. */
int cf_lintrc_load(const char *path, cf_lintrc *rc, char *err, size_t errsize);
void cf_lintrc_free(cf_lintrc *rc);

/* Which configuration file applies to each template, as every front end
 * (lint, fix, the terminal UI) finds it: the one named by --config-file or
 * found in the current folder serves every template; without one, each
 * template's folder is searched once.  Every folder's answer is kept until
 * cf_lintrc_lookup_free, because options made from it borrow its lists. */
typedef struct cf_lintrc_folder {
    char *dir;    /* the folder it was looked up in (NULL: the fixed one) */
    cf_lintrc rc; /* the file in force (rc.path NULL: none) */
    char *error;  /* why that file cannot be used */
} cf_lintrc_folder;

typedef struct cf_lintrc_lookup {
    bool fixed; /* --config-file, or one in the current folder */
    cf_lintrc_folder *v; /* v[0] is the fixed one when fixed */
    size_t n, cap;
} cf_lintrc_lookup;

/* Start a lookup: config_file (NULL: none named) or the current folder's
 * file applies to every template.  -1 with the reason in err when that
 * file is broken (nothing should be linted then). */
int cf_lintrc_lookup_init(cf_lintrc_lookup *l, const char *config_file, char *err, size_t errsize);
/* The configuration for template ("-": standard input, the current
 * folder), NULL when none applies; sets *error (else NULL) when the
 * applicable file is broken.  Both stay valid until cf_lintrc_lookup_free.
 * Not thread-safe: callers with threads lock around it. */
const cf_lintrc *cf_lintrc_lookup_for(cf_lintrc_lookup *l, const char *template, const char **error);
/* The file that serves every template, NULL when each folder has its own. */
const cf_lintrc *cf_lintrc_lookup_fixed(const cf_lintrc_lookup *l);
void cf_lintrc_lookup_free(cf_lintrc_lookup *l);

/* The options in force for one template, cfn-lint's precedence: the
 * command line's lists where it gave them, else the configuration file's
 * (rc, may be NULL); regions from the command line, else the template's
 * own Metadata (cfn-lint: config: regions), else the configuration file's,
 * else cf_default_region().  The template's Metadata ignore_checks and
 * include_checks are applied by cf_lint itself, which is why
 * ignore_from_cli and include_from_cli are set here.  doc may be NULL (not
 * loaded, or its Metadata not wanted).  Region names from the file and the
 * Metadata are checked against cli->spec: -1 with
 * "PATH:LINE:COL: unknown region ..." in err (label names the template).
 * The options borrow from cli, rc and doc; free with cf_lint_setup_free. */
typedef struct cf_lint_setup {
    cf_lint_opts opts;
    char **scratch; /* a list made for opts.regions (its strings borrowed) */
} cf_lint_setup;

int cf_lint_setup_for(cf_lint_setup *out, const cf_lint_opts *cli, const cf_lintrc *rc, const cf_doc *doc,
                      const char *label, char *err, size_t errsize);
void cf_lint_setup_free(cf_lint_setup *s);

#endif
