/* The Parameters section.
 *
 *   E2001  a parameter's shape: an alphanumeric name, a mapping with a
 *          Type, only the keys its Type takes, each of the right type
 *          (read as CloudFormation converts: 5 is a fine string).
 *   E2011  lengths: names to 255, Default and allowed values to 4096,
 *          Description to 4000 characters.
 *   E2002  a Type CloudFormation knows.
 *   W2002  an SSM or List<> form it accepts but does not validate.
 *   E2015  a Default its own constraints allow.
 *   W2001  a parameter nothing uses: no Ref names it and no Fn::Sub
 *          string mentions ${it} (cfn-lint's count: the interface
 *          metadata does not use a parameter, and a template with a
 *          Transform is not judged, since the transform may use it). */
#include "../lint.h"
#include "../param_types.h"
#include "../regex.h"
#include "../repr.h"
#include "../regex_errors.h"
#include "section.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E2001",
     "Parameters have appropriate properties",
     "Making sure the parameters are properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
     "parameters"},
    {"W2002",
     "Parameter type is not officially supported by CloudFormation",
     "CloudFormation accepts any AWS::SSM::Parameter::Value<> or List<> pattern, but only validates specific types. "
     "Using unsupported types may work but CloudFormation will not validate the parameter values.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html",
     "parameters"},
    {"E2002",
     "Parameters have appropriate type",
     "Making sure the parameters have a correct type",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/best-practices.html#parmtypes",
     "parameters"},
    {"E2011",
     "Validate the name for a parameter",
     "Validate the name of a parameter with special handling of the max length length",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "parameters,limits"},
    {"E2015",
     "Default value is within parameter constraints",
     "Making sure the parameters have a default value inside AllowedValues, MinValue, MaxValue, AllowedPattern",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
     "parameters"},
    {"W2001",
     "Check if Parameters are Used",
     "Making sure the parameters defined are used",
     "https://github.com/aws-cloudformation/cfn-lint",
     "parameters"},
    {"I2003",
     "Validate AllowedPattern is a valid regexs",
     "Validate the pattern defined in a AllowedPattern. This is informational as the service side regex library is different than the Python one",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "parameters,allowed pattern"},
};

/* ---- Types ------------------------------------------------------------ */

#define COUNT(a) (sizeof a / sizeof a[0])

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* E2002: a documented type, or one of the SSM / List forms CloudFormation
 * accepts beyond the documented ones (W2002). */
static void check_type_name(cf_lint_ctx *ctx, const cf_node *type)
{
    if (type->kind != CF_SCALAR || type->type != CF_TYPE_STR)
        return;
    const char *t = type->u.str;
    if (cf_param_type_known(t))
        return;
    if (!strncmp(t, "AWS::SSM::Parameter::Value<", 27) || !strncmp(t, "List<", 5)) {
        /* W2002: accepted, but CloudFormation will not check the value */
        cf_buf b = {0};
        cf_repr(&b, type);
        cf_sect_report(ctx, "W2002", type,
                       "%s is not an officially documented CloudFormation parameter type. While CloudFormation may "
                       "accept this type, it will not validate the parameter value.",
                       b.data);
        buf_free(&b);
        return;
    }
    const char **all = xcalloc(cf_param_types_n + 1, sizeof *all);
    memcpy(all, cf_param_types, cf_param_types_n * sizeof *all);
    qsort(all, cf_param_types_n, sizeof *all, cmp_str);
    cf_buf b = {0}, names = {0};
    cf_repr(&b, type);
    cf_sect_names_repr(&names, all, cf_param_types_n);
    free(all);
    cf_sect_report(ctx, "E2002", type, "%s is not one of %s", b.data, names.data);
    buf_free(&b);
    buf_free(&names);
}

/* ---- Shape (E2001, E2011) ---------------------------------------------- */

/* A parameter's keys, in the schema's order, with the type each takes and
 * the longest string it may be (0: no limit). */
typedef struct param_key {
    const char *name, *type;
    size_t max_length;
} param_key;

static const param_key param_keys[] = {
    {"AllowedPattern", "string", 0}, {"AllowedValues", "array", 0},
    {"ConstraintDescription", "string", 0}, {"Default", "string", 4096},
    {"Description", "string", 4000}, {"MaxLength", "integer", 0},
    {"MaxValue", "number", 0}, {"MinLength", "integer", 0},
    {"MinValue", "number", 0}, {"NoEcho", "boolean", 0},
    {"Type", "string", 0},
};

/* The keys a Number takes, and the ones every other type takes. */
static const char *const number_keys[] = {
    "AllowedValues", "ConstraintDescription", "Default", "Description", "MaxValue", "MinValue", "NoEcho", "Type",
};
static const char *const string_keys[] = {
    "AllowedPattern", "AllowedValues", "ConstraintDescription", "Default", "Description", "MaxLength",
    "MinLength", "NoEcho", "Type",
};

/* Python's len() of a str: code points. */
static size_t code_points(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

static void check_length(cf_lint_ctx *ctx, const cf_node *v, size_t max)
{
    if (!max || v->kind != CF_SCALAR || v->type != CF_TYPE_STR)
        return;
    size_t len = code_points(v->u.str, v->len);
    if (len > max)
        cf_sect_report(ctx, "E2011", v, "expected maximum length: %zu, found: %zu", max, len);
}

static void check_key_value(cf_lint_ctx *ctx, const param_key *pk, const cf_node *v)
{
    if (!cf_sect_is(v, pk->type, false)) {
        char types[32];
        snprintf(types, sizeof types, "'%s'", pk->type);
        cf_sect_not_of_type(ctx, "E2001", v, types);
        return;
    }
    check_length(ctx, v, pk->max_length);
    if (!strcmp(pk->name, "AllowedValues")) {
        for (uint32_t i = 0; i < v->len; i++) {
            if (!cf_sect_is(v->u.items[i], "string", false))
                cf_sect_not_of_type(ctx, "E2001", v->u.items[i], "'string'");
            else
                check_length(ctx, v->u.items[i], 4096);
        }
    }
    double d;
    if (!strcmp(pk->name, "MaxLength") && cf_scalar_double(v, &d) && d > 4096) {
        cf_buf b = {0};
        cf_repr(&b, v);
        cf_sect_report(ctx, "E2001", v, "%s is greater than the maximum of 4096", b.data);
        buf_free(&b);
    }
}

static void check_shape(cf_lint_ctx *ctx, const cf_named *p)
{
    const cf_node *v = p->value;
    if (!cf_sect_is(v, "object", false)) {
        cf_sect_not_of_type(ctx, "E2001", v, "'object'");
        return;
    }
    const cf_node *type = cf_map_get(v, "Type");
    if (!type || (type->kind == CF_SCALAR && type->type == CF_TYPE_NULL))
        cf_sect_report(ctx, "E2001", v, "'Type' is a required property");
    bool number = cf_is_str(type, "Number") && type->type == CF_TYPE_STR;
    const char *const *allowed = number ? number_keys : string_keys;
    size_t nallowed = number ? COUNT(number_keys) : COUNT(string_keys);
    const char *names[COUNT(param_keys)];
    for (size_t i = 0; i < COUNT(param_keys); i++)
        names[i] = param_keys[i].name;
    for (uint32_t i = 0; i < v->len; i++) {
        const cf_node *k = v->u.pairs[i].key;
        const param_key *pk = NULL;
        for (size_t j = 0; k->kind == CF_SCALAR && k->type == CF_TYPE_STR && j < COUNT(param_keys); j++)
            if (!strcmp(k->u.str, param_keys[j].name))
                pk = &param_keys[j];
        if (!pk)
            cf_sect_unexpected(ctx, "E2001", k, names, COUNT(names));
        const cf_node *val = v->u.pairs[i].value;
        bool null_value = val->kind == CF_SCALAR && val->type == CF_TYPE_NULL; /* cfn-lint skips these */
        if (!null_value && (k->kind != CF_SCALAR || k->type != CF_TYPE_STR || !in_list(k->u.str, allowed, nallowed))) {
            cf_buf b = {0}, list = {0};
            cf_repr(&b, k);
            cf_sect_names_repr(&list, allowed, nallowed);
            cf_sect_report(ctx, "E2001", k, "%s is not one of %s", b.data, list.data);
            buf_free(&b);
            buf_free(&list);
        }
        if (pk)
            check_key_value(ctx, pk, v->u.pairs[i].value);
    }
}

/* ---- Default within the constraints (E2015) ----------------------------- */

/* What cfn-lint compares: the Default as YAML typed it, or one item of a
 * list type's Default (a string).  Python's str() of it as text. */
typedef struct default_value {
    const cf_node *node; /* NULL for a list item */
    char *text;
} default_value;

static bool is_int(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && (n->type == CF_TYPE_INT || n->type == CF_TYPE_BOOL);
}

static long long int_value(const cf_node *n)
{
    if (n->type == CF_TYPE_BOOL)
        return n->u.str[0] == 't' || n->u.str[0] == 'T' || n->u.str[0] == 'y' || n->u.str[0] == 'Y' ||
               ((n->u.str[0] == 'o' || n->u.str[0] == 'O') && n->len == 2);
    double d = 0;
    cf_scalar_double(n, &d);
    return (long long)d;
}

/* Python's == between the value and one of AllowedValues. */
static bool python_equal(const default_value *dv, const cf_node *allowed)
{
    if (dv->node && dv->node->kind != CF_SCALAR) { /* lists and mappings: by value */
        if (allowed->kind != dv->node->kind)
            return false;
        char *r = cf_repr_dup(allowed);
        bool same = !strcmp(r, dv->text);
        free(r);
        return same;
    }
    if (allowed->kind != CF_SCALAR)
        return false;
    bool dv_str = !dv->node || dv->node->type == CF_TYPE_STR;
    if (dv_str || allowed->type == CF_TYPE_STR)
        return dv_str && allowed->type == CF_TYPE_STR && !strcmp(dv->text, allowed->u.str);
    double a, b;
    if (dv->node->type == CF_TYPE_NULL || allowed->type == CF_TYPE_NULL)
        return dv->node->type == allowed->type;
    if (is_int(dv->node) && is_int(allowed))
        return int_value(dv->node) == int_value(allowed);
    if (cf_scalar_double(dv->node, &a) && cf_scalar_double(allowed, &b))
        return a == b;
    return !strcmp(dv->text, allowed->u.str);
}

/* Python's `value in allowed`: 1 or 0, or -1 where Python raises (a
 * number `in` a str), which stops cfn-lint's check of the parameter. */
static int in_allowed_values(const default_value *dv, const cf_node *allowed)
{
    if (allowed->kind == CF_SCALAR && allowed->type == CF_TYPE_STR) { /* a substring */
        if (dv->node && dv->node->type != CF_TYPE_STR)
            return -1;
        return strstr(allowed->u.str, dv->text) != NULL;
    }
    for (uint32_t i = 0; allowed->kind == CF_SEQUENCE && i < allowed->len; i++)
        if (python_equal(dv, allowed->u.items[i]))
            return 1;
    return allowed->kind == CF_SEQUENCE ? 0 : -1;
}

/* re.match: anchored at the start only. */
static bool pattern_allows(const char *pattern, const char *text)
{
    char *anchored = xasprintf("\\A(?:%s)", pattern);
    int r = cf_regex_search(anchored, text, strlen(text));
    free(anchored);
    return r != 0; /* a pattern PCRE2 cannot read is not judged */
}

enum {
    DEFAULT_UNJUDGED = 1u << 31, /* cfn-lint's check failed on this value */
    DEFAULT_PATTERN = 1 << 0,
    DEFAULT_MIN_VALUE = 1 << 1,
    DEFAULT_MAX_VALUE = 1 << 2,
    DEFAULT_ALLOWED = 1 << 3,
    DEFAULT_MIN_LENGTH = 1 << 4,
    DEFAULT_MAX_LENGTH = 1 << 5,
};

static const char *const default_messages[] = {
    "Default should be allowed by AllowedPattern",
    "Default should be equal to or higher than MinValue",
    "Default should be less than or equal to MaxValue",
    "Default should be a value within AllowedValues",
    "Default should have a length above or equal to MinLength",
    "Default should have a length below or equal to MaxLength",
};

/* Which constraints the value breaks (a bit per message above). */
static unsigned default_violations(const cf_node *p, const default_value *dv)
{
    unsigned bad = 0;
    const cf_node *c;
    if ((c = cf_map_get(p, "AllowedPattern")) && cf_sect_truthy(c) && c->kind == CF_SCALAR && c->type == CF_TYPE_STR &&
        !pattern_allows(c->u.str, dv->text))
        bad |= DEFAULT_PATTERN;
    bool int_default = is_int(dv->node); /* a bool is an int to Python */
    if ((c = cf_map_get(p, "MinValue")) && cf_sect_truthy(c) && int_default && is_int(c) &&
        int_value(dv->node) < int_value(c))
        bad |= DEFAULT_MIN_VALUE;
    if ((c = cf_map_get(p, "MaxValue")) && c->type != CF_TYPE_NULL && int_default && is_int(c) &&
        int_value(dv->node) > int_value(c))
        bad |= DEFAULT_MAX_VALUE;
    if ((c = cf_map_get(p, "AllowedValues")) && cf_sect_truthy(c)) {
        int in = in_allowed_values(dv, c);
        if (in < 0)
            return DEFAULT_UNJUDGED;
        if (!in)
            bad |= DEFAULT_ALLOWED;
    }
    size_t len = code_points(dv->text, strlen(dv->text));
    if ((c = cf_map_get(p, "MinLength")) && c->type == CF_TYPE_INT && (long long)len < int_value(c))
        bad |= DEFAULT_MIN_LENGTH;
    if ((c = cf_map_get(p, "MaxLength")) && c->type == CF_TYPE_INT && (long long)len > int_value(c))
        bad |= DEFAULT_MAX_LENGTH;
    return bad;
}

/* A list type's Default is judged item by item, and reported only when the
 * whole string fails too (as cfn-lint does). */
static unsigned list_item_violations(const cf_node *p, const char *whole)
{
    unsigned bad = 0;
    const char *s = whole;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        while (n && strchr(" \t\n\r\f\v", *s)) {
            s++;
            n--;
        }
        while (n && strchr(" \t\n\r\f\v", s[n - 1]))
            n--;
        default_value item = {NULL, xstrndup(s, n)};
        bad |= default_violations(p, &item);
        free(item.text);
        if (!comma)
            break;
        s = comma + 1;
    }
    return bad;
}

static void check_default(cf_lint_ctx *ctx, const cf_named *p)
{
    const cf_node *type = cf_map_get(p->value, "Type");
    const cf_node *def = cf_map_get(p->value, "Default");
    if (!type || type->kind != CF_SCALAR || type->type != CF_TYPE_STR || !def ||
        (def->kind == CF_SCALAR && def->type == CF_TYPE_NULL))
        return;
    default_value whole = {def, cf_py_str(def)};
    bool list = cf_param_type_is_list(type->u.str);
    unsigned items = list ? list_item_violations(p->value, whole.text) : 0;
    unsigned bad = !list || items ? default_violations(p->value, &whole) : 0;
    if (bad & DEFAULT_UNJUDGED)
        bad = 0;
    if (bad)
        bad |= items & ~DEFAULT_UNJUDGED;
    for (size_t i = 0; i < COUNT(default_messages); i++)
        if (bad & (1u << i))
            cf_sect_report(ctx, "E2015", def, "%s", default_messages[i]);
    free(whole.text);
}

/* ---- Use (W2001) ------------------------------------------------------- */

typedef struct usage {
    const cf_template *t;
    bool *used; /* per parameter */
} usage;

static void mark_used(usage *u, const char *name, size_t len)
{
    const cf_named *p = cf_section_get_n(&u->t->params, name, len);
    if (p)
        u->used[p - u->t->params.v] = true;
}

static void visit_ref(const cf_node *v, void *data)
{
    if (v->kind == CF_SCALAR && v->type == CF_TYPE_STR)
        mark_used(data, v->u.str, v->len);
}

/* cfn-lint's reading of a Sub string: ${ ... } not starting with '!',
 * up to the first '}' on the same line, blanks trimmed. */
static void visit_sub(const cf_node *v, void *data)
{
    if (v->kind == CF_SEQUENCE)
        v = v->len ? v->u.items[0] : NULL;
    if (!v || v->kind != CF_SCALAR || v->type != CF_TYPE_STR)
        return;
    const char *s = v->u.str;
    for (size_t i = 0; i + 2 < v->len; i++) {
        if (s[i] != '$' || s[i + 1] != '{' || s[i + 2] == '!')
            continue;
        size_t end = i + 3;
        while (end < v->len && s[end] != '}' && s[end] != '\n')
            end++;
        if (end >= v->len || s[end] != '}')
            continue;
        size_t a = i + 2, b = end;
        while (a < b && strchr(" \t\n\r\f\v", s[a]))
            a++;
        while (b > a && strchr(" \t\n\r\f\v", s[b - 1]))
            b--;
        mark_used(data, s + a, b - a);
        i = end;
    }
}

static bool has_transform(const cf_template *t)
{
    const cf_node *tr = cf_map_get(t->root, "Transform");
    return tr && !(tr->kind == CF_SEQUENCE && !tr->len);
}

static void check_usage(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!t->params.n || has_transform(t))
        return;
    usage u = {t, xcalloc(t->params.n, sizeof(bool))};
    cf_sect_each_key(t->root, "Ref", visit_ref, &u);
    cf_sect_each_key(t->root, "Fn::Sub", visit_sub, &u);
    for (size_t i = 0; i < t->params.n; i++)
        if (!u.used[i])
            cf_sect_report(ctx, "W2001", t->params.v[i].value, "Parameter %s not used.", t->params.v[i].name);
    free(u.used);
}

/* An AllowedPattern cfn-lint's regex library cannot compile: CloudFormation
 * (another library) may still take it, hence only informational. */
static void check_allowed_pattern(cf_lint_ctx *ctx, const cf_named *p)
{
    const cf_node *pat = p->value->kind == CF_MAPPING ? cf_map_get(p->value, "AllowedPattern") : NULL;
    if (!pat || pat->kind != CF_SCALAR || pat->type != CF_TYPE_STR)
        return;
    cf_buf why = {0};
    if (cf_regex_error(pat->u.str, pat->len, &why) == 1) {
        cf_buf r = {0};
        cf_repr(&r, pat);
        cf_diag_at(ctx->out, ctx->doc, "I2003", cf_loc_key(pat), "%s could not be compiled (%s)", r.data, why.data);
        buf_free(&r);
    }
    buf_free(&why);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    const cf_node *section = t->parameters;
    if (!section)
        return;
    if (section->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E2001", section, "'object'");
        return;
    }
    for (uint32_t i = 0; i < section->len; i++) {
        const cf_node *k = section->u.pairs[i].key;
        if (k->kind == CF_SCALAR && k->type == CF_TYPE_STR && code_points(k->u.str, k->len) > 255)
            cf_sect_report(ctx, "E2011", k, "expected maximum length: 255, found: %zu", code_points(k->u.str, k->len));
        const cf_named *p = k->kind == CF_SCALAR ? cf_section_get(&t->params, k->u.str) : NULL;
        if (!p)
            continue;
        if (cf_sect_name_ok(k, "")) {
            check_shape(ctx, p);
            check_allowed_pattern(ctx, p);
        } else
            cf_sect_bad_name(ctx, "E2001", k, "^[a-zA-Z0-9]+$"); /* and no more of its shape */
        const cf_node *type = cf_map_get(p->value, "Type");
        if (type)
            check_type_name(ctx, type);
        if (p->value->kind == CF_MAPPING)
            check_default(ctx, p);
    }
    check_usage(ctx);
}

CF_FAMILY(family_parameters, "parameters", check, rules);
