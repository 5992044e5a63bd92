/* References to resources that may not exist.
 *
 *   W1001  a Ref, Fn::GetAtt or Fn::Sub names a resource with a Condition
 *          that the conditions in force where the reference stands (the
 *          referring resource's or output's Condition, the Fn::If branches
 *          around it) do not imply: in some deployment the reference
 *          points at nothing and the stack fails.
 *
 *   E3005  (declared with the dependency rules) a DependsOn entry naming
 *          such a resource.
 *
 * The message names the scenario that breaks the reference as cfn-lint
 * does: for W1001 the target's condition false, then the conditions along
 * the way, outermost first, the referring resource's own last; for E3005
 * the same conditions ordered by name. */
#include "../lint.h"
#include "../refs.h"
#include "../repr.h"
#include "sam_moved.h"
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

/* Whether the target's condition can be false where `at` stands (in
 * entry); *pc gets the conditions on the way, and *with_path whether the
 * scenario names them (or only the target's condition false). */
static bool may_be_missing(const cf_lint_ctx *ctx, const cf_node *at, const cf_node *entry, const cf_node *cond,
                           path_conditions *pc, bool *with_path)
{
    conditions_at(ctx, at, entry, pc);
    *with_path = false;
    if (!pc->n)
        return true;
    for (size_t i = 0; i < pc->n; i++)
        if (cf_is_str_n(pc->name[i], cond->u.str, cond->len))
            return !pc->value[i]; /* its own condition holds (or is false) here */
    long c = cf_conds_find(ctx->conds, cond->u.str, cond->len);
    if (pc->both || pc->unknown || c < 0)
        return false;
    /* can the conditions here hold while the target's is false? */
    cf_scenario s = {0};
    bool ok = true;
    for (size_t i = 0; i < pc->n && ok; i++)
        ok = cf_scenario_set(&s, (uint32_t)cf_conds_find(ctx->conds, pc->name[i]->u.str, pc->name[i]->len),
                             pc->value[i]);
    *with_path = true;
    return ok && cf_scenario_set(&s, (uint32_t)c, false) && cf_conds_possible(ctx->conds, &s);
}

/* The target resource's Condition when it has one (a string), else NULL. */
static const cf_node *target_condition(const cf_resource *target)
{
    if (!target || target->node->kind != CF_MAPPING || !target->node->len)
        return NULL;
    const cf_node *cond = cf_map_get(target->node, "Condition");
    return cond && cond->kind == CF_SCALAR && cond->type == CF_TYPE_STR ? cond : NULL;
}

typedef struct visit {
    cf_lint_ctx *ctx;
    const cf_node *entry;     /* the referring resource or output */
    const cf_resource *owner; /* the referring resource, or NULL */
} visit;

static void check_reference(const cf_reference *r, void *arg)
{
    const visit *v = arg;
    char *name = xstrndup(r->target, r->target_len);
    const cf_resource *target = cf_template_resource(v->ctx->tpl, name);
    free(name);
    const cf_node *cond = target_condition(target);
    path_conditions pc;
    bool with_path;
    if (!cond || !may_be_missing(v->ctx, r->holder, v->entry, cond, &pc, &with_path))
        return;
    cf_buf b = {0};
    bool getatt = r->kind == CF_REF_GETATT || r->kind == CF_REF_SUB_GETATT;
    buf_adds(&b, getatt ? "GetAtt to resource " : "Ref to resource ");
    cf_repr_str(&b, target->name, strlen(target->name));
    buf_adds(&b, " that may not be available when condition ");
    cf_repr_str(&b, cond->u.str, cond->len);
    buf_adds(&b, " is False");
    for (size_t i = 0; with_path && i < pc.n; i++) {
        buf_adds(&b, " and when condition ");
        cf_repr_str(&b, pc.name[i]->u.str, pc.name[i]->len);
        buf_adds(&b, pc.value[i] ? " is True" : " is False");
    }
    /* a serverless resource's references are judged where the SAM
     * transform puts them */
    char *where = NULL;
    cf_sam_move moved = v->owner ? cf_sam_moved(v->ctx->tpl, v->owner, r->holder, &where) : CF_SAM_KEPT;
    if (!where)
        where = cf_sect_path_text(r->holder);
    /* an Fn::If branch keeps its place in the file through the transform */
    const cf_node *up = r->holder->parent, *fn = up ? up->parent : NULL;
    bool branch = up && up->kind == CF_SEQUENCE && fn && fn->kind == CF_MAPPING && fn->len == 1 &&
                  cf_is_str(fn->u.pairs[0].key, "Fn::If");
    if (moved == CF_SAM_KEPT || (moved == CF_SAM_GENERATED && branch))
        cf_sect_report(v->ctx, "W1001", r->holder, "%s at %s", b.data, where);
    else if (moved == CF_SAM_GENERATED)
        cf_diag_at(v->ctx->out, v->ctx->doc, "W1001", cf_loc_key(v->ctx->tpl->resources), "%s at %s", b.data, where);
    else if (moved == CF_SAM_REBUILT && branch)
        cf_sect_report(v->ctx, "W1001", r->holder, "%s at %s", b.data, where);
    else if (moved == CF_SAM_REBUILT)
        cf_diag_at(v->ctx->out, v->ctx->doc, "W1001", cf_loc_key(v->owner->node), "%s at %s", b.data, where);
    free(where);
    buf_free(&b);
}

static int by_name(const void *a, const void *b)
{
    const cf_node *x = *(const cf_node *const *)a, *y = *(const cf_node *const *)b;
    return strcmp(x->u.str, y->u.str);
}

/* E3005: a DependsOn entry naming a resource that may not exist while
 * this one does (the scenario's conditions listed by name, as cfn-lint
 * lists them). */
static void check_depends_on(cf_lint_ctx *ctx, const cf_resource *self, const cf_node *d)
{
    if (d->kind != CF_SCALAR || d->type != CF_TYPE_STR)
        return;
    const cf_resource *target = cf_template_resource(ctx->tpl, d->u.str);
    const cf_node *cond = target != self && target && target->type_name ? target_condition(target) : NULL;
    path_conditions pc;
    bool with_path;
    if (!cond || !may_be_missing(ctx, d, self->node, cond, &pc, &with_path))
        return;
    const cf_node *names[CF_SCENARIO_MAX + 1];
    bool values[CF_SCENARIO_MAX + 1];
    size_t n = 0;
    names[n++] = cond;
    for (size_t i = 0; with_path && i < pc.n; i++)
        names[n++] = pc.name[i];
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        values[i] = false;
        for (size_t k = 0; names[i] != cond && k < pc.n; k++)
            if (pc.name[k] == names[i])
                values[i] = pc.value[k];
    }
    cf_buf b = {0};
    cf_repr_str(&b, target->name, strlen(target->name));
    buf_adds(&b, " will not exist");
    for (size_t i = 0; i < n; i++) {
        buf_adds(&b, i ? " and when condition " : " when condition ");
        cf_repr_str(&b, names[i]->u.str, names[i]->len);
        buf_adds(&b, values[i] ? " is True" : " is False");
    }
    cf_sect_report(ctx, "E3005", d, "%s", b.data);
    buf_free(&b);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (r->node->kind != CF_MAPPING)
            continue;
        visit v = {ctx, r->node, r};
        cf_refs_walk(r->node, check_reference, &v);
        const cf_node *dep = r->walked && r->type_name ? cf_map_get(r->node, "DependsOn") : NULL;
        if (dep && dep->kind == CF_SEQUENCE)
            for (uint32_t k = 0; k < dep->len; k++)
                check_depends_on(ctx, r, dep->u.items[k]);
        else if (dep)
            check_depends_on(ctx, r, dep);
    }
    for (size_t i = 0; i < t->outs.n; i++) {
        visit v = {ctx, t->outs.v[i].value, NULL};
        if (t->outs.v[i].value->kind == CF_MAPPING)
            cf_refs_walk(t->outs.v[i].value, check_reference, &v);
    }
}

CF_FAMILY(family_relationships, "relationships", check, rules);
