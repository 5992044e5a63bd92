/* libFuzzer target: random edits on random templates.  The input is a
 * template, then (after the first 0xFF byte) a program of edits: which
 * scalar to replace and with what, which entry to delete or where to add
 * one.  Invariants: bytes outside the edits stay identical; a replaced
 * scalar always verifies (its new text reads back as the string meant);
 * a verified patch reads back as verified again. */
#include "doc.h"
#include "edit.h"
#include "patch.h"
#include "util.h"
#include "verify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct nodes {
    const cf_node **v;
    size_t n, cap;
} nodes;

static void collect(const cf_node *n, nodes *out)
{
    GROW(out->v, out->cap, out->n + 1);
    out->v[out->n++] = n;
    if (n->kind == CF_MAPPING)
        for (uint32_t i = 0; i < n->len; i++) {
            collect(n->u.pairs[i].key, out);
            collect(n->u.pairs[i].value, out);
        }
    else if (n->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < n->len; i++)
            collect(n->u.items[i], out);
}

/* A node whose text an edit may replace: written in the file, not made by
 * an alias or a short-form tag. */
static bool editable(const cf_node *n)
{
    for (const cf_node *p = n; p; p = p->parent)
        if (p->flags & (CF_NF_ALIAS | CF_NF_TAG_KEY | CF_NF_DOTTED | CF_NF_MERGED_IN))
            return false; /* text that stands elsewhere, or is a tag's */
    return n->kind == CF_SCALAR;
}

/* A plain scalar swallows the blank lines after it, tabs and all; once
 * quoted it does not, and libyaml rejects a tab on a blank line in block
 * context.  True when such a line follows n before the next content. */
static bool tab_blank_after(const cf_doc *doc, const cf_node *n)
{
    bool tab = false;
    for (uint32_t i = n->end; i < doc->len; i++) {
        char c = doc->src[i];
        if (c == '\t')
            tab = true;
        else if (c != ' ' && c != '\r' && c != '\n' && (unsigned char)c != 0xC2 && (unsigned char)c != 0x85)
            break;
    }
    return tab;
}

static bool outside_same(const cf_doc *doc, const cf_patch *p, const cf_buf *out)
{
    /* the patch's edits, in order */
    const cf_edit **e = xmalloc(sizeof *e * (p->n ? p->n : 1));
    memcpy(e, p->edits, sizeof *e * p->n);
    for (size_t i = 1; i < p->n; i++)
        for (size_t j = i; j > 0 && (e[j - 1]->start > e[j]->start ||
                                     (e[j - 1]->start == e[j]->start && e[j - 1]->end > e[j]->end)); j--) {
            const cf_edit *t = e[j];
            e[j] = e[j - 1];
            e[j - 1] = t;
        }
    size_t o = 0, q = 0;
    bool ok = true;
    for (size_t i = 0; i < p->n && ok; i++) {
        size_t keep = e[i]->start - o;
        ok = q + keep <= out->len && !memcmp(doc->src + o, out->data + q, keep);
        q += keep + strlen(e[i]->text);
        o = e[i]->end;
    }
    ok = ok && out->len - q == doc->len - o && !memcmp(doc->src + o, out->data + q, doc->len - o);
    free(e);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *sep = memchr(data, 0xFF, size);
    size_t tlen = sep ? (size_t)(sep - data) : size;
    const uint8_t *prog = sep ? sep + 1 : data + size;
    size_t plen = size - tlen - (sep ? 1 : 0);
    char *bytes = xmalloc(tlen + 1);
    memcpy(bytes, data, tlen);
    cf_doc *doc = cf_doc_load_buffer("fuzz.yaml", bytes, tlen);
    if (!doc->root || plen < 2) {
        cf_doc_free(doc);
        return 0;
    }
    nodes all = {0};
    collect(doc->root, &all);
    cf_fix *f = cf_fix_new("fuzz", CF_FIX_SAFE);
    /* scalar values replaced alone must always verify; keys (a duplicate
     * key is refused, rightly) and anchored values (their aliases would
     * differ) are outside that promise */
    bool strict = true;
    for (size_t i = 0; i < all.n; i++)
        if (all.v[i]->flags & CF_NF_ALIAS)
            strict = false;
    for (size_t i = 0; i + 1 < plen; i += 2) {
        const cf_node *n = all.v[prog[i] % all.n];
        unsigned op = prog[i + 1] % 4;
        size_t before = f->nedits, before_e = f->nexpects;
        if (op <= 1 && editable(n)) {
            /* a value from the program's remaining bytes, made printable */
            char value[16];
            size_t vl = 0;
            for (size_t k = i + 2; k < plen && vl < sizeof value - 1; k++)
                value[vl++] = (char)(0x20 + prog[k] % 0x5F);
            value[vl] = '\0';
            cf_edit_scalar(f, doc, n, op ? value : "14.10");
            /* a plain scalar over several lines decides how the blanks after
             * it scan (so does a scalar that is the whole document, tagged
             * or not: `!Tag =` then a line of tabs), and an empty one may
             * share its place with an empty key: quoting them may not read
             * back (verification refuses those) */
            bool whole_document = !n->parent || (!n->parent->parent && (n->parent->flags & CF_NF_SHORT_FORM));
            /* the same for a tab on the blank lines after a plain scalar,
             * and for the value of an explicit key with no text ("?") */
            const cf_node *key = cf_node_key(n);
            bool unwritten_key = key && key->start == key->end;
            if (n->style == CF_STYLE_PLAIN && tab_blank_after(doc, n))
                strict = false;
            /* a block scalar indicator (| or >) on a line of its own at or
             * left of its sequence's dash: libyaml takes it there, not a
             * quoted scalar (verification refuses that edit) */
            if ((n->style == CF_STYLE_LITERAL || n->style == CF_STYLE_FOLDED) && n->parent &&
                cf_doc_pos(doc, n->start).col <= cf_doc_pos(doc, n->parent->start).col)
                strict = false;
            if ((n->flags & CF_NF_KEY) || doc->src[n->start] == '&' || n->start == n->end || whole_document ||
                unwritten_key ||
                (n->style == CF_STYLE_PLAIN && memchr(doc->src + n->start, '\n', n->end - n->start)))
                strict = false;
        } else if (op == 2 && n->parent && !(n->flags & CF_NF_KEY) && editable(n)) {
            cf_edit_delete(f, doc, n);
            strict = false;
        } else if (op == 3 && n->kind == CF_MAPPING && !(n->flags & (CF_NF_SHORT_FORM | CF_NF_ALIAS))) {
            cf_edit_insert(f, doc, n, "Fuzzed", "1.10");
            strict = false;
        }
        /* one edit per node at most, and stop at the first overlap */
        cf_patch probe = {0};
        bool fits = cf_patch_add_fix(&probe, f);
        cf_patch_free(&probe);
        if (!fits) {
            for (size_t k = before; k < f->nedits; k++)
                free(f->edits[k].text);
            for (size_t k = before_e; k < f->nexpects; k++) {
                free(f->expects[k].key);
                free(f->expects[k].value);
                cf_tree_free(f->expects[k].tree);
            }
            f->nedits = before;
            f->nexpects = before_e;
            break;
        }
    }
    cf_patch p = {0};
    if (f->nedits && cf_patch_add_fix(&p, f)) {
        cf_buf out = {0};
        cf_patch_apply(&p, doc->src, doc->len, &out);
        if (!outside_same(doc, &p, &out))
            abort();
        char *nb = xmalloc(out.len + 1);
        memcpy(nb, out.data ? out.data : "", out.len);
        cf_doc *patched = cf_doc_load_buffer("fuzz.yaml", nb, out.len);
        char err[512];
        int r = cf_patch_verify(doc, patched, &p, err, sizeof err);
        if (strict && r != 0)
            abort(); /* a replaced scalar must always read back as meant */
        cf_doc_free(patched);
        buf_free(&out);
    }
    cf_patch_free(&p);
    cf_fix_free(f);
    free(f);
    free(all.v);
    cf_doc_free(doc);
    return 0;
}
