/* E3064: two Interface VPC endpoints for one service in one VPC with
 * PrivateDnsEnabled true (the second fails: its private DNS name is
 * taken).  As in cfn-lint: VpcId and ServiceName are compared as written
 * (a string, or a Ref, Fn::GetAtt or Fn::Sub by its argument); each way the
 * Fn::Ifs of VpcEndpointType, PrivateDnsEnabled, VpcId and ServiceName go
 * is judged, and an endpoint clashes with an earlier one whose conditions
 * can hold with its own; the finding is on the later endpoint's
 * Properties, once for each earlier one. */
#include "../lint.h"
#include "../util.h"
#include "net_values.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3064",
     "Validate unique PrivateDnsEnabled per service per VPC",
     "Only one Interface VPC Endpoint per service can have PrivateDnsEnabled set to true in a VPC. A second "
     "endpoint with the same service and PrivateDnsEnabled will fail to create due to a conflicting DNS "
     "domain.",
     "https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html",
     "resources,ec2,vpc"},
};

typedef struct endpoint {
    char *key;     /* "VPC\nSERVICE" */
    cf_scenario s;
} endpoint;

typedef struct state {
    endpoint *v;
    size_t n, cap;
    const cf_resource *r;
    char *vpc;     /* the VpcId's key, while its ServiceNames are judged */
} state;

/* cfn-lint's key for a VpcId or ServiceName; NULL when it has none. */
static char *value_key(const cf_node *v)
{
    if (!v)
        return NULL;
    if (v->kind == CF_SCALAR)
        return v->type == CF_TYPE_STR ? xstrdup(v->u.str) : NULL;
    const char *fn = cf_intrinsic_name(v);
    if (!fn)
        return NULL;
    const cf_node *a = v->u.pairs[0].value;
    if (!strcmp(fn, "Ref"))
        return a->kind == CF_SCALAR && a->type == CF_TYPE_STR ? xasprintf("Ref:%s", a->u.str) : NULL;
    if (!strcmp(fn, "Fn::GetAtt") || !strcmp(fn, "Fn::Sub")) {
        if (a->kind == CF_SEQUENCE)
            a = a->len ? a->u.items[0] : NULL;
        if (!a || a->kind != CF_SCALAR || a->type != CF_TYPE_STR)
            return NULL;
        return xasprintf("%s:%s", fn[4] == 'G' ? "GetAtt" : "Sub", a->u.str);
    }
    return NULL;
}

static void on_service(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    state *st = arg;
    char *svc = value_key(v);
    if (!svc)
        return;
    char *key = xasprintf("%s\n%s", st->vpc, svc);
    free(svc);
    for (size_t i = 0; i < st->n; i++)
        if (!strcmp(st->v[i].key, key) && net_scenarios_meet(ctx, s, &st->v[i].s))
            cf_sect_report(ctx, "E3064", st->r->properties,
                           "Only one Interface VPC Endpoint per service can have 'PrivateDnsEnabled' set to "
                           "true in a VPC. A second endpoint will fail to create due to a conflicting "
                           "private DNS domain.");
    GROW(st->v, st->cap, st->n + 1);
    st->v[st->n++] = (endpoint){key, *s};
}

static void on_vpc(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    state *st = arg;
    st->vpc = value_key(v);
    if (st->vpc)
        net_values(ctx, cf_map_get(st->r->properties, "ServiceName"), s, on_service, st);
    free(st->vpc);
    st->vpc = NULL;
}

static void on_dns(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    state *st = arg;
    if (net_is_true(v))
        net_values(ctx, cf_map_get(st->r->properties, "VpcId"), s, on_vpc, st);
}

static void on_type(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    state *st = arg;
    if (cf_is_str(v, "Interface"))
        net_values(ctx, cf_map_get(st->r->properties, "PrivateDnsEnabled"), s, on_dns, st);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    state st = {0};
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::EC2::VPCEndpoint") ||
            !r->properties || r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        cf_scenario base = {0};
        cf_conds_at(ctx->conds, t, r->node, &base);
        st.r = r;
        net_values(ctx, cf_map_get(r->properties, "VpcEndpointType"), &base, on_type, &st);
    }
    for (size_t i = 0; i < st.n; i++)
        free(st.v[i].key);
    free(st.v);
}

CF_FAMILY(family_vpc_endpoints, "vpc_endpoints", check, rules);
