/* W3660: a REST API defined by Body or BodyS3Location (an OpenAPI
 * document CloudFormation applies with PutRestApi in overwrite mode)
 * that other API Gateway resources (methods, models, resources, gateway
 * responses, request validators, authorizers) also modify: the next
 * update overwrites what they made, the stack drifts and they are left
 * orphaned.
 *
 * "Related" is an edge of cfn-lint's dependency graph into the API, and
 * the findings come in the order that graph meets them: DependsOn first,
 * then Ref, Fn::GetAtt and Fn::Sub, each in template order; one per
 * resource. */
#include "../lint.h"
#include "../refs.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"W3660", "Validate if multiple resources are modifying a Rest API definition",
     "When using AWS::ApiGateway::RestApi with 'Body' or 'BodyS3Location' the resource handler will use PutRestApi with mode overwrite. Depending on how resources are updated the IaC template will drift and create orphaned resources.",
     "", "resources,apigateway", true},
};

static const char *const mixing_types[] = {
    "AWS::ApiGateway::Method",          "AWS::ApiGateway::Model",
    "AWS::ApiGateway::Resource",        "AWS::ApiGateway::GatewayResponse",
    "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::Authorizer",
};

/* The order cfn-lint's graph adds edges in. */
enum { BY_DEPENDS_ON, BY_REF, BY_GETATT, BY_SUB, NKINDS };

typedef struct finding_refs {
    const char *api;
    bool kinds[NKINDS];
} finding_refs;

static void on_reference(const cf_reference *r, void *arg)
{
    finding_refs *f = arg;
    if (r->target_len != strlen(f->api) || strncmp(r->target, f->api, r->target_len))
        return;
    f->kinds[r->kind == CF_REF_REF ? BY_REF : r->kind == CF_REF_GETATT ? BY_GETATT : BY_SUB] = true;
}

static bool depends_on(const cf_resource *r, const char *api)
{
    const cf_node *d = r->node && r->node->kind == CF_MAPPING ? cf_map_get(r->node, "DependsOn") : NULL;
    if (d && d->kind == CF_SCALAR)
        return cf_is_str(d, api);
    for (uint32_t i = 0; d && d->kind == CF_SEQUENCE && i < d->len; i++)
        if (cf_is_str(d->u.items[i], api))
            return true;
    return false;
}

static bool mixes(const char *type)
{
    for (size_t i = 0; type && i < sizeof mixing_types / sizeof *mixing_types; i++)
        if (!strcmp(type, mixing_types[i]))
            return true;
    return false;
}

typedef struct definition {
    const cf_resource *api;
    const char *key; /* Body or BodyS3Location */
} definition;

/* Judged where the definition stands: the property, or each Fn::If branch
 * (AWS::NoValue drops it). */
static void judge(cf_lint_ctx *ctx, const cf_node *value, void *arg)
{
    const definition *def = arg;
    const cf_resource *api = def->api;
    const cf_template *t = ctx->tpl;
    finding_refs *refs = xcalloc(t->nres ? t->nres : 1, sizeof *refs);
    for (size_t i = 0; i < t->nres; i++) {
        refs[i].api = api->name;
        refs[i].kinds[BY_DEPENDS_ON] = depends_on(&t->res[i], api->name);
        if (t->res[i].node)
            cf_refs_walk(t->res[i].node, on_reference, &refs[i]);
    }
    bool *told = xcalloc(t->nres ? t->nres : 1, sizeof *told);
    for (int k = 0; k < NKINDS; k++)
        for (size_t i = 0; i < t->nres; i++) {
            const cf_resource *r = &t->res[i];
            if (!refs[i].kinds[k] || told[i] || !mixes(r->type_name))
                continue;
            told[i] = true;
            cf_sect_report(ctx, "W3660", value,
                           "Defining '%s' with a relation to resource '%s' of type '%s' may result in drift and "
                           "orphaned resources",
                           def->key, r->name, r->type_name);
        }
    free(told);
    free(refs);
}

static void check(cf_lint_ctx *ctx)
{
    static const char *const keys[] = {"Body", "BodyS3Location"};
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::ApiGateway::RestApi") || !r->properties ||
            r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        for (size_t k = 0; k < 2; k++) {
            const char *const path[] = {keys[k], NULL};
            definition def = {r, keys[k]};
            cf_sect_follow_arg(ctx, r->properties, path, judge, &def);
        }
    }
}

CF_FAMILY(family_apigw_mixing, "apigw_mixing", check, rules);
