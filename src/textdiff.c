#include "textdiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A line: its bytes, the line break included. */
typedef struct line {
    const char *s;
    size_t len;
    uint32_t hash;
} line;

static line *split(const char *t, size_t len, size_t *n)
{
    size_t cap = 0;
    line *v = NULL;
    *n = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && t[j] != '\n')
            j++;
        if (j < len)
            j++;
        uint32_t h = 2166136261u; /* FNV-1a: most unequal lines differ here */
        for (size_t k = i; k < j; k++)
            h = (h ^ (unsigned char)t[k]) * 16777619u;
        GROW(v, cap, *n + 1);
        v[(*n)++] = (line){t + i, j - i, h};
        i = j;
    }
    return v;
}

static int same(const line *a, const line *b)
{
    return a->hash == b->hash && a->len == b->len && !memcmp(a->s, b->s, a->len);
}

/* The edit script: one op per line kept, deleted or inserted, in order. */
enum { KEEP, DEL, INS };
typedef struct op {
    uint8_t kind;
    size_t a, b; /* old and new lines before it */
} op;

/* Beyond this many differing lines the two middles are shown as one
 * replacement: the trace costs D^2 and a review diff is small anyway. */
#define MAX_D 4000

/* Myers' greedy forward search over a[0..n) and b[0..m), keeping each
 * step's frontier (diagonals -d-1..d+1) to walk back the path; the ops are
 * appended from the end, so they come reversed. */
static int myers(const line *a, size_t n, const line *b, size_t m, size_t a0, size_t b0, op **ops, size_t *nops,
                 size_t *cap)
{
    long N = (long)n, M = (long)m, max = N + M;
    if (max > 2 * MAX_D + 2)
        max = 2 * MAX_D + 2;
    long *v = xcalloc((size_t)(2 * max + 3), sizeof *v);
    long off = max + 1;
    long **trace = xcalloc((size_t)max + 2, sizeof *trace);
    long D = -1;
    for (long d = 0; d <= max && d <= MAX_D; d++) {
        long *t = trace[d] = xmalloc(sizeof *t * (size_t)(2 * d + 3));
        for (long k = -d - 1; k <= d + 1; k++)
            t[k + d + 1] = (k + off >= 0 && k + off < 2 * max + 3) ? v[k + off] : 0;
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) ? v[k + 1 + off] : v[k - 1 + off] + 1;
            long y = x - k;
            while (x < N && y < M && same(&a[x], &b[y]))
                x++, y++;
            v[k + off] = x;
            if (x >= N && y >= M) {
                D = d;
                break;
            }
        }
        if (D >= 0)
            break;
    }
    free(v);
    int ok = D >= 0;
    if (ok) {
        long x = N, y = M;
        for (long d = D; d >= 0; d--) {
            const long *t = trace[d];
#define T(k) t[(k) + d + 1]
            long k = x - y;
            long pk = (k == -d || (k != d && T(k - 1) < T(k + 1))) ? k + 1 : k - 1;
            long px = T(pk), py = px - pk;
#undef T
            while (x > px && y > py) {
                x--, y--;
                GROW(*ops, *cap, *nops + 1);
                (*ops)[(*nops)++] = (op){KEEP, a0 + (size_t)x, b0 + (size_t)y};
            }
            if (d > 0) {
                GROW(*ops, *cap, *nops + 1);
                if (x == px)
                    (*ops)[(*nops)++] = (op){INS, a0 + (size_t)x, b0 + (size_t)py};
                else
                    (*ops)[(*nops)++] = (op){DEL, a0 + (size_t)px, b0 + (size_t)y};
            }
            x = px, y = py;
        }
    }
    for (long d = 0; d <= max + 1 && trace[d]; d++)
        free(trace[d]);
    free(trace);
    return ok;
}

static void emit(cf_buf *out, char prefix, const line *l)
{
    buf_addc(out, prefix);
    buf_add(out, l->s, l->len);
    if (!l->len || l->s[l->len - 1] != '\n')
        buf_adds(out, "\n\\ No newline at end of file\n");
}

void cf_text_diff(const char *old, size_t old_len, const char *new_text, size_t new_len, const char *old_label,
                  const char *new_label, cf_buf *out)
{
    size_t n, m;
    line *a = split(old, old_len, &n), *b = split(new_text, new_len, &m);
    size_t pre = 0, suf = 0;
    while (pre < n && pre < m && same(&a[pre], &b[pre]))
        pre++;
    while (suf < n - pre && suf < m - pre && same(&a[n - 1 - suf], &b[m - 1 - suf]))
        suf++;
    if (pre == n && pre == m) {
        free(a);
        free(b);
        return;
    }
    op *ops = NULL;
    size_t nops = 0, cap = 0;
    /* the common end, reversed (the search appends from the end too) */
    for (size_t i = 0; i < suf; i++) {
        GROW(ops, cap, nops + 1);
        ops[nops++] = (op){KEEP, n - 1 - i, m - 1 - i};
    }
    size_t mn = n - pre - suf, mm = m - pre - suf;
    if (!myers(a + pre, mn, b + pre, mm, pre, pre, &ops, &nops, &cap)) {
        for (size_t i = mm; i-- > 0;) {
            GROW(ops, cap, nops + 1);
            ops[nops++] = (op){INS, pre + mn, pre + i};
        }
        for (size_t i = mn; i-- > 0;) {
            GROW(ops, cap, nops + 1);
            ops[nops++] = (op){DEL, pre + i, pre};
        }
    }
    for (size_t i = pre; i-- > 0;) {
        GROW(ops, cap, nops + 1);
        ops[nops++] = (op){KEEP, i, i};
    }
    for (size_t i = 0, j = nops ? nops - 1 : 0; i < j; i++, j--) {
        op t = ops[i];
        ops[i] = ops[j];
        ops[j] = t;
    }
    buf_printf(out, "--- %s\n+++ %s\n", old_label, new_label);
    const size_t ctx = 3;
    for (size_t i = 0; i < nops;) {
        if (ops[i].kind == KEEP) {
            i++;
            continue;
        }
        size_t start = i > ctx ? i - ctx : 0, last = i;
        for (;;) {
            while (last + 1 < nops && ops[last + 1].kind != KEEP)
                last++;
            size_t j = last + 1;
            while (j < nops && ops[j].kind == KEEP && j - last - 1 <= 2 * ctx)
                j++;
            if (j < nops && ops[j].kind != KEEP && j - last - 1 <= 2 * ctx)
                last = j;
            else
                break;
        }
        size_t end = last + ctx < nops - 1 ? last + ctx : nops - 1;
        size_t oc = 0, nc = 0;
        for (size_t k = start; k <= end; k++) {
            oc += ops[k].kind != INS;
            nc += ops[k].kind != DEL;
        }
        size_t os = ops[start].a, ns = ops[start].b;
        buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", oc ? os + 1 : os, oc, nc ? ns + 1 : ns, nc);
        for (size_t k = start; k <= end; k++) {
            if (ops[k].kind == KEEP)
                emit(out, ' ', &a[ops[k].a]);
            else if (ops[k].kind == DEL)
                emit(out, '-', &a[ops[k].a]);
            else
                emit(out, '+', &b[ops[k].b]);
        }
        i = end + 1;
    }
    free(ops);
    free(a);
    free(b);
}
