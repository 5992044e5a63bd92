/* E3049: an ECS service puts a container behind a load balancer target
 * group, and the task definition maps that container port to host port 0
 * (a dynamic port): the target group's HealthCheckPort must be
 * 'traffic-port', since the health check cannot know the port otherwise.
 *
 * As cfn-lint follows it, one choice at a time: the service's
 * TaskDefinition (a Ref or Fn::GetAtt naming the task definition), each
 * load balancer's ContainerName, ContainerPort and TargetGroupArn (a
 * resource named the same ways), the task definition's containers of that
 * name and their port mappings of that container port, their HostPort,
 * and the target group's HealthCheckPort, each through the Fn::Ifs on
 * the way, under the conditions chosen so far (and the Conditions of the
 * resources named).  A HealthCheckPort that is missing or AWS::NoValue
 * fails too. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3049", "Validate ECS tasks with dynamic host port have traffic-port ELB target groups",
     "When using an ECS task definition of host port 0 and associating that container to an ELB the target group has to have a 'HealthCheckPort' of 'traffic-port'",
     "", "resources"},
};

typedef struct service {
    const cf_node *props;             /* the service's Properties */
    const char *task_def;             /* the task definition's logical id */
    const cf_node *lb, *name, *port;  /* the load balancer, its ContainerName and ContainerPort */
    const char *target_group;         /* the target group's logical id */
    const cf_node *container;         /* the container definition judged */
    const cf_node *mapping;           /* the port mapping judged */
} service;

/* The resource a Ref or Fn::GetAtt names (cfn-lint's rule reads the name
 * before the first dot of either GetAtt form). */
static char *named_resource(const cf_node *v)
{
    const char *fn = cf_intrinsic_name(v);
    const cf_node *arg = fn ? v->u.pairs[0].value : NULL;
    if (fn && !strcmp(fn, "Ref"))
        return arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR ? xstrdup(arg->u.str) : NULL;
    if (!fn || strcmp(fn, "Fn::GetAtt"))
        return NULL;
    if (arg->kind == CF_SEQUENCE && arg->len)
        arg = arg->u.items[0];
    if (arg->kind != CF_SCALAR || arg->type != CF_TYPE_STR)
        return NULL;
    return xstrndup(arg->u.str, strcspn(arg->u.str, "."));
}

/* A resource of the type, and the scenario with its Condition taken as
 * true added to s (false when that cannot be). */
static const cf_resource *resource_in(cf_lint_ctx *ctx, const char *name, const char *type, const cf_scenario *s,
                                      cf_scenario *out)
{
    const cf_resource *r = cf_template_resource(ctx->tpl, name);
    if (!r || !r->type_name || strcmp(r->type_name, type))
        return NULL;
    *out = *s;
    const cf_node *cond = r->node && r->node->kind == CF_MAPPING ? cf_map_get(r->node, "Condition") : NULL;
    long c = cond && cond->kind == CF_SCALAR ? cf_conds_find(ctx->conds, cond->u.str, cond->len) : -1;
    if (c >= 0 && !(cf_scenario_set(out, (uint32_t)c, true) && cf_conds_possible(cf_lint_validator_conds(ctx), out)))
        return NULL;
    return r;
}

static bool port_like(const cf_node *n)
{
    return n->kind == CF_SCALAR && (n->type == CF_TYPE_STR || n->type == CF_TYPE_INT || n->type == CF_TYPE_BOOL);
}

static bool same_text(const cf_node *a, const cf_node *b)
{
    char *x = cf_py_str(a), *y = cf_py_str(b);
    bool same = !strcmp(x, y);
    free(x);
    free(y);
    return same;
}

static void report(cf_lint_ctx *ctx, const cf_node *about, const char *more)
{
    cf_diag *d = cf_sect_report(ctx, "E3049", about, "%s", rules[0].desc);
    if (more)
        cf_diag_path_add(d, more);
}

static void at_health_check_port(cf_lint_ctx *ctx, const cf_node *port, const cf_scenario *s, void *arg)
{
    (void)s;
    (void)arg;
    if (cf_is_no_value(port))
        report(ctx, port->u.pairs[0].value, NULL);
    else if (port_like(port) && !cf_is_str(port, "traffic-port"))
        report(ctx, port, NULL);
}

static void judge_target_group(cf_lint_ctx *ctx, const service *sv, const cf_scenario *s)
{
    cf_scenario in;
    const cf_resource *tg = resource_in(ctx, sv->target_group, "AWS::ElasticLoadBalancingV2::TargetGroup", s, &in);
    if (!tg)
        return;
    static const char *const health_check_port[] = {"HealthCheckPort", NULL};
    const cf_node *props = tg->properties;
    if (!props || props->kind != CF_MAPPING) {
        if (!props && tg->node && tg->node->kind == CF_MAPPING)
            report(ctx, tg->node, "Properties");
        return;
    }
    if (!cf_intrinsic_name(props) && !cf_map_get(props, "HealthCheckPort")) {
        report(ctx, props, "HealthCheckPort");
        return;
    }
    cf_sect_values(ctx, props, health_check_port, &in, at_health_check_port, NULL);
}

static void at_host_port(cf_lint_ctx *ctx, const cf_node *host, const cf_scenario *s, void *arg)
{
    char *text = cf_py_str(host);
    if (!strcmp(text, "0"))
        judge_target_group(ctx, arg, s);
    free(text);
}

static void at_mapping_port(cf_lint_ctx *ctx, const cf_node *port, const cf_scenario *s, void *arg)
{
    static const char *const host_port[] = {"HostPort", NULL};
    const service *sv = arg;
    if (port_like(port) && same_text(port, sv->port))
        cf_sect_values(ctx, sv->mapping, host_port, s, at_host_port, arg);
}

static void at_mapping(cf_lint_ctx *ctx, const cf_node *mapping, const cf_scenario *s, void *arg)
{
    static const char *const container_port[] = {"ContainerPort", NULL};
    service *sv = arg;
    sv->mapping = mapping;
    cf_sect_values(ctx, mapping, container_port, s, at_mapping_port, sv);
}

static void at_container_name(cf_lint_ctx *ctx, const cf_node *name, const cf_scenario *s, void *arg)
{
    static const char *const port_mappings[] = {"PortMappings", "*", NULL};
    service *sv = arg;
    if (name->kind == CF_SCALAR && name->type == CF_TYPE_STR && !strcmp(name->u.str, sv->name->u.str))
        cf_sect_values(ctx, sv->container, port_mappings, s, at_mapping, sv);
}

static void at_container(cf_lint_ctx *ctx, const cf_node *container, const cf_scenario *s, void *arg)
{
    static const char *const name[] = {"Name", NULL};
    service *sv = arg;
    sv->container = container;
    cf_sect_values(ctx, container, name, s, at_container_name, arg);
}

static void at_target_group(cf_lint_ctx *ctx, const cf_node *tg, const cf_scenario *s, void *arg)
{
    static const char *const containers[] = {"ContainerDefinitions", "*", NULL};
    service *sv = arg;
    char *name = named_resource(tg);
    cf_scenario in;
    const cf_resource *td = name ? resource_in(ctx, sv->task_def, "AWS::ECS::TaskDefinition", s, &in) : NULL;
    if (td && td->properties) {
        sv->target_group = name;
        cf_sect_values(ctx, td->properties, containers, &in, at_container, sv);
    }
    free(name);
}

static void at_port(cf_lint_ctx *ctx, const cf_node *port, const cf_scenario *s, void *arg)
{
    static const char *const target_group[] = {"TargetGroupArn", NULL};
    service *sv = arg;
    if (!port_like(port))
        return;
    sv->port = port;
    cf_sect_values(ctx, sv->lb, target_group, s, at_target_group, sv);
}

static void at_name(cf_lint_ctx *ctx, const cf_node *name, const cf_scenario *s, void *arg)
{
    static const char *const container_port[] = {"ContainerPort", NULL};
    service *sv = arg;
    if (name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return;
    sv->name = name;
    cf_sect_values(ctx, sv->lb, container_port, s, at_port, sv);
}

static void at_load_balancer(cf_lint_ctx *ctx, const cf_node *lb, const cf_scenario *s, void *arg)
{
    static const char *const container_name[] = {"ContainerName", NULL};
    service *sv = arg;
    sv->lb = lb;
    cf_sect_values(ctx, lb, container_name, s, at_name, sv);
}

static void at_task_definition(cf_lint_ctx *ctx, const cf_node *td, const cf_scenario *s, void *arg)
{
    static const char *const load_balancers[] = {"LoadBalancers", "*", NULL};
    service *sv = arg;
    char *name = named_resource(td);
    if (!name)
        return;
    sv->task_def = name;
    cf_sect_values(ctx, sv->props, load_balancers, s, at_load_balancer, sv);
    free(name);
}

static void check(cf_lint_ctx *ctx)
{
    static const char *const task_definition[] = {"TaskDefinition", NULL};
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::ECS::Service") || !r->properties ||
            r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        service sv = {.props = r->properties};
        cf_sect_values(ctx, r->properties, task_definition, NULL, at_task_definition, &sv);
    }
}

CF_FAMILY(family_ecs_dynamic_ports, "ecs_dynamic_ports", check, rules);
