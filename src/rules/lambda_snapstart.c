/* SnapStart on Lambda functions:
 *   E2530  SnapStart on PublishedVersions in a region without it, or for a
 *          runtime it does not support (older than Java 11, Python 3.12,
 *          .NET 8);
 *   I2530  (informational) a Java 11+ function without SnapStart, where
 *          every region linted has it;
 *   W2530  SnapStart on PublishedVersions with no AWS::Lambda::Version
 *          resource referring to the function.
 * As in cfn-lint, Runtime and SnapStart written as Fn::If are judged in
 * each way their conditions can go; findings are on SnapStart's ApplyOn
 * (SnapStart when that is not written out, Properties when SnapStart is
 * missing). */
#include "../lint.h"
#include "../refs.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E2530",
     "SnapStart supports the configured runtime",
     "To properly leverage SnapStart, you must have a runtime of Java11 or greater",
     "https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html",
     "resources,lambda"},
    {"I2530",
     "Validate that SnapStart is configured for >= Java11 runtimes",
     "SnapStart is a no-cost feature that can increase performance up to 10x. Enable SnapStart for Java 11 and greater runtimes",
     "https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html",
     "resources,lambda"},
    {"W2530",
     "Validate that SnapStart is properly configured",
     "To properly leverage SnapStart, you must configure both the lambda function and attach a Lambda version resource",
     "https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html",
     "resources,lambda"},
};

/* The regions with SnapStart, as cfn-lint 1.51.0 lists them. */
static const char *const snapstart_regions[] = {
    "us-east-2",      "us-east-1",      "us-west-1",      "us-west-2",      "af-south-1",     "ap-east-1",
    "ap-southeast-3", "ap-south-1",     "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
    "ap-northeast-1", "ca-central-1",   "eu-central-1",   "eu-west-1",      "eu-west-2",      "eu-south-1",
    "eu-west-3",      "eu-north-1",     "me-south-1",     "sa-east-1",
};

static bool has_snapstart(const char *region)
{
    for (size_t i = 0; i < sizeof snapstart_regions / sizeof snapstart_regions[0]; i++)
        if (!strcmp(snapstart_regions[i], region))
            return true;
    return false;
}

static bool runtime_supported(const char *rt)
{
    static const char *const too_old[] = {"dotnet5.0", "dotnet6",    "dotnet7",    "java8.al2", "java8",
                                          "python3.10", "python3.11", "python3.7", "python3.8", "python3.9"};
    if (strncmp(rt, "python", 6) && strncmp(rt, "java", 4) && strncmp(rt, "dotnet", 6))
        return false;
    if (!strncmp(rt, "dotnetcore", 10))
        return false;
    for (size_t i = 0; i < sizeof too_old / sizeof too_old[0]; i++)
        if (!strcmp(rt, too_old[i]))
            return false;
    return true;
}

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static void judge(cf_lint_ctx *ctx, const cf_node *props, const cf_node *runtime, const cf_node *snap)
{
    const cf_node *written = cf_map_get(props, "SnapStart");
    const cf_node *apply_key = written && written->kind == CF_MAPPING && !cf_intrinsic_name(written)
                                   ? cf_map_get(written, "ApplyOn") : NULL;
    const cf_node *at = apply_key ? cf_loc_key(apply_key) : written ? cf_loc_key(written) : cf_loc_key(props);
    bool all_supported = true;
    cf_buf missing = {0};
    for (size_t r = 0; r < ctx->opts->nregions; r++)
        if (!has_snapstart(ctx->opts->regions[r])) {
            buf_printf(&missing, "%s'%s'", all_supported ? "" : ", ", ctx->opts->regions[r]);
            all_supported = false;
        }
    bool on = snap && !(snap->kind == CF_MAPPING && !snap->len) &&
              !(snap->kind == CF_SCALAR && (snap->type == CF_TYPE_NULL || !snap->len));
    if (!on) {
        if (all_supported && is_text(runtime) && !strncmp(runtime->u.str, "java", 4) &&
            strcmp(runtime->u.str, "java8") && strcmp(runtime->u.str, "java8.al2"))
            cf_diag_at(ctx->out, ctx->doc, "I2530", at, "'%s' runtime should consider using 'SnapStart'",
                       runtime->u.str);
    } else if (snap->kind == CF_MAPPING && cf_is_str(cf_map_get(snap, "ApplyOn"), "PublishedVersions")) {
        if (!all_supported)
            cf_diag_at(ctx->out, ctx->doc, "E2530", at, "'SnapStart' enabled functions are not supported in [%s]",
                       missing.data);
        if (is_text(runtime) && !runtime_supported(runtime->u.str))
            cf_diag_at(ctx->out, ctx->doc, "E2530", at, "'%s' is not supported for 'SnapStart' enabled functions",
                       runtime->u.str);
    }
    buf_free(&missing);
}

static void judge_scenario(cf_lint_ctx *ctx, const cf_scenario *s, void *arg)
{
    const cf_node *props = arg;
    judge(ctx, props, cf_sect_in_scenario(ctx, cf_map_get(props, "Runtime"), s),
          cf_sect_in_scenario(ctx, cf_map_get(props, "SnapStart"), s));
}

typedef struct version_search {
    const char *name;
    bool found;
} version_search;

static void refers(const cf_reference *r, void *arg)
{
    version_search *v = arg;
    v->found |= r->target_len == strlen(v->name) && !strncmp(r->target, v->name, r->target_len);
}

/* An AWS::Lambda::Version that refers to the function (or waits on it). */
static bool has_version(const cf_template *t, const char *function)
{
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || strcmp(r->type_name, "AWS::Lambda::Version"))
            continue;
        version_search v = {function, false};
        cf_refs_walk(r->node, refers, &v);
        const cf_node *dep = cf_map_get(r->node, "DependsOn");
        if (cf_is_str(dep, function))
            v.found = true;
        for (uint32_t k = 0; dep && dep->kind == CF_SEQUENCE && k < dep->len; k++)
            v.found |= cf_is_str(dep->u.items[k], function);
        if (v.found)
            return true;
    }
    return false;
}

/* W2530 on one ApplyOn value: PublishedVersions, or an Fn::If's branch
 * that is (the finding then on the branch). */
static void published_apply(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *apply, int depth)
{
    const char *fn = apply ? cf_intrinsic_name(apply) : NULL;
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, apply);
        for (uint32_t i = 1; args && depth < 16 && i < 3; i++)
            published_apply(ctx, r, args->u.items[i], depth + 1);
        return;
    }
    if (cf_is_str(apply, "PublishedVersions") && !has_version(ctx->tpl, r->name))
        cf_diag_at(ctx->out, ctx->doc, "W2530", cf_loc_key(apply),
                   "'SnapStart' is enabled but an 'AWS::Lambda::Version' resource is not attached");
}

/* W2530: each ApplyOn of PublishedVersions, an Fn::If's branches too
 * (SnapStart's or ApplyOn's). */
static void published(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *snap, int depth)
{
    const char *fn = snap ? cf_intrinsic_name(snap) : NULL;
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, snap);
        for (uint32_t i = 1; args && depth < 16 && i < 3; i++)
            published(ctx, r, args->u.items[i], depth + 1);
        return;
    }
    if (!snap || snap->kind != CF_MAPPING || fn)
        return;
    published_apply(ctx, r, cf_map_get(snap, "ApplyOn"), depth);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::Lambda::Function") || !r->properties ||
            r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        const cf_node *judged[] = {cf_map_get(r->properties, "Runtime"), cf_map_get(r->properties, "SnapStart")};
        cf_sect_scenarios(ctx, judged, 2, judge_scenario, (void *)r->properties);
        published(ctx, r, cf_map_get(r->properties, "SnapStart"), 0);
    }
}

CF_FAMILY(family_lambda_snapstart, "lambda_snapstart", check, rules);
