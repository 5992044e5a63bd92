/* cfnfix lint: check templates and print the findings. */
#include "cli.h"
#include "doc.h"
#include "lint.h"
#include "lintrc.h"
#include "report.h"
#include "spec.h"
#include "suppress.h"
#include "util.h"

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("Usage: cfnfix lint [OPTIONS] FILE...\n"
          "Check CloudFormation templates (YAML or JSON; '-' reads stdin) and print\n"
          "what would make a stack fail or misbehave.\n"
          "\n"
          "Options:\n"
          "  -f, --format FORMAT        text (default), parseable, json, gnu, sarif or junit\n"
          "      --date YYYY-MM-DD      judge lifecycle dates (Lambda runtimes, services)\n"
          "                             against this day instead of today\n"
          "      --regions REGIONS      comma-separated regions to check against (default:\n"
          "                             $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1)\n"
          "      --ignore-checks IDS    drop findings whose rule id starts with one of\n"
          "                             these comma-separated prefixes (E3012,W)\n"
          "      --include-checks IDS   add rules that are off by default (I for the\n"
          "                             informational ones); the longer prefix wins\n"
          "      --config-file FILE     read cfn-lint's configuration from FILE instead of\n"
          "                             ./.cfnlintrc (else the template's folder's)\n"
          "  -h, --help                 show this help\n"
          "\n"
          "Options given here override the configuration file and a template's\n"
          "Metadata: cfn-lint: config.\n"
          "\n"
          "Exit status: 0 when nothing was found, else the sum of 2 (errors),\n"
          "4 (warnings) and 8 (informational); 32 for a usage error, a broken\n"
          "configuration file or a file that cannot be read.\n",
          out);
}

/* The configuration file for each template: the one named by --config-file
 * or found in the current folder serves every template; without one, each
 * template's folder is searched (the last folder's answer is kept, as
 * templates usually come folder by folder). */
typedef struct config_lookup {
    bool fixed;      /* --config-file, or one in the current folder */
    cf_lintrc rc;    /* the file in force (rc.path NULL: none) */
    char *dir;       /* the folder rc was looked up in, when not fixed */
    char *error;     /* why that folder's file cannot be used */
} config_lookup;

static void lookup_free(config_lookup *l)
{
    cf_lintrc_free(&l->rc);
    free(l->dir);
    free(l->error);
}

/* Load path into l->rc; on failure remember the reason. */
static int lookup_load(config_lookup *l, const char *path)
{
    char err[1024];
    if (cf_lintrc_load(path, &l->rc, err, sizeof err) < 0) {
        l->error = xstrdup(err);
        return -1;
    }
    return 0;
}

/* The configuration for template, NULL when none applies; sets *error when
 * the applicable file is broken. */
static const cf_lintrc *config_for(config_lookup *l, const char *template, const char **error)
{
    *error = NULL;
    if (!l->fixed) {
        char *copy = xstrdup(template);
        char *dir = strcmp(template, "-") == 0 ? xstrdup(".") : xstrdup(dirname(copy));
        free(copy);
        if (!l->dir || strcmp(l->dir, dir) != 0) {
            lookup_free(l);
            memset(l, 0, sizeof *l);
            l->dir = dir;
            char *path = cf_lintrc_find(dir);
            if (path)
                lookup_load(l, path);
            free(path);
        } else {
            free(dir);
        }
    }
    *error = l->error;
    return l->rc.path ? &l->rc : NULL;
}

/* The options for one template: the command line's lists where it gave
 * them, else the configuration file's (cfn-lint's precedence; the
 * template's own Metadata config is applied by cf_lint between the two). */
static cf_lint_opts options_for(const cf_lint_opts *cli, const cf_lintrc *rc, char **default_region)
{
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
    if (!cli->nregions) {
        if (rc && rc->nregions) {
            o.regions = rc->regions;
            o.nregions = rc->nregions;
        } else {
            o.regions = default_region;
            o.nregions = 1;
        }
    }
    return o;
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

static int count_status(const cf_diags *ds)
{
    int status = 0;
    for (size_t k = 0; k < ds->n; k++) {
        switch (cf_rule_level(ds->v[k].rule)) {
        case CF_LEVEL_ERROR: status |= CF_EXIT_ERROR; break;
        case CF_LEVEL_WARNING: status |= CF_EXIT_WARNING; break;
        case CF_LEVEL_INFO: status |= CF_EXIT_INFO; break;
        }
    }
    return status;
}

/* What one run of lint shares between its templates. */
typedef struct lint_run {
    const cf_lint_opts *cli; /* the command line's options */
    config_lookup *lookup;
    char **default_region;   /* when nothing names regions */
    cf_format fmt;
    cf_report *rep;
    bool *rules_on;          /* junit: scratch, one per rule */
    cf_diags ds;
} lint_run;

/* Whether the configuration file's regions (when they are the ones in
 * force) all have data; else says which is not, where. */
static bool config_regions_known(const cf_lintrc *rc, const cf_lint_opts *o)
{
    if (!rc || o->regions != rc->regions)
        return true;
    for (size_t k = 0; k < rc->nregions; k++) {
        if (!cf_spec_region_known(o->spec, rc->regions[k])) {
            cli_error("%s:%u:%u: unknown region '%s' ('cfnfix regions' lists them)", rc->path,
                      rc->region_pos[k].line, rc->region_pos[k].col, rc->regions[k]);
            return false;
        }
    }
    return true;
}

/* Lint one template and report it; returns the exit status bits. */
static int lint_file(lint_run *run, const char *path)
{
    const char *config_error;
    const cf_lintrc *rc = config_for(run->lookup, path, &config_error);
    if (config_error) {
        cli_error("%s", config_error);
        return CF_EXIT_USAGE;
    }
    cf_lint_opts o = options_for(run->cli, rc, run->default_region);
    if (!config_regions_known(rc, &o))
        return CF_EXIT_USAGE;
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        cli_error("%s", rerr.message);
        return CF_EXIT_USAGE;
    }
    const cf_node *bad;
    size_t ntpl;
    char **tpl_regions = template_regions(doc, o.spec, &ntpl, &bad);
    if (bad) {
        cf_pos at = cf_doc_pos(doc, bad->start);
        cli_error("%s:%u:%u: unknown region '%s' in the template's Metadata cfn-lint config "
                  "('cfnfix regions' lists them)",
                  path, at.line, at.col, bad->kind == CF_SCALAR ? bad->u.str : "...");
        cf_doc_free(doc);
        return CF_EXIT_USAGE;
    }
    if (tpl_regions && !run->cli->nregions) {
        o.regions = tpl_regions;
        o.nregions = ntpl;
    }
    cf_lint(doc, &o, &run->ds);
    int status = count_status(&run->ds);
    if (run->fmt == CF_FMT_JUNIT) {
        cf_lint_rules_on(doc, &o, run->rules_on);
        cf_report_rules_on(run->rep, run->rules_on);
    }
    cf_report_file(run->rep, path, &run->ds);
    cf_diags_clear(&run->ds);
    free(tpl_regions);
    cf_doc_free(doc);
    return status;
}

int cmd_lint(int argc, char **argv)
{
    enum { OPT_IGNORE = 256, OPT_INCLUDE, OPT_REGIONS, OPT_DATE, OPT_CONFIG };
    static const struct option longopts[] = {
        {"date", required_argument, NULL, OPT_DATE},
        {"format", required_argument, NULL, 'f'},
        {"regions", required_argument, NULL, OPT_REGIONS},
        {"ignore-checks", required_argument, NULL, OPT_IGNORE},
        {"include-checks", required_argument, NULL, OPT_INCLUDE},
        {"config-file", required_argument, NULL, OPT_CONFIG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cf_lint_opts opts = {0};
    cf_lint_set_today(&opts, NULL);
    cf_format fmt = CF_FMT_TEXT;
    const char *config_file = NULL;
    config_lookup lookup = {0};
    char *default_region = xstrdup(cf_default_region());
    bool *rules_on = NULL;
    int c, status = CF_EXIT_OK;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': {
            int f = cf_format_parse(optarg);
            if (f < 0) {
                cli_error("unknown format '%s' (choose from %s)", optarg, cf_format_names());
                status = CF_EXIT_USAGE;
                goto done;
            }
            fmt = (cf_format)f;
            break;
        }
        case OPT_IGNORE:
            cli_split_list(optarg, &opts.ignore_checks, &opts.nignore);
            break;
        case OPT_INCLUDE:
            cli_split_list(optarg, &opts.include_checks, &opts.ninclude);
            break;
        case OPT_DATE:
            if (cf_lint_set_today(&opts, optarg) < 0) {
                cli_error("lint: --date wants YYYY-MM-DD, not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            break;
        case OPT_REGIONS:
            cli_split_list(optarg, &opts.regions, &opts.nregions);
            break;
        case OPT_CONFIG:
            config_file = optarg;
            break;
        case 'h':
            usage(stdout);
            goto done;
        default:
            if (optopt)
                cli_error("lint: option '-%c' %s", optopt,
                          strchr("f", optopt) ? "needs a value" : "is not known");
            else
                cli_error("lint: option '%s' is not known or needs a value", argv[optind - 1]);
            fputs("Try 'cfnfix lint --help'.\n", stderr);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        cli_error("lint: no template given");
        fputs("Try 'cfnfix lint --help'.\n", stderr);
        status = CF_EXIT_USAGE;
        goto done;
    }

    /* a configuration file named or in the current folder applies to every
     * template, so a broken one stops everything */
    char *here = config_file ? xstrdup(config_file) : cf_lintrc_find(".");
    if (here) {
        lookup.fixed = true;
        int r = lookup_load(&lookup, here);
        free(here);
        if (r < 0) {
            cli_error("%s", lookup.error);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }

    char err[1024] = "";
    opts.spec = cf_spec_open(err, sizeof err);
    if (!opts.spec) {
        cli_error("%s", err);
        status = CF_EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; i < opts.nregions; i++) {
        if (!cf_spec_region_known(opts.spec, opts.regions[i])) {
            cli_error("lint: unknown region '%s' (cfnfix spec info lists the data in use)", opts.regions[i]);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }

    /* the default region stands in when nothing names regions: check it
     * once here rather than for every template */
    if (!opts.nregions && !(lookup.fixed && lookup.rc.nregions) && !cf_spec_region_known(opts.spec, default_region)) {
        cli_error("lint: unknown region '%s' (cfnfix spec info lists the data in use)", default_region);
        status = CF_EXIT_USAGE;
        goto done;
    }

    size_t nrules;
    cf_rules_all(&nrules);
    rules_on = xcalloc(nrules ? nrules : 1, sizeof *rules_on);
    lint_run run = {&opts, &lookup, &default_region, fmt, cf_report_begin(fmt, stdout), rules_on, {0}};
    for (int i = optind; i < argc; i++)
        status |= lint_file(&run, argv[i]);
    cf_diags_free(&run.ds);
    cf_report_end(run.rep);
    if (cf_spec_error(opts.spec)) {
        cli_error("%s", cf_spec_error(opts.spec));
        status |= CF_EXIT_USAGE;
    }
done:
    cf_spec_close(opts.spec);
    cli_free_list(opts.regions, opts.nregions);
    cli_free_list(opts.ignore_checks, opts.nignore);
    cli_free_list(opts.include_checks, opts.ninclude);
    lookup_free(&lookup);
    free(default_region);
    free(rules_on);
    return status;
}
