/* The SAM transform's own errors.
 *
 *   E0001  the AWS::Serverless-2016-10-31 transform cannot transform the
 *          template: a null Globals section, a Resources section that is
 *          missing, empty or null, a serverless API with Models but no
 *          inline DefinitionBody, a stream or queue event with a property
 *          of a type the transform refuses, a zip function with no
 *          Runtime or Handler, an image one with them (or Layers).  cfn-lint reports the transform's error
 *          at the top of the file and judges nothing else (there is no
 *          template to judge); so does cfnfix.
 *
 * Only errors the transform raises for the template's shape, in its
 * words, are reported: what the transform would make of a well-formed
 * template is judged by the rules themselves. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "sam_events.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E0001",
     "Error found when transforming the template",
     "Errors found when performing transformation on the template",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base,transform"},
};

static void transform_error(cf_lint_ctx *ctx, const char *fmt, const char *arg)
{
    /* at the file's first character, one column wide, with no path, as
     * cfn-lint puts it */
    uint32_t at = ctx->doc->bom;
    char *msg = xasprintf(fmt, arg ? arg : "");
    cf_diag_span(ctx->out, ctx->doc, "E0001", at, at + 1, "Error transforming template: %s", msg);
    free(msg);
}

static bool is_null(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_NULL;
}

/* A stream or queue event with a property of a type the transform
 * refuses: the first such event of a function fails the function. */
static bool event_types_refused(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *events = cf_map_get(r->properties, "Events");
    for (uint32_t e = 0; events && events->kind == CF_MAPPING && e < events->len; e++) {
        const cf_node *event = events->u.pairs[e].value;
        const cf_node *type = cf_map_get(event, "Type"), *props = cf_map_get(event, "Properties");
        size_t len;
        const char *bad = type && type->kind == CF_SCALAR && props ? cf_sam_event_bad_type(type->u.str, props, &len) : NULL;
        if (bad) {
            char *id = xasprintf("%s%s", r->name, events->u.pairs[e].key->u.str);
            char *name = xstrndup(bad, len);
            char *msg = xasprintf("Resource with id [%s] is invalid. Type of property '%s' is invalid.", id, name);
            transform_error(ctx, "%s", msg);
            free(msg);
            free(name);
            free(id);
            return true;
        }
    }
    return false;
}

/* A function property as the transform sees it: the function's own,
 * else the Globals section's (Globals.Function). */
static const cf_node *function_property(const cf_template *t, const cf_resource *r, const char *name)
{
    const cf_node *v = cf_map_get(r->properties, name);
    if (!v) {
        const cf_node *globals = cf_map_get(t->root, "Globals");
        v = globals && globals->kind == CF_MAPPING ? cf_map_get(cf_map_get(globals, "Function"), name) : NULL;
    }
    return v;
}

/* What Python takes as false: absent, null, an empty string or
 * collection (a function, a mapping with its name, is true). */
static bool falsy(const cf_node *n)
{
    if (!n || is_null(n))
        return true;
    return n->kind == CF_SCALAR ? n->type == CF_TYPE_STR && !n->len : !n->len;
}

/* A function packaged as a zip (PackageType absent or Zip, as written)
 * needs a Runtime and a Handler, its own or the Globals'; an image has
 * none, nor Layers. */
static bool package_type_refused(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_template *t = ctx->tpl;
    const cf_node *pt = function_property(t, r, "PackageType");
    const char *msg = NULL;
    if (!pt || cf_is_str(pt, "Zip")) {
        if (falsy(function_property(t, r, "Runtime")) || falsy(function_property(t, r, "Handler")))
            msg = "Runtime and Handler needs to be present when PackageType is of type `Zip`";
    } else if (cf_is_str(pt, "Image")) {
        if (!falsy(function_property(t, r, "Runtime")) || !falsy(function_property(t, r, "Handler")) ||
            !falsy(function_property(t, r, "Layers")))
            msg = "Runtime, Handler, Layers cannot be present when PackageType is of type `Image`";
    } /* else a value only a deployment knows */
    if (!msg)
        return false;
    char *text = xasprintf("Resource with id [%s] is invalid. %s", r->name, msg);
    transform_error(ctx, "%s", text);
    free(text);
    return true;
}

bool cf_sam_transform_fails(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!t->sam || !t->root)
        return false;
    const cf_pair *globals = cf_map_pair(t->root, "Globals");
    if (globals && is_null(globals->value)) {
        transform_error(ctx, "'NoneType' object has no attribute 'get'", NULL);
        return true;
    }
    const cf_node *res = t->resources;
    if (!res || (res->kind == CF_MAPPING && !res->len)) {
        transform_error(ctx, "Structure of the SAM template is invalid. 'Resources' section is required", NULL);
        return true;
    }
    if (is_null(res)) {
        transform_error(ctx, "'NoneType' object has no attribute 'items'", NULL);
        return true;
    }
    bool failed = false;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (r->type_name && !strcmp(r->type_name, "AWS::Serverless::Function") && r->properties &&
            r->properties->kind == CF_MAPPING)
            failed |= event_types_refused(ctx, r) || package_type_refused(ctx, r);
        if (!r->type_name || strcmp(r->type_name, "AWS::Serverless::Api") || !r->properties)
            continue;
        const cf_node *body = cf_map_get(r->properties, "DefinitionBody");
        if (cf_map_get(r->properties, "Models") && (!body || body->kind != CF_MAPPING)) {
            transform_error(ctx,
                            "Resource with id [%s] is invalid. Models works only with inline Swagger specified in "
                            "'DefinitionBody' property.",
                            r->name);
            failed = true;
        }
    }
    return failed;
}

const cf_family family_sam = {"sam", NULL, rules, sizeof rules / sizeof rules[0]};
