/* The Transform section.
 *
 *   E1005  its shape, as cfn-lint's schema for it (other/transforms/
 *          configuration) has it: a transform's name, a mapping with a
 *          string Name and a mapping of Parameters (any value but null),
 *          or a list of those.  Types are judged as written (strict), and
 *          a list item that is neither a string nor a mapping gets both
 *          the section's type finding and the item's, as in cfn-lint. */
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E1005",
     "Validate Transform configuration",
     "Validate that the transforms section of a template is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-section-structure.html",
     "transform"},
};

/* "X is not of type ...".  In a SAM template cfn-lint judges the
 * transformed template, whose Transform key has no place of its own: what
 * would be placed on it goes to the file's first character. */
static void not_of_type(cf_lint_ctx *ctx, const cf_node *about, const char *types)
{
    const cf_node *at = cf_sect_place(about);
    if (!ctx->tpl->sam || !at || at->parent != ctx->tpl->root) {
        cf_sect_not_of_type(ctx, "E1005", about, types);
        return;
    }
    cf_buf b = {0};
    cf_repr(&b, about);
    cf_diag *d = cf_diag_span(ctx->out, ctx->doc, "E1005", 0, 1, "%s is not of type %s", b.data, types);
    cf_diag_about(d, about);
    buf_free(&b);
}

static bool is_string(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static void transform(cf_lint_ctx *ctx, const cf_node *t, bool item)
{
    if (t->kind == CF_SEQUENCE) {
        if (item) /* a list in a list: its items are judged all the same */
            not_of_type(ctx, t, "'string', 'object'");
        for (uint32_t i = 0; i < t->len; i++)
            transform(ctx, t->u.items[i], true);
        return;
    }
    if (t->kind != CF_MAPPING) {
        if (is_string(t))
            return;
        not_of_type(ctx, t, "'string', 'array', 'object'");
        if (item)
            not_of_type(ctx, t, "'string', 'object'");
        return;
    }
    static const char *const known[] = {"Name", "Parameters"};
    const cf_node *name = NULL, *params = NULL;
    for (uint32_t i = 0; i < t->len; i++) {
        const cf_node *k = t->u.pairs[i].key;
        if (k->kind != CF_SCALAR)
            continue;
        if (!strcmp(k->u.str, "Name"))
            name = t->u.pairs[i].value;
        else if (!strcmp(k->u.str, "Parameters"))
            params = t->u.pairs[i].value;
    }
    if (!name)
        cf_sect_report(ctx, "E1005", t, "'Name' is a required property");
    for (uint32_t i = 0; i < t->len; i++) {
        const cf_node *k = t->u.pairs[i].key;
        if (k->kind == CF_SCALAR && strcmp(k->u.str, "Name") && strcmp(k->u.str, "Parameters"))
            cf_sect_unexpected(ctx, "E1005", k, known, 2);
    }
    if (name && !is_string(name))
        cf_sect_not_of_type(ctx, "E1005", name, "'string'");
    if (params) {
        if (params->kind != CF_MAPPING) {
            cf_sect_not_of_type(ctx, "E1005", params, "'object'");
        } else {
            for (uint32_t i = 0; i < params->len; i++) {
                const cf_node *v = params->u.pairs[i].value;
                if (v->kind != CF_SCALAR || v->type != CF_TYPE_NULL)
                    continue;
                cf_sect_not_of_type(ctx, "E1005", v, "'string', 'array', 'boolean', 'object', 'number', 'integer'");
                if (item) /* cfn-lint says it twice there, the second time sorted */
                    cf_sect_not_of_type(ctx, "E1005", v,
                                        "'array', 'boolean', 'integer', 'number', 'object', 'string'");
            }
        }
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *section = cf_map_get(ctx->tpl->root, "Transform");
    if (section)
        transform(ctx, section, false);
}

CF_FAMILY(family_transform_section, "transform_section", check, rules);
