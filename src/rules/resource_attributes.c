/* A resource's own structure, as cfn-lint's resource configuration schema
 * has it (E3001): a mapping with a string Type and only the resource
 * attributes CloudFormation knows, each of the right type; custom
 * resources take no CreationPolicy or UpdatePolicy, other types no
 * Version.  Then the values of some attributes: DeletionPolicy (E3035),
 * UpdateReplacePolicy (E3036), the pair of them (W3011) and the Condition
 * a resource names (E3015).
 *
 * This file also holds the helpers the section families share (see
 * "Shared by the section families" below). */
#include "../lint.h"
#include "../repr.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3015",
     "Validate the resource condition is valid",
     "Check the condition of a resource to make sure it exists inside the template",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
     "resources,conditions"},
    {"E3035",
     "Check DeletionPolicy values for Resources",
     "Check that the DeletionPolicy values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
     "resources,deletionpolicy"},
    {"E3036",
     "Check UpdateReplacePolicy values for Resources",
     "Check that the UpdateReplacePolicy values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html",
     "resources,updatereplacepolicy"},
    {"W3011",
     "Check resources with UpdateReplacePolicy/DeletionPolicy have both",
     "Both UpdateReplacePolicy and DeletionPolicy are needed to protect resources from deletion",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
     "resources,updatereplacepolicy,deletionpolicy"},
};

/* ---- Shared by the section families ---------------------------------
 * parameters.c, mappings.c, conditions.c, outputs.c, dependencies.c,
 * lambda.c and lifecycle.c declare these where they use them.  They
 * belong in diag.h / a small "cfn-lint schema words" header; they live
 * here until the lead moves them. */
const cf_node *cf_sect_place(const cf_node *about);
cf_diag *cf_sect_report(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void cf_sect_not_of_type(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *types);
void cf_sect_unexpected(cf_lint_ctx *ctx, const char *rule, const cf_node *key,
                        const char *const *known, size_t nknown);
bool cf_sect_name_ok(const cf_node *key, const char *extra_chars);
void cf_sect_bad_name(cf_lint_ctx *ctx, const char *rule, const cf_node *key, const char *pattern);
bool cf_sect_is(const cf_node *n, const char *type, bool strict);
void cf_sect_names_repr(cf_buf *b, const char *const *names, size_t n);
void cf_sect_each_key(const cf_node *n, const char *key,
                      void (*visit)(const cf_node *value, void *data), void *data);
const cf_node *cf_sect_if_args(const cf_template *t, const cf_node *n);
char *cf_sect_path_text(const cf_node *n);

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
    if (about != at) {
        size_t n = cf_node_path(about, NULL, 0);
        free(d->path);
        d->path = xmalloc(sizeof(cf_pathc) * (n ? n : 1));
        cf_node_path(about, d->path, n);
        d->path_len = (uint32_t)n;
        d->node = about;
    }
    return d;
}

/* "X is not of type 'string', 'array'" (types as cfn-lint lists them). */
void cf_sect_not_of_type(cf_lint_ctx *ctx, const char *rule, const cf_node *about, const char *types)
{
    cf_buf b = {0};
    cf_repr(&b, about);
    cf_sect_report(ctx, rule, about, "%s is not of type %s", b.data, types);
    buf_free(&b);
}

/* Python's difflib.SequenceMatcher(a, b).ratio(), without junk (names are
 * far shorter than its 200-character autojunk threshold): twice the
 * characters of the recursively longest common blocks over both lengths. */
static size_t matched_chars(const char *a, size_t alo, size_t ahi, const char *b, size_t blo, size_t bhi)
{
    if (alo >= ahi || blo >= bhi)
        return 0;
    /* run[j + 1]: length of the common run ending at a[i], b[blo + j];
     * the first longest run (earliest in a, then in b) wins, as in difflib */
    size_t w = bhi - blo + 1, besti = alo, bestj = blo, best = 0;
    size_t *prev = xcalloc(w, sizeof *prev), *run = xcalloc(w, sizeof *run);
    for (size_t i = alo; i < ahi; i++) {
        for (size_t j = 0; j + 1 < w; j++) {
            size_t k = a[i] == b[blo + j] ? prev[j] + 1 : 0;
            run[j + 1] = k;
            if (k > best) {
                best = k;
                besti = i + 1 - k;
                bestj = blo + j + 1 - k;
            }
        }
        size_t *t = prev;
        prev = run;
        run = t;
    }
    free(prev);
    free(run);
    if (!best)
        return 0;
    return best + matched_chars(a, alo, besti, b, blo, bestj) +
           matched_chars(a, besti + best, ahi, b, bestj + best, bhi);
}

static bool close_enough(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (!na && !nb)
        return false;
    return 2.0 * (double)matched_chars(a, 0, na, b, 0, nb) / (double)(na + nb) > 0.8;
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
        if (close_enough(key->u.str, known[i]))
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
    if (key->kind != CF_SCALAR || key->type != CF_TYPE_STR || !key->len)
        return false;
    for (uint32_t i = 0; i < key->len; i++) {
        char c = key->u.str[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !(c && strchr(extra_chars, c)))
            return false;
    }
    return true;
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
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(b, ", ");
        cf_repr_str(b, names[i], strlen(names[i]));
    }
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
    return buf_steal(&b);
}

/* ---- The resource structure (E3001) ------------------------------------ */

/* The attributes a resource may have, in the schema's order (which is the
 * order cfn-lint tries them for a "Did you mean"). */
static const char *const attributes[] = {
    "Condition", "CreationPolicy", "DeletionPolicy", "DependsOn", "Metadata",
    "Properties", "Type", "UpdatePolicy", "UpdateReplacePolicy", "Version",
};
#define NATTRIBUTES (sizeof attributes / sizeof attributes[0])

/* Attributes the SAM transform reads and removes. */
static const char *const sam_attributes[] = {"Connectors", "IgnoreGlobals"};

static bool known_attribute(const char *name, bool sam)
{
    for (size_t i = 0; i < NATTRIBUTES; i++)
        if (!strcmp(name, attributes[i]))
            return true;
    for (size_t i = 0; sam && i < sizeof sam_attributes / sizeof sam_attributes[0]; i++)
        if (!strcmp(name, sam_attributes[i]))
            return true;
    return false;
}

/* The schema's "if": a Type matching (AWS::CloudFormation::CustomResource|
 * Custom::.*) anywhere, or no string Type at all (the condition then
 * holds vacuously), selects the custom-resource rules. */
static bool custom_rules(const cf_node *type)
{
    if (!type || type->kind != CF_SCALAR || type->type != CF_TYPE_STR)
        return true;
    return strstr(type->u.str, "AWS::CloudFormation::CustomResource") || strstr(type->u.str, "Custom::");
}

static void false_schema(cf_lint_ctx *ctx, const cf_node *value)
{
    cf_buf b = {0};
    cf_repr(&b, value);
    cf_sect_report(ctx, "E3001", value, "False schema does not allow %s", b.data);
    buf_free(&b);
}

static void check_depends_on_shape(cf_lint_ctx *ctx, const cf_node *dep)
{
    if (dep->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < dep->len; i++)
            if (!cf_sect_is(dep->u.items[i], "string", true))
                cf_sect_not_of_type(ctx, "E3001", dep->u.items[i], "'string'");
    } else if (!cf_sect_is(dep, "string", true)) {
        cf_sect_not_of_type(ctx, "E3001", dep, "'string', 'array'");
    }
}

static void check_attribute_types(cf_lint_ctx *ctx, const cf_node *res)
{
    const cf_node *type = cf_map_get(res, "Type");
    bool custom = custom_rules(type);
    const cf_node *v;
    if ((v = cf_map_get(res, "Condition")) && !cf_sect_is(v, "string", true))
        cf_sect_not_of_type(ctx, "E3001", v, "'string'");
    if ((v = cf_map_get(res, "DependsOn")))
        check_depends_on_shape(ctx, v);
    if (type && !cf_sect_is(type, "string", true))
        cf_sect_not_of_type(ctx, "E3001", type, "'string'");
    if ((v = cf_map_get(res, "Version")) && !cf_sect_is(v, "string", true) && !cf_sect_is(v, "integer", true))
        cf_sect_not_of_type(ctx, "E3001", v, "'string', 'integer'");
    /* custom resources take neither policy; other types an object (a
     * wrong UpdatePolicy is also E3016's, as in cfn-lint) */
    static const char *const policies[] = {"CreationPolicy", "UpdatePolicy"};
    for (size_t i = 0; i < 2; i++) {
        if (!(v = cf_map_get(res, policies[i])))
            continue;
        if (custom)
            false_schema(ctx, v);
        else if (!cf_sect_is(v, "object", true))
            cf_sect_not_of_type(ctx, "E3001", v, "'object'");
    }
    if (!custom && cf_map_get(res, "Version")) {
        cf_buf b = {0};
        cf_repr(&b, res);
        cf_sect_report(ctx, "E3001", res, "%s should not be valid under {'required': ['Version']}", b.data);
        buf_free(&b);
    }
}

static void check_structure(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *res = r->node;
    if (!cf_sect_name_ok(r->key, "")) {
        /* additionalProperties: false stops there, as in cfn-lint */
        cf_sect_bad_name(ctx, "E3001", r->key, "^[a-zA-Z0-9]+$");
        return;
    }
    if (res->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E3001", res, "'object'");
        return;
    }
    bool serverless = ctx->tpl->sam && r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17);
    for (uint32_t i = 0; i < res->len && !serverless; i++) {
        const cf_node *k = res->u.pairs[i].key;
        if (k->kind != CF_SCALAR || !known_attribute(k->u.str, ctx->tpl->sam))
            cf_sect_unexpected(ctx, "E3001", k, attributes, NATTRIBUTES);
    }
    const cf_node *type = cf_map_get(res, "Type");
    if (!type || (type->kind == CF_SCALAR && type->type == CF_TYPE_NULL))
        cf_sect_report(ctx, "E3001", res, "'Type' is a required property");
    check_attribute_types(ctx, res);
}

/* ---- Attribute values -------------------------------------------------- */

/* Types whose data a snapshot can keep (DeletionPolicy: Snapshot). */
static const char *const snapshot_types[] = {
    "AWS::DocDB::DBCluster", "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
};

static bool can_snapshot(const char *type)
{
    for (size_t i = 0; type && i < sizeof snapshot_types / sizeof snapshot_types[0]; i++)
        if (!strcmp(type, snapshot_types[i]))
            return true;
    return false;
}

typedef struct policy_check {
    const char *attribute, *rule;
    const char *values[4]; /* then Snapshot, where the type allows it */
    size_t nvalues;
} policy_check;

static const policy_check policy_checks[] = {
    {"DeletionPolicy", "E3035", {"Delete", "Retain", "RetainExceptOnCreate"}, 3},
    {"UpdateReplacePolicy", "E3036", {"Delete", "Retain"}, 2},
};

/* Functions CloudFormation resolves in these attributes: their result is
 * judged by the functions' own rules, except Fn::If's branches, which are
 * values again. */
static bool resolvable_function(const char *fn)
{
    static const char *const fns[] = {"Fn::Sub", "Fn::Select", "Fn::FindInMap", "Ref"};
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(fn, fns[i]))
            return true;
    return false;
}

static void check_policy_value(cf_lint_ctx *ctx, const policy_check *pc, const char *const *values,
                               size_t nvalues, const cf_node *v, int depth)
{
    const char *fn = cf_intrinsic_name(v);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, v);
        for (uint32_t i = 1; args && depth < 32 && i < 3; i++)
            check_policy_value(ctx, pc, values, nvalues, args->u.items[i], depth + 1);
        return;
    }
    if (fn && resolvable_function(fn))
        return;
    if (cf_sect_is(v, "string", true)) {
        for (size_t i = 0; i < nvalues; i++)
            if (!strcmp(v->u.str, values[i]))
                return;
    } else {
        cf_sect_not_of_type(ctx, pc->rule, v, "'string'");
    }
    cf_buf b = {0}, list = {0};
    cf_repr(&b, v);
    cf_sect_names_repr(&list, values, nvalues);
    cf_sect_report(ctx, pc->rule, v, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
}

static void check_policies(cf_lint_ctx *ctx, const cf_resource *r)
{
    for (size_t i = 0; i < sizeof policy_checks / sizeof policy_checks[0]; i++) {
        const policy_check *pc = &policy_checks[i];
        const cf_node *v = cf_map_get(r->node, pc->attribute);
        if (!v)
            continue;
        const char *values[5];
        size_t n = pc->nvalues;
        memcpy(values, pc->values, n * sizeof *values);
        if (can_snapshot(r->type_name))
            values[n++] = "Snapshot";
        check_policy_value(ctx, pc, values, n, v, 0);
    }
}

/* Replacing a resource deletes the old one just as deleting the stack
 * does: a policy that keeps data on one path only is a trap.  Either
 * attribute alone is fine when it says Delete (which is the default). */
static void check_policy_pair(cf_lint_ctx *ctx, const cf_resource *r)
{
    if (r->type_name && (!strcmp(r->type_name, "AWS::Lambda::Version") ||
                         !strcmp(r->type_name, "AWS::Lambda::LayerVersion")))
        return; /* versions are kept by their own retention settings */
    const cf_node *dp = cf_map_get(r->node, "DeletionPolicy");
    const cf_node *urp = cf_map_get(r->node, "UpdateReplacePolicy");
    const cf_node *only = dp && !urp ? dp : urp && !dp ? urp : NULL;
    if (!only || (only->kind == CF_SCALAR && only->type == CF_TYPE_STR && !strcmp(only->u.str, "Delete")))
        return;
    cf_sect_report(ctx, "W3011", r->node,
                   "Both 'UpdateReplacePolicy' and 'DeletionPolicy' are needed to protect resource from deletion");
}

static void check_condition_name(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *c = cf_map_get(r->node, "Condition");
    if (!c || c->kind != CF_SCALAR || c->type != CF_TYPE_STR)
        return;
    const cf_section *conds = &ctx->tpl->conds;
    if (cf_section_get(conds, c->u.str))
        return;
    const char **names = xcalloc(conds->n + 1, sizeof *names);
    for (size_t i = 0; i < conds->n; i++)
        names[i] = conds->v[i].name;
    cf_buf b = {0}, list = {0};
    cf_repr(&b, c);
    cf_sect_names_repr(&list, names, conds->n);
    cf_sect_report(ctx, "E3015", c, "%s is not one of %s", b.data, list.data);
    buf_free(&b);
    buf_free(&list);
    free(names);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!strncmp(r->name, "Fn::ForEach::", 13))
            continue; /* a loop the language extensions transform expands */
        check_structure(ctx, r);
        if (r->node->kind != CF_MAPPING)
            continue;
        bool serverless = t->sam && r->type_name && !strncmp(r->type_name, "AWS::Serverless::", 17);
        check_policies(ctx, r);
        if (!serverless)
            check_policy_pair(ctx, r);
        check_condition_name(ctx, r);
    }
}

CF_FAMILY(family_resource_attributes, "resource_attributes", check, rules);
