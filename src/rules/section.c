/* The helpers the section rule families share (see section.h). */
#include "section.h"
#include "../repr.h"
#include "../similar.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* cfn-lint knows where a string was read (its loader keeps marks on
 * strings, mappings and sequences) but not where a number, a boolean, a
 * null, a short-form tag's key or a short-form tag's scalar was.  A
 * finding about a node it cannot place goes to the nearest mapping key
 * above it that it can; sequence items are placed only as the last step
 * of a path.  Matching that keeps line:col equal to cfn-lint's. */
static bool cfn_knows_key(const cf_node *k)
{
    return k->kind == CF_SCALAR && k->type == CF_TYPE_STR && !(k->flags & CF_NF_TAG_KEY);
}

static bool cfn_knows_value(const cf_node *n)
{
    if (n->kind != CF_SCALAR)
        return true;
    const cf_node *p = n->parent;
    if (p && ((p->flags & CF_NF_SHORT_FORM) || (p->flags & CF_NF_DOTTED)))
        return false; /* built by a tag's constructor: a bare str */
    return n->type == CF_TYPE_STR;
}

/* The element n as found on the way back up the path: only keys count. */
static const cf_node *place_up(const cf_node *n)
{
    for (; n && n->parent; n = n->parent) {
        const cf_node *p = n->parent;
        if (p->kind == CF_MAPPING && cfn_knows_key(p->u.pairs[n->index].key))
            return p->u.pairs[n->index].key;
    }
    return n;
}

const cf_node *cf_sect_place(const cf_node *about)
{
    const cf_node *p = about->parent;
    if (!p)
        return about;
    if (about->flags & CF_NF_KEY)
        return cfn_knows_key(about) ? about : place_up(p);
    if (p->kind == CF_MAPPING) {
        const cf_node *k = p->u.pairs[about->index].key;
        return cfn_knows_key(k) ? k : place_up(p);
    }
    return cfn_knows_value(about) ? about : place_up(p);
}

/* A finding about `about`, placed where cfn-lint places it, with the path
 * of `about` itself (cfn-lint's path, even when the place is a parent). */
cf_diag *cf_sect_report(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    const cf_node *at = cf_sect_place(about);
    cf_diag *d = cf_diag_at(ctx->out, ctx->doc, rule, at, "%s", msg);
    free(msg);
    if (about != at)
        cf_diag_about(d, about);
    return d;
}

cf_diag *cf_sect_report_past(cf_lint_ctx *ctx, const char *rule, const cf_node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cf_diag *d = cf_diag_at(ctx->out, ctx->doc, rule, place_up(n), "%s", msg);
    free(msg);
    cf_diag_about(d, n);
    return d;
}

/* "X is not of type 'string', 'array'" (types as cfn-lint lists them). */
void cf_sect_limit(cf_lint_ctx *ctx, const char *over_rule, const char *near_rule, const cf_node *map,
                   uint32_t limit)
{
    if (map->kind != CF_MAPPING || (uint64_t)map->len * 10 <= (uint64_t)limit * 9)
        return;
    char *path = cf_sect_path_text(map);
    if (map->len > limit)
        cf_sect_report(ctx, over_rule, map, "'%s' has more than %u properties", path, limit);
    else
        cf_sect_report(ctx, near_rule, map, "'%s' is approaching the limit of %u properties", path, limit);
    free(path);
}

void cf_sect_name_length(cf_lint_ctx *ctx, const char *over_rule, const char *near_rule, const cf_node *key,
                         size_t limit)
{
    if (key->kind != CF_SCALAR || key->type != CF_TYPE_STR)
        return;
    size_t chars = 0;
    for (uint32_t i = 0; i < key->len; i++)
        chars += ((unsigned char)key->u.str[i] & 0xC0) != 0x80;
    if (chars * 10 <= limit * 9)
        return;
    cf_buf b = {0};
    cf_repr(&b, key);
    if (chars > limit)
        cf_sect_report(ctx, over_rule, key, "%s is longer than %zu", b.data, limit);
    else
        cf_sect_report(ctx, near_rule, key, "%s is approaching the max length of %zu", b.data, limit);
    buf_free(&b);
}

void cf_sect_known_condition(cf_lint_ctx *ctx, const char *rule, const cf_node *name)
{
    const cf_section *conds = &ctx->tpl->conds;
    if (name->kind == CF_SCALAR && name->type == CF_TYPE_STR && cf_section_get(conds, name->u.str))
        return;
    const char **names = xcalloc(conds->n + 1, sizeof *names);
    for (size_t i = 0; i < conds->n; i++)
        names[i] = conds->v[i].name;
    cf_buf b = {0}, list = {0};
    cf_repr(&b, name);
    cf_sect_names_repr(&list, names, conds->n);
    cf_sect_report(ctx, rule, name, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
    free(names);
}

void cf_sect_not_of_type(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *types)
{
    cf_buf b = {0};
    cf_repr(&b, about);
    cf_sect_report(ctx, rule, about, "%s is not of type %s", b.data, types);
    buf_free(&b);
}

/* "Additional properties are not allowed ('Foo' was unexpected)", with
 * cfn-lint's suggestion of the first known name that is close enough. */
void cf_sect_unexpected(cf_lint_ctx *ctx, const char *rule, const cf_node *key,
                        const char *const *known, size_t nknown)
{
    cf_buf b = {0};
    cf_repr(&b, key);
    const char *hint = NULL;
    for (size_t i = 0; key->kind == CF_SCALAR && key->type == CF_TYPE_STR && i < nknown && !hint; i++)
        if (cf_similar(key->u.str, known[i]))
            hint = known[i];
    if (hint)
        cf_sect_report(ctx, rule, key, "Additional properties are not allowed (%s was unexpected. Did you mean '%s'?)",
                       b.data, hint);
    else
        cf_sect_report(ctx, rule, key, "Additional properties are not allowed (%s was unexpected)", b.data);
    buf_free(&b);
}

/* Logical ids are alphanumeric (^[a-zA-Z0-9]+$, plus extra_chars where a
 * section allows more).  A key YAML reads as a number or a boolean is not
 * a string and never matches. */
bool cf_sect_name_ok(const cf_node *key, const char *extra_chars)
{
    return cf_logical_id_ok(key, extra_chars);
}

void cf_sect_bad_name(cf_lint_ctx *ctx, const char *rule, const cf_node *key, const char *pattern)
{
    cf_buf b = {0};
    cf_repr(&b, key);
    cf_sect_report(ctx, rule, key, "%s does not match any of the regexes: '%s'", b.data, pattern);
    buf_free(&b);
}

static bool loose_number(const char *s, bool integer)
{
    /* Python's float() / int() of a string: surrounding blanks, a sign,
     * digits with single underscores between them */
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    char *clean = xstrdup(s);
    size_t n = strlen(clean);
    while (n && strchr(" \t\n\r", clean[n - 1]))
        clean[--n] = '\0';
    size_t k = 0;
    bool ok = n > 0;
    for (size_t i = 0; i < n; i++) {
        if (clean[i] == '_') {
            bool between = i > 0 && i + 1 < n && clean[i - 1] >= '0' && clean[i - 1] <= '9' &&
                           clean[i + 1] >= '0' && clean[i + 1] <= '9';
            ok = ok && between;
            continue;
        }
        clean[k++] = clean[i];
    }
    clean[k] = '\0';
    if (ok) {
        char *end;
        if (integer) {
            const char *p = clean + (clean[0] == '+' || clean[0] == '-');
            ok = *p != '\0' && strspn(p, "0123456789") == strlen(p);
        } else {
            strtod(clean, &end);
            ok = end != clean && *end == '\0';
        }
    }
    free(clean);
    return ok;
}

/* Whether n is of a JSON-schema type.  Strict is Python's isinstance; not
 * strict is cfn-lint's reading of what CloudFormation converts (anything
 * scalar is a string, "5" is an integer, "true" a boolean). */
bool cf_sect_is(const cf_node *n, const char *type, bool strict)
{
    bool scalar = n->kind == CF_SCALAR;
    cf_type t = scalar ? (cf_type)n->type : CF_TYPE_NULL;
    if (!strcmp(type, "object"))
        return n->kind == CF_MAPPING;
    if (!strcmp(type, "array"))
        return n->kind == CF_SEQUENCE;
    if (!strcmp(type, "null"))
        return scalar && t == CF_TYPE_NULL;
    if (!scalar || t == CF_TYPE_NULL)
        return false;
    if (!strcmp(type, "string"))
        return !strict || t == CF_TYPE_STR;
    if (!strcmp(type, "boolean")) {
        if (t == CF_TYPE_BOOL)
            return true;
        static const char *const words[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
        for (size_t i = 0; !strict && t == CF_TYPE_STR && i < 6; i++)
            if (!strcmp(n->u.str, words[i]))
                return true;
        return false;
    }
    bool integer = !strcmp(type, "integer");
    if (t == CF_TYPE_INT)
        return true;
    if (t == CF_TYPE_FLOAT) {
        double v;
        /* int(1.5) works in Python; jsonschema counts 2.0 as an integer */
        return !integer || !strict || (cf_scalar_double(n, &v) && v == (double)(long long)v);
    }
    if (strict || t != CF_TYPE_STR)
        return false;
    return loose_number(n->u.str, integer);
}

/* ['A', 'B']: a Python list of names. */
void cf_sect_names_repr(cf_buf *b, const char *const *names, size_t n)
{
    buf_addc(b, '[');
    for (size_t i = 0; i < n && i < CF_SECT_NAMES_SHOWN; i++) {
        if (i)
            buf_adds(b, ", ");
        cf_repr_str(b, names[i], strlen(names[i]));
    }
    if (n > CF_SECT_NAMES_SHOWN)
        buf_printf(b, ", ..., %zu more", n - CF_SECT_NAMES_SHOWN);
    buf_addc(b, ']');
}

/* Every value under a mapping key named `key`, anywhere below n, in
 * document order (cfn-lint's search_deep_keys). */
void cf_sect_each_key(const cf_node *n, const char *key,
                      void (*visit)(const cf_node *value, void *data), void *data)
{
    if (!n)
        return;
    if (n->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < n->len; i++) {
            if (cf_is_str(n->u.pairs[i].key, key))
                visit(n->u.pairs[i].value, data);
            cf_sect_each_key(n->u.pairs[i].value, key, visit, data);
        }
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            cf_sect_each_key(n->u.items[i], key, visit, data);
    }
}

/* An Fn::If whose branches are values to judge: [condition, then, else]
 * with a condition that exists (cfn-lint does not look into an Fn::If on
 * an unknown condition; E1028 reports it).  NULL otherwise. */
const cf_node *cf_sect_if_args(const cf_template *t, const cf_node *n)
{
    const char *fn = cf_intrinsic_name(n);
    if (!fn || strcmp(fn, "Fn::If"))
        return NULL;
    const cf_node *args = n->u.pairs[0].value;
    if (args->kind != CF_SEQUENCE || args->len != 3)
        return NULL;
    const cf_node *c = args->u.items[0];
    if (c->kind != CF_SCALAR || c->type != CF_TYPE_STR || !cf_section_get(&t->conds, c->u.str))
        return NULL;
    return args;
}

/* A node's path as cfn-lint writes it in messages: "Resources/A/Properties"
 * (caller frees). */
char *cf_sect_path_text(const cf_node *n)
{
    size_t len = cf_node_path(n, NULL, 0);
    cf_pathc *path = xmalloc(sizeof *path * (len ? len : 1));
    cf_node_path(n, path, len);
    cf_buf b = {0};
    for (size_t i = 0; i < len; i++) {
        if (i)
            buf_addc(&b, '/');
        if (path[i].key)
            buf_adds(&b, path[i].key);
        else
            buf_printf(&b, "%u", path[i].index);
    }
    free(path);
    if (!b.data)
        buf_adds(&b, ""); /* the root: an empty path, not NULL */
    return buf_steal(&b);
}


static const cf_node *in_scenario(cf_lint_ctx *ctx, const cf_node *n, const cf_scenario *s, int depth)
{
    const char *fn = n ? cf_intrinsic_name(n) : NULL;
    if (fn && !strcmp(fn, "Ref") && cf_is_str(n->u.pairs[0].value, "AWS::NoValue"))
        return NULL;
    if (!fn || strcmp(fn, "Fn::If") || depth > 16)
        return n;
    const cf_node *args = cf_sect_if_args(ctx->tpl, n);
    if (!args)
        return NULL;
    long c = cf_conds_find(ctx->conds, args->u.items[0]->u.str, args->u.items[0]->len);
    int value = -1;
    for (uint32_t i = 0; c >= 0 && i < s->n; i++)
        if (s->lit[i] >> 1 == (uint32_t)c)
            value = (int)(s->lit[i] & 1);
    return value < 0 ? NULL : in_scenario(ctx, args->u.items[value ? 1 : 2], s, depth + 1);
}

const cf_node *cf_sect_in_scenario(cf_lint_ctx *ctx, const cf_node *n, const cf_scenario *s)
{
    return in_scenario(ctx, n, s, 0);
}

void cf_sect_scenarios(cf_lint_ctx *ctx, const cf_node *const *values, size_t n,
                       void (*fn)(cf_lint_ctx *ctx, const cf_scenario *s, void *arg), void *arg)
{
    enum { MAX_CONDS = 4 };
    long conds[MAX_CONDS];
    size_t nconds = 0;
    for (size_t i = 0; i < n; i++) {
        const char *f = values[i] ? cf_intrinsic_name(values[i]) : NULL;
        if (!f || strcmp(f, "Fn::If"))
            continue;
        const cf_node *args = cf_sect_if_args(ctx->tpl, values[i]);
        long c = args ? cf_conds_find(ctx->conds, args->u.items[0]->u.str, args->u.items[0]->len) : -1;
        if (c < 0)
            return; /* an unknown condition: E1028's */
        bool seen = false;
        for (size_t k = 0; k < nconds; k++)
            seen |= conds[k] == c;
        if (!seen && nconds < MAX_CONDS)
            conds[nconds++] = c;
    }
    for (unsigned combo = 0; combo < (1u << nconds); combo++) {
        cf_scenario s = {0};
        bool ok = true;
        for (size_t i = 0; i < nconds && ok; i++)
            ok = cf_scenario_set(&s, (uint32_t)conds[i], combo >> i & 1);
        if (ok && (!nconds || cf_conds_possible(ctx->conds, &s)))
            fn(ctx, &s, arg);
    }
}

typedef void (*value_fn)(cf_lint_ctx *ctx, const cf_node *at, const cf_scenario *s, void *arg);

/* s: the conditions taken (NULL: every branch followed, none noted). */
static void follow(cf_lint_ctx *ctx, const cf_node *n, const char *const *path, value_fn visit, void *arg,
                   const cf_scenario *s, int depth)
{
    if (!n || depth > 32)
        return;
    if (cf_is_no_value(n)) {
        if (s && !*path) /* cfn-lint's None: the caller decides */
            visit(ctx, n, s, arg);
        return;
    }
    const char *fn = cf_intrinsic_name(n);
    if (fn && !strcmp(fn, "Fn::If")) {
        /* get_value_from_path takes both branches of an Fn::If on a
         * condition the template lacks; the validator's walk neither */
        const cf_node *args = s ? cf_if_args(n) : cf_sect_if_args(ctx->tpl, n);
        long c = args && s ? cf_conds_find(ctx->conds, args->u.items[0]->u.str, args->u.items[0]->len) : -1;
        for (uint32_t b = 1; args && b < 3; b++) {
            cf_scenario next = s ? *s : (cf_scenario){0};
            if (c >= 0 && !(cf_scenario_set(&next, (uint32_t)c, b == 1) &&
                            cf_conds_possible(cf_lint_validator_conds(ctx), &next)))
                continue; /* a branch no deployment takes here */
            follow(ctx, args->u.items[b], path, visit, arg, s ? &next : NULL, depth + 1);
        }
        return;
    }
    if (!*path) {
        visit(ctx, n, s, arg);
        return;
    }
    if (!strcmp(*path, "*")) {
        for (uint32_t i = 0; n->kind == CF_SEQUENCE && i < n->len; i++)
            follow(ctx, n->u.items[i], path + 1, visit, arg, s, depth + 1);
    } else if (n->kind == CF_MAPPING && !fn) {
        follow(ctx, cf_map_get(n, *path), path + 1, visit, arg, s, depth + 1);
    }
}

void cf_sect_values(cf_lint_ctx *ctx, const cf_node *n, const char *const *path, const cf_scenario *from,
                    value_fn visit, void *arg)
{
    cf_scenario at = {0};
    if (from)
        at = *from;
    else if (n && ctx->conds)
        cf_conds_at(ctx->conds, ctx->tpl, n, &at);
    follow(ctx, n, path, visit, arg, ctx->conds ? &at : NULL, 0);
}

typedef struct plain_visit {
    void (*visit)(cf_lint_ctx *ctx, const cf_node *at, void *arg);
    void *arg;
} plain_visit;

static void visit_plain(cf_lint_ctx *ctx, const cf_node *at, const cf_scenario *s, void *arg)
{
    (void)s;
    plain_visit *p = arg;
    p->visit(ctx, at, p->arg);
}

void cf_sect_follow_arg(cf_lint_ctx *ctx, const cf_node *n, const char *const *path,
                        void (*visit)(cf_lint_ctx *ctx, const cf_node *at, void *arg), void *arg)
{
    plain_visit p = {visit, arg};
    follow(ctx, n, path, visit_plain, &p, NULL, 0);
}

typedef struct no_arg_visit {
    void (*visit)(cf_lint_ctx *ctx, const cf_node *at);
} no_arg_visit;

static void visit_no_arg(cf_lint_ctx *ctx, const cf_node *at, void *arg)
{
    ((no_arg_visit *)arg)->visit(ctx, at);
}

void cf_sect_follow(cf_lint_ctx *ctx, const cf_node *n, const char *const *path,
                    void (*visit)(cf_lint_ctx *ctx, const cf_node *at))
{
    no_arg_visit p = {visit};
    cf_sect_follow_arg(ctx, n, path, visit_no_arg, &p);
}

/* What json.loads would read too: flow collections, double-quoted strings
 * and keys, plain numbers, true, false and null. */
static bool json_shaped(const cf_node *n)
{
    if (n->kind == CF_SCALAR) {
        if (n->style == CF_STYLE_DOUBLE)
            return true;
        if (n->style != CF_STYLE_PLAIN || !n->u.str)
            return false;
        if (!strcmp(n->u.str, "true") || !strcmp(n->u.str, "false") || !strcmp(n->u.str, "null"))
            return true;
        const char *p = n->u.str;
        if (*p == '-')
            p++;
        if (*p < '0' || *p > '9')
            return false;
        return p[strspn(p, "0123456789.eE+-")] == 0 && (n->type == CF_TYPE_INT || n->type == CF_TYPE_FLOAT);
    }
    if (n->style != CF_STYLE_FLOW)
        return false;
    for (uint32_t i = 0; i < n->len; i++) {
        if (n->kind == CF_MAPPING) {
            if (n->u.pairs[i].key->kind != CF_SCALAR || n->u.pairs[i].key->style != CF_STYLE_DOUBLE ||
                !json_shaped(n->u.pairs[i].value))
                return false;
        } else if (!json_shaped(n->u.items[i])) {
            return false;
        }
    }
    return true;
}

cf_doc *cf_sect_json_text(const cf_node *str, const char *name)
{
    if (!str || str->kind != CF_SCALAR || str->type != CF_TYPE_STR)
        return NULL;
    size_t len = strlen(str->u.str), b = strspn(str->u.str, " \t\r\n");
    /* JSON only: a string YAML reads but json.loads does not is not judged */
    if (b == len || !strchr("{[\"-0123456789tfn", str->u.str[b]))
        return NULL;
    char *buf = xmalloc(len + 1);
    memcpy(buf, str->u.str, len + 1);
    cf_doc *jd = cf_doc_load_buffer(name, buf, len);
    if (jd && (jd->failed || !jd->root || !json_shaped(jd->root))) {
        cf_doc_free(jd);
        jd = NULL;
    }
    return jd;
}

bool cf_sect_truthy(const cf_node *n)
{
    if (!n)
        return false;
    if (n->kind != CF_SCALAR)
        return n->len > 0;
    double d;
    switch (n->type) {
    case CF_TYPE_NULL: return false;
    case CF_TYPE_BOOL: /* YAML 1.1: true, yes and on, in any of their spellings */
        return n->len && (strchr("tTyY", n->u.str[0]) || ((n->u.str[0] == 'o' || n->u.str[0] == 'O') && n->len == 2));
    case CF_TYPE_INT:
    case CF_TYPE_FLOAT: return cf_scalar_double(n, &d) && d != 0;
    default: return n->len > 0;
    }
}
