/* A bump allocator: many small objects with one lifetime (a document's
 * nodes and strings), freed all at once.  Keeps allocation off the hot path
 * of the loaders and memory close to the size of what is stored. */
#ifndef CFNFIX_ARENA_H
#define CFNFIX_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct cf_arena_block cf_arena_block;
typedef struct cf_arena {
    cf_arena_block *head;
    char *ptr, *end;
    size_t total; /* bytes obtained from malloc, for measurements */
    int prefault; /* blocks mapped with their pages present (see arena.c) */
} cf_arena;

void arena_init(cf_arena *a);
/* For an arena that lives long and is filled densely (decoded spec data). */
void arena_init_prefaulted(cf_arena *a);
void *arena_alloc_bytes(cf_arena *a, size_t n); /* unaligned: for an arena of strings only */
void *arena_alloc_slow(cf_arena *a, size_t n); /* arena_alloc when the block may be full */

/* 8-byte aligned (even after strings), uninitialised.  Inline: the
 * loaders and the spec decoder make a node per value, and a call per
 * node (and a memset call for arena_zalloc's 40 bytes) showed up as a
 * tenth of the corpus run. */
static inline void *arena_alloc(cf_arena *a, size_t n)
{
    size_t pad = (size_t)(-(uintptr_t)a->ptr & 7), need = (n + 7) & ~(size_t)7;
    if (a->ptr && (size_t)(a->end - a->ptr) >= pad + need) {
        char *p = a->ptr + pad;
        a->ptr = p + need;
        return p;
    }
    return arena_alloc_slow(a, n);
}

static inline void *arena_zalloc(cf_arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}
char *arena_strndup(cf_arena *a, const char *s, size_t n); /* NUL-terminated, unaligned */
void arena_free(cf_arena *a);

#endif
