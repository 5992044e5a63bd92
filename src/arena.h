/* A bump allocator: many small objects with one lifetime (a document's
 * nodes and strings), freed all at once.  Keeps allocation off the hot path
 * of the loaders and memory close to the size of what is stored. */
#ifndef CFNFIX_ARENA_H
#define CFNFIX_ARENA_H

#include <stddef.h>

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
void *arena_alloc(cf_arena *a, size_t n); /* 8-byte aligned (even after strings), uninitialised */
void *arena_alloc_bytes(cf_arena *a, size_t n); /* unaligned: for an arena of strings only */
void *arena_zalloc(cf_arena *a, size_t n);
char *arena_strndup(cf_arena *a, const char *s, size_t n); /* NUL-terminated, unaligned */
void arena_free(cf_arena *a);

#endif
