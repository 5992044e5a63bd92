/* SSM documents written in a template.
 *
 *   E3051  An AWS::SSM::Document's Content against cfn-lint's schema for
 *          it (other/ssm/document in the spec data): an object with a
 *          schemaVersion cfn-lint knows, description and assumeRole
 *          strings.  Types are strict here (a number is not a string).
 *
 * Content given as a string gets cfn-lint 1.51.0's own finding, "Document
 * is not valid ('Template could not be parsed: a string or stream input is
 * required')", whatever the string holds: cfn-lint hands its parser the
 * wrong kind of object, so no string document is ever read.  A Content
 * written as a function other than Fn::If is not judged; of an Fn::If,
 * the branches that are objects are. */
#include <stdlib.h>
#include <string.h>

#include "../doc.h"
#include "../lint.h"
#include "../repr.h"
#include "../template.h"
#include "../util.h"
#include "../validate.h"

static const cf_rule rules[] = {
    {"E3051",
     "Validate the structure of a SSM document",
     "SSM documents are nested JSON/YAML in CloudFormation this rule adds validation to those documents",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html",
     "properties,ssm,document"},
};

static bool non_string_scalar(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && (n->type == CF_TYPE_INT || n->type == CF_TYPE_FLOAT || n->type == CF_TYPE_BOOL);
}

/* Strict string types: a number or boolean where a string belongs (the
 * validator reads them as strings, as CloudFormation does elsewhere).  In
 * an Fn::If, each branch; the finding goes on the key. */
static void strict_string(cf_lint_ctx *ctx, const cf_node *key, const cf_node *val, int depth)
{
    if (!val || depth > 32)
        return;
    const char *fn = cf_intrinsic_name(val);
    if (fn) {
        if (strcmp(fn, "Fn::If") != 0)
            return;
        const cf_node *args = cf_map_get(val, "Fn::If");
        if (!args || args->kind != CF_SEQUENCE || args->len != 3)
            return;
        /* placed on the Fn::If's key (a short form's: its property's key) */
        const cf_node *fkey = cf_map_pair(val, "Fn::If")->key;
        if (!fkey || fkey->end <= fkey->start || (val->tag_at && depth == 0))
            fkey = key;
        strict_string(ctx, fkey, args->u.items[1], depth + 1);
        strict_string(ctx, fkey, args->u.items[2], depth + 1);
        return;
    }
    if (!non_string_scalar(val))
        return;
    char *r = cf_repr_dup(val);
    cf_diag *d = cf_diag_at(ctx->out, ctx->doc, "E3051", key, "%s is not of type 'string'", r ? r : "");
    if (depth > 0)
        cf_diag_about(d, val); /* an Fn::If's branch: its path names the branch */
    free(r);
}

static void judge_content(cf_lint_ctx *ctx, const cf_node *schema, const cf_node *content)
{
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    v.rule = "E3051";
    v.core_wording = true;
    cf_validate(&v, schema, content);
    if (content->kind != CF_MAPPING || cf_intrinsic_name(content))
        return;
    static const char *const props[] = {"assumeRole", "description", "schemaVersion"};
    for (size_t i = 0; i < sizeof props / sizeof *props; i++) {
        const cf_pair *p = cf_map_pair(content, props[i]);
        if (p)
            strict_string(ctx, p->key, p->value, 0);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *schema = ctx->spec ? cf_spec_entry(ctx->spec, "other/ssm/document") : NULL;
    if (!schema)
        return;
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::SSM::Document") != 0)
            continue;
        const cf_pair *c = cf_map_pair(cf_map_get(r->node, "Properties"), "Content");
        if (!c || !c->value)
            continue;
        const cf_node *content = c->value;
        if (content->kind == CF_SCALAR && content->type == CF_TYPE_STR) {
            cf_diag_at(ctx->out, ctx->doc, "E3051", c->key,
                       "Document is not valid ('Template could not be parsed: a string or stream input is required')");
            continue;
        }
        if (content->kind == CF_SCALAR && content->type == CF_TYPE_NULL)
            continue;
        const char *fn = cf_intrinsic_name(content);
        if (!fn) {
            judge_content(ctx, schema, content);
            continue;
        }
        /* a whole Content in an Fn::If: each branch that is a document */
        const cf_node *args = strcmp(fn, "Fn::If") == 0 ? cf_map_get(content, "Fn::If") : NULL;
        if (!args || args->kind != CF_SEQUENCE || args->len != 3)
            continue;
        for (uint32_t b = 1; b < 3; b++)
            if (args->u.items[b]->kind == CF_MAPPING && !cf_intrinsic_name(args->u.items[b]))
                judge_content(ctx, schema, args->u.items[b]);
    }
}

CF_FAMILY(family_ssm_document, "ssm_document", check, rules);
