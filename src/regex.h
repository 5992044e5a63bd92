/* Schema patterns through PCRE2, compiled once per pattern and kept for
 * the process (the same few hundred patterns recur across templates). */
#ifndef CFNFIX_REGEX_H
#define CFNFIX_REGEX_H

#include <stddef.h>

/* A match stopped by a limit on its cost (a pattern that backtracks
 * exponentially on this subject): neither a match nor a mismatch, so no
 * finding may rest on it. */
#define CF_REGEX_UNDECIDED (-2)

/* 1 when the pattern matches somewhere in the subject (as Python's
 * re.search), 0 when it does not, -1 when the pattern does not compile,
 * CF_REGEX_UNDECIDED when the match was stopped (see above).  Safe to call
 * from several threads at once. */
int cf_regex_search(const char *pattern, const char *subject, size_t len);

/* The first match at or after byte `start`: 1 with groups[2i], groups[2i+1]
 * the start and end of group i (group 0: the whole match; (size_t)-1 for
 * a group that took no part) for i < ngroups; 0 when none, -1 when the
 * pattern does not compile, CF_REGEX_UNDECIDED when stopped. */
int cf_regex_find(const char *pattern, const char *subject, size_t len, size_t start, size_t *groups,
                  size_t ngroups);

/* Free every compiled pattern (at exit, so leak checkers see a clean heap;
 * later searches compile again). */
void cf_regex_release(void);

#endif
