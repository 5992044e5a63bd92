/* E3059: a subnet's CIDR blocks lie within its VPC's (the VPC's
 * CidrBlock and the AWS::EC2::VPCCidrBlock resources naming it); E3060:
 * subnets of one VPC do not overlap.  As in cfn-lint: the subnets of a VPC
 * for E3059 are the ones that reference it in any way (the dependency
 * graph); a VPC whose address is dynamic (IPAM, Amazon-provided IPv6) or
 * unreadable is not judged.  For E3060 a subnet's VPC is its VpcId (a Ref,
 * an Fn::GetAtt or a literal id); two subnets overlap only when their
 * conditions (resource Condition, Fn::If branches) can hold together, and
 * the finding sits on the later subnet's Properties key. */
#include "../lint.h"
#include "../util.h"
#include "depgraph.h"
#include "net_values.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3059",
     "Validate subnet CIDRs are within the CIDRs of the VPC",
     "When specifying subnet CIDRs for a VPC the subnet CIDRs most be within the VPC CIDRs",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet.html",
     "resources,ec2,vpc,subnet"},
    {"E3060",
     "Validate subnet CIDRs do not overlap with other subnets",
     "When specifying subnet CIDRs for a VPC the subnet CIDRs most not overlap with eachother",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet.html",
     "resources,ec2,vpc,subnet"},
};

static const char *const dynamic_keys[] = {"Ipv4IpamPoolId", "Ipv6IpamPoolId", "Ipv6Pool",
                                           "AmazonProvidedIpv6CidrBlock"};
static const char *const cidr_keys[] = {"CidrBlock", "Ipv6CidrBlock"};

static bool plain_map(const cf_node *n)
{
    return n && n->kind == CF_MAPPING && !cf_intrinsic_name(n);
}

static bool is_null(const cf_node *n)
{
    return !n || (n->kind == CF_SCALAR && n->type == CF_TYPE_NULL);
}

/* ---- the values of some keys of a resource's Properties ---- */

typedef struct leaf {
    const cf_node *value; /* never NULL */
    cf_scenario s;
    int key;              /* index in the key list asked for */
} leaf;

typedef struct leaves {
    leaf *v;
    size_t n, cap;
    int key;
} leaves;

static void add_leaf(cf_lint_ctx *ctx, const cf_node *value, const cf_scenario *s, void *arg)
{
    (void)ctx;
    leaves *l = arg;
    if (is_null(value))
        return;
    GROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = (leaf){value, *s, l->key};
}

static void collect(cf_lint_ctx *ctx, const cf_node *props, const char *const *keys, size_t nkeys,
                    const cf_scenario *base, leaves *out)
{
    for (size_t k = 0; k < nkeys; k++) {
        out->key = (int)k;
        net_values(ctx, cf_map_get(props, keys[k]), base, add_leaf, out);
    }
}

/* ---- E3059 ---- */

typedef struct nets {
    net_cidr *v;
    size_t n, cap;
} nets;

static void add_net(nets *ns, const net_cidr *c)
{
    GROW(ns->v, ns->cap, ns->n + 1);
    ns->v[ns->n++] = *c;
}

static void nets_repr(cf_buf *b, const nets *ns, int version)
{
    char text[64];
    buf_printf(b, "[");
    size_t k = 0;
    for (size_t i = 0; i < ns->n; i++) {
        if (ns->v[i].version != version)
            continue;
        net_cidr_text(&ns->v[i], text);
        buf_printf(b, "%s'%s'", k++ ? ", " : "", text);
    }
    buf_printf(b, "]");
}

/* The edges into node `to` from nodes of resources of `type`, in the
 * order networkx's in_edges gives them (predecessors by their first
 * edge). */
static size_t edges_into(const dep_graph *g, size_t to, const char *type, const cf_resource **out)
{
    size_t n = 0;
    for (int phase = PHASE_DEPENDS_ON; phase <= PHASE_SUB; phase++)
        for (size_t e = 0; e < g->n; e++) {
            const dep_edge *x = &g->v[e];
            const dep_node *from = &g->nodes[x->from];
            if (x->to != to || x->phase != (dep_phase)phase || from->generated || !from->res ||
                !from->res->type_name || strcmp(from->res->type_name, type))
                continue;
            bool seen = false;
            for (size_t i = 0; i < n && !seen; i++)
                seen = out[i] == from->res;
            if (seen)
                continue;
            /* every edge of that predecessor, once per edge */
            for (size_t f = 0; f < g->n; f++)
                if (g->v[f].to == to && g->v[f].from == x->from)
                    out[n++] = from->res;
        }
    return n;
}

static void judge_vpc(cf_lint_ctx *ctx, const dep_graph *g, const cf_resource *vpc)
{
    const cf_template *t = ctx->tpl;
    cf_scenario base = {0};
    cf_conds_at(ctx->conds, t, vpc->node, &base);
    leaves l = {0};
    collect(ctx, vpc->properties, dynamic_keys, 4, &base, &l);
    bool judged = l.n == 0;
    nets vnets = {0};
    if (judged) {
        collect(ctx, vpc->properties, cidr_keys, 2, &base, &l);
        for (size_t i = 0; i < l.n && judged; i++) {
            net_cidr c;
            if (!net_cidr_parse(l.v[i].value, &c))
                judged = false;
            else if (c.version == 4)
                add_net(&vnets, &c);
        }
    }
    free(l.v);
    long node = judged ? dep_graph_find(g, vpc->name, strlen(vpc->name)) : -1;
    if (node < 0) {
        free(vnets.v);
        return;
    }
    const cf_resource **from = xmalloc(sizeof *from * (g->n + 1));
    cf_scenario none = {0};
    bool dynamic = false;
    size_t nfrom = edges_into(g, (size_t)node, "AWS::EC2::VPCCidrBlock", from);
    for (size_t i = 0; i < nfrom; i++) {
        if (!plain_map(from[i]->properties))
            continue;
        leaves d = {0};
        collect(ctx, from[i]->properties, dynamic_keys, 4, &none, &d);
        if (d.n)
            dynamic = true;
        d.n = 0;
        collect(ctx, from[i]->properties, cidr_keys, 2, &none, &d);
        for (size_t k = 0; k < d.n; k++) {
            net_cidr c;
            if (net_cidr_parse(d.v[k].value, &c))
                add_net(&vnets, &c);
            else
                dynamic = true;
        }
        free(d.v);
    }
    nfrom = edges_into(g, (size_t)node, "AWS::EC2::Subnet", from);
    for (size_t i = 0; i < nfrom && !dynamic; i++) {
        if (!plain_map(from[i]->properties))
            continue;
        leaves d = {0};
        collect(ctx, from[i]->properties, cidr_keys, 2, &none, &d);
        for (size_t k = 0; k < d.n; k++) {
            net_cidr c;
            if (!net_cidr_parse(d.v[k].value, &c))
                continue;
            bool within = false, any = false;
            for (size_t j = 0; j < vnets.n && !within; j++) {
                within = net_cidr_within(&c, &vnets.v[j]);
                any |= vnets.v[j].version == c.version;
            }
            if (within || (c.version == 4 && !any))
                continue;
            char text[64];
            net_cidr_text(&c, text);
            cf_buf b = {0};
            if (!any)
                buf_printf(&b, "is specified on a VPC that has no ipv6 networks defined");
            else {
                buf_printf(&b, "is not a valid subnet of ");
                nets_repr(&b, &vnets, c.version);
            }
            cf_sect_report(ctx, "E3059", d.v[k].value, "'%s' %s", text, b.data);
            buf_free(&b);
        }
        free(d.v);
    }
    free(from);
    free(vnets.v);
}

/* ---- E3060 ---- */

typedef struct saved {
    char *vpc;        /* the VPC it belongs to, as its VpcId names it */
    net_cidr net;
    cf_scenario s;
} saved;

typedef struct overlap_state {
    saved *v;
    size_t n, cap;
    /* the subnet being judged */
    const cf_resource *r;
    bool stop;        /* a VpcId cfn-lint cannot follow: nothing more for it */
} overlap_state;

/* cfn-lint's path for the finding: the subnet's Properties, then again
 * without "Resources", its VpcId branch and its CIDR branch. */
static void set_path(cf_diag *d, const cf_node *props, const cf_node *vpc_leaf, const cf_node *cidr_leaf)
{
    size_t np = cf_node_path(props, NULL, 0), nv = cf_node_path(vpc_leaf, NULL, 0),
           nc = cf_node_path(cidr_leaf, NULL, 0);
    if (np < 1 || nv < np || nc < np)
        return;
    size_t n = np + (np - 1) + (nv - np) + (nc - np);
    cf_pathc *p = xmalloc(sizeof *p * n), *tmp = xmalloc(sizeof *tmp * (nv > nc ? nv : nc));
    size_t k = 0;
    cf_node_path(props, p, np);
    k = np;
    for (size_t i = 1; i < np; i++)
        p[k++] = p[i];
    cf_node_path(vpc_leaf, tmp, nv);
    for (size_t i = np; i < nv; i++)
        p[k++] = tmp[i];
    cf_node_path(cidr_leaf, tmp, nc);
    for (size_t i = np; i < nc; i++)
        p[k++] = tmp[i];
    free(tmp);
    free(d->path);
    d->path = p;
    d->path_len = (uint32_t)k;
}

static void judge_cidr(cf_lint_ctx *ctx, overlap_state *st, const char *vpc, const cf_node *vpc_leaf,
                       const leaf *cl)
{
    net_cidr c;
    if (!net_cidr_parse(cl->value, &c))
        return;
    char text[64], other[64];
    net_cidr_text(&c, text);
    for (size_t i = 0; i < st->n; i++) {
        const saved *sv = &st->v[i];
        if (strcmp(sv->vpc, vpc) || !net_scenarios_meet(ctx, &cl->s, &sv->s) ||
            !net_cidr_overlaps(&c, &sv->net))
            continue;
        net_cidr_text(&sv->net, other);
        cf_diag *d = cf_sect_report(ctx, "E3060", st->r->properties, "'%s' overlaps with '%s'", text, other);
        set_path(d, st->r->properties, vpc_leaf, cl->value);
    }
    GROW(st->v, st->cap, st->n + 1);
    st->v[st->n++] = (saved){xstrdup(vpc), c, cl->s};
}

static void judge_vpc_id(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    overlap_state *st = arg;
    if (st->stop)
        return;
    if (!v) {
        st->stop = true;
        return;
    }
    const cf_node *name = v;
    const char *fn = cf_intrinsic_name(v);
    if (fn && !strcmp(fn, "Ref")) {
        name = v->u.pairs[0].value;
    } else if (fn && !strcmp(fn, "Fn::GetAtt")) {
        const cf_node *a = v->u.pairs[0].value;
        if (a->kind == CF_SEQUENCE)
            a = a->len ? a->u.items[0] : NULL;
        name = a;
    } else if (fn) {
        name = NULL;
    }
    if (!name || name->kind != CF_SCALAR || name->type != CF_TYPE_STR) {
        st->stop = true;
        return;
    }
    size_t len = name->len;
    if (fn && !strcmp(fn, "Fn::GetAtt")) {
        const char *dot = memchr(name->u.str, '.', len);
        if (dot)
            len = (size_t)(dot - name->u.str);
    }
    char *vpc = xstrndup(name->u.str, len);
    leaves l = {0};
    collect(ctx, st->r->properties, cidr_keys, 2, s, &l);
    for (size_t i = 0; i < l.n; i++)
        judge_cidr(ctx, st, vpc, v, &l.v[i]);
    free(l.v);
    free(vpc);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    bool any_vpc = false;
    overlap_state st = {0};
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || !plain_map(r->properties))
            continue;
        if (!strcmp(r->type_name, "AWS::EC2::VPC"))
            any_vpc = true;
        if (strcmp(r->type_name, "AWS::EC2::Subnet"))
            continue;
        cf_scenario base = {0};
        cf_conds_at(ctx->conds, t, r->node, &base);
        st.r = r;
        st.stop = false;
        net_values(ctx, cf_map_get(r->properties, "VpcId"), &base, judge_vpc_id, &st);
    }
    for (size_t i = 0; i < st.n; i++)
        free(st.v[i].vpc);
    free(st.v);
    if (!any_vpc)
        return;
    dep_graph g;
    dep_graph_build(&g, t);
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (r->walked && r->type_name && !strcmp(r->type_name, "AWS::EC2::VPC") && plain_map(r->properties))
            judge_vpc(ctx, &g, r);
    }
    dep_graph_free(&g);
}

CF_FAMILY(family_vpc_cidrs, "vpc_cidrs", check, rules);
