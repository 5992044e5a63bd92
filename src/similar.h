/* How alike two names are, as Python's difflib.SequenceMatcher measures
 * it: cfn-lint suggests "Did you mean 'X'?" for a known name whose ratio
 * to the unknown one is above 0.8. */
#ifndef CFNFIX_SIMILAR_H
#define CFNFIX_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>

/* SequenceMatcher(a=a, b=b).ratio() over the bytes of a and b. */
double cf_similar_ratio(const char *a, size_t na, const char *b, size_t nb);
/* ratio > 0.8: close enough for cfn-lint's "Did you mean". */
bool cf_similar(const char *a, const char *b);

#endif
