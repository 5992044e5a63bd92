/* `cfnfix spec import-aws` (and import-rds): AWS CLI output, recognised by
 * its shape, merged into the region's facts of its kind (aws_import.h).
 *
 * Every input is read and validated before anything is written, so a bad
 * file changes nothing.  Each kind's file is rewritten whole, atomically,
 * under a lock on the kind's folder (two imports take turns instead of one
 * losing the other's engines). */
#include "aws_import.h"
#include "atomicfile.h"
#include "doc.h"
#include "json_write.h"
#include "util.h"
#include "version.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A fact: (key, item, value) -- (engine, version, status), (engine,
 * version, instance class), ("instance-types", type, ""). */
typedef struct row {
    char *key, *item, *value;
} row;

typedef struct rows {
    row *v;
    size_t n, cap;
} rows;

/* What each kind is: the CLI command, the list its output holds, how an
 * import replaces earlier facts (by key, or by key and item), and what a
 * fact is called in messages. */
typedef struct kind {
    const char *name;    /* the folder: rds, orderable, elasticache, ec2 */
    const char *list;    /* the output's top-level list */
    const char *command; /* the AWS CLI command that prints it */
    bool by_item;        /* an import replaces (key, item) pairs, not whole keys */
    const char *what;    /* "versions", "instance classes", ... */
} kind;

static const kind kinds[] = {
    {"rds", "DBEngineVersions", "aws rds describe-db-engine-versions", false, "versions"},
    {"orderable", "OrderableDBInstanceOptions", "aws rds describe-orderable-db-instance-options --engine E", true,
     "version and instance class pairs"},
    {"elasticache", "CacheEngineVersions", "aws elasticache describe-cache-engine-versions", false, "versions"},
    {"ec2", "InstanceTypeOfferings", "aws ec2 describe-instance-type-offerings --location-type region", false,
     "instance types"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static void rows_add(rows *r, const char *key, const char *item, const char *value)
{
    GROW(r->v, r->cap, r->n + 1);
    r->v[r->n++] = (row){xstrdup(key), xstrdup(item), xstrdup(value)};
}

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].key);
        free(r->v[i].item);
        free(r->v[i].value);
    }
    free(r->v);
    memset(r, 0, sizeof *r);
}

static int cmp_row(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (!c)
        c = cf_version_cmp(a->item, b->item);
    if (!c)
        c = strcmp(a->item, b->item);
    if (!c)
        c = strcmp(a->value, b->value);
    return c;
}

static const char *str_of(const cf_node *map, const char *key)
{
    const cf_node *v = cf_map_get(map, key);
    return v && v->kind == CF_SCALAR && v->type != CF_TYPE_NULL && v->len ? v->u.str : NULL;
}

/* --- reading the AWS CLI's output --------------------------------------- */

/* One input file: its kind, its rows, the engines (keys) it covers. */
typedef struct input {
    const kind *k;
    const char *name; /* for messages and provenance */
    rows facts;
    const char **keys; /* the distinct keys of facts (few: engines) */
    size_t nkeys;
} input;

static bool has_key(const input *in, const char *key)
{
    for (size_t i = 0; i < in->nkeys; i++)
        if (!strcmp(in->keys[i], key))
            return true;
    return false;
}

#define FAIL(...) (snprintf(err, errsize, __VA_ARGS__), -1)

static int read_entry(const kind *k, const cf_node *e, const char *name, const char *region, const cf_doc *doc,
                      uint32_t i, rows *out, char *err, size_t errsize)
{
    cf_pos p = cf_doc_pos(doc, e->start);
    if (!strcmp(k->name, "ec2")) {
        const char *type = str_of(e, "InstanceType"), *lt = str_of(e, "LocationType"), *loc = str_of(e, "Location");
        if (!type)
            return FAIL("%s:%u:%u: entry %u has no InstanceType", name, p.line, p.col, i);
        if (lt && strcmp(lt, "region"))
            return FAIL("%s:%u:%u: offerings by %s, not by region (use --location-type region)", name, p.line, p.col,
                        lt);
        if (loc && strcmp(loc, region))
            return FAIL("%s:%u:%u: offerings for %s, not %s", name, p.line, p.col, loc, region);
        rows_add(out, "instance-types", type, "");
        return 0;
    }
    const char *engine = str_of(e, "Engine"), *version = str_of(e, "EngineVersion");
    if (!engine || !version)
        return FAIL("%s:%u:%u: entry %u has no Engine or EngineVersion", name, p.line, p.col, i);
    if (!strcmp(k->name, "orderable")) {
        const char *cls = str_of(e, "DBInstanceClass");
        if (!cls)
            return FAIL("%s:%u:%u: entry %u has no DBInstanceClass", name, p.line, p.col, i);
        /* an offering in another region's zones is not this region's */
        const cf_node *zones = cf_map_get(e, "AvailabilityZones");
        const char *zone = zones && zones->kind == CF_SEQUENCE && zones->len ? str_of(zones->u.items[0], "Name") : NULL;
        if (zone && strncmp(zone, region, strlen(region)))
            return FAIL("%s:%u:%u: offered in %s, not in %s", name, p.line, p.col, zone, region);
        rows_add(out, engine, version, cls);
        return 0;
    }
    const char *status = str_of(e, "Status");
    rows_add(out, engine, version, status && strcmp(status, "available") ? "deprecated" : "available");
    return 0;
}

static int read_input(const char *path, const char *only_kind, const char *region, input *in, char *err,
                      size_t errsize)
{
    memset(in, 0, sizeof *in);
    in->name = strcmp(path, "-") ? path : "<stdin>";
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc)
        return FAIL("%s", rerr.message);
    int rc = 0;
    if (doc->failed) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        rc = FAIL("%s:%u:%u: not JSON: %s", in->name, p.line, p.col, doc->err_msg);
    } else if (!doc->root) {
        rc = FAIL("%s: empty", in->name);
    }
    const cf_node *list = NULL;
    for (size_t k = 0; !rc && k < NKINDS && !in->k; k++) {
        if (only_kind && strcmp(kinds[k].name, only_kind))
            continue;
        list = cf_map_get(doc->root, kinds[k].list);
        if (list)
            in->k = &kinds[k];
    }
    if (!rc && !in->k) {
        cf_buf known = {0};
        for (size_t k = 0; k < NKINDS; k++)
            if (!only_kind || !strcmp(kinds[k].name, only_kind))
                buf_printf(&known, "%s'%s'", known.len ? ", " : "", kinds[k].command);
        rc = FAIL("%s: not the output of %s", in->name, known.data);
        buf_free(&known);
    } else if (!rc && list->kind != CF_SEQUENCE) {
        rc = FAIL("%s: \"%s\" is not a list", in->name, in->k->list);
    } else if (!rc && !list->len) {
        rc = FAIL("%s: \"%s\" is empty", in->name, in->k->list);
    }
    for (uint32_t i = 0; !rc && i < list->len; i++) {
        const cf_node *e = list->u.items[i];
        if (e->kind != CF_MAPPING) {
            cf_pos p = cf_doc_pos(doc, e->start);
            rc = FAIL("%s:%u:%u: entry %u is not an object", in->name, p.line, p.col, i);
        } else {
            rc = read_entry(in->k, e, in->name, region, doc, i, &in->facts, err, errsize);
        }
    }
    cf_doc_free(doc);
    if (rc)
        rows_free(&in->facts);
    for (size_t i = 0; i < in->facts.n; i++)
        if (!has_key(in, in->facts.v[i].key)) {
            in->keys = xrealloc(in->keys, sizeof *in->keys * (in->nkeys + 1));
            in->keys[in->nkeys++] = in->facts.v[i].key;
        }
    return rc;
}

/* --- the stored facts --------------------------------------------------- */

typedef struct source {
    char *key, *file, *date;
} source;

typedef struct stored {
    rows facts;
    source *from;
    size_t nfrom, from_cap;
} stored;

static void stored_free(stored *s)
{
    rows_free(&s->facts);
    for (size_t i = 0; i < s->nfrom; i++) {
        free(s->from[i].key);
        free(s->from[i].file);
        free(s->from[i].date);
    }
    free(s->from);
    memset(s, 0, sizeof *s);
}

static void set_source(stored *s, const char *key, const char *file, const char *date)
{
    for (size_t i = 0; i < s->nfrom; i++)
        if (!strcmp(s->from[i].key, key)) {
            free(s->from[i].file);
            free(s->from[i].date);
            s->from[i].file = xstrdup(file);
            s->from[i].date = xstrdup(date);
            return;
        }
    GROW(s->from, s->from_cap, s->nfrom + 1);
    s->from[s->nfrom++] = (source){xstrdup(key), xstrdup(file), xstrdup(date)};
}

/* The date a file was last written, for files without one of their own
 * (written by an older import-rds). */
static void file_date(const char *path, char *out, size_t size)
{
    struct stat st;
    struct tm tm;
    if (stat(path, &st) == 0 && gmtime_r(&st.st_mtime, &tm))
        strftime(out, size, "%Y-%m-%d", &tm);
    else
        snprintf(out, size, "?");
}

/* Read a kind's stored file back into rows.  0 also when it does not
 * exist; -1 when it is there but not what cfnfix writes. */
static int load_stored(const kind *k, const char *path, stored *s, char *err, size_t errsize)
{
    memset(s, 0, sizeof *s);
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc)
        return FAIL("%s", rerr.message);
    const cf_node *data = doc->failed ? NULL : cf_map_get(doc->root, strcmp(k->name, "rds") ? "data" : "engines");
    if (!data || data->kind != CF_MAPPING) {
        cf_doc_free(doc);
        return FAIL("'%s' is not the facts file cfnfix writes: remove it, then import again", path);
    }
    for (uint32_t i = 0; i < data->len; i++) {
        const char *key = data->u.pairs[i].key->u.str;
        const cf_node *v = data->u.pairs[i].value;
        for (uint32_t j = 0; v->kind == CF_SEQUENCE && j < v->len; j++) /* ec2: a list of items */
            if (v->u.items[j]->kind == CF_SCALAR)
                rows_add(&s->facts, key, v->u.items[j]->u.str, "");
        for (uint32_t j = 0; v->kind == CF_MAPPING && j < v->len; j++) {
            const char *item = v->u.pairs[j].key->u.str;
            const cf_node *val = v->u.pairs[j].value;
            if (val->kind == CF_SCALAR)
                rows_add(&s->facts, key, item, val->u.str);
            for (uint32_t m = 0; val->kind == CF_SEQUENCE && m < val->len; m++)
                if (val->u.items[m]->kind == CF_SCALAR)
                    rows_add(&s->facts, key, item, val->u.items[m]->u.str);
        }
        const cf_node *from = cf_map_get(cf_map_get(doc->root, "from"), key);
        const char *file = str_of(from, "file"), *date = str_of(from, "date");
        char fallback[16];
        if (!date)
            file_date(path, fallback, sizeof fallback);
        set_source(s, key, file ? file : "an earlier import", date ? date : fallback);
    }
    cf_doc_free(doc);
    return 0;
}

static void json_str(cf_buf *b, const char *s)
{
    cf_json_string(b, s, strlen(s));
}

/* The stored form of rows (sorted), with their sources. */
static void write_json(const kind *k, const char *region, const stored *s, cf_buf *j)
{
    buf_adds(j, "{\n  \"format\": 1,\n  \"region\": ");
    json_str(j, region);
    buf_adds(j, ",\n  \"kind\": ");
    json_str(j, k->name);
    buf_adds(j, ",\n  \"from\": {");
    for (size_t i = 0; i < s->nfrom; i++) {
        buf_adds(j, i ? ",\n    " : "\n    ");
        json_str(j, s->from[i].key);
        buf_adds(j, ": {\"file\": ");
        json_str(j, s->from[i].file);
        buf_adds(j, ", \"date\": ");
        json_str(j, s->from[i].date);
        buf_adds(j, "}");
    }
    buf_adds(j, s->nfrom ? "\n  },\n  \"" : "},\n  \"");
    buf_adds(j, strcmp(k->name, "rds") ? "data" : "engines");
    buf_adds(j, "\": {");
    bool list_items = !strcmp(k->name, "ec2"), list_values = !strcmp(k->name, "orderable");
    const rows *r = &s->facts;
    for (size_t i = 0; i < r->n; i++) {
        bool new_key = !i || strcmp(r->v[i].key, r->v[i - 1].key);
        bool new_item = new_key || strcmp(r->v[i].item, r->v[i - 1].item);
        if (new_key) {
            if (i)
                buf_adds(j, list_values ? "]\n    }," : list_items ? "]," : "\n    },");
            buf_adds(j, "\n    ");
            json_str(j, r->v[i].key);
            buf_adds(j, list_items ? ": [" : ": {");
        }
        if (list_items) {
            buf_adds(j, new_key ? "\n      " : ",\n      ");
            json_str(j, r->v[i].item);
        } else if (list_values) {
            if (new_item) {
                buf_adds(j, new_key ? "\n      " : "],\n      ");
                json_str(j, r->v[i].item);
                buf_adds(j, ": [");
            } else {
                buf_adds(j, ", ");
            }
            json_str(j, r->v[i].value);
        } else {
            buf_adds(j, new_key ? "\n      " : ",\n      ");
            json_str(j, r->v[i].item);
            buf_adds(j, ": ");
            json_str(j, r->v[i].value);
        }
    }
    if (r->n)
        buf_adds(j, list_values ? "]\n    }\n  }\n}\n" : list_items ? "\n    ]\n  }\n}\n" : "\n    }\n  }\n}\n");
    else
        buf_adds(j, "}\n}\n");
}

/* Whether an earlier fact is replaced by the import: its key (or key and
 * item) is among the new facts (sorted by cmp_row). */
static bool covered(const kind *k, const rows *fresh, const row *old)
{
    size_t lo = 0, hi = fresh->n;
    while (lo < hi) { /* the first new fact not before old's key (and item) */
        size_t mid = lo + (hi - lo) / 2;
        const row *r = &fresh->v[mid];
        int c = strcmp(r->key, old->key);
        if (!c && k->by_item)
            c = cf_version_cmp(r->item, old->item) ? cf_version_cmp(r->item, old->item) : strcmp(r->item, old->item);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < fresh->n && !strcmp(fresh->v[lo].key, old->key) &&
           (!k->by_item || !strcmp(fresh->v[lo].item, old->item));
}

/* Sorted, without repeats; for versions, "available" wins over a repeat
 * that says otherwise (sorted first). */
static void sort_unique(rows *r)
{
    if (r->n > 1)
        qsort(r->v, r->n, sizeof *r->v, cmp_row);
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        bool same = w && !strcmp(r->v[w - 1].key, r->v[i].key) && !strcmp(r->v[w - 1].item, r->v[i].item) &&
                    (r->v[i].value[0] == '\0' || !strcmp(r->v[w - 1].value, r->v[i].value) ||
                     !strcmp(r->v[w - 1].value, "available"));
        if (same) {
            free(r->v[i].key);
            free(r->v[i].item);
            free(r->v[i].value);
        } else {
            r->v[w++] = r->v[i];
        }
    }
    r->n = w;
}

static size_t count_keys(const rows *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += !i || strcmp(r->v[i].key, r->v[i - 1].key);
    return n;
}

/* Merge the inputs of kind k into its stored file. */
static int import_kind(const kind *k, const char *dir, const char *region, input *ins, size_t nin, const char *today,
                       FILE *out, char *err, size_t errsize)
{
    char *sub = xasprintf("%s/%s", dir, k->name);
    char *path = xasprintf("%s/%s.json", sub, region);
    char *lock = xasprintf("%s/.lock", sub);
    int rc = make_dirs(sub, err, errsize);
    int fd = rc ? -1 : open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (!rc && (fd < 0 || flock(fd, LOCK_EX) < 0))
        rc = FAIL("cannot lock '%s'", lock);
    stored s = {0};
    if (!rc)
        rc = load_stored(k, path, &s, err, errsize);
    if (!rc) {
        rows fresh = {0};
        for (size_t i = 0; i < nin; i++) {
            if (ins[i].k != k)
                continue;
            for (size_t f = 0; f < ins[i].facts.n; f++) {
                const row *r = &ins[i].facts.v[f];
                rows_add(&fresh, r->key, r->item, r->value);
            }
            /* each key's source: this file, after the earlier files of
             * this import that gave the key too */
            for (size_t e = 0; e < ins[i].nkeys; e++) {
                const char *key = ins[i].keys[e];
                cf_buf files = {0};
                for (size_t j = 0; j <= i; j++)
                    if (ins[j].k == k && (j == i || has_key(&ins[j], key)))
                        buf_printf(&files, "%s%s", files.len ? ", " : "", ins[j].name);
                set_source(&s, key, files.data, today);
                buf_free(&files);
            }
        }
        sort_unique(&fresh);
        size_t w = 0;
        for (size_t i = 0; i < s.facts.n; i++) {
            if (covered(k, &fresh, &s.facts.v[i])) {
                free(s.facts.v[i].key);
                free(s.facts.v[i].item);
                free(s.facts.v[i].value);
            } else {
                s.facts.v[w++] = s.facts.v[i];
            }
        }
        s.facts.n = w;
        size_t nfresh = fresh.n, keys = count_keys(&fresh);
        for (size_t i = 0; i < fresh.n; i++)
            rows_add(&s.facts, fresh.v[i].key, fresh.v[i].item, fresh.v[i].value);
        rows_free(&fresh);
        sort_unique(&s.facts);
        cf_buf j = {0};
        write_json(k, region, &s, &j);
        rc = atomic_write(path, j.data, j.len, 0644, err, errsize);
        buf_free(&j);
        if (!rc && !strcmp(k->name, "ec2"))
            fprintf(out, "imported %zu instance types for %s into %s\n", nfresh, region, path);
        else if (!rc)
            fprintf(out, "imported %zu %s of %zu engines for %s into %s\n", nfresh, k->what, keys, region, path);
    }
    stored_free(&s);
    if (fd >= 0)
        close(fd); /* releases the lock */
    free(sub);
    free(path);
    free(lock);
    return rc;
}

int aws_import(const char *dir, const char *region, char *const *files, size_t nfiles, const char *only_kind,
               const char *today, FILE *out, char *err, size_t errsize)
{
    input *ins = xcalloc(nfiles ? nfiles : 1, sizeof *ins);
    int rc = 0;
    size_t nin = 0;
    for (; nin < nfiles && !rc; nin++)
        rc = read_input(files[nin], only_kind, region, &ins[nin], err, errsize);
    for (size_t k = 0; k < NKINDS && !rc; k++) {
        bool used = false;
        for (size_t i = 0; i < nin; i++)
            used |= ins[i].k == &kinds[k];
        if (used)
            rc = import_kind(&kinds[k], dir, region, ins, nin, today, out, err, errsize);
    }
    for (size_t i = 0; i < nin; i++) {
        rows_free(&ins[i].facts);
        free(ins[i].keys);
    }
    free(ins);
    return rc;
}

/* --- spec info ---------------------------------------------------------- */

static long day_number(const char *d)
{
    int y, m, dd;
    char tail;
    if (!d || sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
        return -1;
    /* days since 1970-01-01 (civil calendar) */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long aws_days_between(const char *a, const char *b)
{
    long x = day_number(a), y = day_number(b);
    return x < 0 || y < 0 ? 0 : y - x;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

long aws_facts_oldest(const char *dir, char *const *regions, size_t nregions, const char *today, char oldest[11])
{
    long worst = -1;
    oldest[0] = '\0';
    for (size_t k = 0; k < NKINDS; k++)
        for (size_t r = 0; r < nregions; r++) {
            char *path = xasprintf("%s/%s/%s.json", dir, kinds[k].name, regions[r]);
            stored s;
            char err[512];
            if (load_stored(&kinds[k], path, &s, err, sizeof err) == 0) {
                for (size_t a = 0; a < s.nfrom; a++) {
                    long age = aws_days_between(s.from[a].date, today);
                    if (age > worst && strlen(s.from[a].date) == 10) {
                        worst = age;
                        memcpy(oldest, s.from[a].date, 11);
                    }
                }
                stored_free(&s);
            }
            free(path);
        }
    return worst;
}

void aws_facts_info(const char *dir, const char *today, FILE *out)
{
    static const char *const labels[] = {"RDS and DocumentDB/Neptune engine versions", "RDS orderable instance classes",
                                         "ElastiCache engine versions", "EC2 instance types"};
    bool any = false;
    for (size_t k = 0; k < NKINDS; k++) {
        char *sub = xasprintf("%s/%s", dir, kinds[k].name);
        DIR *d = opendir(sub);
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while (d && (e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") || strstr(e->d_name, ".tmp."))
                continue;
            GROW(names, cap, n + 1);
            names[n++] = xstrndup(e->d_name, len - 5);
        }
        if (d)
            closedir(d);
        if (n > 1)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char *path = xasprintf("%s/%s.json", sub, names[i]);
            stored s;
            char err[512];
            if (!any)
                fprintf(out, "facts:     imported per region (%s):\n", dir);
            any = true;
            if (load_stored(&kinds[k], path, &s, err, sizeof err) < 0) {
                fprintf(out, "  %-15s %s: unusable (%s)\n", names[i], labels[k], err);
            } else {
                fprintf(out, "  %-15s %s:\n", names[i], labels[k]);
                /* one line per file and date, naming the engines it gave */
                bool *done = xcalloc(s.nfrom ? s.nfrom : 1, sizeof *done);
                for (size_t a = 0; a < s.nfrom; a++) {
                    if (done[a])
                        continue;
                    cf_buf keys = {0};
                    for (size_t b = a; b < s.nfrom; b++)
                        if (!done[b] && !strcmp(s.from[a].file, s.from[b].file) &&
                            !strcmp(s.from[a].date, s.from[b].date)) {
                            done[b] = true;
                            buf_printf(&keys, "%s%s", keys.len ? ", " : "", s.from[b].key);
                        }
                    long age = aws_days_between(s.from[a].date, today);
                    fprintf(out, "    %s: from %s, %s (%ld day%s old)%s\n", keys.data, s.from[a].file, s.from[a].date,
                            age, age == 1 ? "" : "s", age > 90 ? "; older than 90 days: import it again" : "");
                    buf_free(&keys);
                }
                free(done);
                stored_free(&s);
            }
            free(path);
            free(names[i]);
        }
        free(names);
        free(sub);
    }
    if (!any)
        fprintf(out, "facts:     none imported (%s)\n", dir);
}
