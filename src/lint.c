#include "lint.h"

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

/* The longest matching prefix decides: `--ignore-checks W --include-checks
 * W3005` keeps W3005 alone among the warnings. */
static size_t longest_prefix(char **prefixes, size_t n, const char *id)
{
    size_t best = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(prefixes[i]);
        if (len && strncmp(prefixes[i], id, len) == 0 && len > best)
            best = len;
    }
    return best;
}

bool cf_rule_enabled(const cf_lint_opts *opts, const char *id)
{
    static const cf_lint_opts none = {0};
    if (!opts)
        opts = &none;
    size_t ign = longest_prefix(opts->ignore_checks, opts->nignore, id);
    size_t inc = longest_prefix(opts->include_checks, opts->ninclude, id);
    if (id[0] == 'I' && !inc)
        return false;
    return !(ign && ign >= inc);
}

void cf_lint(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *out)
{
    cf_diags_clear(out);
    if (doc->failed) {
        cf_diag *d = cf_diag_span(out, doc, "E0000", doc->err_start, doc->err_end, "%s", doc->err_msg);
        /* cfn-lint marks a parse error as one column wide */
        d->end_pos = (cf_pos){d->pos.line, d->pos.col + 1};
    } else {
        cf_template tpl;
        cf_template_init(&tpl, doc);
        cf_lint_ctx ctx = {doc, opts, out, &tpl, opts ? opts->spec : NULL};
        size_t nf;
        const cf_family *const *families = cf_families(&nf);
        for (size_t i = 0; i < nf; i++)
            if (families[i]->check)
                families[i]->check(&ctx);
        cf_template_free(&tpl);
    }
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (cf_rule_enabled(opts, out->v[i].rule->id)) {
            out->v[w++] = out->v[i];
        } else {
            cf_diags tmp = {&out->v[i], 1, 1};
            cf_diags_clear(&tmp);
        }
    }
    out->n = w;
    cf_diags_sort(out);
    cf_diags_dedup(out);
}
