/* Rules every lint has: the load itself (E0000), a check that failed
 * (E0002), and what the loader noticed without failing (I9001). */
#include "../lint.h"

static const cf_rule rules[] = {
    {"E0000",
     "Parsing error found when parsing the template",
     "Checks for JSON/YAML formatting errors in your template",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base"},
    {"E0002",
     "Error processing rule on the template",
     "Errors found when processing a rule on the template",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base,rule"},
    {"I9001",
     "Unknown YAML tag",
     "A YAML tag that is not one of CloudFormation's short forms (!Ref, !GetAtt, !Sub, ...) is read the way cfn-lint reads it, as Fn::<name>; CloudFormation will most likely reject it",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html",
     "cfnfix,yaml"},
};

/* The loader's notes (unknown tags) become findings. */
static void check(cf_lint_ctx *ctx)
{
    const cf_doc *doc = ctx->doc;
    for (size_t i = 0; i < doc->nnotes; i++)
        cf_diag_span(ctx->out, doc, "I9001", doc->notes[i].start, doc->notes[i].end, "%s",
                     doc->notes[i].message);
}

CF_FAMILY(family_core, "core", check, rules);
