/* E3022: a subnet associated with more than one route table by
 * AWS::EC2::SubnetRouteTableAssociation resources.  As cfn-lint compares
 * them: SubnetId as written (a Ref by the name it names, an Fn::GetAtt by
 * its parts joined with dots, each Fn::If branch under that Fn::If's
 * condition name), together with the resource's Condition; equal when
 * both conditions and the value are equal, and any association with
 * neither condition clashes with every other association of its value.
 * An association without SubnetId counts as one with no value.  The
 * finding is on each clashing association's SubnetId. */
#include "../lint.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3022",
     "Resource SubnetRouteTableAssociation Properties",
     "Validate there is only one SubnetRouteTableAssociation per subnet",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet-route-table-assoc.html",
     "resources,ec2,subnet,route table"},
};

typedef struct assoc {
    const cf_resource *r;
    const char *rc, *pc; /* resource and Fn::If condition names, NULL: none */
    char *value;         /* the value's text, typed ("s:subnet-1", "n:") */
} assoc;

typedef struct assocs {
    assoc *v;
    size_t n, cap;
    bool bad;            /* a value cfn-lint fails on: the rule is not judged */
} assocs;

static void add(assocs *a, const cf_resource *r, const char *rc, const char *pc, char *value)
{
    GROW(a->v, a->cap, a->n + 1);
    a->v[a->n++] = (assoc){r, rc, pc, value};
}

static void values(assocs *a, const cf_resource *r, const char *rc, const char *pc, const cf_node *v)
{
    if (!v) {
        add(a, r, rc, pc, xstrdup("n:"));
        return;
    }
    if (v->kind == CF_SEQUENCE) {
        a->bad = true; /* a list is no dictionary key */
        return;
    }
    if (v->kind == CF_SCALAR) {
        if (v->type == CF_TYPE_STR)
            add(a, r, rc, pc, xasprintf("s:%s", v->u.str));
        else if (v->type == CF_TYPE_NULL)
            add(a, r, rc, pc, xstrdup("n:"));
        else
            a->bad = true; /* numbers, booleans: Python's equalities are not followed */
        return;
    }
    if (v->len != 1)
        return;
    const cf_node *k = v->u.pairs[0].key, *arg = v->u.pairs[0].value;
    if (cf_is_str(k, "Fn::If")) {
        if (arg->kind != CF_SEQUENCE || arg->len != 3)
            return;
        const cf_node *c = arg->u.items[0];
        if (c->kind != CF_SCALAR || c->type != CF_TYPE_STR) {
            a->bad = true;
            return;
        }
        values(a, r, rc, c->u.str, arg->u.items[1]);
        values(a, r, rc, c->u.str, arg->u.items[2]);
    } else if (cf_is_str(k, "Ref")) {
        values(a, r, rc, pc, arg);
    } else if (cf_is_str(k, "Fn::GetAtt")) {
        cf_buf b = {0};
        buf_printf(&b, "s:");
        if (arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR && arg->len >= 2) {
            /* ".".join of a string: its characters */
            for (uint32_t i = 0; i < arg->len; i++)
                buf_printf(&b, "%s%c", i ? "." : "", arg->u.str[i]);
        } else if (arg->kind == CF_SEQUENCE && arg->len >= 2) {
            for (uint32_t i = 0; i < arg->len; i++) {
                const cf_node *p = arg->u.items[i];
                if (p->kind != CF_SCALAR || p->type != CF_TYPE_STR) {
                    a->bad = true;
                    break;
                }
                buf_printf(&b, "%s%s", i ? "." : "", p->u.str);
            }
        } else {
            a->bad = true;
        }
        if (!a->bad && b.data)
            add(a, r, rc, pc, b.data);
        else
            buf_free(&b);
    }
}

static bool same_name(const char *x, const char *y)
{
    return x == y || (x && y && !strcmp(x, y));
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    assocs a = {0};
    for (size_t i = 0; i < t->nres && !a.bad; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || strcmp(r->type_name, "AWS::EC2::SubnetRouteTableAssociation") ||
            !r->properties || r->properties->kind != CF_MAPPING || !r->properties->len)
            continue;
        const cf_node *cond = r->node->kind == CF_MAPPING ? cf_map_get(r->node, "Condition") : NULL;
        if (cond && (cond->kind != CF_SCALAR || cond->type != CF_TYPE_STR)) {
            a.bad = true;
            break;
        }
        values(&a, r, cond ? cond->u.str : NULL, NULL, cf_map_get(r->properties, "SubnetId"));
    }
    for (size_t i = 0; i < a.n && !a.bad; i++) {
        const assoc *x = &a.v[i];
        cf_buf others = {0};
        size_t same = 0;
        for (size_t j = 0; j < a.n; j++)
            same += same_name(a.v[j].rc, x->rc) && same_name(a.v[j].pc, x->pc) && !strcmp(a.v[j].value, x->value);
        for (size_t j = 0; j < a.n && same > 1; j++) {
            const assoc *y = &a.v[j];
            if (y->r != x->r && same_name(y->rc, x->rc) && same_name(y->pc, x->pc) && !strcmp(y->value, x->value))
                buf_printf(&others, "%s%s", others.len ? ", " : "", y->r->name);
        }
        if (x->rc || x->pc)
            for (size_t j = 0; j < a.n; j++) {
                const assoc *y = &a.v[j];
                if (!y->rc && !y->pc && !strcmp(y->value, x->value))
                    buf_printf(&others, "%s%s", others.len ? ", " : "", y->r->name);
            }
        if (others.len) {
            const cf_node *subnet = cf_map_get(x->r->properties, "SubnetId");
            cf_diag *d = cf_sect_report(ctx, "E3022", subnet ? subnet : x->r->properties,
                                        "SubnetId in %s is also associated with %s", x->r->name, others.data);
            if (!subnet) {
                /* cfn-lint's path goes on to the SubnetId it does not find */
                cf_diag_path_add(d, "SubnetId");
            }
        }
        buf_free(&others);
    }
    for (size_t i = 0; i < a.n; i++)
        free(a.v[i].value);
    free(a.v);
}

CF_FAMILY(family_route_table_assoc, "route_table_assoc", check, rules);
