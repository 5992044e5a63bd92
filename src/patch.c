#include "patch.h"

#include <stdlib.h>
#include <string.h>

static bool overlaps(const cf_edit *a, const cf_edit *b)
{
    /* two insertions at one place would need an order: a conflict too */
    if (a->start == a->end && b->start == b->end)
        return a->start == b->start;
    return a->start < b->end && b->start < a->end;
}

static bool same_edit(const cf_edit *a, const cf_edit *b)
{
    return a->start == b->start && a->end == b->end && !strcmp(a->text, b->text);
}

/* Every edit of f is already in the patch, as it is. */
bool cf_patch_has_fix(const cf_patch *p, const cf_fix *f)
{
    if (!f->nedits)
        return false;
    for (size_t i = 0; i < f->nedits; i++) {
        bool found = false;
        for (size_t j = 0; j < p->n && !found; j++)
            found = same_edit(&f->edits[i], p->edits[j]);
        if (!found)
            return false;
    }
    return true;
}

bool cf_patch_add_fix(cf_patch *p, const cf_fix *f)
{
    /* two findings fixed by the same edits (the one DependsOn key that
     * goes for both): the second is taken as done */
    if (cf_patch_has_fix(p, f))
        return true;
    for (size_t i = 0; i < f->nedits; i++)
        for (size_t j = 0; j < p->n; j++)
            if (overlaps(&f->edits[i], p->edits[j]))
                return false;
    for (size_t i = 0; i < f->nedits; i++)
        for (size_t j = i + 1; j < f->nedits; j++)
            if (overlaps(&f->edits[i], &f->edits[j]))
                return false;
    GROW(p->edits, p->cap, p->n + f->nedits);
    for (size_t i = 0; i < f->nedits; i++)
        p->edits[p->n++] = &f->edits[i];
    GROW(p->fixes, p->fixes_cap, p->nfixes + 1);
    p->fixes[p->nfixes++] = f;
    return true;
}

void cf_patch_free(cf_patch *p)
{
    free(p->edits);
    free(p->fixes);
    memset(p, 0, sizeof *p);
}

static int cmp_edit(const void *a, const void *b)
{
    const cf_edit *x = *(const cf_edit *const *)a, *y = *(const cf_edit *const *)b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* The edits in file order (a sorted copy). */
static const cf_edit **sorted(const cf_patch *p)
{
    const cf_edit **e = xmalloc(sizeof *e * (p->n ? p->n : 1));
    memcpy(e, p->edits, sizeof *e * p->n);
    if (p->n > 1)
        qsort(e, p->n, sizeof *e, cmp_edit);
    return e;
}

void cf_patch_apply(const cf_patch *p, const char *src, size_t len, cf_buf *out)
{
    const cf_edit **e = sorted(p);
    size_t at = 0;
    for (size_t i = 0; i < p->n; i++) {
        buf_add(out, src + at, e[i]->start - at);
        buf_adds(out, e[i]->text);
        at = e[i]->end;
    }
    buf_add(out, src + at, len - at);
    free(e);
}

/* --- unified diff ----------------------------------------------------- */

/* A run of whole old lines [first, last] (1-based; last < first: none) and
 * what they become. */
typedef struct block {
    uint32_t first, last;
    cf_buf text;
} block;

static uint32_t line_of(const cf_doc *doc, uint32_t off)
{
    return cf_doc_pos(doc, off).line;
}

/* The old lines an edit touches, [first, last]; an insertion of whole
 * lines before a line touches none (last = first - 1), one of text that
 * ends mid-line (indentation put before a line) touches that line. */
static void edit_lines(const cf_doc *doc, const cf_edit *e, uint32_t *first, uint32_t *last)
{
    *first = line_of(doc, e->start);
    *last = e->end > e->start ? line_of(doc, e->end - 1) : *first;
    size_t tl = strlen(e->text);
    bool whole_lines = tl && (e->text[tl - 1] == '\n' || e->text[tl - 1] == '\r');
    if (e->start == e->end && e->start == cf_doc_line_start(doc, *first) && (whole_lines || e->start == doc->len))
        *last = *first - 1;
}

static uint32_t line_end(const cf_doc *doc, uint32_t line)
{
    return line < doc->nlines ? cf_doc_line_start(doc, line + 1) : (uint32_t)doc->len;
}

/* Emit `text` as diff lines with a prefix; a last line without a line
 * break gets the usual marker. */
static void emit_lines(cf_buf *out, char prefix, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        buf_addc(out, prefix);
        buf_add(out, text + i, j - i);
        buf_addc(out, '\n');
        if (j == len)
            buf_adds(out, "\\ No newline at end of file\n");
        i = j + 1;
    }
}

static size_t count_lines(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n + (len && text[len - 1] != '\n');
}

void cf_patch_diff(const cf_doc *doc, const cf_patch *p, const char *old_label, const char *new_label, cf_buf *out)
{
    if (!p->n)
        return;
    const cf_edit **e = sorted(p);
    /* edits become blocks of whole lines; edits sharing lines share a block */
    block *blocks = xcalloc(p->n, sizeof *blocks);
    size_t nb = 0;
    for (size_t i = 0; i < p->n;) {
        uint32_t first, last;
        edit_lines(doc, e[i], &first, &last);
        /* edits on the same or on neighbouring lines share a block: the
         * old lines, then the new ones, as diff(1) shows a change */
        size_t j = i + 1;
        while (j < p->n) {
            uint32_t f2, l2;
            edit_lines(doc, e[j], &f2, &l2);
            if (f2 > last + 1)
                break;
            if (l2 > last)
                last = l2;
            j++;
        }
        block *b = &blocks[nb++];
        b->first = first;
        b->last = last;
        uint32_t from = cf_doc_line_start(doc, first), to = last >= first ? line_end(doc, last) : from;
        uint32_t at = from;
        for (size_t k = i; k < j; k++) {
            buf_add(&b->text, doc->src + at, e[k]->start - at);
            buf_adds(&b->text, e[k]->text);
            at = e[k]->end;
        }
        if (to > at)
            buf_add(&b->text, doc->src + at, to - at);
        i = j;
    }
    buf_printf(out, "--- %s\n+++ %s\n", old_label, new_label);
    const uint32_t context = 3;
    long shift = 0; /* new line numbers minus old ones so far */
    for (size_t h = 0; h < nb;) {
        /* a hunk: blocks closer than twice the context */
        size_t k = h + 1;
        while (k < nb && blocks[k].first <= blocks[k - 1].last + 2 * context + 1)
            k++;
        uint32_t first_old = blocks[h].first;
        uint32_t from = first_old > context ? first_old - context : 1;
        uint32_t last_old = blocks[k - 1].last >= blocks[k - 1].first ? blocks[k - 1].last : blocks[k - 1].first - 1;
        uint32_t to = last_old + context;
        if (to > doc->nlines)
            to = (uint32_t)doc->nlines;
        if (doc->len && line_end(doc, to) == cf_doc_line_start(doc, to) && to > last_old)
            to--; /* the empty "line" after a final line break */
        cf_buf body = {0};
        uint32_t old_count = 0, new_count = 0, line = from;
        for (size_t b = h; b < k; b++) {
            for (; line < blocks[b].first; line++) {
                uint32_t s = cf_doc_line_start(doc, line);
                emit_lines(&body, ' ', doc->src + s, line_end(doc, line) - s);
                old_count++;
                new_count++;
            }
            if (blocks[b].last >= blocks[b].first) {
                uint32_t s = cf_doc_line_start(doc, blocks[b].first);
                uint32_t t = line_end(doc, blocks[b].last);
                emit_lines(&body, '-', doc->src + s, t - s);
                old_count += blocks[b].last - blocks[b].first + 1;
                line = blocks[b].last + 1;
            }
            emit_lines(&body, '+', blocks[b].text.data ? blocks[b].text.data : "", blocks[b].text.len);
            new_count += (uint32_t)count_lines(blocks[b].text.data ? blocks[b].text.data : "", blocks[b].text.len);
        }
        for (; line <= to; line++) {
            uint32_t s = cf_doc_line_start(doc, line);
            if (s >= doc->len)
                break;
            emit_lines(&body, ' ', doc->src + s, line_end(doc, line) - s);
            old_count++;
            new_count++;
        }
        long new_from = (long)from + shift;
        buf_printf(out, "@@ -%u,%u +%ld,%u @@\n", old_count ? from : from - 1, old_count,
                   new_count ? new_from : new_from - 1, new_count);
        buf_add(out, body.data, body.len);
        buf_free(&body);
        shift += (long)new_count - (long)old_count;
        h = k;
    }
    for (size_t b = 0; b < nb; b++)
        buf_free(&blocks[b].text);
    free(blocks);
    free(e);
}
