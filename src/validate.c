#include "validate.h"
#include "param_types.h"
#include "packaged.h"
#include "param_files.h"
#include "regex.h"
#include "repr.h"
#include "resolve.h"
#include "rules/section.h"
#include "similar.h"
#include "strmap.h"
#include "template.h"
#include "util.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 48 /* schema recursion ($ref cycles, deep instances) */

void cf_validator_init(cf_validator *v, cf_lint_ctx *ctx, const cf_node *root)
{
    memset(v, 0, sizeof *v);
    v->ctx = ctx;
    v->root = root;
    v->resource_schema = root;
    v->sink = ctx->out;
}

__attribute__((format(printf, 4, 5))) static cf_diag *fail(cf_validator *v, const char *rule,
                                                           const cf_node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    char *own = v->reword && !v->in_condition ? v->reword(v, rule, at, msg) : NULL;
    if (own) {
        free(msg);
        msg = own;
    }
    /* placed where cfn-lint's reader knows a place (a number, a boolean
     * or a null in a list has none: the key above it), about `at` */
    const cf_node *place = at ? cf_sect_place(at) : at;
    cf_diag *d = cf_diag_at(v->sink, v->ctx->doc, v->rule ? v->rule : rule, place, "%s", msg);
    if (place != at)
        cf_diag_about(d, at);
    free(msg);
    return d;
}

/* repr() of a node in a fresh buffer the caller frees with buf_free. */
static cf_buf repr_of(const cf_node *n)
{
    cf_buf b = {0};
    cf_repr(&b, n);
    return b;
}

/* --- schema navigation -------------------------------------------------- */

const cf_node *cf_schema_ref(const cf_node *root, const char *ref)
{
    if (!root || strncmp(ref, "#/", 2) != 0)
        return NULL;
    const cf_node *n = root;
    const char *p = ref + 2;
    char part[256];
    while (*p && n) {
        size_t len = strcspn(p, "/");
        if (len >= sizeof part)
            return NULL;
        memcpy(part, p, len);
        part[len] = '\0';
        n = cf_map_get(n, part);
        p += len;
        if (*p == '/')
            p++;
    }
    return n;
}

/* Follow a schema's $ref chain to the schema that carries the keywords. */
static const cf_node *deref(const cf_node *root, const cf_node *schema)
{
    for (int i = 0; i < 16 && schema; i++) {
        const cf_node *ref = cf_map_get(schema, "$ref");
        if (!ref || ref->kind != CF_SCALAR || cf_map_get(schema, "type"))
            return schema;
        schema = cf_schema_ref(root, ref->u.str);
    }
    return schema;
}

const cf_node *cf_schema_attribute(const cf_node *root, const char *attr)
{
    const cf_node *s = root;
    char part[256];
    const char *p = attr;
    while (s && *p) {
        size_t len = strcspn(p, ".");
        if (len >= sizeof part)
            return NULL;
        memcpy(part, p, len);
        part[len] = '\0';
        s = cf_map_get(cf_map_get(deref(root, s), "properties"), part);
        p += len;
        if (*p == '.')
            p++;
    }
    return s ? deref(root, s) : NULL;
}

/* --- what a value is, as CloudFormation converts it --------------------- */

enum {
    K_STRING = 1 << 0,
    K_INTEGER = 1 << 1,
    K_NUMBER = 1 << 2,
    K_BOOLEAN = 1 << 3,
    K_ARRAY = 1 << 4,
    K_OBJECT = 1 << 5,
    K_NULL = 1 << 6,
    K_ANY = 0x7F,
};

static const struct {
    const char *name;
    unsigned kind;
} type_names[] = {
    {"string", K_STRING}, {"integer", K_INTEGER}, {"number", K_NUMBER}, {"boolean", K_BOOLEAN},
    {"array", K_ARRAY},   {"object", K_OBJECT},   {"null", K_NULL},
};

static unsigned kind_of_name(const char *name)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (!strcmp(type_names[i].name, name))
            return type_names[i].kind;
    return 0;
}

static bool is_integer_text(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p)
        return false;
    for (; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}

static bool is_number_text(const char *s)
{
    if (!*s)
        return false;
    char *end;
    strtod(s, &end);
    return *end == '\0' && !isspace((unsigned char)*s);
}

/* The schema types a literal satisfies: cfn-lint accepts what CloudFormation
 * converts — a number or boolean where a string is wanted, "5" for an
 * integer, "true" for a boolean, any number for an integer. */
static unsigned literal_kinds(const cf_node *n, unsigned want)
{
    if (n->kind == CF_SEQUENCE)
        return K_ARRAY;
    if (n->kind == CF_MAPPING)
        return K_OBJECT;
    switch ((cf_type)n->type) {
    case CF_TYPE_NULL:
        return K_NULL;
    case CF_TYPE_BOOL:
        return K_BOOLEAN | K_STRING;
    case CF_TYPE_INT:
        return K_INTEGER | K_NUMBER | K_STRING;
    case CF_TYPE_FLOAT:
        return K_INTEGER | K_NUMBER | K_STRING;
    case CF_TYPE_TIMESTAMP:
        return K_STRING;
    case CF_TYPE_STR: {
        /* only the conversions the schema asks about are worth parsing */
        unsigned k = K_STRING;
        if (want & (K_INTEGER | K_NUMBER)) {
            if (is_integer_text(n->u.str))
                k |= K_INTEGER | K_NUMBER;
            else if (is_number_text(n->u.str))
                k |= K_NUMBER;
        }
        if ((want & K_BOOLEAN) && (!strcasecmp(n->u.str, "true") || !strcasecmp(n->u.str, "false")))
            k |= K_BOOLEAN;
        return k;
    }
    }
    return K_ANY;
}

/* The kinds a schema's "type" allows (0: unconstrained), and its words. */
static unsigned schema_kinds(const cf_node *type, cf_buf *words)
{
    unsigned k = 0;
    if (!type)
        return 0;
    if (type->kind == CF_SCALAR) {
        if (words)
            buf_printf(words, "'%s'", type->u.str);
        return kind_of_name(type->u.str);
    }
    for (uint32_t i = 0; type->kind == CF_SEQUENCE && i < type->len; i++) {
        const cf_node *t = type->u.items[i];
        if (t->kind != CF_SCALAR)
            continue;
        if (words)
            buf_printf(words, "%s'%s'", i ? ", " : "", t->u.str);
        k |= kind_of_name(t->u.str);
        if (!strcmp(t->u.str, "date"))
            k |= K_STRING; /* cfn-lint's extra type for YAML dates */
    }
    return k;
}

/* Text a scalar compares and matches as (numbers as written, booleans as
 * Python prints them). */
static const char *scalar_text(const cf_node *n)
{
    if (n->type == CF_TYPE_BOOL) {
        char c = n->len ? n->u.str[0] : 'f';
        bool yes = c == 't' || c == 'T' || c == 'y' || c == 'Y' || ((c == 'o' || c == 'O') && n->len == 2);
        return yes ? "true" : "false";
    }
    return n->u.str;
}

static bool is_dynamic_reference(const cf_node *n)
{
    return n->kind == CF_SCALAR && strstr(n->u.str, "{{resolve:") != NULL;
}

/* --- keyword handlers ---------------------------------------------------- */

typedef void (*keyword_fn)(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst);

/* A plain number where a string is wanted reaches CloudFormation as the
 * number's text: `EngineVersion: 14.10` deploys "14.1", `Id: 0017` deploys
 * "15".  cfn-lint accepts both silently; this is cfnfix's own W9002. */
static void number_changes(cf_validator *v, unsigned want, const cf_node *inst)
{
    if (!(want & K_STRING) || (want & (K_INTEGER | K_NUMBER)) || inst->kind != CF_SCALAR ||
        inst->style != CF_STYLE_PLAIN || (inst->type != CF_TYPE_FLOAT && inst->type != CF_TYPE_INT) ||
        (inst->flags & CF_NF_ALIAS))
        return;
    cf_buf r = repr_of(inst);
    if (strcmp(r.data, inst->u.str) != 0) {
        const cf_node *key = cf_node_key(inst);
        cf_diag_at(v->sink, v->ctx->doc, "W9002", inst,
                   "%s is read as the number %s, so %s receives '%s': quote it to keep '%s'", inst->u.str,
                   r.data, key && key->kind == CF_SCALAR ? key->u.str : "the property", r.data, inst->u.str);
    }
    buf_free(&r);
}

static bool is_null(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_NULL;
}

/* Whether a function stands anywhere below n (an Fn::If counts unless
 * its branches are judged, then they are looked through). */
static bool function_below(const cf_validator *v, const cf_node *n, int depth)
{
    if (depth > MAX_DEPTH || n->kind == CF_SCALAR)
        return false;
    const char *fn = cf_intrinsic_name(n);
    if (fn && !(v->if_branches_known && !strcmp(fn, "Fn::If")))
        return true;
    const cf_node *args = fn ? n->u.pairs[0].value : n;
    for (uint32_t i = fn ? 1 : 0; args->kind != CF_SCALAR && i < args->len; i++)
        if (function_below(v, args->kind == CF_MAPPING ? args->u.pairs[i].value : args->u.items[i], depth + 1))
            return true;
    return false;
}

/* A bare "array" or "object" type, with no schema for the entries:
 * cfn-lint gives the entries one that takes any type, and so walks the
 * whole value, where an "if" meets (and cannot judge) any function below
 * (cfn-lint 1.51: such an "if" decides nothing). */
static bool bare_collection(const cf_node *schema, unsigned want, const cf_node *inst)
{
    if (inst->kind == CF_SEQUENCE)
        return (want & K_ARRAY) && !cf_map_get(schema, "items") && !cf_map_get(schema, "prefixItems");
    if (inst->kind == CF_MAPPING)
        return (want & K_OBJECT) && !cf_map_get(schema, "properties") && !cf_map_get(schema, "additionalProperties") &&
               !cf_map_get(schema, "patternProperties");
    return false;
}

static void kw_type(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    if (is_null(inst) && !v->type_nulls)
        return; /* cfn-lint's E3012 reports only values of a JSON type: a null is dropped */
    if (v->in_condition && bare_collection(schema, schema_kinds(arg, NULL), inst) && function_below(v, inst, 0))
        v->unknown = true;
    if (inst->kind == CF_SCALAR && inst->type == CF_TYPE_STR && cf_packaged_property(v->ctx->tpl, inst))
        return; /* a local path the package command rewrites: W3002's */
    unsigned want = schema_kinds(arg, NULL);
    if (!v->rule)
        number_changes(v, want, inst);
    if (want && !(literal_kinds(inst, want) & want)) {
        cf_buf r = repr_of(inst), words = {0};
        schema_kinds(arg, &words);
        fail(v, "E3012", cf_loc_key(inst), "%s is not of type %s", r.data, words.data);
        buf_free(&r);
        buf_free(&words);
    }
}

static bool scalar_equals(const cf_node *a, const cf_node *b, bool fold_case);

/* JSON Schema's equality as cfn-lint has it: scalars as scalar_equals
 * (true equals "true", 1 equals 1.0), lists item by item, mappings key by
 * key. */
static bool cf_values_equal_depth(const cf_node *a, const cf_node *b, int depth)
{
    if (a->kind != b->kind || depth > 64)
        return false;
    if (a->kind == CF_SCALAR)
        return scalar_equals(a, b, false);
    if (a->len != b->len)
        return false;
    for (uint32_t i = 0; i < a->len; i++) {
        if (a->kind == CF_SEQUENCE) {
            if (!cf_values_equal_depth(a->u.items[i], b->u.items[i], depth + 1))
                return false;
        } else {
            const cf_node *k = a->u.pairs[i].key;
            const cf_node *other = k->kind == CF_SCALAR ? cf_map_get(b, k->u.str) : NULL;
            if (!other || !cf_values_equal_depth(a->u.pairs[i].value, other, depth + 1))
                return false;
        }
    }
    return true;
}

static bool scalar_equals(const cf_node *a, const cf_node *b, bool fold_case)
{
    if (a->kind != CF_SCALAR || b->kind != CF_SCALAR)
        return false;
    if ((a->type == CF_TYPE_NULL) != (b->type == CF_TYPE_NULL))
        return false;
    const char *x = scalar_text(a), *y = scalar_text(b);
    if (fold_case ? !strcasecmp(x, y) : !strcmp(x, y))
        return true;
    /* true and "True" are the same boolean once CloudFormation reads them */
    if ((a->type == CF_TYPE_BOOL || b->type == CF_TYPE_BOOL) && !strcasecmp(x, y))
        return true;
    /* 1 and 1.0 are equal numbers */
    double dx, dy;
    return cf_scalar_double(a, &dx) && cf_scalar_double(b, &dy) && dx == dy;
}

bool cf_values_equal(const cf_node *a, const cf_node *b)
{
    return cf_values_equal_depth(a, b, 0);
}

static void enum_check(cf_validator *v, const cf_node *arg, const cf_node *inst, bool fold_case)
{
    if (arg->kind != CF_SEQUENCE || inst->kind != CF_SCALAR || is_dynamic_reference(inst))
        return;
    /* the usual case first: the very same text (long enums, many values) */
    if (!fold_case && inst->type != CF_TYPE_NULL && inst->type != CF_TYPE_BOOL)
        for (uint32_t i = 0; i < arg->len; i++) {
            const cf_node *e = arg->u.items[i];
            if (e->kind == CF_SCALAR && e->len == inst->len && e->type != CF_TYPE_NULL &&
                e->type != CF_TYPE_BOOL && memcmp(e->u.str, inst->u.str, inst->len) == 0)
                return;
        }
    for (uint32_t i = 0; i < arg->len; i++)
        if (scalar_equals(arg->u.items[i], inst, fold_case))
            return;
    cf_buf r = repr_of(inst), list = {0};
    cf_repr_max(&list, arg, 100000);
    fail(v, "E3030", cf_loc_key(inst), "%s is not one of %s", r.data, list.data)->detail = arg;
    buf_free(&r);
    buf_free(&list);
}

static void kw_enum(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    enum_check(v, arg, inst, false);
}

static void kw_enum_ci(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    enum_check(v, arg, inst, true);
}

static void kw_const(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (arg->kind != CF_SCALAR || inst->kind != CF_SCALAR || scalar_equals(arg, inst, false))
        return;
    cf_buf r = repr_of(inst), c = repr_of(arg);
    fail(v, "E3002", cf_loc_key(inst), "%s was expected", c.data);
    buf_free(&r);
    buf_free(&c);
}

static bool stringish(const cf_node *inst)
{
    return inst->kind == CF_SCALAR && inst->type != CF_TYPE_NULL && inst->type != CF_TYPE_BOOL &&
           !is_dynamic_reference(inst);
}

static void kw_pattern(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (arg->kind != CF_SCALAR || !stringish(inst))
        return;
    int m = cf_regex_search(arg->u.str, inst->u.str, inst->len);
    if (m != 0)
        return; /* matched, or a pattern PCRE2 cannot compile: not the user's fault */
    cf_buf r = repr_of(inst), p = {0};
    cf_repr_str(&p, arg->u.str, arg->len);
    fail(v, "E3031", cf_loc_key(inst), "%s does not match %s", r.data, p.data);
    buf_free(&r);
    buf_free(&p);
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static bool arg_number(const cf_node *arg, double *out)
{
    return cf_scalar_double(arg, out);
}

static void kw_length(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst, bool min)
{
    (void)schema;
    double limit;
    if (!arg_number(arg, &limit) || inst->kind != CF_SCALAR || inst->type != CF_TYPE_STR || is_dynamic_reference(inst))
        return;
    size_t len = utf8_chars(inst->u.str, inst->len);
    if (min ? (double)len >= limit : (double)len <= limit)
        return;
    if (v->core_wording) {
        fail(v, "E3033", cf_loc_key(inst), "expected %s length: %s, found: %zu", min ? "minimum" : "maximum", arg->u.str, len);
        return;
    }
    cf_buf r = repr_of(inst);
    fail(v, "E3033", cf_loc_key(inst), "%s is %s than %s", r.data, min ? "shorter" : "longer", arg->u.str);
    buf_free(&r);
}

static void kw_min_length(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { kw_length(v, s, a, i, true); }
static void kw_max_length(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { kw_length(v, s, a, i, false); }

/* The number a literal carries: ints, floats and numeric strings. */
static bool inst_number(const cf_node *inst, double *out)
{
    if (inst->kind != CF_SCALAR)
        return false;
    if (inst->type == CF_TYPE_INT || inst->type == CF_TYPE_FLOAT)
        return cf_scalar_double(inst, out);
    if (inst->type == CF_TYPE_STR && is_number_text(inst->u.str)) {
        *out = strtod(inst->u.str, NULL);
        return true;
    }
    return false;
}

static void range_check(cf_validator *v, const cf_node *arg, const cf_node *inst, int which)
{
    double limit, x;
    if (!arg_number(arg, &limit) || !inst_number(inst, &x))
        return;
    static const char *const words[] = {"less than the minimum of", "greater than the maximum of",
                                        "less than or equal to the minimum of",
                                        "greater than or equal to the maximum of"};
    bool bad = which == 0 ? x < limit : which == 1 ? x > limit : which == 2 ? x <= limit : x >= limit;
    if (!bad)
        return;
    cf_buf r = repr_of(inst);
    fail(v, "E3034", cf_loc_key(inst), "%s is %s %s", r.data, words[which], arg->u.str);
    buf_free(&r);
}

static void kw_minimum(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; range_check(v, a, i, 0); }
static void kw_maximum(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; range_check(v, a, i, 1); }
static void kw_xminimum(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; range_check(v, a, i, 2); }
static void kw_xmaximum(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; range_check(v, a, i, 3); }

/* multipleOf, the way cfn-lint tests it: an integer divisor by the
 * remainder, a decimal one by whether the quotient is whole. */
static void kw_multiple_of(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    double by, x;
    if (!arg_number(arg, &by) || by == 0 || !inst_number(inst, &x))
        return;
    bool decimal = strpbrk(arg->u.str, ".eE") != NULL;
    bool bad = decimal ? trunc(x / by) != x / by : fmod(x, by) != 0;
    if (!bad || isnan(x) || isinf(x))
        return;
    cf_buf r = repr_of(inst);
    fail(v, "E3002", cf_loc_key(inst), "%s is not a multiple of %s", r.data, arg->u.str);
    buf_free(&r);
}

/* Entries of a list that count: Ref AWS::NoValue drops out of a list. */
static bool is_no_value(const cf_node *n)
{
    const cf_node *ref = cf_map_get(n, "Ref");
    return n && n->kind == CF_MAPPING && n->len == 1 && cf_is_str(ref, "AWS::NoValue");
}

static void item_count(cf_validator *v, const cf_node *arg, const cf_node *inst, bool min)
{
    double limit;
    if (!arg_number(arg, &limit) || inst->kind != CF_SEQUENCE)
        return;
    uint32_t n = 0;
    bool dynamic = false;
    for (uint32_t i = 0; i < inst->len; i++) {
        const char *fn = cf_intrinsic_name(inst->u.items[i]);
        if (fn && !strcmp(fn, "Fn::If"))
            dynamic = true; /* may drop out with AWS::NoValue */
        n += !is_no_value(inst->u.items[i]);
    }
    if (min ? (double)n >= limit || dynamic : (double)n <= limit)
        return;
    fail(v, "E3032", cf_loc_key(inst), "expected %s item count: %s, found: %u", min ? "minimum" : "maximum", arg->u.str, n);
}

static void kw_min_items(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; item_count(v, a, i, true); }
static void kw_max_items(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; item_count(v, a, i, false); }


/* uniqueItems: true forbids repeats (E3037); false says a list may repeat
 * items, and a repeat is worth a note all the same (I3037, where even two
 * equal functions count, as cfn-lint compares them as written). */
static void kw_unique_items(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (arg->type != CF_TYPE_BOOL || inst->kind != CF_SEQUENCE)
        return;
    bool unique = !strcmp(scalar_text(arg), "true");
    for (uint32_t i = 1; i < inst->len; i++)
        for (uint32_t j = 0; j < i; j++)
            /* intrinsics may differ at deploy time; only literal duplicates are errors */
            if ((!unique || !cf_intrinsic_name(inst->u.items[i])) && cf_values_equal(inst->u.items[i], inst->u.items[j])) {
                cf_buf r = repr_of(inst);
                fail(v, unique ? "E3037" : "I3037", cf_loc_key(inst), "%s has non-unique elements", r.data);
                buf_free(&r);
                return;
            }
}

/* As in JSON Schema 2020-12, "items" judges only the items after those
 * "prefixItems" judges one by one (a DynamoDB key schema: a HASH key,
 * then a RANGE key); items: false allows none after them. */
static uint32_t prefix_count(const cf_node *schema)
{
    const cf_node *p = cf_map_get(schema, "prefixItems");
    return p && p->kind == CF_SEQUENCE ? p->len : 0;
}

static void kw_items(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    uint32_t prefix = prefix_count(schema);
    if (inst->kind != CF_SEQUENCE || inst->len <= prefix)
        return;
    if (arg->kind == CF_SCALAR && arg->type == CF_TYPE_BOOL && cf_is_str(arg, "false")) {
        uint32_t extra = inst->len - prefix;
        cf_buf rest = {0};
        if (extra == 1) {
            cf_repr(&rest, inst->u.items[prefix]);
        } else {
            buf_addc(&rest, '[');
            for (uint32_t i = prefix; i < inst->len; i++) {
                buf_adds(&rest, i > prefix ? ", " : "");
                cf_repr(&rest, inst->u.items[i]);
            }
            buf_addc(&rest, ']');
        }
        fail(v, "E3002", cf_loc_key(inst), "Expected at most %u %s but found %u extra: %s", prefix,
             prefix == 1 ? "item" : "items", extra, rest.data);
        buf_free(&rest);
        return;
    }
    if (arg->kind != CF_MAPPING)
        return;
    for (uint32_t i = prefix; i < inst->len; i++)
        if (!is_no_value(inst->u.items[i]))
            cf_validate(v, arg, inst->u.items[i]);
}

static void kw_prefix_items(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_SEQUENCE || arg->kind != CF_SEQUENCE)
        return;
    for (uint32_t i = 0; i < inst->len && i < arg->len; i++)
        if (!is_no_value(inst->u.items[i]) && arg->u.items[i]->kind == CF_MAPPING)
            cf_validate(v, arg->u.items[i], inst->u.items[i]);
}

static void kw_properties(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING || arg->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *k = inst->u.pairs[i].key, *val = inst->u.pairs[i].value;
        const cf_node *sub = k->kind == CF_SCALAR ? cf_map_get(arg, k->u.str) : NULL;
        if (sub && !is_no_value(val))
            cf_validate(v, sub, val);
    }
}

static const cf_node *matching_pattern_property(const cf_node *pp, const cf_node *key)
{
    for (uint32_t i = 0; pp && pp->kind == CF_MAPPING && i < pp->len; i++)
        if (key->kind == CF_SCALAR && cf_regex_search(pp->u.pairs[i].key->u.str, key->u.str, key->len) != 0)
            return pp->u.pairs[i].value;
    return NULL;
}

static void kw_pattern_properties(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *k = inst->u.pairs[i].key;
        for (uint32_t p = 0; arg->kind == CF_MAPPING && p < arg->len; p++)
            if (k->kind == CF_SCALAR && cf_regex_search(arg->u.pairs[p].key->u.str, k->u.str, k->len) > 0)
                cf_validate(v, arg->u.pairs[p].value, inst->u.pairs[i].value);
    }
}

/* For additionalProperties' wording (defined at the end of this file). */
static const char *close_property(const cf_node *props, const cf_node *key);
static void sorted_pattern_list(cf_buf *b, const cf_node *pp);
static bool unmeasurable_extra(cf_validator *v, const cf_node *props, const cf_node *pp, const cf_node *inst);

static void kw_additional_properties(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    if (inst->kind != CF_MAPPING)
        return;
    const cf_node *props = cf_map_get(schema, "properties");
    const cf_node *pp = cf_map_get(schema, "patternProperties");
    bool forbidden = arg->kind == CF_SCALAR && arg->type == CF_TYPE_BOOL && !strcmp(scalar_text(arg), "false");
    if (forbidden && !pp && unmeasurable_extra(v, props, pp, inst))
        return;
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *k = inst->u.pairs[i].key;
        if (k->kind != CF_SCALAR || cf_map_get(props, k->u.str) || matching_pattern_property(pp, k))
            continue;
        if (forbidden) {
            cf_buf r = repr_of(k);
            if (pp) {
                /* cfn-lint names the patterns instead, sorted */
                cf_buf pats = {0};
                sorted_pattern_list(&pats, pp);
                fail(v, "E3002", k, "%s does not match any of the regexes: %s", r.data, pats.data ? pats.data : "")
                    ->detail = props;
                buf_free(&pats);
            } else {
                const char *hint = close_property(props, k);
                if (hint)
                    fail(v, "E3002", k, "Additional properties are not allowed (%s was unexpected. Did you mean '%s'?)",
                         r.data, hint)->detail = props;
                else
                    fail(v, "E3002", k, "Additional properties are not allowed (%s was unexpected)", r.data)->detail = props;
            }
            buf_free(&r);
        } else if (arg->kind == CF_MAPPING) {
            cf_validate(v, arg, inst->u.pairs[i].value);
        }
    }
}

/* Where a finding about a whole object goes: its key, or for a list item
 * (or the resource's Properties' own absence) the object itself. */
static const cf_node *object_at(const cf_node *inst)
{
    return cf_loc_key(inst);
}

static bool present(const cf_node *obj, const char *name)
{
    const cf_node *val = cf_map_get(obj, name);
    return val && !is_no_value(val);
}

static void kw_required(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING || arg->kind != CF_SEQUENCE)
        return;
    for (uint32_t i = 0; i < arg->len; i++) {
        const cf_node *name = arg->u.items[i];
        if (name->kind == CF_SCALAR && !cf_map_get(inst, name->u.str))
            fail(v, "E3003", object_at(inst), "'%s' is a required property", name->u.str);
    }
}

static void list_words(cf_buf *b, const cf_node *names)
{
    cf_repr_max(b, names, 100000);
}

static void kw_required_xor(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING || arg->kind != CF_SEQUENCE)
        return;
    uint32_t count = 0;
    for (uint32_t i = 0; i < arg->len; i++)
        count += arg->u.items[i]->kind == CF_SCALAR && present(inst, arg->u.items[i]->u.str);
    if (count == 1)
        return;
    cf_buf names = {0};
    list_words(&names, arg);
    if (count == 0) {
        fail(v, "E3014", object_at(inst), "Only one of %s is a required property", names.data);
    } else {
        for (uint32_t i = 0; i < arg->len; i++) {
            const cf_pair *p = arg->u.items[i]->kind == CF_SCALAR ? cf_map_pair(inst, arg->u.items[i]->u.str) : NULL;
            if (p && !is_no_value(p->value))
                fail(v, "E3014", p->key, "Only one of %s is a required property", names.data);
        }
    }
    buf_free(&names);
}

static void kw_required_or(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING || arg->kind != CF_SEQUENCE)
        return;
    for (uint32_t i = 0; i < arg->len; i++)
        if (arg->u.items[i]->kind == CF_SCALAR && present(inst, arg->u.items[i]->u.str))
            return;
    cf_buf names = {0};
    list_words(&names, arg);
    fail(v, "E3058", object_at(inst), "One of %s is a required property", names.data);
    buf_free(&names);
}

/* dependentRequired / dependencies (list form): having A needs B. */
static void dependent_required(cf_validator *v, const cf_node *arg, const cf_node *inst)
{
    if (inst->kind != CF_MAPPING || arg->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < arg->len; i++) {
        const cf_node *name = arg->u.pairs[i].key, *needs = arg->u.pairs[i].value;
        const cf_pair *have = cf_map_pair(inst, name->u.str);
        if (!have || is_no_value(have->value))
            continue;
        if (needs->kind == CF_SEQUENCE) {
            for (uint32_t j = 0; j < needs->len; j++)
                if (needs->u.items[j]->kind == CF_SCALAR && !present(inst, needs->u.items[j]->u.str))
                    fail(v, "E3021", cf_loc_key(inst), "'%s' is a dependency of '%s'", needs->u.items[j]->u.str, name->u.str);
        } else if (needs->kind == CF_MAPPING) {
            cf_validate(v, needs, inst);
        }
    }
}

static void kw_dependent_required(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; dependent_required(v, a, i); }

static void kw_dependent_excluded(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING || arg->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < arg->len; i++) {
        const cf_node *name = arg->u.pairs[i].key, *excl = arg->u.pairs[i].value;
        if (!present(inst, name->u.str) || excl->kind != CF_SEQUENCE)
            continue;
        for (uint32_t j = 0; j < excl->len; j++) {
            const cf_pair *p = excl->u.items[j]->kind == CF_SCALAR ? cf_map_pair(inst, excl->u.items[j]->u.str) : NULL;
            if (p && !is_no_value(p->value))
                fail(v, "E3020", p->key, "'%s' should not be included with '%s'", excl->u.items[j]->u.str, name->u.str);
        }
    }
}

/* Validate into a trial list; the caller decides what to keep. */
static size_t trial(cf_validator *v, const cf_node *schema, const cf_node *inst, cf_diags *into)
{
    cf_diags *saved = v->sink;
    const char *saved_rule = v->rule;
    v->sink = into;
    cf_validate(v, schema, inst);
    v->sink = saved;
    v->rule = saved_rule;
    return into->n;
}

static void keep(cf_validator *v, cf_diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        GROW(v->sink->v, v->sink->cap, v->sink->n + 1);
        v->sink->v[v->sink->n++] = from->v[i];
    }
    from->n = 0;
    cf_diags_free(from);
}

/* "contains": some item is valid under the schema.  An item that is a
 * function inside an "if" can't be judged: then neither can the whole. */
static void kw_contains(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_SEQUENCE)
        return;
    bool saved = v->unknown, unknown = false;
    for (uint32_t i = 0; i < inst->len; i++) {
        if (is_no_value(inst->u.items[i]))
            continue;
        cf_diags t = {0};
        v->unknown = false;
        bool ok = trial(v, arg, inst->u.items[i], &t) == 0;
        cf_diags_free(&t);
        if (ok && !v->unknown) {
            v->unknown = saved;
            return;
        }
        unknown |= v->unknown;
    }
    v->unknown = saved || unknown;
    if (unknown)
        return;
    cf_buf r = repr_of(inst);
    fail(v, "E3012", cf_loc_key(inst), "%s does not contain items matching the given schema", r.data);
    buf_free(&r);
}

/* Whether some schema of an anyOf/oneOf meets a function (an Fn::If's
 * branches are judged) on its way through the value.  cfn-lint 1.51
 * judges these schemas with functions unresolved: a function there
 * leaves the schema undecided, and a
 * combinator no schema of which is known to hold says nothing (the
 * findings of its other schemas included). */
static bool undecidable(cf_validator *v, const cf_node *arg, const cf_node *inst)
{
    bool saved = v->unknown, unknown = false, saved_ifs = v->if_branches_known;
    for (uint32_t i = 0; i < arg->len && !unknown; i++) {
        cf_diags t = {0};
        v->unknown = false;
        v->in_condition++;
        v->if_branches_known = v->in_condition == 1 || saved_ifs; /* not inside an "if"'s trial */
        trial(v, arg->u.items[i], inst, &t);
        v->if_branches_known = saved_ifs;
        v->in_condition--;
        unknown = v->unknown;
        cf_diags_free(&t);
    }
    v->unknown = saved;
    return unknown;
}

static void combinator(cf_validator *v, const cf_node *arg, const cf_node *inst, bool one)
{
    if (arg->kind != CF_SEQUENCE || !arg->len)
        return;
    cf_diags *tries = xcalloc(arg->len, sizeof *tries);
    uint32_t valid = 0;
    for (uint32_t i = 0; i < arg->len; i++)
        valid += trial(v, arg->u.items[i], inst, &tries[i]) == 0;
    if (valid == 0 && undecidable(v, arg, inst)) {
        /* cfn-lint cannot tell: nothing is said */
    } else if (valid == 0) {
        /* as cfn-lint: every branch's findings, then the summary */
        for (uint32_t i = 0; i < arg->len; i++)
            keep(v, &tries[i]);
        cf_buf r = repr_of(inst);
        fail(v, one ? "E3018" : "E3017", cf_loc_key(inst), "%s is not valid under any of the given schemas", r.data);
        buf_free(&r);
    } else if (one && valid > 1) {
        cf_buf r = repr_of(inst);
        fail(v, "E3018", cf_loc_key(inst), "%s is valid under each of %u of the given schemas", r.data, valid);
        buf_free(&r);
    }
    for (uint32_t i = 0; i < arg->len; i++)
        cf_diags_free(&tries[i]);
    free(tries);
}

static void kw_any_of(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; combinator(v, a, i, false); }
static void kw_one_of(cf_validator *v, const cf_node *s, const cf_node *a, const cf_node *i) { (void)s; combinator(v, a, i, true); }

/* cfn-lint 1.51 gives up on a whole allOf when any of its schemas meets an
 * "if" it cannot decide: nothing the allOf finds is said, and the
 * enclosing allOf gives up too. */
static void kw_all_of(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    bool saved = v->undecided;
    v->undecided = false;
    cf_diags found = {0};
    for (uint32_t i = 0; arg->kind == CF_SEQUENCE && i < arg->len; i++)
        trial(v, arg->u.items[i], inst, &found);
    if (v->undecided) {
        cf_diags_free(&found);
        return; /* still undecided, for the allOf around this one */
    }
    keep(v, &found);
    v->undecided = saved;
}

/* Each key of a mapping judged as a string by the schema (findings on
 * the key). */
static void kw_property_names(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (inst->kind != CF_MAPPING || cf_intrinsic_name(inst))
        return;
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *k = inst->u.pairs[i].key;
        if (k->kind == CF_SCALAR && k->type == CF_TYPE_STR)
            cf_validate(v, arg, k);
    }
}

static void kw_not(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    cf_diags t = {0};
    if (trial(v, arg, inst, &t) == 0) {
        cf_buf r = repr_of(inst), s = repr_of(arg);
        fail(v, "E3012", cf_loc_key(inst), "%s should not be valid under %s", r.data, s.data);
        buf_free(&r);
        buf_free(&s);
    }
    cf_diags_free(&t);
}

/* An "if" that certainly does not hold, seen without a trial run (the
 * extension schemas test hundreds of Engine/EngineVersion pairs, one
 * if/then each): it has only properties, required and type; every property
 * it looks at is absent or a plain scalar (a function would make the
 * outcome unknown), and a required one is missing or a const differs. */
static bool if_fails_fast(const cf_node *arg, const cf_node *inst)
{
    if (arg->kind != CF_MAPPING || inst->kind != CF_MAPPING || cf_intrinsic_name(inst))
        return false;
    for (uint32_t i = 0; i < arg->len; i++) {
        const char *k = arg->u.pairs[i].key->u.str;
        if (strcmp(k, "properties") && strcmp(k, "required") && strcmp(k, "type"))
            return false;
    }
    const cf_node *props = cf_map_get(arg, "properties"), *req = cf_map_get(arg, "required");
    bool fails = false;
    for (uint32_t i = 0; props && props->kind == CF_MAPPING && i < props->len; i++) {
        const cf_node *value = cf_map_get(inst, props->u.pairs[i].key->u.str);
        if (!value)
            continue;
        if (value->kind != CF_SCALAR)
            return false;
        const cf_node *c = cf_map_get(props->u.pairs[i].value, "const");
        if (c && c->kind == CF_SCALAR && !scalar_equals(c, value, false))
            fails = true;
    }
    for (uint32_t i = 0; req && req->kind == CF_SEQUENCE && i < req->len; i++)
        if (req->u.items[i]->kind == CF_SCALAR && !cf_map_get(inst, req->u.items[i]->u.str))
            fails = true;
    return fails;
}

static void kw_if(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    if (if_fails_fast(arg, inst)) {
        const cf_node *otherwise = cf_map_get(schema, "else");
        if (otherwise)
            cf_validate(v, otherwise, inst);
        return;
    }
    cf_diags t = {0};
    bool saved = v->unknown;
    v->unknown = false;
    v->in_condition++;
    bool holds = trial(v, arg, inst, &t) == 0;
    v->in_condition--;
    bool unknown = v->unknown;
    v->unknown = saved;
    cf_diags_free(&t);
    if (unknown) {
        v->undecided = true;
        return; /* the condition depends on a value known only at deploy time */
    }
    const cf_node *next = cf_map_get(schema, holds ? "then" : "else");
    if (next)
        cf_validate(v, next, inst);
}

static void kw_ref(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (arg->kind != CF_SCALAR)
        return;
    const char *hash = strchr(arg->u.str, '#');
    if (!hash || hash == arg->u.str) {
        cf_validate(v, cf_schema_ref(v->root, arg->u.str), inst);
        return;
    }
    /* "policy#/definitions/Action": another document, known by its $id */
    char *id = xstrndup(arg->u.str, (size_t)(hash - arg->u.str));
    const cf_node *doc = v->document ? v->document(v->ctx, id) : NULL;
    free(id);
    if (!doc)
        return;
    const cf_node *saved = v->root;
    v->root = doc;
    cf_validate(v, strcmp(hash, "#") ? cf_schema_ref(doc, hash) : doc, inst);
    v->root = saved;
}

/* Formats cfn-lint knows, with its rule ids and patterns. */
static const struct {
    const char *format, *rule, *pattern, *name;
} formats[] = {
    {"AWS::ACM::Certificate.Arn", "E1159", "^arn:aws[a-zA-Z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+$", NULL},
    {"AWS::EC2::Image.Id", "E1152", "^ami-([0-9a-z]{8}|[0-9a-z]{17})$", NULL},
    {"AWS::EC2::SecurityGroup.Id", "E1150", "^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$", NULL},
    {"AWS::EC2::SecurityGroup.Name", "E1153", "^[a-zA-Z0-9 \\._\\-:\\/()#\\,@\\[\\]+=&;\\{\\}!\\$\\*]+$", NULL},
    {"AWS::EC2::SecurityGroup.Ids", "E1150", "^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$", "AWS::EC2::SecurityGroup.Id"},
    {"AWS::EC2::Subnet.Id", "E1154", "^subnet-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$", NULL},
    /* cfn-lint's log group name rule is keyed to the subnet id format */
    {"AWS::EC2::Subnet.Id", "E1155", "^[\\.\\-_\\/#A-Za-z0-9]{1,512}\\Z", NULL},
    {"AWS::EC2::Subnet.Ids", "E1154", "^subnet-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$", "AWS::EC2::Subnet.Id"},
    {"AWS::EC2::VPC.Id", "E1151", "^vpc-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$", NULL},
    {"AWS::IAM::Role.Arn", "E1156", "^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/.+$", NULL},
    {"AWS::KMS::Alias.AliasName", "E1164", "^alias/[a-zA-Z0-9:/_-]+$", NULL},
    {"AWS::KMS::Key.Arn", "E1157", "^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+$", NULL},
    {"AWS::KMS::Key.Id", "E1162", "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[a-zA-Z0-9/_-]+)$", NULL},
    {"AWS::Lambda::Function.Arn", "E1160", "^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:.+(:.+)?$", NULL},
    {"AWS::Lambda::Function.Name", "E1163", "^[a-zA-Z0-9_-]{1,140}$", NULL},
    {"AWS::S3::Bucket.Name", "E1161", "^(?![.\\-])(?!.*\\.\\.)(?!.*\\-\\.)(?!.*\\.\\-)[a-z0-9.\\-]{3,63}(?<![.\\-])$", NULL},
    {"AWS::SNS::Topic.Arn", "E1158", "^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\\d{12}:.+$", NULL},
};

/* The formats Python's ipaddress and cfn-lint's format checker know,
 * judged as they judge them (defined at the end of this file). */
static bool format_ipv4(const char *s);
static bool format_ipv6(const char *s);
static bool format_ipv4_network(const char *s);
static bool format_ipv6_network(const char *s);
static bool format_date_time(const char *s);

static void kw_format(cf_validator *v, const cf_node *schema, const cf_node *arg, const cf_node *inst)
{
    (void)schema;
    if (arg->kind != CF_SCALAR || inst->kind != CF_SCALAR || inst->type != CF_TYPE_STR || is_dynamic_reference(inst))
        return;
    const char *f = arg->u.str;
    bool (*check)(const char *) = !strcmp(f, "ipv4")           ? format_ipv4
                                  : !strcmp(f, "ipv6")           ? format_ipv6
                                  : !strcmp(f, "ipv4-network")   ? format_ipv4_network
                                  : !strcmp(f, "ipv6-network")   ? format_ipv6_network
                                  : !strcmp(f, "date-time")      ? format_date_time
                                                                 : NULL;
    if (check) {
        /* a NUL inside the text is never part of an address or a time */
        if (strlen(inst->u.str) != inst->len || !check(inst->u.str)) {
            cf_buf r = repr_of(inst);
            fail(v, "E3002", cf_loc_key(inst), "%s is not a '%s'", r.data, f);
            buf_free(&r);
        }
        return;
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(formats[i].format, f) != 0)
            continue;
        if (cf_regex_search(formats[i].pattern, inst->u.str, inst->len) == 0) {
            cf_buf r = repr_of(inst), p = {0};
            cf_repr_str(&p, formats[i].pattern, strlen(formats[i].pattern));
            fail(v, formats[i].rule, cf_loc_key(inst), "%s is not a '%s' with pattern %s", r.data,
                 formats[i].name ? formats[i].name : f, p.data);
            buf_free(&r);
            buf_free(&p);
        }
    }
}

/* A keyword that judges an object or list as a whole (which entries it
 * has, how many) is a "group" keyword: it judges the value as each
 * scenario of its entries' conditions makes it (see cf_validate). */
typedef struct keyword {
    const char *name;
    keyword_fn fn;
    bool group;
} keyword;

static keyword keywords[] = {
    {"$ref", kw_ref, false},
    {"additionalProperties", kw_additional_properties, false},
    {"allOf", kw_all_of, false},
    {"anyOf", kw_any_of, false},
    {"const", kw_const, false},
    {"contains", kw_contains, false},
    {"dependencies", kw_dependent_required, true},
    {"dependentExcluded", kw_dependent_excluded, true},
    {"dependentRequired", kw_dependent_required, true},
    {"enum", kw_enum, false},
    {"enumCaseInsensitive", kw_enum_ci, false},
    {"exclusiveMaximum", kw_xmaximum, false},
    {"exclusiveMinimum", kw_xminimum, false},
    {"format", kw_format, false},
    {"if", kw_if, true},
    {"items", kw_items, false},
    {"maxItems", kw_max_items, true},
    {"maxLength", kw_max_length, false},
    {"maximum", kw_maximum, false},
    {"minItems", kw_min_items, true},
    {"minLength", kw_min_length, false},
    {"minimum", kw_minimum, false},
    {"multipleOf", kw_multiple_of, false},
    {"not", kw_not, false},
    {"oneOf", kw_one_of, false},
    {"pattern", kw_pattern, false},
    {"patternProperties", kw_pattern_properties, false},
    {"prefixItems", kw_prefix_items, false},
    {"properties", kw_properties, false},
    {"propertyNames", kw_property_names, false},
    {"required", kw_required, true},
    {"requiredOr", kw_required_or, true},
    {"requiredXor", kw_required_xor, true},
    {"type", kw_type, false},
    {"uniqueItems", kw_unique_items, true},
};

static int cmp_keyword(const void *a, const void *b)
{
    return strcmp(((const keyword *)a)->name, ((const keyword *)b)->name);
}

static void sort_keywords(void)
{
    qsort(keywords, sizeof keywords / sizeof keywords[0], sizeof keywords[0], cmp_keyword);
}

static const keyword *find_keyword(const char *name)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sort_keywords);
    size_t lo = 0, hi = sizeof keywords / sizeof keywords[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(keywords[mid].name, name);
        if (!c)
            return &keywords[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* --- conditions ------------------------------------------------------------- */

/* An Fn::If whose condition the template defines: its three arguments,
 * and the condition's index in *cond; NULL otherwise. */
static const cf_node *if_with_condition(const cf_validator *v, const cf_node *n, uint32_t *cond)
{
    const char *fn = cf_intrinsic_name(n);
    if (!fn || strcmp(fn, "Fn::If") != 0 || !v->ctx->conds)
        return NULL;
    const cf_node *args = n->u.pairs[0].value;
    if (args->kind != CF_SEQUENCE || args->len != 3)
        return NULL;
    const cf_node *name = args->u.items[0];
    if (name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return NULL;
    long c = cf_conds_find(v->ctx->conds, name->u.str, name->len);
    if (c < 0)
        return NULL;
    *cond = (uint32_t)c;
    return args;
}

/* Whether a parameter can have this literal as its value where the walk
 * is (W1030 judges only those). */
static bool value_possible(const cf_validator *v, const cf_named *param, const cf_node *literal)
{
    if (!v->ctx->conds || !v->scenario.n)
        return true;
    char *text = cf_conds_literal(literal);
    bool possible = cf_conds_value_possible(v->ctx->conds, &v->scenario, param->name, text);
    free(text);
    return possible;
}

/* --- intrinsic functions as values ---------------------------------------- */

/* What each function yields, and the rule its misuse is reported under. */
static const struct {
    const char *name, *rule;
    unsigned yields;
} functions[] = {
    {"Condition", "E1028", K_BOOLEAN},
    {"Fn::And", "E1028", K_BOOLEAN},
    {"Fn::Base64", "E1021", K_STRING},
    {"Fn::Cidr", "E1024", K_ARRAY},
    {"Fn::Equals", "E1028", K_BOOLEAN},
    {"Fn::FindInMap", "E1011", K_ANY},
    {"Fn::GetAZs", "E1015", K_ARRAY},
    {"Fn::GetAtt", "E1010", K_ANY},
    {"Fn::If", "E1028", K_ANY},
    {"Fn::ImportValue", "E1016", K_STRING | K_ARRAY},
    {"Fn::Join", "E1022", K_STRING},
    {"Fn::Length", "E1030", K_INTEGER | K_NUMBER},
    {"Fn::Not", "E1028", K_BOOLEAN},
    {"Fn::Or", "E1028", K_BOOLEAN},
    {"Fn::Select", "E1017", K_ANY},
    {"Fn::Split", "E1018", K_ARRAY},
    {"Fn::Sub", "E1019", K_STRING},
    {"Fn::ToJsonString", "E1031", K_STRING},
    {"Fn::Transform", NULL, K_ANY},
    {"Ref", "E1020", K_ANY},
};

static int function_index(const char *name)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (!strcmp(functions[i].name, name))
            return (int)i;
    return -1;
}

/* A string kind can be read as a number or boolean at deploy time. */
static unsigned widen(unsigned kinds)
{
    if (kinds & K_STRING)
        kinds |= K_INTEGER | K_NUMBER | K_BOOLEAN;
    if (kinds & (K_INTEGER | K_NUMBER))
        kinds |= K_STRING | K_INTEGER | K_NUMBER;
    return kinds;
}

/* The kinds a parameter's value has, from its Type. */
static unsigned parameter_kinds(const cf_node *param)
{
    const cf_node *type = cf_map_get(param, "Type");
    if (!type || type->kind != CF_SCALAR)
        return K_ANY;
    const char *t = type->u.str;
    if (!cf_param_type_known(t))
        return 0; /* CloudFormation does not validate it: no type to trust */
    if (cf_param_type_is_list(t))
        return K_ARRAY;
    if (!strcmp(t, "Number"))
        return K_STRING | K_INTEGER | K_NUMBER;
    return K_STRING;
}

static unsigned ref_kinds(cf_validator *v, const cf_node *target, const cf_named **param)
{
    *param = NULL;
    if (!target || target->kind != CF_SCALAR)
        return K_ANY;
    if (cf_is_pseudo_parameter(target->u.str, strlen(target->u.str)))
        return !strcmp(target->u.str, "AWS::NotificationARNs") ? K_ARRAY : K_STRING;
    const cf_named *p = cf_section_get(&v->ctx->tpl->params, target->u.str);
    if (p) {
        *param = p;
        return parameter_kinds(p->value);
    }
    if (cf_template_resource(v->ctx->tpl, target->u.str))
        return K_STRING;
    return K_ANY; /* unknown: the functions check reports it */
}

/* The type of a Fn::GetAtt attribute, from the target resource's schema. */
static unsigned getatt_kinds(cf_validator *v, const cf_node *args, const cf_node **format)
{
    *format = NULL;
    if (!args || args->kind != CF_SEQUENCE || args->len != 2 || args->u.items[0]->kind != CF_SCALAR ||
        args->u.items[1]->kind != CF_SCALAR || !v->ctx->spec)
        return K_ANY;
    const cf_resource *r = cf_template_resource(v->ctx->tpl, args->u.items[0]->u.str);
    if (!r || !r->type_name || !v->ctx->opts->nregions)
        return K_ANY;
    const cf_node *schema = cf_spec_schema(v->ctx->spec, r->type_name, v->ctx->opts->regions[0]);
    const cf_node *attr = schema ? cf_schema_attribute(schema, args->u.items[1]->u.str) : NULL;
    if (!attr)
        return K_ANY;
    const cf_node *f = cf_map_get(attr, "format");
    if (f && f->kind == CF_SCALAR)
        *format = f;
    unsigned k = schema_kinds(cf_map_get(attr, "type"), NULL);
    return k ? k : K_ANY;
}

/* A CommaDelimitedList's Default as the list it stands for; the items
 * keep the Default's span. */
static const cf_node *split_list(cf_arena *a, const cf_node *def)
{
    size_t count = 1;
    for (uint32_t i = 0; i < def->len; i++)
        count += def->u.str[i] == ',';
    cf_node *seq = arena_zalloc(a, sizeof *seq);
    *seq = *def;
    seq->kind = CF_SEQUENCE;
    seq->len = (uint32_t)count;
    seq->u.items = arena_alloc(a, sizeof(cf_node *) * count);
    const char *p = def->u.str;
    for (size_t i = 0; i < count; i++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        cf_node *item = arena_zalloc(a, sizeof *item);
        *item = *def;
        item->type = CF_TYPE_STR;
        item->parent = seq;
        item->index = (uint32_t)i;
        item->u.str = arena_strndup(a, p, len);
        item->len = (uint32_t)len;
        seq->u.items[i] = item;
        p = comma ? comma + 1 : p + len;
    }
    return seq;
}

/* Findings of a literal (a parameter's Default or AllowedValues entry)
 * restated about the Ref that stands for it (W1030), as cfn-lint does. */
/* "Resources/Queue/Properties/DelaySeconds": where a Ref is used. */
static char *where_used(const cf_validator *v, const cf_node *at)
{
    cf_buf where = {0};
    const cf_node *start = NULL;
    if (v->path_base) {
        /* a value a transform moves: its path in the transformed template */
        const cf_node *n = at == cf_loc_key(v->path_base) ? v->path_base : at;
        for (const cf_node *up = n; up && !start; up = up->parent)
            if (up == v->path_base)
                start = up;
        if (start) {
            buf_adds(&where, v->path_text);
            at = n;
        }
    }
    size_t depth = cf_node_path(at, NULL, 0), from = start ? cf_node_depth(start) : 0;
    cf_pathc *path = xmalloc(sizeof *path * (depth + 1));
    cf_node_path(at, path, depth);
    for (size_t i = from; i < depth; i++) {
        bool first = !where.len;
        if (path[i].key)
            buf_printf(&where, "%s%s", first ? "" : "/", path[i].key);
        else
            buf_printf(&where, "%s%u", first ? "" : "/", path[i].index);
    }
    free(path);
    return buf_steal(&where);
}

/* s with every `from` replaced by `to` (Python's str.replace). */
static char *replace_all(const char *s, const char *from, const char *to)
{
    cf_buf b = {0};
    size_t n = strlen(from);
    for (const char *p; n && (p = strstr(s, from)); s = p + n) {
        buf_add(&b, s, (size_t)(p - s));
        buf_adds(&b, to);
    }
    buf_adds(&b, s);
    return buf_steal(&b);
}

/* One finding about a parameter's literal, said about the Ref instead.
 * cfn-lint places what a parameter's value breaks of the destination's
 * enum, pattern or number range on the parameter's value, naming where
 * the Ref is (its W2030, W2031 and W3034, restated as W1030), and every
 * other finding on the Ref itself. */
static void restate(cf_validator *v, const cf_node *ref, const cf_node *literal, const cf_node *from,
                    const cf_diag *d, const char *suffix)
{
    /* the value's repr becomes the Ref's, wherever it is (cfn-lint's
     * str.replace) */
    cf_buf lit = repr_of(literal), refr = repr_of(ref);
    char *msg = replace_all(d->message, lit.data, refr.data);
    const char *id = d->rule->id;
    if (!from || (strcmp(id, "E3030") && strcmp(id, "E3031") && strcmp(id, "E3034"))) {
        /* about the Ref's key: placed where cfn-lint finds it on its way up
         * (a value given for the parameter has no place of its own) */
        const cf_node *key = ref->u.pairs[0].key;
        cf_diag_about(fail(v, "W1030", cf_sect_place(key), "%s when 'Ref' is resolved%s", msg, suffix), key);
    } else {
        char *where = where_used(v, cf_loc_key(ref));
        cf_diag_about(
            fail(v, "W1030", cf_sect_place(from), "%s when 'Ref' is resolved at '%s'%s", msg, where, suffix), from);
        free(where);
    }
    free(msg);
    buf_free(&lit);
    buf_free(&refr);
}

/* With values given for the parameters: what cfn-lint adds to a finding
 * about the value a Ref resolved to, " to VALUE" when --parameters gave
 * it, else " to VALUE from [FILES]" naming the files that gave that very
 * value (none when it is the Default).  NULL without given values. */
static char *given_suffix(const cf_validator *v, const cf_named *param, const cf_node *value)
{
    const cf_param_sets *sets = v->ctx->opts->param_sets;
    if (!sets || !sets->n)
        return NULL;
    cf_buf r = repr_of(value), out = {0}, files = {0};
    bool from_cli = false;
    for (size_t i = 0; i < sets->n && !from_cli; i++) {
        const cf_node *given = cf_param_set_get(&sets->v[i], param->name);
        if (!given)
            continue;
        cf_buf g = repr_of(given);
        if (!strcmp(g.data, r.data)) {
            if (sets->v[i].source) {
                buf_adds(&files, files.len ? ", " : "");
                cf_repr_str(&files, sets->v[i].source, strlen(sets->v[i].source));
            } else {
                from_cli = true;
            }
        }
        buf_free(&g);
    }
    if (from_cli)
        buf_printf(&out, " to %s", r.data);
    else
        buf_printf(&out, " to %s from [%s]", r.data, files.len ? files.data : "");
    buf_free(&r);
    buf_free(&files);
    return buf_steal(&out);
}

/* A parameter's literal as the value a Ref to it stands for: a list
 * parameter's "a,b" is the list [a, b]; any other value is its text
 * (str(), as cfn-lint takes it: 1000 is '1000'). */
static const cf_node *literal_value(cf_arena *scratch, const cf_node *literal, bool list)
{
    if (list && literal->type == CF_TYPE_STR)
        return split_list(scratch, literal);
    if (literal->type == CF_TYPE_STR)
        return literal;
    char *text = cf_py_str(literal);
    cf_node *n = arena_zalloc(scratch, sizeof *n);
    *n = *literal;
    n->type = CF_TYPE_STR;
    n->style = CF_STYLE_SINGLE;
    n->u.str = arena_strndup(scratch, text, strlen(text));
    n->len = (uint32_t)strlen(text);
    free(text);
    return n;
}

/* Findings of a literal (a parameter's Default or AllowedValues entry)
 * restated about the Ref that stands for it (W1030), as cfn-lint does. */
static void resolved_value(cf_validator *v, const cf_node *schema, const cf_node *ref, const cf_named *param,
                           const cf_node *literal, bool list, cf_arena *scratch)
{
    if (literal->kind != CF_SCALAR || (!list && !value_possible(v, param, literal)))
        return;
    const cf_node *value = literal_value(scratch, literal, list);
    cf_diags t = {0};
    trial(v, schema, value, &t);
    char *suffix = t.n ? given_suffix(v, param, value) : NULL;
    for (size_t k = 0; k < t.n; k++)
        restate(v, ref, value, literal, &t.v[k], suffix ? suffix : "");
    free(suffix);
    cf_diags_free(&t);
}

/* A value given for the parameter (--parameters, a parameter or
 * deployment file), judged as it is: said about the Ref. */
static void given_value(cf_validator *v, const cf_node *schema, const cf_node *ref, const cf_named *param,
                        const cf_node *value)
{
    cf_diags t = {0};
    trial(v, schema, value, &t);
    char *suffix = t.n ? given_suffix(v, param, value) : NULL;
    for (size_t k = 0; k < t.n; k++)
        restate(v, ref, value, NULL, &t.v[k], suffix);
    free(suffix);
    cf_diags_free(&t);
}

/* Whether the conditions in force here allow the values set s gives
 * (and, when param is not NULL, its Default def): each one possible. */
static bool set_possible(const cf_validator *v, const cf_param_set *set, const cf_named *param, const cf_node *def)
{
    if (!v->ctx->conds || !v->scenario.n)
        return true;
    for (size_t i = 0; i < set->n; i++) {
        const cf_node *val = set->values[i];
        if (set->keys[i]->kind != CF_SCALAR || val->kind != CF_SCALAR)
            continue;
        char *text = cf_conds_literal(val);
        bool possible = cf_conds_value_possible(v->ctx->conds, &v->scenario, set->keys[i]->u.str, text);
        free(text);
        if (!possible)
            return false;
    }
    if (param && def && def->kind == CF_SCALAR) {
        char *text = cf_conds_literal(def);
        bool possible = cf_conds_value_possible(v->ctx->conds, &v->scenario, param->name, text);
        free(text);
        return possible;
    }
    return true;
}

/* With values given for the parameters, each set in turn: the value it
 * gives, else the parameter's Default (nothing else: cfn-lint does not
 * fall back to AllowedValues then). */
static void resolved_from_sets(cf_validator *v, const cf_node *schema, const cf_node *ref, const cf_named *param)
{
    const cf_param_sets *sets = v->ctx->opts->param_sets;
    const cf_node *type = cf_map_get(param->value, "Type");
    bool list = parameter_kinds(param->value) == K_ARRAY;
    bool ssm = !type || type->kind != CF_SCALAR || !strncmp(type->u.str, "AWS::SSM::Parameter::", 21);
    const cf_node *def = cf_map_get(param->value, "Default");
    cf_arena scratch;
    arena_init(&scratch);
    for (size_t i = 0; i < sets->n; i++) {
        const cf_node *given = cf_param_set_get(&sets->v[i], param->name);
        if (!set_possible(v, &sets->v[i], given ? NULL : param, def))
            continue; /* the conditions in force rule these values out */
        if (given)
            given_value(v, schema, ref, param, given);
        else if (def && !ssm)
            resolved_value(v, schema, ref, param, def, list, &scratch);
    }
    arena_free(&scratch);
}

/* ---- AllowedValues judged once per destination ----------------------------
 * A Ref to a parameter with AllowedValues has each value judged against
 * the schema where the Ref is.  Most values pass, and whether one does
 * depends only on the value, the schema and the validator's settings, not
 * on where the Ref is; so the values that fail are found once per
 * (schema, parameter, settings), and each Ref judges only those again
 * (their findings are made afresh: they name the Ref and its conditions). */

/* What decides whether a value meets a schema (rewording does not: it
 * changes a finding's words, never whether there is one). */
typedef struct values_key {
    const cf_node *schema, *root, *resource_schema, *param;
    const cf_node *(*document)(cf_lint_ctx *ctx, const char *id);
    int depth; /* how deep the walk is (recursion stops at MAX_DEPTH) */
    unsigned flags;
} values_key;

typedef struct values_entry {
    values_key key;   /* the map's key: bytes, zeroed padding */
    uint32_t *failing; /* indexes into AllowedValues */
    size_t n;
} values_entry;

struct cf_values_memo {
    strmap entries; /* values_key bytes -> values_entry */
};

struct cf_values_memo *cf_values_memo_new(void)
{
    struct cf_values_memo *m = xcalloc(1, sizeof *m);
    strmap_init(&m->entries);
    return m;
}

void cf_values_memo_free(struct cf_values_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->entries.cap; i++) {
        values_entry *e = m->entries.slots[i].key ? m->entries.slots[i].value : NULL;
        if (e) {
            free(e->failing);
            free(e);
        }
    }
    strmap_free(&m->entries);
    free(m);
}

/* The AllowedValues that the schema finds fault with, as the validator
 * is set now; NULL when they cannot be kept (a schema of the caller's
 * own, which may not outlive the call: its address may come back). */
static const values_entry *failing_values(cf_validator *v, const cf_node *schema, const cf_named *param,
                                          const cf_node *allowed, bool list)
{
    struct cf_values_memo *m = v->ctx->values_memo;
    if (!m || v->own_schema)
        return NULL;
    values_key key;
    memset(&key, 0, sizeof key);
    key.schema = schema;
    key.root = v->root;
    key.param = param->value;
    key.resource_schema = v->resource_schema;
    key.document = v->document;
    key.depth = v->depth;
    key.flags = (unsigned)v->type_nulls | (unsigned)v->core_wording << 1 | (unsigned)v->groups_done << 2 |
                (unsigned)v->no_functions << 3 | (unsigned)(v->in_condition > 0) << 4 |
                (unsigned)(v->false_message != NULL) << 5 | (unsigned)v->if_branches_known << 6;
    values_entry *e = strmap_get(&m->entries, (const char *)&key, sizeof key);
    if (e)
        return e;
    e = xcalloc(1, sizeof *e);
    e->key = key;
    size_t cap = 0;
    cf_arena scratch;
    arena_init(&scratch);
    for (uint32_t i = 0; i < allowed->len; i++) {
        const cf_node *literal = allowed->u.items[i];
        if (literal->kind != CF_SCALAR)
            continue;
        cf_diags t = {0};
        if (trial(v, schema, literal_value(&scratch, literal, list), &t)) {
            GROW(e->failing, cap, e->n + 1);
            e->failing[e->n++] = i;
        }
        cf_diags_free(&t);
    }
    arena_free(&scratch);
    strmap_put(&m->entries, (const char *)&e->key, sizeof e->key, e);
    return e;
}

/* The values a Ref to a parameter stands for, as cfn-lint takes them: its
 * AllowedValues when it has any (its Default is one of them, or E2015's
 * problem), else its Default, MinValue and MaxValue. */
static void resolved_findings(cf_validator *v, const cf_node *schema, const cf_node *ref, const cf_named *param)
{
    const cf_node *type = cf_map_get(param->value, "Type");
    /* judged by the keywords' own rules, said under W1030 whatever rule
     * this walk reports under (an IAM policy's, the tagging rule's) */
    const char *rule = v->rule;
    if (v->ctx->opts->param_sets && v->ctx->opts->param_sets->n) {
        v->rule = NULL;
        resolved_from_sets(v, schema, ref, param);
        v->rule = rule;
        return;
    }
    if (!type || type->kind != CF_SCALAR || !strncmp(type->u.str, "AWS::SSM::Parameter::", 21))
        return; /* an SSM parameter's Default names the parameter, not its value */
    bool list = parameter_kinds(param->value) == K_ARRAY;
    const cf_node *allowed = cf_map_get(param->value, "AllowedValues");
    v->rule = NULL;
    cf_arena scratch;
    arena_init(&scratch);
    if (allowed && allowed->kind == CF_SEQUENCE && allowed->len) {
        const values_entry *failing = failing_values(v, schema, param, allowed, list);
        if (failing)
            for (size_t i = 0; i < failing->n; i++)
                resolved_value(v, schema, ref, param, allowed->u.items[failing->failing[i]], list, &scratch);
        else
            for (uint32_t i = 0; i < allowed->len; i++)
                resolved_value(v, schema, ref, param, allowed->u.items[i], list, &scratch);
    } else {
        static const char *const sources[] = {"Default", "MinValue", "MaxValue"};
        for (size_t i = 0; i < (list ? 1 : 3); i++) {
            const cf_node *value = cf_map_get(param->value, sources[i]);
            if (value)
                resolved_value(v, schema, ref, param, value, list, &scratch);
        }
    }
    arena_free(&scratch);
    v->rule = rule;
}

/* cfn-lint's older name for a security group id format. */
static const char *format_name(const char *f)
{
    return strcmp(f, "AWS::EC2::SecurityGroup.GroupId") ? f : "AWS::EC2::SecurityGroup.Id";
}

/* E1041: what a Ref to a resource gives (the schema of the resource type's
 * one primary identifier) must have the format the value needs. */
static void ref_format(cf_validator *v, const cf_node *dst, const cf_node *target, const cf_node *inst)
{
    if (!dst || dst->kind != CF_SCALAR || !target || target->kind != CF_SCALAR || !v->ctx->spec)
        return;
    const cf_resource *r = cf_template_resource(v->ctx->tpl, target->u.str);
    if (!r || !r->type_name || !strncmp(r->type_name, "Custom::", 8) ||
        !strcmp(r->type_name, "AWS::CloudFormation::CustomResource"))
        return;
    const char *want = format_name(dst->u.str);
    for (size_t g = 0; g < v->ctx->opts->nregions; g++) {
        const cf_node *rs = cf_spec_schema(v->ctx->spec, r->type_name, v->ctx->opts->regions[g]);
        const cf_node *ids = rs ? cf_map_get(rs, "primaryIdentifier") : NULL;
        if (!ids || ids->kind != CF_SEQUENCE || !ids->len ||
            (ids->len == 1 && (ids->u.items[0]->kind != CF_SCALAR ||
                               strncmp(ids->u.items[0]->u.str, "/properties/", 12) != 0 ||
                               strchr(ids->u.items[0]->u.str + 12, '/'))))
            continue; /* nothing cfnfix can tell the Ref's format from */
        /* the formats the Ref can have */
        cf_buf have = {0};
        bool match = false;
        size_t n = 0;
        if (!strcmp(r->type_name, "AWS::EC2::SecurityGroup")) {
            /* a group in a VPC is known by its id, one outside by its name */
            bool in_vpc = r->properties && r->properties->kind == CF_MAPPING && cf_map_get(r->properties, "VpcId");
            const char *f = in_vpc ? "AWS::EC2::SecurityGroup.Id" : "AWS::EC2::SecurityGroup.Name";
            match = !strcmp(f, want);
            cf_repr_str(&have, f, strlen(f));
            n = 1;
        } else if (ids->len == 1) {
            const cf_node *s = deref(rs, cf_map_get(cf_map_get(rs, "properties"), ids->u.items[0]->u.str + 12));
            const cf_node *f = s ? cf_map_get(s, "format") : NULL;
            const cf_node *any = s ? cf_map_get(s, "anyOf") : NULL;
            if (f && f->kind == CF_SCALAR) {
                match = !strcmp(format_name(f->u.str), want);
                cf_repr_str(&have, format_name(f->u.str), strlen(format_name(f->u.str)));
                n++;
            }
            for (uint32_t i = 0; !match && any && any->kind == CF_SEQUENCE && i < any->len; i++) {
                const cf_node *af = cf_map_get(any->u.items[i], "format");
                if (!af || af->kind != CF_SCALAR)
                    continue;
                match = !strcmp(af->u.str, want);
                buf_adds(&have, n++ ? ", " : "");
                cf_repr_str(&have, af->u.str, strlen(af->u.str));
            }
        }
        if (!match) {
            cf_buf r0 = repr_of(inst);
            if (n)
                fail(v, "E1041", cf_loc_key(inst), "%s with formats [%s] does not match destination format of '%s'",
                     r0.data, have.data, want);
            else
                fail(v, "E1041", cf_loc_key(inst), "%s does not match destination format of '%s'", r0.data, want);
            buf_free(&r0);
        }
        buf_free(&have);
    }
}

/* --- the values functions evaluate to (W1031-W1035) ------------------------ */

/* Functions whose values cfn-lint works out and judges, and the rule a
 * value's problem is reported under. */
static const struct {
    const char *fn, *rule;
} resolved_rules[] = {
    {"Fn::FindInMap", "W1034"}, {"Fn::GetAZs", "W1036"}, {"Fn::Join", "W1032"}, {"Fn::Select", "W1035"},
    {"Fn::Split", "W1033"},     {"Fn::Sub", "W1031"},
    /* cfn-lint declares W1040 for it, but its rule reports them as its own */
    {"Fn::ToJsonString", "E1031"},
};

static const char *resolved_rule(const char *fn)
{
    for (size_t i = 0; i < sizeof resolved_rules / sizeof resolved_rules[0]; i++)
        if (!strcmp(resolved_rules[i].fn, fn))
            return resolved_rules[i].rule;
    return NULL;
}

/* Whether a schema says anything a value could break (cfn-lint resolves
 * only then): a constraining keyword here or in what it holds. */
static bool constrains(const cf_node *s, int depth)
{
    static const char *const keys[] = {"$ref", "enum", "const", "pattern", "minLength", "maxLength", "minimum",
                                       "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format",
                                       "allOf", "anyOf", "oneOf", "not", "if"};
    if (!s || s->kind != CF_MAPPING || depth > 16)
        return false;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (cf_map_get(s, keys[i]))
            return true;
    const cf_node *items = cf_map_get(s, "items"), *extra = cf_map_get(s, "additionalProperties");
    if (constrains(items, depth + 1) || constrains(extra, depth + 1))
        return true;
    const cf_node *prefix = cf_map_get(s, "prefixItems");
    for (uint32_t i = 0; prefix && prefix->kind == CF_SEQUENCE && i < prefix->len; i++)
        if (constrains(prefix->u.items[i], depth + 1))
            return true;
    static const char *const holders[] = {"properties", "patternProperties"};
    for (size_t h = 0; h < 2; h++) {
        const cf_node *m = cf_map_get(s, holders[h]);
        for (uint32_t i = 0; m && m->kind == CF_MAPPING && i < m->len; i++)
            if (constrains(m->u.pairs[i].value, depth + 1))
                return true;
    }
    return false;
}

static bool holds_function(const cf_node *n, int depth)
{
    if (n->kind == CF_SCALAR || depth > 64)
        return false;
    if (cf_intrinsic_name(n))
        return true;
    for (uint32_t i = 0; i < n->len; i++)
        if (holds_function(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i], depth + 1))
            return true;
    return false;
}

typedef struct resolved_run {
    cf_validator *v;
    const cf_node *schema, *inst;
    const char *fn, *rule;
    cf_diags found;
    bool settled; /* a value not from parameters is valid: nothing is said */
} resolved_run;

/* One value: its findings, said about the function (as cfn-lint says
 * them: the value's repr replaced by the function's, "when 'Fn::Join' is
 * resolved"; a parameter value breaking an enum, pattern or number range
 * on that value, naming where the function is). */
static bool judge_resolved(const cf_resolved *res, void *arg)
{
    resolved_run *j = arg;
    cf_validator *v = j->v;
    if (holds_function(res->value, 0))
        return true; /* not all known: nothing to judge */
    cf_scenario saved = v->scenario;
    v->scenario = res->scenario;
    cf_diags t = {0};
    trial(v, j->schema, res->value, &t);
    v->scenario = saved;
    /* cfn-lint does not count a resolved list's items against minItems
     * and maxItems (E3032) */
    size_t counted = 0;
    for (size_t k = 0; k < t.n; k++)
        counted += strcmp(t.v[k].rule->id, "E3032") != 0;
    if (!counted && !res->from_parameters) {
        j->settled = true;
        cf_diags_free(&t);
        return false;
    }
    cf_buf value = repr_of(res->value), inst = repr_of(j->inst);
    cf_diags *sink = v->sink;
    v->sink = &j->found;
    for (size_t k = 0; k < t.n; k++) {
        const char *id = t.v[k].rule->id;
        if (!strcmp(id, "E3032"))
            continue;
        char *msg = replace_all(t.v[k].message, value.data, inst.data);
        bool on_value = res->literal && (!strcmp(id, "E3030") || !strcmp(id, "E3031") || !strcmp(id, "E3034"));
        if (on_value) {
            char *where = where_used(v, cf_loc_key(j->inst));
            cf_diag_about(fail(v, j->rule, cf_sect_place(res->literal), "%s when '%s' is resolved at '%s'", msg, j->fn,
                               where),
                          res->literal);
            free(where);
        } else {
            const cf_node *key = j->inst->u.pairs[0].key;
            cf_diag_about(fail(v, j->rule, cf_sect_place(key), "%s when '%s' is resolved", msg, j->fn), key);
        }
        free(msg);
    }
    v->sink = sink;
    buf_free(&value);
    buf_free(&inst);
    cf_diags_free(&t);
    return true;
}

static void resolved_function_findings(cf_validator *v, const cf_node *schema, const cf_node *inst, const char *fn)
{
    const char *rule = resolved_rule(fn);
    if (!rule || !constrains(schema, 0) || !v->ctx->opts || !v->ctx->opts->nregions)
        return;
    const char *own = v->rule; /* as for W1030: the value's problem is this rule's */
    v->rule = NULL;
    cf_arena arena;
    arena_init(&arena);
    cf_resolver r = {v->ctx->tpl,   v->ctx->conds, v->ctx->opts->regions,         v->ctx->opts->nregions,
                     v->ctx->spec, &arena,         v->ctx->opts->param_sets};
    resolved_run j = {v, schema, inst, fn, rule, {0}, false};
    cf_resolve(&r, inst, &v->scenario, judge_resolved, &j);
    if (j.settled)
        cf_diags_free(&j.found);
    else
        keep(v, &j.found);
    arena_free(&arena);
    v->rule = own;
}

static void validate_function(cf_validator *v, const cf_node *schema, const cf_node *inst, const char *fn, int fi)
{
    const cf_node *args = inst->u.pairs[0].value;
    if (v->in_condition && !(v->if_branches_known && !strcmp(fn, "Fn::If"))) {
        v->unknown = true;
        return;
    }
    if (!strcmp(fn, "Fn::If")) {
        /* each branch under its condition's value; a branch that cannot be
         * taken (W1028, the functions family's) is judged without it */
        uint32_t cond;
        bool known = if_with_condition(v, inst, &cond) != NULL, groups_done = v->groups_done;
        if (args->kind == CF_SEQUENCE && args->len == 3)
            for (uint32_t i = 1; i < 3; i++) {
                if (is_no_value(args->u.items[i])) {
                    /* an anyOf/oneOf schema meets the Ref: undecided (an
                     * unknown condition is E1028's, a known error there) */
                    v->unknown |= v->in_condition > 0 && known;
                    continue;
                }
                cf_scenario saved = v->scenario, next = saved;
                if (known && cf_scenario_set(&next, cond, i == 1) && cf_conds_possible(v->ctx->conds, &next))
                    v->scenario = next;
                v->groups_done = groups_done;
                cf_validate(v, schema, args->u.items[i]);
                v->scenario = saved;
            }
        return;
    }
    if (!strcmp(fn, "Fn::Transform") || is_no_value(inst))
        return;
    unsigned yields = functions[fi].yields;
    const cf_named *param = NULL;
    const cf_node *src_format = NULL;
    if (!strcmp(fn, "Ref"))
        yields = ref_kinds(v, args, &param);
    else if (!strcmp(fn, "Fn::GetAtt"))
        yields = getatt_kinds(v, args, &src_format);
    const cf_node *s = deref(v->root, schema);
    unsigned want = schema_kinds(cf_map_get(s, "type"), NULL);
    if (want && yields != K_ANY && !(widen(yields) & want)) {
        cf_buf r = repr_of(inst), words = {0};
        schema_kinds(cf_map_get(s, "type"), &words);
        fail(v, functions[fi].rule, cf_loc_key(inst), "%s is not of type %s", r.data, words.data);
        buf_free(&r);
        buf_free(&words);
    } else if (param && constrains(schema, 0)) {
        /* a bare type is judged above; only a schema that constrains the
         * value has the parameter's values resolved (as cfn-lint does) */
        resolved_findings(v, schema, inst, param);
    } else if (src_format) {
        const cf_node *dst = cf_map_get(s, "format");
        if (dst && dst->kind == CF_SCALAR && strcmp(dst->u.str, src_format->u.str) != 0 &&
            strncmp(dst->u.str, "AWS::", 5) == 0 && strncmp(src_format->u.str, "AWS::", 5) == 0) {
            cf_buf r = repr_of(inst);
            fail(v, "E1040", cf_loc_key(inst), "%s with formats ['%s'] does not match destination format of '%s'",
                 r.data, src_format->u.str, dst->u.str);
            buf_free(&r);
        }
    } else if (!strcmp(fn, "Ref")) {
        ref_format(v, cf_map_get(s, "format"), args, inst);
    } else {
        resolved_function_findings(v, schema, inst, fn);
    }
}

/* --- compiled schemas ------------------------------------------------------ */

/* A schema object's keywords resolved to their handlers once, so the walk
 * does no string comparisons on the way.  Kept per spec (schemas live as
 * long as it), keyed by the schema node; a schema a rule made itself
 * (own_schema) is compiled for each use, as its nodes go with it. */
typedef struct kw_entry {
    keyword_fn fn;
    const cf_node *arg;
    bool group;
} kw_entry;

typedef struct compiled {
    uint32_t n;
    bool has_group; /* some entry is a group keyword */
    kw_entry e[];
} compiled;

typedef struct schema_cache {
    const cf_node **keys;
    compiled **vals;
    size_t cap, count;
    cf_arena arena;
} schema_cache;

static void *cache_create(void)
{
    schema_cache *c = xcalloc(1, sizeof *c);
    arena_init(&c->arena);
    return c;
}

static void cache_destroy(void *p)
{
    schema_cache *c = p;
    free(c->keys);
    free(c->vals);
    arena_free(&c->arena);
    free(c);
}

static size_t slot_of(const schema_cache *c, const cf_node *key)
{
    uintptr_t h = (uintptr_t)key;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 16) & (c->cap - 1);
    while (c->keys[i] && c->keys[i] != key)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static compiled *compile_into(cf_arena *a, const cf_node *schema)
{
    compiled *out = arena_alloc(a, sizeof *out + sizeof(kw_entry) * (schema->len ? schema->len : 1));
    out->n = 0;
    out->has_group = false;
    for (uint32_t i = 0; i < schema->len; i++) {
        const keyword *k = find_keyword(schema->u.pairs[i].key->u.str);
        if (k) {
            out->e[out->n++] = (kw_entry){k->fn, schema->u.pairs[i].value, k->group};
            out->has_group |= k->group;
        }
    }
    return out;
}

static const compiled *compiled_schema(cf_validator *v, const cf_node *schema, cf_arena *scratch)
{
    if (!v->ctx->spec || v->own_schema)
        return compile_into(scratch, schema);
    schema_cache *c = cf_spec_memo(v->ctx->spec, cache_create, cache_destroy);
    if ((c->count + 1) * 2 > c->cap) {
        schema_cache old = *c;
        c->cap = old.cap ? old.cap * 2 : 1024;
        c->keys = xcalloc(c->cap, sizeof *c->keys);
        c->vals = xcalloc(c->cap, sizeof *c->vals);
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                size_t s = slot_of(c, old.keys[i]);
                c->keys[s] = old.keys[i];
                c->vals[s] = old.vals[i];
            }
        free(old.keys);
        free(old.vals);
    }
    size_t s = slot_of(c, schema);
    if (!c->keys[s]) {
        c->keys[s] = schema;
        c->vals[s] = compile_into(&c->arena, schema);
        c->count++;
    }
    return c->vals[s];
}

/* --- the walk -------------------------------------------------------------- */

/* A `false` schema: nothing may be here (extensions use it for "this
 * property cannot be used in this case"). */
static void false_schema(cf_validator *v, const cf_node *inst)
{
    const char *m = v->false_message;
    const cf_node *key = cf_node_key(inst);
    if (m && !strcmp(m, FALSE_AS_UNEXPECTED) && key) {
        cf_buf r = repr_of(key);
        fail(v, "E3012", key, "Additional properties are not allowed (%s was unexpected)", r.data);
        buf_free(&r);
    } else if (m && strcmp(m, FALSE_AS_UNEXPECTED)) {
        fail(v, "E3012", cf_loc_key(inst), "%s", m);
    } else {
        cf_buf r = repr_of(inst);
        fail(v, "E3012", cf_loc_key(inst), "False schema does not allow %s", r.data);
        buf_free(&r);
    }
}

/* --- a value in each scenario ----------------------------------------------
 * The group keywords (required, requiredXor, minItems, if/then/else...)
 * judge which entries a value has.  An entry written as an Fn::If has the
 * branch its condition's value picks, and AWS::NoValue drops it, so these
 * keywords judge the value as each scenario of those conditions makes it
 * (only the scenarios that can happen, given the ones in force already),
 * placed where the value stands.  A value that is itself an Fn::If (a
 * whole Properties, a property set to one of two objects) is judged this
 * way too, as the branch each scenario picks, with its entries resolved
 * in turn; its branches then get the other keywords only.  Which
 * conditions count, and how far a value is resolved, is cfn-lint's: the
 * entries of the value (and of the branches it resolves to), not deeper. */

#define MAX_ENTRY_CONDITIONS 64
#define MAX_IF_NESTING 16

/* Whether a scenario changes inst: it is an Fn::If on a known condition,
 * or one of its entries is one, or AWS::NoValue, or null (which cfn-lint
 * drops from the value the group keywords judge). */
static bool conditional(const cf_validator *v, const cf_node *inst)
{
    uint32_t cond;
    if (if_with_condition(v, inst, &cond))
        return true;
    if (inst->kind == CF_SCALAR || cf_intrinsic_name(inst))
        return false;
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *e = inst->kind == CF_MAPPING ? inst->u.pairs[i].value : inst->u.items[i];
        if (is_no_value(e) || is_null(e) || if_with_condition(v, e, &cond))
            return true;
    }
    return false;
}

/* The conditions a scenario of n needs: its Fn::Ifs' (and their branches'),
 * and at the root those of a mapping's values; a list's items always. */
static void conditions_of(const cf_validator *v, const cf_node *n, bool root, uint32_t *out, size_t *count, int depth)
{
    uint32_t cond;
    if (depth > MAX_IF_NESTING)
        return;
    const cf_node *args = if_with_condition(v, n, &cond);
    if (args) {
        if (*count < MAX_ENTRY_CONDITIONS)
            out[(*count)++] = cond;
        conditions_of(v, args->u.items[1], root, out, count, depth + 1);
        conditions_of(v, args->u.items[2], root, out, count, depth + 1);
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            conditions_of(v, n->u.items[i], false, out, count, depth + 1);
    } else if (root && n->kind == CF_MAPPING && !cf_intrinsic_name(n)) {
        for (uint32_t i = 0; i < n->len; i++)
            conditions_of(v, n->u.pairs[i].value, false, out, count, depth + 1);
    }
}

/* n as scenario s makes it: each Fn::If the branch s picks, AWS::NoValue
 * gone (NULL), a list's items and (at the root) a mapping's values
 * resolved in turn.  A changed collection is a copy standing where the
 * original stands (its parent and index), whose entries are originals. */
static const cf_node *resolved(const cf_validator *v, const cf_node *n, const cf_scenario *s, bool root,
                               cf_arena *a, int depth)
{
    uint32_t cond;
    const cf_node *args = depth <= MAX_IF_NESTING ? if_with_condition(v, n, &cond) : NULL;
    int pick = args ? cf_scenario_get(s, cond) : -1;
    if (pick >= 0)
        return resolved(v, args->u.items[pick ? 1 : 2], s, root, a, depth + 1);
    if (is_no_value(n) || is_null(n))
        return NULL; /* gone, as a null is in cfn-lint's reading */
    bool list = n->kind == CF_SEQUENCE;
    if (depth > MAX_IF_NESTING || (!list && !(root && n->kind == CF_MAPPING && !cf_intrinsic_name(n))))
        return n;
    cf_node *copy = arena_alloc(a, sizeof *copy);
    *copy = *n;
    uint32_t k = 0;
    if (list) {
        copy->u.items = arena_alloc(a, sizeof *copy->u.items * (n->len ? n->len : 1));
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_node *e = resolved(v, n->u.items[i], s, false, a, depth + 1);
            if (e)
                copy->u.items[k++] = (cf_node *)e;
        }
    } else {
        copy->u.pairs = arena_alloc(a, sizeof *copy->u.pairs * (n->len ? n->len : 1));
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_node *e = resolved(v, n->u.pairs[i].value, s, false, a, depth + 1);
            if (e)
                copy->u.pairs[k++] = (cf_pair){n->u.pairs[i].key, (cf_node *)e};
        }
    }
    copy->len = k;
    return copy;
}

/* A finding a group keyword made on inst as scenario s resolved it is about
 * cfn-lint's scenario value, where an Fn::If resolve() picked a branch of
 * is no step of the path: the branch stands at the Fn::If's place.
 * cfn-lint places such a finding on the last key of that path (a key of
 * the value: it keeps its mark), and one whose path ends in a list index
 * on the last key of the template the path still finds (the one above the
 * first Fn::If resolved).  d is moved there. */
static void place_resolved(const cf_validator *v, cf_diag *d, const cf_node *inst, const cf_scenario *s)
{
    enum { MAX_CHAIN = 64 };
    const cf_node *chain[MAX_CHAIN];
    size_t k = 0;
    const cf_node *n = d->node;
    for (; n && n != inst; n = n->parent) {
        if (k == MAX_CHAIN)
            return;
        chain[k++] = n;
    }
    if (n != inst || k == 0 || !d->has_path || d->path_len != cf_node_depth(d->node))
        return;
    /* chain[k-1] is inst's child, chain[0] the finding's node; step i of
     * the path below inst is chain[k-1-i]'s */
    bool drop[MAX_CHAIN] = {false}, dropped = false, root = true;
    const cf_node *cur = inst;
    size_t i = 0; /* steps below inst walked */
    uint32_t cond;
    while (i < k) {
        const cf_node *args = if_with_condition(v, cur, &cond);
        if (args && cf_scenario_get(s, cond) >= 0 && i + 1 < k) {
            drop[i] = drop[i + 1] = dropped = true; /* "Fn::If", then the branch's index */
            cur = chain[k - 1 - (i + 1)];
            i += 2;
        } else if (cur->kind == CF_SEQUENCE || (root && cur->kind == CF_MAPPING && !cf_intrinsic_name(cur))) {
            cur = chain[k - 1 - i];
            root = false;
            i++;
        } else {
            break;
        }
    }
    if (!dropped)
        return;
    /* the steps above inst stay as they are */
    size_t base = d->path_len - k, w = base;
    const cf_node *last_key = NULL, *key_above_if = NULL;
    bool seen_drop = false;
    for (size_t j = 0; j < k; j++) {
        const cf_node *c = chain[k - 1 - j];
        if (drop[j]) {
            seen_drop = true;
            continue;
        }
        d->path[w++] = d->path[base + j];
        const cf_node *key = c->parent && c->parent->kind == CF_MAPPING ? c->parent->u.pairs[c->index].key : NULL;
        last_key = key;
        if (!seen_drop && key)
            key_above_if = key;
    }
    d->path_len = (uint32_t)w;
    const cf_node *at = w > 0 && d->path[w - 1].key ? last_key : key_above_if;
    if (!at || !v->ctx->doc)
        return;
    d->start = at->start;
    d->end = at->end;
    d->pos = cf_doc_pos(v->ctx->doc, at->start);
    d->end_pos = cf_doc_pos(v->ctx->doc, at->end);
}

typedef struct group_run {
    cf_validator *v;
    const cf_node *schema, *inst;
    const compiled *c;
    cf_arena *scratch;
} group_run;

/* The group keywords in one scenario, on inst as it makes it, standing
 * where inst stands.  Findings about the stand-in are said about inst: it
 * does not outlive this call. */
static void run_group(const cf_scenario *s, void *arg)
{
    group_run *g = arg;
    cf_validator *v = g->v;
    const cf_node *value = resolved(v, g->inst, s, true, g->scratch, 0);
    if (!value)
        return;
    cf_node *copy = arena_alloc(g->scratch, sizeof *copy);
    *copy = *value;
    copy->parent = g->inst->parent;
    copy->index = g->inst->index;
    copy->flags = g->inst->flags;
    cf_scenario saved = v->scenario;
    cf_diags *sink = v->sink, found = {0};
    v->scenario = *s;
    v->sink = &found;
    for (uint32_t i = 0; i < g->c->n; i++)
        if (g->c->e[i].group)
            g->c->e[i].fn(v, g->schema, g->c->e[i].arg, copy);
    for (size_t i = 0; i < found.n; i++) {
        if (found.v[i].node == copy)
            found.v[i].node = g->inst;
        else
            place_resolved(v, &found.v[i], g->inst, s);
    }
    v->sink = sink;
    v->scenario = saved;
    keep(v, &found);
}

static void run_by_scenario(cf_validator *v, const cf_node *schema, const compiled *c, const cf_node *inst,
                            cf_arena *scratch)
{
    uint32_t conds[MAX_ENTRY_CONDITIONS];
    size_t n = 0;
    conditions_of(v, inst, true, conds, &n, 0);
    group_run g = {v, schema, inst, c, scratch};
    if (n)
        cf_conds_each_scenario(v->ctx->conds, &v->scenario, conds, n, run_group, &g);
    else
        run_group(&v->scenario, &g); /* only AWS::NoValue to drop */
}

void cf_validate(cf_validator *v, const cf_node *schema, const cf_node *inst)
{
    if (v->depth == 0 && inst && v->ctx->conds) { /* the conditions in force where the walk starts */
        cf_conds_at(v->ctx->conds, v->ctx->tpl, inst, &v->scenario);
        for (uint32_t i = 0; v->given && i < v->given->n; i++)
            cf_scenario_set(&v->scenario, v->given->lit[i] >> 1, v->given->lit[i] & 1);
    }
    /* an Fn::If's branches: the group keywords were judged at the Fn::If */
    bool groups_done = v->groups_done;
    v->groups_done = false;
    if (schema && inst && schema->kind == CF_SCALAR && schema->type == CF_TYPE_BOOL &&
        !strcmp(scalar_text(schema), "false") && !is_no_value(inst)) {
        false_schema(v, inst);
        return;
    }
    if (!schema || !inst || schema->kind != CF_MAPPING || v->depth > MAX_DEPTH)
        return;
    const char *fn = cf_intrinsic_name(inst);
    int fi = fn ? function_index(fn) : -1;
    if (fi >= 0 && v->no_functions) {
        v->unknown |= v->in_condition > 0; /* an "if" on it decides nothing */
        return;
    }
    if (fi >= 0) {
        cf_arena scratch;
        arena_init(&scratch);
        uint32_t cond;
        if (!groups_done && if_with_condition(v, inst, &cond)) {
            const compiled *c = compiled_schema(v, schema, &scratch);
            if (c->has_group) {
                v->depth++;
                run_by_scenario(v, schema, c, inst, &scratch);
                v->depth--;
                groups_done = true;
            }
        }
        v->depth++;
        v->groups_done = groups_done && !strcmp(fn, "Fn::If");
        validate_function(v, schema, inst, fn, fi);
        v->groups_done = false;
        v->depth--;
        arena_free(&scratch);
        return;
    }
    if (inst->kind == CF_MAPPING && cf_map_get(inst, "Fn::Transform"))
        return; /* a macro writes this object at deploy time */
    v->depth++;
    cf_arena scratch;
    arena_init(&scratch);
    const compiled *c = compiled_schema(v, schema, &scratch);
    bool by_scenario = c->has_group && !groups_done && !v->no_functions && inst->kind != CF_SCALAR &&
                       conditional(v, inst);
    for (uint32_t i = 0; i < c->n; i++)
        if (!(by_scenario || groups_done) || !c->e[i].group)
            c->e[i].fn(v, schema, c->e[i].arg, inst);
    if (by_scenario)
        run_by_scenario(v, schema, c, inst, &scratch);
    arena_free(&scratch);
    v->depth--;
}

/* --- string formats (Python's ipaddress, cfn-lint's date-time) ------------ */

/* One dotted-quad octet as IPv4Address takes it: 1-3 ASCII digits, no
 * leading zero, at most 255. */
static bool py_octet(const char *s, size_t n, unsigned *out)
{
    if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
        return false;
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (v > 255)
        return false;
    *out = v;
    return true;
}

/* ipaddress.IPv4Address over s[0..n): exactly four octets. */
static bool py_ipv4(const char *s, size_t n, uint32_t *out)
{
    uint32_t addr = 0;
    int parts = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.')
            continue;
        unsigned o;
        if (++parts > 4 || !py_octet(s + start, i - start, &o))
            return false;
        addr = addr << 8 | o;
        start = i + 1;
    }
    if (parts != 4)
        return false;
    if (out)
        *out = addr;
    return true;
}

/* ipaddress.IPv6Address over s[0..n) without a scope: hextets of 1-4 hex
 * digits, at most one "::" standing for one or more zero groups, and an
 * IPv4 address for the last two groups. */
static bool py_ipv6(const char *s, size_t n, uint16_t g[8])
{
    /* split on ':' as Python does */
    const char *part[10];
    size_t plen[10];
    int np = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != ':')
            continue;
        if (np == 10)
            return false;
        part[np] = s + start;
        plen[np++] = i - start;
        start = i + 1;
    }
    if (np < 3)
        return false;
    uint16_t val[10];
    bool has_v4 = memchr(part[np - 1], '.', plen[np - 1]) != NULL;
    if (has_v4) {
        uint32_t a;
        if (!py_ipv4(part[np - 1], plen[np - 1], &a))
            return false;
        val[np - 1] = (uint16_t)(a >> 16);
        val[np] = (uint16_t)(a & 0xFFFF);
        part[np] = "";
        plen[np] = 1; /* a group, not an empty part */
        np++;
    }
    if (np > 9)
        return false;
    int skip = -1;
    for (int i = 1; i < np - 1; i++)
        if (plen[i] == 0) {
            if (skip >= 0)
                return false;
            skip = i;
        }
    int hi, lo;
    if (skip >= 0) {
        hi = skip;
        lo = np - skip - 1;
        if (plen[0] == 0 && --hi)
            return false;
        if (plen[np - 1] == 0 && --lo)
            return false;
        if (8 - (hi + lo) < 1)
            return false;
    } else {
        if (np != 8 || plen[0] == 0 || plen[np - 1] == 0)
            return false;
        hi = np;
        lo = 0;
    }
    for (int i = 0; i < np; i++) {
        if ((has_v4 && i >= np - 2) || plen[i] == 0)
            continue;
        if (plen[i] > 4)
            return false;
        unsigned v = 0;
        for (size_t k = 0; k < plen[i]; k++) {
            char c = part[i][k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                   : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return false;
            v = v * 16 + (unsigned)d;
        }
        val[i] = (uint16_t)v;
    }
    if (g) {
        memset(g, 0, 8 * sizeof *g);
        for (int i = 0; i < hi; i++)
            g[i] = val[i];
        for (int i = 0; i < lo; i++)
            g[8 - lo + i] = val[np - lo + i];
    }
    return true;
}

/* The "%scope" an IPv6 address may end with: its length, -1 if malformed. */
static long py_scope(const char *s, size_t n, size_t *addr_len)
{
    const char *pct = memchr(s, '%', n);
    *addr_len = pct ? (size_t)(pct - s) : n;
    if (!pct)
        return 0;
    size_t scope = n - *addr_len - 1;
    if (!scope || memchr(pct + 1, '%', scope))
        return -1;
    return (long)scope;
}

static bool format_ipv4(const char *s)
{
    return py_ipv4(s, strlen(s), NULL);
}

/* cfn-lint's ipv6: an IPv6Address with no scope id. */
static bool format_ipv6(const char *s)
{
    size_t n = strlen(s), an;
    if (strchr(s, '/') || py_scope(s, n, &an) != 0)
        return false;
    return py_ipv6(s, n, NULL);
}

/* A prefix length as ipaddress reads one: ASCII digits, at most max. */
static bool py_prefix(const char *s, unsigned max, unsigned *out)
{
    if (!*s)
        return false;
    unsigned long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if ((v = v * 10 + (unsigned long)(*p - '0')) > max)
            return false;
    }
    *out = (unsigned)v;
    return true;
}

/* ipaddress.IPv4Network (strict): an address, then optionally "/" and a
 * prefix length, a netmask or a host mask; no host bits set. */
static bool format_ipv4_network(const char *s)
{
    const char *slash = strchr(s, '/');
    if (slash && strchr(slash + 1, '/'))
        return false;
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    uint32_t addr;
    if (!py_ipv4(s, n, &addr))
        return false;
    uint32_t mask = 0xFFFFFFFFu;
    if (slash) {
        unsigned prefix;
        if (py_prefix(slash + 1, 32, &prefix)) {
            mask = prefix ? 0xFFFFFFFFu << (32 - prefix) : 0;
        } else {
            uint32_t m;
            if (!py_ipv4(slash + 1, strlen(slash + 1), &m))
                return false;
            /* a netmask: ones then zeros; a host mask: zeros then ones */
            uint32_t inv = ~m;
            if ((inv & (inv + 1)) == 0)
                mask = m;
            else if ((m & (m + 1)) == 0)
                mask = ~m;
            else
                return false;
        }
    }
    return (addr & ~mask) == 0;
}

/* ipaddress.IPv6Network (strict): an address (a scope id allowed), then
 * optionally "/" and a prefix length; no host bits set. */
static bool format_ipv6_network(const char *s)
{
    const char *slash = strchr(s, '/');
    if (slash && strchr(slash + 1, '/'))
        return false;
    size_t n = slash ? (size_t)(slash - s) : strlen(s), an;
    if (py_scope(s, n, &an) < 0)
        return false;
    uint16_t g[8];
    if (!py_ipv6(s, an, g))
        return false;
    unsigned prefix = 128;
    if (slash && !py_prefix(slash + 1, 128, &prefix))
        return false;
    for (unsigned bit = prefix; bit < 128; bit++)
        if (g[bit / 16] & (0x8000u >> (bit % 16)))
            return false;
    return true;
}

/* cfn-lint's date-time pattern, as it is written (its numeric offset
 * takes two signs, so "+01:00" does not pass but "Z" does). */
static bool format_date_time(const char *s)
{
    return cf_regex_search("^[0-9]{4}-(0[1-9]|1[0-2])-[0-9]{2}T([01][0-9]|2[0123]):[0-5][0-9]:[0-5][0-9]"
                           "(\\.[0-9]+)?(Z|[+-][+-]([01][0-9]|2[0123]):[0-5][0-9])\\z",
                           s, strlen(s)) > 0;
}

/* --- additionalProperties' wording ------------------------------------------ */

/* The first known property (in schema order) close enough to an unknown
 * key for cfn-lint's "Did you mean", or NULL. */
static const char *close_property(const cf_node *props, const cf_node *key)
{
    if (!props || props->kind != CF_MAPPING || key->kind != CF_SCALAR || key->type != CF_TYPE_STR)
        return NULL;
    for (uint32_t i = 0; i < props->len; i++) {
        const cf_node *name = props->u.pairs[i].key;
        if (name->kind == CF_SCALAR && cf_similar_ratio(key->u.str, key->len, name->u.str, name->len) > 0.8)
            return name->u.str;
    }
    return NULL;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "'p1', 'p2'": a patternProperties' patterns, sorted, as cfn-lint lists
 * them when a key matches none. */
static void sorted_pattern_list(cf_buf *b, const cf_node *pp)
{
    if (pp->kind != CF_MAPPING || !pp->len)
        return;
    const char **names = xmalloc(sizeof *names * pp->len);
    size_t n = 0;
    for (uint32_t i = 0; i < pp->len; i++)
        if (pp->u.pairs[i].key->kind == CF_SCALAR)
            names[n++] = pp->u.pairs[i].key->u.str;
    qsort(names, n, sizeof *names, cmp_cstr);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(b, ", ");
        cf_repr_str(b, names[i], strlen(names[i]));
    }
    free(names);
}

/* cfn-lint measures an unexpected key against each known name with len(),
 * which a key YAML reads as a number, a boolean or a null does not have:
 * the keyword stops with an exception, reported on the object.  (Whether
 * string keys met before it are reported depends on its string hashing;
 * cfnfix reports the exception alone.) */
static bool unmeasurable_extra(cf_validator *v, const cf_node *props, const cf_node *pp, const cf_node *inst)
{
    if (!props || props->kind != CF_MAPPING || !props->len)
        return false;
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *k = inst->u.pairs[i].key;
        if (k->kind != CF_SCALAR || cf_map_get(props, k->u.str) || matching_pattern_property(pp, k))
            continue;
        const char *type = k->type == CF_TYPE_INT     ? "int"
                           : k->type == CF_TYPE_FLOAT ? "float"
                           : k->type == CF_TYPE_BOOL  ? "bool"
                           : k->type == CF_TYPE_NULL  ? "NoneType"
                           : k->type == CF_TYPE_TIMESTAMP && k->len == 10 ? "datetime.date"
                                                      : NULL;
        if (type) {
            fail(v, "E3002", object_at(inst),
                 "Exception \"object of type '%s' has no len()\" raised while validating 'additionalProperties'", type);
            return true;
        }
    }
    return false;
}
