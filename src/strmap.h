/* A string-keyed hash map (open addressing) for names: YAML anchors,
 * logical ids, spec type names.  Keys are borrowed, not copied: they must
 * outlive the map. */
#ifndef CFNFIX_STRMAP_H
#define CFNFIX_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct strmap_slot {
    const char *key;
    size_t klen;
    void *value;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t cap, count;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Insert or replace. */
void strmap_put(strmap *m, const char *key, size_t klen, void *value);
void *strmap_get(const strmap *m, const char *key, size_t klen);
/* A keyed hash of n bytes (SipHash-1-3, its key random for each process):
 * the same bytes hash alike within a run, never across runs, so nothing
 * may depend on the values or on the order a map's slots hold. */
uint64_t strhash(const char *s, size_t n);

#endif
