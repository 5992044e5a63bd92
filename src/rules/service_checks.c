/* Service rules cfn-lint checks in code, one small check each:
 *   E3061  S3 Intelligent-Tiering days: ARCHIVE_ACCESS 90-730,
 *          DEEP_ARCHIVE_ACCESS 180-730 (on Days);
 *   E3063  a GuardDuty detector with both DataSources and Features;
 *   E3056  an Auto Scaling group's HealthCheckType combining EC2 with
 *          another type;
 *   E3504  a backup lifecycle that deletes less than 90 days after it
 *          moves to cold storage (on DeleteAfterDays);
 *   E3503  a certificate's ValidationDomain that is not DomainName or a
 *          superdomain of it (on DomainName).
 * Values written out; a value that is a function is not judged. */
#include "../lint.h"
#include "../repr.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3056",
     "EC2 health check type cannot be combined with other types",
     "When specifying multiple health check types for an Auto Scaling group, EC2 cannot be combined with other health check types.",
     "https://docs.aws.amazon.com/autoscaling/ec2/userguide/health-checks-overview.html",
     "resources,autoscaling"},
    {"E3061",
     "Validate the days for tierings in IntelligentTieringConfigurations",
     "When using AWS::S3::Bucket to configure IntelligentTieringConfigurations the Tierings have minimum and maximum values",
     "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
     "resources,s3"},
    {"E3063",
     "Validate GuardDuty Detector property exclusivity",
     "The request failed because both DataSources and Features were provided. You can provide only one; it is recommended to use Features.",
     "https://docs.aws.amazon.com/pt_br/guardduty/latest/ug/guardduty-features-activation-model.html",
     "resources,guardduty"},
    {"E3503",
     "ValidationDomain is superdomain of DomainName",
     "In ValidationDomainOptions, the ValidationDomain must be a superdomain of the DomainName being validated",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-certificatemanager-certificate-domainvalidationoption.html#cfn-certificatemanager-certificate-domainvalidationoption-validationdomain",
     "certificate,certificatemanager,domainvalidationoptions,validationdomain"},
    {"E3504",
     "Check minimum 90 period is met between BackupPlan cold and delete",
     "Check that Backup plans with lifecycle rules have >= 90 days between cold and delete",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-backup-backupplan-lifecycleresourcetype.html",
     "properties,backup,plan,lifecycle"},
};

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static bool is_int(const cf_node *n, long *out)
{
    if (!n || n->kind != CF_SCALAR || n->type != CF_TYPE_INT)
        return false;
    errno = 0;
    char *end;
    long v = strtol(n->u.str, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* Python's int() of a string: an optional sign and decimal digits, blanks
 * around. */
static bool int_of_text(const char *s, long *out)
{
    while (isspace((unsigned char)*s))
        s++;
    const char *p = s + (*s == '+' || *s == '-');
    if (!isdigit((unsigned char)*p))
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static void tiering(const cf_node *t, void *arg)
{
    cf_lint_ctx *ctx = arg;
    if (t->kind != CF_MAPPING || cf_intrinsic_name(t))
        return;
    const cf_node *tier = cf_map_get(t, "AccessTier"), *days = cf_map_get(t, "Days");
    long d;
    if (!is_text(tier) || !days || !(is_int(days, &d) || (is_text(days) && int_of_text(days->u.str, &d))))
        return;
    long min = !strcmp(tier->u.str, "ARCHIVE_ACCESS") ? 90 : !strcmp(tier->u.str, "DEEP_ARCHIVE_ACCESS") ? 180 : -1;
    if (min < 0)
        return;
    if (d < min)
        cf_diag_at(ctx->out, ctx->doc, "E3061", cf_loc_key(days), "%ld is less than the minimum of %ld", d, min);
    else if (d > 730)
        cf_diag_at(ctx->out, ctx->doc, "E3061", cf_loc_key(days), "%ld is greater than the maximum of 730", d);
}

static void lifecycle(const cf_node *l, void *arg)
{
    cf_lint_ctx *ctx = arg;
    if (l->kind != CF_MAPPING || cf_intrinsic_name(l))
        return;
    const cf_node *del = cf_map_get(l, "DeleteAfterDays");
    long d, cold;
    if (is_int(del, &d) && is_int(cf_map_get(l, "MoveToColdStorageAfterDays"), &cold) && d - cold < 90)
        cf_diag_at(ctx->out, ctx->doc, "E3504", cf_loc_key(del),
                   "DeleteAfterDays %ld must be at least 90 days after MoveToColdStorageAfterDays %ld", d, cold);
}

static void validation_option(const cf_node *o, void *arg)
{
    cf_lint_ctx *ctx = arg;
    if (o->kind != CF_MAPPING || cf_intrinsic_name(o))
        return;
    const cf_node *name = cf_map_get(o, "DomainName"), *domain = cf_map_get(o, "ValidationDomain");
    if (!is_text(name) || !is_text(domain) || !strcmp(name->u.str, domain->u.str))
        return;
    size_t n = name->len, d = domain->len;
    if (n > d && name->u.str[n - d - 1] == '.' && !strcmp(name->u.str + n - d, domain->u.str))
        return;
    cf_buf a = {0}, b = {0};
    cf_repr(&a, domain);
    cf_repr(&b, name);
    cf_diag_at(ctx->out, ctx->doc, "E3503", cf_loc_key(name), "%s must be a superdomain of %s", a.data, b.data);
    buf_free(&a);
    buf_free(&b);
}

static void health_check_type(cf_lint_ctx *ctx, const cf_node *props)
{
    const cf_node *type = cf_map_get(props, "HealthCheckType");
    if (!is_text(type) || !strchr(type->u.str, ','))
        return;
    bool ec2 = false;
    for (const char *p = type->u.str; *p;) {
        size_t len = strcspn(p, ",");
        const char *s = p, *e = p + len;
        while (s < e && isspace((unsigned char)*s))
            s++;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        ec2 |= e - s == 3 && !strncmp(s, "EC2", 3);
        p += len + (p[len] == ',');
    }
    if (!ec2)
        return;
    cf_buf r = {0};
    cf_repr(&r, type);
    cf_diag_at(ctx->out, ctx->doc, "E3056", cf_loc_key(type),
               "EC2 cannot be combined with other health check types. Got %s", r.data);
    buf_free(&r);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        const cf_node *props = r->properties;
        if (!r->walked || !r->type_name || !props || props->kind != CF_MAPPING || cf_intrinsic_name(props))
            continue;
        const char *type = r->type_name;
        if (!strcmp(type, "AWS::S3::Bucket"))
            cf_each_at_path(props, "IntelligentTieringConfigurations/*/Tierings/*", tiering, ctx);
        else if (!strcmp(type, "AWS::GuardDuty::Detector") && cf_map_get(props, "DataSources") &&
                 cf_map_get(props, "Features"))
            cf_diag_at(ctx->out, ctx->doc, "E3063", cf_loc_key(props),
                       "Both 'DataSources' and 'Features' were provided. You can provide only one; it is "
                       "recommended to use 'Features'.");
        else if (!strcmp(type, "AWS::AutoScaling::AutoScalingGroup"))
            health_check_type(ctx, props);
        else if (!strcmp(type, "AWS::Backup::BackupPlan")) {
            cf_each_at_path(props, "BackupPlan/BackupPlanRule/*/Lifecycle", lifecycle, ctx);
            cf_each_at_path(props, "BackupPlan/BackupPlanRule/*/CopyActions/*/Lifecycle", lifecycle, ctx);
        } else if (!strcmp(type, "AWS::CertificateManager::Certificate"))
            cf_each_at_path(props, "DomainValidationOptions/*", validation_option, ctx);
    }
}

CF_FAMILY(family_service_checks, "service_checks", check, rules);
