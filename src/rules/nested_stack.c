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
 *          (on one condition), each way of it is judged: "... when
 *          condition "C" is True", on the Parameters key. */
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

/* A property's value as a deployment with condition `cond` = `truth`
 * sees it: Fn::If on that condition followed, {Ref: AWS::NoValue} gone
 * (NULL).  Sets *other when an Fn::If on another condition is met. */
static const cf_node *pick(const cf_node *v, const char *cond, bool truth, bool *other)
{
    while (v && v->kind == CF_MAPPING && v->len == 1 && cf_is_str(v->u.pairs[0].key, "Fn::If")) {
        const cf_node *args = v->u.pairs[0].value;
        if (args->kind != CF_SEQUENCE || args->len != 3 || args->u.items[0]->kind != CF_SCALAR) {
            *other = true;
            return NULL;
        }
        if (!cond || strcmp(args->u.items[0]->u.str, cond)) {
            *other = true;
            return NULL;
        }
        v = args->u.items[truth ? 1 : 2];
    }
    if (v && v->kind == CF_MAPPING && v->len == 1 && cf_is_str(v->u.pairs[0].key, "Ref") &&
        cf_is_str(v->u.pairs[0].value, "AWS::NoValue"))
        return NULL;
    return v;
}

/* The condition of an Fn::If that v is, or NULL. */
static const char *if_condition(const cf_node *v)
{
    if (!v || v->kind != CF_MAPPING || v->len != 1 || !cf_is_str(v->u.pairs[0].key, "Fn::If"))
        return NULL;
    const cf_node *args = v->u.pairs[0].value;
    if (args->kind != CF_SEQUENCE || args->len != 3 || args->u.items[0]->kind != CF_SCALAR)
        return NULL;
    return args->u.items[0]->u.str;
}

/* One deployment of the stack: url and given as it sees them; scenario
 * NULL when no condition is involved, else "when condition "C" is True". */
static void judge(cf_lint_ctx *ctx, const cf_node *url, const cf_node *given, const cf_node *pkey,
                  const char *scenario)
{
    if (!url || url->kind != CF_SCALAR || url->type != CF_TYPE_STR || !given || given->kind != CF_MAPPING)
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
    char *where = cf_sect_path_text(pkey);
    for (uint32_t i = 0; i < given->len; i++) {
        const cf_node *k = given->u.pairs[i].key;
        if (k->kind != CF_SCALAR || (cparams && cf_map_pair(cparams, k->u.str)))
            continue;
        if (scenario)
            cf_sect_report(ctx, "E3043", pkey, "Specified parameter \"%s\" doesn't exist in nested stack template %s",
                           k->u.str, scenario);
        else
            cf_sect_report(ctx, "E3043", k,
                           "Specified parameter \"%s\" doesn't exist in nested stack template at %s/%s", k->u.str,
                           where, k->u.str);
    }
    for (uint32_t i = 0; cparams && i < cparams->len; i++) {
        const cf_node *k = cparams->u.pairs[i].key, *p = cparams->u.pairs[i].value;
        if (k->kind != CF_SCALAR || cf_map_pair(given, k->u.str) || p->kind != CF_MAPPING)
            continue;
        const cf_node *def = cf_map_get(p, "Default");
        if (def && !(def->kind == CF_SCALAR && def->type == CF_TYPE_NULL))
            continue;
        cf_diag *d = scenario ? cf_diag_at(ctx->out, ctx->doc, "E3043", pkey,
                                           "Nested stack template parameter \"%s\" is not specified %s", k->u.str,
                                           scenario)
                              : cf_diag_at(ctx->out, ctx->doc, "E3043", pkey,
                                           "Nested stack template parameter \"%s\" is not specified at %s",
                                           k->u.str, where);
        cf_diag_about(d, cf_map_get(pkey->parent, "Parameters"));
    }
    free(where);
    cf_doc_free(child);
}

static void check_stack(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *props = r->properties;
    if (!props || props->kind != CF_MAPPING)
        return;
    const cf_node *url = cf_map_get(props, "TemplateURL");
    cf_pair *pp = cf_map_pair(props, "Parameters");
    if (!pp)
        return;
    /* an Fn::If as TemplateURL or Parameters: each way of one condition
     * (more than one condition is not judged) */
    const char *cond = if_condition(url);
    const char *pcond = if_condition(pp->value);
    if (cond && pcond && strcmp(cond, pcond))
        return;
    if (!cond)
        cond = pcond;
    if (!cond) {
        judge(ctx, url, pp->value, pp->key, NULL);
        return;
    }
    if (!ctx->tpl->conditions || !cf_map_get(ctx->tpl->conditions, cond))
        return;
    for (int truth = 1; truth >= 0; truth--) {
        bool other = false;
        const cf_node *u = pick(url, cond, truth, &other), *g = pick(pp->value, cond, truth, &other);
        if (other)
            return;
        char *scenario = xasprintf("when condition \"%s\" is %s", cond, truth ? "True" : "False");
        judge(ctx, u, g, pp->key, scenario);
        free(scenario);
    }
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
