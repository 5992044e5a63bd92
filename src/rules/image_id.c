/* W2506: an AMI id taken from a parameter should come from a parameter
 * typed for it (AWS::EC2::Image::Id, or its SSM form), so that
 * CloudFormation checks the value before it creates anything.  As in
 * cfn-lint: the property is a Ref to the parameter written directly (not
 * through an Fn::If), and the finding is on the parameter's Type, once
 * however many properties use it. */
#include "../lint.h"
#include "../repr.h"

#include <string.h>

static const cf_rule rules[] = {
    {"W2506",
     "Check if ImageId Parameters have the correct type",
     "See if there are any refs for ImageId to a parameter of inappropriate type. Appropriate Types are "
     "[AWS::EC2::Image::Id, AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>]",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/best-practices.html#parmtypes",
     "parameters,ec2,imageid"},
};

/* Where an AMI id goes: a resource type and the path below Properties
 * ("*": each item of a list). */
static const struct {
    const char *type;
    const char *path[5]; /* NULL-terminated */
} image_places[] = {
    {"AWS::AutoScaling::LaunchConfiguration", {"ImageId"}},
    {"AWS::Batch::ComputeEnvironment", {"ComputeResources", "ImageId"}},
    {"AWS::Cloud9::EnvironmentEC2", {"ImageId"}},
    {"AWS::EC2::Instance", {"ImageId"}},
    {"AWS::EC2::LaunchTemplate", {"LaunchTemplateData", "ImageId"}},
    {"AWS::EC2::SpotFleet", {"SpotFleetRequestConfigData", "LaunchSpecifications", "*", "ImageId"}},
    {"AWS::ImageBuilder::Image", {"ImageId"}},
};

static const char *const image_types[] = {
    "AWS::EC2::Image::Id",
    "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
};

static void judge_ref(cf_lint_ctx *ctx, const cf_node *value)
{
    const char *fn = cf_intrinsic_name(value);
    const cf_node *name = fn && !strcmp(fn, "Ref") ? value->u.pairs[0].value : NULL;
    if (!name || name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return;
    const cf_named *param = cf_section_get(&ctx->tpl->params, name->u.str);
    const cf_node *type = param ? cf_map_get(param->value, "Type") : NULL;
    if (!type || type->kind != CF_SCALAR)
        return;
    for (size_t i = 0; i < sizeof image_types / sizeof image_types[0]; i++)
        if (cf_is_str(type, image_types[i]))
            return;
    cf_buf b = {0};
    cf_repr(&b, type);
    cf_diag_at(ctx->out, ctx->doc, "W2506", cf_loc_key(type),
               "%s is not one of ['AWS::EC2::Image::Id', 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>']",
               b.data);
    buf_free(&b);
}

static void follow(cf_lint_ctx *ctx, const cf_node *n, const char *const *path)
{
    if (!n)
        return;
    if (!*path) {
        judge_ref(ctx, n);
        return;
    }
    if (!strcmp(*path, "*")) {
        for (uint32_t i = 0; n->kind == CF_SEQUENCE && i < n->len; i++)
            follow(ctx, n->u.items[i], path + 1);
    } else if (n->kind == CF_MAPPING && !cf_intrinsic_name(n)) {
        follow(ctx, cf_map_get(n, *path), path + 1);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || !r->properties)
            continue;
        for (size_t p = 0; p < sizeof image_places / sizeof image_places[0]; p++)
            if (!strcmp(r->type_name, image_places[p].type))
                follow(ctx, r->properties, image_places[p].path);
    }
}

CF_FAMILY(family_image_id, "image_id", check, rules);
