#include "similar.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* difflib.SequenceMatcher without junk (names are far shorter than its
 * 200-character autojunk threshold): the characters of the recursively
 * longest common blocks. */
static size_t matched_chars(const char *a, size_t alo, size_t ahi, const char *b, size_t blo, size_t bhi)
{
    if (alo >= ahi || blo >= bhi)
        return 0;
    /* run[j + 1]: length of the common run ending at a[i], b[blo + j];
     * the first longest run (earliest in a, then in b) wins, as in difflib */
    size_t w = bhi - blo + 1, besti = alo, bestj = blo, best = 0;
    size_t *prev = xcalloc(w, sizeof *prev), *run = xcalloc(w, sizeof *run);
    for (size_t i = alo; i < ahi; i++) {
        for (size_t j = 0; j + 1 < w; j++) {
            size_t k = a[i] == b[blo + j] ? prev[j] + 1 : 0;
            run[j + 1] = k;
            if (k > best) {
                best = k;
                besti = i + 1 - k;
                bestj = blo + j + 1 - k;
            }
        }
        size_t *t = prev;
        prev = run;
        run = t;
    }
    free(prev);
    free(run);
    if (!best)
        return 0;
    return best + matched_chars(a, alo, besti, b, blo, bestj) +
           matched_chars(a, besti + best, ahi, b, bestj + best, bhi);
}

double cf_similar_ratio(const char *a, size_t na, const char *b, size_t nb)
{
    if (!na && !nb)
        return 1.0;
    return 2.0 * (double)matched_chars(a, 0, na, b, 0, nb) / (double)(na + nb);
}

bool cf_similar(const char *a, const char *b)
{
    return cf_similar_ratio(a, strlen(a), b, strlen(b)) > 0.8;
}
