/* CodePipeline pipelines:
 *   E3700  a Source action outside the first stage, or another category in
 *          it (on the action's Category);
 *   E3701  an input artifact no earlier action outputs, an output artifact
 *          name used before (in stage and action order, inputs before
 *          outputs within an action);
 *   E3703  a CloudFormation action's TemplatePath whose artifact is not
 *          one of its input artifacts, or a Configuration RoleArn that is
 *          not an IAM role ARN.
 * Stages and actions written out (a stage under an Fn::If is not placed
 * by cfnfix: not judged). */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "../validate.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3701",
     "Validate input and output artifact names are used properly",
     "When using AWS::CodePipeline::Pipeline InputArtifacts names have to be previously used OutputArtifact names. Additionally, the OutputArtifacts names have to be unique",
     "",
     "resources,codepipeline"},
    {"E3700",
     "Validate CodePipeline Source actions are only in the first stage",
     "When using AWS::CodePipeline::Pipeline this rule will validate that Source actions are only used in the first stage",
     "",
     "resources,codepipeline"},
    {"E3703",
     "Validate the configuration of a pipeline action",
     "When definition a CodePipeline certain action types have configuration constraints so this rule validates them",
     "",
     "resources,codepipeline"},
};

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static void category(cf_lint_ctx *ctx, const cf_node *action, bool first)
{
    static const char *const later[] = {"Build", "Approval", "Deploy", "Test", "Invoke", "Compute"};
    const cf_node *cat = cf_map_get(cf_map_get(action, "ActionTypeId"), "Category");
    if (!is_text(cat))
        return;
    cf_buf r = {0};
    cf_repr(&r, cat);
    if (first) {
        if (strcmp(cat->u.str, "Source"))
            cf_diag_at(ctx->out, ctx->doc, "E3700", cf_loc_key(cat), "%s is not one of ['Source']", r.data);
    } else {
        bool ok = false;
        for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
            ok |= !strcmp(cat->u.str, later[i]);
        if (!ok)
            cf_diag_at(ctx->out, ctx->doc, "E3700", cf_loc_key(cat),
                       "%s is not one of ['Build', 'Approval', 'Deploy', 'Test', 'Invoke', 'Compute']", r.data);
    }
    buf_free(&r);
}

/* The artifact a TemplatePath reads ("Artifact::path") is an input.  The
 * names are listed only when there is one (cfn-lint lists a Python set,
 * in no fixed order). */
static void template_path(cf_lint_ctx *ctx, const cf_node *action)
{
    const cf_node *path = cf_map_get(cf_map_get(action, "Configuration"), "TemplatePath");
    const cf_node *inputs = cf_map_get(action, "InputArtifacts");
    if (!is_text(path) || (inputs && (inputs->kind != CF_SEQUENCE || cf_intrinsic_name(inputs))))
        return;
    const cf_node *only = NULL;
    size_t names = 0;
    for (uint32_t i = 0; inputs && i < inputs->len; i++) {
        const cf_node *item = inputs->u.items[i];
        if (item->kind != CF_MAPPING || cf_intrinsic_name(item))
            return; /* an item cfnfix cannot read as written */
        const cf_node *name = cf_map_get(item, "Name");
        if (!name)
            continue;
        if (!is_text(name))
            return;
        size_t len = name->len;
        if (!strncmp(path->u.str, name->u.str, len) && !strncmp(path->u.str + len, "::", 2))
            return;
        if (!only || strcmp(only->u.str, name->u.str))
            names++;
        only = name;
    }
    if (names > 1)
        return;
    size_t head = strstr(path->u.str, "::") ? (size_t)(strstr(path->u.str, "::") - path->u.str) : path->len;
    cf_buf want = {0}, list = {0};
    cf_repr_str(&want, path->u.str, head);
    if (only)
        cf_repr(&list, only);
    cf_diag_at(ctx->out, ctx->doc, "E3703", cf_loc_key(path), "%s is not one of [%s]", want.data,
               list.data ? list.data : "");
    buf_free(&want);
    buf_free(&list);
}

typedef struct artifacts {
    const char **names; /* the output names so far */
    size_t n, cap;
} artifacts;

static bool seen(const artifacts *a, const char *name)
{
    for (size_t i = 0; i < a->n; i++)
        if (!strcmp(a->names[i], name))
            return true;
    return false;
}

static void artifact_names(cf_lint_ctx *ctx, const cf_node *action, artifacts *out)
{
    static const char *const lists[] = {"InputArtifacts", "OutputArtifacts"};
    for (size_t l = 0; l < 2; l++) {
        const cf_node *list = cf_map_get(action, lists[l]);
        for (uint32_t i = 0; list && list->kind == CF_SEQUENCE && i < list->len; i++) {
            const cf_node *name = cf_map_get(list->u.items[i], "Name");
            if (!is_text(name))
                continue;
            bool known = seen(out, name->u.str);
            if (l == 0 && !known) {
                cf_diag_at(ctx->out, ctx->doc, "E3701", cf_loc_key(name),
                           "'%s' is not previously defined as an 'OutputArtifact'", name->u.str);
            } else if (l == 1 && known) {
                cf_diag_at(ctx->out, ctx->doc, "E3701", cf_loc_key(name),
                           "'%s' is already a defined 'OutputArtifact' Name", name->u.str);
            } else if (l == 1) {
                GROW(out->names, out->cap, out->n + 1);
                out->names[out->n++] = name->u.str;
            }
        }
    }
}

/* Whether the stages are written out with no Fn::If in them (artifact
 * order under conditions is not modelled). */
static bool plain(const cf_node *n, int depth)
{
    if (n->kind == CF_SCALAR)
        return true;
    if (cf_intrinsic_name(n) && !strcmp(cf_intrinsic_name(n), "Fn::If"))
        return false;
    for (uint32_t i = 0; depth < 64 && i < n->len; i++)
        if (!plain(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i], depth + 1))
            return false;
    return depth < 64;
}

static void role_arn(cf_lint_ctx *ctx, const cf_node *action, const cf_node *schema)
{
    const cf_node *role = cf_map_get(cf_map_get(action, "Configuration"), "RoleArn");
    if (!schema || !is_text(role))
        return;
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    v.rule = "E3703";
    v.own_schema = true;
    cf_validate(&v, schema, role);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    cf_doc *role_schema = NULL;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::CodePipeline::Pipeline") || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        const cf_node *stages = cf_map_get(r->properties, "Stages");
        artifacts names = {0};
        bool names_judged = stages && plain(stages, 0);
        for (uint32_t s = 0; stages && stages->kind == CF_SEQUENCE && s < stages->len; s++) {
            const cf_node *actions = cf_map_get(stages->u.items[s], "Actions");
            if (stages->u.items[s]->kind != CF_MAPPING || !actions || actions->kind != CF_SEQUENCE)
                continue;
            for (uint32_t a = 0; a < actions->len; a++) {
                const cf_node *action = actions->u.items[a];
                if (action->kind != CF_MAPPING || cf_intrinsic_name(action))
                    continue;
                category(ctx, action, s == 0);
                template_path(ctx, action);
                if (names_judged)
                    artifact_names(ctx, action, &names);
                if (!role_schema) {
                    static const char text[] = "{\"format\": \"AWS::IAM::Role.Arn\"}";
                    char *bytes = xmalloc(sizeof text);
                    memcpy(bytes, text, sizeof text);
                    role_schema = cf_doc_load_buffer("role-arn.json", bytes, sizeof text - 1);
                }
                role_arn(ctx, action, role_schema->root);
            }
        }
        free(names.names);
    }
    if (role_schema)
        cf_doc_free(role_schema);
}

CF_FAMILY(family_codepipeline, "codepipeline", check, rules);
