/* E3007: a resource and a parameter may not share a logical name — a Ref
 * to the name could mean either.  As in cfn-lint: resources that are
 * mappings with a Type, said on the resource's key; in a SAM template the
 * resources of the transformed template, those the transform makes said
 * on the Resources key. */
#include "../lint.h"
#include "depgraph.h"

static const cf_rule rules[] = {
    {"E3007",
     "Unique resource and parameter names",
     "All resources and parameters must have unique names",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
     "parameters,resources"},
};

static void report(cf_lint_ctx *ctx, const cf_node *place, const char *name)
{
    if (cf_section_get(&ctx->tpl->params, name))
        cf_diag_at(ctx->out, ctx->doc, "E3007", place,
                   "Resources and Parameters must not share name: %s", name);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!t->params.n)
        return;
    if (t->sam) {
        dep_graph g;
        dep_graph_build(&g, t);
        for (size_t i = 0; i < g.nnodes; i++) {
            const dep_node *n = &g.nodes[i];
            if (n->name && n->checked)
                report(ctx, n->generated ? cf_loc_key(t->resources) : cf_loc_key(n->res->key), n->name);
        }
        dep_graph_free(&g);
        return;
    }
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->node || r->node->kind != CF_MAPPING || !r->type || (r->type->kind == CF_SCALAR && r->type->type == CF_TYPE_NULL))
            continue;
        report(ctx, cf_loc_key(r->key), r->name);
    }
}

CF_FAMILY(family_unique_names, "unique_names", check, rules);
