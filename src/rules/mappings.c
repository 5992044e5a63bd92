/* The Mappings section: three levels, map name -> top-level key ->
 * second-level key -> value.
 *
 *   E7001  the shape: alphanumeric map names and second-level keys (top-
 *          level keys may also have '.' and '-', like region names), at
 *          least one entry per level, scalar or list values.
 *   E7002  names longer than 255 characters.
 *   E7010  more than 200 entries in a map or a top-level key (I7010: more
 *          than 180).
 *   W7001  a map no Fn::FindInMap names (not judged when some
 *          Fn::FindInMap computes its map name). */
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E7001",
     "Mappings are appropriately configured",
     "Check if Mappings are properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html",
     "mappings"},
    {"E7002",
     "Check property names in Mappings",
     "Validate property names are property configured in Mappings",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html",
     "mappings,limits"},
    {"E7010",
     "Max number of properties for Mappings",
     "Check the number of Mappings in the template is less than the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "mappings,limits"},
    {"I7010",
     "Mapping limit",
     "Check the number of Mappings in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "mappings,limits"},
    {"W7001",
     "Check if Mappings are Used",
     "Making sure the mappings defined are used",
     "https://github.com/aws-cloudformation/cfn-lint",
     "mappings"},
};

#define MAX_ENTRIES 200
#define MAX_NAME 255

/* One level of the section: what its keys may contain. */
typedef struct level {
    const char *extra_chars, *pattern;
} level;

static const level levels[] = {
    {"", "^[a-zA-Z0-9]+$"},     /* map names */
    {".-", "^[a-zA-Z0-9.-]+$"}, /* top-level keys */
    {"", "^[a-zA-Z0-9]+$"},     /* second-level keys */
};

static void check_name_length(cf_lint_ctx *ctx, const cf_node *k)
{
    if (k->kind != CF_SCALAR || k->type != CF_TYPE_STR)
        return;
    size_t n = 0;
    for (uint32_t i = 0; i < k->len; i++)
        n += ((unsigned char)k->u.str[i] & 0xC0) != 0x80;
    if (n > MAX_NAME)
        cf_sect_report(ctx, "E7002", k, "expected maximum length: %d, found: %zu", MAX_NAME, n);
}

static void check_level(cf_lint_ctx *ctx, const cf_node *map, int depth);

static void check_value(cf_lint_ctx *ctx, const cf_node *v)
{
    static const char *const types[] = {"string", "boolean", "integer", "number", "array"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (cf_sect_is(v, types[i], false))
            return;
    cf_sect_not_of_type(ctx, "E7001", v, "'string', 'boolean', 'integer', 'number', 'array'");
}

/* A mapping at depth 1 (a map) or 2 (a top-level key's entries). */
static void check_entries(cf_lint_ctx *ctx, const cf_node *v, int depth)
{
    if (v->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E7001", v, "'object'");
        return;
    }
    cf_sect_limit(ctx, "E7010", "I7010", v, MAX_ENTRIES);
    if (!v->len)
        cf_sect_report(ctx, "E7001", v, "expected minimum property count: 1, found: 0");
    check_level(ctx, v, depth);
}

static void check_level(cf_lint_ctx *ctx, const cf_node *map, int depth)
{
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_node *k = map->u.pairs[i].key, *v = map->u.pairs[i].value;
        if (depth != 1) /* map names and second-level keys; top-level keys have no limit */
            check_name_length(ctx, k);
        if (!cf_sect_name_ok(k, levels[depth].extra_chars)) {
            cf_sect_bad_name(ctx, "E7001", k, levels[depth].pattern);
            continue;
        }
        if (depth == 2)
            check_value(ctx, v);
        else
            check_entries(ctx, v, depth + 1);
    }
}

/* ---- Use (W7001) -------------------------------------------------------- */

typedef struct usage {
    const cf_template *t;
    bool *used;
    bool computed; /* some Fn::FindInMap computes the map name */
} usage;

static void visit_find_in_map(const cf_node *v, void *data)
{
    usage *u = data;
    const cf_node *name = v->kind == CF_SEQUENCE ? (v->len ? v->u.items[0] : NULL) : v;
    if (!name)
        return;
    if (name->kind == CF_MAPPING) {
        u->computed = true;
        return;
    }
    if (name->kind != CF_SCALAR)
        return;
    const cf_named *m = cf_section_get(&u->t->maps, name->u.str);
    if (m)
        u->used[m - u->t->maps.v] = true;
}

static void check_usage(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    const char *fn = cf_intrinsic_name(t->mappings);
    if (!t->maps.n || (fn && !strcmp(fn, "Fn::Transform")))
        return;
    usage u = {t, xcalloc(t->maps.n, sizeof(bool)), false};
    cf_sect_each_key(t->root, "Fn::FindInMap", visit_find_in_map, &u);
    for (size_t i = 0; i < t->maps.n && !u.computed; i++)
        if (!u.used[i])
            cf_sect_report(ctx, "W7001", t->maps.v[i].value, "Mapping '%s' is defined but not used", t->maps.v[i].name);
    free(u.used);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *section = ctx->tpl->mappings;
    if (!section)
        return;
    if (section->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E7001", section, "'object'");
        return;
    }
    check_level(ctx, section, 0);
    check_usage(ctx);
}

CF_FAMILY(family_mappings, "mappings", check, rules);
