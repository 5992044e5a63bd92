/* Why cfn-lint's regex library would refuse a pattern (rules I2003). */
#ifndef CFNFIX_REGEX_ERRORS_H
#define CFNFIX_REGEX_ERRORS_H

#include "util.h"

#include <stddef.h>

/* 1: the pattern does not compile, and why (as "unterminated character
 * set at position 3") is appended to *why; 0: it compiles as far as this
 * scan can tell; -1: it uses syntax the scan does not model (say nothing). */
int cf_regex_error(const char *pattern, size_t len, cf_buf *why);

#endif
