/* E3053: in an ECS task definition whose NetworkMode is awsvpc, a port
 * mapping's HostPort must be left out or equal its ContainerPort.  As
 * cfn-lint judges it: each way the Fn::Ifs on the path to a HostPort go
 * (branches the conditions rule out are not followed), the ContainerPort
 * under the same choice; both must be strings or integers (a boolean is
 * one in Python) and are compared as Python's str() writes them.  The
 * port mappings are walked from the resource's own conditions, whatever
 * NetworkMode's Fn::If chose. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3053", "Validate ECS task definition is has correct values for 'HostPort'",
     "The 'HostPort' must either be undefined or equal to the 'ContainerPort' value", "", "resources,ecs"},
};

static const char *const network_mode[] = {"NetworkMode", NULL};
static const char *const port_mappings[] = {"ContainerDefinitions", "*", "PortMappings", "*", NULL};
static const char *const host_port[] = {"HostPort", NULL};
static const char *const container_port[] = {"ContainerPort", NULL};

static bool port_like(const cf_node *n)
{
    return n->kind == CF_SCALAR && (n->type == CF_TYPE_STR || n->type == CF_TYPE_INT || n->type == CF_TYPE_BOOL);
}

typedef struct mapping {
    const cf_node *node; /* the port mapping */
    const cf_node *host;
} mapping;

static void at_container_port(cf_lint_ctx *ctx, const cf_node *port, const cf_scenario *s, void *arg)
{
    (void)s;
    const mapping *m = arg;
    if (!port_like(port))
        return;
    char *a = cf_py_str(m->host), *b = cf_py_str(port);
    if (strcmp(a, b)) {
        char *ra = cf_repr_dup(m->host), *rb = cf_repr_dup(port);
        cf_sect_report(ctx, "E3053", m->host, "%s does not equal %s", ra, rb);
        free(ra);
        free(rb);
    }
    free(a);
    free(b);
}

static void at_host_port(cf_lint_ctx *ctx, const cf_node *host, const cf_scenario *s, void *arg)
{
    mapping m = {arg, host};
    if (port_like(host))
        cf_sect_values(ctx, m.node, container_port, s, at_container_port, &m);
}

static void at_mapping(cf_lint_ctx *ctx, const cf_node *node, const cf_scenario *s, void *arg)
{
    (void)arg;
    cf_sect_values(ctx, node, host_port, s, at_host_port, (void *)node);
}

static void at_network_mode(cf_lint_ctx *ctx, const cf_node *mode, const cf_scenario *s, void *arg)
{
    (void)s;
    if (cf_is_str(mode, "awsvpc") && mode->type == CF_TYPE_STR)
        cf_sect_values(ctx, arg, port_mappings, NULL, at_mapping, NULL);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (r->walked && r->type_name && !strcmp(r->type_name, "AWS::ECS::TaskDefinition") && r->properties)
            cf_sect_values(ctx, r->properties, network_mode, NULL, at_network_mode, (void *)r->properties);
    }
}

CF_FAMILY(family_ecs_host_port, "ecs_host_port", check, rules);
