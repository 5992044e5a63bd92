/* Settings AWS accepts and then silently ignores or changes, so a
 * template does not do what it says:
 *   W3671  Iops on an EBS volume of type gp2, st1, sc1 or standard;
 *   W3698  VirtualName on a block device mapping that has Ebs;
 *   W3699  ReplicaMode on an RDS instance whose engine is not Oracle or Db2;
 *   W3700  an Elastic IP Domain other than standard or vpc (made vpc).
 * As in cfn-lint: values written as strings, mappings written as such,
 * each reached through the Fn::If branches on the way (other functions in
 * their place are not followed); the finding on the setting that is
 * ignored (on the branch for an Fn::If Domain). */
#include "../cond_model.h"
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <strings.h>
#include <string.h>

static const cf_rule rules[] = {
    {"W3671",
     "Iops is ignored for certain EBS volume types",
     "When Iops is specified with volume types gp2, st1, sc1, or standard, the value is silently ignored. Remove Iops or use a volume type that supports provisioned IOPS (io1, io2, gp3).",
     "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html",
     "resources,ec2,ebs"},
    {"W3698",
     "VirtualName is ignored when Ebs is specified",
     "When both VirtualName and Ebs are specified in a block device mapping, VirtualName is silently ignored by EC2. Remove VirtualName or Ebs.",
     "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html",
     "resources,ec2"},
    {"W3699",
     "ReplicaMode is ignored for non-Oracle/Db2 engines",
     "When ReplicaMode is specified with engines other than Oracle or Db2, the value is silently ignored. Remove ReplicaMode or use an engine that supports it.",
     "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/oracle-read-replicas.html",
     "resources,rds"},
    {"W3700",
     "Non-standard Domain values are converted to vpc",
     "When Domain is specified with a value other than 'standard' or 'vpc', the value is silently converted to 'vpc'. Use 'vpc' explicitly to avoid confusion.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-eip.html",
     "resources,ec2"},
};

/* Block device mappings: resource type and the path to each mapping
 * under Properties ("*": every list item). */
static const struct {
    const char *type;
    const char *path[6];
} mappings[] = {
    {"AWS::EC2::Instance", {"BlockDeviceMappings", "*"}},
    {"AWS::EC2::LaunchTemplate", {"LaunchTemplateData", "BlockDeviceMappings", "*"}},
    {"AWS::EC2::SpotFleet", {"SpotFleetRequestConfigData", "LaunchSpecifications", "*", "BlockDeviceMappings", "*"}},
    {"AWS::AutoScaling::LaunchConfiguration", {"BlockDeviceMappings", "*"}},
    {"AWS::OpsWorks::Instance", {"BlockDeviceMappings", "*"}},
};

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcasecmp(s, *list))
            return true;
    return false;
}

/* Call visit on each value n can be: n, or the branches of its Fn::Ifs
 * (on known conditions; AWS::NoValue dropped), as cfn-lint's validator
 * reaches the places its keyword rules are bound to. */
static void each_value(cf_lint_ctx *ctx, const cf_node *n, void (*visit)(cf_lint_ctx *, const cf_node *),
                       int depth)
{
    if (!n || cf_is_no_value(n) || depth > 16)
        return;
    const char *fn = cf_intrinsic_name(n);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, n);
        for (uint32_t i = 1; args && i < 3; i++)
            each_value(ctx, args->u.items[i], visit, depth + 1);
        return;
    }
    visit(ctx, n);
}

static void ebs_iops(cf_lint_ctx *ctx, const cf_node *ebs)
{
    if (ebs->kind != CF_MAPPING || cf_intrinsic_name(ebs))
        return;
    static const char *const no_iops[] = {"gp2", "st1", "sc1", "standard", NULL};
    const cf_node *type = cf_map_get(ebs, "VolumeType"), *iops = cf_map_get(ebs, "Iops");
    if (iops && is_text(type) && one_of(type->u.str, no_iops)) {
        cf_buf r = {0};
        cf_repr(&r, type);
        cf_diag_at(ctx->out, ctx->doc, "W3671", cf_loc_key(iops), "'Iops' is ignored when 'VolumeType' is %s", r.data);
        buf_free(&r);
    }
}

static void block_device_mapping(cf_lint_ctx *ctx, const cf_node *m)
{
    if (m->kind != CF_MAPPING || cf_intrinsic_name(m))
        return;
    const cf_node *ebs = cf_map_get(m, "Ebs");
    if (ebs && cf_map_get(m, "VirtualName"))
        cf_diag_at(ctx->out, ctx->doc, "W3698", cf_loc_key(cf_map_get(m, "VirtualName")),
                   "'VirtualName' is ignored when 'Ebs' is specified");
    each_value(ctx, ebs, ebs_iops, 0);
}

static void replica_mode(cf_lint_ctx *ctx, const cf_node *props)
{
    const cf_node *mode = cf_map_get(props, "ReplicaMode"), *engine = cf_map_get(props, "Engine");
    if (!mode || !is_text(engine))
        return;
    static const char *const prefixes[] = {"oracle", "custom-oracle", "db2"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (!strncasecmp(engine->u.str, prefixes[i], strlen(prefixes[i])))
            return;
    cf_buf r = {0};
    cf_repr(&r, engine);
    cf_diag_at(ctx->out, ctx->doc, "W3699", cf_loc_key(mode), "'ReplicaMode' is ignored when 'Engine' is %s", r.data);
    buf_free(&r);
}

static void eip_domain(cf_lint_ctx *ctx, const cf_node *domain)
{
    static const char *const domains[] = {"standard", "vpc", NULL};
    if (!is_text(domain) || one_of(domain->u.str, domains))
        return;
    cf_buf r = {0};
    cf_repr(&r, domain);
    cf_diag_at(ctx->out, ctx->doc, "W3700", cf_loc_key(domain),
               "%s is not a standard Domain value. Non-standard values are silently converted to 'vpc'.", r.data);
    buf_free(&r);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || !r->properties || r->properties->kind != CF_MAPPING ||
            cf_intrinsic_name(r->properties))
            continue;
        for (size_t m = 0; m < sizeof mappings / sizeof mappings[0]; m++)
            if (!strcmp(r->type_name, mappings[m].type))
                cf_sect_follow(ctx, r->properties, mappings[m].path, block_device_mapping);
        if (!strcmp(r->type_name, "AWS::RDS::DBInstance"))
            replica_mode(ctx, r->properties);
        if (!strcmp(r->type_name, "AWS::EC2::EIP"))
            each_value(ctx, cf_map_get(r->properties, "Domain"), eip_domain, 0);
    }
}

CF_FAMILY(family_ignored_settings, "ignored_settings", check, rules);
