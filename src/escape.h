/* Escaping text taken from templates before it reaches a terminal or a
 * JSON document: nothing raw (escape sequences, control characters, broken
 * UTF-8) may pass through. */
#ifndef CFNFIX_ESCAPE_H
#define CFNFIX_ESCAPE_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* Terminal-safe: C0/C1 controls, DEL, bidi overrides and invalid UTF-8
 * become visible escapes (\n, \x1b, \u202e); everything else is kept. */
void esc_text(cf_buf *b, const char *s, size_t n);
void esc_texts(cf_buf *b, const char *s);
/* JSON string content (no quotes added): RFC 8259 escapes, controls as
 * \u00XX, invalid UTF-8 as \ufffd. */
void esc_json(cf_buf *b, const char *s, size_t n);
void esc_jsons(cf_buf *b, const char *s);
/* True when the code point must not reach a terminal raw. */
bool esc_unsafe_cp(unsigned cp);

#endif
