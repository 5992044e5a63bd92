/* I3013: resources whose data expires by default (SQS messages, Kinesis
 * records, automated backups, canary results) should say how long to keep
 * it.  The first retention property missing is reported, on Properties
 * (on the resource when it has none), as cfn-lint does.  An RDS instance
 * is judged by the spec's schema for it (rules/extensions.c): only a
 * non-Aurora engine written as a string, not a read replica. */
#include "../lint.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"I3013",
     "Check resources with auto expiring content have explicit retention period",
     "The behaviour for data retention is different across AWS Services.If no retention period is specified the default for some services is to delete the data after a period of time.This check requires you to explicitly set the retention period for those resources to avoid unexpected data losses",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources,retentionperiod"},
};

static const struct {
    const char *type;
    const char *properties[3]; /* NULL-terminated, in the order reported */
} retained[] = {
    {"AWS::DocDB::DBCluster", {"BackupRetentionPeriod"}},
    {"AWS::Kinesis::Stream", {"RetentionPeriodHours"}},
    {"AWS::RDS::DBCluster", {"BackupRetentionPeriod"}},
    {"AWS::Redshift::Cluster", {"AutomatedSnapshotRetentionPeriod"}},
    {"AWS::SQS::Queue", {"MessageRetentionPeriod"}},
    {"AWS::Synthetics::Canary", {"SuccessRetentionPeriod", "FailureRetentionPeriod"}},
};

/* props: the resource's Properties, or a branch of an Fn::If that is its
 * Properties (place: where a finding goes). */
static void judge(cf_lint_ctx *ctx, const char *const *needed, const cf_node *props, const cf_node *place,
                  int depth)
{
    const char *fn = props ? cf_intrinsic_name(props) : NULL;
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, props);
        for (uint32_t i = 1; args && depth < 16 && i < 3; i++)
            judge(ctx, needed, args->u.items[i], args->u.items[i], depth + 1);
        return;
    }
    if (props && (props->kind != CF_MAPPING || fn))
        return; /* E3012, or a function cfn-lint does not look into */
    for (const char *const *p = needed; *p; p++) {
        if (props && cf_map_get(props, *p))
            continue;
        cf_diag_at(ctx->out, ctx->doc, "I3013", place,
                   "'%s' is a required property (The default retention period will delete the data after "
                   "a pre-defined time. Set an explicit values to avoid data loss on resource)",
                   *p);
        return;
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || r->node->kind != CF_MAPPING)
            continue;
        for (size_t k = 0; k < sizeof retained / sizeof retained[0]; k++) {
            if (!strcmp(r->type_name, retained[k].type)) {
                const cf_node *props = cf_map_get(r->node, "Properties");
                judge(ctx, retained[k].properties, props, props ? cf_loc_key(props) : cf_loc_key(r->key), 0);
                break;
            }
        }
    }
}

CF_FAMILY(family_retention, "retention", check, rules);
