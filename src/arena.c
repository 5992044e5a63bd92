#include "arena.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct cf_arena_block {
    cf_arena_block *next;
    size_t size;
    int mapped; /* from mmap, not malloc */
    /* payload follows, 16-byte aligned */
};

#define BLOCK_HEADER ((sizeof(cf_arena_block) + 15) & ~(size_t)15)
#define MIN_BLOCK ((size_t)64 * 1024)

void arena_init(cf_arena *a)
{
    memset(a, 0, sizeof *a);
}

/* Touching a fresh page costs a fault each, and on some virtual machines
 * a fault costs microseconds: decoding a large schema faulted in every
 * page of its nodes one by one.  An arena that is filled densely and kept
 * (decoded spec data) asks for its blocks with their pages present, in one
 * call.  Arenas that come and go with each template stay on malloc, which
 * reuses freed memory.
 *
 * Present is not enough everywhere: on a VM that shadows the page tables
 * the first write to each 4 KiB page still costs microseconds (8 MiB of
 * decoded schemas: 11 ms, MAP_POPULATE or not).  So these blocks are whole
 * 2 MiB huge pages where the kernel has them (transparent huge pages on
 * madvise): the same 8 MiB then cost half a millisecond. */
void arena_init_prefaulted(cf_arena *a)
{
    arena_init(a);
    a->prefault = 1;
}

#define HUGE_PAGE ((size_t)2 << 20)

/* A block of at least *bytes; *bytes is set to what it holds. */
static cf_arena_block *block_new(cf_arena *a, size_t *bytes)
{
    if (a->prefault) {
#if defined(MADV_HUGEPAGE) && defined(MADV_POPULATE_WRITE)
        /* whole huge pages, aligned on one: map one more and trim */
        size_t len = (*bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        char *raw = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (raw != MAP_FAILED) {
            char *p = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
            if (p > raw)
                munmap(raw, (size_t)(p - raw));
            if (raw + HUGE_PAGE > p)
                munmap(p + len, (size_t)(raw + HUGE_PAGE - p));
            /* either may fail (no THP, an older kernel): the pages then
             * come one by one, as malloc's would */
            (void)madvise(p, len, MADV_HUGEPAGE);
            (void)madvise(p, len, MADV_POPULATE_WRITE);
            *bytes = len;
            return (cf_arena_block *)p;
        }
#else
        void *p = mmap(NULL, *bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p != MAP_FAILED)
            return p;
#endif
        a->prefault = 0; /* no mapping to be had: malloc says why, or dies */
    }
    return xmalloc(*bytes);
}

void *arena_alloc_slow(cf_arena *a, size_t n)
{
    /* Strings may have left the cursor unaligned: skip to the next 8. */
    size_t pad = (size_t)(-(uintptr_t)a->ptr & 7);
    if (a->ptr && (size_t)(a->end - a->ptr) >= pad)
        a->ptr += pad;
    return arena_alloc_bytes(a, (n + 7) & ~(size_t)7);
}

void *arena_alloc_bytes(cf_arena *a, size_t n)
{
    if ((size_t)(a->end - a->ptr) < n || !a->ptr) {
        /* Blocks double with the arena's size so large documents need few
         * mallocs, but never more than a quarter of what is already held. */
        size_t want = a->total / 4 > MIN_BLOCK ? a->total / 4 : MIN_BLOCK;
        if (want < n)
            want = n;
        size_t got = BLOCK_HEADER + want;
        cf_arena_block *b = block_new(a, &got);
        want = got - BLOCK_HEADER;
        b->next = a->head;
        b->size = want;
        b->mapped = a->prefault;
        a->head = b;
        a->ptr = (char *)b + BLOCK_HEADER;
        a->end = a->ptr + want;
        a->total += BLOCK_HEADER + want;
    }
    void *p = a->ptr;
    a->ptr += n;
    return p;
}

char *arena_strndup(cf_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_bytes(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void arena_free(cf_arena *a)
{
    cf_arena_block *b = a->head;
    while (b) {
        cf_arena_block *next = b->next;
        if (b->mapped)
            munmap(b, BLOCK_HEADER + b->size);
        else
            free(b);
        b = next;
    }
    arena_init(a);
}
