/* Parameter values from the command line, parameter files and deployment
 * files (see param_files.h). */
#include "param_files.h"
#include "arena.h"
#include "repr.h"
#include "strmap.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const cf_node *cf_param_set_get(const cf_param_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->keys[i]->kind == CF_SCALAR && !strcmp(s->keys[i]->u.str, name))
            return s->values[i];
    return NULL;
}

/* Add name = value; a name given again keeps its first place and takes
 * the new value (a Python dict's assignment). */
static void set_put(cf_param_set *s, const cf_node *key, const cf_node *value)
{
    if (key->kind == CF_SCALAR)
        for (size_t i = 0; i < s->n; i++)
            if (s->keys[i]->kind == CF_SCALAR && !strcmp(s->keys[i]->u.str, key->u.str)) {
                s->values[i] = value;
                return;
            }
    s->keys = xrealloc(s->keys, sizeof *s->keys * (s->n + 1));
    s->values = xrealloc(s->values, sizeof *s->values * (s->n + 1));
    s->keys[s->n] = key;
    s->values[s->n++] = value;
}

static cf_node *made_string(cf_doc *doc, const char *p, size_t len)
{
    cf_node *n = arena_zalloc(&doc->arena, sizeof *n);
    n->kind = CF_SCALAR;
    n->type = CF_TYPE_STR;
    n->style = CF_STYLE_SINGLE;
    n->u.str = arena_strndup(&doc->arena, p, len);
    n->len = (uint32_t)len;
    return n;
}

static void trim(const char **p, size_t *len)
{
    while (*len && strchr(" \t\n\r\v\f", **p))
        (*p)++, (*len)--;
    while (*len && strchr(" \t\n\r\v\f", (*p)[*len - 1]))
        (*len)--;
}

int cf_param_set_from_args(cf_param_set *s, char *const *args, size_t n)
{
    memset(s, 0, sizeof *s);
    char *empty = xstrdup("{}");
    s->doc = cf_doc_load_buffer("--parameters", empty, 2);
    s->owns_doc = true;
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(args[i], '=');
        if (!eq)
            return -1;
        const char *k = args[i], *v = eq + 1;
        size_t klen = (size_t)(eq - args[i]), vlen = strlen(v);
        trim(&k, &klen);
        trim(&v, &vlen);
        set_put(s, made_string(s->doc, k, klen), made_string(s->doc, v, vlen));
    }
    return 0;
}

/* A file that parsed but is not of the kind wanted: "... file 'x' is not
 * supported" at its very start. */
static void not_supported(cf_diags *ds, cf_doc *doc, const char *rule, const char *what, const char *path)
{
    cf_buf b = {0};
    cf_repr_str(&b, path, strlen(path));
    cf_diag *d = cf_diag_span(ds, doc, rule, 0, 0, "%s file %s is not supported", what, b.data);
    d->pos = d->end_pos = (cf_pos){1, 1};
    buf_free(&b);
}

/* Load path; NULL with err set when unreadable.  A file that does not
 * parse gets its E0000 findings in ds and -1 from the caller. */
static cf_doc *load(const char *path, cf_diags *ds, cf_read_error *err)
{
    cf_doc *doc = cf_doc_load_file(path, err);
    if (doc && doc->failed) {
        /* as cf_lint reports a template that does not parse */
        cf_diag *d = cf_diag_span(ds, doc, "E0000", doc->err_start, doc->err_end, "%s", doc->err_msg);
        if (!doc->err_keyed)
            d->end_pos = (cf_pos){d->pos.line, d->pos.col + 1};
        for (size_t i = 0; i < doc->nalso; i++)
            cf_diag_span(ds, doc, "E0000", doc->also[i].start, doc->also[i].end, "%s", doc->also[i].message);
    }
    return doc;
}

int cf_param_file_load(const char *path, cf_param_set *s, cf_doc **docp, cf_diags *ds, cf_read_error *err)
{
    memset(s, 0, sizeof *s);
    cf_doc *doc = *docp = load(path, ds, err);
    if (!doc || doc->failed)
        return -1;
    const cf_node *root = doc->root;
    bool ok = root && root->kind == CF_SEQUENCE;
    for (uint32_t i = 0; ok && i < root->len; i++) {
        const cf_node *item = root->u.items[i];
        const cf_node *k = item->kind == CF_MAPPING ? cf_map_get(item, "ParameterKey") : NULL;
        const cf_node *v = item->kind == CF_MAPPING ? cf_map_get(item, "ParameterValue") : NULL;
        if (!k || !v || k->kind != CF_SCALAR) {
            ok = false;
            break;
        }
        set_put(s, k, v);
    }
    if (!ok) {
        cf_param_set_free(s);
        not_supported(ds, doc, "E0200", "Parameter", path);
        return -1;
    }
    s->source = xstrdup(path);
    s->doc = doc;
    s->placed = true;
    return 0;
}

static bool is_str(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* git_sync.json: {template-file-path: string, parameters: {name: scalar
 * or list}, tags: {name: string}}, nothing else. */
static bool git_sync_ok(const cf_node *root)
{
    if (!root || root->kind != CF_MAPPING || !is_str(cf_map_get(root, "template-file-path")))
        return false;
    for (uint32_t i = 0; i < root->len; i++) {
        const cf_node *k = root->u.pairs[i].key, *v = root->u.pairs[i].value;
        if (cf_is_str(k, "template-file-path"))
            continue;
        bool params = cf_is_str(k, "parameters");
        if (!params && !cf_is_str(k, "tags"))
            return false;
        if (v->kind != CF_MAPPING)
            return false;
        for (uint32_t j = 0; j < v->len; j++) {
            const cf_node *pk = v->u.pairs[j].key, *pv = v->u.pairs[j].value;
            if (pk->kind == CF_SCALAR && pk->len == 0)
                continue; /* "^.+$" does not apply: anything goes */
            if (params ? pv->kind == CF_MAPPING || (pv->kind == CF_SCALAR && pv->type == CF_TYPE_NULL)
                       : !is_str(pv))
                return false;
        }
    }
    return true;
}

/* path as cfn-lint names a template: relative to the current folder when
 * it is inside it. */
static char *relative_to_cwd(const char *path)
{
    char cwd[PATH_MAX], *real = realpath(path, NULL);
    if (!real || !getcwd(cwd, sizeof cwd)) {
        free(real);
        return xstrdup(path);
    }
    size_t n = strlen(cwd);
    char *out;
    if (!strncmp(real, cwd, n) && real[n] == '/')
        out = xstrdup(real + n + 1);
    else
        out = xstrdup(path);
    free(real);
    return out;
}

int cf_deployment_file_load(const char *path, cf_param_set *s, char **template, cf_doc **docp, cf_diags *ds,
                            cf_read_error *err)
{
    memset(s, 0, sizeof *s);
    *template = NULL;
    cf_doc *doc = *docp = load(path, ds, err);
    if (!doc || doc->failed)
        return -1;
    if (!git_sync_ok(doc->root)) {
        not_supported(ds, doc, "E0100", "Deployment", path);
        return -1;
    }
    const cf_node *params = cf_map_get(doc->root, "parameters");
    for (uint32_t i = 0; params && i < params->len; i++)
        set_put(s, params->u.pairs[i].key, params->u.pairs[i].value);
    s->source = xstrdup(path);
    s->doc = doc;
    s->placed = true;
    *template = relative_to_cwd(cf_map_get(doc->root, "template-file-path")->u.str);
    return 0;
}

/* Sets from a list of mappings (the parameters of a cfn-lint config). */
static bool sets_from_list(const cf_doc *doc, const cf_node *list, cf_param_sets *out)
{
    if (!list || list->kind != CF_SEQUENCE)
        return false;
    for (uint32_t i = 0; i < list->len; i++) {
        const cf_node *item = list->u.items[i];
        if (item->kind != CF_MAPPING)
            continue;
        out->v = xrealloc(out->v, sizeof *out->v * (out->n + 1));
        cf_param_set *s = &out->v[out->n++];
        memset(s, 0, sizeof *s);
        s->doc = (cf_doc *)doc;
        s->placed = true;
        for (uint32_t k = 0; k < item->len; k++)
            set_put(s, item->u.pairs[k].key, item->u.pairs[k].value);
    }
    return out->n > 0;
}

bool cf_param_sets_from_metadata(const cf_doc *doc, cf_param_sets *out)
{
    memset(out, 0, sizeof *out);
    const cf_node *root = doc->root;
    const cf_node *m = root && root->kind == CF_MAPPING ? cf_map_get(root, "Metadata") : NULL;
    m = m && m->kind == CF_MAPPING ? cf_map_get(m, "cfn-lint") : NULL;
    m = m && m->kind == CF_MAPPING ? cf_map_get(m, "config") : NULL;
    return sets_from_list(doc, m && m->kind == CF_MAPPING ? cf_map_get(m, "parameters") : NULL, out);
}

bool cf_param_sets_from_config_file(const char *path, cf_param_sets *out)
{
    memset(out, 0, sizeof *out);
    cf_read_error err;
    cf_doc *doc = path ? cf_doc_load_file(path, &err) : NULL;
    if (!doc)
        return false;
    const cf_node *root = doc->root;
    if (doc->failed || !root || root->kind != CF_MAPPING ||
        !sets_from_list(doc, cf_map_get(root, "parameters"), out)) {
        cf_doc_free(doc);
        return false;
    }
    out->v[0].owns_doc = true; /* the first set frees it; the others only borrow */
    return true;
}

void cf_param_set_free(cf_param_set *s)
{
    if (s->owns_doc)
        cf_doc_free(s->doc); /* made up here; a file's doc is its owner's */
    free(s->source);
    free(s->keys);
    free(s->values);
    memset(s, 0, sizeof *s);
}

void cf_param_sets_free(cf_param_sets *sets)
{
    for (size_t i = 0; i < sets->n; i++)
        cf_param_set_free(&sets->v[i]);
    free(sets->v);
    sets->v = NULL;
    sets->n = 0;
}

/* --- E2900 ------------------------------------------------------------- */

/* Where a finding about parameter `key` of set s is placed: on its name
 * in the file it comes from; for --parameters (no places), on the
 * template's parameter of that name, else on its Parameters key. */
static cf_diag *report(cf_diags *out, const cf_doc *tdoc, const cf_param_set *s, const cf_node *at,
                       const char *name, const char *fmt, const char *a, const char *b)
{
    const cf_doc *doc = tdoc;
    const cf_node *section = cf_map_get(tdoc->root, "Parameters");
    const cf_node *place = cf_node_key(section);
    if (at && s->placed) {
        doc = s->doc;
        place = at;
    } else if (name && section) {
        cf_pair *p = cf_map_pair(section, name);
        if (p)
            place = p->key;
    }
    cf_diag *d = cf_diag_at(out, doc, "E2900", place, fmt, a, b);
    /* its path is the template's: Parameters, then the parameter's name
     * and the item's index (keys borrowed from the nodes, which live as
     * long as the findings) */
    free(d->path);
    d->path = xmalloc(sizeof *d->path * 3);
    d->path_len = 0;
    d->path[d->path_len++] = (cf_pathc){"Parameters", 0};
    if (name) {
        const cf_node *k = at && at->parent && at->parent->kind == CF_SEQUENCE ? NULL : at;
        d->path[d->path_len++] = (cf_pathc){k && k->kind == CF_SCALAR ? k->u.str : name, 0};
        if (at && at->parent && at->parent->kind == CF_SEQUENCE && s->placed)
            d->path[d->path_len++] = (cf_pathc){NULL, at->index};
    }
    d->node = NULL;
    return d;
}

/* cfn-lint's enum equality between a value given and an AllowedValues
 * entry (its jsonschema equal(), with the unbool() of 0 and 1): "true" and
 * "false" compare as booleans with strings and booleans, a string with
 * anything else as str() texts, numbers as numbers, and a value that is 0,
 * 1 or a boolean never equals a boolean or a string unless it is the very
 * same boolean or an integer whose text matches. */
static bool is_bool(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_BOOL;
}

static bool truthy_text(const cf_node *n)
{
    return n->kind == CF_SCALAR && (!strcasecmp(n->u.str, "true"));
}

static bool bool_value(const cf_node *n)
{
    return is_bool(n) ? (!strcmp(n->u.str, "true") || !strcmp(n->u.str, "True") || !strcmp(n->u.str, "TRUE") ||
                         !strcasecmp(n->u.str, "yes") || !strcasecmp(n->u.str, "on") || !strcasecmp(n->u.str, "y"))
                      : truthy_text(n);
}

static bool numeric(const cf_node *n, double *d)
{
    return n->kind == CF_SCALAR && (n->type == CF_TYPE_INT || n->type == CF_TYPE_FLOAT) && cf_scalar_double(n, d);
}

static bool text_equal(const cf_node *a, const cf_node *b)
{
    char *x = cf_py_str(a), *y = cf_py_str(b);
    bool same = !strcmp(x, y);
    free(x);
    free(y);
    return same;
}

static bool py_equal(const cf_node *value, const cf_node *each)
{
    if (value->kind != CF_SCALAR || each->kind != CF_SCALAR)
        return false;
    double a, b;
    bool vnum = numeric(value, &a), enumv = numeric(each, &b);
    if (is_bool(value) || (vnum && (a == 0 || a == 1))) {
        /* unbool(): a boolean becomes a token only itself equals */
        if (is_bool(value) || is_bool(each))
            return is_bool(value) && is_bool(each) && bool_value(value) == bool_value(each);
        if (each->type == CF_TYPE_STR)
            return text_equal(value, each);
        return enumv && a == b;
    }
    bool vs = value->type == CF_TYPE_STR, es = each->type == CF_TYPE_STR;
    if ((vs || is_bool(value)) && (es || is_bool(each)) &&
        ((vs && (!strcasecmp(value->u.str, "true") || !strcasecmp(value->u.str, "false"))) ||
         (es && (!strcasecmp(each->u.str, "true") || !strcasecmp(each->u.str, "false"))) || is_bool(value) ||
         is_bool(each)))
        return bool_value(value) == bool_value(each);
    if (vs || es)
        return text_equal(value, each);
    if (vnum && enumv)
        return a == b;
    return value->type == each->type && !strcmp(value->u.str, each->u.str);
}

static bool singular(const cf_node *v)
{
    return v->kind == CF_SCALAR && v->type != CF_TYPE_NULL;
}

static bool true_or_false_text(const cf_node *n)
{
    return n->type == CF_TYPE_STR && (!strcasecmp(n->u.str, "true") || !strcasecmp(n->u.str, "false"));
}

/* AllowedValues indexed for a list given with many items: py_equal's
 * answer for a string that is not "true" or "false" is "some entry is
 * false as a boolean (false, "False", no ...), or some other entry's
 * str() is the string", which a hash of those texts answers at once. */
typedef struct allowed_index {
    strmap texts; /* str() of each entry compared as text -> the entry */
    char **owned;
    size_t n;
    bool falsy;   /* an entry compared as a boolean that is false */
} allowed_index;

static void allowed_index_init(allowed_index *ix, const cf_node *allowed)
{
    memset(ix, 0, sizeof *ix);
    strmap_init(&ix->texts);
    ix->owned = xcalloc(allowed->len + 1, sizeof *ix->owned);
    for (uint32_t i = 0; i < allowed->len; i++) {
        const cf_node *each = allowed->u.items[i];
        if (each->kind != CF_SCALAR)
            continue;
        if (is_bool(each) || true_or_false_text(each)) {
            ix->falsy |= !bool_value(each);
            continue;
        }
        char *t = ix->owned[ix->n++] = cf_py_str(each);
        strmap_put(&ix->texts, t, strlen(t), (void *)each);
    }
}

static void allowed_index_free(allowed_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        free(ix->owned[i]);
    free(ix->owned);
    strmap_free(&ix->texts);
}

/* value is one of allowed (ix: its index, or NULL to scan) */
static bool allowed_has(const cf_node *value, const cf_node *allowed, const allowed_index *ix)
{
    if (ix && value->type == CF_TYPE_STR && !true_or_false_text(value))
        return ix->falsy || strmap_get(&ix->texts, value->u.str, strlen(value->u.str));
    for (uint32_t i = 0; i < allowed->len; i++)
        if (py_equal(value, allowed->u.items[i]))
            return true;
    return false;
}

static void check_enum(cf_diags *out, const cf_doc *tdoc, const cf_param_set *s, const cf_node *at,
                       const char *name, const cf_node *value, const cf_node *allowed, const allowed_index *ix)
{
    if (!allowed || allowed->kind != CF_SEQUENCE || value->kind != CF_SCALAR)
        return;
    if (allowed_has(value, allowed, ix))
        return;
    char *v = cf_repr_dup(value), *a = cf_repr_dup(allowed);
    report(out, tdoc, s, at, name, "%s is not one of %s", v, a);
    free(v);
    free(a);
}

static void check_set(const cf_doc *tdoc, const cf_param_set *s, cf_diags *out)
{
    const cf_node *section = cf_map_get(tdoc->root, "Parameters");
    if (!section || section->kind != CF_MAPPING)
        return;
    /* cfn-lint requires one parameter only: the last without a Default */
    const char *required = NULL;
    for (uint32_t i = 0; i < section->len; i++) {
        const cf_node *p = section->u.pairs[i].value;
        if (p->kind == CF_MAPPING && !cf_map_get(p, "Default") && section->u.pairs[i].key->kind == CF_SCALAR)
            required = section->u.pairs[i].key->u.str;
    }
    for (size_t i = 0; i < s->n; i++) {
        const cf_node *key = s->keys[i], *value = s->values[i];
        if (key->kind != CF_SCALAR)
            continue;
        cf_pair *pp = cf_map_pair(section, key->u.str);
        if (!pp) {
            char *k = cf_repr_dup(key);
            report(out, tdoc, s, key, key->u.str, "Additional properties are not allowed (%s was unexpected)%s", k,
                   "");
            free(k);
            continue;
        }
        const cf_node *p = pp->value, *type = p->kind == CF_MAPPING ? cf_map_get(p, "Type") : NULL;
        if (!is_str(type))
            continue;
        const cf_node *allowed = cf_map_get(p, "AllowedValues");
        if (strstr(type->u.str, "List")) {
            if (value->kind != CF_SEQUENCE) {
                char *v = cf_repr_dup(value);
                report(out, tdoc, s, key, key->u.str, "%s is not of type %s", v, "'array'");
                free(v);
                continue;
            }
            /* a list of many items: the AllowedValues indexed once */
            allowed_index ix;
            bool indexed = allowed && allowed->kind == CF_SEQUENCE && value->len > 16;
            if (indexed)
                allowed_index_init(&ix, allowed);
            for (uint32_t j = 0; j < value->len; j++) {
                const cf_node *item = value->u.items[j];
                if (!singular(item)) {
                    char *v = cf_repr_dup(item);
                    report(out, tdoc, s, item, key->u.str, "%s is not of type %s", v,
                           "'string', 'integer', 'number', 'boolean'");
                    free(v);
                } else {
                    check_enum(out, tdoc, s, item, key->u.str, item, allowed, indexed ? &ix : NULL);
                }
            }
            if (indexed)
                allowed_index_free(&ix);
            continue;
        }
        if (!singular(value)) {
            char *v = cf_repr_dup(value);
            report(out, tdoc, s, key, key->u.str, "%s is not of type %s", v,
                   "'string', 'integer', 'number', 'boolean'");
            free(v);
            continue;
        }
        check_enum(out, tdoc, s, key, key->u.str, value, allowed, NULL);
    }
    if (required && !cf_param_set_get(s, required)) {
        cf_buf b = {0};
        cf_repr_str(&b, required, strlen(required));
        report(out, tdoc, s, NULL, NULL, "%s is a required property%s", b.data, "");
        buf_free(&b);
    }
}

void cf_param_sets_check(const cf_doc *tdoc, const cf_param_sets *sets, cf_diags *tpl_out, cf_diags *out_by_set)
{
    if (!tdoc->root || tdoc->root->kind != CF_MAPPING)
        return;
    for (size_t i = 0; i < sets->n; i++)
        check_set(tdoc, &sets->v[i], sets->v[i].source ? &out_by_set[i] : tpl_out);
}
