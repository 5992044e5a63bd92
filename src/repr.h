/* Values written the way cfn-lint's messages show them: Python's repr() of
 * what PyYAML builds ('text', 14.1, True, None, ['a'], {'Ref': 'X'}).  Users
 * moving between the two tools read the same words. */
#ifndef CFNFIX_REPR_H
#define CFNFIX_REPR_H

#include "doc.h"
#include "util.h"

#include <stdbool.h>

/* Append repr(node); long values are cut with "..." past about max bytes. */
void cf_repr(cf_buf *b, const cf_node *n);
void cf_repr_max(cf_buf *b, const cf_node *n, size_t max);
/* repr() of a Python str. */
void cf_repr_str(cf_buf *b, const char *s, size_t n);
/* The repr in a fresh string (caller frees). */
char *cf_repr_dup(const cf_node *n);
/* Python's str() of a value, never cut: a string's own text, repr() of
 * anything else (True, 14.1, {'Ref': 'X'}).  Caller frees. */
char *cf_py_str(const cf_node *n);
/* Python's repr() of a float, shortest round-trip form ("14.1", "1e+16"). */
void cf_repr_double(cf_buf *b, double v);
/* A numeric scalar's value (ints, floats, YAML 1.1 forms); false otherwise. */
bool cf_scalar_double(const cf_node *n, double *out);

#endif
