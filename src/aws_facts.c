/* Asking the imported facts (aws_facts.h). */
#include "aws_facts.h"
#include "edit.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool lookup(cf_spec *s, const char *kind, const char *region, const char *key, cf_facts *out)
{
    memset(out, 0, sizeof *out);
    const cf_node *root = s ? cf_spec_facts(s, kind, region) : NULL;
    const cf_node *v = cf_map_get(cf_map_get(root, strcmp(kind, "rds") ? "data" : "engines"), key);
    if (!v)
        return false;
    const cf_node *from = cf_map_get(cf_map_get(root, "from"), key);
    const cf_node *file = cf_map_get(from, "file"), *date = cf_map_get(from, "date");
    out->offered = v;
    out->file = file && file->kind == CF_SCALAR ? file->u.str : "an import";
    out->date = date && date->kind == CF_SCALAR ? date->u.str : "?";
    return true;
}

bool cf_facts_orderable(cf_spec *s, const char *engine, const char *version, const char *region, cf_facts *out)
{
    if (!lookup(s, "orderable", region, engine, out))
        return false;
    const cf_node *classes = cf_map_get(out->offered, version);
    out->offered = classes && classes->kind == CF_SEQUENCE ? classes : NULL;
    return out->offered != NULL;
}

bool cf_facts_cache_versions(cf_spec *s, const char *engine, const char *region, cf_facts *out)
{
    return lookup(s, "elasticache", region, engine, out) && out->offered->kind == CF_MAPPING;
}

bool cf_facts_engine_versions(cf_spec *s, const char *engine, const char *region, cf_facts *out)
{
    return lookup(s, "rds", region, engine, out) && out->offered->kind == CF_MAPPING;
}

bool cf_facts_instance_types(cf_spec *s, const char *region, cf_facts *out)
{
    return lookup(s, "ec2", region, "instance-types", out) && out->offered->kind == CF_SEQUENCE;
}

bool cf_facts_has(const cf_node *seq, const char *name)
{
    for (uint32_t i = 0; seq && seq->kind == CF_SEQUENCE && i < seq->len; i++)
        if (cf_is_str(seq->u.items[i], name))
            return true;
    return false;
}

/* --- the nearest instance class ----------------------------------------- */

/* "db.m6gd.large": prefix "db.", family "m", generation 6, attributes "gd",
 * size "large". */
typedef struct class_name {
    char prefix[16], family[8], attrs[16], size[24];
    int gen;
} class_name;

static bool parse_class(const char *s, class_name *c)
{
    memset(c, 0, sizeof *c);
    const char *dot = strchr(s, '.');
    const char *body = s;
    if (dot && strchr(dot + 1, '.')) { /* a prefix: db., cache. */
        size_t n = (size_t)(dot + 1 - s);
        if (n >= sizeof c->prefix)
            return false;
        memcpy(c->prefix, s, n);
        body = dot + 1;
    }
    size_t i = 0, k = 0;
    while (islower((unsigned char)body[i]) && k + 1 < sizeof c->family)
        c->family[k++] = body[i++];
    if (!k || !isdigit((unsigned char)body[i]))
        return false;
    while (isdigit((unsigned char)body[i]))
        c->gen = c->gen * 10 + (body[i++] - '0');
    k = 0;
    while (body[i] && body[i] != '.' && k + 1 < sizeof c->attrs)
        c->attrs[k++] = body[i++];
    if (body[i] != '.' || !body[i + 1] || strlen(body + i + 1) >= sizeof c->size)
        return false;
    strcpy(c->size, body + i + 1);
    return true;
}

/* Graviton (arm64) classes carry a 'g' among their attributes: m6g, t4g,
 * r6gd, c7gn. */
static bool is_arm(const class_name *c)
{
    return strchr(c->attrs, 'g') != NULL;
}

/* How far apart two attribute sets are, the architecture letter aside;
 * 'i' (Intel) is what a class without a vendor letter is (m5 -> m6i). */
static int attr_distance(const char *a, const char *b)
{
    int d = 0;
    for (const char *p = a; *p; p++)
        d += *p != 'g' && *p != 'i' && !strchr(b, *p);
    for (const char *p = b; *p; p++)
        d += *p != 'g' && *p != 'i' && !strchr(a, *p);
    return d;
}

size_t cf_facts_nearest_class(const cf_node *offered, const char *current, cf_class_pick picks[2])
{
    class_name cur;
    if (!offered || offered->kind != CF_SEQUENCE || !parse_class(current, &cur))
        return 0;
    const char *best[2] = {NULL, NULL}; /* same architecture, other */
    long best_score[2] = {0, 0};
    for (uint32_t i = 0; i < offered->len; i++) {
        const cf_node *n = offered->u.items[i];
        class_name c;
        if (n->kind != CF_SCALAR || !parse_class(n->u.str, &c) || strcmp(c.prefix, cur.prefix) ||
            strcmp(c.family, cur.family) || strcmp(c.size, cur.size) || !strcmp(n->u.str, current))
            continue;
        int other = is_arm(&c) != is_arm(&cur);
        /* the same attributes first, then a newer generation, the nearest
         * first; an older one last */
        long gen = c.gen >= cur.gen ? c.gen - cur.gen : 100 + cur.gen - c.gen;
        int attrs = attr_distance(c.attrs, cur.attrs);
        long score = (attrs ? 10000 : 0) + gen * 10 + (attrs < 9 ? attrs : 9);
        if (!best[other] || score < best_score[other]) {
            best[other] = n->u.str;
            best_score[other] = score;
        }
    }
    /* safe: only the generation changes (m5d.large -> m5.large drops the
     * local disk; t3.micro -> t4g.micro runs other binaries) */
    size_t n = 0;
    for (int k = 0; k < 2; k++)
        if (best[k])
            picks[n++] = (cf_class_pick){best[k], k == 0 && best_score[k] % 10 == 0};
    return n;
}

/* --- a failed deployment's class ---------------------------------------- */

/* The offered list of a region for the class `value` is in: the RDS
 * orderable classes of its engine and version, or the EC2 types. */
static bool offered_for(cf_spec *s, const char *region, const cf_node *value, bool rds, cf_facts *out)
{
    if (!rds)
        return cf_facts_instance_types(s, region, out);
    const cf_node *engine = cf_map_get(value->parent, "Engine"), *version = cf_map_get(value->parent, "EngineVersion");
    if (!engine || engine->kind != CF_SCALAR || !version || version->kind != CF_SCALAR || version->type != CF_TYPE_STR)
        return false;
    char lower[64];
    size_t i = 0;
    for (; engine->u.str[i] && i + 1 < sizeof lower; i++)
        lower[i] = (char)tolower((unsigned char)engine->u.str[i]);
    lower[i] = '\0';
    return cf_facts_orderable(s, lower, version->u.str, region, out);
}

void cf_facts_failed_class_fixes(cf_diag *d, const cf_doc *doc, cf_spec *s, char *const *regions, size_t nregions,
                                 const cf_node *value, bool rds)
{
    cf_facts facts;
    /* offered: the failure was about something else (an Availability Zone) */
    if (!value || value->kind != CF_SCALAR || !nregions || !offered_for(s, regions[0], value, rds, &facts) ||
        cf_facts_has(facts.offered, value->u.str))
        return;
    cf_class_pick picks[2];
    size_t n = cf_facts_nearest_class(facts.offered, value->u.str, picks);
    for (size_t k = 0; k < n; k++) {
        bool everywhere = true;
        for (size_t r = 1; r < nregions; r++) {
            cf_facts other;
            everywhere &= !offered_for(s, regions[r], value, rds, &other) || cf_facts_has(other.offered, picks[k].name);
        }
        if (!everywhere)
            continue;
        char *title = xasprintf("Change %s to %s, the nearest %s offered in %s (imported from %s on %s)%s",
                                value->u.str, picks[k].name, rds ? "instance class" : "instance type", regions[0],
                                facts.file, facts.date, picks[k].safe ? "" : "; other attributes or architecture");
        cf_fix *f = cf_fix_new(title, picks[k].safe ? CF_FIX_SAFE : CF_FIX_UNSAFE);
        cf_edit_scalar(f, doc, value, picks[k].name);
        cf_diag_add_fix(d, f);
        free(title);
    }
}

/* --- a version fix checks the class ------------------------------------- */

static void retitle(cf_fix *f, const char *fmt, const char *a, const char *b, const char *c)
{
    char *tail = xasprintf(fmt, a, b, c);
    char *t = xasprintf("%s%s", f->title, tail);
    free(f->title);
    free(tail);
    f->title = t;
}

/* The values a class given as {"Fn::FindInMap": [Map, any, Key]} can take:
 * Key's value under every top-level key of the mapping; false when the
 * function is another, or a value is not plain. */
static bool mapped_values(const cf_doc *doc, const cf_node *cls, const cf_node **out, size_t max, size_t *n)
{
    *n = 0;
    const cf_node *args = cf_map_get(cls, "Fn::FindInMap");
    if (!args || cls->len != 1 || args->kind != CF_SEQUENCE || args->len != 3 ||
        args->u.items[0]->kind != CF_SCALAR || args->u.items[2]->kind != CF_SCALAR)
        return false;
    const cf_node *map = cf_map_get(cf_map_get(doc->root, "Mappings"), args->u.items[0]->u.str);
    if (!map || map->kind != CF_MAPPING)
        return false;
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_node *v = cf_map_get(map->u.pairs[i].value, args->u.items[2]->u.str);
        if (!v || v->kind != CF_SCALAR || *n == max)
            return false;
        out[(*n)++] = v;
    }
    return *n > 0;
}

void cf_facts_check_class_for_version(cf_fix *f, const cf_doc *doc, cf_spec *s, char *const *regions,
                                      size_t nregions, const cf_node *version_node, const char *engine,
                                      const char *version)
{
    const cf_node *props = version_node ? version_node->parent : NULL;
    const cf_node *cls = cf_map_get(props, "DBInstanceClass");
    if (!cls)
        cls = cf_map_get(props, "DBClusterInstanceClass");
    if (!cls)
        return;
    for (size_t r = 0; r < nregions; r++) {
        cf_facts facts;
        if (!cf_facts_orderable(s, engine, version, regions[r], &facts))
            continue;
        if (cls->kind != CF_SCALAR) {
            /* a class from a mapping: every value it can take must do */
            const cf_node *values[64];
            size_t n;
            bool known = mapped_values(doc, cls, values, 64, &n);
            for (size_t i = 0; known && i < n; i++) {
                if (cf_facts_has(facts.offered, values[i]->u.str))
                    continue;
                retitle(f, "; but the mapped instance class %s is not orderable with %s in %s", values[i]->u.str,
                        version, regions[r]);
                f->applicability = CF_FIX_UNSAFE;
                return;
            }
            if (!known) {
                retitle(f, "; check the instance class against %s's orderable options for %s%s", regions[r], version,
                        "");
                f->applicability = CF_FIX_UNSAFE;
                return;
            }
            continue;
        }
        if (cf_facts_has(facts.offered, cls->u.str))
            continue;
        cf_class_pick picks[2];
        size_t n = cf_facts_nearest_class(facts.offered, cls->u.str, picks);
        /* the class must be orderable in every region with facts too */
        for (size_t k = 0; k < n; k++) {
            bool everywhere = true;
            for (size_t q = 0; q < nregions; q++) {
                cf_facts other;
                everywhere &= !cf_facts_orderable(s, engine, version, regions[q], &other) ||
                              cf_facts_has(other.offered, picks[k].name);
            }
            if (!everywhere)
                continue;
            cf_edit_scalar(f, doc, cls, picks[k].name);
            retitle(f, "; also DBInstanceClass to %s (%s is not orderable with %s)", picks[k].name, cls->u.str, version);
            if (!picks[k].safe)
                f->applicability = CF_FIX_UNSAFE;
            return;
        }
        retitle(f, "; but %s is not orderable with %s in %s: choose another instance class", cls->u.str, version,
                regions[r]);
        f->applicability = CF_FIX_UNSAFE;
        return;
    }
}
