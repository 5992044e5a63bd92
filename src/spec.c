#include "spec.h"
#include "bjson.h"
#include "spec_format.h"
#include "strmap.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CFNFIX_PKGDATADIR
#define CFNFIX_PKGDATADIR "/usr/local/share/cfnfix"
#endif

typedef struct spec_file {
    char *path;
    strmap region_ids; /* region name -> 1 + index, filled on first use */
    strmap type_ids;   /* type name -> 1 + index, for the types found so far */
    const unsigned char *map;
    size_t size;
    bj_reader r;
    const unsigned char *entries, *types, *regions, *table, *schemas;
    uint32_t nentries, ntypes, nregions, nschemas;
    cf_node **schema_cache;
} spec_file;

typedef struct region_overlay {
    char *region;
    spec_file *types; /* regions/<R>.cfx, or NULL */
    cf_doc *rds;      /* rds/<R>.json, or NULL */
    /* other facts imported with spec import-aws (aws_import.h), read when
     * first asked for: <kind>/<R>.json */
    cf_doc *facts[3];
    bool facts_read[3];
} region_overlay;

static const char *const fact_kinds[3] = {"orderable", "elasticache", "ec2"};

/* A value some thread is decoding: others wait for it (claim_decoding). */
typedef struct decoding {
    const spec_file *f;
    uint32_t off;
} decoding;

/* One cf_spec serves every worker thread of a run: what it decodes or
 * looks up on first use (schemas, entries, type and region places,
 * overlays) is made under `lock` and is read-only once made, so each
 * schema is decoded once per run, not once per thread.  The memo is the
 * exception: its user (the validator's compiled schemas) is hit on every
 * schema visit, so each thread has its own, without a lock. */
struct cf_spec {
    pthread_mutex_t lock;  /* recursive: public queries call each other */
    pthread_key_t memo_key;
    spec_file base;
    char *overlay_dir;
    region_overlay **ov;   /* each allocated alone: threads keep pointers to them */
    size_t nov, ov_cap;
    strmap entries;        /* name -> decoded node */
    char **entry_names;    /* keys of the map */
    size_t nentry_names, entry_names_cap;
    char *error;
    pthread_key_t arena_key; /* each thread's decoding arena (below) */
    cf_arena **arenas;
    size_t narenas, arenas_cap;
    /* the values being decoded now, under decode_lock; `decoded` is
     * signalled when one is done */
    pthread_mutex_t decode_lock;
    pthread_cond_t decoded;
    decoding *busy;
    size_t nbusy, busy_cap;
};

typedef struct thread_memo {
    void *memo;
    void (*destroy)(void *);
} thread_memo;

static void thread_memo_free(void *p)
{
    thread_memo *m = p;
    if (m && m->destroy)
        m->destroy(m->memo);
    free(m);
}

#define LOCK(s) pthread_mutex_lock((pthread_mutex_t *)&(s)->lock)
#define UNLOCK(s) pthread_mutex_unlock((pthread_mutex_t *)&(s)->lock)

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}
static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static void set_error(cf_spec *s, const char *fmt, const char *a, const char *b)
{
    LOCK(s);
    if (!s->error)
        s->error = xasprintf(fmt, a, b);
    UNLOCK(s);
}

static void file_close(spec_file *f)
{
    if (f->map)
        munmap((void *)f->map, f->size);
    free(f->schema_cache);
    free(f->path);
    strmap_free(&f->region_ids);
    strmap_free(&f->type_ids);
    memset(f, 0, sizeof *f);
}

static int file_fail(spec_file *f, char *err, size_t errsize, const char *why)
{
    snprintf(err, errsize, "spec data '%s' is unusable: %s (rebuild it with 'cfnfix spec build', or reinstall)", f->path, why);
    file_close(f);
    return -1;
}

static int file_open(spec_file *f, const char *path, char *err, size_t errsize)
{
    memset(f, 0, sizeof *f);
    char *real = realpath(path, NULL);
    f->path = real ? real : xstrdup(path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errsize, "cannot open spec data '%s': %s", path, strerror(errno));
        file_close(f);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return file_fail(f, err, errsize, "not a regular file");
    }
    f->size = (size_t)st.st_size;
    if (f->size < sizeof(spec_header)) {
        close(fd);
        return file_fail(f, err, errsize, "truncated (shorter than its header)");
    }
    void *map = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, errsize, "cannot map spec data '%s': %s", path, strerror(errno));
        file_close(f);
        return -1;
    }
    f->map = map;
    const unsigned char *m = f->map;
    if (memcmp(m, SPEC_MAGIC, 8) != 0)
        return file_fail(f, err, errsize, "not a cfnfix spec data file");
    if (rd32(m + 8) != SPEC_VERSION)
        return file_fail(f, err, errsize, "written by another version of cfnfix");
    uint32_t nsec = rd32(m + 12);
    uint64_t want = rd64(m + 16);
    if (want != f->size) {
        char why[96];
        snprintf(why, sizeof why, "truncated or extended (%zu bytes, expected %llu)", f->size, (unsigned long long)want);
        return file_fail(f, err, errsize, why);
    }
    size_t header = sizeof(spec_header) + (size_t)nsec * sizeof(spec_section_entry);
    if (nsec != SEC_COUNT || header > f->size)
        return file_fail(f, err, errsize, "bad section table");
    unsigned char *copy = xmalloc(header);
    memcpy(copy, m, header);
    memset(copy + 24, 0, 8);
    uint64_t sum = spec_checksum(copy, header, SPEC_CHECKSUM_SEED);
    free(copy);
    if (sum != rd64(m + 24))
        return file_fail(f, err, errsize, "header checksum mismatch (corrupted)");
    const unsigned char *sec[SEC_COUNT];
    uint64_t len[SEC_COUNT];
    for (uint32_t i = 0; i < nsec; i++) {
        const unsigned char *e = m + sizeof(spec_header) + i * sizeof(spec_section_entry);
        uint64_t off = rd64(e + 8), size = rd64(e + 16);
        if (off > f->size || size > f->size - off)
            return file_fail(f, err, errsize, "a section lies outside the file");
        sec[i] = m + off;
        len[i] = size;
    }
    f->r = (bj_reader){sec[SEC_STRINGS], len[SEC_STRINGS], sec[SEC_VALUES], len[SEC_VALUES]};
    if (len[SEC_ENTRIES] < 4 || len[SEC_TYPES] < 4 || len[SEC_REGIONS] < 4 || len[SEC_SCHEMAS] < 4)
        return file_fail(f, err, errsize, "an index section is empty");
    f->nentries = rd32(sec[SEC_ENTRIES]);
    f->entries = sec[SEC_ENTRIES] + 4;
    f->ntypes = rd32(sec[SEC_TYPES]);
    f->types = sec[SEC_TYPES] + 4;
    f->nregions = rd32(sec[SEC_REGIONS]);
    f->regions = sec[SEC_REGIONS] + 4;
    f->table = f->regions + (size_t)f->nregions * 4;
    f->nschemas = rd32(sec[SEC_SCHEMAS]);
    f->schemas = sec[SEC_SCHEMAS] + 4;
    if ((uint64_t)f->nentries * 8 + 4 != len[SEC_ENTRIES] || (uint64_t)f->ntypes * 4 + 4 != len[SEC_TYPES] ||
        (uint64_t)f->nregions * 4 + (uint64_t)f->nregions * f->ntypes * 2 + 4 != len[SEC_REGIONS] ||
        (uint64_t)f->nschemas * 4 + 4 != len[SEC_SCHEMAS])
        return file_fail(f, err, errsize, "index sizes do not match their counts");
    /* The region table's entries are checked as they are read (variant):
     * a scan of the whole table here would cost every run the size of AWS. */
    f->schema_cache = xcalloc(f->nschemas ? f->nschemas : 1, sizeof *f->schema_cache);
    return 0;
}

static const char *str_at(const spec_file *f, uint32_t ref)
{
    size_t len;
    return bj_string(&f->r, ref, &len);
}

/* A type's place in the sorted list of types, -1 when absent (-2: the
 * file is damaged).  Every rule family asks again for each resource, in
 * each region: the places found are remembered, keyed by the file's own
 * copy of the name (templates come and go, the mapped file stays). */
static long type_index(const spec_file *f, const char *type)
{
    strmap *ids = (strmap *)&f->type_ids;
    size_t len = strlen(type);
    uintptr_t known = (uintptr_t)strmap_get(ids, type, len);
    if (known)
        return (long)known - 1;
    size_t lo = 0, hi = f->ntypes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *name = str_at(f, rd32(f->types + mid * 4));
        if (!name)
            return -2;
        int c = strcmp(name, type);
        if (!c) {
            strmap_put(ids, name, len, (void *)(uintptr_t)(mid + 1));
            return (long)mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static long region_index(const spec_file *f, const char *region)
{
    /* names point into the mapped file, so the map borrows them */
    strmap *ids = (strmap *)&f->region_ids;
    if (!ids->count)
        for (uint32_t i = 0; i < f->nregions; i++) {
            const char *name = str_at(f, rd32(f->regions + 4 * (size_t)i));
            if (name)
                strmap_put(ids, name, strlen(name), (void *)(uintptr_t)(i + 1));
        }
    uintptr_t v = (uintptr_t)strmap_get(ids, region, strlen(region));
    return v ? (long)v - 1 : -1;
}

/* The schema (1-based; 0: none) a type has in a region.  An entry past
 * the list of schemas means the file is corrupted: say so, and read none. */
static unsigned variant(cf_spec *s, const spec_file *f, long ti, long ri)
{
    if (ti < 0 || ri < 0)
        return 0;
    unsigned v = rd16(f->table + 2 * ((size_t)ri * f->ntypes + (size_t)ti));
    if (v > f->nschemas) {
        set_error(s, "spec data '%s' is unusable: %s (rebuild it with 'cfnfix spec build', or reinstall)", f->path,
                  "region table names a schema that does not exist");
        return 0;
    }
    return v;
}

/* Where this thread decodes spec values.  Decoding is the slow part of a
 * query, so it runs outside the lock, into the thread's own arena (owned
 * by the spec, as other threads keep reading what was decoded).  One
 * thread decodes a given value; the others wait for it (claim_decoding). */
static cf_arena *thread_arena(cf_spec *s)
{
    cf_arena *a = pthread_getspecific(s->arena_key);
    if (!a) {
        a = xmalloc(sizeof *a);
        arena_init_prefaulted(a);
        LOCK(s);
        GROW(s->arenas, s->arenas_cap, s->narenas + 1);
        s->arenas[s->narenas++] = a;
        UNLOCK(s);
        pthread_setspecific(s->arena_key, a);
    }
    return a;
}

/* Decode the value at `off` of f once, whichever threads ask.  Workers
 * start together and their first templates want the same large schemas
 * (IAM policies, RDS instance classes: megabytes of nodes): each decoded
 * its own copy and threw one away.  The first to ask now claims the value
 * and decodes it; the others wait for it rather than repeat the work.
 * Returns false when another thread had it: it is done (or failed), and
 * the caller looks in its cache again. */
static bool claim_decoding(cf_spec *s, const spec_file *f, uint32_t off)
{
    pthread_mutex_lock(&s->decode_lock);
    bool waited = false;
    for (size_t i = 0; i < s->nbusy;)
        if (s->busy[i].f == f && s->busy[i].off == off) {
            pthread_cond_wait(&s->decoded, &s->decode_lock);
            waited = true;
            i = 0; /* the list changed */
        } else {
            i++;
        }
    if (!waited) {
        GROW(s->busy, s->busy_cap, s->nbusy + 1);
        s->busy[s->nbusy++] = (decoding){f, off};
    }
    pthread_mutex_unlock(&s->decode_lock);
    return !waited;
}

static void release_decoding(cf_spec *s, const spec_file *f, uint32_t off)
{
    pthread_mutex_lock(&s->decode_lock);
    for (size_t i = 0; i < s->nbusy; i++)
        if (s->busy[i].f == f && s->busy[i].off == off) {
            s->busy[i] = s->busy[--s->nbusy];
            break;
        }
    pthread_cond_broadcast(&s->decoded);
    pthread_mutex_unlock(&s->decode_lock);
}

static const cf_node *decode_schema(cf_spec *s, spec_file *f, unsigned v)
{
    if (!v || v > f->nschemas)
        return NULL;
    uint32_t off = rd32(f->schemas + 4 * (size_t)(v - 1));
    cf_node *n;
    do {
        LOCK(s);
        n = f->schema_cache[v - 1];
        UNLOCK(s);
        if (n)
            return n;
    } while (!claim_decoding(s, f, off));
    LOCK(s);
    n = f->schema_cache[v - 1];
    UNLOCK(s);
    if (n) { /* published between the look and the claim */
        release_decoding(s, f, off);
        return n;
    }
    char err[160];
    n = bj_decode(&f->r, off, thread_arena(s), err, sizeof err);
    if (!n) {
        release_decoding(s, f, off);
        set_error(s, "spec data '%s' is corrupted: %s", f->path, err);
        return NULL;
    }
    LOCK(s);
    f->schema_cache[v - 1] = n;
    UNLOCK(s);
    release_decoding(s, f, off);
    return n;
}

/* --- finding and opening ------------------------------------------------ */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *cf_spec_overlay_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/cfnfix", xdg);
    const char *home = getenv("HOME");
    return xasprintf("%s/.local/share/cfnfix", home && home[0] ? home : ".");
}

cf_spec *cf_spec_open_path(const char *path, char *err, size_t errsize)
{
    cf_spec *s = xcalloc(1, sizeof *s);
    if (file_open(&s->base, path, err, errsize) < 0) {
        free(s);
        return NULL;
    }
    strmap_init(&s->entries);
    s->overlay_dir = cf_spec_overlay_dir();
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&s->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_key_create(&s->memo_key, thread_memo_free);
    pthread_key_create(&s->arena_key, NULL);
    pthread_mutex_init(&s->decode_lock, NULL);
    pthread_cond_init(&s->decoded, NULL);
    return s;
}

cf_spec *cf_spec_open(char *err, size_t errsize)
{
    err[0] = '\0';
    const char *env = getenv("CFNFIX_DATA");
    if (env && env[0]) {
        struct stat st;
        char *path = stat(env, &st) == 0 && S_ISDIR(st.st_mode) ? xasprintf("%s/spec.cfx", env) : xstrdup(env);
        cf_spec *s = cf_spec_open_path(path, err, errsize);
        free(path);
        return s;
    }
    char *candidates[3] = {NULL, NULL, NULL};
    size_t n = 0;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* a build tree (src/cfnfix) or an install (bin/cfnfix) */
            candidates[n++] = xasprintf("%s/../share/cfnfix/spec.cfx", exe);
#ifdef CFNFIX_SRCDIR
            /* a build tree outside the source tree */
            if (!strcmp(exe, CFNFIX_BUILDDIR "/src"))
                candidates[n++] = xstrdup(CFNFIX_SRCDIR "/share/cfnfix/spec.cfx");
#endif
        }
    }
    candidates[n++] = xstrdup(CFNFIX_PKGDATADIR "/spec.cfx");
    cf_spec *s = NULL;
    for (size_t i = 0; i < n && !s; i++)
        if (exists(candidates[i]))
            s = cf_spec_open_path(candidates[i], err, errsize);
    if (!s && !err[0]) {
        cf_buf b = {0};
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", candidates[i]);
        snprintf(err, errsize, "spec data not found (looked for %s; set CFNFIX_DATA to its path)", b.data);
        buf_free(&b);
    }
    for (size_t i = 0; i < n; i++)
        free(candidates[i]);
    return s;
}

static void overlay_free(region_overlay *o)
{
    if (o->types) {
        file_close(o->types);
        free(o->types);
    }
    cf_doc_free(o->rds);
    for (size_t k = 0; k < 3; k++)
        cf_doc_free(o->facts[k]);
    free(o->region);
}

void cf_spec_close(cf_spec *s)
{
    if (!s)
        return;
    /* the other threads' memos went with their threads */
    thread_memo_free(pthread_getspecific(s->memo_key));
    pthread_setspecific(s->memo_key, NULL);
    pthread_key_delete(s->memo_key);
    pthread_key_delete(s->arena_key);
    for (size_t i = 0; i < s->narenas; i++) {
        arena_free(s->arenas[i]);
        free(s->arenas[i]);
    }
    free(s->arenas);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->decode_lock);
    pthread_cond_destroy(&s->decoded);
    free(s->busy);
    file_close(&s->base);
    for (size_t i = 0; i < s->nov; i++) {
        overlay_free(s->ov[i]);
        free(s->ov[i]);
    }
    free(s->ov);
    for (size_t i = 0; i < s->nentry_names; i++)
        free(s->entry_names[i]);
    free(s->entry_names);
    strmap_free(&s->entries);
    free(s->overlay_dir);
    free(s->error);
    free(s);
}

const char *cf_spec_path(const cf_spec *s) { return s->base.path; }

void *cf_spec_memo(cf_spec *s, void *(*create)(void), void (*destroy)(void *))
{
    thread_memo *m = pthread_getspecific(s->memo_key);
    if (!m) {
        m = xmalloc(sizeof *m);
        m->memo = create();
        m->destroy = destroy;
        pthread_setspecific(s->memo_key, m);
    }
    return m->memo;
}

const char *cf_spec_error(const cf_spec *s)
{
    LOCK(s);
    const char *e = s->error;
    UNLOCK(s);
    return e;
}

/* The overlays of a region, looked for once. */
static region_overlay *overlay(cf_spec *s, const char *region)
{
    for (size_t i = 0; i < s->nov; i++)
        if (!strcmp(s->ov[i]->region, region))
            return s->ov[i];
    GROW(s->ov, s->ov_cap, s->nov + 1);
    region_overlay *o = s->ov[s->nov++] = xmalloc(sizeof *o);
    memset(o, 0, sizeof *o);
    o->region = xstrdup(region);
    char *path = xasprintf("%s/regions/%s.cfx", s->overlay_dir, region);
    if (exists(path)) {
        char err[512];
        o->types = xcalloc(1, sizeof *o->types);
        if (file_open(o->types, path, err, sizeof err) < 0) {
            free(o->types);
            o->types = NULL;
            set_error(s, "%s%s", err, "");
        }
    }
    free(path);
    path = xasprintf("%s/rds/%s.json", s->overlay_dir, region);
    if (exists(path)) {
        cf_read_error rerr;
        o->rds = cf_doc_load_file(path, &rerr);
        const cf_node *engines = o->rds && !o->rds->failed ? cf_map_get(o->rds->root, "engines") : NULL;
        if (!o->rds) {
            set_error(s, "%s%s", rerr.message, "");
        } else if (!engines || engines->kind != CF_MAPPING) {
            set_error(s, "RDS overlay '%s' is unusable%s; import it again with 'cfnfix spec import-rds'",
                      path, " (not the JSON cfnfix wrote)");
            cf_doc_free(o->rds);
            o->rds = NULL;
        }
    }
    free(path);
    return o;
}

/* --- queries ------------------------------------------------------------ */

size_t cf_spec_region_count(const cf_spec *s) { return s->base.nregions; }

const char *cf_spec_region_name(const cf_spec *s, size_t i)
{
    const char *name = i < s->base.nregions ? str_at(&s->base, rd32(s->base.regions + 4 * i)) : NULL;
    return name ? name : "?";
}

static bool spec_region_known_unlocked(const cf_spec *s, const char *region)
{
    return region_index(&s->base, region) >= 0;
}

size_t cf_spec_type_count(const cf_spec *s) { return s->base.ntypes; }

const char *cf_spec_type_name(const cf_spec *s, size_t i)
{
    const char *name = i < s->base.ntypes ? str_at(&s->base, rd32(s->base.types + 4 * i)) : NULL;
    return name ? name : "?";
}

static bool spec_type_known_unlocked(const cf_spec *s, const char *type)
{
    return type_index(&s->base, type) >= 0;
}

static bool spec_type_in_region_unlocked(cf_spec *s, const char *type, const char *region)
{
    region_overlay *o = overlay(s, region);
    const spec_file *f = o->types ? o->types : &s->base;
    long ri = o->types ? 0 : region_index(f, region);
    return variant(s, f, type_index(f, type), ri) != 0;
}

const cf_node *cf_spec_schema(cf_spec *s, const char *type, const char *region)
{
    LOCK(s);
    region_overlay *o = overlay(s, region);
    spec_file *f = o->types ? o->types : &s->base;
    long ri = o->types ? 0 : region_index(f, region);
    unsigned v = variant(s, f, type_index(f, type), ri);
    UNLOCK(s);
    return decode_schema(s, f, v);
}

static const cf_node *cached_entry(cf_spec *s, const char *name)
{
    LOCK(s);
    const cf_node *cached = strmap_get(&s->entries, name, strlen(name));
    UNLOCK(s);
    return cached;
}

const cf_node *cf_spec_entry(cf_spec *s, const char *name)
{
    const cf_node *cached = cached_entry(s, name);
    if (cached)
        return cached;
    const spec_file *f = &s->base;
    size_t lo = 0, hi = f->nentries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unsigned char *e = f->entries + mid * 8;
        const char *key = str_at(f, rd32(e));
        if (!key) {
            set_error(s, "spec data '%s' is corrupted: %s", f->path, "bad entry name");
            return NULL;
        }
        int c = strcmp(key, name);
        if (!c) {
            uint32_t off = rd32(e + 4);
            while (!claim_decoding(s, f, off))
                if ((cached = cached_entry(s, name)))
                    return cached;
            /* it may have been published between the look and the claim */
            if ((cached = cached_entry(s, name))) {
                release_decoding(s, f, off);
                return cached;
            }
            char err[160];
            cf_node *n = bj_decode(&f->r, off, thread_arena(s), err, sizeof err);
            if (!n) {
                release_decoding(s, f, off);
                set_error(s, "spec data '%s' is corrupted: %s", f->path, err);
                return NULL;
            }
            LOCK(s);
            GROW(s->entry_names, s->entry_names_cap, s->nentry_names + 1);
            char *copy = xstrdup(name);
            s->entry_names[s->nentry_names++] = copy;
            strmap_put(&s->entries, copy, strlen(copy), n);
            UNLOCK(s);
            release_decoding(s, f, off);
            return n;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const cf_node *rds_table(cf_spec *s, const char *type)
{
    char *name = xasprintf("rds/%s", type);
    const cf_node *table = cf_spec_entry(s, name);
    free(name);
    return table;
}

const cf_node *cf_spec_rds_versions(cf_spec *s, const char *type, const char *engine,
                                    const char *region, bool *from_overlay)
{
    *from_overlay = false;
    LOCK(s);
    region_overlay *o = overlay(s, region);
    UNLOCK(s);
    if (o->rds) {
        const cf_node *v = cf_map_get(cf_map_get(o->rds->root, "engines"), engine);
        if (v && v->kind == CF_MAPPING) {
            *from_overlay = true;
            return v;
        }
    }
    const cf_node *v = cf_map_get(cf_map_get(rds_table(s, type), "versions"), engine);
    return v && v->kind == CF_MAPPING ? v : NULL;
}

static const cf_node *spec_facts_unlocked(cf_spec *s, const char *kind, const char *region)
{
    if (!strcmp(kind, "rds")) { /* read with the engine versions' overlay */
        region_overlay *o = overlay(s, region);
        return o->rds ? o->rds->root : NULL;
    }
    size_t k = 0;
    while (k < 3 && strcmp(fact_kinds[k], kind))
        k++;
    if (k == 3)
        return NULL;
    region_overlay *o = overlay(s, region);
    if (!o->facts_read[k]) {
        o->facts_read[k] = true;
        char *path = xasprintf("%s/%s/%s.json", s->overlay_dir, kind, region);
        if (exists(path)) {
            cf_read_error rerr;
            o->facts[k] = cf_doc_load_file(path, &rerr);
            const cf_node *data = o->facts[k] && !o->facts[k]->failed ? cf_map_get(o->facts[k]->root, "data") : NULL;
            if (!o->facts[k]) {
                set_error(s, "%s%s", rerr.message, "");
            } else if (!data || data->kind != CF_MAPPING) {
                set_error(s, "imported facts '%s' are unusable%s; import them again with 'cfnfix spec import-aws'",
                          path, " (not the JSON cfnfix wrote)");
                cf_doc_free(o->facts[k]);
                o->facts[k] = NULL;
            }
        }
        free(path);
    }
    return o->facts[k] ? o->facts[k]->root : NULL;
}

/* read once, under the lock; the documents are read-only afterwards */
const cf_node *cf_spec_facts(cf_spec *s, const char *kind, const char *region)
{
    LOCK(s);
    const cf_node *r = spec_facts_unlocked(s, kind, region);
    UNLOCK(s);
    return r;
}

const cf_node *cf_spec_rds_engines(cf_spec *s, const char *type)
{
    const cf_node *e = cf_map_get(rds_table(s, type), "engines");
    return e && e->kind == CF_SEQUENCE ? e : NULL;
}

/* --- the queries, one thread at a time -------------------------------- */

bool cf_spec_region_known(const cf_spec *s, const char *region)
{
    LOCK(s);
    bool r = spec_region_known_unlocked(s, region);
    UNLOCK(s);
    return r;
}

bool cf_spec_type_known(const cf_spec *s, const char *type)
{
    LOCK(s);
    bool r = spec_type_known_unlocked(s, type);
    UNLOCK(s);
    return r;
}

bool cf_spec_type_in_region(cf_spec *s, const char *type, const char *region)
{
    LOCK(s);
    bool r = spec_type_in_region_unlocked(s, type, region);
    UNLOCK(s);
    return r;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t cf_spec_overlays(const cf_spec *s, char ***paths)
{
    size_t n = 0, cap = 0;
    *paths = NULL;
    static const char *const kinds[] = {"regions", "rds"};
    for (int k = 0; k < 2; k++) {
        char *dir = xasprintf("%s/%s", s->overlay_dir, kinds[k]);
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.' || strstr(e->d_name, ".tmp."))
                continue;
            GROW(*paths, cap, n + 1);
            (*paths)[n++] = xasprintf("%s/%s", dir, e->d_name);
        }
        if (d)
            closedir(d);
        free(dir);
    }
    if (n > 1)
        qsort(*paths, n, sizeof **paths, cmp_path);
    return n;
}
