/* Checks of one service's property values that CloudFormation's schemas
 * do not express (cfn-lint's keyword rules of the same ids):
 *   E3056  an Auto Scaling group HealthCheckType list that names EC2
 *          together with other types ("EC2,ELB");
 *   E3061  S3 Intelligent-Tiering Days outside the bounds of the access
 *          tier (ARCHIVE_ACCESS 90..730, DEEP_ARCHIVE_ACCESS 180..730);
 *   E3063  a GuardDuty detector with both DataSources and Features;
 *   E3503  an ACM DomainValidationOption whose ValidationDomain is not
 *          DomainName or a superdomain of it (per condition scenario);
 *   E3504  a Backup plan lifecycle whose DeleteAfterDays is less than 90
 *          days after MoveToColdStorageAfterDays.
 * As in cfn-lint: the value is followed through Fn::If branches (AWS::NoValue
 * dropped; an Fn::If on an unknown condition not followed, unreachable
 * branches judged too); values other functions produce (Ref, Fn::Sub) are not judged
 * here (cfn-lint restates those as W1030/W1031: not done). */
#include "../cond_model.h"
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3056",
     "EC2 health check type cannot be combined with other types",
     "When specifying multiple health check types for an Auto Scaling group, EC2 cannot be combined with other "
     "health check types.",
     "https://docs.aws.amazon.com/autoscaling/ec2/userguide/health-checks-overview.html",
     "resources,autoscaling"},
    {"E3061",
     "Validate the days for tierings in IntelligentTieringConfigurations",
     "When using AWS::S3::Bucket to configure IntelligentTieringConfigurations the Tierings have minimum and "
     "maximum values",
     "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
     "resources,s3"},
    {"E3063",
     "Validate GuardDuty Detector property exclusivity",
     "The request failed because both DataSources and Features were provided. You can provide only one; it is "
     "recommended to use Features.",
     "https://docs.aws.amazon.com/pt_br/guardduty/latest/ug/guardduty-features-activation-model.html",
     "resources,guardduty"},
    {"E3503",
     "ValidationDomain is superdomain of DomainName",
     "In ValidationDomainOptions, the ValidationDomain must be a superdomain of the DomainName being validated",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
     "aws-properties-certificatemanager-certificate-domainvalidationoption.html"
     "#cfn-certificatemanager-certificate-domainvalidationoption-validationdomain",
     "certificate,certificatemanager,domainvalidationoptions,validationdomain"},
    {"E3504",
     "Check minimum 90 period is met between BackupPlan cold and delete",
     "Check that Backup plans with lifecycle rules have >= 90 days between cold and delete",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-backup-backupplan-lifecycleresourcetype.html",
     "properties,backup,plan,lifecycle"},
};

typedef void (*visit_fn)(cf_lint_ctx *ctx, const cf_node *n);

/* Call visit on each value n can be: n, or an Fn::If's branches. */
static void each_value(cf_lint_ctx *ctx, const cf_node *n, visit_fn visit, int depth)
{
    if (!n || cf_is_no_value(n) || depth > 16)
        return;
    const char *fn = cf_intrinsic_name(n);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, n); /* an unknown condition: not followed */
        if (args) {
            each_value(ctx, args->u.items[1], visit, depth + 1);
            each_value(ctx, args->u.items[2], visit, depth + 1);
        }
        return;
    }
    visit(ctx, n);
}

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* E3056 */
static void health_check_type(cf_lint_ctx *ctx, const cf_node *n)
{
    if (!is_text(n) || !strchr(n->u.str, ','))
        return;
    bool ec2 = false;
    for (const char *p = n->u.str;;) {
        const char *comma = strchr(p, ',');
        const char *e = comma ? comma : p + strlen(p);
        const char *s = p;
        while (s < e && strchr(" \t\n\r\v\f", *s))
            s++;
        while (e > s && strchr(" \t\n\r\v\f", e[-1]))
            e--;
        if (e - s == 3 && !strncmp(s, "EC2", 3))
            ec2 = true;
        if (!comma)
            break;
        p = comma + 1;
    }
    if (!ec2)
        return;
    cf_buf r = {0};
    cf_repr(&r, n);
    cf_diag_at(ctx->out, ctx->doc, "E3056", cf_loc_key(n),
               "EC2 cannot be combined with other health check types. Got %s", r.data);
    buf_free(&r);
}

/* E3061: Python's int() of a string: optional blanks and sign around
 * decimal digits (underscores between digits). */
static bool python_int(const char *s, long long *out)
{
    while (*s && strchr(" \t\n\r\v\f", *s))
        s++;
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (*s < '0' || *s > '9')
        return false;
    long long v = 0;
    for (; *s; s++) {
        if (*s == '_' && s[1] >= '0' && s[1] <= '9' && s[-1] >= '0' && s[-1] <= '9')
            continue;
        if (*s < '0' || *s > '9')
            break;
        if (v > 1000000000000LL)
            return false;
        v = v * 10 + (*s - '0');
    }
    while (*s && strchr(" \t\n\r\v\f", *s))
        s++;
    if (*s)
        return false;
    *out = neg ? -v : v;
    return true;
}

/* the Days value of the tiering being judged (per thread: -j lints files
 * side by side, and a shared one let one file judge another's Days) */
static _Thread_local const cf_node *tiering_days;

static void tiering_tier(cf_lint_ctx *ctx, const cf_node *tier)
{
    if (!is_text(tier))
        return;
    long min, max = 730;
    if (!strcmp(tier->u.str, "ARCHIVE_ACCESS"))
        min = 90;
    else if (!strcmp(tier->u.str, "DEEP_ARCHIVE_ACCESS"))
        min = 180;
    else
        return;
    /* Days through its Fn::Ifs, placed on the Days key */
    const cf_node *stack[64];
    size_t n = 0;
    stack[n++] = tiering_days;
    while (n) {
        const cf_node *d = stack[--n];
        if (!d || cf_is_no_value(d))
            continue;
        const char *fn = cf_intrinsic_name(d);
        if (fn && !strcmp(fn, "Fn::If")) {
            const cf_node *args = cf_sect_if_args(ctx->tpl, d);
            if (args && n + 2 <= 64) {
                stack[n++] = args->u.items[2];
                stack[n++] = args->u.items[1];
            }
            continue;
        }
        if (d->kind != CF_SCALAR)
            continue;
        cf_buf r = {0};
        double v;
        if (d->type == CF_TYPE_STR) {
            long long i;
            if (!python_int(d->u.str, &i))
                return; /* cfn-lint gives up on this tiering */
            v = (double)i;
            buf_printf(&r, "%lld", i);
        } else if (cf_sect_is(d, "integer", true) && cf_scalar_double(d, &v)) {
            cf_repr(&r, d);
        } else {
            continue;
        }
        if (v < min)
            cf_diag_at(ctx->out, ctx->doc, "E3061", cf_loc_key(tiering_days), "%s is less than the minimum of %ld",
                       r.data, min);
        else if (v > max)
            cf_diag_at(ctx->out, ctx->doc, "E3061", cf_loc_key(tiering_days),
                       "%s is greater than the maximum of %ld", r.data, max);
        buf_free(&r);
    }
}

static void tiering(cf_lint_ctx *ctx, const cf_node *t)
{
    if (t->kind != CF_MAPPING || cf_intrinsic_name(t))
        return;
    tiering_days = cf_map_get(t, "Days");
    if (tiering_days)
        each_value(ctx, cf_map_get(t, "AccessTier"), tiering_tier, 0);
}

/* E3504 */
static void lifecycle(cf_lint_ctx *ctx, const cf_node *l)
{
    if (l->kind != CF_MAPPING || cf_intrinsic_name(l))
        return;
    const cf_node *del = cf_map_get(l, "DeleteAfterDays"), *cold = cf_map_get(l, "MoveToColdStorageAfterDays");
    double d, c;
    if (!del || !cold || !cf_sect_is(del, "integer", true) || !cf_sect_is(cold, "integer", true) ||
        !cf_scalar_double(del, &d) || !cf_scalar_double(cold, &c) || d - c >= 90)
        return;
    cf_buf a = {0}, b = {0};
    cf_repr(&a, del);
    cf_repr(&b, cold);
    cf_diag_at(ctx->out, ctx->doc, "E3504", cf_loc_key(del),
               "DeleteAfterDays %s must be at least 90 days after MoveToColdStorageAfterDays %s", a.data, b.data);
    buf_free(&a);
    buf_free(&b);
}

/* E3503 */
struct domain_option {
    const cf_node *domain, *validation;
};

static void domain_scenario(cf_lint_ctx *ctx, const cf_scenario *s, void *arg)
{
    const struct domain_option *o = arg;
    const cf_node *domain = cf_sect_in_scenario(ctx, o->domain, s);
    const cf_node *validation = cf_sect_in_scenario(ctx, o->validation, s);
    if (!is_text(domain) || !is_text(validation) || !strcmp(domain->u.str, validation->u.str))
        return;
    size_t dl = strlen(domain->u.str), vl = strlen(validation->u.str);
    if (dl > vl && !strcmp(domain->u.str + dl - vl, validation->u.str) && domain->u.str[dl - vl - 1] == '.')
        return;
    cf_buf a = {0}, b = {0};
    cf_repr(&a, validation);
    cf_repr(&b, domain);
    cf_diag_at(ctx->out, ctx->doc, "E3503", cf_loc_key(o->domain), "%s must be a superdomain of %s", a.data, b.data);
    buf_free(&a);
    buf_free(&b);
}

static void domain_option(cf_lint_ctx *ctx, const cf_node *o)
{
    if (o->kind != CF_MAPPING || cf_intrinsic_name(o))
        return;
    struct domain_option d = {cf_map_get(o, "DomainName"), cf_map_get(o, "ValidationDomain")};
    if (!d.domain || !d.validation)
        return;
    const cf_node *values[2] = {d.domain, d.validation};
    cf_sect_scenarios(ctx, values, 2, domain_scenario, &d);
}

static const struct {
    const char *type;
    const char *path[8]; /* NULL-terminated */
    visit_fn visit;
} places[] = {
    {"AWS::AutoScaling::AutoScalingGroup", {"HealthCheckType"}, health_check_type},
    {"AWS::S3::Bucket", {"IntelligentTieringConfigurations", "*", "Tierings", "*"}, tiering},
    {"AWS::CertificateManager::Certificate", {"DomainValidationOptions", "*"}, domain_option},
    {"AWS::Backup::BackupPlan", {"BackupPlan", "BackupPlanRule", "*", "Lifecycle"}, lifecycle},
    {"AWS::Backup::BackupPlan", {"BackupPlan", "BackupPlanRule", "*", "CopyActions", "*", "Lifecycle"}, lifecycle},
};

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || !r->properties || r->properties->kind != CF_MAPPING ||
            cf_intrinsic_name(r->properties))
            continue;
        for (size_t p = 0; p < sizeof places / sizeof places[0]; p++)
            if (!strcmp(r->type_name, places[p].type))
                cf_sect_follow(ctx, r->properties, places[p].path, places[p].visit);
        if (!strcmp(r->type_name, "AWS::GuardDuty::Detector") && cf_map_get(r->properties, "DataSources") &&
            cf_map_get(r->properties, "Features"))
            cf_diag_at(ctx->out, ctx->doc, "E3063", cf_loc_key(r->properties),
                       "Both 'DataSources' and 'Features' were provided. You can provide only one; it is "
                       "recommended to use 'Features'.");
    }
}

CF_FAMILY(family_service_checks, "service_checks", check, rules);
