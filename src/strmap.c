#include "config.h"

#include "strmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* SipHash-1-3 (Aumasson and Bernstein) keyed with 128 random bits drawn
 * once a process.  Keys come from templates: with an unkeyed hash anyone
 * could write 40,000 logical ids that share one bucket and make every
 * lookup a walk of all of them (4-10 s for one template).  Without the key
 * no one can tell which keys collide.  The hash decides only where a key
 * sits in a table, never an order anything is reported in (the maps are
 * walked only to free them), so output does not change from run to run.
 * Words are read in the machine's byte order: the values differ between
 * machines, which nothing depends on either. */
static uint64_t sip_key[2];

/* Run before main (and before any thread), so strhash reads the key
 * without a check. */
__attribute__((constructor)) static void sip_seed(void)
{
#ifdef HAVE_GETENTROPY
    if (getentropy(sip_key, sizeof sip_key) == 0)
        return;
#endif
    /* no entropy source: the clock, the process id and where the stack and
     * this library were put (address space randomisation) */
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t local = 0;
    sip_key[0] = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)(uintptr_t)&local;
    sip_key[1] = ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)&sip_seed ^ 0x9e3779b97f4a7c15ull;
}

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                               \
    do {                                                                       \
        v0 += v1, v1 = ROTL(v1, 13), v1 ^= v0, v0 = ROTL(v0, 32);              \
        v2 += v3, v3 = ROTL(v3, 16), v3 ^= v2;                                 \
        v0 += v3, v3 = ROTL(v3, 21), v3 ^= v0;                                 \
        v2 += v1, v1 = ROTL(v1, 17), v1 ^= v2, v2 = ROTL(v2, 32);              \
    } while (0)

uint64_t strhash(const char *s, size_t n)
{
    uint64_t v0 = sip_key[0] ^ 0x736f6d6570736575ull, v1 = sip_key[1] ^ 0x646f72616e646f6dull;
    uint64_t v2 = sip_key[0] ^ 0x6c7967656e657261ull, v3 = sip_key[1] ^ 0x7465646279746573ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m;
        memcpy(&m, s + i, 8);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t last = (uint64_t)n << 56;
    for (size_t k = 0; i + k < n; k++)
        last |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    v3 ^= last;
    SIPROUND;
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
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
