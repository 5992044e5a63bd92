/* E1029 (part of the functions family): a string that names a parameter,
 * a resource, a pseudo parameter or a resource's attribute as ${Name}
 * outside an Fn::Sub.  CloudFormation leaves it as written, so the value
 * deployed holds the text "${Name}", which is rarely what was meant.
 *
 * As cfn-lint: every string of the template is looked at (SAM's Globals
 * too), ${Name} made of letters, digits, '_', ':' and '.'; a string
 * anywhere under an Fn::Sub, one that is a TemplateBody, and a Step
 * Functions definition's variable that its DefinitionSubstitutions
 * defines are fine; a name nothing defines is not reported (it may be a
 * placeholder of another tool), except in a DefinitionString. */
#include "fn.h"

#include "../refs.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

typedef struct step {
    const char *key; /* NULL for a list index */
    uint32_t index;
} step;

typedef struct sub_walk {
    fn_walk *w;
    step *path;
    size_t n, cap;
    /* the last DefinitionSubstitutions looked into, indexed: one
     * definition may use thousands of its names */
    const cf_node *subs_map;
    cf_sub_vars subs;
} sub_walk;

static bool var_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
           c == '.';
}

static bool on_path(const sub_walk *sw, const char *key)
{
    for (size_t i = 0; i < sw->n; i++)
        if (sw->path[i].key && !strcmp(sw->path[i].key, key))
            return true;
    return false;
}

/* The DefinitionSubstitutions maps that may name a string's variables:
 * for each Definition(String) step of its path, the one beside it.
 * Found once per string (the walk down from the root is linear in the
 * sections it passes through). */
static size_t substitution_maps(const sub_walk *sw, const cf_node ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < sw->n; i++) {
        if (!sw->path[i].key || (strcmp(sw->path[i].key, "DefinitionString") && strcmp(sw->path[i].key, "Definition")))
            continue;
        const cf_node *m = sw->w->t->root;
        for (size_t k = 0; k < i && m; k++)
            m = sw->path[k].key ? cf_map_get(m, sw->path[k].key) : NULL;
        m = cf_map_get(m, "DefinitionSubstitutions");
        if (m && m->kind == CF_MAPPING) {
            GROW(*out, cap, n + 1);
            (*out)[n++] = m;
        }
    }
    return n;
}

/* One of those maps names the variable. */
static bool substituted(sub_walk *sw, const cf_node *const *maps, size_t nmaps, const char *name, size_t len)
{
    for (size_t i = 0; i < nmaps; i++) {
        if (maps[i] != sw->subs_map) {
            cf_sub_vars_free(&sw->subs);
            cf_sub_vars_init(&sw->subs, maps[i]);
            sw->subs_map = maps[i];
        }
        if (cf_sub_vars_get(&sw->subs, name, len))
            return true;
    }
    return false;
}

static char *path_text(const sub_walk *sw)
{
    cf_buf b = {0};
    for (size_t i = 0; i < sw->n; i++) {
        if (i)
            buf_addc(&b, '/');
        if (sw->path[i].key)
            buf_adds(&b, sw->path[i].key);
        else
            buf_printf(&b, "%u", sw->path[i].index);
    }
    return b.data ? buf_steal(&b) : xstrdup("");
}

static void check_string(sub_walk *sw, const cf_node *s)
{
    const char *p = s->u.str;
    bool definition = on_path(sw, "DefinitionString");
    const cf_node **maps;
    size_t nmaps = substitution_maps(sw, &maps);
    for (size_t i = 0; i + 1 < s->len; i++) {
        if (p[i] != '$' || p[i + 1] != '{')
            continue;
        size_t start = i + 2, end = start;
        while (end < s->len && var_char(p[end]))
            end++;
        if (end == start || end >= s->len || p[end] != '}')
            continue;
        size_t len = end - start;
        i = end;
        if (substituted(sw, maps, nmaps, p + start, len))
            continue;
        char *name = xstrndup(p + start, len);
        const char *dot = strchr(name, '.');
        bool known = fn_ref_known(sw->w, name);
        if (!known && dot) {
            char *res = xstrndup(name, (size_t)(dot - name));
            known = fn_getatt_known(sw->w, res, dot + 1);
            free(res);
        }
        if (known || definition) {
            char *where = path_text(sw);
            char *msg = xasprintf("Found an embedded parameter \"${%s}\" outside of an \"Fn::Sub\" at %s", name, where);
            fn_explicit_at(sw->w, "E1029", cf_sect_place(s), s, msg);
            free(msg);
            free(where);
        }
        free(name);
    }
    free(maps);
}

static void walk(sub_walk *sw, const cf_node *n, int depth)
{
    if (depth > CF_MAX_DEPTH)
        return;
    if (n->kind == CF_SCALAR) {
        const step *last = sw->n ? &sw->path[sw->n - 1] : NULL;
        if (n->type == CF_TYPE_STR && memchr(n->u.str, '$', n->len) && !(last && last->key && !strcmp(last->key, "TemplateBody")))
            check_string(sw, n);
        return;
    }
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *k = n->kind == CF_MAPPING ? n->u.pairs[i].key : NULL;
        if (k && (k->kind != CF_SCALAR || cf_is_str(k, "Fn::Sub")))
            continue; /* anything under an Fn::Sub is its business */
        GROW(sw->path, sw->cap, sw->n + 1);
        sw->path[sw->n++] = (step){k ? k->u.str : NULL, i};
        walk(sw, k ? n->u.pairs[i].value : n->u.items[i], depth + 1);
        sw->n--;
    }
}

void fn_check_sub_needed(fn_walk *w)
{
    sub_walk sw = {w, NULL, 0, 0, NULL, {0}};
    const cf_node *root = w->t->root;
    walk(&sw, root, 0);
    /* SAM's Globals are copied into the functions and APIs; cfn-lint
     * looks at them once more, with paths from the section itself */
    const cf_node *globals = w->t->sam ? cf_map_get(root, "Globals") : NULL;
    if (globals && globals->kind != CF_SCALAR)
        walk(&sw, globals, 0);
    free(sw.path);
    cf_sub_vars_free(&sw.subs);
}
