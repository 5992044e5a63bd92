/* Writing findings in the formats CI tools and editors read: cfn-lint's
 * text, parseable, json, junit and sarif, and GNU's file:line:col for
 * quickfix lists. */
#ifndef CFNFIX_REPORT_H
#define CFNFIX_REPORT_H

#include "diag.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum cf_format {
    CF_FMT_TEXT,
    CF_FMT_PARSEABLE,
    CF_FMT_JSON,
    CF_FMT_GNU,
    CF_FMT_SARIF,
    CF_FMT_JUNIT,
} cf_format;

/* Parse a -f argument; -1 when unknown. */
int cf_format_parse(const char *name);
const char *cf_format_names(void); /* "text, parseable, json, gnu, sarif, junit" */

typedef struct cf_report cf_report;
cf_report *cf_report_begin(cf_format fmt, FILE *out);
/* The findings of one file (name as given by the user). */
void cf_report_file(cf_report *r, const char *name, const cf_diags *ds);
/* JUnit lists every rule, skipped when it was off for every template: on[i]
 * tells whether the i-th rule of cf_rules_all() was on for one template. */
void cf_report_rules_on(cf_report *r, const bool *on);
void cf_report_end(cf_report *r);

/* For the formats written as they come (text, parseable, gnu, json): one
 * file's findings rendered into out, so that a worker thread can render
 * while the document lives and free it; cf_report_rendered writes them
 * in order.  False (nothing rendered) for sarif and junit, which collect:
 * use cf_report_file. */
bool cf_report_render(cf_format fmt, const char *name, const cf_diags *ds, cf_buf *out);
void cf_report_rendered(cf_report *r, const cf_buf *chunk, size_t count);

/* A JSON array of fixes as `lint -f json` writes each finding's "Fixes"
 * (and `fix -f json` too): title, applicability, and each edit's byte
 * offsets and line/column range with its replacement text.  indent: the
 * spaces before the line holding the key. */
void cf_report_fixes_json(cf_buf *b, const cf_fix *fixes, size_t n, int indent);
/* One fix of that array, as an object whose '{' is indented by indent;
 * extra (NULL: none): more members, each a line indented by indent + 4
 * and ending in ",\n", written before "Title" (keys stay sorted). */
void cf_report_fix_json(cf_buf *b, const cf_fix *f, int indent, const char *extra);
/* s as a JSON string, quoted. */
void cf_report_json_string(cf_buf *b, const char *s);

#endif
