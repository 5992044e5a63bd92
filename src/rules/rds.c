/* RDS engine versions (E3691/W3691 for DB instances, E3690/W3690 for DB
 * clusters, as cfn-lint numbers them): the version must exist for the
 * engine, and should still be creatable.  An imported region file (spec
 * import-rds) decides for its region. */
#include "../cond_model.h"
#include "../lint.h"
#include "../repr.h"
#include "../version.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3690",
     "Validate DB Cluster Engine and Engine Version",
     "Validate the DB Cluster engine along with the engine version",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"E3691",
     "Validate DB Instance Engine and Engine Version",
     "Validate the DB Instance engine along with the engine version",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-engine",
     "resources"},
    {"W3690",
     "Validate DB Cluster Engine Version is not deprecated",
     "Validate the DB Cluster engine version is not deprecated and can be used to create new instances",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"W3691",
     "Validate DB Instance Engine Version is not deprecated",
     "Validate the DB Instance engine version is not deprecated and can be used to create new instances",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-engineversion",
     "resources"},
};

typedef struct rds_kind {
    const char *type, *error_id, *warning_id, *noun;
} rds_kind;

static const rds_kind kinds[] = {
    {"AWS::RDS::DBInstance", "E3691", "W3691", "RDS DB instances"},
    {"AWS::RDS::DBCluster", "E3690", "W3690", "RDS DB clusters"},
};

/* The version as CloudFormation receives it: a string as written, a number
 * as Python prints it (14.10 is '14.1'). */
static char *version_text(const cf_node *v)
{
    if (v->type == CF_TYPE_STR)
        return xstrdup(v->u.str);
    if (v->type == CF_TYPE_INT || v->type == CF_TYPE_FLOAT) {
        cf_buf b = {0};
        cf_repr(&b, v);
        return buf_steal(&b);
    }
    return NULL;
}

/* "the 14 versions RDS can create: 14.15, 14.17, ..." or, when the major
 * is unknown, the majors there are. */
static void describe_known(cf_buf *b, const char *engine, const char *version, const cf_node *versions)
{
    char major[32], m[32];
    cf_version_major(engine, version, major, sizeof major);
    const char **list = xcalloc(versions->len + 1, sizeof *list);
    size_t n = 0;
    for (uint32_t i = 0; i < versions->len; i++) {
        const char *v = versions->u.pairs[i].key->u.str;
        cf_version_major(engine, v, m, sizeof m);
        if (!strcmp(m, major) && cf_is_str(versions->u.pairs[i].value, "available"))
            list[n++] = v;
    }
    if (n) {
        for (size_t i = 1; i < n; i++) /* insertion sort: short lists */
            for (size_t j = i; j > 0 && cf_version_cmp(list[j - 1], list[j]) > 0; j--) {
                const char *tmp = list[j];
                list[j] = list[j - 1];
                list[j - 1] = tmp;
            }
        buf_printf(b, "; the %s versions RDS can create: ", major);
        for (size_t i = 0; i < n; i++)
            buf_printf(b, "%s%s", i ? ", " : "", list[i]);
    } else {
        n = 0;
        for (uint32_t i = 0; i < versions->len; i++) {
            const char *v = versions->u.pairs[i].key->u.str;
            if (!cf_is_str(versions->u.pairs[i].value, "available"))
                continue;
            cf_version_major(engine, v, m, sizeof m);
            bool dup = false;
            for (size_t k = 0; k < n; k++)
                dup |= !strcmp(list[k], m);
            if (!dup)
                list[n++] = strcpy(xmalloc(strlen(m) + 1), m);
        }
        buf_printf(b, "; no %s versions exist, the majors RDS can create are: ", major);
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && cf_version_cmp(list[j - 1], list[j]) > 0; j--) {
                const char *tmp = list[j];
                list[j] = list[j - 1];
                list[j - 1] = tmp;
            }
        for (size_t i = 0; i < n; i++) {
            buf_printf(b, "%s%s", i ? ", " : "", list[i]);
            free((char *)list[i]);
        }
    }
    free(list);
}

static void judge(cf_lint_ctx *ctx, const rds_kind *k, const cf_node *engine, const cf_node *ev,
                  const char *region)
{
    if (!engine || engine->kind != CF_SCALAR || engine->type != CF_TYPE_STR)
        return; /* absent, or an intrinsic: nothing literal to judge */
    /* RDS reads engine names case-insensitively */
    char *eng = xstrdup(engine->u.str);
    for (char *p = eng; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    bool overlay;
    const cf_node *versions = cf_spec_rds_versions(ctx->spec, k->type, eng, region, &overlay);
    if (!versions) {
        const cf_node *engines = cf_spec_rds_engines(ctx->spec, k->type);
        bool listed = false;
        for (uint32_t i = 0; engines && i < engines->len; i++)
            listed |= cf_is_str(engines->u.items[i], eng);
        if (engines && !listed) {
            cf_buf b = {0};
            for (uint32_t i = 0; i < engines->len; i++)
                buf_printf(&b, "%s'%s'", i ? ", " : "", engines->u.items[i]->u.str);
            cf_diag_at(ctx->out, ctx->doc, k->error_id, engine, "'%s' is not one of [%s]", engine->u.str, b.data);
            buf_free(&b);
        }
        free(eng);
        return;
    }
    char *version = ev && ev->kind == CF_SCALAR ? version_text(ev) : NULL;
    if (version) {
        const cf_node *status = cf_map_get(versions, version);
        const char *where = overlay ? xasprintf(" (%s, imported)", region) : xstrdup("");
        if (!status) {
            cf_buf b = {0};
            describe_known(&b, eng, version, versions);
            cf_diag_at(ctx->out, ctx->doc, k->error_id, ev,
                       "Engine version '%s' does not exist for engine '%s'%s%s", version, eng, where, b.data);
            buf_free(&b);
        } else if (!cf_is_str(status, "available")) {
            cf_diag_at(ctx->out, ctx->doc, k->warning_id, ev,
                       "Engine version '%s' for engine '%s' is deprecated and cannot be used to create new %s%s",
                       version, eng, k->noun, where);
        }
        free((char *)where);
    }
    free(version);
    free(eng);
}

/* One deployment's Engine and EngineVersion. */
typedef struct rds_run {
    cf_lint_ctx *ctx;
    const rds_kind *k;
    const cf_node *engine, *ev;
    const char *region;
} rds_run;

static void judge_scenario(const cf_scenario *s, void *arg)
{
    rds_run *run = arg;
    const cf_conds *m = run->ctx->conds;
    judge(run->ctx, run->k, cf_conds_take(m, s, run->engine), cf_conds_take(m, s, run->ev), run->region);
}

/* cfn-lint words the deprecation warning with the properties as written
 * (an Fn::If and all), the same text whichever deployment it is about:
 * one per resource.  The first of the findings from `from` on is kept. */
static void once_per_resource(cf_diags *out, size_t from, const char *rule)
{
    bool seen = false;
    size_t w = from;
    for (size_t i = from; i < out->n; i++) {
        if (!strcmp(out->v[i].rule->id, rule)) {
            if (seen) {
                cf_diags one = {&out->v[i], 1, 1};
                cf_diags_clear(&one);
                continue;
            }
            seen = true;
        }
        out->v[w++] = out->v[i];
    }
    out->n = w;
}

/* Engine and EngineVersion as each deployment makes them: an Fn::If in
 * either is taken branch by branch, both alike (the same finding from two
 * deployments is said once). */
static void check_one(cf_lint_ctx *ctx, const rds_kind *k, const cf_resource *r, const char *region)
{
    rds_run run = {ctx, k, cf_map_get(r->properties, "Engine"), cf_map_get(r->properties, "EngineVersion"), region};
    cf_scenario base = {0};
    uint32_t conds[CF_SCENARIO_MAX];
    size_t n = 0;
    if (ctx->conds) {
        cf_conds_at(ctx->conds, ctx->tpl, r->node, &base);
        n = cf_conds_used(ctx->conds, run.engine, conds, n, CF_SCENARIO_MAX);
        n = cf_conds_used(ctx->conds, run.ev, conds, n, CF_SCENARIO_MAX);
    }
    size_t from = ctx->out->n;
    if (n)
        cf_conds_each_scenario(ctx->conds, &base, conds, n, judge_scenario, &run);
    else
        judge(ctx, k, run.engine, run.ev, region);
    once_per_resource(ctx->out, from, k->warning_id);
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->spec)
        return;
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->walked || !r->type_name || !r->properties || r->properties->kind != CF_MAPPING)
            continue;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (!strcmp(r->type_name, kinds[k].type))
                for (size_t g = 0; g < ctx->opts->nregions; g++)
                    check_one(ctx, &kinds[k], r, ctx->opts->regions[g]);
    }
}

CF_FAMILY(family_rds, "rds", check, rules);
