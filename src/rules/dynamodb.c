/* E3039: a DynamoDB table's AttributeDefinitions must name exactly the
 * attributes its key schemas use (the table's KeySchema and those of its
 * global and local secondary indexes): DynamoDB rejects a definition no
 * key uses as well as a key attribute that is not defined.  Reported on
 * the table's Properties, naming both sets, as cfn-lint words it.
 *
 * Only literal lists are compared.  An attribute definition whose name is
 * not a plain string leaves the table unjudged (its set is not known); a
 * key whose name is not one is left out of the keys.  An entry that is not
 * an object (`KeySchema: [KeySchema]`) is the schema rules' finding
 * (E3012); the sets cannot be read then, so this rule says nothing (cfn-lint
 * 1.51.0 stops with an internal error, E0002, on such a table).
 *
 * Conditions: minimal.  Fn::If in these properties is followed for one
 * condition, true and false in turn (each a set of values the table can
 * deploy with); a table whose lists depend on two or more conditions is not
 * judged, as which combinations can happen is the condition model's to say. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3039",
     "AttributeDefinitions / KeySchemas mismatch",
     "Verify the set of Attributes in AttributeDefinitions and KeySchemas match",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html",
     "resources,dynamodb"},
};

static const char *const key_properties[] = {"AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes",
                                             "LocalSecondaryIndexes"};

/* The one condition the lists depend on, taken as `value`. */
typedef struct scenario {
    const char *cond; /* NULL: no Fn::If */
    bool value;
} scenario;

/* The Fn::If arguments of n, NULL when n is no Fn::If; *bad when it is one
 * cfnfix cannot follow (not a condition name and two branches). */
static const cf_node *if_args(const cf_node *n, bool *bad)
{
    const char *fn = cf_intrinsic_name(n);
    if (!fn || strcmp(fn, "Fn::If"))
        return NULL;
    const cf_node *args = n->u.pairs[0].value;
    if (args->kind != CF_SEQUENCE || args->len != 3 || args->u.items[0]->kind != CF_SCALAR) {
        *bad = true;
        return NULL;
    }
    return args;
}

/* Find the conditions of the Fn::Ifs under n: false when there are more
 * than one, or one cfnfix cannot follow. */
static bool one_condition(const cf_node *n, const char **cond, int depth)
{
    if (!n || depth > 64)
        return depth <= 64;
    bool bad = false;
    const cf_node *args = if_args(n, &bad);
    if (bad)
        return false;
    if (args) {
        const char *c = args->u.items[0]->u.str;
        if (*cond && strcmp(*cond, c))
            return false;
        *cond = c;
    }
    for (uint32_t i = 0; n->kind != CF_SCALAR && i < n->len; i++)
        if (!one_condition(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i], cond, depth + 1))
            return false;
    return true;
}

/* n as the scenario makes it: the chosen branch of an Fn::If; NULL for
 * AWS::NoValue (the value is absent). */
static const cf_node *resolve(const cf_node *n, const scenario *s)
{
    for (int depth = 0; n && depth < 64; depth++) {
        bool bad = false;
        const cf_node *args = if_args(n, &bad);
        if (!args) {
            const char *fn = cf_intrinsic_name(n);
            if (fn && !strcmp(fn, "Ref") && cf_is_str(n->u.pairs[0].value, "AWS::NoValue"))
                return NULL;
            return n;
        }
        n = args->u.items[s->value ? 1 : 2];
    }
    return NULL;
}

/* A set of names: sorted, each once. */
typedef struct names {
    const char **v;
    size_t n, cap;
} names;

static void add_name(names *s, const char *name)
{
    GROW(s->v, s->cap, s->n + 1);
    s->v[s->n++] = name;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_unique(names *s)
{
    if (!s->n)
        return;
    qsort(s->v, s->n, sizeof *s->v, cmp_name);
    size_t k = 1;
    for (size_t i = 1; i < s->n; i++)
        if (strcmp(s->v[i], s->v[k - 1]))
            s->v[k++] = s->v[i];
    s->n = k;
}

static bool same_names(const names *a, const names *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]))
            return false;
    return true;
}

/* "['a', 'b']" */
static void add_names(cf_buf *b, const names *s)
{
    buf_addc(b, '[');
    for (size_t i = 0; i < s->n; i++) {
        buf_adds(b, i ? ", " : "");
        cf_repr_str(b, s->v[i], strlen(s->v[i]));
    }
    buf_addc(b, ']');
}

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* The AttributeNames of a key schema into keys: false when an entry is not
 * an object.  A key schema that is not a list has no names. */
static bool key_names(const cf_node *schema, const scenario *s, names *keys)
{
    for (uint32_t i = 0; schema && schema->kind == CF_SEQUENCE && i < schema->len; i++) {
        const cf_node *key = resolve(schema->u.items[i], s);
        if (!key)
            continue;
        if (key->kind != CF_MAPPING)
            return false;
        const cf_node *name = resolve(cf_map_get(key, "AttributeName"), s);
        if (is_text(name))
            add_name(keys, name->u.str);
    }
    return true;
}

/* The table in one scenario: false when it cannot be judged. */
static bool read_sets(const cf_node *props, const scenario *s, names *attrs, names *keys)
{
    const cf_node *list[4];
    for (size_t i = 0; i < 4; i++) {
        const cf_node *raw = cf_map_get(props, key_properties[i]);
        list[i] = raw ? resolve(raw, s) : NULL;
        if (list[i] && list[i]->kind != CF_SEQUENCE)
            return false; /* a function or a wrong type: not a list cfnfix can read */
    }
    for (uint32_t i = 0; list[0] && i < list[0]->len; i++) {
        const cf_node *def = resolve(list[0]->u.items[i], s);
        if (!def)
            continue;
        const cf_node *name = def->kind == CF_MAPPING ? resolve(cf_map_get(def, "AttributeName"), s) : NULL;
        if (!is_text(name))
            return false;
        add_name(attrs, name->u.str);
    }
    if (!key_names(list[1], s, keys))
        return false;
    for (size_t k = 2; k < 4; k++)
        for (uint32_t i = 0; list[k] && i < list[k]->len; i++) {
            const cf_node *index = resolve(list[k]->u.items[i], s);
            if (!index)
                continue;
            if (index->kind != CF_MAPPING || !key_names(resolve(cf_map_get(index, "KeySchema"), s), s, keys))
                return false;
        }
    return true;
}

static void check_table(cf_lint_ctx *ctx, const cf_resource *r, const scenario *s)
{
    names attrs = {0}, keys = {0};
    if (read_sets(r->properties, s, &attrs, &keys)) {
        sort_unique(&attrs);
        sort_unique(&keys);
        if (!same_names(&attrs, &keys)) {
            cf_buf b = {0};
            buf_adds(&b, "The set of Attributes in AttributeDefinitions: ");
            add_names(&b, &attrs);
            buf_adds(&b, " and KeySchemas: ");
            add_names(&b, &keys);
            buf_printf(&b, " must match at Resources/%s/Properties", r->name);
            cf_diag_at(ctx->out, ctx->doc, "E3039", cf_loc_key(r->properties), "%s", b.data);
            buf_free(&b);
        }
    }
    free(attrs.v);
    free(keys.v);
}

static void check(cf_lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->type_name || strcmp(r->type_name, "AWS::DynamoDB::Table") || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        const char *cond = NULL;
        bool followed = true;
        for (size_t k = 0; k < 4 && followed; k++)
            followed = one_condition(cf_map_get(r->properties, key_properties[k]), &cond, 0);
        if (!followed)
            continue;
        scenario s = {cond, true};
        check_table(ctx, r, &s);
        if (cond) {
            s.value = false;
            check_table(ctx, r, &s);
        }
    }
}

CF_FAMILY(family_dynamodb, "dynamodb", check, rules);
