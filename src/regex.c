#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"
#include "strmap.h"
#include "util.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on one match.  Schema and template patterns are written for
 * Python's backtracking re, and some backtrack exponentially on a value
 * that does not match ((a+)+$ on "aaa...ab"): under PCRE2's default limit
 * one such match ran 15 ms with JIT, seconds without, per value.  A match
 * that reaches a bound is undecided (CF_REGEX_UNDECIDED), never a match or
 * a mismatch.
 *
 * The match limit (backtracking steps, JIT or not) grows with the subject,
 * so a pattern that is linear on it always gets its answer: a repeated
 * group costs about one step a repetition, and no pattern on any corpus
 * value needs 1,000 steps.  The depth and heap limits bound the
 * interpreter's memory (it runs only where JIT is not available); the JIT
 * stack, one a thread, may grow to 1 MB instead of PCRE2's 32 KB, which a
 * repeated group of a few thousand repetitions already overflows. */
#define MATCH_LIMIT_BASE 100000
#define MATCH_LIMIT_PER_BYTE 200
#define DEPTH_LIMIT 100000
#define HEAP_LIMIT_KIB (64 * 1024)
#define JIT_STACK_START (32 * 1024)
#define JIT_STACK_MAX (1024 * 1024)

/* Group pairs a thread's match data holds: cf_regex_find's callers ask for
 * few; a pattern with more groups still matches (PCRE2 then fills what
 * fits and returns 0). */
#define OVECTOR_PAIRS 16

/* The cache of compiled patterns is shared by the -j threads; the lock
 * guards only its lookups and inserts.  A compiled pattern (and its JIT
 * code) is read-only once made, so matches run outside the lock, each
 * thread with its own matcher. */
static strmap cache;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct matcher {
    pcre2_match_data *md;
    pcre2_match_context *limits;
    pcre2_jit_stack *stack; /* NULL: PCRE2's own 32 KB */
} matcher;

static _Thread_local matcher *thread_matcher;
static pthread_key_t matcher_key;
static pthread_once_t matcher_once = PTHREAD_ONCE_INIT;

static void free_matcher(void *p)
{
    matcher *m = p;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->limits);
    pcre2_jit_stack_free(m->stack);
    free(m);
}

static void make_matcher_key(void)
{
    pthread_key_create(&matcher_key, free_matcher);
}

/* This thread's matcher, freed when the thread ends (the main thread's in
 * cf_regex_release); NULL when out of memory. */
static matcher *thread_matcher_get(void)
{
    if (thread_matcher)
        return thread_matcher;
    matcher *m = xcalloc(1, sizeof *m);
    m->md = pcre2_match_data_create(OVECTOR_PAIRS, NULL);
    m->limits = pcre2_match_context_create(NULL);
    if (!m->md || !m->limits) {
        free_matcher(m);
        return NULL;
    }
    pcre2_set_depth_limit(m->limits, DEPTH_LIMIT);
    pcre2_set_heap_limit(m->limits, HEAP_LIMIT_KIB);
    m->stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, NULL);
    if (m->stack)
        pcre2_jit_stack_assign(m->limits, NULL, m->stack);
    pthread_once(&matcher_once, make_matcher_key);
    pthread_setspecific(matcher_key, m);
    return thread_matcher = m;
}

/* Python's \Z is PCRE2's \z; patterns are written for Python's re. */
static char *translate(const char *p)
{
    cf_buf b = {0};
    for (const char *s = p; *s; s++) {
        if (s[0] == '\\' && s[1] == 'Z') {
            buf_adds(&b, "\\z");
            s++;
        } else if (s[0] == '\\' && s[1]) {
            buf_addc(&b, s[0]);
            buf_addc(&b, s[1]);
            s++;
        } else {
            buf_addc(&b, *s);
        }
    }
    return buf_steal(&b);
}

/* The cache's value for a pattern that does not compile. */
static char uncompilable;

/* The compiled pattern, NULL when it does not compile. */
static const pcre2_code *get(const char *pattern)
{
    size_t n = strlen(pattern);
    pthread_mutex_lock(&lock);
    void *v = strmap_get(&cache, pattern, n);
    if (!v) {
        char *t = translate(pattern);
        int err;
        PCRE2_SIZE off;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)t, PCRE2_ZERO_TERMINATED,
                                         PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &off, NULL);
        free(t);
        if (code)
            pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* the interpreter runs where JIT cannot */
        v = code ? (void *)code : &uncompilable;
        strmap_put(&cache, xstrndup(pattern, n), n, v);
    }
    pthread_mutex_unlock(&lock);
    return v == &uncompilable ? NULL : v;
}

/* 1 matched, 0 did not, CF_REGEX_UNDECIDED a bound stopped it (or any
 * other match error: not a verdict either way). */
static int run(const pcre2_code *code, const char *subject, size_t len, size_t start, matcher *m)
{
    if (!m)
        return CF_REGEX_UNDECIDED;
    uint64_t limit = MATCH_LIMIT_BASE + (uint64_t)MATCH_LIMIT_PER_BYTE * len;
    pcre2_set_match_limit(m->limits, limit < UINT32_MAX ? (uint32_t)limit : UINT32_MAX);
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start, 0, m->md, m->limits);
    return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : CF_REGEX_UNDECIDED;
}

int cf_regex_search(const char *pattern, const char *subject, size_t len)
{
    const pcre2_code *code = get(pattern);
    return code ? run(code, subject, len, 0, thread_matcher_get()) : -1;
}

int cf_regex_find(const char *pattern, const char *subject, size_t len, size_t start, size_t *groups,
                  size_t ngroups)
{
    const pcre2_code *code = get(pattern);
    if (!code)
        return -1;
    matcher *m = thread_matcher_get();
    int r = run(code, subject, len, start, m);
    if (r == 1) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        uint32_t have = pcre2_get_ovector_count(m->md);
        for (size_t i = 0; i < 2 * ngroups; i++)
            groups[i] = i / 2 < have && ov[i] != PCRE2_UNSET ? ov[i] : (size_t)-1;
    }
    return r;
}

void cf_regex_release(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < cache.cap; i++) {
        strmap_slot *sl = &cache.slots[i];
        if (!sl->key)
            continue;
        if (sl->value != &uncompilable)
            pcre2_code_free(sl->value);
        free((char *)sl->key);
    }
    strmap_free(&cache);
    strmap_init(&cache);
    pthread_mutex_unlock(&lock);
    if (thread_matcher) {
        pthread_setspecific(matcher_key, NULL);
        free_matcher(thread_matcher);
        thread_matcher = NULL;
    }
}
