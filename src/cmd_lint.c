/* cfnfix lint: check templates and print the findings. */
#include "cli.h"
#include "doc.h"
#include "fixes.h"
#include "lint.h"
#include "lintrc.h"
#include "param_files.h"
#include "report.h"
#include "spec.h"
#include "stack.h"
#include "stack_events.h"
#include "template_files.h"
#include "util.h"

#include "escape.h"

#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdarg.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *out)
{
    fputs("Usage: cfnfix lint [OPTIONS] FILE...\n"
          "Check CloudFormation templates (YAML or JSON; '-' reads stdin) and print\n"
          "what would make a stack fail or misbehave.  A folder stands for the\n"
          ".yaml, .yml, .json and .template files under it that hold a template\n"
          "(Resources or AWSTemplateFormatVersion at the top); others are skipped.\n"
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
          "      --parameters KEY=VALUE...\n"
          "                             values for the template's parameters: a Ref to a\n"
          "                             parameter resolves to them (each use is one set)\n"
          "      --parameter-files FILE...\n"
          "                             the same from CloudFormation parameter files (the\n"
          "                             template is also linted without them)\n"
          "      --deployment-files FILE...\n"
          "                             lint the templates git-sync deployment files name,\n"
          "                             with their parameters (no FILE arguments then)\n"
          "      --stack-events FILE    the output of 'aws cloudformation describe-stack-events':\n"
          "                             each failure of the stack's last operation becomes\n"
          "                             an error (E9101) on the line that caused it (one\n"
          "                             template; '-' reads stdin)\n"
          "  -j, --jobs N               lint N templates at a time (default: the number of\n"
          "                             processors); the output keeps the order given\n"
          "  -h, --help                 show this help\n"
          "\n"
          "Options given here override the configuration file and a template's\n"
          "Metadata: cfn-lint: config.  As in cfn-lint, --parameters, --parameter-files\n"
          "and --deployment-files take the arguments that follow them up to the next\n"
          "option: end them with --.\n"
          "\n"
          "Exit status: 0 when nothing was found, else the sum of 2 (errors),\n"
          "4 (warnings) and 8 (informational); 32 for a usage error, a broken\n"
          "configuration file, a file that cannot be read or a --stack-events\n"
          "file that is not describe-stack-events output.\n",
          out);
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

/* What one run of lint shares between its templates (and its workers). */
typedef struct lint_run {
    const cf_lint_opts *cli; /* the command line's options */
    cf_lintrc_lookup *lookup; /* guarded by lock */
    cf_format fmt;
    size_t nrules;
    pthread_mutex_t lock;
} lint_run;

/* One template's lint, done by a worker and reported in order. */
typedef struct lint_job {
    const char *path;
    cf_doc *doc;       /* kept until reported: findings point into it */
    cf_diags ds;
    bool *rules_on;    /* junit: which rules were on for it */
    const cf_param_sets *sets; /* values given for its parameters, or NULL */
    cf_diags *by_set;  /* E2900 findings about each set from a file */
    bool plain_too;    /* linted without the sets as well (parameter files) */
    const char *rc_path; /* the configuration file in force, or NULL */
    int status;
    cf_buf errors;     /* what goes to stderr, in order with the reports */
    /* the streamed formats: its findings rendered by the worker, which
     * then frees the document (in the thread whose memory it is) */
    bool rendered;
    cf_buf report;
    size_t nreport;
    bool done;
    bool found;        /* found in a folder: linted only when a template by content */
} lint_job;

__attribute__((format(printf, 2, 3))) static void job_error(lint_job *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cf_buf b = {0};
    buf_adds(&b, "cfnfix: ");
    esc_texts(&b, msg);
    buf_addc(&b, '\n');
    buf_add(&j->errors, b.data, b.len);
    buf_free(&b);
    free(msg);
}

/* ds (sorted) and more (sorted) into ds in cfn-lint's order for two runs
 * over one template: by line and rule, the first run's first. */
static void merge_runs(cf_diags *ds, cf_diags *more)
{
    cf_diag *v = xmalloc(sizeof *v * (ds->n + more->n + 1));
    size_t i = 0, k = 0, w = 0;
    while (i < ds->n || k < more->n) {
        bool first = k >= more->n;
        if (!first && i < ds->n) {
            const cf_diag *a = &ds->v[i], *b = &more->v[k];
            first = a->pos.line < b->pos.line ||
                    (a->pos.line == b->pos.line && strcmp(a->rule->id, b->rule->id) <= 0);
        }
        v[w++] = first ? ds->v[i++] : more->v[k++];
    }
    free(ds->v);
    free(more->v);
    ds->v = v;
    ds->n = ds->cap = w;
    more->v = NULL;
    more->n = more->cap = 0;
}

/* With values given for its parameters: E2900 about them, then (for
 * parameter files) the template linted once more without them, as
 * cfn-lint does. */
static void lint_given(lint_job *j, const cf_doc *doc, const cf_lint_opts *opts)
{
    if (cf_rule_enabled(opts, "E2900")) {
        cf_param_sets_check(doc, j->sets, &j->ds, j->by_set);
        cf_diags_sort(&j->ds);
        cf_diags_dedup(&j->ds);
        for (size_t i = 0; j->by_set && i < j->sets->n; i++) {
            cf_diags_sort(&j->by_set[i]);
            cf_diags_dedup(&j->by_set[i]);
        }
    }
    if (j->plain_too) {
        /* that run takes the template's own (Metadata) values, if any */
        cf_lint_opts plain = *opts;
        cf_param_sets meta = {0};
        plain.param_sets = cf_param_sets_from_metadata(doc, &meta) ||
                                   cf_param_sets_from_config_file(j->rc_path, &meta)
                               ? &meta
                               : NULL;
        cf_diags more = {0};
        cf_lint(doc, &plain, &more);
        if (plain.param_sets && cf_rule_enabled(opts, "E2900")) {
            cf_param_sets_check(doc, &meta, &more, NULL);
            cf_diags_sort(&more);
            cf_diags_dedup(&more);
        }
        cf_param_sets_free(&meta);
        merge_runs(&j->ds, &more);
        cf_diags_free(&more);
    }
}

/* Lint one template into its job (a worker does this, with the spec all
 * workers share: it is thread-safe). */
static void lint_job_run(lint_run *run, lint_job *j, cf_spec *spec)
{
    const char *config_error;
    pthread_mutex_lock(&run->lock);
    const cf_lintrc *rc = cf_lintrc_lookup_for(run->lookup, j->path, &config_error);
    if (config_error)
        job_error(j, "%s", config_error);
    pthread_mutex_unlock(&run->lock);
    if (config_error) {
        j->status = CF_EXIT_USAGE;
        return;
    }
    cf_lint_opts cli = *run->cli;
    cli.spec = spec;
    cli.param_sets = j->sets;
    j->rc_path = rc ? rc->path : NULL;
    char err[1024];
    cf_lint_setup setup;
    /* the file's own problems first, then the template's */
    if (cf_lint_setup_for(&setup, &cli, rc, NULL, j->path, err, sizeof err) < 0) {
        job_error(j, "%s", err);
        j->status = CF_EXIT_USAGE;
        return;
    }
    cf_lint_setup_free(&setup);
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(j->path, &rerr);
    if (!doc) {
        job_error(j, "%s", rerr.message);
        j->status = CF_EXIT_USAGE;
        return;
    }
    if (j->found && !cf_doc_is_template(doc)) { /* a workflow, a package.json: not ours */
        cf_doc_free(doc);
        return;
    }
    if (cf_lint_setup_for(&setup, &cli, rc, doc, j->path, err, sizeof err) < 0) {
        job_error(j, "%s", err);
        cf_doc_free(doc);
        j->status = CF_EXIT_USAGE;
        return;
    }
    /* no values given on the command line: the template's Metadata
     * cfn-lint config may give some */
    cf_param_sets meta = {0};
    if (!j->sets && (cf_param_sets_from_metadata(doc, &meta) ||
                     cf_param_sets_from_config_file(rc ? rc->path : NULL, &meta))) {
        j->sets = &meta;
        setup.opts.param_sets = &meta;
    }
    cf_lint(doc, &setup.opts, &j->ds);
    if (j->sets)
        lint_given(j, doc, &setup.opts);
    if (j->sets == &meta)
        j->sets = NULL;
    cf_param_sets_free(&meta);
    j->status = count_status(&j->ds);
    /* those formats carry the fixes as suggested; the re-linting verifier
     * (a lint per fix) is fix's, and fix -f json lists what it takes */
    if (run->fmt == CF_FMT_JSON || run->fmt == CF_FMT_SARIF)
        cf_fixes_suggest(doc, &setup.opts, &j->ds);
    if (run->fmt == CF_FMT_JUNIT) {
        j->rules_on = xcalloc(run->nrules ? run->nrules : 1, sizeof *j->rules_on);
        cf_lint_rules_on(doc, &setup.opts, j->rules_on);
    }
    cf_lint_setup_free(&setup);
    j->doc = doc;
}

/* Workers take the next template until none is left. */
typedef struct pool {
    lint_run *run;
    lint_job *jobs;
    size_t njobs, next;
    pthread_mutex_t lock;
    pthread_cond_t done;
    size_t awaited;   /* the job the reporting thread waits for; njobs: none */
    cf_spec *spec;    /* shared by the workers (it is thread-safe) */
    char *spec_error; /* the data could not be opened */
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->njobs ? p->next++ : p->njobs;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->njobs)
            break;
        if (p->spec) {
            lint_job *j = &p->jobs[i];
            lint_job_run(p->run, j, p->spec);
            if (j->doc && cf_report_render(p->run->fmt, j->path, &j->ds, &j->report)) {
                j->rendered = true;
                j->nreport = j->ds.n;
                cf_diags_free(&j->ds);
                cf_doc_free(j->doc);
                j->doc = NULL;
            }
        } else {
            job_error(&p->jobs[i], "%s", p->spec_error);
            p->jobs[i].status = CF_EXIT_USAGE;
        }
        /* wake the reporting thread only for the job it waits for (see
         * lint_all) */
        pthread_mutex_lock(&p->lock);
        p->jobs[i].done = true;
        if (p->awaited == i)
            pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

/* A file to lint: named, or found in a folder named. */
typedef struct lint_target {
    const char *path;
    bool found;
} lint_target;

/* Each template's memory is freed when it is reported, and the next one
 * asks for as much again.  glibc gives the top of a thread's heap back to
 * the system once 128 KiB are free there (madvise, then a TLB flush on
 * every CPU the process runs on) and maps large blocks afresh each time:
 * on the corpus that was an eighth of the CPU time, spent faulting the
 * same pages in and out.  Keep what was freed, as far as peak use goes. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

#define REPORT_BURST 16

/* Lint every template with `threads` workers; report in the order given. */
static int lint_all(lint_run *run, const lint_target *paths, size_t n, unsigned threads, cf_report *rep)
{
    keep_freed_memory();
    char err[1024] = "";
    cf_spec *spec = cf_spec_open(err, sizeof err);
    pool p = {run, xcalloc(n ? n : 1, sizeof(lint_job)), n, 0, PTHREAD_MUTEX_INITIALIZER,
              PTHREAD_COND_INITIALIZER, n, spec, spec ? NULL : xstrdup(err)};
    for (size_t i = 0; i < n; i++) {
        p.jobs[i].path = paths[i].path;
        p.jobs[i].found = paths[i].found;
    }
    if (threads > n)
        threads = (unsigned)n;
    pthread_t *tids = xcalloc(threads ? threads : 1, sizeof *tids);
    unsigned started = 0;
    for (unsigned t = 0; t < threads; t++)
        started += cf_thread_start(&tids[t], worker, &p) == 0;
    if (!started)
        worker(&p); /* no threads to be had: do it here */
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        /* A wake-up costs a futex call each side, and on a VM an
         * interrupt to another CPU: one per template was as much as a rule
         * family.  So the thread waits for a job some way ahead and then
         * reports all that are done; the one it needs next if that is
         * slower.  The order of the reports is kept; they come in bursts. */
        pthread_mutex_lock(&p.lock);
        while (!p.jobs[i].done) {
            size_t ahead = i + REPORT_BURST < n ? i + REPORT_BURST : n - 1;
            p.awaited = p.jobs[ahead].done ? i : ahead;
            pthread_cond_wait(&p.done, &p.lock);
        }
        p.awaited = n;
        pthread_mutex_unlock(&p.lock);
        lint_job *j = &p.jobs[i];
        fflush(stdout);
        if (j->errors.len)
            fwrite(j->errors.data, 1, j->errors.len, stderr);
        if (j->rendered) {
            cf_report_rendered(rep, &j->report, j->nreport);
        } else if (j->doc) {
            if (j->rules_on)
                cf_report_rules_on(rep, j->rules_on);
            cf_report_file(rep, j->path, &j->ds);
        }
        status |= j->status;
        cf_diags_free(&j->ds);
        cf_doc_free(j->doc);
        free(j->rules_on);
        buf_free(&j->errors);
        buf_free(&j->report);
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    if (!p.spec_error && spec && cf_spec_error(spec))
        p.spec_error = xstrdup(cf_spec_error(spec));
    cf_spec_close(spec);
    if (p.spec_error) {
        cli_error("%s", p.spec_error);
        status |= CF_EXIT_USAGE;
        free(p.spec_error);
    }
    free(tids);
    free(p.jobs);
    return status;
}

/* By name; the same name twice by where it was given, so the sort is
 * stable. */
typedef struct sorted_target {
    lint_target t;
    size_t given;
} sorted_target;

static int cmp_path(const void *a, const void *b)
{
    const sorted_target *x = a, *y = b;
    int c = strcmp(x->t.path, y->t.path);
    return c ? c : (x->given > y->given) - (x->given < y->given);
}

/* The files to lint: the operands, a folder standing for the template
 * files under it (template_files.h).  Returns the count; the found paths
 * are kept in *owned for freeing.  A folder that cannot be read is an
 * error (*status). */
static size_t lint_targets(char **operands, size_t n, sorted_target **out, char ***owned, size_t *nowned,
                           int *status)
{
    sorted_target *v = NULL;
    size_t nv = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(operands[i], "-") != 0 && stat(operands[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            char **files, err[1024];
            bool truncated;
            long k = cf_template_files(operands[i], &files, &truncated, err, sizeof err);
            if (k < 0) {
                cli_error("lint: %s", err);
                *status |= CF_EXIT_USAGE;
                continue;
            }
            if (truncated)
                cli_error("lint: %s holds more than %d template files: the first %d (by name) are linted",
                          operands[i], CF_MAX_FOLDER_FILES, CF_MAX_FOLDER_FILES);
            if (!k) { /* nothing checked must not pass for a clean run */
                cli_error("lint: %s holds no .yaml, .yml, .json or .template file", operands[i]);
                *status |= CF_EXIT_USAGE;
            }
            v = xrealloc(v, (nv + (size_t)k + 1) * sizeof *v);
            *owned = xrealloc(*owned, (*nowned + (size_t)k + 1) * sizeof **owned);
            for (long f = 0; f < k; f++) {
                (*owned)[(*nowned)++] = files[f];
                v[nv] = (sorted_target){{files[f], true}, nv};
                nv++;
            }
            free(files);
            continue;
        }
        v = xrealloc(v, (nv + 1) * sizeof *v);
        v[nv] = (sorted_target){{operands[i], false}, nv};
        nv++;
    }
    *out = v;
    return nv;
}

/* One file's findings, to be reported in cfn-lint's order (by name). */
typedef struct given_entry {
    const char *name;
    cf_diags *ds;
    bool *rules_on;
} given_entry;

typedef struct given_run {
    cf_param_sets sets;  /* the sets of one template */
    char *template;
    cf_diags *by_set;
} given_run;

/* Lint with values given for the parameters: templates with the sets of
 * --parameters or --parameter-files, or each template deployment files
 * name with theirs.  Serial: there are few, and their findings are
 * reported together, in order of file name. */
static int lint_given_all(lint_run *run, char **templates, size_t ntemplates, cf_param_sets *cli_sets,
                          char **pfiles, size_t npf, char **dfiles, size_t ndf, cf_report *rep)
{
    int status = 0;
    char err[1024] = "";
    cf_spec *spec = cf_spec_open(err, sizeof err);
    if (!spec) {
        cli_error("%s", err);
        return CF_EXIT_USAGE;
    }
    given_entry *entries = NULL;
    size_t nentries = 0;
    cf_doc **docs = NULL;
    size_t ndocs = 0;
    given_run *runs = NULL;
    size_t nruns = 0;
    cf_diags *file_ds = xcalloc(npf + ndf + 1, sizeof *file_ds);
#define ADD_ENTRY(n, d, on)                                                          \
    do {                                                                             \
        entries = xrealloc(entries, sizeof *entries * (nentries + 1));               \
        entries[nentries++] = (given_entry){(n), (d), (on)};                         \
    } while (0)
    /* the files first: those that cannot be used say so */
    cf_param_sets file_sets = {0};
    for (size_t i = 0; i < npf + ndf; i++) {
        bool dep = i >= npf;
        const char *path = dep ? dfiles[i - npf] : pfiles[i];
        cf_param_set set;
        cf_doc *doc = NULL;
        char *template = NULL;
        cf_read_error rerr;
        int rc = dep ? cf_deployment_file_load(path, &set, &template, &doc, &file_ds[i], &rerr)
                     : cf_param_file_load(path, &set, &doc, &file_ds[i], &rerr);
        if (!doc) {
            cli_error("%s", rerr.message);
            status |= CF_EXIT_USAGE;
            continue;
        }
        docs = xrealloc(docs, sizeof *docs * (ndocs + 1));
        docs[ndocs++] = doc;
        if (rc < 0) {
            ADD_ENTRY(path, &file_ds[i], NULL);
            continue;
        }
        cf_param_sets *into = &file_sets;
        if (dep) {
            size_t r = 0;
            while (r < nruns && strcmp(runs[r].template, template))
                r++;
            if (r == nruns) {
                runs = xrealloc(runs, sizeof *runs * (nruns + 1));
                runs[nruns++] = (given_run){{0}, template, NULL};
            } else {
                free(template);
            }
            into = &runs[r].sets;
        }
        into->v = xrealloc(into->v, sizeof *into->v * (into->n + 1));
        into->v[into->n++] = set;
    }
    if (!ndf) {
        for (size_t t = 0; t < ntemplates; t++) {
            runs = xrealloc(runs, sizeof *runs * (nruns + 1));
            runs[nruns++] = (given_run){{0}, xstrdup(templates[t]), NULL};
        }
    }
    lint_job *jobs = xcalloc(nruns + 1, sizeof *jobs);
    for (size_t r = 0; r < nruns; r++) {
        lint_job *j = &jobs[r];
        j->path = runs[r].template;
        const cf_param_sets *sets = ndf ? &runs[r].sets : cli_sets && cli_sets->n ? cli_sets : &file_sets;
        if (sets->n) {
            j->sets = sets;
            runs[r].by_set = j->by_set = xcalloc(sets->n, sizeof *j->by_set);
        }
        j->plain_too = npf > 0;
        lint_job_run(run, j, spec);
        fflush(stdout);
        if (j->errors.len)
            fwrite(j->errors.data, 1, j->errors.len, stderr);
        status |= j->status;
        if (j->doc)
            ADD_ENTRY(j->path, &j->ds, j->rules_on);
        for (size_t i = 0; j->sets && i < sets->n; i++)
            if (j->by_set[i].n) {
                status |= count_status(&j->by_set[i]);
                ADD_ENTRY(sets->v[i].source, &j->by_set[i], NULL);
            }
    }
    for (size_t i = 0; i < npf + ndf; i++)
        status |= count_status(&file_ds[i]);
    /* by file name, keeping the order found otherwise (a stable sort) */
    for (size_t i = 1; i < nentries; i++)
        for (size_t k = i; k > 0 && strcmp(entries[k - 1].name, entries[k].name) > 0; k--) {
            given_entry tmp = entries[k];
            entries[k] = entries[k - 1];
            entries[k - 1] = tmp;
        }
    for (size_t i = 0; i < nentries; i++) {
        if (entries[i].rules_on)
            cf_report_rules_on(rep, entries[i].rules_on);
        cf_report_file(rep, entries[i].name, entries[i].ds);
    }
#undef ADD_ENTRY
    if (cf_spec_error(spec)) {
        cli_error("%s", cf_spec_error(spec));
        status |= CF_EXIT_USAGE;
    }
    for (size_t r = 0; r < nruns; r++) {
        lint_job *j = &jobs[r];
        cf_diags_free(&j->ds);
        cf_doc_free(j->doc);
        free(j->rules_on);
        buf_free(&j->errors);
        for (size_t i = 0; j->sets && i < j->sets->n; i++)
            cf_diags_free(&j->by_set[i]);
        free(runs[r].by_set);
        free(runs[r].template);
        cf_param_sets_free(&runs[r].sets);
    }
    free(jobs);
    free(runs);
    cf_param_sets_free(&file_sets);
    for (size_t i = 0; i < npf + ndf; i++)
        cf_diags_free(&file_ds[i]);
    free(file_ds);
    for (size_t i = 0; i < ndocs; i++)
        cf_doc_free(docs[i]);
    free(docs);
    free(entries);
    cf_spec_close(spec);
    return status;
}

/* An option that takes one or more values, as cfn-lint's do: optarg and
 * the arguments after it up to the next option (KEY=VALUE ones only for
 * --parameters). */
static void take_values(int argc, char **argv, bool pairs, char ***list, size_t *n)
{
    *list = xrealloc(*list, sizeof **list * (*n + 1));
    (*list)[(*n)++] = xstrdup(optarg);
    while (optind < argc && argv[optind][0] != '-' && (!pairs || strchr(argv[optind], '='))) {
        *list = xrealloc(*list, sizeof **list * (*n + 1));
        (*list)[(*n)++] = xstrdup(argv[optind++]);
    }
}

int cmd_lint(int argc, char **argv)
{
    enum { OPT_IGNORE = 256, OPT_INCLUDE, OPT_REGIONS, OPT_DATE, OPT_CONFIG, OPT_PARAMS, OPT_PFILES, OPT_DFILES, OPT_EVENTS };
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"date", required_argument, NULL, OPT_DATE},
        {"format", required_argument, NULL, 'f'},
        {"regions", required_argument, NULL, OPT_REGIONS},
        {"ignore-checks", required_argument, NULL, OPT_IGNORE},
        {"include-checks", required_argument, NULL, OPT_INCLUDE},
        {"config-file", required_argument, NULL, OPT_CONFIG},
        {"parameters", required_argument, NULL, OPT_PARAMS},
        {"parameter-files", required_argument, NULL, OPT_PFILES},
        {"deployment-files", required_argument, NULL, OPT_DFILES},
        {"stack-events", required_argument, NULL, OPT_EVENTS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cf_lint_opts opts = {0};
    cf_lint_set_today(&opts, NULL);
    cf_format fmt = CF_FMT_TEXT;
    const char *config_file = NULL;
    cf_lintrc_lookup lookup = {0};
    cf_param_sets cli_sets = {0};
    char **pfiles = NULL, **dfiles = NULL;
    size_t npfiles = 0, ndfiles = 0;
    const char *events_path = NULL;
    cf_stack_events events = {0};
    int c, status = CF_EXIT_OK;
    optind = 1;
    opterr = 0;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = ncpu > 0 ? (unsigned)ncpu : 1;
    while ((c = getopt_long(argc, argv, "f:hj:", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 1024) {
                cli_error("lint: -j wants a number of jobs from 1 to 1024, not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            jobs = (unsigned)v;
            break;
        }
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
        case OPT_PARAMS: {
            char **args = NULL;
            size_t nargs = 0;
            take_values(argc, argv, true, &args, &nargs);
            cli_sets.v = xrealloc(cli_sets.v, sizeof *cli_sets.v * (cli_sets.n + 1));
            int bad = cf_param_set_from_args(&cli_sets.v[cli_sets.n++], args, nargs);
            cli_free_list(args, nargs);
            if (bad) {
                cli_error("lint: --parameters wants KEY=VALUE pairs");
                status = CF_EXIT_USAGE;
                goto done;
            }
            break;
        }
        case OPT_PFILES:
            take_values(argc, argv, false, &pfiles, &npfiles);
            break;
        case OPT_DFILES:
            take_values(argc, argv, false, &dfiles, &ndfiles);
            break;
        case OPT_EVENTS:
            events_path = optarg;
            break;
        case 'h':
            usage(stdout);
            goto done;
        default:
            if (optopt)
                cli_error("lint: option '-%c' %s", optopt,
                          strchr("fj", optopt) ? "needs a value" : "is not known");
            else
                cli_error("lint: option '%s' is not known or needs a value", argv[optind - 1]);
            fputs("Try 'cfnfix lint --help'.\n", stderr);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }
    size_t ntemplates = (size_t)(argc - optind);
    const char *conflict = NULL;
    if (ndfiles && (ntemplates || cli_sets.n || npfiles))
        conflict = "deployment files cannot be used with templates, parameters, or parameter files";
    else if (cli_sets.n && npfiles)
        conflict = "cannot specify both --parameters and --parameter-files";
    else if ((cli_sets.n || npfiles) && ntemplates > 1)
        conflict = "parameters can only be used with a single template";
    else if (cli_stdin_repeated(argv + optind, ntemplates))
        conflict = "'-' (standard input) can be given once: it can be read only once";
    if (conflict) {
        cli_error("lint: %s", conflict);
        fputs("Try 'cfnfix lint --help'.\n", stderr);
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (optind >= argc && !ndfiles) {
        cli_error("lint: no template given");
        fputs("Try 'cfnfix lint --help'.\n", stderr);
        status = CF_EXIT_USAGE;
        goto done;
    }

    if (events_path) {
        status = cf_stack_events_option("lint", events_path, argv + optind, ndfiles ? 2 : ntemplates, &events);
        if (status)
            goto done;
        opts.stack_events = &events;
    }
    char err[1024] = "";
    /* a configuration file named or in the current folder applies to every
     * template, so a broken one stops everything */
    if (cf_lintrc_lookup_init(&lookup, config_file, err, sizeof err) < 0) {
        cli_error("%s", err);
        status = CF_EXIT_USAGE;
        goto done;
    }

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
    const cf_lintrc *fixed = cf_lintrc_lookup_fixed(&lookup);
    if (!opts.nregions && !(fixed && fixed->nregions) && !cf_spec_region_known(opts.spec, cf_default_region())) {
        cli_error("lint: unknown region '%s' (cfnfix spec info lists the data in use)", cf_default_region());
        status = CF_EXIT_USAGE;
        goto done;
    }

    size_t nrules;
    cf_rules_all(&nrules);
    lint_run run = {&opts, &lookup, fmt, nrules, PTHREAD_MUTEX_INITIALIZER};
    cf_report *rep = cf_report_begin(fmt, stdout);
    /* stdin can be read once: one worker */
    bool reads_stdin = false;
    for (int i = optind; i < argc; i++)
        reads_stdin |= !strcmp(argv[i], "-");
    if (cli_sets.n || npfiles || ndfiles) {
        status |= lint_given_all(&run, argv + optind, ntemplates, &cli_sets, pfiles, npfiles, dfiles, ndfiles, rep);
    } else {
        /* cfn-lint prints the findings of several templates sorted by file
         * name (stable: the same file twice keeps its place); so do we.  "-"
         * has no name to sort by: with it, the order given stays. */
        sorted_target *sorted = NULL;
        char **owned = NULL;
        size_t nowned = 0;
        size_t npaths = lint_targets(argv + optind, (size_t)(argc - optind), &sorted, &owned, &nowned, &status);
        if (!reads_stdin)
            qsort(sorted, npaths, sizeof *sorted, cmp_path);
        lint_target *paths = xcalloc(npaths ? npaths : 1, sizeof *paths);
        for (size_t i = 0; i < npaths; i++)
            paths[i] = sorted[i].t;
        status |= lint_all(&run, paths, npaths, reads_stdin ? 1 : jobs, rep);
        free(paths);
        free(sorted);
        cli_free_list(owned, nowned);
    }
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
    cf_lintrc_lookup_free(&lookup);
    cf_param_sets_free(&cli_sets);
    cli_free_list(pfiles, npfiles);
    cli_free_list(dfiles, ndfiles);
    cf_stack_events_free(&events);
    return status;
}
