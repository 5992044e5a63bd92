/* The Conditions section, and the condition functions wherever they are
 * judged (Conditions, and the Rules section's RuleCondition and Assert).
 *
 *   E8001  the section's shape: names of letters, digits, '&' and '_' (at
 *          most 255), each condition a boolean, a condition function, or
 *          a Condition naming a condition that exists.
 *   E8003  Fn::Equals: a list of two strings (or functions making one).
 *   E8004  Fn::And, E8006 Fn::Or: a list of 2 to 10 conditions.
 *   E8005  Fn::Not: a list of one condition.
 *   W8003  an Fn::Equals whose answer is known before deployment (two
 *          literals, or the same thing twice).
 *   W8001  a condition nothing uses: no resource or output Condition, no
 *          Fn::If and no other condition names it.
 *
 * As in cfn-lint, a problem inside a function is reported under the rule
 * of the outermost function it is in (an unknown name inside Fn::Or is
 * E8006).  Values are read the way CloudFormation converts them: "true"
 * is a boolean, 5 a string. */
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E8001",
     "Conditions have appropriate properties",
     "Check if Conditions are properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
     "conditions"},
    {"E8003",
     "Check Fn::Equals structure for validity",
     "Check Fn::Equals is a list of two elements",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-equals",
     "functions,equals"},
    {"E8004",
     "Check Fn::And structure for validity",
     "Check Fn::And is a list of two elements",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-and",
     "functions,and"},
    {"E8005",
     "Check Fn::Not structure for validity",
     "Check Fn::Not is a list of one element",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-not",
     "functions,not"},
    {"E8006",
     "Check Fn::Or structure for validity",
     "Check Fn::Or is a list of two elements",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-or",
     "functions,or"},
    {"W8003",
     "Fn::Equals will always return true or false",
     "Validate Fn::Equals to see if its comparing two strings or two equal items. While this works it may not be intended.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-equals",
     "functions,equals"},
    {"W8001",
     "Check if Conditions are Used",
     "Making sure the conditions defined are used",
     "https://github.com/aws-cloudformation/cfn-lint",
     "conditions"},
};

/* A condition function: its rule, and how many conditions it takes (0:
 * Fn::Equals, which takes two values). */
typedef struct cond_fn {
    const char *name, *rule;
    uint32_t min_items, max_items;
} cond_fn;

static const cond_fn cond_fns[] = {
    {"Fn::Equals", "E8003", 2, 2},
    {"Fn::And", "E8004", 2, 10},
    {"Fn::Not", "E8005", 1, 1},
    {"Fn::Or", "E8006", 2, 10},
};

/* What may stand for a string inside Fn::Equals. */
static const char *const equals_value_fns[] = {
    "Ref", "Fn::FindInMap", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Length", "Fn::ToJsonString",
};

/* Functions only the Rules section has.  cfn-lint rejects them inside
 * Fn::Equals (E8003 on Fn::ValueOf); CloudFormation's own examples compare
 * Fn::ValueOf with Fn::Equals, so cfnfix accepts them there. */
static const char *const rules_fns[] = {
    "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll",
};

#define COUNT(a) (sizeof a / sizeof a[0])

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

static const cond_fn *cond_fn_of(const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    for (size_t i = 0; fn && i < COUNT(cond_fns); i++)
        if (!strcmp(fn, cond_fns[i].name))
            return &cond_fns[i];
    return NULL;
}

/* The Fn::Equals whose two values cfn-lint reads swapped: a set of
 * nodes (open addressing on the node's address). */
typedef struct node_set {
    const cf_node **slots;
    size_t cap, count;
} node_set;

static size_t slot_of(const node_set *s, const cf_node *n)
{
    size_t i = (size_t)(((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15ull) & (s->cap - 1);
    while (s->slots[i] && s->slots[i] != n)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static bool set_has(const node_set *s, const cf_node *n)
{
    return s->cap && s->slots[slot_of(s, n)] == n;
}

static void set_toggle(node_set *s, const cf_node *n)
{
    if ((s->count + 1) * 2 > s->cap) {
        node_set old = *s;
        s->cap = old.cap ? old.cap * 2 : 64;
        s->slots = xcalloc(s->cap, sizeof *s->slots);
        s->count = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i])
                s->slots[slot_of(s, old.slots[i])] = old.slots[i], s->count++;
        free(old.slots);
    }
    size_t i = slot_of(s, n);
    if (s->slots[i]) {
        /* removal: re-insert the rest of the cluster */
        s->slots[i] = NULL;
        s->count--;
        for (size_t j = (i + 1) & (s->cap - 1); s->slots[j]; j = (j + 1) & (s->cap - 1)) {
            const cf_node *m = s->slots[j];
            s->slots[j] = NULL;
            s->slots[slot_of(s, m)] = m;
        }
        return;
    }
    s->slots[i] = n;
    s->count++;
}

typedef struct judge {
    cf_lint_ctx *ctx;
    bool in_rules;          /* the Rules section's functions are allowed too */
    const node_set *swapped; /* Fn::Equals cfn-lint reads the other way round */
} judge;

static void check_condition_value(const judge *j, const cf_node *v, const char *rule, int depth);

/* A Condition function: the name of a condition that exists. */
static void check_condition_name(const judge *j, const cf_node *name, const char *rule)
{
    if (!cf_sect_is(name, "string", false))
        cf_sect_not_of_type(j->ctx, rule, name, "'string'");
    cf_sect_known_condition(j->ctx, rule, name);
}

static void check_equals_value(const judge *j, const cf_node *v, const char *rule)
{
    const char *fn = cf_intrinsic_name(v);
    if (fn && (in_list(fn, equals_value_fns, COUNT(equals_value_fns)) ||
               (j->in_rules && in_list(fn, rules_fns, COUNT(rules_fns)))))
        return; /* the function's own rules judge it */
    if (!cf_sect_is(v, "string", false))
        cf_sect_not_of_type(j->ctx, rule, v, "'string'");
}

/* Python's str() of a value, and whether it is a plain scalar (str,
 * number, boolean: not None, not a list or mapping). */
static char *python_str(const cf_node *n, bool *plain)
{
    *plain = n->kind == CF_SCALAR && n->type != CF_TYPE_NULL;
    return cf_py_str(n);
}

static bool is_true(const cf_node *n)
{
    char c = n->len ? n->u.str[0] : 'f';
    return c == 't' || c == 'T' || c == 'y' || c == 'Y' || ((c == 'o' || c == 'O') && n->len == 2);
}

static bool is_bool(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_BOOL;
}

/* cfn-lint sorts the two values of each Fn::Equals in the Conditions
 * section in place, before its rules read them: functions before other
 * mappings, Refs by name, other functions by function name, anything else
 * by Python's str().  Whether x sorts before y: */
static bool sorts_before(const cf_node *x, const cf_node *y)
{
    if (x->kind == CF_MAPPING && y->kind == CF_MAPPING) {
        const char *fx = cf_intrinsic_name(x), *fy = cf_intrinsic_name(y);
        if (!fx || !fy)
            return fx && !fy;
        const cf_node *vx = x->u.pairs[0].value, *vy = y->u.pairs[0].value;
        if (!strcmp(fx, "Ref") && !strcmp(fy, "Ref") && vx->kind == CF_SCALAR && vx->type == CF_TYPE_STR &&
            vy->kind == CF_SCALAR && vy->type == CF_TYPE_STR)
            return strcmp(vx->u.str, vy->u.str) <= 0;
        return strcmp(fx, fy) <= 0;
    }
    bool plain;
    char *sx = python_str(x, &plain), *sy = python_str(y, &plain);
    bool before = strcmp(sx, sy) <= 0;
    free(sx);
    free(sy);
    return before;
}

/* cfn-lint's reading, quirks included: a boolean second value turns the
 * *first* into "true"/"false" by the first's truth. */
static void check_equals_useful(const judge *j, const cf_node *eq)
{
    const cf_node *args = eq->u.pairs[0].value, *a = args->u.items[0], *b = args->u.items[1];
    if (j->swapped && set_has(j->swapped, eq)) {
        const cf_node *t = a;
        a = b;
        b = t;
    }
    cf_buf all = {0};
    buf_addc(&all, '[');
    cf_repr(&all, a);
    buf_adds(&all, ", ");
    cf_repr(&all, b);
    buf_addc(&all, ']');
    char *ra = cf_repr_dup(a), *rb = cf_repr_dup(b);
    bool same = !strcmp(ra, rb);
    free(ra);
    free(rb);
    if (same) {
        cf_sect_report(j->ctx, "W8003", eq, "%s will always return True or False", all.data);
        buf_free(&all);
        return;
    }
    bool plain_a, plain_b;
    char *first = python_str(a, &plain_a), *second = python_str(b, &plain_b);
    bool first_truthy = is_bool(a) ? is_true(a) : a->kind == CF_SCALAR ? a->type != CF_TYPE_NULL && a->len : a->len;
    if (is_bool(a)) {
        free(first);
        first = xstrdup(is_true(a) ? "true" : "false");
    }
    if (is_bool(b)) {
        free(first);
        first = xstrdup(first_truthy ? "true" : "false");
    }
    if (!strcmp(first, second))
        cf_sect_report(j->ctx, "W8003", eq, "%s will always return True", all.data);
    else if (plain_a && plain_b)
        cf_sect_report(j->ctx, "W8003", eq, "%s will always return False", all.data);
    free(first);
    free(second);
    buf_free(&all);
}

static bool check_item_count(const judge *j, const cf_node *args, const cond_fn *f, const char *rule)
{
    if (!cf_sect_is(args, "array", false)) {
        cf_sect_not_of_type(j->ctx, rule, args, "'array'");
        return false;
    }
    if (args->len < f->min_items)
        cf_sect_report(j->ctx, rule, args, "expected minimum item count: %u, found: %u", f->min_items, args->len);
    if (args->len > f->max_items)
        cf_sect_report(j->ctx, rule, args, "expected maximum item count: %u, found: %u", f->max_items, args->len);
    return true;
}

/* A condition function; `rule` is the outermost function's rule when it
 * is nested, NULL when it is the outermost. */
static void check_cond_fn(const judge *j, const cf_node *v, const cond_fn *f, const char *rule, int depth)
{
    const char *r = rule ? rule : f->rule;
    const cf_node *args = v->u.pairs[0].value;
    size_t before = j->ctx->out->n;
    if (!check_item_count(j, args, f, r))
        return;
    bool equals = !strcmp(f->name, "Fn::Equals");
    for (uint32_t i = 0; i < args->len; i++) {
        if (equals)
            check_equals_value(j, args->u.items[i], r);
        else
            check_condition_value(j, args->u.items[i], r, depth + 1);
    }
    if (equals && j->ctx->out->n == before) /* only a well-formed Fn::Equals */
        check_equals_useful(j, v);
}

/* A value that must be a condition: a boolean or a condition function.
 * At the top of a condition (rule "E8001"), a Condition function's
 * problems are the section's, a condition function's its own. */
static void check_condition_value(const judge *j, const cf_node *v, const char *rule, int depth)
{
    if (depth > 64)
        return;
    bool top = !strcmp(rule, "E8001");
    const cond_fn *f = cond_fn_of(v);
    if (f) {
        check_cond_fn(j, v, f, top ? NULL : rule, depth);
        return;
    }
    const char *fn = cf_intrinsic_name(v);
    if (fn && !strcmp(fn, "Condition")) {
        check_condition_name(j, v->u.pairs[0].value, rule);
        return;
    }
    if (fn && j->in_rules && !top && in_list(fn, rules_fns, COUNT(rules_fns)))
        return;
    if (!cf_sect_is(v, "boolean", false))
        cf_sect_not_of_type(j->ctx, rule, v, "'boolean'");
}

/* ---- The order cfn-lint reads Fn::Equals values in -------------------
 * Before any rule runs, cfn-lint builds every condition (following
 * Condition references into the referenced condition, each time) and
 * sorts each Fn::Equals it meets in place; a build stops at the first
 * shape it cannot read.  The sort of two values swaps them when the
 * second sorts before the first, so a value pair met twice may swap
 * back.  W8003 shows the pair in that final order, and its quirks depend
 * on it, so the same builds run here (bounded: a pathological web of
 * references gets the order reached so far).
 *
 * A build nests once per function and per reference followed: a chain of
 * conditions each naming the next (45,000 of them, say) would nest that
 * deep.  cfn-lint's build of such a chain dies of Python's recursion limit
 * and is dropped without a word; here a build that would nest deeper than
 * MAX_BUILD_DEPTH stops as a whole the same way (no finding: the order
 * only shapes W8003's wording). */

#define MAX_BUILD_STEPS 200000
#define MAX_BUILD_DEPTH 1000

typedef struct order_sim {
    const cf_section *conds;
    node_set swapped;
    bool *entered; /* per condition: on the current build's path (not again) */
    size_t depth, steps;
    bool too_deep; /* the current build passed MAX_BUILD_DEPTH: unwind it */
} order_sim;

static bool readable_equals_value(const cf_node *v)
{
    return v->kind != CF_SEQUENCE && !(v->kind == CF_SCALAR && v->type == CF_TYPE_TIMESTAMP);
}

static bool build(order_sim *o, const cf_node *inst);

static bool build_in(order_sim *o, const cf_node *inst)
{
    const char *fn = cf_intrinsic_name(inst);
    if (!fn)
        return false;
    const cf_node *args = inst->u.pairs[0].value;
    if (!strcmp(fn, "Condition")) {
        if (args->kind != CF_SCALAR || args->type != CF_TYPE_STR)
            return false;
        const cf_named *sub = cf_section_get(o->conds, args->u.str);
        size_t at = sub ? (size_t)(sub - o->conds->v) : 0;
        if (sub && !o->entered[at]) {
            o->entered[at] = true;
            bool ok = build(o, sub->value); /* a failure there is caught... */
            o->entered[at] = false;
            return ok || !o->too_deep; /* ...but not running out of depth */
        }
        return true;
    }
    if (!cond_fn_of(inst) || args->kind != CF_SEQUENCE)
        return false;
    if (!strcmp(fn, "Fn::Equals")) {
        if (args->len != 2)
            return false;
        bool swapped = set_has(&o->swapped, inst);
        const cf_node *first = args->u.items[swapped], *second = args->u.items[!swapped];
        if (sorts_before(second, first))
            set_toggle(&o->swapped, inst);
        return readable_equals_value(first) && readable_equals_value(second);
    }
    for (uint32_t i = 0; i < args->len; i++)
        if (!build(o, args->u.items[i]))
            return false;
    return strcmp(fn, "Fn::Not") || args->len == 1;
}

static bool build(order_sim *o, const cf_node *inst)
{
    if (++o->steps > MAX_BUILD_STEPS || o->too_deep)
        return false;
    if (o->depth >= MAX_BUILD_DEPTH) {
        o->too_deep = true;
        return false;
    }
    o->depth++;
    bool ok = build_in(o, inst);
    o->depth--;
    return ok;
}

static void simulate_order(order_sim *o, const cf_section *conds)
{
    memset(o, 0, sizeof *o);
    o->conds = conds;
    o->entered = xcalloc(conds->n + 1, sizeof *o->entered);
    for (size_t i = 0; i < conds->n; i++) {
        o->entered[i] = true;
        o->too_deep = false;
        build(o, conds->v[i].value);
        o->entered[i] = false;
    }
    free(o->entered);
    o->entered = NULL;
}

static void check_section(cf_lint_ctx *ctx)
{
    const cf_node *section = ctx->tpl->conditions;
    if (!section)
        return;
    if (section->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E8001", section, "'object'");
        return;
    }
    order_sim order;
    simulate_order(&order, &ctx->tpl->conds);
    judge j = {ctx, false, &order.swapped};
    for (uint32_t i = 0; i < section->len; i++) {
        const cf_node *k = section->u.pairs[i].key;
        bool short_enough = k->kind != CF_SCALAR || k->len <= 255;
        if (!cf_sect_name_ok(k, "&_") || !short_enough) {
            cf_sect_bad_name(ctx, "E8001", k, "^[a-zA-Z0-9&_]{1,255}$");
            continue;
        }
        check_condition_value(&j, section->u.pairs[i].value, "E8001", 0);
    }
    free(order.swapped.slots);
}

/* Rules: a RuleCondition and each Assert is a condition function (a bare
 * Condition there is the Rules section's own business). */
static void check_rule_function(const judge *j, const cf_node *v)
{
    const cond_fn *f = v ? cond_fn_of(v) : NULL;
    if (f)
        check_cond_fn(j, v, f, NULL, 0);
}

static void check_rules_section(cf_lint_ctx *ctx)
{
    const cf_node *rules_node = cf_map_get(ctx->tpl->root, "Rules");
    if (!rules_node || rules_node->kind != CF_MAPPING)
        return;
    judge j = {ctx, true, NULL};
    for (uint32_t i = 0; i < rules_node->len; i++) {
        const cf_node *rule = rules_node->u.pairs[i].value;
        if (!cf_sect_name_ok(rules_node->u.pairs[i].key, ""))
            continue; /* E1700's: cfn-lint reads no further */
        check_rule_function(&j, cf_map_get(rule, "RuleCondition"));
        const cf_node *asserts = cf_map_get(rule, "Assertions");
        for (uint32_t a = 0; asserts && asserts->kind == CF_SEQUENCE && a < asserts->len; a++)
            check_rule_function(&j, cf_map_get(asserts->u.items[a], "Assert"));
    }
}

/* ---- Use (W8001) ------------------------------------------------------- */

typedef struct usage {
    const cf_template *t;
    bool *used;
} usage;

static void mark(usage *u, const cf_node *name)
{
    if (!name || name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return;
    const cf_named *c = cf_section_get(&u->t->conds, name->u.str);
    if (c)
        u->used[c - u->t->conds.v] = true;
}

static void visit_if(const cf_node *v, void *data)
{
    mark(data, v->kind == CF_SEQUENCE ? (v->len ? v->u.items[0] : NULL) : v);
}

static void visit_condition(const cf_node *v, void *data)
{
    mark(data, v);
}

static void check_usage(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!t->conds.n)
        return;
    usage u = {t, xcalloc(t->conds.n, sizeof(bool))};
    cf_sect_each_key(t->root, "Fn::If", visit_if, &u);
    cf_sect_each_key(t->conditions, "Condition", visit_condition, &u);
    for (size_t i = 0; i < t->nres; i++)
        mark(&u, cf_map_get(t->res[i].node, "Condition"));
    for (size_t i = 0; i < t->outs.n; i++)
        mark(&u, cf_map_get(t->outs.v[i].value, "Condition"));
    for (size_t i = 0; i < t->conds.n; i++)
        if (!u.used[i])
            cf_sect_report(ctx, "W8001", t->conds.v[i].value, "Condition %s not used", t->conds.v[i].name);
    free(u.used);
}

static void check(cf_lint_ctx *ctx)
{
    check_section(ctx);
    check_rules_section(ctx);
    check_usage(ctx);
}

CF_FAMILY(family_conditions, "conditions", check, rules);
