/* A review of one template, saved instead of writing the template (a
 * reviewer over SSH who must not write it): the accepted changes as a
 * unified diff, and the decisions on each finding, in three files made
 * from one name BASE (a trailing ".json" of the name given is dropped):
 *
 *   BASE.json  the review: format and version, the template's name, the
 *              original's length and MD5, the result (its length, MD5 and
 *              text), the diff, the decisions
 *   BASE.diff  the accepted changes, a/NAME -> b/NAME: `git apply` takes it
 *   BASE.md    a short summary for people: counts, decisions, the diff
 *
 * `cfnfix fix --apply-review BASE.json TEMPLATE` writes the recorded
 * result later, only while TEMPLATE still holds the original's bytes. */
#ifndef CFNFIX_REVIEW_H
#define CFNFIX_REVIEW_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

#define CF_REVIEW_FORMAT "cfnfix-review"
#define CF_REVIEW_VERSION 1

typedef enum cf_review_decision {
    CF_REVIEW_ACCEPTED, /* its fix is in the result */
    CF_REVIEW_REJECTED, /* dismissed, with a reason when one was given */
    CF_REVIEW_OPEN,     /* left as it is */
} cf_review_decision;

/* One finding and what the reviewer decided (strings borrowed; NULL: none). */
typedef struct cf_review_item {
    const char *rule;
    uint32_t line;
    const char *message;
    cf_review_decision decision;
    const char *fix;    /* accepted: the fix's title */
    const char *reason; /* rejected: why */
} cf_review_item;

typedef struct cf_review {
    const char *name;              /* the template as named (labels a/NAME, b/NAME) */
    const char *orig;              /* its bytes when the review began */
    size_t orig_len;
    const char *result;            /* the text with the accepted changes */
    size_t result_len;
    const cf_review_item *items;
    size_t nitems;
} cf_review;

const char *cf_review_decision_name(cf_review_decision d);
/* The MD5 of bytes as 32 lowercase hex digits (33 bytes with the NUL). */
void cf_review_md5_hex(const char *data, size_t len, char out[33]);
/* The diff labels for a name: git's a/NAME, b/NAME for a relative path,
 * the path itself for an absolute one (as `fix` prints). */
void cf_review_diff(const cf_review *r, cf_buf *out);
void cf_review_json(const cf_review *r, cf_buf *out);
void cf_review_markdown(const cf_review *r, cf_buf *out);
/* Write BASE.json, BASE.diff and BASE.md (each atomically); the names
 * written go to `written` (one per line) when not NULL.  0, or -1 with a
 * message naming the file in err. */
int cf_review_save(const cf_review *r, const char *file, cf_buf *written, char *err, size_t errsize);

/* A review read back: what --apply-review needs. */
typedef struct cf_review_loaded {
    char *name;
    size_t orig_len;
    char orig_md5[33];
    char *result;
    size_t result_len;
    size_t accepted, rejected, open;
} cf_review_loaded;

/* Read and check a review file: -1 with a message naming the file when it
 * cannot be read, is not a review of this format, or its result does not
 * match its recorded length and MD5. */
int cf_review_load(const char *file, cf_review_loaded *out, char *err, size_t errsize);
void cf_review_loaded_free(cf_review_loaded *r);

#endif
