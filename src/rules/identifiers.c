/* E3019: two resources of one type with the same primary identifier (two
 * DynamoDB tables named alike, two functions with one FunctionName): the
 * second cannot be created.  The identifiers are those of the type's
 * schema ("primaryIdentifier") when the template sets them: all at the top
 * of Properties and none read-only.  A resource that leaves one unset gets
 * a generated name and cannot collide.
 *
 * Conditions are followed (cond_model.h): two resources collide when some
 * deployment can create both (their Conditions) with identifiers that are
 * equal as written, each Fn::If in them taken as that deployment takes it
 * (AWS::NoValue: unset).  As in cfn-lint, the finding is on the
 * identifier (on Properties when there are several) of every resource of
 * the group, and values are compared as written, not as evaluated. */
#include "../cond_model.h"
#include "../lint.h"
#include "../repr.h"
#include "../strmap.h"
#include "../util.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3019",
     "Validate that all resources have unique primary identifiers",
     "Use the primary identifiers in a resource schema to validate that resources inside the template are unique",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
     "parameters,resources"},
};

/* Types whose identifier cfn-lint takes from its own configuration rather
 * than the schema (a project is known by its name). */
static const struct {
    const char *type, *identifier;
} identifier_exceptions[] = {
    {"AWS::CodeBuild::Project", "Name"},
};

/* What a SAM type is after the transform, for its identifiers. */
static const struct {
    const char *sam, *cfn;
} sam_types[] = {
    {"AWS::Serverless::Function", "AWS::Lambda::Function"},
};

#define MAX_IDS 8

typedef struct id_set {
    const char *name[MAX_IDS];
    size_t n;
} id_set;

static bool listed(const cf_node *list, const char *s)
{
    for (uint32_t i = 0; list && list->kind == CF_SEQUENCE && i < list->len; i++)
        if (cf_is_str(list->u.items[i], s))
            return true;
    return false;
}

/* The identifiers a template can set for `type`; false when there are
 * none it can (read-only, nested, or none at all). */
static bool identifiers_of(cf_lint_ctx *ctx, const char *type, id_set *out)
{
    out->n = 0;
    for (size_t i = 0; i < sizeof identifier_exceptions / sizeof identifier_exceptions[0]; i++)
        if (!strcmp(type, identifier_exceptions[i].type)) {
            out->name[out->n++] = identifier_exceptions[i].identifier;
            return true;
        }
    const cf_node *schema = cf_spec_schema(ctx->spec, type, ctx->opts->regions[0]);
    const cf_node *primary = cf_map_get(schema, "primaryIdentifier");
    const cf_node *read_only = cf_map_get(schema, "readOnlyProperties");
    if (!primary || primary->kind != CF_SEQUENCE || primary->len == 0 || primary->len > MAX_IDS)
        return false;
    for (uint32_t i = 0; i < primary->len; i++) {
        const cf_node *p = primary->u.items[i];
        if (p->kind != CF_SCALAR || p->type != CF_TYPE_STR || listed(read_only, p->u.str) ||
            strncmp(p->u.str, "/properties/", 12) != 0 || strchr(p->u.str + 12, '/'))
            return false;
        out->name[out->n++] = p->u.str + 12;
    }
    return true;
}

/* ---- values as a deployment makes them -------------------------------- */

/* Equal as written, each side's Fn::Ifs taken as its scenario takes them. */
static bool same(cf_conds *m, const cf_scenario *sa, const cf_node *a, const cf_scenario *sb, const cf_node *b,
                 int depth)
{
    a = cf_conds_take(m, sa, a);
    b = cf_conds_take(m, sb, b);
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || depth > 64)
        return false;
    switch (a->kind) {
    case CF_SCALAR:
        return a->type == b->type && a->len == b->len && !memcmp(a->u.str, b->u.str, a->len);
    case CF_SEQUENCE:
        if (a->len != b->len)
            return false;
        for (uint32_t i = 0; i < a->len; i++)
            if (!same(m, sa, a->u.items[i], sb, b->u.items[i], depth + 1))
                return false;
        return true;
    case CF_MAPPING:
        if (a->len != b->len)
            return false;
        for (uint32_t i = 0; i < a->len; i++) {
            const cf_pair *p = &a->u.pairs[i];
            const cf_node *other = cf_map_get(b, p->key->u.str);
            if (!other || !same(m, sa, p->value, sb, other, depth + 1))
                return false;
        }
        return true;
    default:
        return true;
    }
}

/* A hash that agrees with same(): values that are the same hash alike
 * (mappings whatever their key order), so that an element is compared
 * only with the groups of its bucket, not with every group so far. */
static uint64_t value_hash(cf_conds *m, const cf_scenario *s, const cf_node *n, int depth)
{
    n = cf_conds_take(m, s, n);
    if (!n)
        return 0x9e3779b97f4a7c15u;
    uint64_t h = 0x100000001b3u * (uint64_t)(n->kind + 1);
    if (depth > 64)
        return h;
    switch (n->kind) {
    case CF_SCALAR:
        return h ^ strhash(n->u.str, n->len) ^ ((uint64_t)n->type << 56);
    case CF_SEQUENCE:
        for (uint32_t i = 0; i < n->len; i++)
            h = (h ^ value_hash(m, s, n->u.items[i], depth + 1)) * 0x100000001b3u;
        return h ^ n->len;
    case CF_MAPPING: {
        uint64_t sum = 0;
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_pair *p = &n->u.pairs[i];
            uint64_t k = strhash(p->key->u.str, strlen(p->key->u.str));
            sum += (k * 0x100000001b3u) ^ value_hash(m, s, p->value, depth + 1);
        }
        return h ^ sum ^ ((uint64_t)n->len << 40);
    }
    default:
        return h;
    }
}

/* ---- collisions -------------------------------------------------------
 * As cfn-lint groups them: each resource is taken in every scenario of
 * the conditions its identifiers use (with its own Condition), as an
 * element: the scenario and the identifiers as it makes them.  Elements
 * are compared in template order with every group so far: equal
 * identifiers in scenarios that can hold at once put the element into
 * that group; it starts a group of its own unless it met one with the
 * very same scenario.  Each group of two or more resources is reported on
 * each of them (the same finding twice is reported once). */

typedef struct element {
    size_t res;              /* index into the candidates */
    cf_scenario s;
    const cf_node *value[MAX_IDS];
} element;

typedef struct group {
    element first;
    uint64_t hash;           /* of first.value, as value_hash makes it */
    long next;               /* the next group in its bucket, or -1 */
    size_t *members;         /* candidate indexes, in order */
    size_t n;
} group;

typedef struct candidate {
    const cf_resource *r;
    const cf_node *value[MAX_IDS];
} candidate;

typedef struct grouping {
    cf_lint_ctx *ctx;
    const id_set *ids;
    const candidate *c;
    size_t res;
    group *g;
    size_t ng, cap;
    long *bucket;            /* first group of each hash bucket, or -1 */
    size_t nbuckets;         /* a power of two */
} grouping;

static uint64_t element_hash(cf_conds *m, const element *e, size_t nids)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < nids; i++)
        h = (h ^ value_hash(m, &e->s, e->value[i], 0)) * 0x100000001b3u;
    return h;
}

/* Buckets twice as many as groups, rebuilt as they grow. */
static void rebucket(grouping *gr)
{
    if (gr->ng * 2 < gr->nbuckets)
        return;
    gr->nbuckets = gr->nbuckets ? 2 * gr->nbuckets : 64;
    gr->bucket = xrealloc(gr->bucket, gr->nbuckets * sizeof *gr->bucket);
    for (size_t i = 0; i < gr->nbuckets; i++)
        gr->bucket[i] = -1;
    /* newest first in the chain, so walk groups from the last: the chain
     * then runs in creation order */
    for (size_t k = gr->ng; k-- > 0;) {
        size_t b = gr->g[k].hash & (gr->nbuckets - 1);
        gr->g[k].next = gr->bucket[b];
        gr->bucket[b] = (long)k;
    }
}

static bool same_scenario(const cf_scenario *a, const cf_scenario *b)
{
    return a->n == b->n && !memcmp(a->lit, b->lit, a->n * sizeof a->lit[0]);
}

static void add_member(group *g, size_t res)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->members[i] == res)
            return;
    g->members = xrealloc(g->members, (g->n + 1) * sizeof *g->members);
    g->members[g->n++] = res;
}

/* One element: this resource in scenario s. */
static void place_element(const cf_scenario *s, void *arg)
{
    grouping *gr = arg;
    cf_conds *m = gr->ctx->conds;
    element e = {gr->res, *s, {0}};
    for (size_t i = 0; i < gr->ids->n; i++)
        if (!(e.value[i] = cf_conds_take(m, s, gr->c[gr->res].value[i])))
            return; /* unset here: a generated name */
    uint64_t h = element_hash(m, &e, gr->ids->n);
    bool found = false;
    for (long k = gr->nbuckets ? gr->bucket[h & (gr->nbuckets - 1)] : -1; k >= 0; k = gr->g[k].next) {
        group *g = &gr->g[k];
        if (g->hash != h)
            continue;
        bool equal = true;
        for (size_t i = 0; i < gr->ids->n && equal; i++)
            equal = same(m, &g->first.s, g->first.value[i], s, e.value[i], 0);
        if (!equal)
            continue;
        cf_scenario both = g->first.s;
        bool consistent = true;
        for (size_t i = 0; i < s->n && consistent; i++)
            consistent = cf_scenario_set(&both, s->lit[i] >> 1, s->lit[i] & 1);
        if (!consistent || (m && both.n && !cf_conds_possible(m, &both)))
            continue;
        add_member(g, gr->res);
        found |= same_scenario(&g->first.s, s);
    }
    if (found)
        return;
    if (gr->ng == gr->cap) {
        gr->cap = gr->cap ? 2 * gr->cap : 8;
        gr->g = xrealloc(gr->g, gr->cap * sizeof *gr->g);
    }
    group *g = &gr->g[gr->ng++];
    *g = (group){e, h, -1, NULL, 0};
    add_member(g, gr->res);
    if (gr->ng * 2 >= gr->nbuckets) {
        rebucket(gr);
        return;
    }
    /* appended at the end of its chain: the chain stays in creation order */
    long *at = &gr->bucket[h & (gr->nbuckets - 1)];
    while (*at >= 0)
        at = &gr->g[*at].next;
    *at = (long)(gr->ng - 1);
}

static void report_group(cf_lint_ctx *ctx, const id_set *ids, const candidate *c, const group *g, strmap *said)
{
    /* the resources in template order */
    size_t *order = xmalloc(g->n * sizeof *order);
    memcpy(order, g->members, g->n * sizeof *order);
    for (size_t i = 1; i < g->n; i++)
        for (size_t j = i; j > 0 && order[j - 1] > order[j]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    cf_buf names = {0}, shown = {0};
    buf_addc(&names, '{');
    for (size_t i = 0; i < g->n; i++) {
        buf_adds(&names, i ? ", " : "");
        cf_repr_str(&names, c[order[i]].r->name, strlen(c[order[i]].r->name));
    }
    buf_addc(&names, '}');
    buf_addc(&shown, '{');
    for (size_t k = 0; k < ids->n; k++) {
        buf_adds(&shown, k ? ", " : "");
        cf_repr_str(&shown, ids->name[k], strlen(ids->name[k]));
        buf_adds(&shown, ": ");
        cf_repr(&shown, g->first.value[k]);
    }
    buf_addc(&shown, '}');
    for (size_t i = 0; i < g->n; i++) {
        const candidate *k = &c[order[i]];
        const cf_node *at = ids->n == 1 ? cf_loc_key(k->value[0]) : cf_loc_key(k->r->properties);
        char *key = xasprintf("%s\n%s\n%s", k->r->name, shown.data, names.data);
        if (!strmap_get(said, key, strlen(key))) {
            strmap_put(said, key, strlen(key), key);
            cf_diag_at(ctx->out, ctx->doc, "E3019", at,
                       "Primary identifiers %s should have unique values across the resources %s", shown.data,
                       names.data);
        } else {
            free(key);
        }
    }
    free(order);
    buf_free(&names);
    buf_free(&shown);
}

static void free_said(strmap *said)
{
    for (size_t i = 0; i < said->cap; i++)
        if (said->slots[i].key)
            free(said->slots[i].value);
    strmap_free(said);
}

static const char *schema_type(const cf_template *t, const char *type)
{
    for (size_t i = 0; t->sam && i < sizeof sam_types / sizeof sam_types[0]; i++)
        if (!strcmp(type, sam_types[i].sam))
            return sam_types[i].cfn;
    return type;
}

static void check_type(cf_lint_ctx *ctx, const char *type, size_t from)
{
    const cf_template *t = ctx->tpl;
    id_set ids;
    if (!identifiers_of(ctx, schema_type(t, type), &ids))
        return;
    candidate *c = xcalloc(t->nres - from, sizeof *c);
    size_t nc = 0;
    for (size_t i = from; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, type) != 0 || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        candidate *k = &c[nc];
        bool all = true;
        for (size_t j = 0; j < ids.n && all; j++)
            all = (k->value[j] = cf_map_get(r->properties, ids.name[j])) != NULL && !cf_is_no_value(k->value[j]);
        if (all) {
            k->r = r;
            nc++;
        }
    }
    grouping gr = {ctx, &ids, c, 0, NULL, 0, 0, NULL, 0};
    for (size_t i = 0; i < nc && nc > 1; i++) {
        gr.res = i;
        cf_scenario base = {0};
        uint32_t conds[CF_SCENARIO_MAX];
        size_t n = 0;
        if (ctx->conds) {
            cf_conds_at(ctx->conds, t, c[i].r->node, &base);
            for (size_t j = 0; j < ids.n; j++)
                n = cf_conds_used(ctx->conds, c[i].value[j], conds, n, CF_SCENARIO_MAX);
        }
        if (n)
            cf_conds_each_scenario(ctx->conds, &base, conds, n, place_element, &gr);
        else
            place_element(&base, &gr);
    }
    strmap said = {0};
    for (size_t k = 0; k < gr.ng; k++) {
        if (gr.g[k].n > 1)
            report_group(ctx, &ids, c, &gr.g[k], &said);
        free(gr.g[k].members);
    }
    free_said(&said);
    free(gr.bucket);
    free(gr.g);
    free(c);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!ctx->spec || !ctx->opts->nregions)
        return;
    /* each type once, from its first resource */
    strmap seen = {0};
    for (size_t i = 0; i < t->nres; i++) {
        const char *type = t->res[i].type_name;
        if (!type || strmap_get(&seen, type, strlen(type)))
            continue;
        strmap_put(&seen, type, strlen(type), (void *)type);
        check_type(ctx, type, i);
    }
    strmap_free(&seen);
}

CF_FAMILY(family_identifiers, "identifiers", check, rules);
