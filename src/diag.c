#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cf_diag *add(cf_diags *ds, const cf_doc *doc, const char *rule_id, uint32_t start,
                    uint32_t end, const char *fmt, va_list ap)
{
    const cf_rule *rule = cf_rule_find(rule_id);
    if (!rule) {
        /* A check naming a rule no family declares is a bug in cfnfix: say
         * so (the tests fail on any stderr), never crash a user's run. */
        fprintf(stderr, "cfnfix: internal error: rule %s is not declared\n", rule_id);
        rule = cf_rule_find("E0002");
    }
    GROW(ds->v, ds->cap, ds->n + 1);
    cf_diag *d = &ds->v[ds->n++];
    memset(d, 0, sizeof *d);
    d->rule = rule;
    d->seq = (uint32_t)(ds->n - 1);
    d->message = xvasprintf(fmt, ap);
    d->start = start;
    d->end = end < start ? start : end;
    d->pos = cf_doc_pos(doc, d->start);
    d->end_pos = cf_doc_pos(doc, d->end);
    return d;
}

cf_diag *cf_diag_span(cf_diags *ds, const cf_doc *doc, const char *rule_id, uint32_t start,
                      uint32_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cf_diag *d = add(ds, doc, rule_id, start, end, fmt, ap);
    va_end(ap);
    return d;
}

/* Where a YAML parser's end mark for a block collection lies: at the next
 * token (past blank lines and comments), not at the end of its content.
 * cfn-lint reports that mark as the end of a finding placed on one. */
static uint32_t block_end_mark(const cf_doc *doc, const cf_node *n)
{
    uint32_t at = n->end;
    while (at < doc->len) {
        char c = doc->src[at];
        if (c == '#') {
            while (at < doc->len && doc->src[at] != '\n')
                at++;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            at++;
        } else {
            break;
        }
    }
    return at;
}

cf_diag *cf_diag_at(cf_diags *ds, const cf_doc *doc, const char *rule_id, const cf_node *at,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cf_diag *d = add(ds, doc, rule_id, at ? at->start : 0, at ? at->end : 0, fmt, ap);
    va_end(ap);
    if (at && at->kind != CF_SCALAR && at->style == CF_STYLE_BLOCK && !(at->flags & CF_NF_SHORT_FORM) && doc->src)
        d->end_pos = cf_doc_pos(doc, block_end_mark(doc, at));
    d->has_path = true;
    if (at)
        cf_diag_about(d, at);
    d->node = at;
    return d;
}

void cf_diag_about(cf_diag *d, const cf_node *about)
{
    size_t n = cf_node_path(about, NULL, 0);
    free(d->path);
    d->path = xmalloc(sizeof(cf_pathc) * (n ? n : 1));
    cf_node_path(about, d->path, n);
    d->path_len = (uint32_t)n;
    d->node = about;
}

void cf_diag_path_add(cf_diag *d, const char *key)
{
    d->path = xrealloc(d->path, sizeof *d->path * (d->path_len + 1));
    d->path[d->path_len++] = (cf_pathc){key, 0};
}

const cf_node *cf_loc_key(const cf_node *value)
{
    const cf_node *k = cf_node_key(value);
    return k ? k : value;
}

static int cmp(const void *a, const void *b)
{
    const cf_diag *x = a, *y = b;
    if (x->pos.line != y->pos.line)
        return x->pos.line < y->pos.line ? -1 : 1;
    int c = strcmp(x->rule->id, y->rule->id);
    if (c)
        return c;
    if (x->rule->in_order && x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    if (x->pos.col != y->pos.col)
        return x->pos.col < y->pos.col ? -1 : 1;
    c = strcmp(x->message, y->message);
    if (c)
        return c;
    return x->end < y->end ? -1 : x->end > y->end;
}

void cf_diags_sort(cf_diags *ds)
{
    if (ds->n > 1)
        qsort(ds->v, ds->n, sizeof *ds->v, cmp);
}

static void diag_free(cf_diag *d)
{
    free(d->message);
    free(d->path);
    for (size_t i = 0; i < d->nfixes; i++)
        cf_fix_free(&d->fixes[i]);
    free(d->fixes);
}

void cf_diag_add_fix(cf_diag *d, cf_fix *f)
{
    d->fixes = xrealloc(d->fixes, sizeof *d->fixes * (d->nfixes + 1));
    d->fixes[d->nfixes++] = *f;
    free(f);
}

void cf_diags_dedup(cf_diags *ds)
{
    size_t w = 0;
    for (size_t i = 0; i < ds->n; i++) {
        cf_diag *d = &ds->v[i];
        if (w && ds->v[w - 1].rule == d->rule && ds->v[w - 1].start == d->start &&
            ds->v[w - 1].end == d->end && strcmp(ds->v[w - 1].message, d->message) == 0) {
            diag_free(d);
            continue;
        }
        ds->v[w++] = *d;
    }
    ds->n = w;
}

void cf_diags_clear(cf_diags *ds)
{
    for (size_t i = 0; i < ds->n; i++)
        diag_free(&ds->v[i]);
    ds->n = 0;
}

void cf_diags_free(cf_diags *ds)
{
    cf_diags_clear(ds);
    free(ds->v);
    ds->v = NULL;
    ds->cap = 0;
}
