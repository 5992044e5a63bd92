/* E3673: an EC2 instance needs an ImageId, its own or that of the launch
 * template it names.  As in cfn-lint: an ImageId that an Fn::If can drop
 * (AWS::NoValue) counts as missing; a launch template named by a string
 * or a parameter may have one (not judged); one named by Ref or
 * Fn::GetAtt must be an AWS::EC2::LaunchTemplate whose LaunchTemplateData
 * has an ImageId.  The finding is on Properties (the resource when it has
 * none, the ImageId when an Fn::If drops it). */
#include "../lint.h"

#include <stdio.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3673",
     "Validate if an ImageId is required",
     "Validate if an ImageID is required. It can be required if the associated LaunchTemplate doesn't specify an ImageID",
     "",
     "resources,ec2"},
};

static bool drops(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    if (!fn)
        return false;
    const cf_node *arg = n->u.pairs[0].value;
    if (!strcmp(fn, "Ref"))
        return arg->kind == CF_SCALAR && !strcmp(arg->u.str, "AWS::NoValue");
    if (!strcmp(fn, "Fn::If") && arg->kind == CF_SEQUENCE && arg->len == 3)
        return drops(arg->u.items[1]) || drops(arg->u.items[2]);
    return false;
}

/* Whether a launch template named by `name` may lack an ImageId. */
static bool template_lacks_image(const cf_template *t, const cf_node *name)
{
    const char *fn = name ? cf_intrinsic_name(name) : NULL;
    if (!fn)
        return false; /* a name or id as text: cannot tell */
    const cf_node *arg = name->u.pairs[0].value;
    char id[256];
    if (!strcmp(fn, "Ref")) {
        if (arg->kind != CF_SCALAR || cf_section_get(&t->params, arg->u.str) || !cf_template_resource(t, arg->u.str))
            return false;
        snprintf(id, sizeof id, "%s", arg->u.str);
    } else if (!strcmp(fn, "Fn::GetAtt")) {
        const cf_node *first = arg->kind == CF_SEQUENCE && arg->len ? arg->u.items[0] : arg;
        if (first->kind != CF_SCALAR)
            return false;
        size_t len = strcspn(first->u.str, ".");
        if (len >= sizeof id)
            return false;
        memcpy(id, first->u.str, len);
        id[len] = '\0';
    } else {
        return false;
    }
    const cf_resource *lt = cf_template_resource(t, id);
    if (!lt || !lt->type_name || strcmp(lt->type_name, "AWS::EC2::LaunchTemplate"))
        return true; /* not a launch template: no image from it */
    const cf_node *data = cf_map_get(lt->properties, "LaunchTemplateData");
    return !cf_map_get(data, "ImageId");
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::EC2::Instance") || r->node->kind != CF_MAPPING)
            continue;
        const cf_node *props = cf_map_get(r->node, "Properties");
        if (props && (props->kind != CF_MAPPING || cf_intrinsic_name(props)))
            continue;
        const cf_node *image = props ? cf_map_get(props, "ImageId") : NULL;
        if (image && !drops(image))
            continue;
        const cf_node *at = image ? cf_loc_key(image) : props ? cf_loc_key(props) : cf_loc_key(r->key);
        const cf_node *lt = props ? cf_map_get(props, "LaunchTemplate") : NULL;
        bool lacking;
        if (!lt || (lt->kind == CF_MAPPING && !lt->len) || (lt->kind == CF_SCALAR && lt->type == CF_TYPE_NULL)) {
            lacking = true;
        } else if (lt->kind != CF_MAPPING || cf_intrinsic_name(lt)) {
            lacking = false;
        } else {
            const cf_node *id = cf_map_get(lt, "LaunchTemplateId");
            lacking = template_lacks_image(t, id ? id : cf_map_get(lt, "LaunchTemplateName"));
        }
        if (lacking)
            cf_diag_at(ctx->out, ctx->doc, "E3673", at, "'ImageId' is a required property");
    }
}

CF_FAMILY(family_instance_image, "instance_image", check, rules);
