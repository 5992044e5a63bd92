/* References to resources that may not exist.
 *
 *   W1001  a Ref, Fn::GetAtt or Fn::Sub names a resource with a Condition
 *          that the conditions in force where the reference stands (the
 *          referring resource's or output's Condition, the Fn::If branches
 *          around it) do not imply: in some deployment the reference
 *          points at nothing and the stack fails.
 *
 * DependsOn is E3005's (rules/dependencies.c).  The message names the
 * scenario that breaks the reference as cfn-lint does: the target's
 * condition false, then the conditions along the way, outermost first,
 * the referring resource's own last. */
#include "../lint.h"
#include "../refs.h"
#include "../repr.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"W1001",
     "Ref/GetAtt to resource that is available when conditions are applied",
     "Check the Conditions that affect a Ref/GetAtt to make sure the resource being related to is available when there is a resource condition.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html",
     "conditions,resources,relationships,ref,getatt,sub"},
};

/* The conditions along the way to a reference, in cfn-lint's order. */
typedef struct path_conditions {
    const cf_node *name[CF_SCENARIO_MAX]; /* condition name nodes */
    bool value[CF_SCENARIO_MAX];
    size_t n;
    bool both;   /* one condition taken both ways on the way: unreachable */
    bool unknown; /* a condition the template does not define */
} path_conditions;

static void add_condition(const cf_lint_ctx *ctx, path_conditions *pc, const cf_node *name, bool value)
{
    if (name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return;
    for (size_t i = 0; i < pc->n; i++)
        if (cf_is_str_n(pc->name[i], name->u.str, name->len)) {
            pc->both |= pc->value[i] != value;
            return;
        }
    if (pc->n == CF_SCENARIO_MAX)
        return;
    pc->unknown |= cf_conds_find(ctx->conds, name->u.str, name->len) < 0;
    pc->name[pc->n] = name;
    pc->value[pc->n++] = value;
}

/* The Fn::If branches a node sits in (outermost first), then the
 * Condition of the resource or output (entry) it belongs to. */
static void conditions_at(const cf_lint_ctx *ctx, const cf_node *n, const cf_node *entry, path_conditions *pc)
{
    memset(pc, 0, sizeof *pc);
    const cf_node *chain[CF_SCENARIO_MAX];
    bool value[CF_SCENARIO_MAX];
    size_t k = 0;
    for (const cf_node *child = n, *up = n->parent; up && child != entry; child = up, up = up->parent) {
        const cf_node *fn = up->parent;
        if (up->kind == CF_SEQUENCE && up->len == 3 && (child->index == 1 || child->index == 2) && fn &&
            fn->kind == CF_MAPPING && fn->len == 1 && fn->u.pairs[0].value == up &&
            cf_is_str(fn->u.pairs[0].key, "Fn::If") && k < CF_SCENARIO_MAX) {
            chain[k] = up->u.items[0];
            value[k++] = child->index == 1;
        }
    }
    while (k--)
        add_condition(ctx, pc, chain[k], value[k]);
    const cf_node *own = cf_map_get(entry, "Condition");
    if (own)
        add_condition(ctx, pc, own, true);
}

typedef struct visit {
    cf_lint_ctx *ctx;
    const cf_node *entry; /* the referring resource or output */
} visit;

static void report(const visit *v, const cf_reference *r, const cf_resource *target, const cf_node *cond,
                   const path_conditions *pc)
{
    cf_buf b = {0};
    bool getatt = r->kind == CF_REF_GETATT || r->kind == CF_REF_SUB_GETATT;
    buf_adds(&b, getatt ? "GetAtt to resource " : "Ref to resource ");
    cf_repr_str(&b, target->name, strlen(target->name));
    buf_adds(&b, " that may not be available when condition ");
    cf_repr_str(&b, cond->u.str, cond->len);
    buf_adds(&b, " is False");
    for (size_t i = 0; pc && i < pc->n; i++) {
        buf_adds(&b, " and when condition ");
        cf_repr_str(&b, pc->name[i]->u.str, pc->name[i]->len);
        buf_adds(&b, pc->value[i] ? " is True" : " is False");
    }
    char *where = cf_sect_path_text(r->holder);
    cf_sect_report(v->ctx, "W1001", r->holder, "%s at %s", b.data, where);
    free(where);
    buf_free(&b);
}

static void check_reference(const cf_reference *r, void *arg)
{
    const visit *v = arg;
    char *name = xstrndup(r->target, r->target_len);
    const cf_resource *target = cf_template_resource(v->ctx->tpl, name);
    free(name);
    if (!target || target->node->kind != CF_MAPPING || !target->node->len)
        return;
    const cf_node *cond = cf_map_get(target->node, "Condition");
    if (!cond || cond->kind != CF_SCALAR || cond->type != CF_TYPE_STR)
        return;
    path_conditions pc;
    conditions_at(v->ctx, r->holder, v->entry, &pc);
    if (!pc.n) {
        report(v, r, target, cond, NULL);
        return;
    }
    for (size_t i = 0; i < pc.n; i++)
        if (cf_is_str_n(pc.name[i], cond->u.str, cond->len)) {
            if (!pc.value[i])
                report(v, r, target, cond, NULL);
            return; /* the target's own condition holds (or is false) here */
        }
    long c = cf_conds_find(v->ctx->conds, cond->u.str, cond->len);
    if (pc.both || pc.unknown || c < 0)
        return;
    /* can the conditions here hold while the target's is false? */
    cf_scenario s = {0};
    bool ok = true;
    for (size_t i = 0; i < pc.n && ok; i++)
        ok = cf_scenario_set(&s, (uint32_t)cf_conds_find(v->ctx->conds, pc.name[i]->u.str, pc.name[i]->len),
                             pc.value[i]);
    if (ok && cf_scenario_set(&s, (uint32_t)c, false) && cf_conds_possible(v->ctx->conds, &s))
        report(v, r, target, cond, &pc);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        visit v = {ctx, t->res[i].node};
        if (t->res[i].node->kind == CF_MAPPING)
            cf_refs_walk(t->res[i].node, check_reference, &v);
    }
    for (size_t i = 0; i < t->outs.n; i++) {
        visit v = {ctx, t->outs.v[i].value};
        if (t->outs.v[i].value->kind == CF_MAPPING)
            cf_refs_walk(t->outs.v[i].value, check_reference, &v);
    }
}

CF_FAMILY(family_relationships, "relationships", check, rules);
