/* Nested stacks whose template is a local file.
 *
 *   E3043  an AWS::CloudFormation::Stack whose TemplateURL is a local path
 *          (not http://, https:// or s3://; relative to the template's
 *          folder) and which has Parameters: every parameter of the child
 *          template without a Default must be given ("... is not
 *          specified at ...", on the Parameters key), and every one given
 *          must exist in the child ("... doesn't exist in nested stack
 *          template at ...", on its key).  A child that cannot be read or
 *          does not parse is not judged, nor a template read from standard
 *          input.  When TemplateURL or Parameters is itself an Fn::If
 *          cfn-lint judges each condition scenario; cfnfix does not judge
 *          those (yet). */
#include "../lint.h"
#include "../util.h"
#include "section.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cf_rule rules[] = {
    {"E3043",
     "Validate parameters for in a nested stack",
     "Evalute if parameters for a nested stack are specified and if parameters are specified for a nested stack "
     "that aren't required.",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources,cloudformation"},
};

/* The child template's path: url joined to the folder of the template
 * (made absolute), as os.path.join does. */
static char *child_path(const char *template, const char *url)
{
    if (url[0] == '/')
        return xstrdup(url);
    char *copy = xstrdup(template);
    char *dir = dirname(copy);
    char cwd[PATH_MAX];
    char *out;
    if (dir[0] == '/' || !getcwd(cwd, sizeof cwd))
        out = xasprintf("%s/%s", dir, url);
    else
        out = xasprintf("%s/%s/%s", cwd, dir, url);
    free(copy);
    return out;
}

static void check_stack(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *props = r->properties;
    if (!props || props->kind != CF_MAPPING)
        return;
    const cf_node *url = cf_map_get(props, "TemplateURL");
    cf_pair *pp = cf_map_pair(props, "Parameters");
    if (!url || url->kind != CF_SCALAR || url->type != CF_TYPE_STR || !pp || pp->value->kind != CF_MAPPING)
        return;
    if (!strncmp(url->u.str, "http://", 7) || !strncmp(url->u.str, "https://", 8) || !strncmp(url->u.str, "s3://", 5))
        return;
    char *path = child_path(ctx->doc->name, url->u.str);
    cf_read_error err;
    cf_doc *child = cf_doc_load_file(path, &err);
    free(path);
    if (!child)
        return;
    const cf_node *root = child->root;
    const cf_node *cparams = root && root->kind == CF_MAPPING ? cf_map_get(root, "Parameters") : NULL;
    if (child->failed || !root || root->kind != CF_MAPPING || (cparams && cparams->kind != CF_MAPPING)) {
        cf_doc_free(child);
        return;
    }
    const cf_node *given = pp->value;
    char *where = cf_sect_path_text(pp->key);
    for (uint32_t i = 0; i < given->len; i++) {
        const cf_node *k = given->u.pairs[i].key;
        if (k->kind != CF_SCALAR || (cparams && cf_map_pair(cparams, k->u.str)))
            continue;
        cf_sect_report(ctx, "E3043", k, "Specified parameter \"%s\" doesn't exist in nested stack template at %s/%s",
                       k->u.str, where, k->u.str);
    }
    for (uint32_t i = 0; cparams && i < cparams->len; i++) {
        const cf_node *k = cparams->u.pairs[i].key, *p = cparams->u.pairs[i].value;
        if (k->kind != CF_SCALAR || cf_map_pair(given, k->u.str) || p->kind != CF_MAPPING)
            continue;
        const cf_node *def = cf_map_get(p, "Default");
        if (def && !(def->kind == CF_SCALAR && def->type == CF_TYPE_NULL))
            continue;
        cf_diag_about(cf_diag_at(ctx->out, ctx->doc, "E3043", pp->key,
                                 "Nested stack template parameter \"%s\" is not specified at %s", k->u.str, where),
                      given);
    }
    free(where);
    cf_doc_free(child);
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->doc->name || !strcmp(ctx->doc->name, "-"))
        return;
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (r->type_name && !strcmp(r->type_name, "AWS::CloudFormation::Stack"))
            check_stack(ctx, r);
    }
}

CF_FAMILY(family_nested_stack, "nested_stack", check, rules);
