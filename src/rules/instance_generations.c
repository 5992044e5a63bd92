/* I3100: an instance type of a previous generation (m1-m3, c1-c3, r3, t1,
 * cache.m1, db.m3 ...), where a newer one costs less for more.  As in
 * cfn-lint: the instance type properties of a fixed list of resource
 * types, written as a plain string. */
#include "../lint.h"
#include "../regex.h"

#include <string.h>

static const cf_rule rules[] = {
    {"I3100",
     "Checks for legacy instance type generations",
     "New instance type generations increase performance and decrease cost",
     "https://aws.amazon.com/ec2/previous-generation/",
     "resources,ec2,rds,elasticcache,elasticsearch"},
};

/* Where an instance type is: resource type, then the property path under
 * Properties (NULL-terminated).  The EC2Fleet and SpotFleet entries name
 * what cfn-lint looks at, though those types keep their instance types
 * deeper down. */
static const struct {
    const char *type;
    const char *path[3];
} places[] = {
    {"AWS::AutoScaling::LaunchConfiguration", {"InstanceType"}},
    {"AWS::EC2::CapacityReservation", {"InstanceType"}},
    {"AWS::EC2::Host", {"InstanceType"}},
    {"AWS::EC2::Instance", {"InstanceType"}},
    {"AWS::RDS::DBInstance", {"DBInstanceClass"}},
    {"AWS::ElastiCache::CacheCluster", {"CacheNodeType"}},
    {"AWS::ElastiCache::GlobalReplicationGroup", {"CacheNodeType"}},
    {"AWS::ElastiCache::ReplicationGroup", {"CacheNodeType"}},
    {"AWS::EC2::EC2Fleet", {"FleetLaunchTemplateOverridesRequest", "InstanceType"}},
    {"AWS::EC2::LaunchTemplate", {"LaunchTemplateData", "InstanceType"}},
    {"AWS::EC2::SpotFleet", {"SpotFleetLaunchSpecification", "InstanceType"}},
    {"AWS::OpenSearchService::Domain", {"ClusterConfig", "InstanceType"}},
    {"AWS::Elasticsearch::Domain", {"ElasticsearchClusterConfig", "InstanceType"}},
};

/* A family of a previous generation, as a whole dot-separated part. */
static const char previous_generation[] = "(^|\\.)([cmr][1-3]|cc2|cg1|cr1|g2|hi1|hs1|i2|t1)($|\\.)";

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || r->node->kind != CF_MAPPING)
            continue;
        for (size_t p = 0; p < sizeof places / sizeof places[0]; p++) {
            if (strcmp(r->type_name, places[p].type))
                continue;
            const cf_node *v = cf_map_get(r->node, "Properties");
            for (const char *const *step = places[p].path; *step && v; step++)
                v = v->kind == CF_MAPPING ? cf_map_get(v, *step) : NULL;
            if (v && v->kind == CF_SCALAR && v->type == CF_TYPE_STR &&
                cf_regex_search(previous_generation, v->u.str, v->len) == 1)
                cf_diag_at(ctx->out, ctx->doc, "I3100", cf_loc_key(v),
                           "Upgrade previous generation instance type: %s", v->u.str);
        }
    }
}

CF_FAMILY(family_instance_generations, "instance_generations", check, rules);
