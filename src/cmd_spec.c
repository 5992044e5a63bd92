/* cfnfix spec: build, inspect and refresh the spec data. */
#include "atomicfile.h"
#include "cli.h"
#include "doc.h"
#include "json_write.h"
#include "spec.h"
#include "spec_build.h"
#include "util.h"
#include "version.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *out)
{
    fputs("Usage: cfnfix spec COMMAND ...\n"
          "Build, inspect and refresh the facts cfnfix checks templates against.\n"
          "\n"
          "  spec info                          the data in use: snapshot, counts, overlays\n"
          "  spec show TYPE [--region R]        a resource type's regions and schema (JSON)\n"
          "  spec rds ENGINE [--cluster] [--region R]\n"
          "                                     RDS engine versions and their status\n"
          "  spec runtime NAME                  a Lambda runtime's lifecycle\n"
          "  spec import --region R DIR         make DIR's resource schemas (the files AWS\n"
          "                                     publishes per region) that region's truth\n"
          "  spec import-rds --region R FILE... make 'aws rds describe-db-engine-versions'\n"
          "                                     output that region's engine versions ('-': stdin)\n"
          "  spec build SRC OUT [--snapshot-date D] [--source TEXT]\n"
          "                                     generate spec data from a schemas folder\n"
          "\n"
          "Imported files are stored under $XDG_DATA_HOME/cfnfix (default\n"
          "~/.local/share/cfnfix) and are used for their region from then on.\n",
          out);
}

static cf_spec *open_spec(void)
{
    char err[1024] = "";
    cf_spec *s = cf_spec_open(err, sizeof err);
    if (!s)
        cli_error("%s", err);
    return s;
}

/* Options shared by the subcommands: --region, --cluster, --snapshot-date,
 * --source; the rest are positional. */
typedef struct spec_args {
    const char *region, *snapshot, *source;
    int cluster;
    char **pos;
    int npos;
} spec_args;

static int parse_args(int argc, char **argv, spec_args *a)
{
    enum { O_REGION = 256, O_CLUSTER, O_SNAPSHOT, O_SOURCE };
    static const struct option longopts[] = {
        {"region", required_argument, NULL, O_REGION},
        {"cluster", no_argument, NULL, O_CLUSTER},
        {"snapshot-date", required_argument, NULL, O_SNAPSHOT},
        {"source", required_argument, NULL, O_SOURCE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_REGION: a->region = optarg; break;
        case O_CLUSTER: a->cluster = 1; break;
        case O_SNAPSHOT: a->snapshot = optarg; break;
        case O_SOURCE: a->source = optarg; break;
        case 'h': usage(stdout); return 1;
        default:
            cli_error("spec %s: option '%s' is not known or needs a value", argv[0], argv[optind - 1]);
            return -1;
        }
    }
    a->pos = argv + optind;
    a->npos = argc - optind;
    return 0;
}

/* AWS region names: lower-case letters, digits and dashes. */
static int valid_region(const char *r)
{
    if (!r || !*r || strlen(r) > 32)
        return 0;
    for (const char *p = r; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            return 0;
    return 1;
}

static const char *meta_str(const cf_node *meta, const char *key)
{
    const cf_node *v = cf_map_get(meta, key);
    return v && v->kind == CF_SCALAR ? v->u.str : "?";
}

static int spec_info(cf_spec *s)
{
    const cf_node *meta = cf_spec_entry(s, "meta");
    struct stat st;
    stat(cf_spec_path(s), &st);
    printf("data:      %s (%.1f MB)\n", cf_spec_path(s), (double)st.st_size / 1e6);
    printf("snapshot:  %s (%s)\n", meta_str(meta, "snapshot"), meta_str(meta, "source"));
    printf("types:     %zu resource types in %zu regions (%s schemas)\n", cf_spec_type_count(s),
           cf_spec_region_count(s), meta_str(meta, "schemas"));
    static const char *const rds[] = {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"};
    for (int i = 0; i < 2; i++) {
        char *name = xasprintf("rds/%s", rds[i]);
        const cf_node *t = cf_map_get(cf_spec_entry(s, name), "versions");
        const cf_node *engines = cf_spec_rds_engines(s, rds[i]);
        size_t versions = 0;
        for (uint32_t e = 0; t && e < t->len; e++)
            versions += t->u.pairs[e].value->len;
        printf("rds:       %s: %u engines, versions of %u of them (%zu)\n", rds[i], engines ? engines->len : 0,
               t ? t->len : 0, versions);
        free(name);
    }
    const cf_node *lambda = cf_spec_entry(s, "lifecycle/LmbdRuntimeLifecycle");
    printf("lambda:    %u runtimes with lifecycle dates\n", lambda ? lambda->len : 0);
    char **paths;
    size_t n = cf_spec_overlays(s, &paths);
    char *dir = cf_spec_overlay_dir();
    if (!n)
        printf("overlays:  none (%s)\n", dir);
    for (size_t i = 0; i < n; i++) {
        printf("%s%s\n", i ? "           " : "overlays:  ", paths[i]);
        free(paths[i]);
    }
    free(paths);
    free(dir);
    return 0;
}

static int spec_show(cf_spec *s, spec_args *a)
{
    if (a->npos != 1) {
        cli_error("spec show: give one resource type (AWS::S3::Bucket)");
        return CF_EXIT_USAGE;
    }
    const char *type = a->pos[0];
    if (!cf_spec_type_known(s, type)) {
        cli_error("spec show: '%s' is not a resource type the data knows", type);
        return CF_EXIT_USAGE;
    }
    const char *region = a->region;
    size_t in = 0;
    cf_buf regions = {0};
    for (size_t i = 0; i < cf_spec_region_count(s); i++) {
        const char *r = cf_spec_region_name(s, i);
        if (cf_spec_type_in_region(s, type, r)) {
            buf_printf(&regions, "%s%s", in++ ? " " : "", r);
            if (!region)
                region = r;
        }
    }
    printf("%s exists in %zu of %zu regions: %s\n", type, in, cf_spec_region_count(s), regions.data ? regions.data : "");
    buf_free(&regions);
    const cf_node *schema = region ? cf_spec_schema(s, type, region) : NULL;
    if (!schema) {
        printf("(not in %s)\n", region ? region : "any region");
        return cf_spec_error(s) ? CF_EXIT_USAGE : 0;
    }
    printf("schema in %s:\n", region);
    cf_buf b = {0};
    cf_json_write(&b, schema, 2);
    puts(b.data);
    buf_free(&b);
    return 0;
}

typedef struct version_row {
    const char *version, *status;
} version_row;

static int cmp_row(const void *x, const void *y)
{
    return cf_version_cmp(((const version_row *)x)->version, ((const version_row *)y)->version);
}

static int spec_rds(cf_spec *s, spec_args *a)
{
    if (a->npos != 1) {
        cli_error("spec rds: give one engine (postgres, mysql, aurora-postgresql...)");
        return CF_EXIT_USAGE;
    }
    const char *type = a->cluster ? "AWS::RDS::DBCluster" : "AWS::RDS::DBInstance";
    const char *region = a->region ? a->region : "us-east-1";
    bool overlay;
    const cf_node *v = cf_spec_rds_versions(s, type, a->pos[0], region, &overlay);
    if (!v) {
        cli_error("spec rds: no versions of engine '%s' for %s", a->pos[0], type);
        return CF_EXIT_USAGE;
    }
    version_row *rows = xcalloc(v->len ? v->len : 1, sizeof *rows);
    for (uint32_t i = 0; i < v->len; i++)
        rows[i] = (version_row){v->u.pairs[i].key->u.str, v->u.pairs[i].value->u.str};
    qsort(rows, v->len, sizeof *rows, cmp_row);
    printf("%s versions for %s in %s (%s):\n", a->pos[0], type, region, overlay ? "imported for this region" : "shipped data");
    for (uint32_t i = 0; i < v->len; i++)
        printf("  %-28s %s\n", rows[i].version, rows[i].status);
    free(rows);
    return 0;
}

static int spec_runtime(cf_spec *s, spec_args *a)
{
    if (a->npos != 1) {
        cli_error("spec runtime: give one runtime (python3.9, nodejs18.x...)");
        return CF_EXIT_USAGE;
    }
    const cf_node *r = cf_map_get(cf_spec_entry(s, "lifecycle/LmbdRuntimeLifecycle"), a->pos[0]);
    if (!r || r->kind != CF_MAPPING) {
        printf("%s: no lifecycle dates (a current runtime, or not a runtime)\n", a->pos[0]);
        return 0;
    }
    printf("%s:\n", a->pos[0]);
    static const char *const keys[] = {"deprecated", "create-block", "update-block", "successor"};
    for (int i = 0; i < 4; i++) {
        const cf_node *v = cf_map_get(r, keys[i]);
        printf("  %-13s %s\n", keys[i], v && v->kind == CF_SCALAR && v->type != CF_TYPE_NULL ? v->u.str : "-");
    }
    return 0;
}

static int spec_build_cmd(spec_args *a)
{
    if (a->npos != 2) {
        cli_error("spec build: give a schemas folder and an output file");
        return CF_EXIT_USAGE;
    }
    char err[1024];
    spec_build_opts o = {a->pos[0], a->pos[1], a->snapshot, a->source, NULL};
    if (spec_build(&o, err, sizeof err) < 0) {
        cli_error("spec build: %s", err);
        return CF_EXIT_USAGE;
    }
    printf("wrote %s: %zu types, %zu regions, %zu schemas, %zu entries, %zu bytes\n", a->pos[1],
           spec_last_build.types, spec_last_build.regions, spec_last_build.schemas,
           spec_last_build.entries, spec_last_build.bytes);
    return 0;
}

static int spec_import(spec_args *a)
{
    if (!valid_region(a->region) || a->npos != 1) {
        cli_error("spec import: give --region REGION and one folder of resource schemas");
        return CF_EXIT_USAGE;
    }
    char err[1024];
    char *dir = cf_spec_overlay_dir();
    char *sub = xasprintf("%s/regions", dir);
    char *out = xasprintf("%s/%s.cfx", sub, a->region);
    char *source = xasprintf("imported from %s", a->pos[0]);
    int rc = 0;
    spec_build_opts o = {a->pos[0], out, NULL, source, a->region};
    if (make_dirs(sub, err, sizeof err) < 0 || spec_build(&o, err, sizeof err) < 0) {
        cli_error("spec import: %s (nothing was changed)", err);
        rc = CF_EXIT_USAGE;
    } else {
        printf("imported %zu resource types for %s into %s\n", spec_last_build.types, a->region, out);
    }
    free(dir);
    free(sub);
    free(out);
    free(source);
    return rc;
}

/* `aws rds describe-db-engine-versions` output: {"DBEngineVersions": [{"Engine",
 * "EngineVersion", "Status"}, ...]}.  Listed and available: valid; listed
 * with another status: deprecated; not listed: does not exist. */
typedef struct rds_row {
    char *engine, *version, *status;
} rds_row;

static int cmp_rds(const void *x, const void *y)
{
    const rds_row *a = x, *b = y;
    int c = strcmp(a->engine, b->engine);
    return c ? c : cf_version_cmp(a->version, b->version);
}

static int read_rds_file(const char *path, rds_row **rows, size_t *n, size_t *cap)
{
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        cli_error("spec import-rds: %s", rerr.message);
        return -1;
    }
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    if (doc->failed) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        cli_error("spec import-rds: %s:%u:%u: not JSON: %s", name, p.line, p.col, doc->err_msg);
        cf_doc_free(doc);
        return -1;
    }
    const cf_node *list = cf_map_get(doc->root, "DBEngineVersions");
    if (!list || list->kind != CF_SEQUENCE) {
        cli_error("spec import-rds: %s: no \"DBEngineVersions\" list (expected the output of "
                  "'aws rds describe-db-engine-versions')", name);
        cf_doc_free(doc);
        return -1;
    }
    if (!list->len) {
        cli_error("spec import-rds: %s: \"DBEngineVersions\" is empty", name);
        cf_doc_free(doc);
        return -1;
    }
    for (uint32_t i = 0; i < list->len; i++) {
        const cf_node *e = list->u.items[i];
        const cf_node *engine = cf_map_get(e, "Engine"), *version = cf_map_get(e, "EngineVersion");
        const cf_node *status = cf_map_get(e, "Status");
        if (!engine || engine->kind != CF_SCALAR || !version || version->kind != CF_SCALAR) {
            cf_pos p = cf_doc_pos(doc, e->start);
            cli_error("spec import-rds: %s:%u:%u: entry %u has no Engine or EngineVersion", name, p.line, p.col, i);
            cf_doc_free(doc);
            return -1;
        }
        GROW(*rows, *cap, *n + 1);
        (*rows)[*n].engine = xstrdup(engine->u.str);
        (*rows)[*n].version = xstrdup(version->u.str);
        (*rows)[*n].status = xstrdup(status && status->kind == CF_SCALAR && strcmp(status->u.str, "available") != 0
                                         ? "deprecated" : "available");
        (*n)++;
    }
    cf_doc_free(doc);
    return 0;
}

static int spec_import_rds(spec_args *a)
{
    if (!valid_region(a->region) || a->npos < 1) {
        cli_error("spec import-rds: give --region REGION and one or more files ('-' for stdin)");
        return CF_EXIT_USAGE;
    }
    rds_row *rows = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (int i = 0; i < a->npos && rc == 0; i++)
        if (read_rds_file(a->pos[i], &rows, &n, &cap) < 0)
            rc = CF_EXIT_USAGE;
    if (rc == 0) {
        qsort(rows, n, sizeof *rows, cmp_rds);
        cf_buf j = {0};
        buf_adds(&j, "{\n  \"format\": 1,\n  \"region\": ");
        cf_json_string(&j, a->region, strlen(a->region));
        buf_adds(&j, ",\n  \"engines\": {");
        size_t engines = 0;
        for (size_t i = 0; i < n; i++) {
            bool first_of_engine = !i || strcmp(rows[i].engine, rows[i - 1].engine);
            if (!first_of_engine && !strcmp(rows[i].version, rows[i - 1].version))
                continue; /* listed twice: the first (available) wins */
            if (first_of_engine) {
                buf_adds(&j, engines++ ? "\n    },\n    " : "\n    ");
                cf_json_string(&j, rows[i].engine, strlen(rows[i].engine));
                buf_adds(&j, ": {");
            } else {
                buf_addc(&j, ',');
            }
            buf_adds(&j, "\n      ");
            cf_json_string(&j, rows[i].version, strlen(rows[i].version));
            buf_adds(&j, ": ");
            cf_json_string(&j, rows[i].status, strlen(rows[i].status));
        }
        buf_adds(&j, engines ? "\n    }\n  }\n}\n" : "}\n}\n");
        char err[1024];
        char *dir = cf_spec_overlay_dir();
        char *sub = xasprintf("%s/rds", dir);
        char *out = xasprintf("%s/%s.json", sub, a->region);
        if (make_dirs(sub, err, sizeof err) < 0 || atomic_write(out, j.data, j.len, 0644, err, sizeof err) < 0) {
            cli_error("spec import-rds: %s (nothing was changed)", err);
            rc = CF_EXIT_USAGE;
        } else {
            printf("imported %zu versions of %zu engines for %s into %s\n", n, engines, a->region, out);
        }
        free(dir);
        free(sub);
        free(out);
        buf_free(&j);
    }
    for (size_t i = 0; i < n; i++) {
        free(rows[i].engine);
        free(rows[i].version);
        free(rows[i].status);
    }
    free(rows);
    return rc;
}

int cmd_spec(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? CF_EXIT_USAGE : 0;
    }
    const char *sub = argv[1];
    spec_args a;
    int p = parse_args(argc - 1, argv + 1, &a);
    if (p)
        return p > 0 ? 0 : CF_EXIT_USAGE;
    if (!strcmp(sub, "build"))
        return spec_build_cmd(&a);
    if (!strcmp(sub, "import"))
        return spec_import(&a);
    if (!strcmp(sub, "import-rds"))
        return spec_import_rds(&a);
    static const char *const readers[] = {"info", "show", "rds", "runtime"};
    int known = 0;
    for (int i = 0; i < 4; i++)
        known |= !strcmp(sub, readers[i]);
    if (!known) {
        cli_error("spec: unknown command '%s'", sub);
        usage(stderr);
        return CF_EXIT_USAGE;
    }
    cf_spec *s = open_spec();
    if (!s)
        return CF_EXIT_USAGE;
    int rc;
    if (!strcmp(sub, "info"))
        rc = spec_info(s);
    else if (!strcmp(sub, "show"))
        rc = spec_show(s, &a);
    else if (!strcmp(sub, "rds"))
        rc = spec_rds(s, &a);
    else
        rc = spec_runtime(s, &a);
    if (cf_spec_error(s)) {
        cli_error("%s", cf_spec_error(s));
        rc = CF_EXIT_USAGE;
    }
    cf_spec_close(s);
    return rc;
}
