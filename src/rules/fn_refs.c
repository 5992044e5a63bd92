/* What functions name: Ref targets, Fn::GetAtt resources and their
 * attributes, Fn::Sub variables, Fn::FindInMap mappings and keys. */
#include "fn.h"

#include "../param_types.h"
#include "../refs.h"
#include "../repr.h"
#include "../validate.h"
#include "section.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Names a function refers to ---------------------------------------- */

/* A name SAM makes when it transforms the template (a function's role
 * "MyFunctionRole", the implicit API "ServerlessRestApi"): cfn-lint sees
 * them after the transform; cfnfix does not transform, so it accepts
 * them rather than call them missing. */
static bool sam_made(const fn_walk *w, const char *name)
{
    if (!w->t->sam)
        return false;
    if (!strncmp(name, "Serverless", 10))
        return true;
    for (size_t i = 0; i < w->names.nserverless; i++)
        if (!strncmp(name, w->names.serverless[i], strlen(w->names.serverless[i])))
            return true;
    return false;
}

static bool is_resource(const fn_walk *w, const char *name)
{
    if (w->no_resources)
        return false;
    const cf_resource *r = cf_template_resource(w->t, name);
    return (r && r->type_name && r->node->kind == CF_MAPPING) || sam_made(w, name);
}

/* A name holding a NUL ("T\u0000x") names nothing: as a C string it would
 * be "T" and find T. */
static bool holds_nul(const cf_node *n)
{
    return n->type == CF_TYPE_STR && strlen(n->u.str) != n->len;
}

bool fn_is_ref_target(const fn_walk *w, const cf_node *n)
{
    if (n->kind != CF_SCALAR || holds_nul(n))
        return false;
    cf_buf b = {0};
    fn_scalar_text(&b, n);
    const char *s = b.data ? b.data : "";
    const cf_named *p = cf_section_get(&w->t->params, s);
    bool ok = (p && fn_has_string_type(p->value)) || is_resource(w, s) ||
              (fn_is_pseudo(s) && !(w->no_arns && !strcmp(s, "AWS::NotificationARNs")));
    buf_free(&b);
    return ok;
}

bool fn_is_condition(const fn_walk *w, const cf_node *n)
{
    if (n->kind != CF_SCALAR || holds_nul(n))
        return false;
    cf_buf b = {0};
    fn_scalar_text(&b, n);
    bool ok = cf_section_get(&w->t->conds, b.data ? b.data : "") != NULL;
    buf_free(&b);
    return ok;
}

/* ---- Fn::GetAtt attributes ----------------------------------------------- */

/* Types whose every property can be read with Fn::GetAtt, not only their
 * readOnlyProperties (CloudFormation returns the configured values). */
static const char *const all_property_types[] = {
    "AWS::Amplify::Branch", "AWS::Amplify::Domain", "AWS::AppSync::DomainName",
    "AWS::AppSync::FunctionConfiguration", "AWS::AppSync::Resolver", "AWS::AutoScaling::AutoScalingGroup",
    "AWS::Backup::BackupSelection", "AWS::Backup::BackupVault", "AWS::Backup::LogicallyAirGappedBackupVault",
    "AWS::CodeArtifact::Domain", "AWS::CodeArtifact::Repository", "AWS::EC2::CapacityReservation",
    "AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::EC2::Subnet", "AWS::EC2::VPC",
    "AWS::EFS::MountTarget", "AWS::EKS::Nodegroup", "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::EventSchemas::Discoverer",
    "AWS::EventSchemas::Registry", "AWS::EventSchemas::Schema", "AWS::Events::EventBus",
    "AWS::GameLift::GameSessionQueue", "AWS::GameLift::MatchmakingConfiguration",
    "AWS::GameLift::MatchmakingRuleSet", "AWS::Grafana::Workspace", "AWS::Greengrass::ConnectorDefinition",
    "AWS::Greengrass::CoreDefinition", "AWS::Greengrass::DeviceDefinition", "AWS::Greengrass::FunctionDefinition",
    "AWS::Greengrass::Group", "AWS::Greengrass::LoggerDefinition", "AWS::Greengrass::ResourceDefinition",
    "AWS::Greengrass::SubscriptionDefinition", "AWS::ImageBuilder::Component",
    "AWS::ImageBuilder::ContainerRecipe", "AWS::ImageBuilder::DistributionConfiguration",
    "AWS::ImageBuilder::ImagePipeline", "AWS::ImageBuilder::ImageRecipe",
    "AWS::ImageBuilder::InfrastructureConfiguration", "AWS::ManagedBlockchain::Node", "AWS::Neptune::DBCluster",
    "AWS::RDS::DBInstance", "AWS::RDS::DBParameterGroup", "AWS::RedshiftServerless::Workgroup",
    "AWS::RoboMaker::RobotApplication", "AWS::RoboMaker::SimulationApplication",
    "AWS::Route53Resolver::ResolverRule", "AWS::Route53Resolver::ResolverRuleAssociation", "AWS::S3::AccessPoint",
    "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::SSM::Parameter", "AWS::SageMaker::DataQualityJobDefinition",
    "AWS::SageMaker::ModelBiasJobDefinition", "AWS::SageMaker::ModelExplainabilityJobDefinition",
    "AWS::SageMaker::ModelQualityJobDefinition", "AWS::SageMaker::MonitoringSchedule",
    "AWS::StepFunctions::Activity",
};

/* Attributes CloudFormation returns that the schemas do not list as
 * read-only ("Type Attr1 Attr2 ..."). */
static const char *const extra_attributes[] = {
    "AWS::AppMesh::GatewayRoute GatewayRouteName MeshName MeshOwner VirtualGatewayName",
    "AWS::AppMesh::Mesh MeshName",
    "AWS::AppMesh::Route MeshName MeshOwner RouteName VirtualRouterName",
    "AWS::AppMesh::VirtualGateway MeshName MeshOwner VirtualGatewayName",
    "AWS::AppMesh::VirtualNode MeshName MeshOwner VirtualNodeName",
    "AWS::AppMesh::VirtualRouter MeshName MeshOwner VirtualRouterName",
    "AWS::AppMesh::VirtualService MeshName MeshOwner VirtualServiceName",
    "AWS::AppSync::DataSource Name",
    "AWS::Cloud9::EnvironmentEC2 Name",
    "AWS::CloudWatch::InsightRule RuleName",
    "AWS::DocDB::DBCluster Port",
    "AWS::Greengrass::ConnectorDefinition Name",
    "AWS::Greengrass::CoreDefinition Name",
    "AWS::Greengrass::DeviceDefinition Name",
    "AWS::Greengrass::FunctionDefinition Name",
    "AWS::Greengrass::Group Name RoleArn",
    "AWS::Greengrass::LoggerDefinition Name",
    "AWS::Greengrass::ResourceDefinition Name",
    "AWS::Greengrass::SubscriptionDefinition Name",
    "AWS::IoT1Click::Device Enabled",
    "AWS::IoT1Click::Placement PlacementName ProjectName",
    "AWS::IoT1Click::Project ProjectName",
    "AWS::Kinesis::StreamConsumer ConsumerName StreamARN",
    "AWS::ManagedBlockchain::Member NetworkId",
    "AWS::MediaConvert::JobTemplate Name",
    "AWS::MediaConvert::Preset Name",
    "AWS::MediaConvert::Queue Name",
    "AWS::MediaLive::Input Destinations Sources",
    "AWS::OpsWorks::Instance AvailabilityZone",
    "AWS::OpsWorks::UserProfile SshUsername",
    "AWS::Route53Resolver::ResolverEndpoint Direction Name",
    "AWS::SageMaker::CodeRepository CodeRepositoryName",
    "AWS::SageMaker::Endpoint EndpointName",
    "AWS::SageMaker::EndpointConfig EndpointConfigName",
    "AWS::SageMaker::Model ModelName",
    "AWS::SageMaker::NotebookInstance NotebookInstanceName",
    "AWS::SageMaker::NotebookInstanceLifecycleConfig NotebookInstanceLifecycleConfigName",
    "AWS::SageMaker::Workteam WorkteamName",
    "AWS::ServiceDiscovery::Service Name",
    "AWS::Transfer::User ServerId UserName",
};

/* Types with attributes of any name: custom resources return what their
 * code returns, a stack or provisioned product its outputs. */
#define ANY_ATTRIBUTE ".*"
#define ANY_OUTPUT "Outputs\\..*"

typedef struct att_list {
    char **v;
    size_t n, cap;
    char *shown; /* the list as the messages show it */
} att_list;

static void att_add(att_list *l, const char *name, size_t len)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && !strncmp(l->v[i], name, len))
            return;
    GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = xstrndup(name, len);
}

/* "/properties/Endpoint/Address" -> "Endpoint.Address" */
static void att_add_pointer(att_list *l, const char *pointer)
{
    if (strncmp(pointer, "/properties/", 12))
        return;
    char *a = xstrdup(pointer + 12);
    for (char *p = a; *p; p++)
        if (*p == '/')
            *p = '.';
    att_add(l, a, strlen(a));
    free(a);
}

bool fn_in_list(const char *t, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], t))
            return true;
    return false;
}

/* Every property of an all-property type, nested objects by their parts;
 * lists of scalars are attributes, lists of objects are not. */
static void att_walk(att_list *l, const cf_node *root, const cf_node *s, cf_buf *path, int depth)
{
    if (!s || s->kind != CF_MAPPING || depth > 32)
        return;
    const cf_node *type = cf_map_get(s, "type");
    unsigned types = type ? fn_types_of(type, NULL) : 0;
    const cf_node *ref = cf_map_get(s, "$ref");
    if (types & T_OBJECT) {
        const cf_node *props = cf_map_get(s, "properties");
        for (uint32_t i = 0; props && props->kind == CF_MAPPING && i < props->len; i++) {
            size_t mark = path->len;
            buf_printf(path, "%s%s", mark ? "." : "", props->u.pairs[i].key->u.str);
            att_walk(l, root, props->u.pairs[i].value, path, depth + 1);
            path->len = mark;
            path->data[mark] = '\0';
        }
    } else if (types & T_ARRAY) {
        const cf_node *it = cf_map_get(cf_map_get(s, "items"), "type");
        if (fn_is_str(it) && (!strcmp(it->u.str, "object") || !strcmp(it->u.str, "array")))
            return;
        att_add(l, path->data, path->len);
    } else if (!type && fn_is_str(ref)) {
        att_walk(l, root, cf_schema_ref(root, ref->u.str), path, depth + 1);
    } else {
        att_add(l, path->data, path->len);
    }
}

static void att_build(att_list *l, const char *type, const cf_node *schema)
{
    const cf_node *ro = cf_map_get(schema, "readOnlyProperties");
    if (fn_in_list(type, all_property_types, sizeof all_property_types / sizeof all_property_types[0])) {
        const cf_node *props = cf_map_get(schema, "properties");
        for (uint32_t i = 0; props && props->kind == CF_MAPPING && i < props->len; i++) {
            cf_buf path = {0};
            buf_adds(&path, props->u.pairs[i].key->u.str);
            att_walk(l, schema, props->u.pairs[i].value, &path, 0);
            buf_free(&path);
        }
        return;
    }
    size_t tlen = strlen(type);
    for (size_t i = 0; i < sizeof extra_attributes / sizeof extra_attributes[0]; i++) {
        const char *e = extra_attributes[i];
        if (strncmp(e, type, tlen) || e[tlen] != ' ')
            continue;
        for (const char *p = e + tlen; *p;) {
            p += strspn(p, " ");
            size_t n = strcspn(p, " ");
            att_add(l, p, n);
            p += n;
        }
    }
    bool product = !strcmp(type, "AWS::ServiceCatalog::CloudFormationProvisionedProduct");
    if (!strcmp(type, "AWS::CloudFormation::Stack")) {
        att_add(l, ANY_OUTPUT, strlen(ANY_OUTPUT));
        return;
    }
    if (!strncmp(type, "Custom::", 8) || !strncmp(type, "AWS::Serverless::", 17) ||
        !strcmp(type, "AWS::CloudFormation::CustomResource") || !strncmp(type, "Module", 6))
        att_add(l, ANY_ATTRIBUTE, strlen(ANY_ATTRIBUTE));
    for (uint32_t i = 0; ro && ro->kind == CF_SEQUENCE && i < ro->len; i++) {
        if (!fn_is_str(ro->u.items[i]))
            continue;
        if (product && !strcmp(ro->u.items[i]->u.str, "/properties/Outputs"))
            att_add(l, ANY_OUTPUT, strlen(ANY_OUTPUT));
        else
            att_add_pointer(l, ro->u.items[i]->u.str);
    }
}

/* The attribute's pattern that matches `name`, or NULL. */
static const char *att_match(const att_list *l, const char *name)
{
    const char *best = NULL;
    for (size_t i = 0; i < l->n; i++) {
        const char *a = l->v[i];
        bool ok = !strcmp(a, name) || !strcmp(a, ANY_ATTRIBUTE) ||
                  (!strcmp(a, ANY_OUTPUT) && !strncmp(name, "Outputs.", 8));
        if (ok && (!best || strlen(a) > strlen(best)))
            best = a;
    }
    return best;
}

static const char *att_shown(att_list *l)
{
    if (!l->shown) {
        cf_buf b = {0};
        buf_addc(&b, '[');
        for (size_t i = 0; i < l->n; i++) {
            char *plain = xstrdup(l->v[i]), *q = plain;
            for (const char *p = l->v[i]; *p; p++)
                if (*p != '\\')
                    *q++ = *p;
            *q = '\0';
            buf_adds(&b, i ? ", " : "");
            cf_repr_str(&b, plain, strlen(plain));
            free(plain);
        }
        buf_addc(&b, ']');
        l->shown = buf_steal(&b);
    }
    return l->shown;
}

typedef struct att_entry {
    char key[24];
    att_list list;
} att_entry;

/* A type's attributes under one schema, built once per lint. */
static att_list *attributes(strmap *cache, const char *type, const cf_node *schema)
{
    char key[24];
    snprintf(key, sizeof key, "%p", (const void *)schema);
    att_entry *e = strmap_get(cache, key, strlen(key));
    if (!e) {
        e = xcalloc(1, sizeof *e);
        memcpy(e->key, key, sizeof key);
        att_build(&e->list, type, schema);
        strmap_put(cache, e->key, strlen(e->key), e);
    }
    return &e->list;
}

void fn_atts_free(strmap *atts)
{
    for (size_t i = 0; i < atts->cap; i++) {
        att_entry *e = atts->slots[i].key ? atts->slots[i].value : NULL;
        if (!e)
            continue;
        for (size_t k = 0; k < e->list.n; k++)
            free(e->list.v[k]);
        free(e->list.v);
        free(e->list.shown);
        free(e);
    }
    strmap_free(atts);
}

/* The types an attribute's value has (0: unknown or any). */
static unsigned attribute_types(const cf_node *schema, const char *type, const char *pattern, const char *att)
{
    if (!strcmp(pattern, ANY_ATTRIBUTE))
        return 0;
    if (!strcmp(pattern, ANY_OUTPUT) || (!strcmp(type, "AWS::DocDB::DBCluster") && !strcmp(att, "Port")))
        return T_STRING;
    const cf_node *t = cf_map_get(cf_schema_attribute(schema, att), "type");
    return t ? fn_types_of(t, NULL) : 0;
}

/* The type a custom resource has for cfn-lint (its schema's). */
const char *fn_schema_type(const char *type)
{
    return !strncmp(type, "Custom::", 8) ? "AWS::CloudFormation::CustomResource" : type;
}

/* The resource a SAM type becomes, whose attributes a Fn::GetAtt on it
 * reaches after the transform (types not listed keep any attribute). */
static const struct {
    const char *sam, *cfn;
} sam_attribute_types[] = {
    {"AWS::Serverless::Function", "AWS::Lambda::Function"},
    {"AWS::Serverless::Api", "AWS::ApiGateway::RestApi"},
    {"AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"},
    {"AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table"},
    {"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"},
    {"AWS::Serverless::Application", "AWS::CloudFormation::Stack"},
    {"AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"},
};

/* SAM's referenceable properties ("MyApi.Stage", "MyFunction.Alias"):
 * when the transform makes the resource one names, it rewrites a ${} of
 * it into a Ref and a Fn::GetAtt of it into a Fn::GetAtt of that name
 * alone (one item: the template no longer deploys).  What makes it: the
 * property `made_by` of the resource or its Globals section (NULL:
 * always made). */
typedef enum sam_ref { SAM_REF_NONE, SAM_REF_MADE, SAM_REF_UNSURE } sam_ref;

static const struct {
    const char *type, *globals, *property, *made_by;
    bool judged; /* made_by written as a string decides it (else: unsure) */
} sam_referenceable[] = {
    {"AWS::Serverless::Function", "Function", "Alias", "AutoPublishAlias", true},
    {"AWS::Serverless::Function", "Function", "Version", "AutoPublishAlias", true},
    {"AWS::Serverless::Function", "Function", "DestinationTopic", "EventInvokeConfig", false},
    {"AWS::Serverless::Function", "Function", "DestinationQueue", "EventInvokeConfig", false},
    {"AWS::Serverless::Api", "Api", "Stage", NULL, true},
    {"AWS::Serverless::Api", "Api", "Deployment", NULL, true},
    {"AWS::Serverless::Api", "Api", "DomainName", "Domain", false},
    {"AWS::Serverless::HttpApi", "HttpApi", "Stage", NULL, true},
    {"AWS::Serverless::HttpApi", "HttpApi", "DomainName", "Domain", false},
};

static sam_ref sam_reference(const fn_walk *w, const cf_resource *r, const char *att)
{
    for (size_t i = 0; w->t->sam && i < sizeof sam_referenceable / sizeof sam_referenceable[0]; i++) {
        if (strcmp(r->type_name, sam_referenceable[i].type) || strcmp(att, sam_referenceable[i].property))
            continue;
        if (!sam_referenceable[i].made_by)
            return SAM_REF_MADE;
        const cf_node *v = cf_map_get(r->properties, sam_referenceable[i].made_by);
        if (!v)
            v = cf_map_get(cf_map_get(cf_map_get(w->t->root, "Globals"), sam_referenceable[i].globals),
                           sam_referenceable[i].made_by);
        if (!v)
            return SAM_REF_NONE;
        return sam_referenceable[i].judged && fn_is_str(v) ? SAM_REF_MADE : SAM_REF_UNSURE;
    }
    return SAM_REF_NONE;
}

const char *fn_sam_main_type(const char *sam_type)
{
    for (size_t i = 0; i < sizeof sam_attribute_types / sizeof sam_attribute_types[0]; i++)
        if (!strcmp(sam_type, sam_attribute_types[i].sam))
            return sam_attribute_types[i].cfn;
    return NULL;
}

/* The type whose attributes a Fn::GetAtt on a resource of `type` has. */
static const char *attribute_type(const fn_walk *w, const char *type)
{
    const char *made = w->t->sam ? fn_sam_main_type(type) : NULL;
    return made ? made : fn_schema_type(type);
}

/* A Fn::GetAtt's target: resource `res` (findings at res_at), attribute
 * `att` (at att_at), and, when the use asks for types (want: a schema
 * "type"), that the attribute has one of them ("shown" at shown_at). */
static void getatt_target(fn_walk *w, const char *res, size_t res_len, const cf_node *res_at, const char *att,
                          const cf_node *att_at, const cf_node *want, const char *shown, const cf_node *shown_at,
                          const char *rule, const cf_node *inst)
{
    /* a name holding a NUL ("T\u0000x") names nothing: as a C string it is T */
    if (strlen(res) != res_len || !is_resource(w, res)) {
        cf_buf r = {0};
        cf_repr_str(&r, res, res_len);
        fn_fail(w, rule, res_at, "%s is not one of %s", r.data,
             w->no_resources ? "[]" : fn_list_of(&w->names.resource_list, w->names.resources, w->names.nresources));
        buf_free(&r);
        return;
    }
    const cf_resource *r = cf_template_resource(w->t, res);
    if (!r || !r->type_name || !att || !w->ctx->spec)
        return; /* made by SAM, or its attribute is a function */
    sam_ref made = sam_reference(w, r, att);
    if (made == SAM_REF_MADE && inst)
        fn_fail(w, rule, inst, "expected minimum item count: 2, found: 1");
    if (made != SAM_REF_NONE)
        return;
    const char *type = attribute_type(w, r->type_name);
    const cf_lint_opts *o = w->ctx->opts;
    const cf_node **seen = xcalloc(o->nregions + 1, sizeof *seen);
    for (size_t i = 0; i < o->nregions; i++)
        seen[i] = cf_spec_schema(w->ctx->spec, type, o->regions[i]);
    for (size_t i = 0; i < o->nregions; i++) {
        const cf_node *schema = seen[i];
        if (!schema)
            continue;
        /* regions sharing this schema: one finding names them all */
        cf_buf regions = {0};
        buf_addc(&regions, '[');
        for (size_t j = i; j < o->nregions; j++)
            if (seen[j] == schema) {
                buf_adds(&regions, j > i ? ", " : "");
                cf_repr_str(&regions, o->regions[j], strlen(o->regions[j]));
                if (j > i)
                    seen[j] = NULL;
            }
        buf_addc(&regions, ']');
        att_list *l = attributes(&w->atts, type, schema);
        const char *pattern = att_match(l, att);
        if (!pattern) {
            cf_buf a = {0};
            cf_repr_str(&a, att, strlen(att));
            fn_fail(w, rule, att_at, "%s is not one of %s in %s", a.data, att_shown(l), regions.data);
            buf_free(&a);
        } else if (want) {
            cf_buf words = {0};
            unsigned asked = fn_types_of(want, &words);
            unsigned has = attribute_types(schema, type, pattern, att);
            if (has && !(asked & (T_BOOLEAN | T_INTEGER)) && !(has & asked))
                fn_fail(w, rule, shown_at, "%s is not of type %s", shown, words.data);
            buf_free(&words);
        }
        buf_free(&regions);
    }
    free(seen);
}

bool fn_getatt_known(fn_walk *w, const char *res, const char *att)
{
    if (!is_resource(w, res))
        return false;
    const cf_resource *r = cf_template_resource(w->t, res);
    if (!r || !r->type_name || !w->ctx->spec || !w->ctx->opts->nregions || sam_reference(w, r, att) != SAM_REF_NONE)
        return true; /* made by SAM: its attributes are not known here */
    const char *type = attribute_type(w, r->type_name);
    const cf_node *schema = cf_spec_schema(w->ctx->spec, type, w->ctx->opts->regions[0]);
    return !schema || att_match(attributes(&w->atts, type, schema), att) != NULL;
}

bool fn_ref_known(const fn_walk *w, const char *name)
{
    return cf_section_get(&w->t->params, name) || is_resource(w, name) || fn_is_pseudo(name);
}

void fn_check_getatt(fn_walk *w, const cf_node *inst, const cf_node *arg, const cf_node *s, const char *rule)
{
    const cf_node *want = fn_type_of_schema(w, s);
    char *shown = cf_repr_dup(inst);
    if (arg->kind == CF_SEQUENCE && arg->len == 2) {
        const cf_node *res = arg->u.items[0], *att = arg->u.items[1];
        if (res->kind == CF_SCALAR) {
            cf_buf r = {0}, a = {0};
            fn_scalar_text(&r, res);
            if (att->kind == CF_SCALAR)
                fn_scalar_text(&a, att);
            getatt_target(w, r.data ? r.data : "", r.len, res,
                          att->kind == CF_SCALAR ? (a.data ? a.data : "") : NULL, att, want, shown, arg, rule, inst);
            buf_free(&r);
            buf_free(&a);
        }
    } else if (fn_is_str(arg) && memchr(arg->u.str, '.', arg->len)) {
        /* "Resource.Attribute": findings on the string itself */
        const char *dot = memchr(arg->u.str, '.', arg->len);
        size_t len = (size_t)(dot - arg->u.str);
        char *res = xstrndup(arg->u.str, len);
        getatt_target(w, res, len, arg, dot + 1, arg, want, shown, arg, rule, inst);
        free(res);
    }
    free(shown);
}

/* ---- Ref, Fn::Sub, Fn::FindInMap and the others ----------------------- */

/* A parameter's value where the use asks for `want` (a schema "type"), as
 * cfn-lint's Ref judges it: where only a list goes, the parameter must be
 * of a documented list type; where no list goes, of a documented single
 * type.  A type CloudFormation does not document (W2002's, or a typo)
 * fits neither. */
static bool parameter_misfits(const fn_walk *w, const char *name, const cf_node *want)
{
    const cf_named *p = cf_section_get(&w->t->params, name);
    if (!p || !fn_has_string_type(p->value) || !want)
        return false;
    const char *type = cf_map_get(p->value, "Type")->u.str;
    unsigned asked = fn_types_of(want, NULL);
    bool known = cf_param_type_known(type), list = cf_param_type_is_list(type);
    if (!(asked & T_SINGULAR))
        return !list;
    return !(asked & T_ARRAY) && (!known || list);
}

void fn_check_ref(fn_walk *w, const cf_node *inst, const cf_node *arg, const cf_node *s, const char *rule)
{
    const cf_node *want = fn_type_of_schema(w, s);
    if (fn_is_str(arg))
        fn_check_secret_ref(w, inst, arg->u.str);
    if (!fn_is_str(arg) || !parameter_misfits(w, arg->u.str, want))
        return;
    cf_buf words = {0};
    fn_types_of(want, &words);
    char *r = cf_repr_dup(inst);
    fn_fail(w, rule, inst, "%s is not of type %s", r, words.data);
    free(r);
    buf_free(&words);
}

typedef struct span {
    size_t at, len;
} span;

/* The variables of a Fn::Sub string: cfn-lint's \${\s*([^!\s].*?)\s*}
 * ("${!Literal}" is written out as it is). */
static size_t sub_variables(const char *s, size_t len, span **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '$' || s[i + 1] != '{')
            continue;
        size_t j = fn_skip_spaces(s, i + 2, len);
        if (j >= len || s[j] == '!')
            continue;
        for (size_t p = j + 1; p <= len; p++) {
            size_t q = fn_skip_spaces(s, p, len);
            if (q < len && s[q] == '}') {
                GROW(*out, cap, n + 1);
                (*out)[n++] = (span){j, p - j};
                i = q;
                break;
            }
            if (p == len || s[p] == '\n')
                break;
        }
    }
    return n;
}

/* The Fn::Sub variable names a mapping value defines (a value that is a
 * Ref to the same name defines nothing: cfn-lint looks the name up). */
static bool sub_defines(const cf_sub_vars *defined, const char *name, size_t len)
{
    const cf_pair *p = cf_sub_vars_get(defined, name, len);
    if (!p)
        return false;
    const cf_node *k = p->key, *v = p->value;
    const cf_node *ref = cf_map_get(v, "Ref");
    return !(v->kind == CF_MAPPING && v->len == 1 && fn_is_str(ref) && !strcmp(ref->u.str, k->u.str));
}

/* One ${Name} or ${Resource.Attribute}: findings on the Fn::Sub. */
static void sub_variable(fn_walk *w, const cf_node *at, const char *v, size_t vlen, const cf_sub_vars *defined,
                         const char *rule)
{
    cf_buf shown = {0};
    cf_repr_str(&shown, v, vlen);
    const char *dot = memchr(v, '.', vlen);
    if (dot) {
        size_t len = (size_t)(dot - v);
        char *res = xstrndup(v, len);
        getatt_target(w, res, len, at, dot + 1, at, &fn_string_list, shown.data, at, rule, NULL);
        free(res);
    } else if (!sub_defines(defined, v, vlen)) {
        fn_check_secret_sub(w, at, v);
        cf_node name = {.kind = CF_SCALAR, .type = CF_TYPE_STR, .len = (uint32_t)vlen, .u = {.str = v}};
        if (!fn_is_ref_target(w, &name))
            fn_fail(w, rule, at, "%s is not one of %s", shown.data, fn_ref_list(&w->names, w->no_resources, w->no_arns));
        else if (parameter_misfits(w, v, &fn_string_list))
            fn_fail(w, rule, at, "%s is not of type 'string'", shown.data);
    }
    buf_free(&shown);
}

void fn_check_sub(fn_walk *w, const cf_node *arg, const char *rule)
{
    const cf_node *text = arg, *map = NULL;
    if (arg->kind == CF_SEQUENCE) {
        if (arg->len != 2)
            return;
        text = arg->u.items[0];
        map = arg->u.items[1];
    }
    if (!fn_is_str(text))
        return;
    span *vars;
    size_t n = sub_variables(text->u.str, text->len, &vars);
    size_t before = w->errors;
    cf_sub_vars defined;
    cf_sub_vars_init(&defined, map);
    for (size_t i = 0; i < n; i++) {
        char *v = xstrndup(text->u.str + vars[i].at, vars[i].len);
        sub_variable(w, arg, v, vars[i].len, &defined, rule);
        free(v);
    }
    cf_sub_vars_free(&defined);
    free(vars);
    if (w->errors != before || n || w->t->sam)
        return;
    fn_explicit_at(w, "W1020", cf_sect_place(arg), arg, "'Fn::Sub' isn't needed because there are no variables");
}

/* Python's str() of a mapping key the way FindInMap compares it: ints
 * read as their digits; anything else that is not a string is skipped. */
static bool map_key_text(const cf_node *n, cf_buf *out)
{
    if (n->kind != CF_SCALAR || (n->type != CF_TYPE_STR && n->type != CF_TYPE_INT))
        return false;
    fn_scalar_text(out, n);
    if (!out->data)
        buf_adds(out, "");
    return true;
}

/* A mapping's keys by their text, indexed the first time a Fn::FindInMap
 * looks into it: a template may look into one mapping many times. */
typedef struct key_index {
    char id[24];
    strmap keys;  /* key text -> value */
    char **texts; /* the texts the map borrows */
    size_t n;
} key_index;

static const cf_node *map_entry(fn_walk *w, const cf_node *map, const char *key)
{
    char id[24];
    snprintf(id, sizeof id, "%p", (const void *)map);
    key_index *ix = strmap_get(&w->key_indexes, id, strlen(id));
    if (!ix) {
        ix = xcalloc(1, sizeof *ix);
        memcpy(ix->id, id, sizeof id);
        strmap_init(&ix->keys);
        ix->texts = xcalloc(map->len + 1, sizeof *ix->texts);
        for (uint32_t i = 0; i < map->len; i++) {
            cf_buf t = {0};
            fn_scalar_text(&t, map->u.pairs[i].key);
            ix->texts[ix->n] = t.data ? buf_steal(&t) : xstrdup("");
            strmap_put(&ix->keys, ix->texts[ix->n], strlen(ix->texts[ix->n]), map->u.pairs[i].value);
            ix->n++;
        }
        strmap_put(&w->key_indexes, ix->id, strlen(ix->id), ix);
    }
    return strmap_get(&ix->keys, key, strlen(key));
}

void fn_key_indexes_free(strmap *indexes)
{
    for (size_t i = 0; i < indexes->cap; i++) {
        key_index *ix = indexes->slots[i].key ? indexes->slots[i].value : NULL;
        if (!ix)
            continue;
        for (size_t k = 0; k < ix->n; k++)
            free(ix->texts[k]);
        free(ix->texts);
        strmap_free(&ix->keys);
        free(ix);
    }
    strmap_free(indexes);
}

static char *keys_shown(const cf_node *map)
{
    cf_buf b = {0};
    buf_addc(&b, '[');
    for (uint32_t i = 0; map && map->kind == CF_MAPPING && i < map->len; i++) {
        buf_adds(&b, i ? ", " : "");
        cf_repr(&b, map->u.pairs[i].key);
    }
    buf_addc(&b, ']');
    return buf_steal(&b);
}

static const char *pseudo_ref(const cf_node *n)
{
    const cf_node *v = n->kind == CF_MAPPING && n->len == 1 ? cf_map_get(n, "Ref") : NULL;
    return fn_is_str(v) && fn_is_pseudo(v->u.str) ? v->u.str : NULL;
}

bool fn_region_known(const fn_walk *w, const char *s)
{
    return w->ctx->spec && cf_spec_region_known(w->ctx->spec, s);
}

/* Fn::FindInMap [Map, !Ref AWS::Region, Key]: some first-level key must
 * be a region (an account id for AWS::AccountId), and Key under one. */
static void findinmap_pseudo(fn_walk *w, const cf_node *args, const char *map_name, const cf_node *map,
                             const char *pseudo, const char *rule)
{
    const cf_node *second = args->u.items[2];
    if (!fn_is_str(second))
        return;
    bool top = false, both = false;
    for (uint32_t i = 0; map->kind == CF_MAPPING && i < map->len; i++) {
        const cf_node *k = map->u.pairs[i].key;
        if (!strcmp(pseudo, "AWS::AccountId") &&
            !(k->kind == CF_SCALAR && k->len == 12 && strspn(k->u.str, "0123456789") == 12))
            continue;
        if (!strcmp(pseudo, "AWS::Region") && !(fn_is_str(k) && fn_region_known(w, k->u.str)))
            continue;
        top = true;
        both |= cf_map_get(map->u.pairs[i].value, second->u.str) != NULL;
    }
    cf_buf m = {0};
    cf_repr_str(&m, map_name, strlen(map_name));
    char *first = cf_repr_dup(args->u.items[1]), *key = cf_repr_dup(second);
    if (!top)
        fn_fail(w, rule, args->u.items[1], "%s is not a first level key for mapping %s", first, m.data);
    else if (!both)
        fn_fail(w, rule, second, "%s is not a second level key when %s is resolved for mapping %s", key, first, m.data);
    free(first);
    free(key);
    buf_free(&m);
}

/* "'k' is not one of ['a', 'b'] for mapping 'M'" (and key 'K1'). */
static void missing_key(fn_walk *w, const char *rule, const cf_node *at, const char *key, const cf_node *level,
                        const char *map_name, const char *top)
{
    cf_buf k = {0}, m = {0}, t = {0};
    char *keys = keys_shown(level);
    cf_repr_str(&k, key, strlen(key));
    cf_repr_str(&m, map_name, strlen(map_name));
    if (top) {
        cf_repr_str(&t, top, strlen(top));
        fn_fail(w, rule, at, "%s is not one of %s for mapping %s and key %s", k.data, keys, m.data, t.data);
    } else {
        fn_fail(w, rule, at, "%s is not one of %s for mapping %s", k.data, keys, m.data);
    }
    free(keys);
    buf_free(&k);
    buf_free(&m);
    buf_free(&t);
}

/* The mapping a Fn::FindInMap names, when written out: NULL when it is
 * missing (reported) or cannot be looked into. */
static const cf_node *findinmap_mapping(fn_walk *w, const cf_node *name, const char *rule)
{
    bool macro = w->t->mappings && cf_map_get(w->t->mappings, "Fn::Transform");
    const cf_named *m = NULL;
    if (w->t->maps.n && (pseudo_ref(name) || !fn_is_str(name) || (m = cf_section_get(&w->t->maps, name->u.str))))
        return m && m->value->kind == CF_MAPPING && !cf_map_get(m->value, "Fn::Transform") ? m->value : NULL;
    if (macro)
        return NULL; /* a macro makes the mappings */
    char *r = cf_repr_dup(name);
    fn_fail(w, rule, name, "%s is not one of %s", r, fn_section_list(&w->names.mapping_list, &w->t->maps));
    free(r);
    return NULL;
}

/* The mapping and the keys a Fn::FindInMap names, when they are written
 * out.  cfn-lint resolves them only where the property's schema has more
 * than a type to check; a missing mapping or key fails the deployment
 * wherever it is, so cfnfix looks everywhere. */
void fn_check_findinmap(fn_walk *w, const cf_node *arg, const char *rule)
{
    if (arg->kind != CF_SEQUENCE || (arg->len != 3 && arg->len != 4))
        return;
    const cf_node *opts = arg->len == 4 ? arg->u.items[3] : NULL;
    if (opts && cf_map_get(opts, "DefaultValue"))
        return; /* a default stands in for what is missing */
    const cf_node *name = arg->u.items[0], *first = arg->u.items[1], *second = arg->u.items[2];
    const cf_node *map = findinmap_mapping(w, name, rule);
    if (!map || pseudo_ref(second))
        return;
    const char *pseudo = pseudo_ref(first);
    if (pseudo) {
        findinmap_pseudo(w, arg, name->u.str, map, pseudo, rule);
        return;
    }
    cf_buf top = {0}, key = {0};
    const cf_node *level = NULL;
    if (map_key_text(first, &top) && !(level = map_entry(w, map, top.data)))
        missing_key(w, rule, first, top.data, map, name->u.str, NULL);
    else if (level && top.len && level->kind == CF_MAPPING && !cf_map_get(level, "Fn::Transform") &&
             map_key_text(second, &key) && !map_entry(w, level, key.data))
        missing_key(w, rule, second, key.data, level, name->u.str, top.data);
    buf_free(&top);
    buf_free(&key);
}

/* ['', 'af-south-1', ...]: what Fn::GetAZs takes. */
