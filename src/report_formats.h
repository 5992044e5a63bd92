/* The formats that describe a whole run at once (SARIF, JUnit XML): the
 * findings of every file are collected as the files are linted and written
 * out together at the end.  Internal to the report module. */
#ifndef CFNFIX_REPORT_FORMATS_H
#define CFNFIX_REPORT_FORMATS_H

#include "diag.h"

#include <stdbool.h>
#include <stdio.h>

/* A finding that outlives its document: names and messages are copies. */
typedef struct cf_finding {
    const cf_rule *rule;
    char *file;
    char *message;
    cf_pos pos, end_pos;
    cf_fix *fixes; /* copies (SARIF only) */
    size_t nfixes;
} cf_finding;

/* Position of a rule in cf_rules_all(), for per-rule tables. */
size_t cf_report_rule_index(const cf_rule *rule);

/* SARIF 2.1.0, as GitHub code scanning reads it. */
void cf_write_sarif(FILE *out, const cf_finding *v, size_t n);
/* cfn-lint's JUnit XML: one test case per rule; ran[i] tells whether the
 * i-th rule of cf_rules_all() was on for at least one template. */
void cf_write_junit(FILE *out, const cf_finding *v, size_t n, const bool *ran);

#endif
