/* A function's argument against cfn-lint's schema for it (the spec's
 * other/functions/NAME): its shape, the functions allowed inside it, the
 * type of what a nested function yields; then, once the shape is right,
 * what the function refers to (fn_refs.c). */
#include "fn.h"

#include "../regex.h"
#include "../repr.h"
#include "../validate.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

/* ---- Types and the functions ------------------------------------------ */

static const char *const type_names[] = {"array", "boolean", "integer", "number", "object", "string", "null"};

static unsigned type_bit(const char *name)
{
    for (unsigned i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (str_eq(type_names[i], name))
            return 1u << i;
    return 0;
}

/* The functions cfn-lint knows (its FUNCTIONS and the condition ones). */
const fn_info fn_table[] = {
    {"Fn::Base64", "E1021", "other/functions/base64", T_STRING, FN_SHAPE},
    {"Fn::Cidr", "E1024", "other/functions/cidr", T_ARRAY, FN_SHAPE},
    {"Fn::Contains", NULL, NULL, T_ALL, FN_OPAQUE},
    {"Fn::FindInMap", "E1011", "other/functions/findinmap", T_ALL & ~T_OBJECT, FN_FINDINMAP},
    {"Fn::GetAtt", "E1010", "other/functions/getatt", T_ALL, FN_GETATT},
    {"Fn::GetAZs", "E1015", NULL, T_ARRAY, FN_GETAZS},
    {"Fn::GetStackOutput", "E1033", "other/functions/getstackoutput", T_SINGULAR, FN_SHAPE},
    {"Fn::If", "E1028", "other/functions/if", T_ALL, FN_IF},
    {"Fn::ImportValue", "E1016", "other/functions/importvalue", T_SINGULAR, FN_SHAPE},
    {"Fn::Join", "E1022", "other/functions/join", T_STRING, FN_JOIN},
    {"Fn::Length", "E1030", "other/functions/length", T_INTEGER, FN_EXTENSION},
    {"Fn::Select", "E1017", "other/functions/select", T_ALL, FN_SHAPE},
    {"Fn::Split", "E1018", "other/functions/split", T_ARRAY, FN_SPLIT},
    {"Fn::Sub", "E1019", "other/functions/sub", T_STRING, FN_SUB},
    {"Fn::ToJsonString", "E1031", "other/functions/tojsonstring", T_STRING, FN_EXTENSION},
    {"Fn::Transform", NULL, NULL, T_ALL, FN_OPAQUE},
    {"Ref", "E1020", "other/functions/ref", T_ALL, FN_REF},
    {"Condition", NULL, NULL, T_BOOLEAN, FN_CONDITION},
    {"Fn::And", NULL, NULL, T_BOOLEAN, FN_CONDITION},
    {"Fn::Equals", NULL, NULL, T_BOOLEAN, FN_CONDITION},
    {"Fn::Not", NULL, NULL, T_BOOLEAN, FN_CONDITION},
    {"Fn::Or", NULL, NULL, T_BOOLEAN, FN_CONDITION},
};
const size_t fn_table_len = sizeof fn_table / sizeof fn_table[0];

int fn_index(const char *name)
{
    /* every mapping key comes through here: reject most without a scan */
    if (name[0] != 'F' && name[0] != 'R' && name[0] != 'C')
        return -1;
    if (name[0] == 'F' && strncmp(name, "Fn::", 4))
        return -1;
    /* then compare whole names only where the first character that tells
     * them apart (the first, or the one after "Fn::") matches */
    size_t at = name[0] == 'F' ? 4 : 0;
    for (size_t i = 0; i < fn_table_len; i++) {
        const char *t = fn_table[i].name;
        if (t[0] == name[0] && t[at] == name[at] && !strcmp(t, name))
            return (int)i;
    }
    return -1;
}

/* cfn-lint's FUNCTIONS: what resource properties, metadata and outputs
 * accept (everything but the condition functions). */
fn_set fn_all(void)
{
    fn_set s = 0;
    for (size_t i = 0; i < fn_table_len; i++)
        if (fn_table[i].kind != FN_CONDITION)
            s |= FN_BIT(i);
    return s;
}

fn_set fn_set_of(const char *const *names, size_t n)
{
    fn_set s = 0;
    for (size_t i = 0; i < n; i++) {
        int k = fn_index(names[i]);
        if (k >= 0)
            s |= FN_BIT(k);
    }
    return s;
}

/* The function a value is, when it is one of those in `allowed`: a
 * mapping of one key naming it.  -1 otherwise (it is then a plain value,
 * as cfn-lint treats a function where it is not allowed). */
int fn_function_in(const cf_node *n, fn_set allowed)
{
    if (!n || n->kind != CF_MAPPING || n->len != 1)
        return -1;
    const cf_node *k = n->u.pairs[0].key;
    if (k->kind != CF_SCALAR || k->type != CF_TYPE_STR)
        return -1;
    int i = fn_index(k->u.str);
    return i >= 0 && (allowed & FN_BIT(i)) ? i : -1;
}

bool fn_is_foreach_key(const cf_node *k)
{
    /* asked of every key: most are settled by their first letter */
    return k->kind == CF_SCALAR && k->u.str[0] == 'F' && !strncmp(k->u.str, "Fn::ForEach::", 13);
}

bool fn_is_pseudo(const char *s)
{
    if (strncmp(s, "AWS::", 5))
        return false; /* most strings: no need to try each name */
    for (size_t i = 0; i < FN_NPSEUDO; i++)
        if (!strcmp(fn_pseudo_parameters[i], s))
            return true;
    return false;
}

bool fn_is_str(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* {"type": ["string"]}: what an output value and an export name must be,
 * and what a comparison in Fn::Equals or the region of Fn::GetAZs is. */
static cf_node string_word = {.kind = CF_SCALAR, .type = CF_TYPE_STR, .len = 6, .u = {.str = "string"}};
static cf_node *string_words[] = {&string_word};
cf_node fn_string_list = {.kind = CF_SEQUENCE, .style = CF_STYLE_FLOW, .len = 1, .u = {.items = string_words}};
static cf_node type_word = {.kind = CF_SCALAR, .type = CF_TYPE_STR, .flags = CF_NF_KEY, .len = 4, .u = {.str = "type"}};
static cf_pair string_pairs[] = {{&type_word, &fn_string_list}};
const cf_node fn_string_schema = {.kind = CF_MAPPING, .style = CF_STYLE_FLOW, .len = 1, .u = {.pairs = string_pairs}};

/* ---- What a value is, read loosely as cfn-lint reads function arguments */

static bool trimmed(const char *s, size_t len, const char **b, const char **e)
{
    *b = s;
    *e = s + len;
    while (*b < *e && strchr(" \t\n\r\f\v", **b))
        (*b)++;
    while (*e > *b && strchr(" \t\n\r\f\v", (*e)[-1]))
        (*e)--;
    return *b < *e;
}

/* Python's int(s): optional sign, decimal digits. */
static bool int_text(const char *s, size_t len)
{
    const char *b, *e;
    if (!trimmed(s, len, &b, &e))
        return false;
    if (*b == '+' || *b == '-')
        b++;
    if (b == e)
        return false;
    for (; b < e; b++)
        if ((*b < '0' || *b > '9') && !(*b == '_' && b[-1] != '_' && b + 1 < e))
            return false;
    return true;
}

/* Python's float(s): a decimal number, inf or nan. */
static bool float_text(const char *s, size_t len)
{
    const char *b, *e;
    if (!trimmed(s, len, &b, &e))
        return false;
    const char *p = b;
    if (*p == '+' || *p == '-')
        p++;
    static const char *const words[] = {"inf", "infinity", "nan"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]), k = 0;
        while ((size_t)(e - p) == n && k < n && (p[k] | 0x20) == words[i][k])
            k++;
        if (k == n)
            return true;
    }
    bool digits = false;
    while (p < e && *p >= '0' && *p <= '9')
        p++, digits = true;
    if (p < e && *p == '.') {
        p++;
        while (p < e && *p >= '0' && *p <= '9')
            p++, digits = true;
    }
    if (!digits)
        return false;
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        if (p == e || *p < '0' || *p > '9')
            return false;
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    return p == e;
}

static bool bool_text(const char *s)
{
    static const char *const words[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    for (size_t i = 0; i < 6; i++)
        if (str_eq(words[i], s))
            return true;
    return false;
}

/* Whether n is of JSON type `bit`, a string standing for a number or a
 * boolean counting as one (cfn-lint's non-strict types). */
static bool loosely(const cf_node *n, unsigned bit)
{
    if (bit == T_OBJECT)
        return n->kind == CF_MAPPING;
    if (bit == T_ARRAY)
        return n->kind == CF_SEQUENCE;
    if (n->kind != CF_SCALAR)
        return false;
    cf_type t = (cf_type)n->type;
    switch (bit) {
    case T_NULL: return t == CF_TYPE_NULL;
    case T_STRING: return true;
    case T_BOOLEAN: return t == CF_TYPE_BOOL || (t == CF_TYPE_STR && bool_text(n->u.str));
    case T_INTEGER: return t == CF_TYPE_INT || t == CF_TYPE_FLOAT || (t == CF_TYPE_STR && int_text(n->u.str, n->len));
    case T_NUMBER: return t == CF_TYPE_INT || t == CF_TYPE_FLOAT || (t == CF_TYPE_STR && float_text(n->u.str, n->len));
    default: return false;
    }
}

/* A schema's "type" as bits, and as cfn-lint words it ("'array', 'string'"). */
unsigned fn_types_of(const cf_node *type, cf_buf *words)
{
    unsigned bits = 0;
    const cf_node *one = type;
    uint32_t n = type->kind == CF_SEQUENCE ? type->len : 1;
    for (uint32_t i = 0; i < n; i++) {
        if (type->kind == CF_SEQUENCE)
            one = type->u.items[i];
        if (!fn_is_str(one))
            continue;
        bits |= type_bit(one->u.str);
        if (words)
            buf_printf(words, "%s'%s'", words->len ? ", " : "", one->u.str);
    }
    return bits;
}

/* The types a schema asks for, following its $ref (cfn-lint's resolve_type). */
const cf_node *fn_type_of_schema(const fn_walk *w, const cf_node *s)
{
    for (int i = 0; i < 8 && s && s->kind == CF_MAPPING; i++) {
        const cf_node *t = cf_map_get(s, "type");
        if (t)
            return t;
        const cf_node *ref = cf_map_get(s, "$ref");
        if (!fn_is_str(ref))
            return NULL;
        s = cf_schema_ref(w->root, ref->u.str);
    }
    return NULL;
}

/* A function yielding `yields` where `want` is asked for: a string result
 * may be read as a number or a boolean, a number as a string. */
static bool compatible(unsigned yields, unsigned want)
{
    unsigned can = yields;
    if (yields & T_STRING)
        can |= T_NUMBER | T_BOOLEAN | T_INTEGER;
    if (yields & (T_INTEGER | T_NUMBER | T_BOOLEAN))
        can |= T_STRING;
    if (yields & T_INTEGER)
        can |= T_NUMBER;
    return (can & want) != 0;
}

/* Python's str() of a scalar, for comparing it with names. */
void fn_scalar_text(cf_buf *b, const cf_node *n)
{
    if (n->type == CF_TYPE_STR)
        buf_add(b, n->u.str, n->len); /* all of it: a NUL inside is part of the name */
    else
        cf_repr(b, n);
}

/* ---- Function arguments against cfn-lint's schemas ---------------------- */

/* The functions a cfnContext allows ("functions": [...] or a $ref to such
 * a list elsewhere in the document). */
static fn_set context_functions(const fn_walk *w, const cf_node *list)
{
    if (list && list->kind == CF_MAPPING) {
        const cf_node *ref = cf_map_get(list, "$ref");
        list = fn_is_str(ref) ? cf_schema_ref(w->root, ref->u.str) : NULL;
    }
    fn_set s = 0;
    for (uint32_t i = 0; list && list->kind == CF_SEQUENCE && i < list->len; i++) {
        int k = fn_is_str(list->u.items[i]) ? fn_index(list->u.items[i]->u.str) : -1;
        if (k >= 0)
            s |= FN_BIT(k);
    }
    return s;
}

/* "X is not of type 'a', 'b'": the words are only written out for a
 * finding (most values pass, and this runs for every one of them). */
static void report_type(fn_walk *w, const char *rule, const cf_node *inst, const cf_node *type)
{
    cf_buf words = {0};
    fn_types_of(type, &words);
    if (words.len) {
        char *r = cf_repr_dup(inst);
        fn_fail(w, rule, inst, "%s is not of type %s", r, words.data);
        free(r);
    }
    buf_free(&words);
}

static void kw_type(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule)
{
    if (inst->kind == CF_SCALAR && inst->type == CF_TYPE_NULL)
        return; /* cfn-lint lets a null through every type */
    unsigned want = fn_types_of(arg, NULL);
    bool ok = false;
    for (unsigned bit = 1; bit <= T_NULL && !ok; bit <<= 1)
        ok = (want & bit) && loosely(inst, bit);
    if (!ok)
        report_type(w, rule, inst, arg);
}

static void kw_enum(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule)
{
    if (arg->kind != CF_SEQUENCE)
        return;
    cf_buf t = {0};
    if (inst->kind == CF_SCALAR)
        fn_scalar_text(&t, inst);
    for (uint32_t i = 0; inst->kind == CF_SCALAR && i < arg->len; i++) {
        const cf_node *e = arg->u.items[i];
        if (e->kind == CF_SCALAR && !strcmp(e->u.str, t.data ? t.data : "")) {
            buf_free(&t);
            return;
        }
    }
    buf_free(&t);
    char *r = cf_repr_dup(inst), *l = cf_repr_dup(arg);
    fn_fail(w, rule, inst, "%s is not one of %s", r, l);
    free(r);
    free(l);
}

/* "dynamicValidation": the names the template declares. */
static void kw_dynamic(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule);

static void kw_count(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule, bool min)
{
    if (inst->kind != CF_SEQUENCE || arg->kind != CF_SCALAR)
        return;
    long want = strtol(arg->u.str, NULL, 10);
    if (min ? (long)inst->len < want : (long)inst->len > want)
        fn_fail(w, rule, inst, "expected %s item count: %ld, found: %u", min ? "minimum" : "maximum", want, inst->len);
}

static void kw_items(fn_walk *w, const cf_node *schema, const cf_node *arg, const cf_node *inst, fn_set here,
                     const char *rule, bool prefix)
{
    if (inst->kind != CF_SEQUENCE)
        return;
    if (prefix) {
        for (uint32_t i = 0; arg->kind == CF_SEQUENCE && i < inst->len && i < arg->len; i++)
            fn_check_value(w, inst->u.items[i], arg->u.items[i], here, rule);
        return;
    }
    const cf_node *p = cf_map_get(schema, "prefixItems");
    uint32_t from = p && p->kind == CF_SEQUENCE ? p->len : 0;
    for (uint32_t i = from; i < inst->len; i++)
        fn_check_value(w, inst->u.items[i], arg, here, rule);
}

static void kw_properties(fn_walk *w, const cf_node *schema, const cf_node *inst, fn_set here, const char *rule)
{
    if (inst->kind != CF_MAPPING)
        return;
    const cf_node *props = cf_map_get(schema, "properties");
    const cf_node *patterns = cf_map_get(schema, "patternProperties");
    const cf_node *extra = cf_map_get(schema, "additionalProperties");
    bool closed = extra && extra->kind == CF_SCALAR && extra->type == CF_TYPE_BOOL && !strcmp(extra->u.str, "false");
    for (uint32_t i = 0; i < inst->len; i++) {
        const cf_node *k = inst->u.pairs[i].key, *v = inst->u.pairs[i].value;
        if (k->kind != CF_SCALAR)
            continue;
        const cf_node *sub = props ? cf_map_get(props, k->u.str) : NULL;
        bool known = sub != NULL;
        if (sub)
            fn_check_value(w, v, sub, here, rule);
        for (uint32_t j = 0; patterns && patterns->kind == CF_MAPPING && j < patterns->len; j++) {
            int m = cf_regex_search(patterns->u.pairs[j].key->u.str, k->u.str, k->len);
            if (m == 1)
                fn_check_value(w, v, patterns->u.pairs[j].value, here, rule);
            known = known || m == 1 || m == CF_REGEX_UNDECIDED; /* undecided: not judged */
        }
        if (known || !closed)
            continue;
        char *r = cf_repr_dup(k);
        if (patterns && patterns->kind == CF_MAPPING && patterns->len) {
            cf_buf list = {0};
            for (uint32_t j = 0; j < patterns->len; j++) {
                buf_adds(&list, j ? ", " : "");
                cf_repr(&list, patterns->u.pairs[j].key);
            }
            fn_fail(w, rule, v, "%s does not match any of the regexes: %s", r, list.data);
            buf_free(&list);
        } else {
            fn_fail(w, rule, v, "Additional properties are not allowed (%s was unexpected)", r);
        }
        free(r);
    }
}

static void kw_required(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule)
{
    for (uint32_t i = 0; inst->kind == CF_MAPPING && arg->kind == CF_SEQUENCE && i < arg->len; i++)
        if (fn_is_str(arg->u.items[i]) && !cf_map_get(inst, arg->u.items[i]->u.str)) {
            char *r = cf_repr_dup(arg->u.items[i]);
            fn_fail(w, rule, inst, "%s is a required property", r);
            free(r);
        }
}

static void kw_min_properties(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule)
{
    long want = arg->kind == CF_SCALAR ? strtol(arg->u.str, NULL, 10) : 0;
    if (inst->kind == CF_MAPPING && (long)inst->len < want)
        fn_fail(w, rule, inst, "expected minimum property count: %ld, found: %u", want, inst->len);
}

static void kw_pattern(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule)
{
    if (!fn_is_str(inst) || !fn_is_str(arg) || cf_regex_search(arg->u.str, inst->u.str, inst->len) != 0)
        return;
    char *r = cf_repr_dup(inst), *p = cf_repr_dup(arg);
    fn_fail(w, rule, inst, "%s does not match %s", r, p);
    free(r);
    free(p);
}

static void kw_range(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule, bool min)
{
    double v, bound;
    if (inst->kind != CF_SCALAR || (inst->type != CF_TYPE_INT && inst->type != CF_TYPE_FLOAT) ||
        !cf_scalar_double(inst, &v) || !cf_scalar_double(arg, &bound))
        return;
    if (min ? v >= bound : v <= bound)
        return;
    char *r = cf_repr_dup(inst), *b = cf_repr_dup(arg);
    fn_fail(w, rule, inst, "%s is %s the %s of %s", r, min ? "less than" : "greater than", min ? "minimum" : "maximum", b);
    free(r);
    free(b);
}

/* "if" in these schemas asks only whether a transform is declared (or
 * whether we are in the Rules section, which is never judged here). */
static void kw_if(fn_walk *w, const cf_node *schema, const cf_node *arg, const cf_node *inst, fn_set here,
                  const char *rule)
{
    const cf_node *dv = cf_map_get(arg, "dynamicValidation");
    const cf_node *transform = cf_map_get(dv, "transformCheck");
    bool holds = fn_is_str(transform) && !strcmp(transform->u.str, "AWS::LanguageExtensions") && w->lang_ext;
    if (!dv)
        return;
    const cf_node *next = cf_map_get(schema, holds ? "then" : "else");
    if (next)
        fn_check_value(w, inst, next, here, rule);
}

/* The keywords of one schema object, in its order (cfn-lint's order of
 * findings at one place). */
static void check_keywords(fn_walk *w, const cf_node *inst, const cf_node *schema, fn_set here, const char *rule)
{
    bool has_props = false, has_items = false;
    for (uint32_t i = 0; i < schema->len; i++) {
        const char *k = schema->u.pairs[i].key->u.str;
        const cf_node *arg = schema->u.pairs[i].value;
        if (str_eq(k, "type"))
            kw_type(w, arg, inst, rule);
        else if (str_eq(k, "enum"))
            kw_enum(w, arg, inst, rule);
        else if (str_eq(k, "dynamicValidation"))
            kw_dynamic(w, arg, inst, rule);
        else if (str_eq(k, "minItems") || str_eq(k, "maxItems"))
            kw_count(w, arg, inst, rule, k[1] == 'i');
        else if (str_eq(k, "prefixItems") || str_eq(k, "items")) {
            kw_items(w, schema, arg, inst, here, rule, k[0] == 'p');
            has_items |= k[0] == 'i';
        } else if (str_eq(k, "properties") || str_eq(k, "patternProperties") ||
                   str_eq(k, "additionalProperties")) {
            if (!has_props)
                kw_properties(w, schema, inst, here, rule); /* all three at once */
            has_props = true;
        } else if (str_eq(k, "required"))
            kw_required(w, arg, inst, rule);
        else if (str_eq(k, "minProperties"))
            kw_min_properties(w, arg, inst, rule);
        else if (str_eq(k, "pattern"))
            kw_pattern(w, arg, inst, rule);
        else if (str_eq(k, "minimum") || str_eq(k, "maximum"))
            kw_range(w, arg, inst, rule, k[1] == 'i');
        else if (str_eq(k, "if"))
            kw_if(w, schema, arg, inst, here, rule);
    }
    /* An object or a list the schema says nothing more about is still
     * looked into: functions in it are judged (cfn-lint adds "any type"
     * items and properties to such schemas). */
    const cf_node *type = cf_map_get(schema, "type");
    unsigned types = type ? fn_types_of(type, NULL) : 0;
    if (!has_props && (types & T_OBJECT) && inst->kind == CF_MAPPING)
        for (uint32_t i = 0; i < inst->len; i++)
            fn_check_value(w, inst->u.pairs[i].value, NULL, here, rule);
    const cf_node *prefix = cf_map_get(schema, "prefixItems");
    uint32_t from = prefix && prefix->kind == CF_SEQUENCE ? prefix->len : 0;
    if (!has_items && (types & T_ARRAY) && inst->kind == CF_SEQUENCE && inst != w->if_args)
        for (uint32_t i = from; i < inst->len; i++)
            fn_check_value(w, inst->u.items[i], NULL, here, rule);
}

/* A string that is not judged as a value: a dynamic reference (resolved
 * at deploy time), or a finding of the string pass (a spaced dynamic
 * reference, a pseudo parameter written out) that counts as the
 * argument's error there. */
static bool string_set_aside(fn_walk *w, const cf_node *inst)
{
    if (!fn_is_str(inst))
        return false;
    size_t b, e;
    if (fn_dynref_find(inst->u.str, inst->len, &b, &e))
        return true;
    if (fn_dynref_spaced(inst->u.str, inst->len) || (!w->under_ref && fn_is_pseudo(inst->u.str))) {
        w->errors++;
        return true;
    }
    return false;
}

void fn_check_value(fn_walk *w, const cf_node *inst, const cf_node *schema, fn_set here, const char *rule)
{
    if (!inst || w->depth > CF_MAX_DEPTH)
        return;
    w->depth++;
    bool saved_arns = w->no_arns;
    /* cfnContext: the functions allowed inside, and the schema itself */
    for (int i = 0; i < 16 && schema && schema->kind == CF_MAPPING; i++) {
        const cf_node *c = cf_map_get(schema, "cfnContext");
        const cf_node *ref = cf_map_get(schema, "$ref");
        if (c) {
            here = context_functions(w, cf_map_get(c, "functions"));
            if (cf_map_get(c, "pseudoParameters"))
                w->no_arns = true;
            schema = cf_map_get(c, "schema");
        } else if (fn_is_str(ref) && schema->len == 1) {
            schema = cf_schema_ref(w->root, ref->u.str);
        } else {
            break;
        }
    }
    int fi;
    if (string_set_aside(w, inst)) {
        /* judged by the string pass */
    } else if ((fi = fn_function_in(inst, here)) >= 0) {
        fn_check_function(w, inst, fi, schema, here, rule);
    } else if (schema && schema->kind == CF_MAPPING) {
        check_keywords(w, inst, schema, here, rule);
    } else if (inst->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < inst->len; i++)
            if (!fn_is_foreach_key(inst->u.pairs[i].key))
                fn_check_value(w, inst->u.pairs[i].value, NULL, here, rule);
    } else if (inst->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < inst->len; i++)
            fn_check_value(w, inst->u.items[i], NULL, here, rule);
    }
    w->no_arns = saved_arns;
    w->depth--;
}

static void kw_dynamic(fn_walk *w, const cf_node *arg, const cf_node *inst, const char *rule)
{
    const cf_node *c = cf_map_get(arg, "context");
    if (!fn_is_str(c))
        return;
    bool refs = !strcmp(c->u.str, "refs");
    if (!refs && strcmp(c->u.str, "conditions"))
        return;
    if (refs ? fn_is_ref_target(w, inst) : fn_is_condition(w, inst))
        return;
    char *r = cf_repr_dup(inst);
    const char *names = refs ? fn_ref_list(&w->names, w->no_resources, w->no_arns)
                             : fn_section_list(&w->names.condition_list, &w->t->conds);
    fn_fail(w, rule, inst, "%s is not one of %s", r, names);
    free(r);
}

static const char *region_list(fn_walk *w)
{
    if (!w->region_list) {
        cf_buf b = {0};
        buf_adds(&b, "[''");
        for (size_t i = 0; w->ctx->spec && i < cf_spec_region_count(w->ctx->spec); i++) {
            const char *r = cf_spec_region_name(w->ctx->spec, i);
            buf_adds(&b, ", ");
            cf_repr_str(&b, r, strlen(r));
        }
        buf_addc(&b, ']');
        w->region_list = buf_steal(&b);
    }
    return w->region_list;
}

/* Fn::GetAZs takes a region, '' for the stack's own, or a function the
 * context allows (Ref AWS::Region). */
static void check_getazs(fn_walk *w, const cf_node *arg, fn_set here, const char *rule)
{
    int fi = fn_function_in(arg, here);
    if (fi >= 0) {
        fn_check_function(w, arg, fi, &fn_string_schema, here, rule);
        return;
    }
    if (string_set_aside(w, arg))
        return;
    kw_type(w, &fn_string_list, arg, rule);
    if (arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR && (!arg->len || fn_region_known(w, arg->u.str)))
        return;
    if (!w->ctx->spec)
        return;
    char *r = cf_repr_dup(arg);
    fn_fail(w, rule, arg, "%s is not one of %s", r, region_list(w));
    free(r);
}

static bool holds_dynref(const cf_node *n)
{
    if (n->kind == CF_SCALAR) {
        const char *p = fn_is_str(n) ? strstr(n->u.str, "{{resolve:") : NULL;
        return p && strlen(p) > 12 && strstr(p + 11, "}}");
    }
    for (uint32_t i = 0; i < n->len; i++)
        if (holds_dynref(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i]))
            return true;
    return false;
}

/* W1028: an Fn::If branch that no deployment takes, given the conditions
 * in force.  The message is cfn-lint's: the choice that fails, then the
 * conditions already set (in the order the template defines them). */
static void unreachable(fn_walk *w, const cf_node *branch, uint32_t i, uint32_t cond)
{
    const cf_conds *m = w->ctx->conds;
    cf_buf b = {0};
    buf_printf(&b, "['Fn::If', %u] is not reachable. When setting condition ", i);
    cf_repr_str(&b, cf_conds_name(m, cond), strlen(cf_conds_name(m, cond)));
    buf_adds(&b, i == 1 ? " to True" : " to False");
    int now = cf_scenario_get(&w->scenario, cond);
    if (now >= 0)
        buf_adds(&b, now ? " from current status True" : " from current status False");
    bool first = true;
    for (uint32_t k = 0; k < w->scenario.n; k++) {
        uint32_t c = w->scenario.lit[k] >> 1;
        if (c == cond)
            continue;
        buf_adds(&b, first ? ". Where existing status for condition " : " and condition ");
        cf_repr_str(&b, cf_conds_name(m, c), strlen(cf_conds_name(m, c)));
        buf_adds(&b, (w->scenario.lit[k] & 1u) ? " is True" : " is False");
        first = false;
    }
    fn_explicit_at(w, "W1028", cf_sect_place(branch), branch, b.data);
    buf_free(&b);
}

/* Each branch stands where the Fn::If stands, under its condition's
 * value; a branch that cannot be taken is W1028's and is judged under
 * the conditions as they were (as cfn-lint judges it). */
static void check_if_branches(fn_walk *w, const cf_node *arg, const cf_node *s, fn_set here, const char *rule)
{
    if (arg->kind != CF_SEQUENCE)
        return;
    const cf_node *name = arg->len == 3 ? arg->u.items[0] : NULL;
    long cond = fn_is_str(name) ? cf_conds_find(w->ctx->conds, name->u.str, name->len) : -1;
    for (uint32_t i = 1; i < 3 && i < arg->len; i++) {
        cf_scenario saved = w->scenario, next = saved;
        if (cond >= 0) {
            if (cf_scenario_set(&next, (uint32_t)cond, i == 1) &&
                cf_conds_possible(cf_lint_validator_conds(w->ctx), &next))
                w->scenario = next;
            else
                unreachable(w, arg->u.items[i], i, (uint32_t)cond);
        }
        fn_check_value(w, arg->u.items[i], s, here, rule);
        w->scenario = saved;
    }
}

/* What is checked once the argument has the right shape. */
static void check_references(fn_walk *w, const cf_node *inst, int fi, const cf_node *s, fn_set here,
                             const char *rule, const char *own)
{
    const cf_node *arg = inst->u.pairs[0].value;
    switch (fn_table[fi].kind) {
    case FN_GETATT:
        fn_check_getatt(w, inst, arg, s, own);
        break;
    case FN_SUB:
        fn_check_sub(w, arg, own);
        break;
    case FN_FINDINMAP:
        w->resolving = true;
        fn_check_findinmap(w, arg, own);
        w->resolving = false;
        break;
    case FN_IF:
        check_if_branches(w, arg, s, here, rule);
        break;
    case FN_SPLIT:
        if (arg->kind == CF_SEQUENCE && arg->len == 2 && holds_dynref(arg->u.items[1]))
            fn_fail(w, own, arg->u.items[1], "'Fn::Split' does not support dynamic references");
        break;
    default:
        break;
    }
}

/* With the AWS::LanguageExtensions transform cfn-lint first replaces a
 * Fn::Sub whose string has no ${Name} or &{Name} by that string. */
static bool sub_written_out(const fn_walk *w, const cf_node *inst, const fn_info *f)
{
    if (f->kind != FN_SUB || !w->lang_ext)
        return false;
    const cf_node *arg = inst->u.pairs[0].value;
    const cf_node *text = arg->kind == CF_SEQUENCE && arg->len ? arg->u.items[0] : arg;
    if (!fn_is_str(text))
        return false;
    const char *p = text->u.str;
    for (size_t i = 0; i + 1 < text->len; i++) {
        if ((p[i] != '$' && p[i] != '&') || p[i + 1] != '{')
            continue;
        size_t n = strspn(p + i + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:");
        if (n && p[i + 2 + n] == '}')
            return false;
    }
    return true;
}

/* Fn::Length and Fn::ToJsonString exist only with the transform. */
static bool without_transform(fn_walk *w, const cf_node *inst, const fn_info *f)
{
    if (f->kind != FN_EXTENSION || w->lang_ext)
        return false;
    char *msg = xasprintf("%s is not supported without 'AWS::LanguageExtensions' transform", f->name);
    fn_explicit_at(w, f->rule, cf_sect_place(inst), inst, msg);
    free(msg);
    return true;
}

/* What a nested function yields against what its place asks for. */
static void check_result(fn_walk *w, const cf_node *inst, const fn_info *f, const cf_node *s, const char *own)
{
    const cf_node *want = fn_type_of_schema(w, s);
    if (want && !compatible(f->yields, fn_types_of(want, NULL)))
        report_type(w, own, inst, want);
}

/* The argument against the function's schema (its $refs resolve there). */
static void check_argument(fn_walk *w, const cf_node *arg, const fn_info *f, fn_set here, const char *own)
{
    const cf_node *schema = f->schema && w->ctx->spec ? cf_spec_entry(w->ctx->spec, f->schema) : NULL;
    if (f->kind == FN_GETAZS) {
        check_getazs(w, arg, here, own);
        return;
    }
    if (!schema)
        return;
    const cf_node *saved_root = w->root, *saved_if = w->if_args;
    bool saved_ref = w->under_ref;
    w->root = schema;
    w->under_ref |= f->kind == FN_REF;
    w->if_args = f->kind == FN_IF ? arg : NULL;
    fn_check_value(w, arg, schema, here, own);
    w->root = saved_root;
    w->under_ref = saved_ref;
    w->if_args = saved_if;
}

/* I1022: Fn::Join with an empty delimiter over strings and plain
 * references reads better as a Fn::Sub (not said of CDK output). */
static void join_prefers_sub(fn_walk *w, const cf_node *arg)
{
    if (arg->kind != CF_SEQUENCE || arg->len < 2 || !fn_is_str(arg->u.items[0]) || arg->u.items[0]->len ||
        arg->u.items[1]->kind != CF_SEQUENCE)
        return;
    const cf_node *parts = arg->u.items[1];
    for (uint32_t i = 0; i < parts->len; i++) {
        const cf_node *p = parts->u.items[i];
        if (p->kind != CF_MAPPING || p->len != 1)
            continue;
        const cf_node *k = p->u.pairs[0].key;
        bool plain = cf_is_str(k, "Ref") || cf_is_str(k, "Fn::GetAtt") ||
                     (cf_is_str(k, "Fn::Sub") && fn_is_str(p->u.pairs[0].value));
        if (!plain)
            return;
    }
    for (size_t i = 0; i < w->t->nres; i++)
        if (w->t->res[i].type_name && !strcmp(w->t->res[i].type_name, "AWS::CDK::Metadata"))
            return;
    fn_explicit_at(w, "I1022", cf_sect_place(arg->u.items[0]), arg->u.items[0],
                   "Prefer using Fn::Sub over Fn::Join with an empty delimiter");
}

void fn_check_function(fn_walk *w, const cf_node *inst, int fi, const cf_node *s, fn_set here, const char *rule)
{
    const fn_info *f = &fn_table[fi];
    if (f->kind == FN_OPAQUE || f->kind == FN_CONDITION || sub_written_out(w, inst, f) || without_transform(w, inst, f))
        return;
    const char *saved_fixed = w->fixed;
    bool saved_arns = w->no_arns;
    if (f->kind == FN_EXTENSION)
        w->fixed = f->rule;
    /* Ref's findings are E1020 wherever it stands; others take the rule
     * of the function they are inside */
    const char *own = f->kind == FN_REF ? f->rule : rule ? rule : f->rule;
    const cf_node *arg = inst->u.pairs[0].value;
    size_t before = w->errors;
    check_result(w, inst, f, s, own);
    check_argument(w, arg, f, here, own);
    if (f->kind == FN_REF)
        fn_check_ref(w, inst, arg, s, own);
    else if (w->errors == before)
        check_references(w, inst, fi, s, here, rule, own);
    if (f->kind == FN_JOIN)
        join_prefers_sub(w, arg);
    w->fixed = saved_fixed;
    w->no_arns = saved_arns;
}

