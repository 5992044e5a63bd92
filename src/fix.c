#include "fix.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *cf_applicability_name(cf_applicability a)
{
    switch (a) {
    case CF_FIX_SAFE: return "safe";
    case CF_FIX_UNSAFE: return "unsafe";
    default: return "display-only";
    }
}

cf_fix *cf_fix_new(const char *title, cf_applicability a)
{
    cf_fix *f = xcalloc(1, sizeof *f);
    f->title = xstrdup(title);
    f->applicability = a;
    return f;
}

void cf_fix_edit(cf_fix *f, uint32_t start, uint32_t end, const char *text)
{
    f->edits = xrealloc(f->edits, sizeof *f->edits * (f->nedits + 1));
    f->edits[f->nedits++] = (cf_edit){start, end, xstrdup(text), {0, 0}, {0, 0}};
}

void cf_fix_expect(cf_fix *f, cf_expect_kind kind, const cf_node *node, const char *key, const char *value)
{
    f->expects = xrealloc(f->expects, sizeof *f->expects * (f->nexpects + 1));
    f->expects[f->nexpects++] = (cf_expect){kind, node, key ? xstrdup(key) : NULL, value ? xstrdup(value) : NULL, NULL};
}

void cf_fix_expect_tree(cf_fix *f, cf_expect_kind kind, const cf_node *node, const char *key, cf_tree *tree)
{
    cf_fix_expect(f, kind, node, key, NULL);
    f->expects[f->nexpects - 1].tree = tree;
}

/* Frees what f holds (f itself is the caller's). */
void cf_fix_free(cf_fix *f)
{
    if (!f)
        return;
    free(f->title);
    for (size_t i = 0; i < f->nedits; i++)
        free(f->edits[i].text);
    free(f->edits);
    for (size_t i = 0; i < f->nexpects; i++) {
        free(f->expects[i].key);
        free(f->expects[i].value);
        cf_tree_free(f->expects[i].tree);
    }
    free(f->expects);
    memset(f, 0, sizeof *f);
}

void cf_fix_locate(cf_fix *f, const cf_doc *doc)
{
    for (size_t i = 0; i < f->nedits; i++) {
        f->edits[i].start_pos = cf_doc_pos(doc, f->edits[i].start);
        f->edits[i].end_pos = cf_doc_pos(doc, f->edits[i].end);
    }
}

void cf_fix_copy(cf_fix *dst, const cf_fix *src)
{
    memset(dst, 0, sizeof *dst);
    dst->title = xstrdup(src->title);
    dst->applicability = src->applicability;
    dst->edits = xcalloc(src->nedits ? src->nedits : 1, sizeof *dst->edits);
    for (size_t i = 0; i < src->nedits; i++) {
        dst->edits[i] = src->edits[i];
        dst->edits[i].text = xstrdup(src->edits[i].text);
    }
    dst->nedits = src->nedits;
}
