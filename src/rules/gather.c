/* Rules that judge a resource together with one it refers to (cfn-lint's
 * "cfnGather" extension schemas).  Their metadata is declared with the
 * other extension rules in rules/extensions.c; the checks are here.
 *
 *   E3054  a service with LaunchType FARGATE needs a task definition whose
 *          RequiresCompatibilities lists FARGATE (unless its NetworkMode
 *          is awsvpc).
 *   E3713  a FARGATE service's containers may log only with awslogs,
 *          splunk or awsfirelens.
 *   E3714  a launch template's security groups must be in the VPC of its
 *          first network interface's subnet (reported on the group's
 *          VpcId; values compared as written, so a Ref equals the same
 *          Ref).
 *   E3711  a ListenerRule's forward action must not go to a target group
 *          whose Protocol is GENEVE (reported on that Protocol).
 *   E3712  a TargetTrackingScaling policy's AutoScalingGroup must be able
 *          to scale: its MaxSize above its MinSize (reported on the
 *          group's MaxSize).
 *   E3698  a stage and the deployment it names, E3699 a method and the
 *          authorizer it names, have one RestApiId (on the other's).
 *   E3707  an RDS instance in a cluster has the cluster's Engine, E3709
 *          its StorageEncrypted (on the instance's).
 *   E3708  a CUSTOM method's authorizer is TOKEN or REQUEST, a
 *          COGNITO_USER_POOLS method's is COGNITO_USER_POOLS.
 *
 * As in cfn-lint, a reference written as an Fn::If is followed branch by
 * branch, and each branch's condition is taken as given for the values
 * gathered with it; a value under an Fn::If on another condition is its
 * first branch that is not AWS::NoValue. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "../validate.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Conditions taken as true or false while following a reference (the
 * condition model's scenario, with the model to ask). */
typedef struct scenario {
    cf_conds *conds;
    cf_scenario s;
} scenario;

/* The value s gives a condition, -1 when it says nothing (or the
 * template does not define the condition). */
static int assumed(const scenario *s, const char *cond)
{
    long c = cf_conds_find(s->conds, cond, strlen(cond));
    return c < 0 ? -1 : cf_scenario_get(&s->s, (uint32_t)c);
}

/* Take cond = value as given; false when no deployment has it together
 * with what s already gives (that branch is not followed).  A condition
 * the template does not define is not recorded. */
static bool assume(scenario *s, const char *cond, bool value)
{
    long c = cf_conds_find(s->conds, cond, strlen(cond));
    if (c < 0)
        return true;
    return cf_scenario_set(&s->s, (uint32_t)c, value) && cf_conds_possible(s->conds, &s->s);
}

/* An Fn::If's three arguments with a condition name, else NULL. */
static const cf_node *if_args(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    if (!fn || strcmp(fn, "Fn::If"))
        return NULL;
    const cf_node *args = n->u.pairs[0].value;
    if (args->kind != CF_SEQUENCE || args->len != 3 || args->u.items[0]->kind != CF_SCALAR)
        return NULL;
    return args;
}

static bool no_value(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    const cf_node *arg = fn && !strcmp(fn, "Ref") ? n->u.pairs[0].value : NULL;
    return arg && arg->kind == CF_SCALAR && !strcmp(arg->u.str, "AWS::NoValue");
}

static bool is_null(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_NULL;
}

/* The value a property has in the scenario: through Fn::If, the branch the
 * scenario gives, else the first that has a value; NULL when none does. */
static const cf_node *first_value(const cf_node *n, const scenario *s, int depth)
{
    if (!n || depth > 32 || is_null(n) || no_value(n))
        return NULL;
    const cf_node *args = if_args(n);
    if (!args)
        return n;
    int given = assumed(s, args->u.items[0]->u.str);
    if (given >= 0)
        return first_value(args->u.items[given ? 1 : 2], s, depth + 1);
    const cf_node *v = first_value(args->u.items[1], s, depth + 1);
    return v ? v : first_value(args->u.items[2], s, depth + 1);
}

/* Python's float() of a string: optional blanks around a decimal number. */
static bool text_number(const char *s, double *out)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s || strpbrk(s, "xXpP"))
        return false;
    char *end;
    double v = strtod(s, &end);
    if (end == s)
        return false;
    while (isspace((unsigned char)*end))
        end++;
    if (*end || isinf(v) || isnan(v))
        return false;
    *out = v;
    return true;
}

/* A gathered value as a number, the way cfn-lint reads each side. */
static bool number_of(const cf_node *n, bool bool_counts, double *out)
{
    if (!n || n->kind != CF_SCALAR)
        return false;
    switch ((cf_type)n->type) {
    case CF_TYPE_INT:
    case CF_TYPE_FLOAT:
        return cf_scalar_double(n, out) && !isinf(*out) && !isnan(*out);
    case CF_TYPE_STR:
        return text_number(n->u.str, out);
    case CF_TYPE_BOOL:
        if (!bool_counts)
            return false;
        *out = !strcasecmp(n->u.str, "true");
        return true;
    default:
        return false;
    }
}

/* The resource a reference names (Ref, Fn::GetAtt), or NULL. */
static const cf_resource *referenced(const cf_template *t, const cf_node *ref)
{
    const char *fn = cf_intrinsic_name(ref);
    if (!fn)
        return NULL;
    const cf_node *arg = ref->u.pairs[0].value;
    char name[256];
    if (!strcmp(fn, "Ref") && arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR)
        return cf_template_resource(t, arg->u.str);
    if (strcmp(fn, "Fn::GetAtt"))
        return NULL;
    if (arg->kind == CF_SEQUENCE && arg->len && arg->u.items[0]->kind == CF_SCALAR)
        return cf_template_resource(t, arg->u.items[0]->u.str);
    if (arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR) {
        size_t len = strcspn(arg->u.str, ".");
        if (len >= sizeof name)
            return NULL;
        memcpy(name, arg->u.str, len);
        name[len] = '\0';
        return cf_template_resource(t, name);
    }
    return NULL;
}

/* ---- E3712 ------------------------------------------------------------------ */

typedef void (*found_fn)(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s);

/* Every value at path ('/'-separated keys, "*" for each list item) under
 * n, as cfn-lint's get_value_from_path yields them: an Fn::If anywhere on
 * the way is followed into both branches, each with its condition given
 * (only the given branch when the condition already is). */
static void each_value(cf_lint_ctx *ctx, const cf_node *props, const cf_node *n, const char *path, scenario *s,
                       int depth, found_fn found)
{
    if (!n || depth > 64 || is_null(n))
        return;
    const cf_node *args = if_args(n);
    if (args) {
        const char *cond = args->u.items[0]->u.str;
        int given = assumed(s, cond);
        for (int branch = 1; branch <= 2; branch++) {
            if (given >= 0 && given != (branch == 1))
                continue;
            scenario saved = *s;
            if (assume(s, cond, branch == 1))
                each_value(ctx, props, args->u.items[branch], path, s, depth + 1, found);
            *s = saved;
        }
        return;
    }
    if (!*path) {
        found(ctx, props, n, s);
        return;
    }
    const char *slash = strchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : strlen(path);
    const char *rest = slash ? slash + 1 : path + len;
    if (len == 1 && *path == '*') {
        for (uint32_t i = 0; n->kind == CF_SEQUENCE && i < n->len; i++)
            each_value(ctx, props, n->u.items[i], rest, s, depth + 1, found);
        return;
    }
    for (uint32_t i = 0; n->kind == CF_MAPPING && i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key;
        if (k->kind == CF_SCALAR && k->len == len && !memcmp(k->u.str, path, len))
            each_value(ctx, props, n->u.pairs[i].value, rest, s, depth + 1, found);
    }
}

/* The resource a reference names when it has the type and properties. */
static const cf_resource *referenced_of(cf_lint_ctx *ctx, const cf_node *ref, const char *type)
{
    const cf_resource *r = referenced(ctx->tpl, ref);
    if (!r || !r->type_name || strcmp(r->type_name, type) || !r->properties || r->properties->kind != CF_MAPPING)
        return NULL;
    return r;
}

/* ---- E3712 ------------------------------------------------------------------ */

static void scaling_group(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *group = referenced_of(ctx, ref, "AWS::AutoScaling::AutoScalingGroup");
    if (!group)
        return;
    const cf_node *type = first_value(cf_map_get(props, "PolicyType"), s, 0);
    if (!type || type->kind != CF_SCALAR || type->type != CF_TYPE_STR || strcmp(type->u.str, "TargetTrackingScaling"))
        return;
    const cf_node *max_at = cf_map_get(group->properties, "MaxSize");
    const cf_node *max = first_value(max_at, s, 0);
    const cf_node *min = first_value(cf_map_get(group->properties, "MinSize"), s, 0);
    double vmax, vmin;
    if (!max || !min || !number_of(min, true, &vmin) || !number_of(max, false, &vmax))
        return;
    if (vmax <= vmin)
        cf_diag_at(ctx->out, ctx->doc, "E3712", cf_loc_key(max_at),
                   "TargetTrackingScaling policy requires the referenced AutoScalingGroup to have MaxSize greater "
                   "than MinSize");
}

/* ---- E3711 ------------------------------------------------------------------ */

static void forward_target(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    (void)props;
    const cf_resource *group = referenced_of(ctx, ref, "AWS::ElasticLoadBalancingV2::TargetGroup");
    if (!group)
        return;
    const cf_node *at = cf_map_get(group->properties, "Protocol");
    const cf_node *protocol = first_value(at, s, 0);
    if (protocol && protocol->kind == CF_SCALAR && protocol->type == CF_TYPE_STR && !strcmp(protocol->u.str, "GENEVE"))
        cf_diag_at(ctx->out, ctx->doc, "E3711", cf_loc_key(at),
                   "TargetGroup protocol 'GENEVE' is not compatible with ListenerRule forwarding actions. GENEVE is "
                   "only supported with Gateway Load Balancers.");
}

/* ---- E3054, E3713 ----------------------------------------------------------- */

/* Call fn for each value n can take in the scenario: the branches of an
 * Fn::If (only the given one when its condition is given), AWS::NoValue
 * and nulls left out. */
static void each_branch(cf_lint_ctx *ctx, const cf_node *n, const scenario *s, int depth, const cf_node *at,
                        void (*fn)(cf_lint_ctx *ctx, const cf_node *value, const cf_node *at, const scenario *s))
{
    if (!n || depth > 32 || is_null(n) || no_value(n))
        return;
    const cf_node *args = if_args(n);
    if (!args) {
        fn(ctx, n, at, s);
        return;
    }
    int given = assumed(s, args->u.items[0]->u.str);
    for (int branch = 1; branch <= 2; branch++)
        if (given < 0 || given == (branch == 1))
            each_branch(ctx, args->u.items[branch], s, depth + 1, at, fn);
}

static bool is_string(const cf_node *n, const char *text)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR && !strcmp(n->u.str, text);
}

/* The task definition a FARGATE service's TaskDefinition names, or NULL. */
static const cf_resource *fargate_task(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *task = referenced_of(ctx, ref, "AWS::ECS::TaskDefinition");
    if (!task || !is_string(first_value(cf_map_get(props, "LaunchType"), s, 0), "FARGATE"))
        return NULL;
    return task;
}

static void fargate_compatible(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *task = fargate_task(ctx, props, ref, s);
    if (!task)
        return;
    /* only a task definition whose NetworkMode is not awsvpc (or unset) */
    const cf_node *mode = first_value(cf_map_get(task->properties, "NetworkMode"), s, 0);
    if (mode && (mode->kind != CF_SCALAR || is_string(mode, "awsvpc")))
        return;
    const cf_node *raw = cf_map_get(task->properties, "RequiresCompatibilities");
    const cf_node *compat = first_value(raw, s, 0);
    if (!compat) {
        cf_diag_at(ctx->out, ctx->doc, "E3054", cf_loc_key(task->properties),
                   "'RequiresCompatibilities' is a required property");
        return;
    }
    if (compat->kind != CF_SEQUENCE)
        return;
    /* items written as Fn::If: the list as each choice of their
     * conditions makes it (up to 4 conditions not already given) */
    const char *conds[4];
    size_t nconds = 0;
    for (uint32_t i = 0; i < compat->len; i++) {
        const cf_node *args = if_args(compat->u.items[i]);
        if (!args || assumed(s, args->u.items[0]->u.str) >= 0)
            continue;
        const char *c = args->u.items[0]->u.str;
        bool seen = false;
        for (size_t k = 0; k < nconds; k++)
            seen |= !strcmp(conds[k], c);
        if (!seen && nconds < 4)
            conds[nconds++] = c;
    }
    for (unsigned choice = 0; choice < (1u << nconds); choice++) {
        scenario each = *s;
        bool possible = true;
        for (size_t k = 0; k < nconds && possible; k++)
            possible = assume(&each, conds[k], !(choice & (1u << k))); /* true first */
        if (!possible)
            continue;
        bool found = false;
        cf_buf r = {0};
        buf_addc(&r, '[');
        size_t shown = 0;
        for (uint32_t i = 0; i < compat->len; i++) {
            const cf_node *item = first_value(compat->u.items[i], &each, 0);
            if (!item)
                continue;
            found |= is_string(item, "FARGATE");
            if (shown++)
                buf_adds(&r, ", ");
            cf_repr(&r, item);
        }
        buf_addc(&r, ']');
        if (!found)
            cf_diag_at(ctx->out, ctx->doc, "E3054", cf_loc_key(raw), "%s does not contain items matching 'FARGATE'",
                       r.data);
        buf_free(&r);
    }
}

static void log_driver(cf_lint_ctx *ctx, const cf_node *driver, const cf_node *at, const scenario *s)
{
    (void)s;
    if (driver->kind != CF_SCALAR || driver->type != CF_TYPE_STR || is_string(driver, "awslogs") ||
        is_string(driver, "splunk") || is_string(driver, "awsfirelens"))
        return;
    cf_buf r = {0};
    cf_repr(&r, driver);
    cf_diag_at(ctx->out, ctx->doc, "E3713", at,
               "%s is not a supported Fargate log driver. Use 'awslogs', 'splunk', or 'awsfirelens'", r.data);
    buf_free(&r);
}

static void log_configuration(cf_lint_ctx *ctx, const cf_node *conf, const cf_node *at, const scenario *s)
{
    (void)at;
    const cf_node *driver = conf->kind == CF_MAPPING ? cf_map_get(conf, "LogDriver") : NULL;
    if (driver)
        each_branch(ctx, driver, s, 0, cf_loc_key(driver), log_driver);
}

static void container(cf_lint_ctx *ctx, const cf_node *def, const cf_node *at, const scenario *s)
{
    (void)at;
    const cf_node *conf = def->kind == CF_MAPPING ? cf_map_get(def, "LogConfiguration") : NULL;
    if (conf)
        each_branch(ctx, conf, s, 0, NULL, log_configuration);
}

static void fargate_log_drivers(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *task = fargate_task(ctx, props, ref, s);
    if (!task)
        return;
    const cf_node *defs = first_value(cf_map_get(task->properties, "ContainerDefinitions"), s, 0);
    for (uint32_t i = 0; defs && defs->kind == CF_SEQUENCE && i < defs->len; i++)
        each_branch(ctx, defs->u.items[i], s, 0, NULL, container);
}

/* ---- E3714 ------------------------------------------------------------------ */

/* The first resource of a type that a reference at path under n names in
 * the scenario (cfn-lint's second reference of a gather), or NULL. */
static const cf_resource *first_referenced(cf_lint_ctx *ctx, const cf_node *n, const char *path, const scenario *s,
                                           const char *type, int depth)
{
    if (!n || depth > 64 || is_null(n))
        return NULL;
    const cf_node *args = if_args(n);
    if (args) {
        int given = assumed(s, args->u.items[0]->u.str);
        for (int branch = 1; branch <= 2; branch++) {
            if (given >= 0 && given != (branch == 1))
                continue;
            const cf_resource *r = first_referenced(ctx, args->u.items[branch], path, s, type, depth + 1);
            if (r)
                return r;
        }
        return NULL;
    }
    if (!*path) {
        const cf_resource *r = referenced(ctx->tpl, n);
        return r && r->type_name && !strcmp(r->type_name, type) ? r : NULL;
    }
    const char *slash = strchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : strlen(path);
    const char *rest = slash ? slash + 1 : path + len;
    if (len == 1 && *path == '*') {
        for (uint32_t i = 0; n->kind == CF_SEQUENCE && i < n->len; i++) {
            const cf_resource *r = first_referenced(ctx, n->u.items[i], rest, s, type, depth + 1);
            if (r)
                return r;
        }
        return NULL;
    }
    for (uint32_t i = 0; n->kind == CF_MAPPING && i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key;
        if (k->kind == CF_SCALAR && k->len == len && !memcmp(k->u.str, path, len))
            return first_referenced(ctx, n->u.pairs[i].value, rest, s, type, depth + 1);
    }
    return NULL;
}

/* Python's == over two values as written (a Ref equals the same Ref). */
static bool same_value(const cf_node *a, const cf_node *b, int depth)
{
    if (a->kind != b->kind || depth > 64)
        return false;
    if (a->kind == CF_SCALAR)
        return a->type == b->type && a->len == b->len && !memcmp(a->u.str, b->u.str, a->len);
    if (a->len != b->len)
        return false;
    if (a->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < a->len; i++)
            if (!same_value(a->u.items[i], b->u.items[i], depth + 1))
                return false;
        return true;
    }
    for (uint32_t i = 0; i < a->len; i++) {
        const cf_node *k = a->u.pairs[i].key;
        const cf_node *other = k->kind == CF_SCALAR ? cf_map_get(b, k->u.str) : NULL;
        if (!other || !same_value(a->u.pairs[i].value, other, depth + 1))
            return false;
    }
    return true;
}

static void template_group_vpc(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *group = referenced_of(ctx, ref, "AWS::EC2::SecurityGroup");
    if (!group)
        return;
    const cf_node *raw = cf_map_get(group->properties, "VpcId");
    const cf_node *vpc = first_value(raw, s, 0);
    if (!vpc)
        return;
    const cf_resource *subnet =
        first_referenced(ctx, props, "LaunchTemplateData/NetworkInterfaces/*/SubnetId", s, "AWS::EC2::Subnet", 0);
    const cf_node *subnet_vpc = subnet ? first_value(cf_map_get(subnet->properties, "VpcId"), s, 0) : NULL;
    if (subnet_vpc && !same_value(vpc, subnet_vpc, 0))
        cf_diag_at(ctx->out, ctx->doc, "E3714", cf_loc_key(raw),
                   "SecurityGroup VpcId does not match Subnet VpcId in the LaunchTemplate");
}

/* Each resource of a type: follow the reference at path from its Properties. */
static void gather(cf_lint_ctx *ctx, const char *type, const char *path, found_fn found)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, type) || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        scenario s = {ctx->conds, {0}};
        cf_conds_at(ctx->conds, t, r->node, &s.s); /* its own Condition holds */
        each_value(ctx, r->properties, r->properties, path, &s, 0, found);
    }
}

/* ---- E3698, E3699, E3707, E3709 ---------------------------------------------- */

/* The value `expected` stands for must be what the other resource has at
 * `at` (a mapping value; absent: nothing to compare): "... was expected"
 * on at's key, expected written as cfn-lint writes it. */
static void expect_same(cf_lint_ctx *ctx, const char *rule, const cf_node *expected, const cf_node *at,
                        const scenario *s)
{
    const cf_node *value = first_value(at, s, 0);
    if (!expected || !value || cf_values_equal(value, expected))
        return;
    cf_buf r = {0};
    cf_repr(&r, expected);
    cf_diag_at(ctx->out, ctx->doc, rule, cf_loc_key(at), "%s was expected", r.data);
    buf_free(&r);
}

/* A stage and the deployment it names are of one RestApi. */
static void stage_deployment(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *deployment = referenced_of(ctx, ref, "AWS::ApiGateway::Deployment");
    if (deployment)
        expect_same(ctx, "E3698", first_value(cf_map_get(props, "RestApiId"), s, 0),
                    cf_map_get(deployment->properties, "RestApiId"), s);
}

/* A method and the authorizer it names are of one RestApi. */
static void method_authorizer_api(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *authorizer = referenced_of(ctx, ref, "AWS::ApiGateway::Authorizer");
    if (authorizer)
        expect_same(ctx, "E3699", first_value(cf_map_get(props, "RestApiId"), s, 0),
                    cf_map_get(authorizer->properties, "RestApiId"), s);
}

/* An instance in a cluster has the cluster's engine and encryption (a
 * cluster not encrypted unless it says so).  A cluster not named by a Ref
 * or Fn::GetAtt is not followed (cfn-lint then compares with a "$data"
 * placeholder and always fails: not copied). */
static void instance_cluster(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *cluster = referenced_of(ctx, ref, "AWS::RDS::DBCluster");
    if (!cluster)
        return;
    expect_same(ctx, "E3707", first_value(cf_map_get(cluster->properties, "Engine"), s, 0),
                cf_map_get(props, "Engine"), s);
    static const cf_node unencrypted = {.kind = CF_SCALAR, .type = CF_TYPE_BOOL, .len = 5, .u.str = "false"};
    const cf_node *encrypted = cf_map_get(cluster->properties, "StorageEncrypted");
    expect_same(ctx, "E3709", encrypted ? first_value(encrypted, s, 0) : &unencrypted,
                cf_map_get(props, "StorageEncrypted"), s);
}

/* ---- E3708 ------------------------------------------------------------------ */

/* A CUSTOM method needs a TOKEN or REQUEST authorizer, a
 * COGNITO_USER_POOLS one an authorizer of that type. */
static void method_authorizer_type(cf_lint_ctx *ctx, const cf_node *props, const cf_node *ref, const scenario *s)
{
    const cf_resource *authorizer = referenced_of(ctx, ref, "AWS::ApiGateway::Authorizer");
    const cf_node *how = first_value(cf_map_get(props, "AuthorizationType"), s, 0);
    if (!authorizer || !how || how->kind != CF_SCALAR)
        return;
    const cf_node *at = cf_map_get(authorizer->properties, "Type");
    const cf_node *type = first_value(at, s, 0);
    if (!type || type->kind != CF_SCALAR)
        return;
    bool custom = !strcmp(how->u.str, "CUSTOM"), cognito = !strcmp(how->u.str, "COGNITO_USER_POOLS");
    if (custom && strcmp(type->u.str, "TOKEN") && strcmp(type->u.str, "REQUEST")) {
        cf_buf r = {0};
        cf_repr(&r, type);
        cf_diag_at(ctx->out, ctx->doc, "E3708", cf_loc_key(at), "%s is not one of ['TOKEN', 'REQUEST']", r.data);
        buf_free(&r);
    } else if (cognito && strcmp(type->u.str, "COGNITO_USER_POOLS")) {
        cf_diag_at(ctx->out, ctx->doc, "E3708", cf_loc_key(at), "'COGNITO_USER_POOLS' was expected");
    }
}

static void check(cf_lint_ctx *ctx)
{
    gather(ctx, "AWS::ElasticLoadBalancingV2::ListenerRule", "Actions/*/TargetGroupArn", forward_target);
    gather(ctx, "AWS::AutoScaling::ScalingPolicy", "AutoScalingGroupName", scaling_group);
    gather(ctx, "AWS::ECS::Service", "TaskDefinition", fargate_compatible);
    gather(ctx, "AWS::ECS::Service", "TaskDefinition", fargate_log_drivers);
    gather(ctx, "AWS::EC2::LaunchTemplate", "LaunchTemplateData/SecurityGroupIds/*", template_group_vpc);
    gather(ctx, "AWS::ApiGateway::Stage", "DeploymentId", stage_deployment);
    gather(ctx, "AWS::ApiGateway::Method", "AuthorizerId", method_authorizer_api);
    gather(ctx, "AWS::ApiGateway::Method", "AuthorizerId", method_authorizer_type);
    gather(ctx, "AWS::RDS::DBInstance", "DBClusterIdentifier", instance_cluster);
}

const cf_family family_gather = {"gather", check, NULL, 0};
