/* cfnfix [OPTIONS] TEMPLATE: the terminal UI, or — when standard output
 * is not a terminal, or one the UI cannot draw on — exactly what `cfnfix
 * lint` prints, so scripts and CI never wait on a screen. */
#include "cli.h"
#include "lint.h"
#include "lintrc.h"
#include "spec.h"
#include "stack_events.h"
#include "template_files.h"
#include "tui/app.h"
#include "tui/files.h"
#include "tui/script.h"
#include "tui/term.h"
#include "tui/tui.h"
#include "util.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(FILE *out)
{
    fputs("Usage: cfnfix [OPTIONS] TEMPLATE\n"
          "       cfnfix [OPTIONS] FOLDER | TEMPLATE TEMPLATE...\n"
          "Browse a template's findings in the terminal: read them in context, accept\n"
          "or reject fixes, write the file.  A folder, or several templates, open a\n"
          "list of templates with their counts, checked in the background (a folder's\n"
          "are its .yaml, .yml, .json and .template files that hold a template, at any\n"
          "depth); Enter opens one.  When standard output is not a terminal, or is one\n"
          "it cannot draw on (TERM=dumb, unknown), prints what 'cfnfix lint' prints\n"
          "instead (for a folder: of the templates in it).\n"
          "\n"
          "Options:\n"
          "      --read-only            review only: browsing and diagnostics, no edits\n"
          "      --regions REGIONS      regions to check against, as for lint\n"
          "      --date YYYY-MM-DD      judge lifecycle dates against this day\n"
          "      --ignore-checks IDS    drop findings of these rule id prefixes\n"
          "      --include-checks IDS   add rules that are off by default\n"
          "      --config-file FILE     read cfn-lint's configuration from FILE instead of\n"
          "                             ./.cfnlintrc (else the template's folder's)\n"
          "      --stack-events FILE    show where the last deployment failed, as lint\n"
          "                             --stack-events does\n"
          "      --review-out FILE      where W saves the review (FILE.json, FILE.diff,\n"
          "                             FILE.md; a trailing .json is dropped first);\n"
          "                             default TEMPLATE.review.json in this folder\n"
          "      --no-mouse             leave the mouse to the terminal (its own text\n"
          "                             selection); also $CFNFIX_NO_MOUSE\n"
          "  -f, --format FORMAT        the output format when not on a terminal\n"
          "  -j, --jobs N               check N templates of a list at a time (default:\n"
          "                             the number of processors)\n"
          "      --tui-script FILE      read keys from FILE and print the screen as text\n"
          "                             (for tests: one key name per line, :dump)\n"
          "      --size COLSxROWS       the scripted screen's size (default 80x24)\n"
          "      --no-color             the scripted screen has no colours\n"
          "      --keys-roff            print the key list for the man page\n"
          "  -h, --help                 show this help\n"
          "\n"
          "Options given here override the configuration file and the template's\n"
          "Metadata: cfn-lint: config, as for lint.  Press ? in the UI for the keys.\n",
          out);
}

/* The options only the UI knows; everything else goes to lint as it is. */
static const struct {
    const char *name;
    bool has_value;
} tui_only[] = {{"--read-only", false}, {"--tui-script", true}, {"--size", true}, {"--no-color", false}, {"--no-mouse", false}, {"--review-out", true}};

static bool tui_only_option(const char *arg, bool *takes_next)
{
    for (size_t i = 0; i < sizeof tui_only / sizeof tui_only[0]; i++) {
        size_t n = strlen(tui_only[i].name);
        if (!strncmp(arg, tui_only[i].name, n) && (arg[n] == '\0' || (arg[n] == '=' && tui_only[i].has_value))) {
            *takes_next = tui_only[i].has_value && arg[n] == '\0';
            return true;
        }
    }
    return false;
}

typedef struct tui_opts {
    cf_lint_opts lint;
    const cf_lintrc *rc; /* the configuration file in force, or NULL */
    bool read_only, no_color, no_mouse;
    const char *script;
    const char *review_out;
    int rows, cols;
} tui_opts;

/* Run a view (the app, or the file list) on the terminal or the test
 * script: run(view, backend) until it ends; *grid is the screen a script
 * writes at its end. */
static int with_backend(tui_opts *o, void (*run)(void *view, tui_backend *be), void *view, const tui_grid *grid)
{
    char err[1024] = "";
    tui_backend be;
    int status = CF_EXIT_OK;
    if (o->script) {
        tui_script *sc = script_open(o->script, o->rows, o->cols, !o->no_color, stdout, err, sizeof err);
        if (!sc) {
            cli_error("%s", err);
            status = CF_EXIT_USAGE;
        } else {
            script_backend(sc, &be);
            run(view, &be);
            script_close(sc, grid);
        }
    } else {
        /* the mouse, unless asked not to (the terminal's own text
         * selection then works): --no-mouse or $CFNFIX_NO_MOUSE */
        const char *nm = getenv("CFNFIX_NO_MOUSE");
        tui_term *t = term_open(!o->no_mouse && !(nm && *nm), err, sizeof err);
        if (!t) {
            cli_error("%s", err);
            status = CF_EXIT_USAGE;
        } else {
            term_backend(t, &be);
            run(view, &be);
            term_close(t);
        }
    }
    return status;
}

/* The terminal decides: UTF-8 text and line drawing, or ASCII. */
static bool terminal_unicode(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset && !strcmp(codeset, "UTF-8");
}

/* The app opens its template (unless open already) and runs. */
typedef struct app_run_ctx {
    tui_app *app;
    tui_opts *o;
    const char *path;
    bool opened;
    size_t preview_size; /* 0: no preview */
    char err[1024];
} app_run_ctx;

static bool open_template(app_run_ctx *c)
{
    if (session_open(&c->app->s, c->path, &c->o->lint, c->o->rc, !c->o->read_only, c->err, sizeof c->err) < 0)
        return false;
    c->opened = true;
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: loaded %s in %.1f ms\n", c->path, app_now_ms() - c->app->started_ms);
    return true;
}

static void run_app(void *view, tui_backend *be)
{
    app_run_ctx *c = view;
    c->app->be = be;
    /* a large template: its text shows while it is read (a grid of its
     * own, alive while a script may still dump it) */
    tui_grid preview = {0, 0, NULL, c->app->grid.unicode};
    if (c->preview_size) {
        int rows, cols;
        be->size(be->ctx, &rows, &cols);
        grid_resize(&preview, rows, cols);
        preview_draw(&preview, c->path, c->preview_size);
        be->present(be->ctx, &preview);
        if (getenv("CFNFIX_TUI_TIMING"))
            fprintf(stderr, "cfnfix: preview %.1f ms after the file began to load\n",
                    app_now_ms() - c->app->started_ms);
    }
    if (c->opened || open_template(c))
        app_run(c->app);
    grid_free(&preview);
}

static int run_ui(tui_opts *o, const char *path)
{
    tui_app app;
    memset(&app, 0, sizeof app);
    app.started_ms = app_now_ms();
    app.review_out = o->review_out;
    app.grid.unicode = terminal_unicode();
    app_run_ctx c = {&app, o, path, false, 0, ""};
    /* a small template opens before the terminal is taken (an error is
     * then a plain message); a large one after, behind its preview */
    if (!preview_wanted(path, &c.preview_size) && !open_template(&c)) {
        cli_error("%s", c.err);
        return CF_EXIT_USAGE;
    }
    int status = with_backend(o, run_app, &c, &app.grid);
    if (!c.opened) {
        if (c.err[0]) {
            cli_error("%s", c.err);
            status = CF_EXIT_USAGE;
        }
    }
    if (c.opened)
        app_free(&app);
    else
        grid_free(&app.grid);
    return status;
}

typedef struct list_run {
    tui_files *files;
    int jobs;
} list_run;

static void run_list(void *view, tui_backend *be)
{
    list_run *lr = view;
    lr->files->be = be;
    files_run(lr->files, lr->jobs);
}

/* The file list: the operands, a folder standing for the template files
 * under it. */
static int run_files(tui_opts *o, char **operands, size_t n, cf_lintrc_lookup *lookup, int jobs)
{
    tui_files f;
    memset(&f, 0, sizeof f);
    f.started_ms = app_now_ms();
    f.cli = &o->lint;
    f.writable = !o->read_only;
    f.grid.unicode = terminal_unicode();
    int status = CF_EXIT_OK;
    for (size_t i = 0; i < n && !status; i++) {
        struct stat st;
        char **found = NULL, err[1024];
        long k = 1;
        bool folder = stat(operands[i], &st) == 0 && S_ISDIR(st.st_mode), truncated = false;
        if (folder && (k = cf_template_files(operands[i], &found, &truncated, err, sizeof err)) < 0) {
            cli_error("%s", err);
            status = CF_EXIT_USAGE;
            break;
        }
        f.truncated |= truncated;
        for (long j = 0; j < k && !status; j++) {
            const char *path = folder ? found[j] : operands[i];
            const char *config_error = NULL;
            const cf_lintrc *rc = cf_lintrc_lookup_for(lookup, path, &config_error);
            if (config_error) {
                cli_error("%s", config_error);
                status = CF_EXIT_USAGE;
            } else {
                files_add(&f, path, rc, !folder);
            }
        }
        if (found)
            cli_free_list(found, (size_t)k);
    }
    if (!status) {
        list_run lr = {&f, jobs};
        status = with_backend(o, run_list, &lr, &f.grid);
    }
    files_free(&f);
    return status;
}

int cmd_tui(int argc, char **argv)
{
    enum { O_READ_ONLY = 256, O_SCRIPT, O_SIZE, O_NO_COLOR, O_REGIONS, O_DATE, O_IGNORE, O_INCLUDE, O_KEYS, O_CONFIG, O_EVENTS, O_NO_MOUSE, O_REVIEW_OUT };
    static const struct option longopts[] = {
        {"read-only", no_argument, NULL, O_READ_ONLY},
        {"tui-script", required_argument, NULL, O_SCRIPT},
        {"size", required_argument, NULL, O_SIZE},
        {"no-color", no_argument, NULL, O_NO_COLOR},
        {"no-mouse", no_argument, NULL, O_NO_MOUSE},
        {"review-out", required_argument, NULL, O_REVIEW_OUT},
        {"regions", required_argument, NULL, O_REGIONS},
        {"date", required_argument, NULL, O_DATE},
        {"ignore-checks", required_argument, NULL, O_IGNORE},
        {"include-checks", required_argument, NULL, O_INCLUDE},
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"config-file", required_argument, NULL, O_CONFIG},
        {"stack-events", required_argument, NULL, O_EVENTS},
        {"keys-roff", no_argument, NULL, O_KEYS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    /* Not on a terminal: lint, with lint's arguments (all but the UI's own),
     * whatever options lint has — decided before parsing anything. */
    char **lint_argv = xmalloc(((size_t)argc + 1) * sizeof *lint_argv);
    int lint_argc = 0;
    bool operands_only = false, scripted = false, keys_roff = false, help = false;
    for (int i = 0; i < argc; i++) {
        bool next = false;
        if (i > 0 && !operands_only && tui_only_option(argv[i], &next)) {
            scripted |= !strncmp(argv[i], "--tui-script", 12);
            i += next;
            continue;
        }
        operands_only |= !strcmp(argv[i], "--");
        keys_roff |= !operands_only && !strcmp(argv[i], "--keys-roff");
        /* the UI's own help, wherever it is shown (not lint's) */
        help |= i > 0 && !operands_only && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"));
        lint_argv[lint_argc++] = argv[i];
    }
    lint_argv[lint_argc] = NULL;
    /* Nor on a terminal ncurses cannot draw on (TERM=dumb, or unknown):
     * lint again, saying why on standard error. */
    char why[256];
    bool lint_instead = !scripted && !keys_roff && !help && !isatty(STDOUT_FILENO);
    if (!lint_instead && !scripted && !keys_roff && !help && !term_usable(why, sizeof why)) {
        cli_error("%s: printing what 'cfnfix lint' prints", why);
        lint_instead = true;
    }
    if (lint_instead) {
        int st = cmd_lint(lint_argc, lint_argv);
        free(lint_argv);
        return st;
    }

    tui_opts o;
    memset(&o, 0, sizeof o);
    const char *config_file = NULL, *events_path = NULL;
    cf_stack_events events = {0};
    cf_lintrc_lookup lookup = {0};
    o.rows = 24;
    o.cols = 80;
    cf_lint_set_today(&o.lint, NULL);
    int c, status = CF_EXIT_OK;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = ncpu > 0 && ncpu <= 1024 ? (int)ncpu : 1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:hj:", longopts, NULL)) != -1) {
        switch (c) {
        case O_READ_ONLY: o.read_only = true; break;
        case O_SCRIPT: o.script = optarg; break;
        case O_SIZE: {
            char x;
            if (sscanf(optarg, "%d%c%d", &o.cols, &x, &o.rows) != 3 || x != 'x' || o.cols < 1 || o.rows < 1 ||
                o.cols > 1000 || o.rows > 1000) {
                cli_error("--size wants COLSxROWS (80x24), not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            break;
        }
        case O_NO_COLOR: o.no_color = true; break;
        case O_NO_MOUSE: o.no_mouse = true; break;
        case O_REVIEW_OUT: o.review_out = optarg; break;
        case O_REGIONS: cli_split_list(optarg, &o.lint.regions, &o.lint.nregions); break;
        case O_IGNORE: cli_split_list(optarg, &o.lint.ignore_checks, &o.lint.nignore); break;
        case O_INCLUDE: cli_split_list(optarg, &o.lint.include_checks, &o.lint.ninclude); break;
        case O_DATE:
            if (cf_lint_set_today(&o.lint, optarg) < 0) {
                cli_error("--date wants YYYY-MM-DD, not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            break;
        case 'f': break; /* lint's, for when stdout is not a terminal */
        case 'j': {
            /* checked as lint checks it: the file list's workers */
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 1024) {
                cli_error("-j wants a number of jobs from 1 to 1024, not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            jobs = (int)v;
            break;
        }
        case O_CONFIG: config_file = optarg; break;
        case O_EVENTS: events_path = optarg; break;
        case O_KEYS: keys_write_man(stdout); goto done;
        case 'h': usage(stdout); goto done;
        default:
            cli_error("option '%s' is not known or needs a value", argv[optind - 1]);
            fputs("Try 'cfnfix --help'.\n", stderr);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        cli_error("no template given");
        fputs("Try 'cfnfix --help'.\n", stderr);
        status = CF_EXIT_USAGE;
        goto done;
    }
    /* a folder, or several templates: the file list */
    struct stat st;
    bool list = optind < argc - 1 || (stat(argv[optind], &st) == 0 && S_ISDIR(st.st_mode));
    const char *conflict = NULL;
    if (list && events_path)
        conflict = "--stack-events is about one template: open it alone";
    else if (list && o.review_out)
        conflict = "--review-out names one template's review: open it alone (from a list, W saves each as its path with '/' as '_', .review.json, here)";
    for (int i = optind; list && !conflict && i < argc; i++)
        if (!strcmp(argv[i], "-"))
            conflict = "'-' (standard input) opens alone: a list reads its templates twice";
    if (conflict) {
        cli_error("%s", conflict);
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (events_path) {
        status = cf_stack_events_option("tui", events_path, argv + optind, 1, &events);
        if (status)
            goto done;
        o.lint.stack_events = &events;
    }
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* numbers in templates read the same everywhere */

    char err[1024] = "";
    const char *config_error = NULL;
    if (cf_lintrc_lookup_init(&lookup, config_file, err, sizeof err) < 0)
        config_error = err;
    else if (!list)
        o.rc = cf_lintrc_lookup_for(&lookup, argv[optind], &config_error);
    if (config_error) {
        cli_error("%s", config_error);
        status = CF_EXIT_USAGE;
        goto done;
    }
    o.lint.spec = cf_spec_open(err, sizeof err);
    if (!o.lint.spec) {
        cli_error("%s", err);
        status = CF_EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; i < o.lint.nregions; i++)
        if (!cf_spec_region_known(o.lint.spec, o.lint.regions[i])) {
            cli_error("unknown region '%s' (cfnfix spec info lists the data in use)", o.lint.regions[i]);
            status = CF_EXIT_USAGE;
            goto done;
        }
    /* the default stands in when nothing names regions */
    if (!o.lint.nregions && !(o.rc && o.rc->nregions) && !cf_spec_region_known(o.lint.spec, cf_default_region())) {
        cli_error("unknown region '%s' (cfnfix spec info lists the data in use)", cf_default_region());
        status = CF_EXIT_USAGE;
        goto done;
    }
    status = list ? run_files(&o, argv + optind, (size_t)(argc - optind), &lookup, jobs) : run_ui(&o, argv[optind]);
done:
    free(lint_argv);
    cf_spec_close(o.lint.spec);
    cli_free_list(o.lint.regions, o.lint.nregions);
    cli_free_list(o.lint.ignore_checks, o.lint.nignore);
    cli_free_list(o.lint.include_checks, o.lint.ninclude);
    cf_lintrc_lookup_free(&lookup);
    cf_stack_events_free(&events);
    return status;
}
