/* cfn-lint's configuration file, .cfnlintrc (or .cfnlintrc.yaml,
 * .cfnlintrc.yml): a YAML mapping of cfn-lint's option names.  cfnfix
 * uses ignore_checks, include_checks and regions; it accepts the other keys
 * cfn-lint knows (templates, append_rules, ...) after checking their type,
 * so one file serves both tools, and refuses keys cfn-lint would refuse. */
#ifndef CFNFIX_LINTRC_H
#define CFNFIX_LINTRC_H

#include "doc.h"

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

#endif
