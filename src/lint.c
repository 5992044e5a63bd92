#include "lint.h"
#include "validate.h"
#include "suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cf_lint_set_today(cf_lint_opts *opts, const char *date)
{
    if (!date) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(opts->today, sizeof opts->today, "%Y-%m-%d", &tm);
        return 0;
    }
    int y, m, d;
    char tail;
    if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31 || date[4] != '-' || date[7] != '-')
        return -1;
    memcpy(opts->today, date, 11);
    return 0;
}

const char *cf_default_region(void)
{
    const char *r = getenv("AWS_REGION");
    if (!r || !*r)
        r = getenv("AWS_DEFAULT_REGION");
    return r && *r ? r : "us-east-1";
}

cf_conds *cf_lint_validator_conds(cf_lint_ctx *ctx)
{
    if (!ctx->validator_conds && ctx->tpl)
        ctx->validator_conds = cf_conds_new_context(ctx->tpl);
    return ctx->validator_conds;
}

bool cf_rule_enabled(const cf_lint_opts *opts, const char *id)
{
    if (!opts)
        return cf_ids_enabled(NULL, 0, NULL, 0, id);
    return cf_ids_enabled((const char *const *)opts->ignore_checks, opts->nignore,
                          (const char *const *)opts->include_checks, opts->ninclude, id);
}

void cf_lint_rules_on(const cf_doc *doc, const cf_lint_opts *opts, bool *on)
{
    size_t n;
    const cf_rule *const *all = cf_rules_all(&n);
    cf_suppress s;
    cf_suppress_init(&s, doc, opts);
    for (size_t i = 0; i < n; i++)
        on[i] = !doc->failed && cf_suppress_rule_on(&s, all[i]->id);
    cf_suppress_free(&s);
}

void cf_lint(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *out)
{
    cf_diags_clear(out);
    if (doc->failed) {
        cf_diag *d = cf_diag_span(out, doc, "E0000", doc->err_start, doc->err_end, "%s", doc->err_msg);
        /* cfn-lint marks a parse error as one column wide (a duplicate key
         * as wide as the key) */
        if (!doc->err_keyed)
            d->end_pos = (cf_pos){d->pos.line, d->pos.col + 1};
        for (size_t i = 0; i < doc->nalso; i++)
            cf_diag_span(out, doc, "E0000", doc->also[i].start, doc->also[i].end, "%s", doc->also[i].message);
    } else {
        cf_template tpl;
        cf_template_init(&tpl, doc);
        cf_lint_ctx ctx = {doc, opts, out, &tpl, opts ? opts->spec : NULL, cf_conds_new(&tpl), NULL,
                           cf_values_memo_new()};
        size_t nf;
        const cf_family *const *families = cf_families(&nf);
        /* a SAM template the transform cannot transform is that error alone */
        bool untransformable = cf_sam_transform_fails(&ctx);
        for (size_t i = 0; i < nf && !untransformable; i++) {
            if (cf_lint_cancelled(&ctx))
                break;
            if (families[i]->check)
                families[i]->check(&ctx);
        }
        cf_conds_free(ctx.conds);
        cf_conds_free(ctx.validator_conds);
        cf_values_memo_free(ctx.values_memo);
        cf_template_free(&tpl);
    }
    /* what the options and the template's own Metadata config keep */
    cf_suppress keep;
    cf_suppress_init(&keep, doc, opts);
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (cf_suppress_keeps(&keep, &out->v[i])) {
            out->v[w++] = out->v[i];
        } else {
            cf_diags tmp = {&out->v[i], 1, 1};
            cf_diags_clear(&tmp);
        }
    }
    out->n = w;
    cf_suppress_free(&keep);
    cf_diags_sort(out);
    cf_diags_dedup(out);
}

size_t cf_lint_type_schemas(cf_lint_ctx *ctx, const char *type, const cf_node **out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; ctx->spec && k < ctx->opts->nregions && n < max; k++) {
        const cf_node *schema = cf_spec_schema(ctx->spec, type, ctx->opts->regions[k]);
        bool again = false;
        for (size_t i = 0; i < n; i++)
            again |= out[i] == schema;
        if (schema && !again)
            out[n++] = schema;
    }
    return n;
}
