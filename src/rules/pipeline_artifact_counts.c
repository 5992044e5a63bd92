/* E3702: how many input and output artifacts a CodePipeline action of a
 * given type takes (AWS CodePipeline's "valid input and output artifacts
 * for each action type").  Each action, also one in an Fn::If branch, is
 * judged for every owner, category and provider its ActionTypeId can
 * have (through Fn::If branches, under their conditions), when the table
 * knows that type; counts are judged as the validator judges minItems and
 * maxItems (Fn::If resolved, in cfn-lint's core wording), a lower bound
 * above zero makes the list required, and every message ends with the
 * type it was judged for. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "../validate.h"
#include "section.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3702", "Validate the number of input and output artifacts in a CodePipeline",
     "When using AWS::CodePipeline::Pipeline action types have different contraints for InputArtifacts and OutputArtifacts",
     "", "resources,codepipeline"},
};

enum { ANY = -1 }; /* no bound */

/* Artifacts per action type: inputs min..max, outputs min..max. */
static const struct artifact_counts {
    const char *owner, *category, *provider;
    int in_min, in_max, out_min, out_max;
} counts[] = {
    {"AWS", "Source", "S3", ANY, 0, 1, 1},
    {"AWS", "Source", "CodeCommit", ANY, 0, 1, 1},
    {"AWS", "Source", "ECR", ANY, 0, 1, 1},
    {"AWS", "Test", "CodeBuild", 1, 5, 0, 5},
    {"AWS", "Test", "DeviceFarm", 1, 1, ANY, 0},
    {"AWS", "Build", "CodeBuild", 1, 5, 0, 5},
    {"AWS", "Approval", "Manual", ANY, 0, ANY, 0},
    {"AWS", "Deploy", "S3", 1, 1, ANY, 0},
    {"AWS", "Deploy", "CloudFormation", 0, 10, 0, 1},
    {"AWS", "Deploy", "CodeDeploy", 1, 1, ANY, 0},
    {"AWS", "Deploy", "ElasticBeanstalk", 1, 1, ANY, 0},
    {"AWS", "Deploy", "OpsWorks", 1, 1, ANY, 0},
    {"AWS", "Deploy", "ECS", 1, 1, ANY, 0},
    {"AWS", "Deploy", "ServiceCatalog", 1, 1, ANY, 0},
    {"AWS", "Invoke", "Lambda", 0, 5, 0, 5},
    {"ThirdParty", "Source", "GitHub", ANY, 0, 1, 1},
    {"ThirdParty", "Deploy", "AlexaSkillsKit", 0, 2, ANY, 0},
    {"Custom", "Build", "Jenkins", 0, 5, 0, 5},
    {"Custom", "Test", "Jenkins", 0, 5, 0, 5},
};
#define NCOUNTS (sizeof counts / sizeof *counts)

static void bounds(cf_buf *b, const char *key, int min, int max)
{
    buf_printf(b, "\"%s\": {", key);
    if (min != ANY)
        buf_printf(b, "\"minItems\": %d, ", min);
    buf_printf(b, "\"maxItems\": %d}", max);
}

/* The schema of one row: {"properties": {...}, "required": [...]}. */
static cf_doc *row_schema(const struct artifact_counts *c)
{
    cf_buf b = {0};
    buf_adds(&b, "{\"properties\": {");
    bounds(&b, "InputArtifacts", c->in_min, c->in_max);
    buf_adds(&b, ", ");
    bounds(&b, "OutputArtifacts", c->out_min, c->out_max);
    buf_adds(&b, "}, \"required\": [");
    if (c->in_min > 0)
        buf_adds(&b, "\"InputArtifacts\"");
    if (c->out_min > 0)
        buf_printf(&b, "%s\"OutputArtifacts\"", c->in_min > 0 ? ", " : "");
    buf_adds(&b, "]}");
    size_t len = b.len;
    return cf_doc_load_buffer("artifact-counts.json", buf_steal(&b), len);
}

typedef struct judging {
    cf_lint_ctx *ctx;
    cf_doc *schemas[NCOUNTS]; /* made when first needed */
    const cf_node *action;
    cf_scenario at;             /* the conditions in force at the action */
    const cf_node *type[3];     /* Owner, Category, Provider as chosen */
    const char *suffix;
} judging;

static char *with_type(const cf_validator *v, const char *keyword_rule, const cf_node *at, const char *msg)
{
    (void)keyword_rule;
    (void)at;
    const judging *j = v->reword_arg;
    return xasprintf("%s when using %s", msg, j->suffix);
}

static void judge(judging *j, const cf_scenario *s)
{
    const struct artifact_counts *c = NULL;
    for (size_t i = 0; i < NCOUNTS && !c; i++)
        if (!strcmp(counts[i].owner, j->type[0]->u.str) && !strcmp(counts[i].category, j->type[1]->u.str) &&
            !strcmp(counts[i].provider, j->type[2]->u.str))
            c = &counts[i];
    if (!c)
        return;
    size_t i = (size_t)(c - counts);
    if (!j->schemas[i])
        j->schemas[i] = row_schema(c);
    cf_buf type = {0};
    buf_adds(&type, "{'Owner': ");
    cf_repr(&type, j->type[0]);
    buf_adds(&type, ", 'Category': ");
    cf_repr(&type, j->type[1]);
    buf_adds(&type, ", 'Provider': ");
    cf_repr(&type, j->type[2]);
    buf_addc(&type, '}');
    j->suffix = type.data;
    cf_validator v;
    cf_validator_init(&v, j->ctx, j->schemas[i]->root);
    v.rule = "E3702";
    v.own_schema = true;
    v.core_wording = true;
    v.given = s;
    v.reword = with_type;
    v.reword_arg = j;
    cf_validate(&v, j->schemas[i]->root, j->action);
    buf_free(&type);
}

/* Each value the k-th part of the type can have, as strings, through
 * Fn::If branches the scenario allows; then the next part. */
static void each_type(judging *j, const cf_node *type_id, size_t k, const cf_node *n, const cf_scenario *s,
                      int depth)
{
    static const char *const parts[] = {"Owner", "Category", "Provider"};
    if (k == 3) {
        judge(j, s);
        return;
    }
    if (!n) {
        n = cf_map_get(type_id, parts[k]);
        if (!n)
            return;
    }
    if (depth > 16 || cf_is_no_value(n))
        return;
    const char *fn = cf_intrinsic_name(n);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(j->ctx->tpl, n);
        long c = args ? cf_conds_find(j->ctx->conds, args->u.items[0]->u.str, args->u.items[0]->len) : -1;
        for (uint32_t b = 1; c >= 0 && b < 3; b++) {
            cf_scenario next = *s;
            if (cf_scenario_set(&next, (uint32_t)c, b == 1) && cf_conds_possible(j->ctx->conds, &next))
                each_type(j, type_id, k, args->u.items[b], &next, depth + 1);
        }
        return;
    }
    if (n->kind != CF_SCALAR || n->type != CF_TYPE_STR)
        return;
    j->type[k] = n;
    each_type(j, type_id, k + 1, NULL, s, 0);
}

static void at_action(cf_lint_ctx *ctx, const cf_node *action, const cf_scenario *s, void *arg)
{
    (void)ctx;
    judging *j = arg;
    const cf_node *type_id = cf_map_get(action, "ActionTypeId");
    if (action->kind != CF_MAPPING || !type_id || type_id->kind != CF_MAPPING || cf_intrinsic_name(type_id))
        return;
    j->action = action;
    cf_scenario none = {0};
    each_type(j, type_id, 0, NULL, s ? s : &none, 0);
}

static void check(cf_lint_ctx *ctx)
{
    static const char *const path[] = {"Stages", "*", "Actions", "*", NULL};
    const cf_template *t = ctx->tpl;
    judging j = {.ctx = ctx};
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::CodePipeline::Pipeline") || !r->properties)
            continue;
        cf_sect_values(ctx, r->properties, path, NULL, at_action, &j);
    }
    for (size_t i = 0; i < NCOUNTS; i++)
        if (j.schemas[i])
            cf_doc_free(j.schemas[i]);
}

CF_FAMILY(family_pipeline_artifact_counts, "pipeline_artifact_counts", check, rules);
