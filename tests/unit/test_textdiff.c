/* The line diff of two texts (textdiff.h), which a review saves for
 * `git apply`: fixed cases with their exact output, then random edits of
 * random texts, each diff applied by a small independent reader of the
 * unified format here, which must give back the new text byte for byte.
 * With CFNFIX_TEXTDIFF_DIR set, the random cases are also written there
 * (old, new, diff) for a check with git apply by hand. */
#include "tap.h"

#include "textdiff.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Apply a unified diff to old: NULL when it does not apply. */
static char *apply(const char *old, const char *diff, size_t *outlen)
{
    cf_buf out = {0};
    const char *o = old, *d = diff;
    size_t oline = 1; /* the line o starts */
    /* the file labels */
    for (int i = 0; i < 2 && *d; i++)
        d = strchr(d, '\n') ? strchr(d, '\n') + 1 : d + strlen(d);
    while (*d) {
        unsigned long os, oc, ns, nc;
        if (sscanf(d, "@@ -%lu,%lu +%lu,%lu @@", &os, &oc, &ns, &nc) != 4)
            goto fail;
        d = strchr(d, '\n') + 1;
        size_t first = oc ? os : os + 1; /* the hunk's first old line */
        while (oline < first) {         /* copy up to it */
            const char *nl = strchr(o, '\n');
            if (!nl)
                goto fail;
            buf_add(&out, o, (size_t)(nl + 1 - o));
            o = nl + 1;
            oline++;
        }
        while (*d && *d != '@') {
            char kind = *d++;
            const char *nl = strchr(d, '\n');
            size_t len = (size_t)(nl - d);
            int no_eol = nl[1] == '\\';
            size_t take = len + !no_eol;
            if (kind == ' ' || kind == '-') {
                if (strncmp(o, d, len) || (!no_eol && o[len] != '\n') || (no_eol && o[len]))
                    goto fail;
                o += take;
                oline++;
            }
            if (kind == ' ' || kind == '+') {
                buf_add(&out, d, len);
                if (!no_eol)
                    buf_addc(&out, '\n');
            }
            d = nl + 1;
            if (no_eol)
                d = strchr(d, '\n') + 1;
        }
    }
    buf_adds(&out, o);
    *outlen = out.len;
    return out.data ? buf_steal(&out) : xstrdup("");
fail:
    buf_free(&out);
    return NULL;
}

static char *diff(const char *a, const char *b)
{
    cf_buf out = {0};
    cf_text_diff(a, strlen(a), b, strlen(b), "a/t", "b/t", &out);
    return out.data ? buf_steal(&out) : xstrdup("");
}

static void random_text(cf_buf *b, unsigned *seed, int lines)
{
    static const char *const words[] = {"a", "b", "c", "Key: 1", "  - x", ""};
    for (int i = 0; i < lines; i++) {
        buf_adds(b, words[rand_r(seed) % 6]);
        buf_addc(b, '\n');
    }
    if (b->len && rand_r(seed) % 4 == 0)
        b->data[--b->len] = '\0'; /* no final line break */
}

int main(void)
{
    char *d = diff("a\nb\nc\n", "a\nb\nc\n");
    ok(!strcmp(d, ""), "equal texts: no diff");
    free(d);
    d = diff("a\nb\nc\n", "a\nB\nc\n");
    ok(!strcmp(d, "--- a/t\n+++ b/t\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"), "one line changed");
    free(d);
    d = diff("a\nb", "a\nb\n");
    ok(!strcmp(d, "--- a/t\n+++ b/t\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"),
       "a final line break added");
    free(d);
    d = diff("", "x\n");
    ok(!strcmp(d, "--- a/t\n+++ b/t\n@@ -0,0 +1,1 @@\n+x\n"), "into an empty file");
    free(d);
    d = diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n",
             "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nY\n16\n");
    ok(!strcmp(d, "--- a/t\n+++ b/t\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -12,5 +12,5 @@\n 12\n 13\n 14\n-15\n"
                  "+Y\n 16\n"),
       "two changes far apart: two hunks");
    free(d);

    const char *dir = getenv("CFNFIX_TEXTDIFF_DIR");
    int bad = 0;
    for (unsigned i = 0; i < 500; i++) {
        unsigned seed = i;
        cf_buf a = {0}, b = {0};
        random_text(&a, &seed, (int)(rand_r(&seed) % 40));
        random_text(&b, &seed, (int)(rand_r(&seed) % 40));
        const char *as = a.data ? a.data : "", *bs = b.data ? b.data : "";
        char *p = diff(as, bs);
        size_t len = 0;
        char *got = apply(as, p, &len);
        if (!got || len != strlen(bs) || memcmp(got, bs, len)) {
            if (bad++ < 3)
                diag("case %u: the diff does not give the new text", i);
        }
        if (dir) {
            char path[512];
            const char *names[] = {"old", "new", "diff"};
            const char *texts[] = {as, bs, p};
            for (int k = 0; k < 3; k++) {
                snprintf(path, sizeof path, "%s/%u.%s", dir, i, names[k]);
                FILE *f = fopen(path, "w");
                if (f) {
                    fputs(texts[k], f);
                    fclose(f);
                }
            }
        }
        free(got);
        free(p);
        buf_free(&a);
        buf_free(&b);
    }
    ok(!bad, "500 random pairs: each diff gives the new text back");
    return tap_done();
}
