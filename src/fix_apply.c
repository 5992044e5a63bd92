/* Accepting fixes; see fix_apply.h. */
#include "fix_apply.h"

#include "util.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const cf_fix *cf_fix_choose(const cf_diag *d, bool unsafe)
{
    for (size_t i = 0; i < d->nfixes; i++) {
        const cf_fix *f = &d->fixes[i];
        if (f->applicability == CF_FIX_SAFE || (f->applicability == CF_FIX_UNSAFE && unsafe))
            return f;
    }
    return NULL;
}

/* doc with p applied, parsed again, when it verifies; else NULL with the
 * reason in err. */
static cf_doc *patched(const cf_doc *doc, const cf_patch *p, char *err, size_t errsize)
{
    cf_buf out = {0};
    cf_patch_apply(p, doc->src, doc->len, &out);
    /* the core keeps the bytes it is handed, with one spare byte */
    char *bytes = xmalloc(out.len + 1);
    memcpy(bytes, out.data ? out.data : "", out.len);
    cf_doc *fixed = cf_doc_load_buffer(doc->name, bytes, out.len);
    buf_free(&out);
    if (cf_patch_verify(doc, fixed, p, err, errsize) < 0) {
        cf_doc_free(fixed);
        return NULL;
    }
    return fixed;
}

static bool same_path(const cf_diag *a, const cf_diag *b);

static bool same_message(const cf_diag *a, const cf_diag *b)
{
    return a->rule == b->rule && !strcmp(a->message, b->message);
}

/* The result lints as the judge wants (see fix_apply.h); else why not. */
static bool relints(const cf_fix_judge *j, const cf_patch *p, const cf_doc *fixed, char *err, size_t errsize)
{
    cf_diags after = {0};
    cf_lint(fixed, j->opts, &after);
    bool ok = true;
    cf_level least = CF_LEVEL_ERROR; /* the least severe level fixed */
    for (size_t i = 0; ok && i < p->nfixes; i++) {
        const cf_diag *d = cf_fix_owner(j->before, p->fixes[i]);
        if (!d)
            continue;
        if (cf_rule_level(d->rule) > least)
            least = cf_rule_level(d->rule);
        if (d->rule->history)
            continue; /* the last deployment still failed there; the fix is for the next */
        for (size_t k = 0; ok && k < after.n; k++)
            if (same_message(d, &after.v[k]) && same_path(d, &after.v[k])) {
                snprintf(err, errsize, "its finding is still there after it (%s: %s)", d->rule->id, d->message);
                ok = false;
            }
    }
    /* each finding before accounts for one after with its rule and
     * message; one the patch does not fix, also for one with its rule at
     * its place whose message changed (quoting 14.10 turns W3691's
     * '14.1' into '14.10': the same finding, worded for the new text) */
    bool *used = xcalloc(j->before->n + 1, sizeof *used);
    bool *fixed_here = xcalloc(j->before->n + 1, sizeof *fixed_here);
    for (size_t i = 0; i < p->nfixes; i++) {
        const cf_diag *d = cf_fix_owner(j->before, p->fixes[i]);
        if (d)
            fixed_here[d - j->before->v] = true;
    }
    for (size_t k = 0; ok && k < after.n; k++) {
        const cf_diag *a = &after.v[k];
        bool old = false;
        for (size_t b = 0; !old && b < j->before->n; b++)
            if (!used[b] && same_message(a, &j->before->v[b]))
                old = used[b] = true;
        for (size_t b = 0; !old && b < j->before->n; b++)
            if (!used[b] && !fixed_here[b] && a->rule == j->before->v[b].rule && same_path(a, &j->before->v[b]))
                old = used[b] = true;
        if (!old && cf_rule_level(a->rule) <= least) {
            snprintf(err, errsize, "it brings a new finding at line %u: %s %s", a->pos.line, a->rule->id, a->message);
            ok = false;
        }
    }
    free(used);
    free(fixed_here);
    cf_diags_free(&after);
    return ok;
}

/* doc with p applied when it verifies and, with a judge, relints. */
static cf_doc *attempt(const cf_doc *doc, const cf_patch *p, const cf_fix_judge *j, char *err, size_t errsize)
{
    cf_doc *fixed = patched(doc, p, err, errsize);
    if (fixed && j && !relints(j, p, fixed, err, errsize)) {
        cf_doc_free(fixed);
        return NULL;
    }
    return fixed;
}

static void refuse(cf_fix_result *r, cf_fix_refused_fn *refused, void *ctx, cf_fix_refusal why, const cf_fix *f,
                   const char *detail)
{
    r->refused++;
    if (refused)
        refused(ctx, why, f, detail);
}

/* p plus f passes (the result in *doc_out, replacing what was there). */
static bool try_add(const cf_doc *doc, cf_patch *p, const cf_fix *f, const cf_fix_judge *j, cf_doc **doc_out,
                    char *err, size_t errsize)
{
    cf_patch with = {0};
    for (size_t i = 0; i < p->nfixes; i++)
        cf_patch_add_fix(&with, p->fixes[i]);
    if (!cf_patch_add_fix(&with, f)) {
        snprintf(err, errsize, "it overlaps a fix already taken");
        cf_patch_free(&with);
        return false;
    }
    cf_doc *fixed = attempt(doc, &with, j, err, errsize);
    if (!fixed) {
        cf_patch_free(&with);
        return false;
    }
    cf_doc_free(*doc_out);
    *doc_out = fixed;
    cf_patch_free(p);
    *p = with;
    return true;
}

static size_t apply(const cf_doc *doc, const cf_fix *const *fixes, size_t n, const cf_fix_judge *j,
                    cf_fix_refused_fn *refused, void *ctx, cf_fix_result *out)
{
    memset(out, 0, sizeof *out);
    size_t taken = 0; /* a fix whose edits another already made counts once */
    for (size_t i = 0; i < n; i++) {
        if (fixes[i]->applicability == CF_FIX_DISPLAY)
            refuse(out, refused, ctx, CF_FIX_DISPLAY_ONLY, fixes[i], "");
        else if (cf_patch_has_fix(&out->patch, fixes[i]))
            continue;
        else if (!cf_patch_add_fix(&out->patch, fixes[i]))
            refuse(out, refused, ctx, CF_FIX_OVERLAPS, fixes[i], "");
        else
            taken++;
    }
    if (!out->patch.nfixes)
        return 0;
    char err[512];
    out->doc = attempt(doc, &out->patch, j, err, sizeof err);
    if (out->doc) {
        out->applied = taken;
    } else if (j) {
        /* one by one: each kept when it passes with those kept before it,
         * else its finding's next alternative that may be applied */
        cf_patch all = out->patch;
        memset(&out->patch, 0, sizeof out->patch);
        for (size_t i = 0; i < all.nfixes; i++) {
            const cf_fix *f = all.fixes[i];
            if (try_add(doc, &out->patch, f, j, &out->doc, err, sizeof err))
                continue;
            char first_err[512];
            snprintf(first_err, sizeof first_err, "%s", err);
            const cf_diag *d = cf_fix_owner(j->before, f);
            bool replaced = false;
            for (size_t k = d ? (size_t)(f - d->fixes) + 1 : 0; d && k < d->nfixes && !replaced; k++) {
                const cf_fix *alt = &d->fixes[k];
                if (alt->applicability == CF_FIX_SAFE || (alt->applicability == CF_FIX_UNSAFE && j->unsafe))
                    replaced = try_add(doc, &out->patch, alt, j, &out->doc, err, sizeof err);
            }
            if (!replaced)
                refuse(out, refused, ctx, CF_FIX_UNVERIFIED, f, first_err);
        }
        cf_patch_free(&all);
        out->applied = out->doc ? out->patch.nfixes : 0;
    } else {
        /* find the fixes that do not verify on their own, drop them, retry */
        cf_patch good = {0};
        for (size_t i = 0; i < out->patch.nfixes; i++) {
            cf_patch one = {0};
            cf_patch_add_fix(&one, out->patch.fixes[i]);
            cf_doc *alone = patched(doc, &one, err, sizeof err);
            if (alone)
                cf_patch_add_fix(&good, out->patch.fixes[i]);
            else
                refuse(out, refused, ctx, CF_FIX_UNVERIFIED, out->patch.fixes[i], err);
            cf_doc_free(alone);
            cf_patch_free(&one);
        }
        cf_patch_free(&out->patch);
        out->patch = good;
        if (out->patch.nfixes) {
            out->doc = patched(doc, &out->patch, err, sizeof err);
            if (!out->doc)
                refuse(out, refused, ctx, CF_FIX_COMBINED, NULL, err);
        }
        out->applied = out->doc ? out->patch.nfixes : 0;
    }
    return out->applied;
}

size_t cf_fix_apply(const cf_doc *doc, const cf_fix *const *fixes, size_t n, cf_fix_refused_fn *refused, void *ctx,
                    cf_fix_result *out)
{
    return apply(doc, fixes, n, NULL, refused, ctx, out);
}

size_t cf_fix_apply_judged(const cf_doc *doc, const cf_fix *const *fixes, size_t n, const cf_fix_judge *judge,
                           cf_fix_refused_fn *refused, void *ctx, cf_fix_result *out)
{
    return apply(doc, fixes, n, judge, refused, ctx, out);
}

void cf_fix_result_free(cf_fix_result *r)
{
    cf_doc_free(r->doc);
    cf_patch_free(&r->patch);
    memset(r, 0, sizeof *r);
}

static bool same_path(const cf_diag *a, const cf_diag *b)
{
    if (a->has_path != b->has_path || a->path_len != b->path_len)
        return false;
    for (uint32_t i = 0; i < a->path_len; i++) {
        const cf_pathc *x = &a->path[i], *y = &b->path[i];
        if (!x->key != !y->key || (x->key ? strcmp(x->key, y->key) != 0 : x->index != y->index))
            return false;
    }
    return true;
}

bool cf_fix_finding_remains(const cf_diag *d, const cf_diags *after)
{
    for (size_t i = 0; i < after->n; i++)
        if (after->v[i].rule == d->rule && same_path(d, &after->v[i]))
            return true;
    return false;
}

const cf_diag *cf_fix_owner(const cf_diags *ds, const cf_fix *f)
{
    for (size_t i = 0; i < ds->n; i++)
        if (ds->v[i].nfixes && f >= ds->v[i].fixes && f < ds->v[i].fixes + ds->v[i].nfixes)
            return &ds->v[i];
    return NULL;
}
