#include "spec_build.h"
#include "atomicfile.h"
#include "bjson.h"
#include "doc.h"
#include "schema_share.h"
#include "spec_format.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

spec_build_stats spec_last_build;

static const char *const prose_keys[] = {
    "description", "markdownDescription", "title", "examples", "$comment",
    "sourceUrl", "documentationUrl", "$schema",
};

int spec_is_prose_key(const char *key)
{
    for (size_t i = 0; i < sizeof prose_keys / sizeof prose_keys[0]; i++)
        if (!strcmp(prose_keys[i], key))
            return 1;
    return 0;
}

static bool skip_prose(const char *key, bool schema_object)
{
    return schema_object && spec_is_prose_key(key);
}

typedef struct builder {
    const spec_build_opts *o;
    char *err;
    size_t errsize;
    bj_writer w;
    cf_arena a; /* synthetic nodes */
    /* resource schema variants, sorted by file stem */
    char **stems;
    char **type_of; /* typeName of each variant */
    uint32_t *schema_value;
    size_t nschemas;
    /* all type names, sorted */
    char **types;
    size_t ntypes, types_cap;
    /* regions, sorted, and their type -> variant table */
    char **regions;
    size_t nregions;
    uint16_t *table; /* nregions x ntypes */
    /* named entries */
    struct {
        char *name;
        uint32_t value;
    } *entries;
    size_t nentries, entries_cap;
} builder;

__attribute__((format(printf, 2, 3))) static int fail(builder *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->err, b->errsize, fmt, ap);
    va_end(ap);
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Sorted names in dir ending with suffix ("" for every entry but dots). */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *e;
    size_t slen = strlen(suffix);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        GROW(names, cap, *n + 1);
        names[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static cf_doc *load_json(builder *b, const char *path)
{
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        fail(b, "%s", rerr.message);
        return NULL;
    }
    if (doc->failed || !doc->root) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        fail(b, "%s:%u:%u: %s", path, p.line, p.col, doc->failed ? doc->err_msg : "empty file");
        cf_doc_free(doc);
        return NULL;
    }
    return doc;
}

static void add_entry(builder *b, const char *name, uint32_t value)
{
    GROW(b->entries, b->entries_cap, b->nentries + 1);
    b->entries[b->nentries].name = xstrdup(name);
    b->entries[b->nentries].value = value;
    b->nentries++;
}

/* --- synthetic JSON nodes (for values the generator composes) ---------- */

static cf_node *mk_str(builder *b, const char *s)
{
    cf_node *n = arena_zalloc(&b->a, sizeof *n);
    n->kind = CF_SCALAR;
    n->type = CF_TYPE_STR;
    n->u.str = arena_strndup(&b->a, s, strlen(s));
    n->len = (uint32_t)strlen(s);
    return n;
}

static cf_node *mk_int(builder *b, long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", v);
    cf_node *n = mk_str(b, tmp);
    n->type = CF_TYPE_INT;
    return n;
}

/* A mapping of count pairs, filled in by the caller. */
static cf_node *mk_map(builder *b, size_t count)
{
    cf_node *n = arena_zalloc(&b->a, sizeof *n);
    n->kind = CF_MAPPING;
    n->len = (uint32_t)count;
    n->u.pairs = arena_zalloc(&b->a, sizeof(cf_pair) * (count ? count : 1));
    return n;
}

/* --- resource schemas and regions --------------------------------------- */

static int add_type(builder *b, const char *name)
{
    GROW(b->types, b->types_cap, b->ntypes + 1);
    b->types[b->ntypes++] = xstrdup(name);
    return 0;
}

static void sort_unique_types(builder *b)
{
    if (!b->ntypes)
        return;
    qsort(b->types, b->ntypes, sizeof *b->types, cmp_str);
    size_t w = 1;
    for (size_t i = 1; i < b->ntypes; i++) {
        if (strcmp(b->types[i], b->types[w - 1]) == 0)
            free(b->types[i]);
        else
            b->types[w++] = b->types[i];
    }
    b->ntypes = w;
}

static long find_sorted(char **v, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(v[mid], key);
        if (!c)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int read_schemas(builder *b, const char *dir)
{
    size_t n;
    char **files = list_dir(dir, ".json", &n);
    if (!files || !n) {
        free_list(files, n);
        return fail(b, "no resource schemas (*.json) in '%s'", dir);
    }
    b->stems = xcalloc(n, sizeof *b->stems);
    b->type_of = xcalloc(n, sizeof *b->type_of);
    b->schema_value = xcalloc(n, sizeof *b->schema_value);
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        cf_doc *doc = load_json(b, path);
        if (!doc) {
            free(path);
            free_list(files, n);
            return -1;
        }
        const cf_node *tn = cf_map_get(doc->root, "typeName");
        if (!tn || tn->kind != CF_SCALAR || !tn->len) {
            fail(b, "%s: not a resource schema (no typeName)", path);
            cf_doc_free(doc);
            free(path);
            free_list(files, n);
            return -1;
        }
        b->stems[b->nschemas] = xstrndup(files[i], strlen(files[i]) - 5);
        b->type_of[b->nschemas] = xstrdup(tn->u.str);
        b->schema_value[b->nschemas] = bj_write(&b->w, doc->root, skip_prose);
        b->nschemas++;
        add_type(b, tn->u.str);
        cf_doc_free(doc);
        free(path);
    }
    free_list(files, n);
    return 0;
}

static int read_regions(builder *b, const char *path)
{
    cf_doc *doc = load_json(b, path);
    if (!doc)
        return -1;
    const cf_node *root = doc->root;
    if (root->kind != CF_MAPPING) {
        cf_doc_free(doc);
        return fail(b, "%s: expected an object of regions", path);
    }
    for (uint32_t r = 0; r < root->len; r++) {
        const cf_node *types = root->u.pairs[r].value;
        if (types->kind != CF_MAPPING) {
            cf_doc_free(doc);
            return fail(b, "%s: region '%s' is not an object of types", path, root->u.pairs[r].key->u.str);
        }
        for (uint32_t t = 0; t < types->len; t++)
            add_type(b, types->u.pairs[t].key->u.str);
    }
    sort_unique_types(b);
    b->nregions = root->len;
    b->regions = xcalloc(root->len ? root->len : 1, sizeof *b->regions);
    for (uint32_t r = 0; r < root->len; r++)
        b->regions[r] = xstrdup(root->u.pairs[r].key->u.str);
    qsort(b->regions, b->nregions, sizeof *b->regions, cmp_str);
    b->table = xcalloc(b->nregions * b->ntypes + 1, sizeof *b->table);
    for (uint32_t r = 0; r < root->len; r++) {
        long ri = find_sorted(b->regions, b->nregions, root->u.pairs[r].key->u.str);
        const cf_node *types = root->u.pairs[r].value;
        for (uint32_t t = 0; t < types->len; t++) {
            const cf_node *hash = types->u.pairs[t].value;
            long ti = find_sorted(b->types, b->ntypes, types->u.pairs[t].key->u.str);
            long si = hash->kind == CF_SCALAR ? find_sorted(b->stems, b->nschemas, hash->u.str) : -1;
            if (si < 0) {
                fail(b, "%s: %s in %s names schema '%s', which is not in resources/", path,
                     types->u.pairs[t].key->u.str, root->u.pairs[r].key->u.str,
                     hash->kind == CF_SCALAR ? hash->u.str : "?");
                cf_doc_free(doc);
                return -1;
            }
            if (strcmp(b->type_of[si], types->u.pairs[t].key->u.str) != 0) {
                fail(b, "%s: %s in %s names a schema of %s", path, types->u.pairs[t].key->u.str,
                     root->u.pairs[r].key->u.str, b->type_of[si]);
                cf_doc_free(doc);
                return -1;
            }
            b->table[(size_t)ri * b->ntypes + (size_t)ti] = (uint16_t)(si + 1);
        }
    }
    cf_doc_free(doc);
    return 0;
}

/* Import mode: one region whose types are exactly the schemas given. */
static int single_region(builder *b, const char *region)
{
    sort_unique_types(b);
    b->nregions = 1;
    b->regions = xcalloc(1, sizeof *b->regions);
    b->regions[0] = xstrdup(region);
    b->table = xcalloc(b->ntypes + 1, sizeof *b->table);
    for (size_t s = 0; s < b->nschemas; s++) {
        long ti = find_sorted(b->types, b->ntypes, b->type_of[s]);
        if (b->table[ti])
            return fail(b, "two schemas describe %s: %s.json and %s.json", b->type_of[s],
                        b->stems[b->table[ti] - 1], b->stems[s]);
        b->table[ti] = (uint16_t)(s + 1);
    }
    return 0;
}

/* --- extensions, section schemas, lifecycle, RDS ------------------------ */

/* "aws_rds_dbinstance" names AWS::RDS::DBInstance. */
static const char *type_for_folder(builder *b, const char *folder)
{
    for (size_t i = 0; i < b->ntypes; i++) {
        const char *t = b->types[i], *f = folder;
        while (*t && *f) {
            if (t[0] == ':' && t[1] == ':') {
                if (*f != '_')
                    break;
                t += 2;
                f++;
                continue;
            }
            char c = *t >= 'A' && *t <= 'Z' ? (char)(*t - 'A' + 'a') : *t;
            if (c != *f)
                break;
            t++;
            f++;
        }
        if (!*t && !*f)
            return b->types[i];
    }
    return NULL;
}

/* engine_version.json lists the versions RDS knows per engine (under
 * allOf: if Engine is X then EngineVersion is one of [...]);
 * engine_version_deprecated.json those that can no longer be created.
 * They become {engine: {version: "available" | "deprecated"}}. */
typedef struct version_status {
    const char *engine, *version, *status;
} version_status;

static void collect_versions(const cf_node *root, const char *status, version_status **vs, size_t *n, size_t *cap)
{
    const cf_node *all = cf_map_get(root, "allOf");
    if (!all || all->kind != CF_SEQUENCE)
        return;
    for (uint32_t i = 0; i < all->len; i++) {
        const cf_node *c = all->u.items[i];
        const cf_node *cond = cf_map_get(cf_map_get(c, "if"), "properties");
        const cf_node *engine = cf_map_get(cf_map_get(cond, "Engine"), "const");
        const cf_node *list = cf_map_get(cf_map_get(cf_map_get(cf_map_get(c, "then"), "properties"), "EngineVersion"), "enum");
        if (!list) /* the deprecated file puts its list in the condition */
            list = cf_map_get(cf_map_get(cond, "EngineVersion"), "enum");
        if (!engine || engine->kind != CF_SCALAR || !list || list->kind != CF_SEQUENCE)
            continue;
        for (uint32_t j = 0; j < list->len; j++) {
            if (list->u.items[j]->kind != CF_SCALAR)
                continue;
            GROW(*vs, *cap, *n + 1);
            (*vs)[(*n)++] = (version_status){engine->u.str, list->u.items[j]->u.str, status};
        }
    }
}

static int cmp_vs(const void *a, const void *b)
{
    const version_status *x = a, *y = b;
    int c = strcmp(x->engine, y->engine);
    if (c)
        return c;
    c = strcmp(x->version, y->version);
    if (c)
        return c;
    /* "deprecated" before "available", so a version in both lists is
     * kept as deprecated */
    return -strcmp(x->status, y->status);
}

/* The engines RDS accepts: the first condition of engine_version.json
 * ("if Engine is a string then it is one of [...]"). */
static const cf_node *engine_enum(const cf_node *known)
{
    const cf_node *all = cf_map_get(known, "allOf");
    for (uint32_t i = 0; all && all->kind == CF_SEQUENCE && i < all->len; i++) {
        const cf_node *e = cf_map_get(cf_map_get(cf_map_get(cf_map_get(all->u.items[i], "then"), "properties"), "Engine"), "enum");
        if (e && e->kind == CF_SEQUENCE)
            return e;
    }
    return NULL;
}

static void write_rds_table(builder *b, const char *type, const cf_node *known, const cf_node *deprecated)
{
    version_status *vs = NULL;
    size_t k = 0, cap = 0;
    collect_versions(known, "available", &vs, &k, &cap);
    if (deprecated)
        collect_versions(deprecated, "deprecated", &vs, &k, &cap);
    if (k)
        qsort(vs, k, sizeof *vs, cmp_vs);
    size_t nengines = 0;
    for (size_t i = 0; i < k; i++)
        if (!i || strcmp(vs[i].engine, vs[i - 1].engine))
            nengines++;
    cf_node *root = mk_map(b, nengines);
    size_t e = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i, unique = 0;
        for (; j < k && !strcmp(vs[j].engine, vs[i].engine); j++)
            if (j == i || strcmp(vs[j].version, vs[j - 1].version))
                unique++;
        cf_node *versions = mk_map(b, unique);
        size_t u = 0;
        for (size_t m = i; m < j; m++) {
            if (m > i && !strcmp(vs[m].version, vs[m - 1].version))
                continue;
            versions->u.pairs[u].key = mk_str(b, vs[m].version);
            versions->u.pairs[u].value = mk_str(b, vs[m].status);
            u++;
        }
        root->u.pairs[e].key = mk_str(b, vs[i].engine);
        root->u.pairs[e].value = versions;
        e++;
        i = j;
    }
    cf_node *table = mk_map(b, 2);
    table->u.pairs[0].key = mk_str(b, "engines");
    const cf_node *engines = engine_enum(known);
    if (!engines) { /* no enum: the engines that have versions */
        cf_node *list = arena_zalloc(&b->a, sizeof *list);
        list->kind = CF_SEQUENCE;
        list->len = root->len;
        list->u.items = arena_zalloc(&b->a, sizeof(cf_node *) * (root->len ? root->len : 1));
        for (uint32_t i = 0; i < root->len; i++)
            list->u.items[i] = root->u.pairs[i].key;
        engines = list;
    }
    table->u.pairs[0].value = (cf_node *)engines;
    table->u.pairs[1].key = mk_str(b, "versions");
    table->u.pairs[1].value = root;
    char *name = xasprintf("rds/%s", type);
    add_entry(b, name, bj_write(&b->w, table, NULL));
    free(name);
    free(vs);
}

/* Subschemas smaller than this stay where they are: a $ref costs a lookup
 * each time it is followed. */
#define SHARE_MIN_BYTES 256

/* One entry per extension file ("ext/AWS::EC2::Instance/instancetype_enum");
 * a file holding one schema per region (instance type enums, megabytes of
 * them) becomes one entry per region (".../us-east-1", ".../all"), so a
 * lint decodes only what its type and regions need. */
static void write_extension(builder *b, const char *type, const char *file, const cf_node *root)
{
    if (root->kind == CF_MAPPING && cf_map_get(root, "us-east-1")) {
        for (uint32_t i = 0; i < root->len; i++) {
            const cf_node *k = root->u.pairs[i].key;
            if (spec_is_prose_key(k->u.str))
                continue;
            char *name = xasprintf("ext/%s/%s@%s", type, file, k->u.str);
            add_entry(b, name, bj_write(&b->w, schema_share(&b->a, root->u.pairs[i].value, SHARE_MIN_BYTES), skip_prose));
            free(name);
        }
        return;
    }
    char *name = xasprintf("ext/%s/%s", type, file);
    add_entry(b, name, bj_write(&b->w, schema_share(&b->a, root, SHARE_MIN_BYTES), skip_prose));
    free(name);
}

static int read_extensions(builder *b, const char *dir)
{
    size_t nfolders;
    char **folders = list_dir(dir, "", &nfolders);
    for (size_t f = 0; f < nfolders; f++) {
        char *sub = xasprintf("%s/%s", dir, folders[f]);
        const char *type = is_dir(sub) ? type_for_folder(b, folders[f]) : NULL;
        if (!type) {
            free(sub);
            continue; /* a type no region has: nothing can use it */
        }
        size_t nfiles;
        char **files = list_dir(sub, ".json", &nfiles);
        cf_doc **docs = xcalloc(nfiles ? nfiles : 1, sizeof *docs);
        const cf_node *known = NULL, *deprecated = NULL;
        for (size_t i = 0; i < nfiles; i++) {
            char *path = xasprintf("%s/%s", sub, files[i]);
            docs[i] = load_json(b, path);
            free(path);
            if (!docs[i]) {
                for (size_t j = 0; j < i; j++)
                    cf_doc_free(docs[j]);
                free(docs);
                free_list(files, nfiles);
                free(sub);
                free_list(folders, nfolders);
                return -1;
            }
            files[i][strlen(files[i]) - 5] = '\0';
            write_extension(b, type, files[i], docs[i]->root);
            if (!strcmp(files[i], "engine_version"))
                known = docs[i]->root;
            if (!strcmp(files[i], "engine_version_deprecated"))
                deprecated = docs[i]->root;
        }
        if (known && (!strcmp(type, "AWS::RDS::DBInstance") || !strcmp(type, "AWS::RDS::DBCluster")))
            write_rds_table(b, type, known, deprecated);
        for (size_t i = 0; i < nfiles; i++)
            cf_doc_free(docs[i]);
        free(docs);
        free_list(files, nfiles);
        free(sub);
    }
    free_list(folders, nfolders);
    return 0;
}

/* IAM actions per service (lifecycle/Policies.json, 2 MB): one entry per
 * service ("iam/s3") and the list of services ("iam-services"), so a
 * template with one policy decodes only the services it names. */
static void write_iam_services(builder *b, const cf_node *policies)
{
    cf_node *list = arena_zalloc(&b->a, sizeof *list);
    list->kind = CF_SEQUENCE;
    list->len = policies->len;
    list->u.items = arena_zalloc(&b->a, sizeof(cf_node *) * (policies->len ? policies->len : 1));
    for (uint32_t i = 0; i < policies->len; i++) {
        const cf_node *k = policies->u.pairs[i].key;
        list->u.items[i] = (cf_node *)k;
        char *name = xasprintf("iam/%s", k->u.str);
        add_entry(b, name, bj_write(&b->w, policies->u.pairs[i].value, NULL));
        free(name);
    }
    add_entry(b, "iam-services", bj_write(&b->w, list, NULL));
}

/* Every *.json under dir (one level of folders) as "<prefix>/<folder>/<stem>"
 * or "<prefix>/<stem>". */
static int read_named(builder *b, const char *dir, const char *prefix, bool schemas)
{
    size_t n;
    char **names = list_dir(dir, "", &n);
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        size_t len = strlen(names[i]);
        if (is_dir(path)) {
            char *sub = xasprintf("%s/%s", prefix, names[i]);
            int r = read_named(b, path, sub, schemas);
            free(sub);
            free(path);
            if (r < 0) {
                free_list(names, n);
                return -1;
            }
            continue;
        }
        if (len > 5 && !strcmp(names[i] + len - 5, ".json")) {
            cf_doc *doc = load_json(b, path);
            if (!doc) {
                free(path);
                free_list(names, n);
                return -1;
            }
            if (!strcmp(names[i], "Policies.json") && doc->root->kind == CF_MAPPING) {
                write_iam_services(b, doc->root);
            } else {
                char *entry = xasprintf("%s/%.*s", prefix, (int)(len - 5), names[i]);
                add_entry(b, entry, bj_write(&b->w, doc->root, schemas ? skip_prose : NULL));
                free(entry);
            }
            cf_doc_free(doc);
        }
        free(path);
    }
    free_list(names, n);
    return 0;
}

static void write_meta(builder *b)
{
    const char *src = b->o->source;
    char *base = NULL;
    if (!src) {
        const char *slash = strrchr(b->o->src_dir, '/');
        base = xstrdup(slash && slash[1] ? slash + 1 : b->o->src_dir);
        src = base;
    }
    cf_node *m = mk_map(b, 6);
    const char *keys[] = {"format", "snapshot", "source", "types", "regions", "schemas"};
    cf_node *vals[] = {mk_int(b, SPEC_VERSION), mk_str(b, b->o->snapshot_date ? b->o->snapshot_date : "unknown"),
                       mk_str(b, src), mk_int(b, (long)b->ntypes), mk_int(b, (long)b->nregions),
                       mk_int(b, (long)b->nschemas)};
    for (size_t i = 0; i < 6; i++) {
        m->u.pairs[i].key = mk_str(b, keys[i]);
        m->u.pairs[i].value = vals[i];
    }
    add_entry(b, "meta", bj_write(&b->w, m, NULL));
    free(base);
}

/* --- assembling the file ------------------------------------------------ */

static void put_u16(cf_buf *o, uint16_t v)
{
    unsigned char t[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    buf_add(o, t, 2);
}
static void put_u32(cf_buf *o, uint32_t v)
{
    unsigned char t[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    buf_add(o, t, 4);
}
static void put_u64(cf_buf *o, uint64_t v)
{
    put_u32(o, (uint32_t)v);
    put_u32(o, (uint32_t)(v >> 32));
}
static void set_u64(cf_buf *o, size_t at, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        o->data[at + (size_t)i] = (char)(v >> (8 * i));
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int assemble(builder *b, cf_buf *out)
{
    cf_buf sec[SEC_COUNT] = {{0}};
    /* entries: names interned first, so the string table is complete */
    qsort(b->entries, b->nentries, sizeof *b->entries, cmp_entry);
    put_u32(&sec[SEC_ENTRIES], (uint32_t)b->nentries);
    for (size_t i = 0; i < b->nentries; i++) {
        put_u32(&sec[SEC_ENTRIES], bj_intern(&b->w, b->entries[i].name, strlen(b->entries[i].name)));
        put_u32(&sec[SEC_ENTRIES], b->entries[i].value);
    }
    put_u32(&sec[SEC_TYPES], (uint32_t)b->ntypes);
    for (size_t i = 0; i < b->ntypes; i++)
        put_u32(&sec[SEC_TYPES], bj_intern(&b->w, b->types[i], strlen(b->types[i])));
    put_u32(&sec[SEC_REGIONS], (uint32_t)b->nregions);
    for (size_t i = 0; i < b->nregions; i++)
        put_u32(&sec[SEC_REGIONS], bj_intern(&b->w, b->regions[i], strlen(b->regions[i])));
    for (size_t i = 0; i < b->nregions * b->ntypes; i++)
        put_u16(&sec[SEC_REGIONS], b->table[i]);
    put_u32(&sec[SEC_SCHEMAS], (uint32_t)b->nschemas);
    for (size_t i = 0; i < b->nschemas; i++)
        put_u32(&sec[SEC_SCHEMAS], b->schema_value[i]);
    if (b->w.values.len > UINT32_MAX || b->w.strings.len > UINT32_MAX)
        return fail(b, "spec data too large");
    sec[SEC_STRINGS] = b->w.strings;
    sec[SEC_VALUES] = b->w.values;

    static const char *const names[SEC_COUNT] = SPEC_SECTION_NAMES;
    size_t header = sizeof(spec_header) + SEC_COUNT * sizeof(spec_section_entry);
    buf_add(out, SPEC_MAGIC, 8);
    put_u32(out, SPEC_VERSION);
    put_u32(out, SEC_COUNT);
    put_u64(out, 0); /* file size, set below */
    put_u64(out, 0); /* checksum, set below */
    uint64_t offset = (header + 7) & ~(uint64_t)7;
    for (int s = 0; s < SEC_COUNT; s++) {
        char name[8] = {0};
        memcpy(name, names[s], strlen(names[s]));
        buf_add(out, name, 8);
        put_u64(out, offset);
        put_u64(out, sec[s].len);
        offset = (offset + sec[s].len + 7) & ~(uint64_t)7;
    }
    for (int s = 0; s < SEC_COUNT; s++) {
        while (out->len % 8)
            buf_addc(out, '\0');
        buf_add(out, sec[s].data ? sec[s].data : "", sec[s].len);
    }
    while (out->len % 8)
        buf_addc(out, '\0');
    set_u64(out, 16, out->len);
    set_u64(out, 24, spec_checksum(out->data, header, SPEC_CHECKSUM_SEED));
    for (int s = SEC_ENTRIES; s <= SEC_SCHEMAS; s++)
        buf_free(&sec[s]);
    return 0;
}

uint64_t spec_checksum(const void *data, uint64_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (uint64_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static void builder_free(builder *b)
{
    free_list(b->stems, b->nschemas);
    free_list(b->type_of, b->nschemas);
    free(b->schema_value);
    free_list(b->types, b->ntypes);
    free_list(b->regions, b->nregions);
    free(b->table);
    for (size_t i = 0; i < b->nentries; i++)
        free(b->entries[i].name);
    free(b->entries);
    bj_writer_free(&b->w);
    arena_free(&b->a);
}

int spec_build(const spec_build_opts *o, char *err, size_t errsize)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.err = err;
    b.errsize = errsize;
    err[0] = '\0';
    bj_writer_init(&b.w);
    arena_init(&b.a);
    int rc = -1;
    cf_buf out = {0};
    char *resources = xasprintf("%s/resources", o->src_dir);
    char *regions = xasprintf("%s/regions.json", o->src_dir);
    char *extensions = xasprintf("%s/extensions", o->src_dir);
    char *other = xasprintf("%s/other", o->src_dir);
    char *lifecycle = xasprintf("%s/lifecycle", o->src_dir);

    if (!is_dir(o->src_dir)) {
        fail(&b, "'%s' is not a folder", o->src_dir);
        goto done;
    }
    if (read_schemas(&b, is_dir(resources) ? resources : o->src_dir) < 0)
        goto done;
    if (o->only_region) {
        if (single_region(&b, o->only_region) < 0)
            goto done;
    } else {
        if (!is_file(regions)) {
            fail(&b, "'%s' is missing (it maps each region to its resource types)", regions);
            goto done;
        }
        if (read_regions(&b, regions) < 0)
            goto done;
        if (is_dir(extensions) && read_extensions(&b, extensions) < 0)
            goto done;
        if (is_dir(other) && read_named(&b, other, "other", true) < 0)
            goto done;
        if (is_dir(lifecycle) && read_named(&b, lifecycle, "lifecycle", false) < 0)
            goto done;
    }
    write_meta(&b);
    if (assemble(&b, &out) < 0)
        goto done;
    if (atomic_write(o->out_path, out.data, out.len, 0644, err, errsize) < 0)
        goto done;
    spec_last_build = (spec_build_stats){b.ntypes, b.nregions, b.nschemas, b.nentries, out.len};
    rc = 0;
done:
    free(resources);
    free(regions);
    free(extensions);
    free(other);
    free(lifecycle);
    buf_free(&out);
    builder_free(&b);
    return rc;
}
