/* Lambda runtimes past their support dates, judged against the day of the
 * lint (--date, else today) with the dates AWS publishes for each runtime:
 *
 *   W2531  deprecated: still creatable, but no longer patched.
 *   E2531  creating functions with it is blocked (updates still work).
 *   E2533  updating them is blocked too.
 *
 * AWS::Lambda::Function's Runtime, and with the SAM transform
 * AWS::Serverless::Function's (or the one its Globals give). An Fn::If is
 * judged branch by branch; other functions are resolved elsewhere.
 *
 * A SAM function is judged by cfn-lint as the AWS::Lambda::Function the
 * transform makes of it: its plain scalar properties (Runtime, Handler,
 * Timeout ...) against that type's schema (E3030, E3034 ...), found on
 * the resource's key (the transform writes those properties anew, and
 * cfn-lint places a finding on a property's key) unless it is about
 * something inside the value, which keeps its place. */
#include "../lint.h"
#include "../repr.h"
#include "../validate.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E2531",
     "Validate if lambda runtime is deprecated",
     "Check the lambda runtime has reached the end of life",
     "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
     "resources,lambda,runtime"},
    {"E2533",
     "Check if Lambda Function Runtimes are updatable",
     "Check if an EOL Lambda Runtime is specified and you cannot update the function",
     "https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html",
     "resources,lambda,runtime"},
    {"W2531",
     "Check if EOL Lambda Function Runtimes are used",
     "Check if an EOL Lambda Runtime is specified and give a warning if used. ",
     "https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html",
     "resources,lambda,runtime"},
};

/* A date of the runtime's lifecycle, "" when missing. */
static const char *date_of(const cf_node *life, const char *key)
{
    const cf_node *d = cf_map_get(life, key);
    return d && d->kind == CF_SCALAR && d->type != CF_TYPE_NULL ? d->u.str : "";
}

/* Which rule the day falls under (ISO dates compare as strings), or NULL
 * while the runtime is supported. */
static const char *rule_for(const cf_node *life, const char *today)
{
    const char *deprecated = date_of(life, "deprecated"), *create = date_of(life, "create-block"),
               *update = date_of(life, "update-block");
    if (*update && strcmp(update, today) <= 0)
        return "E2533";
    if (*create && strcmp(create, today) <= 0)
        return "E2531";
    if (*deprecated && strcmp(deprecated, today) <= 0)
        return "W2531";
    return NULL;
}

/* The finding is about the runtime value, or with `at` about that node
 * (a SAM function: cfn-lint places findings on what the transform made
 * at the resource). */
static void check_runtime(cf_lint_ctx *ctx, const cf_node *lifecycles, const cf_node *runtime,
                          const cf_node *at, int depth)
{
    const char *fn = cf_intrinsic_name(runtime);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, runtime);
        for (uint32_t i = 1; args && depth < 32 && i < 3; i++)
            check_runtime(ctx, lifecycles, args->u.items[i], at, depth + 1);
        return;
    }
    if (runtime->kind != CF_SCALAR || runtime->type != CF_TYPE_STR)
        return;
    const cf_node *life = cf_map_get(lifecycles, runtime->u.str);
    const char *rule = life ? rule_for(life, ctx->opts->today) : NULL;
    if (!rule)
        return;
    cf_buf name = {0}, deprecated = {0}, create = {0}, update = {0}, successor = {0};
    cf_repr(&name, runtime);
    static const char *const keys[] = {"deprecated", "create-block", "update-block", "successor"};
    cf_buf *bufs[] = {&deprecated, &create, &update, &successor};
    for (size_t i = 0; i < 4; i++) {
        const cf_node *v = cf_map_get(life, keys[i]);
        if (v)
            cf_repr(bufs[i], v);
        else
            buf_adds(bufs[i], "None");
    }
    cf_sect_report(ctx, rule, at ? at : runtime,
                   "Runtime %s was deprecated on %s. Creation was disabled on %s and update on %s. "
                   "Please consider updating to %s",
                   name.data, deprecated.data, create.data, update.data, successor.data);
    buf_free(&name);
    for (size_t i = 0; i < 4; i++)
        buf_free(bufs[i]);
}

/* A SAM function's Runtime: its own, else the Globals'. */
static const cf_node *sam_runtime(const cf_template *t, const cf_resource *r)
{
    const cf_node *own = cf_map_get(r->properties, "Runtime");
    if (own)
        return own;
    return cf_map_get(cf_map_get(cf_map_get(t->root, "Globals"), "Function"), "Runtime");
}

/* The SAM function's properties the transform writes as they are: a
 * scalar the function sets replaces the Globals' one; a mapping or list
 * is merged with the Globals' (each judged where it is written). */
static const struct {
    const char *name;
    bool merged;
} passed[] = {
    {"Runtime", false}, {"Handler", false}, {"MemorySize", false}, {"Timeout", false},
    {"FunctionName", false}, {"Description", false}, {"KmsKeyArn", false},
    {"ReservedConcurrentExecutions", false}, {"CodeSigningConfigArn", false}, {"PackageType", false},
    {"Environment", true}, {"VpcConfig", true}, {"Architectures", true}, {"Layers", true},
    {"FileSystemConfigs", true}, {"EphemeralStorage", true}, {"LoggingConfig", true},
    {"RuntimeManagementConfig", true}, {"SnapStart", true},
};

static const cf_node *globals_property(const cf_template *t, const char *name)
{
    return cf_map_get(cf_map_get(cf_map_get(t->root, "Globals"), "Function"), name);
}

/* One value judged as the Lambda function's property.  What sits on the
 * value itself is placed on the resource (the transform writes a new
 * property there); what it holds (a variable's name, an Fn::If's branch)
 * the transform copies with its place. */
static void judge_passed(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *schema, const cf_node *s,
                         const cf_node *value)
{
    size_t from = ctx->out->n;
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    cf_validate(&v, s, value);
    uint32_t at_value = value->start, at_key = cf_loc_key(value)->start;
    for (size_t i = from; i < ctx->out->n; i++) {
        cf_diag *d = &ctx->out->v[i];
        if (d->start != at_value && d->start != at_key)
            continue;
        d->start = r->key->start;
        d->end = r->key->end;
        d->pos = cf_doc_pos(ctx->doc, r->key->start);
        d->end_pos = cf_doc_pos(ctx->doc, r->key->end);
        if (value->parent != r->properties)
            cf_diag_about(d, r->key); /* from Globals */
    }
}

static bool judgeable(const cf_node *value, bool merged)
{
    if (!value || (value->kind == CF_SCALAR && value->type == CF_TYPE_NULL))
        return false;
    return merged || value->kind == CF_SCALAR || cf_intrinsic_name(value);
}

static void check_sam_passed(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_template *t = ctx->tpl;
    const cf_node *schemas[16];
    size_t nschemas = cf_lint_type_schemas(ctx, "AWS::Lambda::Function", schemas, 16);
    for (size_t k = 0; k < nschemas; k++) {
        const cf_node *schema = schemas[k];
        const cf_node *props = cf_map_get(schema, "properties");
        for (size_t p = 0; props && p < sizeof passed / sizeof passed[0]; p++) {
            const cf_node *s = cf_map_get(props, passed[p].name);
            const cf_node *own = cf_map_get(r->properties, passed[p].name);
            const cf_node *global = globals_property(t, passed[p].name);
            if (!s)
                continue;
            if (judgeable(own, passed[p].merged))
                judge_passed(ctx, r, schema, s, own);
            if ((passed[p].merged || !own) && judgeable(global, passed[p].merged))
                judge_passed(ctx, r, schema, s, global);
        }
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    const cf_node *lifecycles = ctx->spec ? cf_spec_entry(ctx->spec, "lifecycle/LmbdRuntimeLifecycle") : NULL;
    if (!lifecycles)
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name)
            continue;
        if (!strcmp(r->type_name, "AWS::Lambda::Function")) {
            const cf_node *runtime = cf_map_get(r->properties, "Runtime");
            if (runtime)
                check_runtime(ctx, lifecycles, runtime, NULL, 0);
        } else if (t->sam && !strcmp(r->type_name, "AWS::Serverless::Function")) {
            if (ctx->spec && (!r->properties || r->properties->kind == CF_MAPPING))
                check_sam_passed(ctx, r);
            const cf_node *runtime = sam_runtime(t, r);
            if (runtime)
                check_runtime(ctx, lifecycles, runtime, r->node, 0);
        }
    }
}

CF_FAMILY(family_lambda, "lambda", check, rules);
