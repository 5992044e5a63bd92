/* W2533: a Lambda function deployed as a .zip (PackageType Zip, or Code
 * with ZipFile or S3Key) needs Handler and Runtime.  As in cfn-lint: in
 * each way the conditions of those properties' Fn::Ifs can go; on
 * PackageType or Code, whichever makes it a .zip. */
#include "../lint.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"W2533",
     "Check required properties for Lambda if the deployment package is a .zip file",
     "When the package type is Zip, you must also specify the `handler` and `runtime` properties.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html",
     "resources,lambda"},
};

static const char *const judged[] = {"PackageType", "Code", "Handler", "Runtime"};

typedef struct zip_check {
    const cf_resource *r;
} zip_check;

static void judge(cf_lint_ctx *ctx, const cf_scenario *s, void *arg)
{
    const cf_resource *r = ((zip_check *)arg)->r;
    const cf_node *props = r->properties;
    const cf_node *values[4];
    for (size_t i = 0; i < 4; i++)
        values[i] = cf_sect_in_scenario(ctx, cf_map_get(props, judged[i]), s);
    const cf_node *code = values[1];
    const char *because;
    if (cf_is_str(values[0], "Zip"))
        because = "PackageType";
    else if (code && code->kind == CF_MAPPING && !cf_intrinsic_name(code) &&
             (cf_sect_truthy(cf_map_get(code, "ZipFile")) || cf_sect_truthy(cf_map_get(code, "S3Key"))))
        because = "Code";
    else
        return;
    cf_buf missing = {0};
    for (size_t i = 2; i < 4; i++)
        if (!values[i] || (values[i]->kind == CF_SCALAR && values[i]->type == CF_TYPE_NULL))
            buf_printf(&missing, "%s'%s'", missing.len ? ", " : "", judged[i]);
    if (missing.len)
        cf_diag_at(ctx->out, ctx->doc, "W2533", cf_loc_key(cf_map_get(props, because)),
                   "Properties [%s] missing for zip file deployment at Resources/%s/Properties", missing.data,
                   r->name);
    buf_free(&missing);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || strcmp(r->type_name, "AWS::Lambda::Function") || !r->properties ||
            r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        const cf_node *values[4];
        for (size_t k = 0; k < 4; k++)
            values[k] = cf_map_get(r->properties, judged[k]);
        zip_check z = {r};
        cf_sect_scenarios(ctx, values, 4, judge, &z);
    }
}

CF_FAMILY(family_lambda_zip, "lambda_zip", check, rules);
