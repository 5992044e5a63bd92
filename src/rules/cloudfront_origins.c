/* E3057: a CloudFront distribution's DefaultCacheBehavior TargetOriginId
 * that names neither an origin (Origins/ * /Id) nor an origin group
 * (OriginGroups/Items/ * /Id) of the same DistributionConfig.  As in
 * cfn-lint: each way the Fn::Ifs on the way go (an origin id under a
 * condition that cannot hold with the TargetOriginId's is not seen); an
 * origin whose Id is not a string (a function, missing) stops the check;
 * the finding lists the ids seen. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "net_values.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3057",
     "Validate that CloudFront TargetOriginId is a specified Origin",
     "CloudFront TargetOriginId has to map to an Origin Id that is in the same DistributionConfig",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-defaultcachebehavior.html#cfn-cloudfront-distribution-defaultcachebehavior-targetoriginid",
     "properties,cloudfront"},
};

static bool is_str(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

typedef struct ids {
    const cf_node *config, *target;
    bool stop, found, groups; /* groups: in OriginGroups (None is skipped) */
    cf_buf seen;
} ids;

static void on_id(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    (void)ctx;
    (void)s;
    ids *x = arg;
    if (x->stop || x->found)
        return;
    if (!v && x->groups)
        return;
    if (!is_str(v)) {
        x->stop = true;
        return;
    }
    if (!strcmp(v->u.str, x->target->u.str) && v->len == x->target->len) {
        x->found = true;
        return;
    }
    if (x->seen.len)
        buf_printf(&x->seen, ", ");
    cf_repr(&x->seen, v);
}

static void on_target(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    const cf_node *config = arg;
    if (!is_str(v))
        return;
    static const char *const origins[] = {"Origins", "*", "Id", NULL};
    static const char *const groups[] = {"OriginGroups", "Items", "*", "Id", NULL};
    ids x = {config, v, false, false, false, {0}};
    net_walk(ctx, config, origins, s, on_id, &x);
    if (!x.stop && !x.found) {
        x.groups = true;
        net_walk(ctx, config, groups, s, on_id, &x);
    }
    if (!x.stop && !x.found) {
        cf_buf r = {0};
        cf_repr(&r, v);
        cf_sect_report(ctx, "E3057", v, "%s is not one of [%s]", r.data, x.seen.len ? x.seen.data : "");
        buf_free(&r);
    }
    buf_free(&x.seen);
}

static void on_config(cf_lint_ctx *ctx, const cf_node *config, const cf_scenario *s, void *arg)
{
    (void)arg;
    if (!config || config->kind != CF_MAPPING || cf_intrinsic_name(config))
        return;
    static const char *const target[] = {"DefaultCacheBehavior", "TargetOriginId", NULL};
    net_walk(ctx, config, target, s, on_target, (void *)config);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::CloudFront::Distribution") ||
            !r->properties || r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        cf_scenario base = {0};
        cf_conds_at(ctx->conds, t, r->node, &base);
        net_values(ctx, cf_map_get(r->properties, "DistributionConfig"), &base, on_config, NULL);
    }
}

CF_FAMILY(family_cloudfront_origins, "cloudfront_origins", check, rules);
