/* E3013: a CloudFront alias (DistributionConfig/Aliases item) that is not
 * a lower-case domain name (a "*." wildcard label first at most) or that
 * holds ".*.".  As in cfn-lint: two patterns, each reported when it does
 * not match; literal strings only (each Fn::If branch on its own), a
 * dynamic reference is not judged. */
#include "../lint.h"
#include "../regex.h"
#include "../repr.h"
#include "../util.h"
#include "net_values.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E3013",
     "CloudFront Aliases",
     "CloudFront aliases should contain valid domain names",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-distributionconfig.html#cfn-cloudfront-distribution-distributionconfig-aliases",
     "properties,cloudfront"},
};

static const char *const patterns[] = {
    "^(?!.*(?:\\.\\*\\.)).*",
    "^(?:[a-z0-9\\*](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$",
};

static void on_alias(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    (void)s;
    (void)arg;
    if (!v || v->kind != CF_SCALAR || v->type != CF_TYPE_STR)
        return;
    if (cf_regex_search("^.*\\{\\{(resolve:.+)\\}\\}.*$", v->u.str, v->len) != 0)
        return; /* a dynamic reference, or too costly to tell */
    for (size_t i = 0; i < 2; i++) {
        if (cf_regex_search(patterns[i], v->u.str, v->len) != 0)
            continue;
        cf_buf r = {0}, p = {0};
        cf_repr(&r, v);
        cf_repr_str(&p, patterns[i], strlen(patterns[i]));
        cf_sect_report(ctx, "E3013", v, "%s does not match %s", r.data, p.data);
        buf_free(&r);
        buf_free(&p);
    }
}

static void check(cf_lint_ctx *ctx)
{
    static const char *const path[] = {"DistributionConfig", "Aliases", "*", NULL};
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::CloudFront::Distribution") ||
            !r->properties || r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        cf_scenario base = {0};
        cf_conds_at(ctx->conds, t, r->node, &base);
        net_walk(ctx, r->properties, path, &base, on_alias, NULL);
    }
}

CF_FAMILY(family_cloudfront_aliases, "cloudfront_aliases", check, rules);
