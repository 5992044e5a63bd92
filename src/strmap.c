#include "strmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a's step taken over 8 bytes at a time, then over the last few
 * bytes one by one: keys such as spec entry names and regular expressions
 * run long, and hashing them a byte at a time cost more than the lookups.
 * A multiplication only carries bits upwards, so the high bytes of each
 * word reach the low bits the table uses through the final mix (the one
 * MurmurHash3 ends with). */
uint64_t strhash(const char *s, size_t n)
{
    const uint64_t prime = 1099511628211ull;
    uint64_t h = 1469598103934665603ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * prime;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * prime;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

void strmap_init(strmap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_free(strmap *m)
{
    free(m->slots);
    strmap_init(m);
}

static strmap_slot *find(const strmap *m, const char *key, size_t klen)
{
    size_t i = strhash(key, klen) & (m->cap - 1);
    for (;;) {
        strmap_slot *s = &m->slots[i];
        if (!s->key || (s->klen == klen && memcmp(s->key, key, klen) == 0))
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

void strmap_put(strmap *m, const char *key, size_t klen, void *value)
{
    if ((m->count + 1) * 2 > m->cap) {
        strmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 16;
        m->slots = xcalloc(m->cap, sizeof *m->slots);
        m->count = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].key) {
                *find(m, old.slots[i].key, old.slots[i].klen) = old.slots[i];
                m->count++;
            }
        free(old.slots);
    }
    strmap_slot *s = find(m, key, klen);
    if (!s->key)
        m->count++;
    s->key = key;
    s->klen = klen;
    s->value = value;
}

void *strmap_get(const strmap *m, const char *key, size_t klen)
{
    if (!m->cap)
        return NULL;
    strmap_slot *s = find(m, key, klen);
    return s->key ? s->value : NULL;
}
