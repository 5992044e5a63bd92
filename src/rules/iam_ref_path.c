/* E3050: a CodeBuild project's ServiceRole given by Ref to a resource
 * whose Path is not "/" (Ref gives the role's name, which does not find a
 * role under another path; Fn::GetAtt Arn does).  As in cfn-lint: the Ref
 * written directly or in either branch of an Fn::If; the finding is on
 * the Ref. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3050",
     "Check if REFing to a IAM resource with path set",
     "Some resources don't support looking up the IAM resource by name. This check validates when a REF is being "
     "used and the Path is not '/'",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html",
     "properties,iam"},
};

static void judge(cf_lint_ctx *ctx, const cf_node *v)
{
    const char *fn = cf_intrinsic_name(v);
    if (!fn)
        return;
    const cf_node *arg = v->u.pairs[0].value;
    if (!strcmp(fn, "Fn::If")) {
        if (arg->kind == CF_SEQUENCE && arg->len == 3)
            for (int i = 1; i <= 2; i++)
                judge(ctx, arg->u.items[i]);
        return;
    }
    if (strcmp(fn, "Ref") || arg->kind != CF_SCALAR || arg->type != CF_TYPE_STR)
        return;
    const cf_resource *target = cf_template_resource(ctx->tpl, arg->u.str);
    if (!target || !target->node || target->node->kind != CF_MAPPING)
        return;
    const cf_node *props = cf_map_get(target->node, "Properties");
    const cf_node *path = props && props->kind == CF_MAPPING ? cf_map_get(props, "Path") : NULL;
    if (!cf_sect_truthy(path) || cf_is_str(path, "/"))
        return;
    cf_buf b = {0};
    if (path->kind == CF_SCALAR && path->type == CF_TYPE_STR)
        buf_printf(&b, "%s", path->u.str);
    else
        cf_repr(&b, path);
    cf_sect_report(ctx, "E3050", v->u.pairs[0].key,
                   "When using a Ref to IAM resource the Path must be '/'.  Switch to GetAtt if the Path has to "
                   "be '%s'.",
                   b.data);
    buf_free(&b);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || strcmp(r->type_name, "AWS::CodeBuild::Project") || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        const cf_node *role = cf_map_get(r->properties, "ServiceRole");
        if (role)
            judge(ctx, role);
    }
}

CF_FAMILY(family_iam_ref_path, "iam_ref_path", check, rules);
