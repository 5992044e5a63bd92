#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"
#include "strmap.h"
#include "util.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct compiled {
    pcre2_code *code; /* NULL when the pattern does not compile */
    pcre2_match_data *md;
} compiled;

static strmap cache;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

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

static compiled *get(const char *pattern)
{
    size_t n = strlen(pattern);
    compiled *c = strmap_get(&cache, pattern, n);
    if (c)
        return c;
    c = xcalloc(1, sizeof *c);
    char *t = translate(pattern);
    int err;
    PCRE2_SIZE off;
    c->code = pcre2_compile((PCRE2_SPTR)t, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &off, NULL);
    free(t);
    if (c->code) {
        pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE);
        c->md = pcre2_match_data_create_from_pattern(c->code, NULL);
    }
    strmap_put(&cache, xstrndup(pattern, n), n, c);
    return c;
}

int cf_regex_search(const char *pattern, const char *subject, size_t len)
{
    pthread_mutex_lock(&lock);
    compiled *c = get(pattern);
    int r = -1;
    if (c->code) {
        int rc = pcre2_match(c->code, (PCRE2_SPTR)subject, len, 0, 0, c->md, NULL);
        r = rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
    }
    pthread_mutex_unlock(&lock);
    return r;
}

int cf_regex_find(const char *pattern, const char *subject, size_t len, size_t start, size_t *groups,
                  size_t ngroups)
{
    pthread_mutex_lock(&lock);
    compiled *c = get(pattern);
    int r = -1;
    if (c->code) {
        int rc = pcre2_match(c->code, (PCRE2_SPTR)subject, len, start, 0, c->md, NULL);
        r = rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
        if (r == 1) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
            uint32_t have = pcre2_get_ovector_count(c->md);
            for (size_t i = 0; i < 2 * ngroups; i++)
                groups[i] = i / 2 < have && ov[i] != PCRE2_UNSET ? ov[i] : (size_t)-1;
        }
    }
    pthread_mutex_unlock(&lock);
    return r;
}

void cf_regex_release(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < cache.cap; i++) {
        strmap_slot *sl = &cache.slots[i];
        if (!sl->key)
            continue;
        compiled *c = sl->value;
        pcre2_match_data_free(c->md);
        pcre2_code_free(c->code);
        free(c);
        free((char *)sl->key);
    }
    strmap_free(&cache);
    strmap_init(&cache);
    pthread_mutex_unlock(&lock);
}
