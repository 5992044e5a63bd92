/* Values written into a template that belong elsewhere:
 *
 *   W3010  an availability zone written out (the zone is the account's and
 *          region's, not the template's): a string in one of the
 *          properties cfn-lint lists, other than "all" or a dynamic
 *          reference.  Values under a function (an Fn::If branch,
 *          Fn::GetAZs) are not judged, nor is a template the CDK made.
 *   W2501  a password property anywhere under a resource's Properties
 *          given as text (or as an SSM, not ssm-secure, dynamic
 *          reference), as a mapping other than a function, or from a
 *          parameter without NoEcho. */
#include "../lint.h"
#include "../regex.h"
#include "../repr.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const cf_rule rules[] = {
    {"W2501",
     "Check if Password Properties are correctly configured",
     "Password properties should not be strings and if parameter using NoEcho",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/best-practices.html#creds",
     "parameters,passwords,security,dynamic reference"},
    {"W3010",
     "Availability zone properties should not be hardcoded",
     "Check if an Availability Zone property is hardcoded.",
     "https://github.com/aws-cloudformation/cfn-lint",
     "parameters,availabilityzone"},
};

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* ---- W3010 ---------------------------------------------------------------- */

/* Where cfn-lint looks for zones, under each type's Properties ("*": every
 * item of a list). */
static const struct {
    const char *type, *path;
} zone_places[] = {
    {"AWS::AutoScaling::AutoScalingGroup", "AvailabilityZones/*"},
    {"AWS::DAX::Cluster", "AvailabilityZones/*"},
    {"AWS::DMS::ReplicationInstance", "AvailabilityZone"},
    {"AWS::EC2::Host", "AvailabilityZone"},
    {"AWS::EC2::Instance", "AvailabilityZone"},
    {"AWS::EC2::LaunchTemplate", "LaunchTemplateData/Placement/AvailabilityZone"},
    {"AWS::EC2::SpotFleet", "SpotFleetRequestConfigData/LaunchSpecifications/*/Placement/AvailabilityZone"},
    {"AWS::EC2::SpotFleet", "SpotFleetRequestConfigData/LaunchTemplateConfigs/*/Overrides/*/AvailabilityZone"},
    {"AWS::EC2::Subnet", "AvailabilityZone"},
    {"AWS::EC2::Volume", "AvailabilityZone"},
    {"AWS::ElasticLoadBalancing::LoadBalancer", "AvailabilityZones/*"},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", "Targets/*/AvailabilityZone"},
    {"AWS::EMR::Cluster", "Instances/Placement/AvailabilityZone"},
    {"AWS::Glue::Connection", "ConnectionInput/PhysicalConnectionRequirements/AvailabilityZone"},
    {"AWS::OpsWorks::Instance", "AvailabilityZone"},
    {"AWS::RDS::DBCluster", "AvailabilityZones/*"},
    {"AWS::RDS::DBInstance", "AvailabilityZone"},
};

static void zone_finding(cf_lint_ctx *ctx, const cf_node *zone, const cf_node *at)
{
    /* a dynamic reference is resolved at deploy time: not judged */
    if (!is_text(zone) || !strcmp(zone->u.str, "all") || strstr(zone->u.str, "{{resolve:"))
        return;
    cf_buf r = {0};
    cf_repr(&r, zone);
    cf_diag_at(ctx->out, ctx->doc, "W3010", cf_loc_key(at), "Avoid hardcoding availability zones %s", r.data);
    buf_free(&r);
}

/* A zone, or a list of them (each reported where the list is). */
static void zone_at(const cf_node *value, void *arg)
{
    cf_lint_ctx *ctx = arg;
    if (value->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < value->len; i++)
            zone_finding(ctx, value->u.items[i], value);
    } else {
        zone_finding(ctx, value, value);
    }
}

static bool made_by_cdk(const cf_template *t)
{
    for (size_t i = 0; i < t->nres; i++)
        if (t->res[i].type_name && !strcmp(t->res[i].type_name, "AWS::CDK::Metadata"))
            return true;
    return false;
}

static void check_zones(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (made_by_cdk(t))
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || !r->properties || r->properties->kind != CF_MAPPING)
            continue;
        /* cf_each_at_path follows plain keys and list items only, so a
         * value reached through a function is never visited */
        for (size_t p = 0; p < sizeof zone_places / sizeof zone_places[0]; p++)
            if (!strcmp(zone_places[p].type, r->type_name))
                cf_each_at_path(r->properties, zone_places[p].path, zone_at, ctx);
    }
}

/* ---- W2501 ---------------------------------------------------------------- */

/* The keys cfn-lint takes for passwords, in the order it looks for them. */
static const char *const password_keys[] = {
    "AccountPassword", "AdminPassword", "ADDomainJoinPassword", "CrossRealmTrustPrincipalPassword",
    "KdcAdminPassword", "Password", "DbPassword", "MasterUserPassword", "PasswordParam",
};

#define DYN_REF "^.*{{(resolve:.+)}}.*$"
#define DYN_REF_SSM "^.*{{resolve:ssm:[a-zA-Z0-9_\\.\\-/]+(:\\d+)?}}.*$"

/* Whether a parameter's NoEcho is missing or false as Python reads it
 * (false, 0, "", null: a "false" string is true). */
static bool echoes(const cf_node *param)
{
    const cf_node *no_echo = param && param->kind == CF_MAPPING ? cf_map_get(param, "NoEcho") : NULL;
    if (!no_echo)
        return true;
    if (no_echo->kind != CF_SCALAR)
        return no_echo->len == 0;
    switch ((cf_type)no_echo->type) {
    case CF_TYPE_NULL:
        return true;
    case CF_TYPE_BOOL:
        return !strcasecmp(no_echo->u.str, "false");
    case CF_TYPE_INT:
    case CF_TYPE_FLOAT: {
        double v;
        return cf_scalar_double(no_echo, &v) && v == 0;
    }
    default:
        return no_echo->len == 0;
    }
}

/* The password key a mapping key is, or NULL. */
static const char *password_key(const cf_node *k)
{
    if (!is_text(k) || !strstr(k->u.str, "Password")) /* all of them say so: a fast no */
        return NULL;
    for (size_t p = 0; p < sizeof password_keys / sizeof password_keys[0]; p++)
        if (!strcmp(k->u.str, password_keys[p]))
            return password_keys[p];
    return NULL;
}

static void password_value(cf_lint_ctx *ctx, const char *name, const cf_node *key, const cf_node *value)
{
    if (is_text(value)) {
        const char *msg = NULL;
        int dyn = cf_regex_search(DYN_REF, value->u.str, value->len);
        if (dyn == CF_REGEX_UNDECIDED)
            return; /* too costly to tell: not judged */
        if (dyn <= 0)
            msg = "Password shouldn't be hardcoded for %s";
        else if (cf_regex_search(DYN_REF_SSM, value->u.str, value->len) > 0)
            msg = "Password should use a secure dynamic reference for %s";
        if (msg) {
            char *path = cf_sect_path_text(key); /* built only for a finding */
            cf_diag_at(ctx->out, ctx->doc, "W2501", key, msg, path);
            free(path);
        }
        return;
    }
    if (value->kind != CF_MAPPING)
        return;
    if (value->len != 1) {
        char *path = cf_sect_path_text(key);
        cf_diag_at(ctx->out, ctx->doc, "W2501", key, "Inappropriate map found for password on %s", path);
        free(path);
        return;
    }
    const cf_node *k = value->u.pairs[0].key, *target = value->u.pairs[0].value;
    if (!is_text(k) || strcmp(k->u.str, "Ref") || !is_text(target))
        return;
    const cf_named *param = cf_section_get(&ctx->tpl->params, target->u.str);
    if (param && echoes(param->value))
        cf_diag_at(ctx->out, ctx->doc, "W2501", param->key, "Parameter %s used as %s, therefore NoEcho should be True",
                   param->name, name);
}

/* Every password key under n, as cfn-lint's search_deep_keys finds them:
 * one walk for all the names. */
static void password_search(cf_lint_ctx *ctx, const cf_node *n, int depth)
{
    if (!n || depth > 256)
        return;
    if (n->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < n->len; i++) {
            const char *name = password_key(n->u.pairs[i].key);
            if (name)
                password_value(ctx, name, n->u.pairs[i].key, n->u.pairs[i].value);
            password_search(ctx, n->u.pairs[i].value, depth + 1);
        }
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            password_search(ctx, n->u.items[i], depth + 1);
    }
}

static void check_passwords(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++)
        if (t->res[i].properties)
            password_search(ctx, t->res[i].properties, 0);
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->tpl->resources || ctx->tpl->resources->kind != CF_MAPPING)
        return;
    check_zones(ctx);
    check_passwords(ctx);
}

CF_FAMILY(family_hardcoded, "hardcoded", check, rules);
