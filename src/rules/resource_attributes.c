/* A resource's own structure, as cfn-lint's resource configuration schema
 * has it (E3001): a mapping with a string Type and only the resource
 * attributes CloudFormation knows, each of the right type; custom
 * resources take no CreationPolicy or UpdatePolicy, other types no
 * Version.  Then the values of some attributes: DeletionPolicy (E3035),
 * UpdateReplacePolicy (E3036), the pair of them (W3011) and the Condition
 * a resource names (E3015).
 */
#include "../lint.h"
#include "../repr.h"
#include "depgraph.h"
#include "fn.h"
#include "section.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3015",
     "Validate the resource condition is valid",
     "Check the condition of a resource to make sure it exists inside the template",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
     "resources,conditions"},
    {"E3035",
     "Check DeletionPolicy values for Resources",
     "Check that the DeletionPolicy values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
     "resources,deletionpolicy"},
    {"E3036",
     "Check UpdateReplacePolicy values for Resources",
     "Check that the UpdateReplacePolicy values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html",
     "resources,updatereplacepolicy"},
    {"I3012",
     "Resource name limit",
     "Check the size of Resource names in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "resources,limits"},
    {"W3011",
     "Check resources with UpdateReplacePolicy/DeletionPolicy have both",
     "Both UpdateReplacePolicy and DeletionPolicy are needed to protect resources from deletion",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
     "resources,updatereplacepolicy,deletionpolicy"},
    {"I3011",
     "Check stateful resources have a set UpdateReplacePolicy/DeletionPolicy",
     "The default action when replacing/removing a resource is to delete it. This check requires you to explicitly set policies",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
     "resources,updatereplacepolicy,deletionpolicy"},
};

/* ---- The resource structure (E3001) ------------------------------------ */

/* The attributes a resource may have, in the schema's order (which is the
 * order cfn-lint tries them for a "Did you mean"). */
static const char *const attributes[] = {
    "Condition", "CreationPolicy", "DeletionPolicy", "DependsOn", "Metadata",
    "Properties", "Type", "UpdatePolicy", "UpdateReplacePolicy", "Version",
};
#define NATTRIBUTES (sizeof attributes / sizeof attributes[0])

/* Attributes the SAM transform reads and removes. */
static const char *const sam_attributes[] = {"Connectors", "IgnoreGlobals"};

static bool known_attribute(const char *name, bool sam)
{
    for (size_t i = 0; i < NATTRIBUTES; i++)
        if (!strcmp(name, attributes[i]))
            return true;
    for (size_t i = 0; sam && i < sizeof sam_attributes / sizeof sam_attributes[0]; i++)
        if (!strcmp(name, sam_attributes[i]))
            return true;
    return false;
}

/* The schema's "if": a Type matching (AWS::CloudFormation::CustomResource|
 * Custom::.*) anywhere, or no string Type at all (the condition then
 * holds vacuously), selects the custom-resource rules. */
static bool custom_rules(const cf_node *type)
{
    if (!type || type->kind != CF_SCALAR || type->type != CF_TYPE_STR)
        return true;
    return strstr(type->u.str, "AWS::CloudFormation::CustomResource") || strstr(type->u.str, "Custom::");
}

static void false_schema(cf_lint_ctx *ctx, const cf_node *value)
{
    cf_buf b = {0};
    cf_repr(&b, value);
    cf_sect_report(ctx, "E3001", value, "False schema does not allow %s", b.data);
    buf_free(&b);
}

static void check_depends_on_shape(cf_lint_ctx *ctx, const cf_node *dep)
{
    if (dep->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < dep->len; i++)
            if (!cf_sect_is(dep->u.items[i], "string", true))
                cf_sect_not_of_type(ctx, "E3001", dep->u.items[i], "'string'");
    } else if (!cf_sect_is(dep, "string", true)) {
        cf_sect_not_of_type(ctx, "E3001", dep, "'string', 'array'");
    }
}

static void check_attribute_types(cf_lint_ctx *ctx, const cf_node *res)
{
    const cf_node *type = cf_map_get(res, "Type");
    bool custom = custom_rules(type);
    const cf_node *v;
    if ((v = cf_map_get(res, "Condition")) && !cf_sect_is(v, "string", true))
        cf_sect_not_of_type(ctx, "E3001", v, "'string'");
    if ((v = cf_map_get(res, "DependsOn")))
        check_depends_on_shape(ctx, v);
    if (type && !cf_sect_is(type, "string", true))
        cf_sect_not_of_type(ctx, "E3001", type, "'string'");
    if ((v = cf_map_get(res, "Version")) && !cf_sect_is(v, "string", true) && !cf_sect_is(v, "integer", true))
        cf_sect_not_of_type(ctx, "E3001", v, "'string', 'integer'");
    /* custom resources take neither policy; other types an object (a
     * wrong UpdatePolicy is also E3016's, as in cfn-lint) */
    static const char *const policies[] = {"CreationPolicy", "UpdatePolicy"};
    for (size_t i = 0; i < 2; i++) {
        if (!(v = cf_map_get(res, policies[i])))
            continue;
        if (custom)
            false_schema(ctx, v);
        else if (!cf_sect_is(v, "object", true))
            cf_sect_not_of_type(ctx, "E3001", v, "'object'");
    }
    if (!custom && cf_map_get(res, "Version")) {
        cf_buf b = {0};
        cf_repr(&b, res);
        cf_sect_report(ctx, "E3001", res, "%s should not be valid under {'required': ['Version']}", b.data);
        buf_free(&b);
    }
}

static void check_structure(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *res = r->node;
    cf_sect_name_length(ctx, "E3001", "I3012", r->key, 255);
    if (!cf_sect_name_ok(r->key, "")) {
        /* additionalProperties: false stops there, as in cfn-lint */
        cf_sect_bad_name(ctx, "E3001", r->key, "^[a-zA-Z0-9]+$");
        return;
    }
    if (res->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E3001", res, "'object'");
        return;
    }
    bool serverless = ctx->tpl->sam && r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17);
    for (uint32_t i = 0; i < res->len && !serverless; i++) {
        const cf_node *k = res->u.pairs[i].key;
        if (k->kind != CF_SCALAR || !known_attribute(k->u.str, ctx->tpl->sam))
            cf_sect_unexpected(ctx, "E3001", k, attributes, NATTRIBUTES);
    }
    const cf_node *type = cf_map_get(res, "Type");
    if (!type || (type->kind == CF_SCALAR && type->type == CF_TYPE_NULL))
        cf_sect_report(ctx, "E3001", res, "'Type' is a required property");
    check_attribute_types(ctx, res);
}

/* ---- Attribute values -------------------------------------------------- */

/* Types whose data a snapshot can keep (DeletionPolicy: Snapshot). */
static const char *const snapshot_types[] = {
    "AWS::DocDB::DBCluster", "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
};

static bool can_snapshot(const char *type)
{
    for (size_t i = 0; type && i < sizeof snapshot_types / sizeof snapshot_types[0]; i++)
        if (!strcmp(type, snapshot_types[i]))
            return true;
    return false;
}

typedef struct policy_check {
    const char *attribute, *rule;
    const char *values[4]; /* then Snapshot, where the type allows it */
    size_t nvalues;
} policy_check;

static const policy_check policy_checks[] = {
    {"DeletionPolicy", "E3035", {"Delete", "Retain", "RetainExceptOnCreate"}, 3},
    {"UpdateReplacePolicy", "E3036", {"Delete", "Retain"}, 2},
};

/* Functions CloudFormation resolves in these attributes: their result is
 * judged by the functions' own rules, except Fn::If's branches, which are
 * values again. */
static bool resolvable_function(const char *fn)
{
    static const char *const fns[] = {"Fn::Sub", "Fn::Select", "Fn::FindInMap", "Ref"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(fn, fns[i]))
            return true;
    return false;
}

static void check_policy_value(cf_lint_ctx *ctx, const policy_check *pc, const char *const *values,
                               size_t nvalues, const cf_node *v, int depth)
{
    const char *fn = cf_intrinsic_name(v);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, v);
        for (uint32_t i = 1; args && depth < 32 && i < 3; i++)
            check_policy_value(ctx, pc, values, nvalues, args->u.items[i], depth + 1);
        return;
    }
    if (fn && resolvable_function(fn))
        return;
    if (v->kind == CF_SCALAR && v->type == CF_TYPE_STR && strstr(v->u.str, "{{resolve:"))
        return; /* a dynamic reference: its value comes at deploy time (E1050 judges its form) */
    if (cf_sect_is(v, "string", true)) {
        for (size_t i = 0; i < nvalues; i++)
            if (!strcmp(v->u.str, values[i]))
                return;
    } else {
        cf_sect_not_of_type(ctx, pc->rule, v, "'string'");
    }
    cf_buf b = {0}, list = {0};
    cf_repr(&b, v);
    cf_sect_names_repr(&list, values, nvalues);
    cf_sect_report(ctx, pc->rule, v, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
}

static void check_policies(cf_lint_ctx *ctx, const cf_resource *r)
{
    for (size_t i = 0; i < sizeof policy_checks / sizeof policy_checks[0]; i++) {
        const policy_check *pc = &policy_checks[i];
        const cf_node *v = cf_map_get(r->node, pc->attribute);
        if (!v)
            continue;
        const char *values[5];
        size_t n = pc->nvalues;
        memcpy(values, pc->values, n * sizeof *values);
        if (can_snapshot(r->type_name))
            values[n++] = "Snapshot";
        check_policy_value(ctx, pc, values, n, v, 0);
    }
}

/* Replacing a resource deletes the old one just as deleting the stack
 * does: a policy that keeps data on one path only is a trap.  Either
 * attribute alone is fine when it says Delete (which is the default).
 * type is what the resource is deployed as (a SAM resource: the type the
 * transform makes under its name). */
static bool lone_policy(const cf_resource *r, const char *type)
{
    if (type && (!strcmp(type, "AWS::Lambda::Version") || !strcmp(type, "AWS::Lambda::LayerVersion")))
        return false; /* versions are kept by their own retention settings */
    const cf_node *dp = cf_map_get(r->node, "DeletionPolicy");
    const cf_node *urp = cf_map_get(r->node, "UpdateReplacePolicy");
    const cf_node *only = dp && !urp ? dp : urp && !dp ? urp : NULL;
    return only && !(only->kind == CF_SCALAR && only->type == CF_TYPE_STR && !strcmp(only->u.str, "Delete"));
}

#define LONE_POLICY_MESSAGE "Both 'UpdateReplacePolicy' and 'DeletionPolicy' are needed to protect resource from deletion"

/* The SAM transform copies a resource's policies to every resource it
 * makes from it (roles, stages, event rules, permissions ...); cfn-lint
 * judges each and places those it made on the Resources key. */
static bool made_from(const dep_graph *g, const cf_resource *r)
{
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].generated && g->nodes[i].res == r)
            return true;
    return false;
}

/* A resource that holds data (the spec's list of stateful types) should
 * say what happens to the data on replacement and on deletion, since both
 * default to Delete.  Types that refuse to delete while holding data
 * (S3 buckets) are trusted to do so. */
static void check_stateful(cf_lint_ctx *ctx, const cf_resource *r, const char *type)
{
    const cf_node *types = ctx->spec ? cf_map_get(cf_spec_entry(ctx->spec, "lifecycle/StatefulResources"), "ResourceTypes") : NULL;
    const cf_node *facts = type ? cf_map_get(types, type) : NULL;
    if (!facts)
        return;
    const cf_node *empty_first = cf_map_get(facts, "DeleteRequiresEmptyResource");
    if (empty_first && empty_first->kind == CF_SCALAR && empty_first->type == CF_TYPE_BOOL &&
        !strcmp(empty_first->u.str, "true"))
        return;
    static const char *const policies[] = {"DeletionPolicy", "UpdateReplacePolicy"};
    for (size_t i = 0; i < 2; i++)
        if (!cf_map_get(r->node, policies[i]))
            cf_sect_report(ctx, "I3011", r->node,
                           "'%s' is a required property (The default action when replacing/removing a resource "
                           "is to delete it. Set explicit values for stateful resource)",
                           policies[i]);
}

static void check_condition_name(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *c = cf_map_get(r->node, "Condition");
    if (!c || c->kind != CF_SCALAR || c->type != CF_TYPE_STR)
        return;
    const cf_section *conds = &ctx->tpl->conds;
    if (cf_section_get(conds, c->u.str))
        return;
    const char **names = xcalloc(conds->n + 1, sizeof *names);
    for (size_t i = 0; i < conds->n; i++)
        names[i] = conds->v[i].name;
    cf_buf b = {0}, list = {0};
    cf_repr(&b, c);
    cf_sect_names_repr(&list, names, conds->n);
    cf_sect_report(ctx, "E3015", c, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
    free(names);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    dep_graph g;
    bool graph_built = false, on_resources_key = false;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!strncmp(r->name, "Fn::ForEach::", 13))
            continue; /* a loop the language extensions transform expands */
        check_structure(ctx, r);
        if (!r->walked || r->node->kind != CF_MAPPING)
            continue;
        bool serverless = t->sam && r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17);
        const char *type = serverless ? fn_sam_main_type(r->type_name) : r->type_name;
        check_policies(ctx, r);
        if (lone_policy(r, type) && (!serverless || type))
            cf_sect_report(ctx, "W3011", r->node, LONE_POLICY_MESSAGE);
        if (serverless && lone_policy(r, NULL) && !on_resources_key) {
            if (!graph_built) {
                dep_graph_build(&g, t);
                graph_built = true;
            }
            if (made_from(&g, r)) {
                cf_diag_at(ctx->out, ctx->doc, "W3011", cf_loc_key(t->resources), LONE_POLICY_MESSAGE);
                on_resources_key = true;
            }
        }
        check_stateful(ctx, r, type);
        check_condition_name(ctx, r);
    }
    if (graph_built)
        dep_graph_free(&g);
}

CF_FAMILY(family_resource_attributes, "resource_attributes", check, rules);
