#include "suppress.h"
#include "lint.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The longest matching prefix decides: `--ignore-checks W --include-checks
 * W3005` keeps W3005 alone among the warnings. */
static size_t longest_prefix(const char *const *prefixes, size_t n, const char *id)
{
    size_t best = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(prefixes[i]);
        if (len && strncmp(prefixes[i], id, len) == 0 && len > best)
            best = len;
    }
    return best;
}

bool cf_ids_enabled(const char *const *ignore, size_t nignore, const char *const *include, size_t ninclude,
                    const char *id)
{
    size_t ign = longest_prefix(ignore, nignore, id);
    size_t inc = longest_prefix(include, ninclude, id);
    if (id[0] == 'I' && !inc)
        return false;
    return !(ign && ign >= inc);
}

const cf_node *cf_lint_metadata_config(const cf_node *node)
{
    const char *const steps[] = {"Metadata", "cfn-lint", "config"};
    for (size_t i = 0; i < 3; i++) {
        if (!node || node->kind != CF_MAPPING)
            return NULL;
        node = cf_map_get(node, steps[i]);
    }
    return node && node->kind == CF_MAPPING ? node : NULL;
}

/* The strings of config[key] when it is a list (cfn-lint ignores a value
 * of another type; W4005 reports it); NULL when absent or empty. */
static const char **id_list(const cf_node *config, const char *key, size_t *n)
{
    *n = 0;
    const cf_node *list = config ? cf_map_get(config, key) : NULL;
    if (!list || list->kind != CF_SEQUENCE || !list->len)
        return NULL;
    const char **ids = xmalloc(sizeof *ids * list->len);
    for (uint32_t i = 0; i < list->len; i++) {
        const cf_node *item = list->u.items[i];
        /* one holding a NUL ("E3\u0000x") is the prefix of no rule id: as
         * a C string it would be "E3", and silence every E3 */
        if (item->kind == CF_SCALAR && item->type == CF_TYPE_STR && item->len && strlen(item->u.str) == item->len)
            ids[(*n)++] = item->u.str;
    }
    if (!*n) {
        free(ids);
        return NULL;
    }
    return ids;
}

void cf_suppress_init(cf_suppress *s, const cf_doc *doc, const cf_lint_opts *opts)
{
    memset(s, 0, sizeof *s);
    if (opts) {
        s->ignore = (const char *const *)opts->ignore_checks;
        s->nignore = opts->nignore;
        s->include = (const char *const *)opts->include_checks;
        s->ninclude = opts->ninclude;
    }
    const cf_node *root = doc && !doc->failed ? doc->root : NULL;
    const cf_node *config = cf_lint_metadata_config(root);
    size_t n;
    if (!(opts && opts->ignore_from_cli) && (s->own_ignore = id_list(config, "ignore_checks", &n))) {
        s->ignore = s->own_ignore;
        s->nignore = n;
    }
    if (!(opts && opts->include_from_cli) && (s->own_include = id_list(config, "include_checks", &n))) {
        s->include = s->own_include;
        s->ninclude = n;
    }

    const cf_node *resources = root && root->kind == CF_MAPPING ? cf_map_get(root, "Resources") : NULL;
    if (!resources || resources->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < resources->len; i++) {
        const cf_pair *p = &resources->u.pairs[i];
        if (p->key->kind != CF_SCALAR)
            continue;
        const char **ids = id_list(cf_lint_metadata_config(p->value), "ignore_checks", &n);
        if (!ids)
            continue;
        s->resources = xrealloc(s->resources, sizeof *s->resources * (s->nresources + 1));
        s->resources[s->nresources++] = (cf_resource_ignores){p->key->u.str, ids, n};
    }
}

void cf_suppress_free(cf_suppress *s)
{
    free(s->own_ignore);
    free(s->own_include);
    for (size_t i = 0; i < s->nresources; i++)
        free(s->resources[i].ids);
    free(s->resources);
    memset(s, 0, sizeof *s);
}

bool cf_suppress_rule_on(const cf_suppress *s, const char *id)
{
    return cf_ids_enabled(s->ignore, s->nignore, s->include, s->ninclude, id);
}

bool cf_suppress_keeps(const cf_suppress *s, const cf_diag *d)
{
    const char *id = d->rule->id;
    if (!cf_suppress_rule_on(s, id))
        return false;
    if (!d->has_path || d->path_len < 2 || !d->path[0].key || strcmp(d->path[0].key, "Resources") != 0 ||
        !d->path[1].key)
        return true;
    /* a resource's own ignore_checks name whole ids (cfn-lint compares
     * them with ==, where the template's and the command line's are
     * prefixes) */
    for (size_t i = 0; i < s->nresources; i++) {
        if (strcmp(s->resources[i].resource, d->path[1].key) != 0)
            continue;
        for (size_t k = 0; k < s->resources[i].nids; k++)
            if (!strcmp(s->resources[i].ids[k], id))
                return false;
    }
    return true;
}
