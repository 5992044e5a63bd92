/* Binary JSON: how the spec data stores JSON values compactly.
 *
 * Strings are interned in a string table (each once: "type": "string"
 * appears 80,000 times in the resource schemas) and values refer to them
 * by offset.  A value is a tag byte and LEB128 varints:
 *
 *   0x00 null   0x01 false   0x02 true
 *   0x03 int    strref (its decimal text)
 *   0x04 float  strref (its text, as written)
 *   0x05 string strref
 *   0x06 array  count, bytelen, count values
 *   0x07 object count, bytelen, count (keyref, value) pairs
 *
 * bytelen lets a reader skip a collection without decoding it.  A string
 * table entry is varint length, the bytes, and a NUL.  The reader checks
 * every offset and length, so corrupted data is an error, never a crash. */
#ifndef CFNFIX_BJSON_H
#define CFNFIX_BJSON_H

#include "arena.h"
#include "doc.h"
#include "strmap.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { BJ_NULL, BJ_FALSE, BJ_TRUE, BJ_INT, BJ_FLOAT, BJ_STRING, BJ_ARRAY, BJ_OBJECT };

typedef struct bj_writer {
    cf_buf strings;
    cf_buf values;
    strmap interned; /* string -> 1 + offset in strings */
    cf_arena keys;   /* the map's keys */
} bj_writer;

/* Which object keys to leave out (prose): called with the key and whether
 * the object is a schema (not a name -> schema map such as "properties"). */
typedef bool (*bj_skip_fn)(const char *key, bool schema_object);

void bj_writer_init(bj_writer *w);
void bj_writer_free(bj_writer *w);
uint32_t bj_intern(bj_writer *w, const char *s, size_t n);
/* Append the value of a loaded JSON node; returns its offset in values. */
uint32_t bj_write(bj_writer *w, const cf_node *n, bj_skip_fn skip);
void bj_put_varint(cf_buf *b, uint64_t v);

typedef struct bj_reader {
    const unsigned char *strings;
    size_t strings_len;
    const unsigned char *values;
    size_t values_len;
} bj_reader;

/* The string at ref; NULL when ref is out of bounds or malformed. */
const char *bj_string(const bj_reader *r, uint32_t ref, size_t *len);
/* Decode the value at off into nodes in arena a (strings point into the
 * string table).  NULL on corrupted data, with a reason in err. */
cf_node *bj_decode(const bj_reader *r, uint32_t off, cf_arena *a, char *err, size_t errsize);

#endif
