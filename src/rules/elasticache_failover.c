/* E3026: a Redis replication group whose parameter group (a resource it
 * Refs in CacheParameterGroupName) turns cluster mode on must not turn
 * automatic failover off, and without NumNodeGroups needs more than one
 * cache cluster.
 *
 * As cfn-lint judges it: each way the Fn::Ifs among the group's
 * properties and the parameter group's parameters can go (a scenario
 * that contradicts the conditions the Ref sits under is skipped); the
 * parameter must be the string 'yes'; AutomaticFailoverEnabled counts as
 * off when it is false or a string other than "true"; NumCacheClusters,
 * 0 when missing, is compared only when it is a number (cfn-lint fails on
 * anything else).  The finding's path goes on from the Ref to the
 * property, and says which conditions were taken. */
#include "../diag.h"
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3026", "Check Elastic Cache Redis Cluster settings",
     "Evaluate Redis Cluster groups to make sure automatic failover is enabled when cluster mode is enabled",
     "https://github.com/aws-cloudformation/cfn-lint", "resources,elasticcache"},
};

typedef struct group {
    const cf_node *props;    /* the replication group's Properties */
    const cf_node *params;   /* the parameter group's Properties.Properties */
    const cf_node *ref;      /* the Ref's value: where the finding goes */
    cf_scenario at;          /* the conditions the Ref sits under */
    bool has_at;
    uint32_t conds[CF_SCENARIO_MAX];
    size_t nconds;
    bool unknown; /* an Fn::If on a condition the template lacks: E1028's */
} group;

/* The conditions of the Fn::Ifs a value is or holds in lists and in
 * other Fn::Ifs' branches (cfn-lint does not look inside mappings). */
static void collect(cf_lint_ctx *ctx, group *g, const cf_node *v, int depth)
{
    if (!v || depth > 32)
        return;
    if (v->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < v->len; i++)
            collect(ctx, g, v->u.items[i], depth + 1);
        return;
    }
    const char *fn = cf_intrinsic_name(v);
    const cf_node *args = fn && !strcmp(fn, "Fn::If") ? cf_sect_if_args(ctx->tpl, v) : NULL;
    if (!args)
        return;
    long c = cf_conds_find(ctx->conds, args->u.items[0]->u.str, args->u.items[0]->len);
    g->unknown |= c < 0;
    bool seen = c < 0;
    for (size_t k = 0; k < g->nconds && !seen; k++)
        seen = g->conds[k] == (uint32_t)c;
    if (!seen && g->nconds < CF_SCENARIO_MAX)
        g->conds[g->nconds++] = (uint32_t)c;
    collect(ctx, g, args->u.items[1], depth + 1);
    collect(ctx, g, args->u.items[2], depth + 1);
}

static void collect_all(cf_lint_ctx *ctx, group *g, const cf_node *obj)
{
    if (obj && cf_intrinsic_name(obj)) {
        collect(ctx, g, obj, 0);
        return;
    }
    for (uint32_t i = 0; obj && obj->kind == CF_MAPPING && i < obj->len; i++)
        collect(ctx, g, obj->u.pairs[i].value, 0);
}

static int cmp_cond(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Python's `x is False` after cfn-lint turns a string into x == "true". */
static bool is_off(const cf_node *n)
{
    if (!n || n->kind != CF_SCALAR)
        return false;
    if (n->type == CF_TYPE_STR)
        return strcasecmp(n->u.str, "true") != 0;
    return n->type == CF_TYPE_BOOL && !cf_sect_truthy(n);
}

/* NumCacheClusters <= 1, when Python can compare it with 1. */
static bool too_few(const cf_node *n)
{
    if (!n)
        return true; /* missing: 0 */
    double d;
    if (n->kind != CF_SCALAR)
        return false;
    if (n->type == CF_TYPE_BOOL)
        return true; /* True and False are 1 and 0 */
    return (n->type == CF_TYPE_INT || n->type == CF_TYPE_FLOAT) && cf_scalar_double(n, &d) && d <= 1;
}

static void report(cf_lint_ctx *ctx, const group *g, const cf_scenario *s, const char *prop, const char *what)
{
    char *path = cf_sect_path_text(g->ref);
    cf_buf when = {0};
    for (size_t i = 0; s && i < g->nconds; i++) {
        int v = cf_scenario_get(s, g->conds[i]);
        if (v >= 0)
            buf_printf(&when, "%swhen condition \"%s\" is %s", when.len ? " and " : "",
                       cf_conds_name(ctx->conds, g->conds[i]), v ? "True" : "False");
    }
    cf_diag *d = when.len ? cf_sect_report(ctx, "E3026", g->ref, "\"%s\" %s when %s at %s/%s", prop, what,
                                           when.data, path, prop)
                          : cf_sect_report(ctx, "E3026", g->ref, "\"%s\" %s at %s/%s", prop, what, path, prop);
    cf_diag_path_add(d, prop);
    buf_free(&when);
    free(path);
}

static void judge(cf_lint_ctx *ctx, const group *g, const cf_scenario *s)
{
    if (s && g->has_at)
        for (uint32_t i = 0; i < s->n; i++) {
            int v = cf_scenario_get(&g->at, s->lit[i] >> 1);
            if (v >= 0 && v != (int)(s->lit[i] & 1))
                return;
        }
    const cf_node *params = s ? cf_sect_in_scenario(ctx, g->params, s) : g->params;
    const cf_node *mode = params && params->kind == CF_MAPPING ? cf_map_get(params, "cluster-enabled") : NULL;
    if (s)
        mode = cf_sect_in_scenario(ctx, mode, s);
    if (!cf_is_str(mode, "yes") || mode->type != CF_TYPE_STR)
        return;
    const cf_node *props = s ? cf_sect_in_scenario(ctx, g->props, s) : g->props;
    if (!props || props->kind != CF_MAPPING || cf_intrinsic_name(props))
        return;
    const cf_node *failover = cf_map_get(props, "AutomaticFailoverEnabled");
    const cf_node *node_groups = cf_map_get(props, "NumNodeGroups");
    const cf_node *clusters = cf_map_get(props, "NumCacheClusters");
    if (s) {
        failover = cf_sect_in_scenario(ctx, failover, s);
        node_groups = cf_sect_in_scenario(ctx, node_groups, s);
        clusters = cf_sect_in_scenario(ctx, clusters, s);
    }
    if (is_off(failover))
        report(ctx, g, s, "AutomaticFailoverEnabled", "must be misssing or True when setting up a cluster");
    if (!cf_sect_truthy(node_groups) && too_few(clusters))
        report(ctx, g, s, "NumCacheClusters", "must be greater than one when creating a cluster");
}

static void each_scenario(const cf_scenario *s, void *arg)
{
    void **a = arg;
    judge(a[0], a[1], s);
}

/* The parameter groups the value Refs, through Fn::If branches. */
static void each_ref(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *v, int depth)
{
    const char *fn = v ? cf_intrinsic_name(v) : NULL;
    if (!fn || depth > 32)
        return;
    if (!strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_if_args(v);
        if (args) {
            each_ref(ctx, r, args->u.items[1], depth + 1);
            each_ref(ctx, r, args->u.items[2], depth + 1);
        }
        return;
    }
    const cf_node *name = v->u.pairs[0].value;
    if (strcmp(fn, "Ref") || name->kind != CF_SCALAR)
        return;
    const cf_resource *pg = cf_template_resource(ctx->tpl, name->u.str);
    if (!pg)
        return;
    group g = {.props = r->properties, .ref = name};
    g.params = cf_map_get(pg->properties, "Properties");
    g.has_at = cf_conds_at(ctx->conds, ctx->tpl, name, &g.at);
    collect_all(ctx, &g, r->properties);
    collect_all(ctx, &g, g.params);
    if (g.unknown)
        return;
    if (!g.nconds) {
        judge(ctx, &g, NULL);
        return;
    }
    qsort(g.conds, g.nconds, sizeof *g.conds, cmp_cond);
    void *arg[2] = {ctx, &g};
    cf_scenario none = {0};
    cf_conds_each_scenario(ctx->conds, &none, g.conds, g.nconds, each_scenario, arg);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::ElastiCache::ReplicationGroup") ||
            !r->properties || r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        each_ref(ctx, r, cf_map_get(r->properties, "CacheParameterGroupName"), 0);
    }
}

CF_FAMILY(family_elasticache_failover, "elasticache_failover", check, rules);
