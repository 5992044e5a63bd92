/* Dependencies between resources, as CloudFormation orders creation:
 * explicit (DependsOn) and implicit (Ref, Fn::GetAtt, and Fn::Sub's
 * ${Res} / ${Res.Attr}).
 *
 *   E3005  DependsOn names a resource that does not exist (or itself).
 *          One that may not exist when this resource does is reported
 *          with the other references to such resources (relationships.c).
 *   W3005  DependsOn repeats a dependency a reference already makes.
 *   E3004  resources that depend on each other in a circle.
 *
 * The graph is built once.  Which dependencies of a cycle get reported
 * follows cfn-lint's search (see "Cycles"); Tarjan's strongly connected
 * components keep that search off everything that cannot reach a cycle,
 * so a template without cycles costs one linear pass. */
#include "../lint.h"
#include "../refs.h"
#include "../repr.h"
#include "section.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3004",
     "Resource dependencies are not circular",
     "Check that Resources are not circularly dependent by DependsOn, Ref, Sub, or GetAtt",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources,circularly,dependson,ref,sub,getatt"},
    {"E3005",
     "Check DependsOn values for Resources",
     "Check that the DependsOn values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html",
     "resources,dependson"},
    {"W3005",
     "Check obsolete DependsOn configuration for Resources",
     "Check if DependsOn is specified if not needed. A Ref or a Fn::GetAtt already is an implicit dependency.",
     "https://aws.amazon.com/blogs/devops/optimize-aws-cloudformation-templates/",
     "resources,dependson,ref,getatt"},
};

/* ---- The graph ------------------------------------------------------- */

typedef enum edge_kind { EDGE_DEPENDS_ON, EDGE_REF, EDGE_GETATT } edge_kind;
static const char *const edge_names[] = {"DependsOn", "Ref", "GetAtt"};

/* cfn-lint adds a graph's edges in phases: every DependsOn, then every
 * Ref, every Fn::GetAtt, every Fn::Sub; that order decides which cycle
 * its search meets first. */
typedef enum edge_phase { PHASE_DEPENDS_ON, PHASE_REF, PHASE_GETATT, PHASE_SUB } edge_phase;

typedef struct edge {
    size_t from, to;      /* indexes into tpl->res */
    edge_kind kind;
    edge_phase phase;
    const cf_node *where; /* the mapping holding the reference (NULL: the SAM transform makes it) */
    const char *as;       /* SAM: the property's name in the resource the transform makes, or NULL */
    bool hidden;          /* SAM: a dependency through a resource the transform makes (a role):
                             real for cycles, not a reference W3005 can cite */
} edge;

typedef struct graph {
    const cf_template *t;
    const char *as;       /* while adding a SAM property's edges: see edge */
    bool hidden;
    strmap index;         /* logical id -> 1 + index into t->res */
    edge *v;              /* grouped by the resource they leave */
    size_t n, cap;
    size_t *out_start;    /* resource i's edges: v[out_start[i] .. out_start[i + 1]) */
} graph;

static bool is_serverless(const cf_template *t, const cf_resource *r)
{
    return t->sam && r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17);
}

/* A resource the graph has as a node: a mapping with a string Type or
 * none (cfn-lint's graph skips the rest). */
static bool graph_node(const cf_resource *r)
{
    return r->node->kind == CF_MAPPING && (!r->type || r->type_name);
}

/* The resource a reference names, as an index; -1 when there is none (a
 * reference to something that is an empty or missing resource makes no
 * edge). */
static long target_of(const graph *g, const char *name, size_t len)
{
    size_t i = (size_t)strmap_get(&g->index, name, len);
    if (!i)
        return -1;
    const cf_node *n = g->t->res[i - 1].node;
    bool empty = n->kind == CF_SCALAR ? n->type == CF_TYPE_NULL || !n->len : !n->len;
    return empty ? -1 : (long)(i - 1);
}

static void add_edge(graph *g, size_t from, const char *name, size_t len, edge_kind kind, edge_phase phase,
                     const cf_node *where)
{
    long to = target_of(g, name, len);
    if (to < 0)
        return;
    GROW(g->v, g->cap, g->n + 1);
    g->v[g->n++] = (edge){from, (size_t)to, kind, phase, where, g->as, g->hidden};
}

/* Fn::Sub's variables the way cfn-lint's graph reads them: ${Name} or
 * ${Name.Attr} made of letters, digits and dots only (so ${AWS::Region}
 * and ${!Literal} are not references), minus the names the second
 * argument defines. */
static void add_sub_edges(graph *g, size_t from, const cf_node *sub_map, const cf_node *arg)
{
    const cf_node *text = arg, *vars = NULL;
    if (arg->kind == CF_SEQUENCE) {
        if (!arg->len)
            return;
        text = arg->u.items[0];
        if (arg->len == 2)
            vars = arg->u.items[1];
    }
    if (text->kind != CF_SCALAR || text->type != CF_TYPE_STR)
        return;
    const char *s = text->u.str;
    for (size_t i = 0; i + 1 < text->len; i++) {
        if (s[i] != '$' || s[i + 1] != '{')
            continue;
        size_t start = i + 2, end = start;
        while (end < text->len && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.", s[end]) && s[end])
            end++;
        if (end >= text->len || s[end] != '}')
            continue;
        i = end;
        size_t len = end - start;
        char *name = xstrndup(s + start, len);
        if (!(vars && vars->kind == CF_MAPPING && cf_map_get(vars, name))) {
            const char *dot = memchr(name, '.', len);
            add_edge(g, from, name, dot ? (size_t)(dot - name) : len, dot ? EDGE_GETATT : EDGE_REF, PHASE_SUB,
                     sub_map);
        }
        free(name);
    }
}

static void add_getatt_edge(graph *g, size_t from, const cf_node *map, const cf_node *arg)
{
    if (arg->kind == CF_SEQUENCE && arg->len == 2 && arg->u.items[0]->kind == CF_SCALAR &&
        arg->u.items[0]->type == CF_TYPE_STR) {
        add_edge(g, from, arg->u.items[0]->u.str, arg->u.items[0]->len, EDGE_GETATT, PHASE_GETATT, map);
    } else if (arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR) {
        const char *dot = strchr(arg->u.str, '.');
        if (dot)
            add_edge(g, from, arg->u.str, (size_t)(dot - arg->u.str), EDGE_GETATT, PHASE_GETATT, map);
    }
}

/* Every reference anywhere in a resource (Properties, Metadata, ...). */
static void add_reference_edges(graph *g, size_t from, const cf_node *n)
{
    if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            add_reference_edges(g, from, n->u.items[i]);
        return;
    }
    if (n->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key, *v = n->u.pairs[i].value;
        if (cf_is_str(k, "Ref") && v->kind == CF_SCALAR && v->type == CF_TYPE_STR)
            add_edge(g, from, v->u.str, v->len, EDGE_REF, PHASE_REF, n);
        else if (cf_is_str(k, "Fn::GetAtt"))
            add_getatt_edge(g, from, n, v);
        else if (cf_is_str(k, "Fn::Sub"))
            add_sub_edges(g, from, n, v);
        add_reference_edges(g, from, v);
    }
}

static void add_depends_on_edges(graph *g, size_t from, const cf_node *dep)
{
    if (dep->kind == CF_SCALAR && dep->type == CF_TYPE_STR)
        add_edge(g, from, dep->u.str, dep->len, EDGE_DEPENDS_ON, PHASE_DEPENDS_ON, dep);
    for (uint32_t i = 0; dep->kind == CF_SEQUENCE && i < dep->len; i++) {
        const cf_node *d = dep->u.items[i];
        if (d->kind == CF_SCALAR && d->type == CF_TYPE_STR)
            add_edge(g, from, d->u.str, d->len, EDGE_DEPENDS_ON, PHASE_DEPENDS_ON, d);
    }
}

/* ---- What the SAM transform makes of a serverless resource's references --
 * cfn-lint judges a SAM template after the transform, so a dependency is
 * what the resources the transform makes depend on.  A serverless
 * resource becomes a resource of the same name (a function, a REST API,
 * a state machine ...) plus others around it: its Events become
 * permissions and event sources that depend on it, its Policies a role it
 * depends on, an API's stage settings a stage.  So a reference in a
 * property that moves to another resource is not this one's (dropped),
 * one in a property that goes to a role it depends on is a dependency but
 * not a reference W3005 can cite (hidden), and a property may change its
 * name (Role becomes a state machine's RoleArn).  An Api or HttpApi event
 * that names an API of the template puts the function's ARN in that API's
 * definition: the API depends on the function. */

typedef enum sam_fate { SAM_KEEP, SAM_DROP, SAM_HIDE, SAM_RENAME, SAM_ENDPOINT } sam_fate;

static const struct {
    const char *type, *property;
    sam_fate fate;
    const char *as;
} sam_properties[] = {
    {"AWS::Serverless::Function", "Events", SAM_DROP, NULL},
    {"AWS::Serverless::Function", "EventInvokeConfig", SAM_DROP, NULL},
    {"AWS::Serverless::Function", "FunctionUrlConfig", SAM_DROP, NULL},
    {"AWS::Serverless::Function", "DeploymentPreference", SAM_DROP, NULL},
    {"AWS::Serverless::Function", "ProvisionedConcurrencyConfig", SAM_DROP, NULL},
    {"AWS::Serverless::Function", "AutoPublishAlias", SAM_DROP, NULL},
    {"AWS::Serverless::Function", "Policies", SAM_HIDE, NULL},
    {"AWS::Serverless::Function", "PermissionsBoundary", SAM_HIDE, NULL},
    {"AWS::Serverless::Function", "AssumeRolePolicyDocument", SAM_HIDE, NULL},
    {"AWS::Serverless::Function", "DeadLetterQueue", SAM_HIDE, NULL},
    {"AWS::Serverless::Function", "CodeUri", SAM_HIDE, NULL},
    {"AWS::Serverless::Function", "InlineCode", SAM_HIDE, NULL},
    {"AWS::Serverless::StateMachine", "Events", SAM_DROP, NULL},
    {"AWS::Serverless::StateMachine", "AutoPublishAlias", SAM_DROP, NULL},
    {"AWS::Serverless::StateMachine", "DeploymentPreference", SAM_DROP, NULL},
    {"AWS::Serverless::StateMachine", "Policies", SAM_HIDE, NULL},
    {"AWS::Serverless::StateMachine", "PermissionsBoundary", SAM_HIDE, NULL},
    {"AWS::Serverless::StateMachine", "Role", SAM_RENAME, "RoleArn"},
    {"AWS::Serverless::StateMachine", "Logging", SAM_RENAME, "LoggingConfiguration"},
    {"AWS::Serverless::StateMachine", "Tracing", SAM_RENAME, "TracingConfiguration"},
    {"AWS::Serverless::StateMachine", "DefinitionUri", SAM_RENAME, "DefinitionS3Location"},
    {"AWS::Serverless::Api", "StageName", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "Variables", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "MethodSettings", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "AccessLogSetting", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "CanarySetting", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "CacheClusterEnabled", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "CacheClusterSize", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "TracingEnabled", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "Domain", SAM_DROP, NULL},
    {"AWS::Serverless::Api", "Auth", SAM_HIDE, NULL},
    {"AWS::Serverless::Api", "Models", SAM_HIDE, NULL},
    {"AWS::Serverless::Api", "GatewayResponses", SAM_HIDE, NULL},
    {"AWS::Serverless::Api", "DefinitionBody", SAM_RENAME, "Body"},
    {"AWS::Serverless::Api", "DefinitionUri", SAM_RENAME, "BodyS3Location"},
    {"AWS::Serverless::Api", "EndpointConfiguration", SAM_ENDPOINT, NULL},
    {"AWS::Serverless::HttpApi", "StageName", SAM_DROP, NULL},
    {"AWS::Serverless::HttpApi", "StageVariables", SAM_DROP, NULL},
    {"AWS::Serverless::HttpApi", "AccessLogSettings", SAM_DROP, NULL},
    {"AWS::Serverless::HttpApi", "DefaultRouteSettings", SAM_DROP, NULL},
    {"AWS::Serverless::HttpApi", "RouteSettings", SAM_DROP, NULL},
    {"AWS::Serverless::HttpApi", "Domain", SAM_DROP, NULL},
    {"AWS::Serverless::HttpApi", "Auth", SAM_HIDE, NULL},
    {"AWS::Serverless::HttpApi", "CorsConfiguration", SAM_HIDE, NULL},
    {"AWS::Serverless::HttpApi", "DefinitionBody", SAM_RENAME, "Body"},
    {"AWS::Serverless::HttpApi", "DefinitionUri", SAM_RENAME, "BodyS3Location"},
    {"AWS::Serverless::HttpApi", "Description", SAM_RENAME, "Body/info/description"},
    {"AWS::Serverless::GraphQLApi", "Functions", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "Resolvers", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "DataSources", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "ApiKeys", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "DomainName", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "Cache", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "SchemaInline", SAM_DROP, NULL},
    {"AWS::Serverless::GraphQLApi", "SchemaUri", SAM_DROP, NULL},
    {"AWS::Serverless::Application", "Location", SAM_RENAME, "TemplateURL"},
    {"AWS::Serverless::LayerVersion", "ContentUri", SAM_HIDE, NULL},
    {"AWS::Serverless::Connector", "Source", SAM_DROP, NULL},
    {"AWS::Serverless::Connector", "Destination", SAM_DROP, NULL},
};

static sam_fate sam_fate_of(const char *type, const cf_node *key, const char **as)
{
    *as = NULL;
    for (size_t i = 0; key->kind == CF_SCALAR && i < sizeof sam_properties / sizeof sam_properties[0]; i++)
        if (!strcmp(sam_properties[i].type, type) && !strcmp(sam_properties[i].property, key->u.str)) {
            *as = sam_properties[i].as;
            return sam_properties[i].fate;
        }
    return SAM_KEEP;
}

static void add_serverless_edges(graph *g, size_t from, const cf_resource *r)
{
    for (uint32_t i = 0; r->node->kind == CF_MAPPING && i < r->node->len; i++) {
        const cf_node *k = r->node->u.pairs[i].key, *v = r->node->u.pairs[i].value;
        if (!cf_is_str(k, "Properties") || v->kind != CF_MAPPING) {
            add_reference_edges(g, from, v);
            continue;
        }
        for (uint32_t p = 0; p < v->len; p++) {
            const char *as;
            sam_fate fate = sam_fate_of(r->type_name, v->u.pairs[p].key, &as);
            const cf_node *value = v->u.pairs[p].value;
            if (fate == SAM_DROP)
                continue;
            if (fate == SAM_ENDPOINT) /* only the VPC endpoints stay on the API */
                value = cf_map_get(value, "VPCEndpointIds");
            g->as = as;
            g->hidden = fate == SAM_HIDE;
            if (value)
                add_reference_edges(g, from, value);
            g->as = NULL;
            g->hidden = false;
        }
    }
}

/* The API an Api or HttpApi event names with RestApiId or ApiId, when it
 * is a serverless API of the template. */
static long event_api(const graph *g, const cf_node *event)
{
    const cf_node *type = cf_map_get(event, "Type"), *props = cf_map_get(event, "Properties");
    const char *key = cf_is_str(type, "Api") ? "RestApiId" : cf_is_str(type, "HttpApi") ? "ApiId" : NULL;
    const cf_node *ref = key ? cf_map_get(cf_map_get(props, key), "Ref") : NULL;
    if (!ref || ref->kind != CF_SCALAR || ref->type != CF_TYPE_STR)
        return -1;
    long api = target_of(g, ref->u.str, ref->len);
    if (api < 0 || !is_serverless(g->t, &g->t->res[api]))
        return -1;
    /* a REST API's definition takes the event only when the template
     * writes one (SAM's own is not seen as depending on the function) */
    if (cf_is_str(type, "Api") && !cf_map_get(g->t->res[api].properties, "DefinitionBody"))
        return -1;
    return api;
}

static void graph_build(graph *g, const cf_template *t)
{
    memset(g, 0, sizeof *g);
    g->t = t;
    strmap_init(&g->index);
    for (size_t i = 0; i < t->nres; i++)
        strmap_put(&g->index, t->res[i].name, strlen(t->res[i].name), (void *)(i + 1));
    /* the APIs SAM events make depend on their functions: (api, function) */
    size_t *api_of = NULL, napi = 0, api_cap = 0;
    for (size_t i = 0; t->sam && i < t->nres; i++) {
        const cf_node *events = is_serverless(t, &t->res[i]) ? cf_map_get(t->res[i].properties, "Events") : NULL;
        for (uint32_t e = 0; events && events->kind == CF_MAPPING && e < events->len; e++) {
            long api = event_api(g, events->u.pairs[e].value);
            if (api >= 0) {
                GROW(api_of, api_cap, napi + 2);
                api_of[napi++] = (size_t)api;
                api_of[napi++] = i;
            }
        }
    }
    g->out_start = xcalloc(t->nres + 1, sizeof *g->out_start);
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        const cf_node *dep = cf_map_get(r->node, "DependsOn");
        g->out_start[i] = g->n;
        if (dep && graph_node(r))
            add_depends_on_edges(g, i, dep);
        if (is_serverless(t, r))
            add_serverless_edges(g, i, r);
        else
            add_reference_edges(g, i, r->node);
        for (size_t k = 0; k < napi; k += 2)
            if (api_of[k] == i) {
                GROW(g->v, g->cap, g->n + 1);
                g->v[g->n++] = (edge){i, api_of[k + 1], EDGE_GETATT, PHASE_SUB, NULL, NULL, true};
            }
    }
    g->out_start[t->nres] = g->n;
    free(api_of);
}

static void graph_free(graph *g)
{
    free(g->v);
    free(g->out_start);
    strmap_free(&g->index);
}

/* ---- The checks ------------------------------------------------------- */

/* Resources that exist as DependsOn targets: mappings with a string Type. */
static bool dependable(const cf_resource *r)
{
    return r->node->kind == CF_MAPPING && r->type_name;
}

/* Names the SAM transform generates from a serverless resource's id
 * (MyFunctionRole, MyApiStage ...) exist only after the transform. */
static bool sam_generated(const cf_template *t, const char *name)
{
    for (size_t i = 0; t->sam && i < t->nres; i++) {
        size_t n = strlen(t->res[i].name);
        if (is_serverless(t, &t->res[i]) && !strncmp(name, t->res[i].name, n) && name[n])
            return true;
    }
    return false;
}

static bool has_foreach(const cf_template *t)
{
    for (size_t i = 0; i < t->nres; i++)
        if (!strncmp(t->res[i].name, "Fn::ForEach::", 13))
            return true;
    return false;
}

static void unknown_target(cf_lint_ctx *ctx, const cf_resource *self, const cf_node *d)
{
    const cf_template *t = ctx->tpl;
    const char **names = xcalloc(t->nres + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < t->nres; i++)
        if (&t->res[i] != self && dependable(&t->res[i]))
            names[n++] = t->res[i].name;
    cf_buf b = {0}, list = {0};
    cf_repr(&b, d);
    cf_sect_names_repr(&list, names, n);
    cf_sect_report(ctx, "E3005", d, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
    free(names);
}

/* Where a reference is, as cfn-lint names it: in a SAM template, in the
 * resource the transform makes (a property renamed there). */
static char *sam_path_text(const edge *x)
{
    char *text = cf_sect_path_text(x->where);
    if (!x->as)
        return text;
    /* Resources/Name/Properties/Old/... -> Resources/Name/Properties/New/... */
    char *p = strstr(text, "/Properties/");
    if (!p)
        return text;
    p += strlen("/Properties/");
    size_t old = strcspn(p, "/");
    char *renamed = xasprintf("%.*s%s%s", (int)(p - text), text, x->as, p + old);
    free(text);
    return renamed;
}

/* One finding per reference that already orders the two (cfn-lint names
 * each of them). */
/* Where a finding about a DependsOn entry goes: the entry, or for a
 * serverless resource whose DependsOn is a single name (the transform
 * writes it anew, as a list) the resource, about its DependsOn. */
static cf_diag *report_depends_on(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *d, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static cf_diag *report_depends_on(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cf_diag *out;
    const cf_node *dep = cf_map_get(r->node, "DependsOn");
    if (is_serverless(ctx->tpl, r) && dep && dep->kind == CF_SCALAR) {
        out = cf_diag_at(ctx->out, ctx->doc, "W3005", r->key, "%s", msg);
        cf_diag_about(out, dep);
    } else {
        out = cf_sect_report(ctx, "W3005", d, "%s", msg);
    }
    free(msg);
    return out;
}

static void report_already_enforced(cf_lint_ctx *ctx, const graph *g, size_t from, size_t to, const cf_node *d)
{
    for (size_t e = g->out_start[from]; e < g->out_start[from + 1]; e++) {
        const edge *x = &g->v[e];
        if (x->to != to || x->kind == EDGE_DEPENDS_ON || x->hidden || !x->where)
            continue;
        char *where = sam_path_text(x);
        report_depends_on(ctx, &g->t->res[from], d, "'%s' dependency already enforced by a '%s' at '%s'",
                          g->t->res[to].name, edge_names[x->kind], where);
        free(where);
    }
}

/* A DependsOn naming a resource the SAM transform makes: redundant when
 * this resource refers to it anyway (a Ref to the stage SAM names
 * ApiStageStage), or when it is the role SAM makes for a function or
 * state machine that names no Role of its own. */
typedef struct generated_ref {
    cf_lint_ctx *ctx;
    const cf_resource *r;
    const cf_node *d;
} generated_ref;

static void generated_reference(const cf_reference *ref, void *arg)
{
    const generated_ref *gr = arg;
    const cf_node *d = gr->d;
    if (ref->target_len != d->len || memcmp(ref->target, d->u.str, d->len) != 0)
        return;
    /* in a serverless resource, only what stays with it counts */
    const cf_node *prop = ref->holder;
    while (prop && prop->parent && prop->parent != gr->r->properties)
        prop = prop->parent;
    const char *as = NULL;
    if (is_serverless(gr->ctx->tpl, gr->r) &&
        (!prop || !prop->parent || sam_fate_of(gr->r->type_name, cf_node_key(prop), &as) != SAM_KEEP))
        return;
    bool getatt = ref->kind == CF_REF_GETATT || ref->kind == CF_REF_SUB_GETATT;
    char *where = cf_sect_path_text(ref->holder);
    report_depends_on(gr->ctx, gr->r, d, "'%s' dependency already enforced by a '%s' at '%s'", d->u.str,
                      getatt ? "GetAtt" : "Ref", where);
    free(where);
}

static void report_generated_enforced(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *d)
{
    size_t n = strlen(r->name);
    bool own_role = is_serverless(ctx->tpl, r) && d->len == n + 4 && !strncmp(d->u.str, r->name, n) &&
                    !strcmp(d->u.str + n, "Role") && !cf_map_get(r->properties, "Role");
    if (own_role && (!strcmp(r->type_name, "AWS::Serverless::Function") ||
                     !strcmp(r->type_name, "AWS::Serverless::StateMachine"))) {
        bool fn = !strcmp(r->type_name, "AWS::Serverless::Function");
        report_depends_on(ctx, r, d, "'%s' dependency already enforced by a 'GetAtt' at 'Resources/%s/Properties/%s'",
                          d->u.str, r->name, fn ? "Role" : "RoleArn");
        return;
    }
    generated_ref gr = {ctx, r, d};
    cf_refs_walk(r->properties, generated_reference, &gr);
}

static void check_depends_on_entry(cf_lint_ctx *ctx, const graph *g, size_t self, const cf_node *d, bool lenient)
{
    const cf_template *t = ctx->tpl;
    if (d->kind != CF_SCALAR || d->type != CF_TYPE_STR)
        return; /* E3001's */
    const cf_resource *r = &t->res[self];
    const cf_resource *target = cf_template_resource(t, d->u.str);
    if ((!target || target == r || !dependable(target)) && !lenient && !sam_generated(t, d->u.str))
        unknown_target(ctx, r, d); /* a target that may not exist: rules/relationships.c */
    /* a reference to itself is an edge as well (and E3004's cycle) */
    /* a layer's logical id is a new one after the transform: nothing to place */
    if (is_serverless(t, r) && !strcmp(r->type_name, "AWS::Serverless::LayerVersion"))
        return;
    if (target)
        report_already_enforced(ctx, g, self, (size_t)(target - t->res), d);
    else if (sam_generated(t, d->u.str))
        report_generated_enforced(ctx, r, d);
}

static void check_depends_on(cf_lint_ctx *ctx, const graph *g)
{
    const cf_template *t = ctx->tpl;
    bool lenient = has_foreach(t); /* loops make resources we cannot name */
    for (size_t i = 0; i < t->nres; i++) {
        const cf_node *dep = t->res[i].walked ? cf_map_get(t->res[i].node, "DependsOn") : NULL;
        if (!dep)
            continue;
        if (dep->kind == CF_SEQUENCE)
            for (uint32_t k = 0; k < dep->len; k++)
                check_depends_on_entry(ctx, g, i, dep->u.items[k], lenient);
        else
            check_depends_on_entry(ctx, g, i, dep, lenient);
    }
}

/* ---- Cycles ------------------------------------------------------------
 * cfn-lint looks for a cycle from each resource in turn (networkx's
 * find_cycle: an edge-by-edge depth-first search over the edges in the
 * order they were added) and reports every dependency of the first cycle
 * each search meets.  The same searches run here, with two savings that
 * do not change what they find: Tarjan's strongly connected components
 * (iterative, linear) tell which resources can reach a cycle at all, and
 * a search never enters a resource that cannot, since nothing there can
 * close a cycle.  Templates without cycles cost one linear pass. */

#define NONE ((size_t)-1)

typedef struct cycle_search {
    const graph *g;
    size_t nnodes;
    size_t *adj, *adj_start; /* edge ids out of each node, in networkx's order */
    size_t *comp;            /* strongly connected component of each node */
    bool *reaches_cycle;     /* per component */
    bool *in_cycle;          /* per edge: found by some search */
} cycle_search;

typedef struct adj_key {
    size_t rank, phase, id;
} adj_key;

static int cmp_adj_key(const void *a, const void *b)
{
    const adj_key *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->phase != y->phase)
        return x->phase < y->phase ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* A MultiDiGraph lists a node's edges by neighbour, neighbours in the
 * order their first edge was added, then that neighbour's edges in the
 * order they were added. */
static void order_adjacency(cycle_search *cs)
{
    const graph *g = cs->g;
    size_t n = cs->nnodes;
    cs->adj = xcalloc(g->n + 1, sizeof *cs->adj);
    cs->adj_start = xcalloc(n + 1, sizeof *cs->adj_start);
    size_t *first = xcalloc(n + 1, sizeof *first); /* 1 + rank of each target */
    adj_key *keys = xcalloc(g->n + 1, sizeof *keys);
    for (size_t u = 0; u < n; u++) {
        size_t lo = g->out_start[u], hi = g->out_start[u + 1], k = 0;
        cs->adj_start[u] = lo;
        for (size_t e = lo; e < hi; e++)
            keys[k++] = (adj_key){0, g->v[e].phase, e};
        qsort(keys, k, sizeof *keys, cmp_adj_key); /* insertion order */
        size_t ranks = 0;
        for (size_t i = 0; i < k; i++) {
            size_t to = g->v[keys[i].id].to;
            if (!first[to])
                first[to] = ++ranks;
            keys[i].rank = first[to];
        }
        qsort(keys, k, sizeof *keys, cmp_adj_key);
        for (size_t i = 0; i < k; i++) {
            cs->adj[lo + i] = keys[i].id;
            first[g->v[keys[i].id].to] = 0;
        }
    }
    cs->adj_start[n] = g->n;
    free(first);
    free(keys);
}

/* Tarjan's components without recursion (a template may chain thousands
 * of resources).  Components complete in reverse topological order, so
 * whether one reaches a cycle is known from those completed before it. */
static void find_components(cycle_search *cs)
{
    const graph *g = cs->g;
    size_t n = cs->nnodes;
    size_t *index = xcalloc(n, sizeof *index), *low = xcalloc(n, sizeof *low);
    size_t *stack = xcalloc(n, sizeof *stack), *call = xcalloc(n, sizeof *call);
    size_t *call_pos = xcalloc(n, sizeof *call_pos), *order = xcalloc(n, sizeof *order);
    bool *on_stack = xcalloc(n, sizeof *on_stack), *cyclic = xcalloc(n, sizeof *cyclic);
    size_t *size = xcalloc(n, sizeof *size);
    cs->comp = xcalloc(n, sizeof *cs->comp);
    cs->reaches_cycle = xcalloc(n, sizeof *cs->reaches_cycle);
    for (size_t v = 0; v < n; v++)
        index[v] = NONE;
    size_t counter = 0, sp = 0, ncomp = 0, norder = 0;
    for (size_t root = 0; root < n; root++) {
        if (index[root] != NONE)
            continue;
        size_t depth = 0;
        call[0] = root;
        call_pos[0] = cs->adj_start[root];
        index[root] = low[root] = counter++;
        stack[sp++] = root;
        on_stack[root] = true;
        for (;;) {
            size_t v = call[depth];
            if (call_pos[depth] < cs->adj_start[v + 1]) {
                size_t w = g->v[cs->adj[call_pos[depth]++]].to;
                if (index[w] == NONE) {
                    index[w] = low[w] = counter++;
                    stack[sp++] = w;
                    on_stack[w] = true;
                    call[++depth] = w;
                    call_pos[depth] = cs->adj_start[w];
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                size_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = false;
                    cs->comp[w] = ncomp;
                    size[ncomp]++;
                    order[norder++] = w;
                } while (w != v);
                ncomp++;
            }
            if (!depth)
                break;
            size_t parent = call[--depth];
            if (low[v] < low[parent])
                low[parent] = low[v];
        }
    }
    for (size_t c = 0; c < ncomp; c++)
        cyclic[c] = size[c] > 1;
    for (size_t e = 0; e < g->n; e++)
        if (g->v[e].from == g->v[e].to)
            cyclic[cs->comp[g->v[e].from]] = true;
    for (size_t i = 0; i < norder; i++) {
        size_t v = order[i], c = cs->comp[v];
        cs->reaches_cycle[c] |= cyclic[c];
        for (size_t p = cs->adj_start[v]; p < cs->adj_start[v + 1]; p++)
            cs->reaches_cycle[c] |= cs->reaches_cycle[cs->comp[g->v[cs->adj[p]].to]];
    }
    free(index);
    free(low);
    free(stack);
    free(call);
    free(call_pos);
    free(order);
    free(on_stack);
    free(cyclic);
    free(size);
}

/* One find_cycle from start: mark the edges of the cycle it meets. */
typedef struct search_state {
    unsigned *visited, *seen_edge, *active;
    size_t *pos, *stack, *path;
    unsigned gen, agen;
} search_state;

static void search_from(cycle_search *cs, search_state *st, size_t start)
{
    const edge *ev = cs->g->v;
    st->gen++;
    st->agen++;
    size_t sp = 0, plen = 0, previous_head = NONE;
    st->stack[sp++] = start;
    st->active[start] = st->agen;
    while (sp) {
        size_t cur = st->stack[sp - 1];
        if (st->visited[cur] != st->gen) {
            st->visited[cur] = st->gen;
            st->pos[cur] = cs->adj_start[cur];
        }
        if (st->pos[cur] == cs->adj_start[cur + 1]) {
            sp--;
            continue;
        }
        size_t e = cs->adj[st->pos[cur]++];
        if (st->seen_edge[e] == st->gen)
            continue;
        st->seen_edge[e] = st->gen;
        size_t w = ev[e].to;
        if (!cs->reaches_cycle[cs->comp[w]])
            continue;
        st->stack[sp++] = w;
        if (previous_head != NONE && cur != previous_head) {
            /* a new branch: back up the path to where it leaves from */
            for (;;) {
                if (!plen) {
                    st->agen++;
                    st->active[cur] = st->agen;
                    break;
                }
                st->active[ev[st->path[--plen]].to] = 0;
                if (plen && ev[st->path[plen - 1]].to == cur)
                    break;
            }
        }
        st->path[plen++] = e;
        if (st->active[w] == st->agen) {
            size_t i = 0;
            while (i < plen && ev[st->path[i]].from != w)
                i++;
            for (; i < plen; i++)
                cs->in_cycle[st->path[i]] = true;
            return;
        }
        st->active[w] = st->agen;
        previous_head = w;
    }
}

static void check_cycles(cf_lint_ctx *ctx, const graph *g)
{
    const cf_template *t = ctx->tpl;
    if (!t->nres)
        return;
    cycle_search cs = {g, t->nres, NULL, NULL, NULL, NULL, NULL};
    order_adjacency(&cs);
    find_components(&cs);
    cs.in_cycle = xcalloc(g->n + 1, sizeof *cs.in_cycle);
    search_state st = {0};
    st.visited = xcalloc(t->nres, sizeof *st.visited);
    st.active = xcalloc(t->nres, sizeof *st.active);
    st.pos = xcalloc(t->nres, sizeof *st.pos);
    st.seen_edge = xcalloc(g->n + 1, sizeof *st.seen_edge);
    st.stack = xcalloc(g->n + 2, sizeof *st.stack);
    st.path = xcalloc(g->n + 1, sizeof *st.path);
    for (size_t s = 0; s < t->nres; s++)
        if (graph_node(&t->res[s]) && cs.reaches_cycle[cs.comp[s]])
            search_from(&cs, &st, s);
    for (size_t e = 0; e < g->n; e++) {
        const edge *x = &g->v[e];
        if (!cs.in_cycle[e] || !graph_node(&t->res[x->from]) || !graph_node(&t->res[x->to]))
            continue;
        cf_sect_report(ctx, "E3004", t->res[x->from].node,
                       "Circular Dependencies for resource %s. Circular dependency with [%s]",
                       t->res[x->from].name, t->res[x->to].name);
    }
    free(st.visited);
    free(st.active);
    free(st.pos);
    free(st.seen_edge);
    free(st.stack);
    free(st.path);
    free(cs.adj);
    free(cs.adj_start);
    free(cs.comp);
    free(cs.reaches_cycle);
    free(cs.in_cycle);
}

static void check(cf_lint_ctx *ctx)
{
    graph g;
    graph_build(&g, ctx->tpl);
    check_depends_on(ctx, &g);
    check_cycles(ctx, &g);
    graph_free(&g);
}

CF_FAMILY(family_dependencies, "dependencies", check, rules);
