/* Diagnostics: what a check found, where, under which rule.  A diagnostic
 * points at a byte range of the original template and carries cfn-lint's
 * path to the node, so every front end can place and explain it. */
#ifndef CFNFIX_DIAG_H
#define CFNFIX_DIAG_H

#include "doc.h"
#include "fix.h"
#include "rules.h"

#include <stdbool.h>

typedef struct cf_diag {
    const cf_rule *rule;
    char *message;
    uint32_t start, end;   /* byte range in the template */
    cf_pos pos, end_pos;   /* 1-based line and column of start and end */
    bool has_path;         /* false: cfn-lint's "Path": null (parse errors) */
    cf_pathc *path;        /* keys point into the document: valid while it lives */
    uint32_t path_len;
    const cf_node *node;   /* the node the finding is about, if any */
    const cf_node *detail; /* what the check knew, for the fixes: an enum's
                              values, a schema's properties (may be NULL) */
    uint32_t seq;          /* the order findings were made in */
    cf_fix *fixes;         /* alternatives, best first (fixes.c fills them in) */
    size_t nfixes;
} cf_diag;

typedef struct cf_diags {
    cf_diag *v;
    size_t n, cap;
} cf_diags;

/* A finding about node `at`, located at `at`'s span (pass the key node to
 * place it on a mapping key, as cfn-lint does for most property findings). */
cf_diag *cf_diag_at(cf_diags *ds, const cf_doc *doc, const char *rule_id, const cf_node *at,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The finding is about `about` though placed elsewhere (where cfn-lint
 * places it): its path and node become about's. */
void cf_diag_about(cf_diag *d, const cf_node *about);
/* cfn-lint's path goes on past the node, to a key that is not there
 * (key must outlive d: a literal or a document string). */
void cf_diag_path_add(cf_diag *d, const char *key);
/* A finding at a byte range with no node (parse errors: Path null). */
cf_diag *cf_diag_span(cf_diags *ds, const cf_doc *doc, const char *rule_id, uint32_t start,
                      uint32_t end, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* cfn-lint's order: by line, then rule id (then, where cfn-lint keeps the
 * order it met them in, by column and message). */
void cf_diags_sort(cf_diags *ds);
/* Drop exact repeats (same rule, range and message) after sorting. */
void cf_diags_dedup(cf_diags *ds);
void cf_diags_clear(cf_diags *ds);
void cf_diags_free(cf_diags *ds);

/* Give d an alternative (moved in; *f is emptied). */
void cf_diag_add_fix(cf_diag *d, cf_fix *f);

/* The node a property finding is placed on: the key of a mapping value
 * (cfn-lint's convention), else the node itself. */
const cf_node *cf_loc_key(const cf_node *value);

#endif
