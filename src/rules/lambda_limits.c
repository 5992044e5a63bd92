/* Lambda's size limits that fail a deployment:
 *   E3697  the environment's keys and string values together over 4 KB
 *          (as cfn-lint counts: characters, values written as functions
 *          not counted);
 *   E3716  a layer ARN longer than 176 characters plus the partition's and
 *          the region's names, for each region linted.
 * Environment, Variables, Layers and each layer are followed through the
 * Fn::If branches on the way, as cfn-lint's validator reaches them. */
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E3697",
     "Validate Lambda environment variables do not exceed 4 KB",
     "AWS Lambda limits the total size of all environment variables to 4 KB. If this limit is exceeded, the deployment will fail. This rule sums the lengths of all keys and values and validates the total does not exceed 4096 bytes.",
     "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
     "resources,lambda"},
    {"E3716",
     "Validate Lambda layer ARN length based on region",
     "Validates the Lambda layer ARN length based on region. Max length is 176 + len(partition) + len(region).",
     "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
     "resources,lambda"},
};

static size_t chars(const cf_node *s)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->len; i++)
        n += ((unsigned char)s->u.str[i] & 0xc0) != 0x80;
    return n;
}

static void environment_size(cf_lint_ctx *ctx, const cf_node *vars)
{
    if (vars->kind != CF_MAPPING || cf_intrinsic_name(vars))
        return;
    size_t total = 0;
    for (uint32_t i = 0; i < vars->len; i++) {
        const cf_node *k = vars->u.pairs[i].key, *v = vars->u.pairs[i].value;
        if (k->type == CF_TYPE_STR)
            total += chars(k);
        if (v->kind == CF_SCALAR && v->type == CF_TYPE_STR)
            total += chars(v);
    }
    if (total > 4096)
        cf_diag_at(ctx->out, ctx->doc, "E3697", cf_loc_key(vars),
                   "Lambda environment variables total size (%zu) exceeds the 4 KB (4096 bytes) limit", total);
}

/* The partition's name as cfn-lint derives it from the region's. */
static const char *partition_of(const char *region)
{
    static const struct {
        const char *prefix, *partition;
    } partitions[] = {
        {"cn-", "aws-cn"},        {"us-gov-", "aws-us-gov"}, {"us-iso-", "aws-iso"}, {"us-isof-", "aws-iso"},
        {"us-isob-", "aws-iso-b"}, {"eu-isoe-", "aws-iso-e"}, {"eusc-", "aws-iso-f"},
    };
    for (size_t i = 0; i < sizeof partitions / sizeof partitions[0]; i++)
        if (!strncmp(region, partitions[i].prefix, strlen(partitions[i].prefix)))
            return partitions[i].partition;
    return "aws";
}

static void layer_length(cf_lint_ctx *ctx, const cf_node *arn)
{
    if (arn->kind != CF_SCALAR || arn->type != CF_TYPE_STR)
        return;
    for (size_t r = 0; r < ctx->opts->nregions; r++) {
        const char *region = ctx->opts->regions[r];
        size_t max = 176 + strlen(partition_of(region)) + strlen(region);
        if (chars(arn) <= max)
            continue;
        cf_buf b = {0};
        cf_repr(&b, arn);
        cf_diag_at(ctx->out, ctx->doc, "E3716", arn, "%s is longer than %zu in '%s'", b.data, max, region);
        buf_free(&b);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::Lambda::Function") || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        static const char *const vars[] = {"Environment", "Variables", NULL};
        static const char *const layers[] = {"Layers", "*", NULL};
        cf_sect_follow(ctx, r->properties, vars, environment_size);
        cf_sect_follow(ctx, r->properties, layers, layer_length);
    }
}

CF_FAMILY(family_lambda_limits, "lambda_limits", check, rules);
