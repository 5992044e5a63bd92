/* cfnfix lint: check templates and print the findings. */
#include "cli.h"
#include "doc.h"
#include "lint.h"
#include "report.h"
#include "spec.h"
#include "util.h"

#include <getopt.h>
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
          "  -f, --format FORMAT        text (default), parseable, json or gnu\n"
          "      --date YYYY-MM-DD      judge lifecycle dates (Lambda runtimes, services)\n"
          "                             against this day instead of today\n"
          "      --regions REGIONS      comma-separated regions to check against (default:\n"
          "                             $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1)\n"
          "      --ignore-checks IDS    drop findings whose rule id starts with one of\n"
          "                             these comma-separated prefixes (E3012,W)\n"
          "      --include-checks IDS   add rules that are off by default (I for the\n"
          "                             informational ones); the longer prefix wins\n"
          "  -h, --help                 show this help\n"
          "\n"
          "Exit status: 0 when nothing was found, else the sum of 2 (errors),\n"
          "4 (warnings) and 8 (informational); 32 for a usage error or a file that\n"
          "cannot be read.\n",
          out);
}

int cmd_lint(int argc, char **argv)
{
    enum { OPT_IGNORE = 256, OPT_INCLUDE, OPT_REGIONS, OPT_DATE };
    static const struct option longopts[] = {
        {"date", required_argument, NULL, OPT_DATE},
        {"format", required_argument, NULL, 'f'},
        {"regions", required_argument, NULL, OPT_REGIONS},
        {"ignore-checks", required_argument, NULL, OPT_IGNORE},
        {"include-checks", required_argument, NULL, OPT_INCLUDE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cf_lint_opts opts = {0};
    cf_lint_set_today(&opts, NULL);
    cf_format fmt = CF_FMT_TEXT;
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

    if (!opts.nregions)
        cli_split_list(cf_default_region(), &opts.regions, &opts.nregions);
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

    cf_report *rep = cf_report_begin(fmt, stdout);
    cf_diags ds = {0};
    for (int i = optind; i < argc; i++) {
        cf_read_error rerr;
        cf_doc *doc = cf_doc_load_file(argv[i], &rerr);
        if (!doc) {
            cli_error("%s", rerr.message);
            status |= CF_EXIT_USAGE;
            continue;
        }
        cf_lint(doc, &opts, &ds);
        for (size_t k = 0; k < ds.n; k++) {
            switch (cf_rule_level(ds.v[k].rule)) {
            case CF_LEVEL_ERROR: status |= CF_EXIT_ERROR; break;
            case CF_LEVEL_WARNING: status |= CF_EXIT_WARNING; break;
            case CF_LEVEL_INFO: status |= CF_EXIT_INFO; break;
            }
        }
        cf_report_file(rep, argv[i], &ds);
        cf_diags_clear(&ds);
        cf_doc_free(doc);
    }
    cf_diags_free(&ds);
    cf_report_end(rep);
    if (cf_spec_error(opts.spec)) {
        cli_error("%s", cf_spec_error(opts.spec));
        status |= CF_EXIT_USAGE;
    }
done:
    cf_spec_close(opts.spec);
    cli_free_list(opts.regions, opts.nregions);
    cli_free_list(opts.ignore_checks, opts.nignore);
    cli_free_list(opts.include_checks, opts.ninclude);
    return status;
}
