/* E9111-E9114: what AWS said it offers in a region, imported with `spec
 * import-aws` (aws_import.h), against the template: an RDS instance class
 * RDS cannot order for the engine version (cfn-lint's E3062 judges the
 * shipped data, not the region's answer), an ElastiCache engine version the
 * region does not offer, an EC2 instance type the region does not have, a
 * DocumentDB or Neptune engine version the region does not offer (E9114).
 * Only where facts were imported for the region and engine, and only plain
 * values: a value behind a function is not judged.  Each finding names the
 * data that decided it and carries its fixes: the nearest offered class,
 * version or type. */
#include "../aws_facts.h"
#include "../edit.h"
#include "../lint.h"
#include "../repr.h"
#include "../version.h"
#include "section.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E9111",
     "RDS instance class not orderable for the engine version in the region",
     "The instance class is not among the options 'aws rds describe-orderable-db-instance-options' gave for the "
     "engine and engine version in the region (imported with 'cfnfix spec import-aws'): creating the instance "
     "would fail.",
     "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html",
     "resources,rds,aws-facts"},
    {"E9112",
     "ElastiCache engine version not offered in the region",
     "The engine version is not among those 'aws elasticache describe-cache-engine-versions' listed for the "
     "region (imported with 'cfnfix spec import-aws').",
     "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html",
     "resources,elasticache,aws-facts"},
    {"E9113",
     "EC2 instance type not offered in the region",
     "The instance type is not among those 'aws ec2 describe-instance-type-offerings --location-type region' "
     "listed for the region (imported with 'cfnfix spec import-aws').",
     "https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-regions.html",
     "resources,ec2,aws-facts"},
    {"E9114",
     "DocumentDB or Neptune engine version not offered in the region",
     "The engine version is not among the available ones 'aws docdb describe-db-engine-versions' or 'aws "
     "neptune describe-db-engine-versions' listed for the region (imported with 'cfnfix spec import-aws').",
     "https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-upgrade.html",
     "resources,docdb,neptune,aws-facts"},
};

/* A plain value as CloudFormation receives it (a number as Python prints
 * it); NULL for anything else. */
static char *plain_text(const cf_node *v)
{
    if (!v || v->kind != CF_SCALAR)
        return NULL;
    if (v->type == CF_TYPE_STR)
        return xstrdup(v->u.str);
    if (v->type == CF_TYPE_INT || v->type == CF_TYPE_FLOAT) {
        cf_buf b = {0};
        cf_repr(&b, v);
        return buf_steal(&b);
    }
    return NULL;
}

static char *lower(const char *s)
{
    char *l = xstrdup(s);
    for (char *p = l; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return l;
}

/* Regions where a check failed, and the data that decided the first. */
typedef struct failed_in {
    cf_buf regions;
    cf_facts first;
    const char *first_region;
} failed_in;

static void failed_add(failed_in *f, const char *region, const cf_facts *facts)
{
    if (!f->first_region) {
        f->first = *facts;
        f->first_region = region;
    }
    buf_printf(&f->regions, "%s%s", f->regions.len ? ", " : "", region);
}

static cf_diag *report(cf_lint_ctx *ctx, const char *rule, const cf_node *value, failed_in *f, const char *what,
                       const char *tail)
{
    cf_diag *d = cf_diag_at(ctx->out, ctx->doc, rule, cf_loc_key(value), "%s in %s (imported from %s on %s)%s", what,
                            f->regions.data, f->first.file, f->first.date, tail);
    buf_free(&f->regions);
    return d;
}

static void add_fix(cf_lint_ctx *ctx, cf_diag *d, const cf_node *value, const char *to, bool safe, const char *why)
{
    char *title = xasprintf("Change %s to %s, %s", cf_loc_key(value)->u.str, to, why);
    cf_fix *f = cf_fix_new(title, safe ? CF_FIX_SAFE : CF_FIX_UNSAFE);
    cf_edit_scalar(f, ctx->doc, value, to);
    cf_diag_add_fix(d, f);
    free(title);
}

/* The nearest offered classes or types that every failing region offers. */
typedef bool (*offered_fn)(cf_lint_ctx *ctx, const char *region, const char *name, void *arg);

static void add_class_fixes(cf_lint_ctx *ctx, cf_diag *d, const cf_node *value, const cf_node *offered,
                            offered_fn everywhere, void *arg, const char *noun)
{
    cf_class_pick picks[2];
    size_t n = cf_facts_nearest_class(offered, value->u.str, picks);
    for (size_t k = 0; k < n; k++) {
        bool ok = true;
        for (size_t r = 0; r < ctx->opts->nregions; r++)
            ok &= everywhere(ctx, ctx->opts->regions[r], picks[k].name, arg);
        if (!ok)
            continue;
        char *why = xasprintf(picks[k].safe ? "the nearest %s offered (same family and size)"
                                            : "the nearest %s offered (another architecture: check the software)",
                              noun);
        add_fix(ctx, d, value, picks[k].name, picks[k].safe, why);
        free(why);
    }
}

/* --- RDS ---------------------------------------------------------------- */

typedef struct rds_arg {
    const char *engine, *version;
} rds_arg;

static bool orderable_in(cf_lint_ctx *ctx, const char *region, const char *name, void *arg)
{
    const rds_arg *a = arg;
    cf_facts f;
    return !cf_facts_orderable(ctx->spec, a->engine, a->version, region, &f) || cf_facts_has(f.offered, name);
}

/* An Aurora instance's version is its cluster's: the EngineVersion of the
 * DBCluster its DBClusterIdentifier refers to (a Ref in the template). */
static const cf_node *cluster_version(cf_lint_ctx *ctx, const cf_node *props)
{
    const cf_node *ref = cf_map_get(cf_map_get(props, "DBClusterIdentifier"), "Ref");
    const cf_resource *c = ref && ref->kind == CF_SCALAR ? cf_template_resource(ctx->tpl, ref->u.str) : NULL;
    if (!c || !c->type_name || strcmp(c->type_name, "AWS::RDS::DBCluster"))
        return NULL;
    return cf_map_get(c->properties, "EngineVersion");
}

static void check_rds(cf_lint_ctx *ctx, const cf_resource *r, const char *class_key)
{
    const cf_node *props = r->properties;
    const cf_node *cls = cf_map_get(props, class_key);
    const cf_node *engine_node = cf_map_get(props, "Engine");
    if (!cls || cls->kind != CF_SCALAR || cls->type != CF_TYPE_STR || !engine_node || engine_node->kind != CF_SCALAR ||
        engine_node->type != CF_TYPE_STR)
        return;
    const cf_node *vnode = cf_map_get(props, "EngineVersion");
    char *version = plain_text(vnode ? vnode : cluster_version(ctx, props));
    if (!version)
        return;
    char *engine = lower(engine_node->u.str);
    rds_arg arg = {engine, version};
    failed_in f = {0};
    const cf_node *offered = NULL;
    for (size_t i = 0; i < ctx->opts->nregions; i++) {
        cf_facts facts;
        if (cf_facts_orderable(ctx->spec, engine, version, ctx->opts->regions[i], &facts) &&
            !cf_facts_has(facts.offered, cls->u.str)) {
            failed_add(&f, ctx->opts->regions[i], &facts);
            if (!offered)
                offered = facts.offered;
        }
    }
    if (f.first_region) {
        char *what = xasprintf("'%s' is not orderable for %s %s", cls->u.str, engine, version);
        cf_diag *d = report(ctx, "E9111", cls, &f, what, "");
        add_class_fixes(ctx, d, cls, offered, orderable_in, &arg, "instance class");
        free(what);
    }
    free(engine);
    free(version);
}

/* --- ElastiCache -------------------------------------------------------- */

/* Offered: listed, or a shorter form of a listed version ("7" for 7.1).
 * "6.x"-style versions are CloudFormation's own spelling: not judged. */
static bool version_offered(const cf_node *versions, const char *v)
{
    if (strchr(v, 'x') || cf_map_get(versions, v))
        return true;
    size_t n = strlen(v);
    for (uint32_t i = 0; i < versions->len; i++) {
        const char *k = versions->u.pairs[i].key->u.str;
        if (!strncmp(k, v, n) && k[n] == '.')
            return true;
    }
    return false;
}

static void major_of(const char *v, char *out, size_t size)
{
    size_t n = strcspn(v, ".");
    if (n >= size)
        n = size - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

/* The nearest available version of the same major, not older; else the
 * lowest newer major's newest (unsafe: a major upgrade). */
static void add_version_fix(cf_lint_ctx *ctx, cf_diag *d, const cf_node *vnode, const char *version,
                            const cf_node *offered, const char *service)
{
    char major[32], m[32];
    major_of(version, major, sizeof major);
    const char *same = NULL, *next = NULL;
    char next_major[32] = "";
    for (uint32_t i = 0; i < offered->len; i++) {
        const char *v = offered->u.pairs[i].key->u.str;
        if (!cf_is_str(offered->u.pairs[i].value, "available"))
            continue;
        major_of(v, m, sizeof m);
        if (!strcmp(m, major) && cf_version_cmp(v, version) > 0 && (!same || cf_version_cmp(v, same) < 0))
            same = v;
        else if (cf_version_cmp(m, major) > 0 &&
                 (!next || cf_version_cmp(m, next_major) < 0 ||
                  (!strcmp(m, next_major) && cf_version_cmp(v, next) > 0))) {
            next = v;
            snprintf(next_major, sizeof next_major, "%s", m);
        }
    }
    if (vnode->type == CF_TYPE_STR && same) {
        char *why = xasprintf("the nearest version %s offers", service);
        add_fix(ctx, d, vnode, same, true, why);
        free(why);
    } else if (vnode->type == CF_TYPE_STR && next) {
        char *why = xasprintf("a major version upgrade from %s to %s", major, next_major);
        add_fix(ctx, d, vnode, next, false, why);
        free(why);
    }
}

/* Available versions of a mapping, as text. */
static void list_available(const cf_node *offered, cf_buf *out)
{
    for (uint32_t i = 0; i < offered->len; i++)
        if (cf_is_str(offered->u.pairs[i].value, "available"))
            buf_printf(out, "%s%s", out->len ? ", " : "", offered->u.pairs[i].key->u.str);
}

/* An engine version the facts do not offer: the finding, naming what is
 * offered, and its fix. */
static void report_version(cf_lint_ctx *ctx, const char *rule, const cf_node *vnode, const char *version,
                           const char *engine, failed_in *f, const cf_node *offered, const char *service)
{
    cf_buf listed = {0};
    list_available(offered, &listed);
    char *what = xasprintf("Engine version '%s' for %s is not offered by %s", version, engine, service);
    char *tail = xasprintf("; offered: %s", listed.data ? listed.data : "none");
    cf_diag *d = report(ctx, rule, vnode, f, what, tail);
    add_version_fix(ctx, d, vnode, version, offered, service);
    free(tail);
    free(what);
    buf_free(&listed);
}

/* A DocumentDB or Neptune cluster's EngineVersion against the versions
 * imported for its engine (the RDS shape: listed and available). */
static void check_cluster_version(cf_lint_ctx *ctx, const cf_resource *r, const char *engine)
{
    const cf_node *vnode = cf_map_get(r->properties, "EngineVersion");
    char *version = plain_text(vnode);
    if (!version)
        return;
    failed_in f = {0};
    const cf_node *offered = NULL;
    for (size_t i = 0; i < ctx->opts->nregions; i++) {
        cf_facts facts;
        if (cf_facts_engine_versions(ctx->spec, engine, ctx->opts->regions[i], &facts) &&
            !cf_is_str(cf_map_get(facts.offered, version), "available")) {
            failed_add(&f, ctx->opts->regions[i], &facts);
            if (!offered)
                offered = facts.offered;
        }
    }
    if (f.first_region)
        report_version(ctx, "E9114", vnode, version, engine, &f, offered,
                       strcmp(engine, "docdb") ? "Neptune" : "DocumentDB");
    free(version);
}

static void check_cache(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *props = r->properties;
    const cf_node *engine_node = cf_map_get(props, "Engine");
    const cf_node *vnode = cf_map_get(props, "EngineVersion");
    char *version = plain_text(vnode);
    if (!version)
        return;
    /* a replication group is redis unless it says otherwise */
    const char *given = engine_node && engine_node->kind == CF_SCALAR && engine_node->type == CF_TYPE_STR
                            ? engine_node->u.str
                        : !engine_node && !strcmp(r->type_name, "AWS::ElastiCache::ReplicationGroup") ? "redis"
                                                                                                      : NULL;
    char *engine = given ? lower(given) : NULL;
    failed_in f = {0};
    const cf_node *offered = NULL;
    for (size_t i = 0; engine && i < ctx->opts->nregions; i++) {
        cf_facts facts;
        if (cf_facts_cache_versions(ctx->spec, engine, ctx->opts->regions[i], &facts) &&
            !version_offered(facts.offered, version)) {
            failed_add(&f, ctx->opts->regions[i], &facts);
            if (!offered)
                offered = facts.offered;
        }
    }
    if (f.first_region)
        report_version(ctx, "E9112", vnode, version, engine, &f, offered, "ElastiCache");
    free(engine);
    free(version);
}

/* --- EC2 ---------------------------------------------------------------- */

/* Where a resource names an EC2 instance type. */
static const struct {
    const char *type, *path;
} instance_types[] = {
    {"AWS::EC2::Instance", "InstanceType"},
    {"AWS::EC2::LaunchTemplate", "LaunchTemplateData/InstanceType"},
    {"AWS::AutoScaling::LaunchConfiguration", "InstanceType"},
    {"AWS::AutoScaling::AutoScalingGroup", "MixedInstancesPolicy/LaunchTemplate/Overrides/*/InstanceType"},
    {"AWS::EC2::SpotFleet", "SpotFleetRequestConfigData/LaunchSpecifications/*/InstanceType"},
    {"AWS::EC2::EC2Fleet", "LaunchTemplateConfigs/*/Overrides/*/InstanceType"},
    {"AWS::EMR::Cluster", "Instances/MasterInstanceGroup/InstanceType"},
    {"AWS::EMR::Cluster", "Instances/CoreInstanceGroup/InstanceType"},
    {"AWS::EMR::Cluster", "Instances/TaskInstanceGroups/*/InstanceType"},
    {"AWS::EMR::InstanceGroupConfig", "InstanceType"},
    {"AWS::EKS::Nodegroup", "InstanceTypes/*"},
    {"AWS::Cloud9::EnvironmentEC2", "InstanceType"},
};

static bool type_offered_in(cf_lint_ctx *ctx, const char *region, const char *name, void *arg)
{
    (void)arg;
    cf_facts f;
    return !cf_facts_instance_types(ctx->spec, region, &f) || cf_facts_has(f.offered, name);
}

static void check_instance_type(const cf_node *value, void *arg)
{
    cf_lint_ctx *ctx = arg;
    if (!value || value->kind != CF_SCALAR || value->type != CF_TYPE_STR || !strchr(value->u.str, '.'))
        return;
    failed_in f = {0};
    const cf_node *offered = NULL;
    for (size_t i = 0; i < ctx->opts->nregions; i++) {
        cf_facts facts;
        if (cf_facts_instance_types(ctx->spec, ctx->opts->regions[i], &facts) &&
            !cf_facts_has(facts.offered, value->u.str)) {
            failed_add(&f, ctx->opts->regions[i], &facts);
            if (!offered)
                offered = facts.offered;
        }
    }
    if (!f.first_region)
        return;
    char *what = xasprintf("Instance type '%s' is not offered", value->u.str);
    /* an item of a list has no key of its own: the finding is on it */
    cf_diag *d = report(ctx, "E9113", value, &f, what, "");
    if (value->parent && value->parent->kind == CF_MAPPING)
        add_class_fixes(ctx, d, value, offered, type_offered_in, NULL, "instance type");
    free(what);
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->spec || !ctx->opts)
        return;
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || !r->properties || r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        if (!strcmp(r->type_name, "AWS::RDS::DBInstance"))
            check_rds(ctx, r, "DBInstanceClass");
        else if (!strcmp(r->type_name, "AWS::RDS::DBCluster"))
            check_rds(ctx, r, "DBClusterInstanceClass");
        else if (!strcmp(r->type_name, "AWS::ElastiCache::CacheCluster") ||
                 !strcmp(r->type_name, "AWS::ElastiCache::ReplicationGroup"))
            check_cache(ctx, r);
        else if (!strcmp(r->type_name, "AWS::DocDB::DBCluster"))
            check_cluster_version(ctx, r, "docdb");
        else if (!strcmp(r->type_name, "AWS::Neptune::DBCluster"))
            check_cluster_version(ctx, r, "neptune");
        for (size_t k = 0; k < sizeof instance_types / sizeof *instance_types; k++)
            if (!strcmp(r->type_name, instance_types[k].type))
                cf_each_at_path(r->properties, instance_types[k].path, check_instance_type, ctx);
    }
}

CF_FAMILY(family_aws_facts, "aws_facts", check, rules);
