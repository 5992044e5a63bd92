/* The dependency graph of a SAM template as cfn-lint sees it: after the
 * AWS::Serverless-2016-10-31 transform (samtranslator, run the way
 * cfn-lint runs it).  A serverless resource becomes a main resource that
 * keeps its logical id and resources the transform makes, and its
 * references end up spread among them, moved or dropped:
 *
 *   - a Function keeps the properties Lambda has (Environment, VpcConfig,
 *     Layers, Role ...; DeadLetterQueue as DeadLetterConfig, InlineCode
 *     as Code.ZipFile); Policies, PermissionsBoundary and
 *     AssumeRolePolicyDocument go to the role it makes (<Id>Role, which
 *     the function refers to) unless it has a Role; its Events go to
 *     permissions, subscriptions, rules ... which nothing refers to, except
 *     what an event changes in its source: an Api event adds the function
 *     to its API's OpenAPI body, an S3 event to the bucket's notifications
 *     (and the bucket waits for the permission), a Cognito event to the
 *     user pool's triggers.  AutoPublishAlias makes a version and an
 *     alias (<Id>Alias<Name>) that events then call instead.
 *   - an Api's DefinitionBody is dropped (cfn-lint blanks it; with Auth,
 *     Cors or DisableExecuteApiEndpoint too), and SAM writes a body of its
 *     own with the functions whose events name the API; without any of
 *     them cfn-lint gives it a DefinitionUri, and nothing is added.  It
 *     makes a deployment (named by a hash) and a stage (<Id><Stage>Stage)
 *     that refer to the API; "MyApi.Stage" refers to the stage.
 *   - a StateMachine keeps its definition and makes a role like a
 *     function's; an Application keeps its Parameters (its Location is
 *     replaced); a LayerVersion is renamed by a hash.
 *   - Globals merge into each resource's properties first (mappings key
 *     by key, lists concatenated, anything else overridden).
 *
 * Only what is known is modelled: references of properties not listed
 * here make no edge (a missed cycle, never a false one).  The graph's
 * nodes follow the transformed template's order: the other resources as
 * written, then functions, state machines, APIs (the implicit ones last)
 * and the rest, each followed by the resources made from it. */
#include "../util.h"
#include "depgraph.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A property a resource the transform makes keeps: the SAM path (keys
 * separated by '/') and where it goes under Properties (NULL: the same). */
typedef struct kept {
    const char *sam, *cfn;
} kept;

static const kept function_kept[] = {
    {"Handler", NULL},
    {"Runtime", NULL},
    {"CodeUri/Bucket", "Code/S3Bucket"},
    {"CodeUri/Key", "Code/S3Key"},
    {"CodeUri/Version", "Code/S3ObjectVersion"},
    {"InlineCode", "Code/ZipFile"},
    {"FunctionName", NULL},
    {"Description", NULL},
    {"MemorySize", NULL},
    {"Timeout", NULL},
    {"Role", NULL},
    {"Environment", NULL},
    {"VpcConfig", NULL},
    {"Layers", NULL},
    {"KmsKeyArn", NULL},
    {"ReservedConcurrentExecutions", NULL},
    {"FileSystemConfigs", NULL},
    {"ImageConfig", NULL},
    {"Architectures", NULL},
    {"EphemeralStorage", NULL},
    {"SnapStart", NULL},
    {"RuntimeManagementConfig", NULL},
    {"LoggingConfig", NULL},
    {"RecursiveLoop", NULL},
    {"CodeSigningConfigArn", NULL},
    {"PackageType", NULL},
    {"DeadLetterQueue/TargetArn", "DeadLetterConfig/TargetArn"},
    {"Tracing", "TracingConfig/Mode"},
};

/* What the role a function or state machine makes holds. */
static const kept role_kept[] = {
    {"AssumeRolePolicyDocument", NULL},
    {"Policies", NULL},
    {"PermissionsBoundary", NULL},
    {"RolePath", "Path"},
};

static const kept state_machine_kept[] = {
    {"Definition", NULL},
    {"DefinitionSubstitutions", NULL},
    {"DefinitionUri/Bucket", "DefinitionS3Location/Bucket"},
    {"DefinitionUri/Key", "DefinitionS3Location/Key"},
    {"DefinitionUri/Version", "DefinitionS3Location/Version"},
    {"Name", "StateMachineName"},
    {"Type", "StateMachineType"},
    {"Logging", "LoggingConfiguration"},
    {"Tracing", "TracingConfiguration"},
    {"Role", "RoleArn"},
};

static const kept rest_api_kept[] = {
    {"Name", NULL},
    {"Description", NULL},
    {"EndpointConfiguration/VPCEndpointIds", "EndpointConfiguration/VpcEndpointIds"},
    {"BinaryMediaTypes", NULL},
    {"MinimumCompressionSize", NULL},
    {"Mode", NULL},
    {"ApiKeySourceType", NULL},
    {"FailOnWarnings", NULL},
    {"DisableExecuteApiEndpoint", NULL},
    {"Policy", NULL},
    {"SecurityPolicy", NULL},
    {"EndpointAccessMode", NULL},
};

static const kept rest_stage_kept[] = {
    {"CacheClusterEnabled", NULL},
    {"CacheClusterSize", NULL},
    {"Variables", NULL},
    {"MethodSettings", NULL},
    {"AccessLogSetting", NULL},
    {"CanarySetting", NULL},
    {"TracingEnabled", NULL},
};

static const kept http_api_kept[] = {
    {"DefinitionBody", "Body"},
    {"Description", "Body/info/description"}, /* SAM writes it into the OpenAPI body */
    {"FailOnWarnings", NULL},
    {"DisableExecuteApiEndpoint", NULL},
};

static const kept http_stage_kept[] = {
    {"StageVariables", NULL},
    {"AccessLogSettings", NULL},
    {"DefaultRouteSettings", NULL},
    {"RouteSettings", NULL},
};

static const kept application_kept[] = {
    {"Parameters", NULL},
    {"NotificationARNs", NULL},
    {"Tags", NULL},
    {"TimeoutInMinutes", NULL},
};

static const kept simple_table_kept[] = {
    {"TableName", NULL},
    {"SSESpecification", NULL},
    {"ProvisionedThroughput", NULL},
    {"PointInTimeRecoverySpecification", NULL},
    {"Tags", NULL},
};

static const kept layer_kept[] = {
    {"LayerName", NULL},
    {"Description", NULL},
    {"LicenseInfo", NULL},
    {"CompatibleRuntimes", NULL},
    {"CompatibleArchitectures", NULL},
    {"ContentUri/Bucket", "Content/S3Bucket"},
    {"ContentUri/Key", "Content/S3Key"},
    {"ContentUri/Version", "Content/S3ObjectVersion"},
};

static const kept graphql_kept[] = {
    {"Name", NULL},
    {"XrayEnabled", NULL},
};

#define N(a) (sizeof a / sizeof a[0])

/* The order the transform goes through serverless resources in. */
enum { G_FUNCTION, G_STATE_MACHINE, G_API, G_OTHER, G_CONNECTOR, G_COUNT };

/* What a serverless resource became. */
typedef struct sam_res {
    const cf_resource *r;
    const cf_node *props;      /* its Properties when a mapping */
    const char *globals;       /* its section of Globals */
    size_t main;               /* node of the resource that keeps its id */
    long role, alias, version, deployment, stage; /* made nodes, -1: none */
    long plan, api_key, plan_key; /* an API's usage plan (Auth.UsagePlan) */
    size_t shared_index;       /* its place among the APIs of the shared plan */
    bool managed_body;         /* an API whose OpenAPI body SAM writes */
} sam_res;

typedef struct sam_ctx {
    dep_graph *g;
    const cf_template *t;
    const cf_node *globals;    /* the Globals section when a mapping */
    sam_res *sam;              /* per resource; r == NULL: not serverless */
    sam_res implicit_rest, implicit_http;
    long shared_plan, shared_key, shared_plan_key; /* CreateUsagePlan: SHARED */
    size_t nshared;
} sam_ctx;

static bool is_type(const cf_resource *r, const char *type)
{
    return r && r->type_name && !strcmp(r->type_name, type);
}

static int group_of(const char *type)
{
    if (!strcmp(type, "AWS::Serverless::Function"))
        return G_FUNCTION;
    if (!strcmp(type, "AWS::Serverless::StateMachine"))
        return G_STATE_MACHINE;
    if (!strcmp(type, "AWS::Serverless::Api") || !strcmp(type, "AWS::Serverless::HttpApi") ||
        !strcmp(type, "AWS::Serverless::WebSocketApi"))
        return G_API;
    if (!strcmp(type, "AWS::Serverless::Connector"))
        return G_CONNECTOR;
    return G_OTHER;
}

/* The value at a path of keys ("CodeUri/Bucket") under a mapping. */
static const cf_node *at_path(const cf_node *n, const char *path)
{
    char key[128];
    while (n && *path) {
        size_t len = strcspn(path, "/");
        if (len >= sizeof key || n->kind != CF_MAPPING || cf_intrinsic_name(n))
            return NULL;
        memcpy(key, path, len);
        key[len] = '\0';
        n = cf_map_get(n, key);
        path += len + (path[len] == '/');
    }
    return n;
}

/* A reference to a resource: Ref X, or the name as a string. */
static const char *named(const cf_node *n)
{
    if (!n)
        return NULL;
    if (n->kind == CF_SCALAR && n->type == CF_TYPE_STR)
        return n->u.str;
    const char *fn = cf_intrinsic_name(n);
    const cf_node *arg = fn && !strcmp(fn, "Ref") ? n->u.pairs[0].value : NULL;
    return arg && arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR ? arg->u.str : NULL;
}

/* Python's str.isalnum() for the ASCII names SAM builds ids from. */
static bool alnum(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s))
            return false;
    return true;
}

static const char *name_of(sam_ctx *c, const char *a, const char *b, const char *d)
{
    return dep_keep(c->g, xasprintf("%s%s%s", a, b, d ? d : ""));
}

static const char *props_path(sam_ctx *c, const char *name, const char *rest)
{
    return dep_keep(c->g, xasprintf("Resources/%s/Properties/%s", name, rest));
}

/* ---- References, with Globals merged ------------------------------- */

static bool plain_map(const cf_node *n)
{
    return n && n->kind == CF_MAPPING && !cf_intrinsic_name(n);
}

/* The references of a global value and a local one merged the way SAM
 * merges Globals, from node `from`, written at path. */
static void merged_refs(sam_ctx *c, size_t from, const cf_node *global, const cf_node *local, const char *path)
{
    if (!global || !local) {
        const cf_node *n = global ? global : local;
        if (n)
            dep_add_refs(c->g, from, n, n, path);
        return;
    }
    if (plain_map(global) && plain_map(local)) {
        for (uint32_t i = 0; i < global->len; i++) {
            const cf_node *k = global->u.pairs[i].key;
            const char *sub = dep_keep(c->g, xasprintf("%s/%s", path, k->u.str));
            merged_refs(c, from, global->u.pairs[i].value, cf_map_get(local, k->u.str), sub);
        }
        for (uint32_t i = 0; i < local->len; i++) {
            const cf_node *k = local->u.pairs[i].key;
            if (!cf_map_get(global, k->u.str))
                dep_add_refs(c->g, from, local->u.pairs[i].value, local->u.pairs[i].value,
                             dep_keep(c->g, xasprintf("%s/%s", path, k->u.str)));
        }
        return;
    }
    if (global->kind == CF_SEQUENCE && local->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < global->len + local->len; i++) {
            const cf_node *item = i < global->len ? global->u.items[i] : local->u.items[i - global->len];
            dep_add_refs(c->g, from, item, item, dep_keep(c->g, xasprintf("%s/%u", path, i)));
        }
        return;
    }
    dep_add_refs(c->g, from, local, local, path);
}

static const cf_node *global_prop(const sam_ctx *c, const sam_res *s, const char *path)
{
    if (!c->globals || !s->globals)
        return NULL;
    return at_path(cf_map_get(c->globals, s->globals), path);
}

/* A Tags mapping becomes a list of {Key, Value}: a value's references
 * sit at Tags/<i>/Value (first: the tags the transform adds). */
static void tag_refs(sam_ctx *c, size_t from, const char *name, const cf_node *tags, unsigned first)
{
    if (!plain_map(tags)) {
        if (tags)
            dep_add_refs(c->g, from, tags, tags, props_path(c, name, "Tags"));
        return;
    }
    for (uint32_t i = 0; i < tags->len; i++) {
        const cf_node *v = tags->u.pairs[i].value;
        dep_add_refs(c->g, from, v, v, props_path(c, name, dep_keep(c->g, xasprintf("Tags/%u/Value", first + i))));
    }
}

static void kept_refs(sam_ctx *c, size_t from, const sam_res *s, const char *name, const kept *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const cf_node *local = at_path(s->props, k[i].sam), *global = global_prop(c, s, k[i].sam);
        if (local || global)
            merged_refs(c, from, global, local, props_path(c, name, k[i].cfn ? k[i].cfn : k[i].sam));
    }
}

/* The main resource's own part: DependsOn, Metadata (passed through) and
 * the properties it keeps. */
static void main_refs(sam_ctx *c, const sam_res *s, const kept *k, size_t n)
{
    const cf_resource *r = s->r;
    const cf_node *dep = cf_map_get(r->node, "DependsOn");
    if (dep)
        dep_add_depends_on(c->g, s->main, dep);
    kept_refs(c, s->main, s, r->name, k, n);
    const cf_node *meta = cf_map_get(r->node, "Metadata");
    if (meta)
        dep_add_refs(c->g, s->main, meta, NULL, NULL);
}

/* ---- Nodes ------------------------------------------------------------ */

static size_t made(sam_ctx *c, const char *name, const sam_res *s)
{
    return dep_add_node(c->g, name, s->r, true);
}

/* AutoPublishAlias as cfn-lint gives it to the transform: a Ref to a
 * parameter reads "Alias". */
static const char *alias_name(const sam_ctx *c, const sam_res *s)
{
    const cf_node *a = at_path(s->props, "AutoPublishAlias");
    if (!a)
        a = global_prop(c, s, "AutoPublishAlias");
    if (!a || (a->kind == CF_SCALAR && a->type == CF_TYPE_NULL))
        return NULL;
    if (a->kind == CF_SCALAR)
        return a->u.str;
    const char *ref = named(a);
    return ref && cf_section_get(&c->t->params, ref) ? "Alias" : "";
}

static void function_nodes(sam_ctx *c, sam_res *s)
{
    const char *id = s->r->name;
    s->main = dep_add_node(c->g, id, s->r, false);
    const char *alias = alias_name(c, s);
    if (alias) {
        s->version = (long)made(c, NULL, s);
        s->alias = (long)made(c, alnum(alias) ? name_of(c, id, "Alias", alias) : NULL, s);
        dep_name(c->g, name_of(c, id, ".Version", NULL), (size_t)s->version);
        dep_name(c->g, name_of(c, id, ".Alias", NULL), (size_t)s->alias);
    }
    if (!at_path(s->props, "Role"))
        s->role = (long)made(c, name_of(c, id, "Role", NULL), s);
}

static void state_machine_nodes(sam_ctx *c, sam_res *s)
{
    s->main = dep_add_node(c->g, s->r->name, s->r, false);
    if (!at_path(s->props, "Role"))
        s->role = (long)made(c, name_of(c, s->r->name, "Role", NULL), s);
}

/* The stage's logical id: <Api><StageName>Stage for a name of letters and
 * digits, <Api>Stage for a function, else a hash (unknown). */
static const char *stage_name(sam_ctx *c, const char *api, const cf_node *stage, bool http)
{
    if (http && (!stage || (stage->kind == CF_SCALAR && (!stage->len || !strcmp(stage->u.str, "$default")))))
        return name_of(c, api, "ApiGatewayDefaultStage", NULL);
    if (!stage || stage->kind != CF_SCALAR)
        return name_of(c, api, "Stage", NULL);
    if (stage->type == CF_TYPE_STR && alnum(stage->u.str))
        return name_of(c, api, stage->u.str, "Stage");
    return NULL;
}

/* Does cfn-lint's run of the transform leave SAM writing this API's
 * OpenAPI body?  It blanks DefinitionBody when the API has one (or Auth,
 * Cors, DisableExecuteApiEndpoint), and otherwise sets DefinitionUri. */
static bool rest_body_managed(const cf_node *props)
{
    if (!props || props->kind != CF_MAPPING)
        return true;
    static const char *const blanking[] = {"DefinitionBody", "Auth", "Cors", "DisableExecuteApiEndpoint"};
    for (size_t i = 0; i < N(blanking); i++)
        if (cf_map_get(props, blanking[i])) {
            const cf_node *uri = cf_map_get(props, "DefinitionUri");
            return !uri || (uri->kind == CF_SCALAR && (uri->type == CF_TYPE_NULL || !uri->len));
        }
    return false;
}

/* An HTTP API has a body to add routes to unless it has only a
 * DefinitionUri. */
static bool http_body_managed(const cf_node *props)
{
    if (!props || props->kind != CF_MAPPING)
        return true;
    return cf_map_get(props, "DefinitionBody") || !cf_map_get(props, "DefinitionUri");
}

/* Auth.UsagePlan.CreateUsagePlan: PER_API makes <Id>UsagePlan, <Id>ApiKey
 * and <Id>UsagePlanKey, SHARED one ServerlessUsagePlan (and key) for
 * every API that asks for it; each waits (DependsOn) for the one before. */
static void usage_plan_nodes(sam_ctx *c, sam_res *s, const char *id)
{
    const cf_node *create = at_path(s->props, "Auth/UsagePlan/CreateUsagePlan");
    if (!s->r || !create || create->kind != CF_SCALAR)
        return;
    if (!strcmp(create->u.str, "PER_API")) {
        s->plan = (long)made(c, name_of(c, id, "UsagePlan", NULL), s);
        s->api_key = (long)made(c, name_of(c, id, "ApiKey", NULL), s);
        s->plan_key = (long)made(c, name_of(c, id, "UsagePlanKey", NULL), s);
    } else if (!strcmp(create->u.str, "SHARED")) {
        if (c->shared_plan < 0) {
            c->shared_plan = (long)made(c, "ServerlessUsagePlan", s);
            c->shared_key = (long)made(c, "ServerlessApiKey", s);
            c->shared_plan_key = (long)made(c, "ServerlessUsagePlanKey", s);
        }
        s->plan = c->shared_plan;
        s->shared_index = c->nshared++;
    }
}

static void api_nodes(sam_ctx *c, sam_res *s, const char *id, bool http)
{
    if (s->r)
        s->main = dep_add_node(c->g, id, s->r, false);
    else
        s->main = dep_add_node(c->g, id, NULL, true);
    const cf_node *stage = at_path(s->props, "StageName");
    if (!http) {
        s->managed_body = !s->r || rest_body_managed(s->props);
        s->deployment = (long)made(c, NULL, s);
        dep_name(c->g, name_of(c, id, ".Deployment", NULL), (size_t)s->deployment);
        s->stage = (long)made(c, s->r ? stage_name(c, id, stage, false) : name_of(c, id, "ProdStage", NULL), s);
        usage_plan_nodes(c, s, id);
    } else {
        s->managed_body = !s->r || http_body_managed(s->props);
        /* (with no StageName it is "$default", so there always is one) */
        s->stage = (long)made(c, stage_name(c, id, stage, true), s);
    }
    if (s->stage >= 0)
        dep_name(c->g, name_of(c, id, ".Stage", NULL), (size_t)s->stage);
}

/* ---- Events ------------------------------------------------------------ */

/* What an event's source names (Bucket: !Ref B) when it is a resource of
 * `type` in the template. */
static const cf_resource *event_source(const sam_ctx *c, const cf_node *props, const char *key, const char *type)
{
    const char *name = named(props ? cf_map_get(props, key) : NULL);
    const cf_resource *r = name ? cf_template_resource(c->t, name) : NULL;
    return is_type(r, type) ? r : NULL;
}

/* The API an Api or HttpApi event adds its route to. */
static sam_res *event_api(sam_ctx *c, const cf_node *props, bool http)
{
    const cf_node *id = props && props->kind == CF_MAPPING ? cf_map_get(props, http ? "ApiId" : "RestApiId") : NULL;
    if (!id)
        return http ? &c->implicit_http : &c->implicit_rest;
    const char *name = named(id);
    const cf_resource *r = name ? cf_template_resource(c->t, name) : NULL;
    if (!is_type(r, http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api"))
        return NULL;
    return &c->sam[r - c->t->res];
}

typedef struct event {
    const char *name, *type;
    const cf_node *props;
} event;

static size_t events_of(const sam_res *s, event **out)
{
    const cf_node *evs = at_path(s->props, "Events");
    *out = NULL;
    if (!evs || evs->kind != CF_MAPPING)
        return 0;
    event *v = xcalloc(evs->len + 1, sizeof *v);
    size_t n = 0;
    for (uint32_t i = 0; i < evs->len; i++) {
        const cf_node *e = evs->u.pairs[i].value, *type = e->kind == CF_MAPPING ? cf_map_get(e, "Type") : NULL;
        if (!type || type->kind != CF_SCALAR || type->type != CF_TYPE_STR)
            continue;
        v[n++] = (event){evs->u.pairs[i].key->u.str, type->u.str, cf_map_get(e, "Properties")};
    }
    *out = v;
    return n;
}

/* Does any function have an Api (HttpApi) event without an API id? */
static bool needs_implicit(sam_ctx *c, bool http)
{
    for (size_t i = 0; i < c->t->nres; i++) {
        sam_res *s = &c->sam[i];
        if (!s->r || !is_type(s->r, "AWS::Serverless::Function"))
            continue;
        event *ev;
        size_t n = events_of(s, &ev);
        bool found = false;
        for (size_t k = 0; k < n && !found; k++)
            found = !strcmp(ev[k].type, http ? "HttpApi" : "Api") && event_api(c, ev[k].props, http) ==
                                                                             (http ? &c->implicit_http : &c->implicit_rest);
        free(ev);
        if (found)
            return true;
    }
    return false;
}

/* An event's changes to its source: the API's body calls the function
 * (${Fn.Arn}, or the alias), the bucket notifies it (and waits for the
 * permission <Id><Event>Permission), the user pool triggers it. */
static void function_events(sam_ctx *c, const sam_res *s)
{
    const char *id = s->r->name;
    size_t target = s->alias >= 0 ? (size_t)s->alias : s->main;
    dep_kind kind = s->alias >= 0 ? DEP_REF : DEP_GETATT;
    event *ev;
    size_t n = events_of(s, &ev);
    for (size_t k = 0; k < n; k++) {
        bool http = !strcmp(ev[k].type, "HttpApi");
        if (http || !strcmp(ev[k].type, "Api")) {
            sam_res *api = event_api(c, ev[k].props, http);
            if (api && api->managed_body)
                dep_add_edge(c->g, api->main, target, kind, PHASE_SUB, NULL);
        } else if (!strcmp(ev[k].type, "S3")) {
            const cf_resource *b = event_source(c, ev[k].props, "Bucket", "AWS::S3::Bucket");
            if (!b)
                continue;
            size_t bucket = c->g->node_of[b - c->t->res] - 1;
            size_t perm = made(c, name_of(c, id, ev[k].name, "Permission"), s);
            dep_add_edge(c->g, perm, target, DEP_REF, PHASE_REF, NULL);
            dep_add_edge(c->g, bucket, perm, DEP_DEPENDS_ON, PHASE_DEPENDS_ON, NULL);
            dep_add_edge(c->g, bucket, target, kind, s->alias >= 0 ? PHASE_REF : PHASE_GETATT, NULL);
        } else if (!strcmp(ev[k].type, "Cognito")) {
            const cf_resource *p = event_source(c, ev[k].props, "UserPool", "AWS::Cognito::UserPool");
            if (p)
                dep_add_edge(c->g, c->g->node_of[p - c->t->res] - 1, target, kind,
                             s->alias >= 0 ? PHASE_REF : PHASE_GETATT, NULL);
        }
    }
    free(ev);
}

/* ---- Edges per kind of resource ---------------------------------------- */

static void role_edges(sam_ctx *c, const sam_res *s, const char *role_prop)
{
    if (s->role < 0)
        return;
    const char *role = c->g->nodes[s->role].name;
    dep_add_edge(c->g, s->main, (size_t)s->role, DEP_GETATT, PHASE_GETATT, props_path(c, s->r->name, role_prop));
    kept_refs(c, (size_t)s->role, s, role, role_kept, N(role_kept));
    /* the dead-letter target gets a statement in the role's policy */
    const cf_node *dlq = at_path(s->props, "DeadLetterQueue/TargetArn");
    if (!dlq)
        dlq = global_prop(c, s, "DeadLetterQueue/TargetArn");
    if (dlq)
        dep_add_refs(c->g, (size_t)s->role, dlq, dlq, props_path(c, role, "Policies"));
}

static void function_edges(sam_ctx *c, const sam_res *s)
{
    main_refs(c, s, function_kept, N(function_kept));
    const cf_node *tags = at_path(s->props, "Tags"), *gtags = global_prop(c, s, "Tags");
    if (tags || gtags)
        tag_refs(c, s->main, s->r->name, tags ? tags : gtags, 1);
    if (s->version >= 0)
        dep_add_edge(c->g, (size_t)s->version, s->main, DEP_REF, PHASE_REF, NULL);
    if (s->alias >= 0) {
        dep_add_edge(c->g, (size_t)s->alias, s->main, DEP_REF, PHASE_REF, NULL);
        dep_add_edge(c->g, (size_t)s->alias, (size_t)s->version, DEP_GETATT, PHASE_GETATT, NULL);
    }
    role_edges(c, s, "Role");
}

static void state_machine_edges(sam_ctx *c, const sam_res *s)
{
    main_refs(c, s, state_machine_kept, N(state_machine_kept));
    role_edges(c, s, "RoleArn");
}

/* The usage plan names the API and its stage, the key the stage, the
 * plan key both; each DependsOn the one before, the plan on the API
 * (cfn-lint places that one on the API's key, the others on the
 * Resources key: their names are the transform's). */
static void usage_plan_edges(sam_ctx *c, const sam_res *s)
{
    if (s->plan < 0)
        return;
    dep_graph *g = c->g;
    const cf_node *resources_key = cf_loc_key(c->t->resources);
    bool shared = s->plan == c->shared_plan;
    const char *plan = g->nodes[s->plan].name;
    size_t i = shared ? s->shared_index : 0;
    dep_add_made_dependency(g, (size_t)s->plan, s->main, s->r->key);
    dep_add_edge(g, (size_t)s->plan, s->main, DEP_REF, PHASE_REF,
                 dep_keep(g, xasprintf("Resources/%s/Properties/ApiStages/%zu/ApiId", plan, i)));
    if (s->stage >= 0)
        dep_add_edge(g, (size_t)s->plan, (size_t)s->stage, DEP_REF, PHASE_REF,
                     dep_keep(g, xasprintf("Resources/%s/Properties/ApiStages/%zu/Stage", plan, i)));
    if (shared && s->shared_index)
        return; /* the key and the plan key are made once */
    size_t key = (size_t)(shared ? c->shared_key : s->api_key);
    size_t plan_key = (size_t)(shared ? c->shared_plan_key : s->plan_key);
    dep_add_made_dependency(g, key, (size_t)s->plan, resources_key);
    dep_add_edge(g, key, s->main, DEP_REF, PHASE_REF, NULL);
    if (s->stage >= 0)
        dep_add_edge(g, key, (size_t)s->stage, DEP_REF, PHASE_REF, NULL);
    dep_add_made_dependency(g, plan_key, key, resources_key);
    dep_add_edge(g, plan_key, key, DEP_REF, PHASE_REF,
                 dep_keep(g, xasprintf("Resources/%s/Properties/KeyId", g->nodes[plan_key].name)));
    dep_add_edge(g, plan_key, (size_t)s->plan, DEP_REF, PHASE_REF,
                 dep_keep(g, xasprintf("Resources/%s/Properties/UsagePlanId", g->nodes[plan_key].name)));
}

static void rest_api_edges(sam_ctx *c, const sam_res *s, const char *id)
{
    if (s->r) {
        main_refs(c, s, rest_api_kept, N(rest_api_kept));
        if (!s->managed_body) {
            static const kept uri[] = {{"DefinitionUri/Bucket", "BodyS3Location/Bucket"},
                                       {"DefinitionUri/Key", "BodyS3Location/Key"},
                                       {"DefinitionUri/Version", "BodyS3Location/Version"}};
            kept_refs(c, s->main, s, id, uri, N(uri));
        } else {
            /* the authorizers' functions are called from the body */
            static const kept auth[] = {{"Auth/Authorizers", "Body"}};
            kept_refs(c, s->main, s, id, auth, N(auth));
        }
    }
    dep_add_edge(c->g, (size_t)s->deployment, s->main, DEP_REF, PHASE_REF, NULL);
    if (s->stage < 0)
        return;
    const char *stage = c->g->nodes[s->stage].name;
    dep_add_edge(c->g, (size_t)s->stage, (size_t)s->deployment, DEP_REF, PHASE_REF,
                 stage ? props_path(c, stage, "DeploymentId") : NULL);
    dep_add_edge(c->g, (size_t)s->stage, s->main, DEP_REF, PHASE_REF, stage ? props_path(c, stage, "RestApiId") : NULL);
    if (s->r && stage) {
        kept_refs(c, (size_t)s->stage, s, stage, rest_stage_kept, N(rest_stage_kept));
        const cf_node *tags = at_path(s->props, "Tags");
        if (tags)
            tag_refs(c, (size_t)s->stage, stage, tags, 0);
    }
    usage_plan_edges(c, s);
}

static void http_api_edges(sam_ctx *c, const sam_res *s)
{
    if (s->r) {
        main_refs(c, s, http_api_kept, N(http_api_kept));
        if (s->managed_body) {
            static const kept auth[] = {{"Auth/Authorizers", "Body"}};
            kept_refs(c, s->main, s, s->r->name, auth, N(auth));
        }
    }
    if (s->stage < 0)
        return;
    const char *stage = c->g->nodes[s->stage].name;
    dep_add_edge(c->g, (size_t)s->stage, s->main, DEP_REF, PHASE_REF, stage ? props_path(c, stage, "ApiId") : NULL);
    if (s->r && stage)
        kept_refs(c, (size_t)s->stage, s, stage, http_stage_kept, N(http_stage_kept));
}

static void other_edges(sam_ctx *c, const sam_res *s)
{
    const char *type = s->r->type_name;
    if (!strcmp(type, "AWS::Serverless::Application"))
        main_refs(c, s, application_kept, N(application_kept));
    else if (!strcmp(type, "AWS::Serverless::SimpleTable"))
        main_refs(c, s, simple_table_kept, N(simple_table_kept));
    else if (!strcmp(type, "AWS::Serverless::LayerVersion"))
        main_refs(c, s, layer_kept, N(layer_kept));
    else if (!strcmp(type, "AWS::Serverless::GraphQLApi"))
        main_refs(c, s, graphql_kept, N(graphql_kept));
    else
        main_refs(c, s, NULL, 0); /* what it keeps is not known here */
}

/* ---- The whole graph ---------------------------------------------------- */

static const char *globals_section(const char *type)
{
    static const struct {
        const char *type, *section;
    } map[] = {
        {"AWS::Serverless::Function", "Function"},       {"AWS::Serverless::Api", "Api"},
        {"AWS::Serverless::HttpApi", "HttpApi"},         {"AWS::Serverless::SimpleTable", "SimpleTable"},
        {"AWS::Serverless::StateMachine", "StateMachine"}, {"AWS::Serverless::LayerVersion", "LayerVersion"},
    };
    for (size_t i = 0; i < N(map); i++)
        if (!strcmp(map[i].type, type))
            return map[i].section;
    return NULL;
}

static void init_res(sam_res *s, const cf_resource *r)
{
    memset(s, 0, sizeof *s);
    s->r = r;
    s->role = s->alias = s->version = s->deployment = s->stage = -1;
    s->plan = s->api_key = s->plan_key = -1;
    if (r) {
        s->props = r->properties && r->properties->kind == CF_MAPPING ? r->properties : NULL;
        s->globals = globals_section(r->type_name);
    }
}

void sam_graph_build(dep_graph *g)
{
    const cf_template *t = g->t;
    sam_ctx c = {g, t, NULL, xcalloc(t->nres + 1, sizeof *c.sam), {0}, {0}, -1, -1, -1, 0};
    const cf_node *globals = t->root ? cf_map_get(t->root, "Globals") : NULL;
    c.globals = globals && globals->kind == CF_MAPPING ? globals : NULL;
    init_res(&c.implicit_rest, NULL);
    init_res(&c.implicit_http, NULL);

    /* nodes: the other resources first, as written */
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17))
            init_res(&c.sam[i], r);
        else
            g->node_of[i] = dep_add_node(g, r->name, r, false) + 1;
    }
    bool implicit_rest = needs_implicit(&c, false), implicit_http = needs_implicit(&c, true);
    for (int grp = 0; grp < G_COUNT; grp++) {
        for (size_t i = 0; i < t->nres; i++) {
            sam_res *s = &c.sam[i];
            if (!s->r || group_of(s->r->type_name) != grp)
                continue;
            const char *type = s->r->type_name;
            if (grp == G_FUNCTION)
                function_nodes(&c, s);
            else if (grp == G_STATE_MACHINE)
                state_machine_nodes(&c, s);
            else if (!strcmp(type, "AWS::Serverless::Api"))
                api_nodes(&c, s, s->r->name, false);
            else if (!strcmp(type, "AWS::Serverless::HttpApi"))
                api_nodes(&c, s, s->r->name, true);
            else if (!strcmp(type, "AWS::Serverless::LayerVersion"))
                s->main = dep_add_node(g, NULL, s->r, false); /* renamed by a hash */
            else
                s->main = dep_add_node(g, s->r->name, s->r, false);
            g->node_of[i] = s->main + 1;
            dep_name(g, s->r->name, s->main);
        }
        if (grp == G_API) {
            if (implicit_rest)
                api_nodes(&c, &c.implicit_rest, "ServerlessRestApi", false);
            if (implicit_http)
                api_nodes(&c, &c.implicit_http, "ServerlessHttpApi", true);
        }
    }

    /* edges: the other resources keep theirs */
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (c.sam[i].r)
            continue;
        const cf_node *dep = cf_map_get(r->node, "DependsOn");
        if (dep && g->nodes[g->node_of[i] - 1].checked)
            dep_add_depends_on(g, g->node_of[i] - 1, dep);
        dep_add_refs(g, g->node_of[i] - 1, r->node, NULL, NULL);
    }
    for (size_t i = 0; i < t->nres; i++) {
        sam_res *s = &c.sam[i];
        if (!s->r)
            continue;
        const char *type = s->r->type_name;
        if (!strcmp(type, "AWS::Serverless::Function"))
            function_edges(&c, s);
        else if (!strcmp(type, "AWS::Serverless::StateMachine"))
            state_machine_edges(&c, s);
        else if (!strcmp(type, "AWS::Serverless::Api"))
            rest_api_edges(&c, s, s->r->name);
        else if (!strcmp(type, "AWS::Serverless::HttpApi"))
            http_api_edges(&c, s);
        else
            other_edges(&c, s);
    }
    if (implicit_rest)
        rest_api_edges(&c, &c.implicit_rest, "ServerlessRestApi");
    if (implicit_http)
        http_api_edges(&c, &c.implicit_http);
    for (size_t i = 0; i < t->nres; i++)
        if (c.sam[i].r && is_type(c.sam[i].r, "AWS::Serverless::Function"))
            function_events(&c, &c.sam[i]);
    free(c.sam);
}
