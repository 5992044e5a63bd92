/* Accepting fixes; see fix_apply.h. */
#include "fix_apply.h"

#include "util.h"
#include "verify.h"

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

static void refuse(cf_fix_result *r, cf_fix_refused_fn *refused, void *ctx, cf_fix_refusal why, const cf_fix *f,
                   const char *detail)
{
    r->refused++;
    if (refused)
        refused(ctx, why, f, detail);
}

size_t cf_fix_apply(const cf_doc *doc, const cf_fix *const *fixes, size_t n, cf_fix_refused_fn *refused, void *ctx,
                    cf_fix_result *out)
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
    out->doc = patched(doc, &out->patch, err, sizeof err);
    if (out->doc) {
        out->applied = taken;
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
