/* Small helpers every module uses: checked allocation and a growable byte
 * buffer.  Allocation failure is not recoverable in a command-line tool, so
 * the x* functions report it and exit with status 70 (EX_SOFTWARE). */
#ifndef CFNFIX_UTIL_H
#define CFNFIX_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow an array *v of *cap elements of size elsize so that it holds at least
 * need elements. */
void grow_array(void **v, size_t *cap, size_t need, size_t elsize);
/* The capacity test is made inline: GROW runs for nearly every element
 * added anywhere, and almost always finds room. */
#define GROW(v, cap, need) \
    ((need) <= (cap) ? (void)0 : grow_array((void **)&(v), &(cap), (need), sizeof *(v)))

/* A growable byte string, always NUL-terminated once anything was added. */
typedef struct cf_buf {
    char *data;
    size_t len, cap;
} cf_buf;

void buf_add(cf_buf *b, const void *p, size_t n);
void buf_adds(cf_buf *b, const char *s);
void buf_addc(cf_buf *b, char c);
void buf_printf(cf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(cf_buf *b);
void buf_free(cf_buf *b);
/* Hand the buffer's string to the caller (never NULL) and reset the buffer. */
char *buf_steal(cf_buf *b);

/* Whether two strings are equal.  The first bytes are compared inline: in
 * the long if-else chains over keyword names most candidates differ there,
 * and the call to strcmp is made only for the few that do not. */
static inline bool str_eq(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

/* UTF-8: length of the sequence starting with lead byte c (1 for invalid). */
static inline int utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
}
/* Length of a valid UTF-8 sequence at s (at most n bytes), 0 when invalid. */
int utf8_valid_seq(const unsigned char *s, size_t n);
/* Decode one valid sequence (as checked by utf8_valid_seq). */
uint32_t utf8_decode(const unsigned char *s, int len);
/* Encode code point cp into out (4 bytes room); returns its length. */
int utf8_encode(uint32_t cp, char *out);

#endif
