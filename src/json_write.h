/* Writing a node tree as JSON (for `spec show` and stored overlays). */
#ifndef CFNFIX_JSON_WRITE_H
#define CFNFIX_JSON_WRITE_H

#include "doc.h"
#include "util.h"

/* indent 0: one line; otherwise that many spaces per level. */
void cf_json_write(cf_buf *b, const cf_node *n, int indent);
/* A JSON string literal, quotes included. */
void cf_json_string(cf_buf *b, const char *s, size_t n);

#endif
