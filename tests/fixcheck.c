/* fixcheck: every fix cfnfix offers for the given templates, applied alone
 * to a copy, must re-parse, pass the verifier, leave every byte outside its
 * edits unchanged, and make its finding go away.  Prints one line per
 * failure and a summary; exit 1 when any fix fails.
 *
 *   fixcheck [--regions R1,R2] [--date YYYY-MM-DD] [--by-rule] FILE...
 *
 * --by-rule adds a table, one line per rule id, most findings first:
 * findings, with a fix (safe or unsafe), safe, unsafe, display-only (a
 * finding counts under the best alternative it has).  Coverage counts
 * only alternatives the re-linting verifier accepts alone.
 *
 * Then every fix `fix --apply --unsafe` would take is applied at once,
 * through the verifier that re-lints: the result must parse, must not
 * hold a finding (of cfnfix's) at the level of one fixed or above that was
 * not there, and a second round on it must change nothing (idempotence).
 *
 * tests/corpus-fixes.sh runs it over the shared corpus. */
#include "cli.h"
#include "doc.h"
#include "fix_apply.h"
#include "fixes.h"
#include "lint.h"
#include "patch.h"
#include "spec.h"
#include "util.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_path(const cf_diag *a, const cf_diag *b)
{
    if (a->path_len != b->path_len)
        return false;
    for (uint32_t i = 0; i < a->path_len; i++) {
        const cf_pathc *x = &a->path[i], *y = &b->path[i];
        if ((x->key == NULL) != (y->key == NULL) || (x->key ? strcmp(x->key, y->key) : x->index != y->index))
            return false;
    }
    return true;
}

static bool outside_unchanged(const cf_doc *doc, const cf_fix *f, const cf_buf *out)
{
    /* edits sorted by position within one fix */
    size_t o = 0, q = 0;
    const cf_edit **e = xmalloc(sizeof *e * (f->nedits ? f->nedits : 1));
    for (size_t i = 0; i < f->nedits; i++)
        e[i] = &f->edits[i];
    for (size_t i = 1; i < f->nedits; i++)
        for (size_t j = i; j > 0 && (e[j - 1]->start > e[j]->start ||
                                     (e[j - 1]->start == e[j]->start && e[j - 1]->end > e[j]->end)); j--) {
            const cf_edit *t = e[j];
            e[j] = e[j - 1];
            e[j - 1] = t;
        }
    bool ok = true;
    for (size_t i = 0; i < f->nedits && ok; i++) {
        size_t keep = e[i]->start - o;
        ok = q + keep <= out->len && !memcmp(doc->src + o, out->data + q, keep);
        q += keep + strlen(e[i]->text);
        o = e[i]->end;
    }
    ok = ok && out->len - q == doc->len - o && !memcmp(doc->src + o, out->data + q, doc->len - o);
    free(e);
    return ok;
}

/* Coverage of one rule id: findings, then those whose best alternative
 * is safe, unsafe, display-only (cf_applicability order). */
typedef struct rule_count {
    const char *id;
    size_t findings, best[3];
} rule_count;

typedef struct rule_counts {
    rule_count *v;
    size_t n;
} rule_counts;

static void count_rule(rule_counts *rc, const char *id, int best)
{
    size_t i = 0;
    while (i < rc->n && strcmp(rc->v[i].id, id) != 0)
        i++;
    if (i == rc->n) {
        rc->v = xrealloc(rc->v, sizeof *rc->v * (rc->n + 1));
        rc->v[rc->n++] = (rule_count){id, 0, {0}};
    }
    rc->v[i].findings++;
    if (best < 3)
        rc->v[i].best[best]++;
}

static int by_findings(const void *a, const void *b)
{
    const rule_count *x = a, *y = b;
    if (x->findings != y->findings)
        return x->findings < y->findings ? 1 : -1;
    return strcmp(x->id, y->id);
}

static void print_by_rule(rule_counts *rc)
{
    qsort(rc->v, rc->n, sizeof *rc->v, by_findings);
    printf("by-rule: %-6s %8s %6s %6s %6s %7s\n", "rule", "findings", "fixed", "safe", "unsafe", "display");
    for (size_t i = 0; i < rc->n; i++) {
        const rule_count *r = &rc->v[i];
        printf("by-rule: %-6s %8zu %6zu %6zu %6zu %7zu\n", r->id, r->findings, r->best[CF_FIX_SAFE] + r->best[CF_FIX_UNSAFE],
               r->best[CF_FIX_SAFE], r->best[CF_FIX_UNSAFE], r->best[CF_FIX_DISPLAY]);
    }
}

/* Every fix fix --unsafe would take, applied through the re-linting
 * verifier. */
static size_t apply_all(const cf_doc *doc, const cf_lint_opts *opts, const cf_diags *ds, cf_fix_result *res)
{
    const cf_fix **take = xmalloc((ds->n + 1) * sizeof *take);
    size_t n = 0;
    for (size_t k = 0; k < ds->n; k++) {
        const cf_fix *f = cf_fix_choose(&ds->v[k], true);
        if (f)
            take[n++] = f;
    }
    cf_fix_judge judge = {opts, ds, true};
    size_t applied = cf_fix_apply_judged(doc, take, n, &judge, NULL, NULL, res);
    free(take);
    return applied;
}

int main(int argc, char **argv)
{
    cf_lint_opts opts = {0};
    cf_lint_set_today(&opts, NULL);
    int first = 1;
    bool by_rule = false;
    rule_counts rc = {0};
    while (first < argc && argv[first][0] == '-' && argv[first][1] == '-' && first + 1 < argc) {
        if (!strcmp(argv[first], "--by-rule")) {
            by_rule = true;
            first++;
            continue;
        }
        if (!strcmp(argv[first], "--regions"))
            cli_split_list(argv[first + 1], &opts.regions, &opts.nregions);
        else if (!strcmp(argv[first], "--date"))
            cf_lint_set_today(&opts, argv[first + 1]);
        first += 2;
    }
    if (!opts.nregions)
        cli_split_list("us-east-1", &opts.regions, &opts.nregions);
    char err[1024];
    opts.spec = cf_spec_open(err, sizeof err);
    if (!opts.spec) {
        fprintf(stderr, "fixcheck: %s\n", err);
        return 2;
    }
    size_t offered = 0, passed = 0;
    /* coverage: findings, and those with an alternative by applicability
     * (a finding counts under the best it has: safe, unsafe, display-only) */
    size_t findings = 0, with_fix[3] = {0};
    size_t files_fixed = 0, files_failed = 0;
    size_t relint_refused = 0; /* offered, but refused alone by the re-linting verifier */
    for (int i = first; i < argc; i++) {
        cf_read_error rerr;
        cf_doc *doc = cf_doc_load_file(argv[i], &rerr);
        if (!doc)
            continue;
        cf_diags ds = {0};
        cf_lint(doc, &opts, &ds);
        cf_fixes_suggest(doc, &opts, &ds);
        for (size_t k = 0; k < ds.n; k++) {
            const cf_diag *d = &ds.v[k];
            for (size_t a = 0; a < d->nfixes; a++) {
                const cf_fix *f = &d->fixes[a];
                offered++;
                cf_patch p = {0};
                const char *why = NULL;
                cf_buf out = {0};
                if (!cf_patch_add_fix(&p, f)) {
                    why = "its own edits overlap";
                } else {
                    cf_patch_apply(&p, doc->src, doc->len, &out);
                    char *bytes = xmalloc(out.len + 1);
                    memcpy(bytes, out.data ? out.data : "", out.len);
                    cf_doc *fixed = cf_doc_load_buffer(argv[i], bytes, out.len);
                    if (fixed->failed)
                        why = "the result does not parse";
                    else if (cf_patch_verify(doc, fixed, &p, err, sizeof err) < 0)
                        why = err;
                    else if (!outside_unchanged(doc, f, &out))
                        why = "bytes outside the edits changed";
                    else {
                        cf_diags after = {0};
                        cf_lint(fixed, &opts, &after);
                        for (size_t m = 0; m < after.n && !why; m++)
                            if (after.v[m].rule == d->rule && same_path(&after.v[m], d) &&
                                !strcmp(after.v[m].message, d->message))
                                why = "the finding is still there";
                        cf_diags_free(&after);
                    }
                    cf_doc_free(fixed);
                }
                if (why)
                    printf("FAIL %s:%u:%u %s \"%s\": %s\n", argv[i], d->pos.line, d->pos.col, d->rule->id, f->title, why);
                else
                    passed++;
                buf_free(&out);
                cf_patch_free(&p);
            }
        }
        /* coverage counts the alternatives the verifier that re-lints
         * accepts alone (what `lint -f json` lists and `fix` applies) */
        size_t before = 0, after = 0;
        for (size_t k = 0; k < ds.n; k++)
            before += ds.v[k].nfixes;
        cf_fixes_drop_unverified(doc, &opts, &ds);
        for (size_t k = 0; k < ds.n; k++) {
            const cf_diag *d = &ds.v[k];
            after += d->nfixes;
            findings++;
            int best = 3;
            for (size_t a = 0; a < d->nfixes; a++)
                if ((int)d->fixes[a].applicability < best)
                    best = (int)d->fixes[a].applicability;
            if (best < 3)
                with_fix[best]++;
            count_rule(&rc, d->rule->id, best);
        }
        relint_refused += before - after;
        /* the whole file, as fix --apply --unsafe does it */
        if (!doc->failed) {
            const char *why = NULL;
            char *detail = NULL;
            cf_fix_result res;
            size_t n = apply_all(doc, &opts, &ds, &res);
            if (n) {
                files_fixed++;
                if (res.doc->failed) {
                    why = "the fixed file does not parse";
                } else {
                    cf_diags again = {0};
                    cf_lint(res.doc, &opts, &again);
                    cf_fixes_suggest(res.doc, &opts, &again);
                    cf_fix_result res2;
                    if (apply_all(res.doc, &opts, &again, &res2)) {
                        why = "a second run changes it again";
                        detail = xstrdup(res2.patch.nfixes ? res2.patch.fixes[0]->title : "");
                    }
                    cf_fix_result_free(&res2);
                    cf_diags_free(&again);
                }
            }
            if (why) {
                files_failed++;
                printf("FAIL %s: %s%s%s\n", argv[i], why, detail ? ": " : "", detail ? detail : "");
            }
            free(detail);
            cf_fix_result_free(&res);
        }
        cf_diags_free(&ds);
        cf_doc_free(doc);
    }
    size_t fixed = with_fix[CF_FIX_SAFE] + with_fix[CF_FIX_UNSAFE];
    printf("coverage: %zu findings, %zu with a fix (%.1f%%: %zu safe, %zu unsafe), %zu display-only; %zu offered "
           "fixes the re-linting verifier refuses are not counted\n",
           findings, fixed, findings ? 100.0 * (double)fixed / (double)findings : 0.0, with_fix[CF_FIX_SAFE],
           with_fix[CF_FIX_UNSAFE], with_fix[CF_FIX_DISPLAY], relint_refused);
    if (by_rule)
        print_by_rule(&rc);
    free(rc.v);
    printf("whole files: %zu fixed with --unsafe, %zu failed (parse, new finding, not idempotent)\n", files_fixed,
           files_failed);
    printf("fixcheck: %zu fixes offered, %zu passed, %zu failed\n", offered, passed, offered - passed);
    cf_spec_close(opts.spec);
    cli_free_list(opts.regions, opts.nregions);
    return passed == offered && !files_failed ? 0 : 1;
}
