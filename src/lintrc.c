#include "lintrc.h"
#include "doc.h"
#include "lint.h"
#include "spec.h"
#include "suppress.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What a key's value must be, as cfn-lint's configuration schema says. */
typedef enum value_kind {
    V_STRINGS, /* a list of strings */
    V_LIST,    /* a list of anything (parameters, template_parameters) */
    V_STRING,
    V_BOOL,
    V_MAPPING,
} value_kind;

/* Which of cf_lintrc's lists a key fills (the others are accepted only). */
typedef enum key_use { USE_NONE, USE_IGNORE, USE_INCLUDE, USE_REGIONS } key_use;

/* Every key cfn-lint 1.51's .cfnlintrc schema allows, in name order. */
static const struct {
    const char *name;
    value_kind kind;
    key_use use;
} known_keys[] = {
    {"append_rules", V_STRINGS, USE_NONE},
    {"configure_rules", V_MAPPING, USE_NONE},
    {"custom_rules", V_STRING, USE_NONE},
    {"debug", V_BOOL, USE_NONE},
    {"deployment_files", V_STRINGS, USE_NONE},
    {"format", V_STRING, USE_NONE},
    {"ignore_bad_template", V_BOOL, USE_NONE},
    {"ignore_checks", V_STRINGS, USE_IGNORE},
    {"ignore_templates", V_STRINGS, USE_NONE},
    {"include_checks", V_STRINGS, USE_INCLUDE},
    {"include_experimental", V_BOOL, USE_NONE},
    {"mandatory_checks", V_STRINGS, USE_NONE},
    {"merge_configs", V_BOOL, USE_NONE},
    {"non_zero_exit_code", V_STRING, USE_NONE},
    {"output_file", V_STRING, USE_NONE},
    {"override_spec", V_STRING, USE_NONE},
    {"parameter_files", V_STRINGS, USE_NONE},
    {"parameters", V_LIST, USE_NONE},
    {"regions", V_STRINGS, USE_REGIONS},
    {"registry_schemas", V_STRINGS, USE_NONE},
    {"template_parameters", V_LIST, USE_NONE},
    {"templates", V_STRINGS, USE_NONE},
};
#define NKEYS (sizeof known_keys / sizeof known_keys[0])

static const char *const kind_wanted[] = {
    [V_STRINGS] = "a list of strings",
    [V_LIST] = "a list",
    [V_STRING] = "a string",
    [V_BOOL] = "true or false",
    [V_MAPPING] = "a mapping",
};

/* What a node is, in words, for "must be X, not Y". */
static const char *what_is(const cf_node *n)
{
    if (n->kind == CF_MAPPING)
        return "a mapping";
    if (n->kind == CF_SEQUENCE)
        return "a list";
    static const char *const types[] = {
        [CF_TYPE_STR] = "a string",  [CF_TYPE_INT] = "an integer", [CF_TYPE_FLOAT] = "a number",
        [CF_TYPE_BOOL] = "a boolean", [CF_TYPE_NULL] = "empty",    [CF_TYPE_TIMESTAMP] = "a date",
    };
    return n->type <= CF_TYPE_TIMESTAMP ? types[n->type] : "a scalar";
}

static bool is_string(const cf_node *n)
{
    return n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static bool value_fits(const cf_node *v, value_kind kind)
{
    switch (kind) {
    case V_STRINGS:
    case V_LIST: return v->kind == CF_SEQUENCE;
    case V_STRING: return is_string(v);
    case V_BOOL: return v->kind == CF_SCALAR && v->type == CF_TYPE_BOOL;
    case V_MAPPING: return v->kind == CF_MAPPING;
    }
    return false;
}

/* "PATH:LINE:COL: message" into err. */
static int fail_at(char *err, size_t errsize, const cf_doc *doc, uint32_t offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail_at(char *err, size_t errsize, const cf_doc *doc, uint32_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cf_pos pos = cf_doc_pos(doc, offset);
    snprintf(err, errsize, "%s:%u:%u: %s", doc->name, pos.line, pos.col, msg);
    free(msg);
    return -1;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ids: rule id prefixes, of which one holding a NUL ("E3\u0000x") matches
 * no rule and is left out (cut at the NUL it would match every E3). */
static char **copy_strings(const cf_node *list, size_t *n, bool ids)
{
    char **out = xmalloc(sizeof *out * (list->len ? list->len : 1));
    *n = 0;
    for (uint32_t i = 0; i < list->len; i++)
        if (!ids || strlen(list->u.items[i]->u.str) == list->u.items[i]->len)
            out[(*n)++] = xstrdup(list->u.items[i]->u.str);
    return out;
}

static int check_pair(const cf_doc *doc, const cf_pair *p, cf_lintrc *rc, char *err, size_t errsize)
{
    const cf_node *k = p->key, *v = p->value;
    size_t i = 0;
    if (is_string(k))
        while (i < NKEYS && strcmp(known_keys[i].name, k->u.str) != 0)
            i++;
    if (!is_string(k) || i == NKEYS) {
        cf_buf names = {0};
        for (size_t j = 0; j < NKEYS; j++)
            buf_printf(&names, "%s%s", j ? ", " : "", known_keys[j].name);
        int r = fail_at(err, errsize, doc, k->start, "unknown key '%s' (cfn-lint's keys are %s)",
                        k->kind == CF_SCALAR ? k->u.str : "?", names.data);
        buf_free(&names);
        return r;
    }
    if (!value_fits(v, known_keys[i].kind))
        return fail_at(err, errsize, doc, v->start, "'%s' must be %s, not %s", known_keys[i].name,
                       kind_wanted[known_keys[i].kind], what_is(v));
    if (known_keys[i].kind == V_STRINGS)
        for (uint32_t j = 0; j < v->len; j++)
            if (!is_string(v->u.items[j]))
                return fail_at(err, errsize, doc, v->u.items[j]->start, "'%s' must be %s; item %u is %s",
                               known_keys[i].name, kind_wanted[V_STRINGS], j + 1, what_is(v->u.items[j]));
    switch (known_keys[i].use) {
    case USE_IGNORE:
        free_strings(rc->ignore_checks, rc->nignore);
        rc->ignore_checks = copy_strings(v, &rc->nignore, true);
        break;
    case USE_INCLUDE:
        free_strings(rc->include_checks, rc->ninclude);
        rc->include_checks = copy_strings(v, &rc->ninclude, true);
        break;
    case USE_REGIONS:
        free_strings(rc->regions, rc->nregions);
        rc->regions = copy_strings(v, &rc->nregions, false);
        free(rc->region_pos);
        rc->region_pos = xmalloc(sizeof *rc->region_pos * (v->len ? v->len : 1));
        for (uint32_t j = 0; j < v->len; j++)
            rc->region_pos[j] = cf_doc_pos(doc, v->u.items[j]->start);
        break;
    case USE_NONE: break;
    }
    return 0;
}

int cf_lintrc_load(const char *path, cf_lintrc *rc, char *err, size_t errsize)
{
    memset(rc, 0, sizeof *rc);
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        snprintf(err, errsize, "%s", rerr.message);
        return -1;
    }
    int r = 0;
    if (doc->failed) {
        r = fail_at(err, errsize, doc, doc->err_start, "not a valid configuration file: %s", doc->err_msg);
    } else if (doc->root && !(doc->root->kind == CF_MAPPING) &&
               !(doc->root->kind == CF_SCALAR && doc->root->type == CF_TYPE_NULL)) {
        r = fail_at(err, errsize, doc, doc->root->start,
                    "a configuration file is a mapping of cfn-lint's option names (ignore_checks: [W], ...), "
                    "not %s",
                    what_is(doc->root));
    } else if (doc->root && doc->root->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < doc->root->len && r == 0; i++)
            r = check_pair(doc, &doc->root->u.pairs[i], rc, err, errsize);
    }
    cf_doc_free(doc);
    if (r == 0)
        rc->path = xstrdup(path);
    else
        cf_lintrc_free(rc);
    return r;
}

void cf_lintrc_free(cf_lintrc *rc)
{
    free(rc->path);
    free_strings(rc->ignore_checks, rc->nignore);
    free_strings(rc->include_checks, rc->ninclude);
    free_strings(rc->regions, rc->nregions);
    free(rc->region_pos);
    memset(rc, 0, sizeof *rc);
}

char *cf_lintrc_find(const char *dir)
{
    static const char *const names[] = {".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml"};
    bool here = !*dir || strcmp(dir, ".") == 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = here ? xstrdup(names[i])
                          : xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            return path;
        free(path);
    }
    return NULL;
}

void cf_lintrc_lookup_free(cf_lintrc_lookup *l)
{
    for (size_t i = 0; i < l->n; i++) {
        cf_lintrc_free(&l->v[i].rc);
        free(l->v[i].dir);
        free(l->v[i].error);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* A new entry for dir (taken), its file at path (NULL: none) loaded. */
static cf_lintrc_folder *lookup_add(cf_lintrc_lookup *l, char *dir, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    cf_lintrc_folder *f = &l->v[l->n++];
    memset(f, 0, sizeof *f);
    f->dir = dir;
    char err[1024];
    if (path && cf_lintrc_load(path, &f->rc, err, sizeof err) < 0)
        f->error = xstrdup(err);
    return f;
}

int cf_lintrc_lookup_init(cf_lintrc_lookup *l, const char *config_file, char *err, size_t errsize)
{
    memset(l, 0, sizeof *l);
    char *here = config_file ? xstrdup(config_file) : cf_lintrc_find(".");
    if (!here)
        return 0;
    l->fixed = true;
    cf_lintrc_folder *f = lookup_add(l, NULL, here);
    free(here);
    if (f->error) {
        snprintf(err, errsize, "%s", f->error);
        return -1;
    }
    return 0;
}

const cf_lintrc *cf_lintrc_lookup_for(cf_lintrc_lookup *l, const char *template, const char **error)
{
    cf_lintrc_folder *f = NULL;
    if (l->fixed) {
        f = &l->v[0];
    } else {
        char *copy = xstrdup(template);
        char *dir = strcmp(template, "-") == 0 ? xstrdup(".") : xstrdup(dirname(copy));
        free(copy);
        /* newest first: templates usually come folder by folder */
        for (size_t i = l->n; i-- > 0 && !f;)
            if (strcmp(l->v[i].dir, dir) == 0)
                f = &l->v[i];
        if (f) {
            free(dir);
        } else {
            char *path = cf_lintrc_find(dir);
            f = lookup_add(l, dir, path);
            free(path);
        }
    }
    *error = f->error;
    return f->rc.path ? &f->rc : NULL;
}

const cf_lintrc *cf_lintrc_lookup_fixed(const cf_lintrc_lookup *l)
{
    return l->fixed && l->v[0].rc.path ? &l->v[0].rc : NULL;
}

/* A template's own regions (Metadata: cfn-lint: config: regions), which
 * cfn-lint puts between the command line's and the configuration file's.
 * Sets *bad to an item that is not a known region name. */
static char **template_regions(const cf_doc *doc, const cf_spec *spec, size_t *n, const cf_node **bad)
{
    *n = 0;
    *bad = NULL;
    const cf_node *config = doc->failed ? NULL : cf_lint_metadata_config(doc->root);
    const cf_node *list = config ? cf_map_get(config, "regions") : NULL;
    if (!list || list->kind != CF_SEQUENCE || !list->len)
        return NULL;
    char **regions = xmalloc(sizeof *regions * list->len);
    for (uint32_t i = 0; i < list->len; i++) {
        const cf_node *item = list->u.items[i];
        if (item->kind != CF_SCALAR || item->type != CF_TYPE_STR || !cf_spec_region_known(spec, item->u.str)) {
            *bad = item;
            free(regions);
            *n = 0;
            return NULL;
        }
        /* the options' lists are char ** (the command line's are built);
         * nothing writes through them */
        regions[(*n)++] = (char *)item->u.str;
    }
    return regions;
}

int cf_lint_setup_for(cf_lint_setup *out, const cf_lint_opts *cli, const cf_lintrc *rc, const cf_doc *doc,
                      const char *label, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    cf_lint_opts o = *cli;
    o.ignore_from_cli = cli->nignore > 0;
    o.include_from_cli = cli->ninclude > 0;
    if (rc && !cli->nignore) {
        o.ignore_checks = rc->ignore_checks;
        o.nignore = rc->nignore;
    }
    if (rc && !cli->ninclude) {
        o.include_checks = rc->include_checks;
        o.ninclude = rc->ninclude;
    }
    if (!cli->nregions && rc && rc->nregions) {
        for (size_t k = 0; k < rc->nregions; k++)
            if (!cf_spec_region_known(cli->spec, rc->regions[k])) {
                snprintf(err, errsize, "%s:%u:%u: unknown region '%s' ('cfnfix regions' lists them)", rc->path,
                         rc->region_pos[k].line, rc->region_pos[k].col, rc->regions[k]);
                return -1;
            }
        o.regions = rc->regions;
        o.nregions = rc->nregions;
    }
    if (doc) {
        const cf_node *bad;
        size_t ntpl;
        char **tpl = template_regions(doc, cli->spec, &ntpl, &bad);
        if (bad) {
            cf_pos at = cf_doc_pos(doc, bad->start);
            snprintf(err, errsize,
                     "%s:%u:%u: unknown region '%s' in the template's Metadata cfn-lint config "
                     "('cfnfix regions' lists them)",
                     label, at.line, at.col, bad->kind == CF_SCALAR ? bad->u.str : "...");
            return -1;
        }
        if (tpl && !cli->nregions) {
            out->scratch = tpl;
            o.regions = tpl;
            o.nregions = ntpl;
        } else {
            free(tpl);
        }
    }
    if (!o.nregions) {
        out->scratch = xmalloc(sizeof *out->scratch);
        /* borrowed, never written through */
        out->scratch[0] = (char *)cf_default_region();
        o.regions = out->scratch;
        o.nregions = 1;
    }
    out->opts = o;
    return 0;
}

void cf_lint_setup_free(cf_lint_setup *s)
{
    free(s->scratch);
    memset(s, 0, sizeof *s);
}
