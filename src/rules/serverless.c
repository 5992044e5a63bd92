/* E3038: a resource of a SAM type (AWS::Serverless::*) in a template that
 * does not declare the AWS::Serverless-2016-10-31 transform.  Only the
 * transform turns those types into CloudFormation resources; without it
 * the stack fails to create.  Reported on the resource's Type, as
 * cfn-lint places it. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E3038",
     "Check if Serverless Resources have Serverless Transform",
     "Check that a template with Serverless Resources also includes the Serverless Transform",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-serverless.html",
     "resources,transform"},
};

#define SAM_PREFIX "AWS::Serverless::"

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (t->sam)
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || strncmp(r->type_name, SAM_PREFIX, strlen(SAM_PREFIX)) != 0)
            continue;
        cf_buf type = {0};
        cf_repr_str(&type, r->type_name, strlen(r->type_name));
        cf_diag_at(ctx->out, ctx->doc, "E3038", cf_loc_key(r->type),
                   "%s type used without the serverless transform 'AWS::Serverless-2016-10-31'", type.data);
        buf_free(&type);
    }
}

CF_FAMILY(family_serverless, "serverless", check, rules);
