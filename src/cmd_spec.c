/* cfnfix spec: build, inspect and refresh the spec data. */
#include "atomicfile.h"
#include "aws_import.h"
#include "cli.h"
#include "doc.h"
#include "json_write.h"
#include "lint.h"
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
#include <time.h>

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
          "  spec import-aws --region R FILE... the same for any of these AWS CLI outputs,\n"
          "                                     recognised by shape ('-': stdin):\n"
          "        aws rds describe-db-engine-versions (also aws docdb / aws neptune)\n"
          "        aws rds describe-orderable-db-instance-options --engine E\n"
          "        aws elasticache describe-cache-engine-versions\n"
          "        aws ec2 describe-instance-type-offerings --location-type region\n"
          "  spec build SRC OUT [--snapshot-date D] [--source TEXT]\n"
          "                                     generate spec data from a schemas folder\n"
          "\n"
          "Imported files are stored under $XDG_DATA_HOME/cfnfix (default\n"
          "~/.local/share/cfnfix) and are used for their region from then on; an\n"
          "import replaces the engines it lists and keeps the others.  --date D\n"
          "dates an import (and is the day spec info measures ages against).\n",
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
    char today[11]; /* --date, else the clock's (UTC) */
    int cluster;
    char **pos;
    int npos;
} spec_args;

static int parse_args(int argc, char **argv, spec_args *a)
{
    enum { O_REGION = 256, O_CLUSTER, O_SNAPSHOT, O_SOURCE, O_DATE };
    static const struct option longopts[] = {
        {"region", required_argument, NULL, O_REGION},
        {"cluster", no_argument, NULL, O_CLUSTER},
        {"snapshot-date", required_argument, NULL, O_SNAPSHOT},
        {"source", required_argument, NULL, O_SOURCE},
        {"date", required_argument, NULL, O_DATE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(a->today, sizeof a->today, "%Y-%m-%d", &tm);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_REGION: a->region = optarg; break;
        case O_CLUSTER: a->cluster = 1; break;
        case O_SNAPSHOT: a->snapshot = optarg; break;
        case O_SOURCE: a->source = optarg; break;
        case O_DATE: {
            cf_lint_opts date;
            if (cf_lint_set_today(&date, optarg) < 0) {
                cli_error("spec %s: --date wants YYYY-MM-DD, not '%s'", argv[0], optarg);
                return -1;
            }
            memcpy(a->today, date.today, sizeof a->today);
            break;
        }
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

static int spec_info(cf_spec *s, const spec_args *a)
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
    aws_facts_info(dir, a->today, stdout);
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

/* AWS CLI output for a region (aws_import.h): import-rds takes the RDS
 * engine versions only, import-aws every shape it knows. */
static int spec_import_aws(spec_args *a, const char *cmd, const char *only_kind)
{
    if (!valid_region(a->region) || a->npos < 1) {
        cli_error("spec %s: give --region REGION and one or more files ('-' for stdin)", cmd);
        return CF_EXIT_USAGE;
    }
    if (cli_stdin_repeated(a->pos, (size_t)a->npos)) {
        cli_error("spec %s: '-' (standard input) can be given once: it can be read only once", cmd);
        return CF_EXIT_USAGE;
    }
    char err[1024];
    char *dir = cf_spec_overlay_dir();
    int rc = 0;
    if (aws_import(dir, a->region, a->pos, (size_t)a->npos, only_kind, a->today, stdout, err, sizeof err) < 0) {
        cli_error("spec %s: %s (nothing was changed)", cmd, err);
        rc = CF_EXIT_USAGE;
    }
    free(dir);
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
        return spec_import_aws(&a, "import-rds", "rds");
    if (!strcmp(sub, "import-aws"))
        return spec_import_aws(&a, "import-aws", NULL);
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
        rc = spec_info(s, &a);
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
