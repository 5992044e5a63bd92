/* cfnfix fix: propose (or apply) the fixes for what lint finds.  A dry run
 * prints a unified diff; --apply writes each file atomically; '-' reads
 * stdin and prints the fixed template.  Every patch is verified by parsing
 * the result before anything is shown or written. */
#include "atomicfile.h"
#include "cli.h"
#include "doc.h"
#include "escape.h"
#include "fix_apply.h"
#include "fix_log.h"
#include "fixes.h"
#include "lint.h"
#include "lintrc.h"
#include "patch.h"
#include "readfile.h"
#include "review.h"
#include "spec.h"
#include "stack_events.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit statuses of `fix`: did it (or would it) change anything.  STALE: a
 * file changed on disk while cfnfix worked on it (or another cfnfix was
 * writing it), so nothing was written to it; running again will do. */
enum { FIX_NOTHING = 0, FIX_CHANGED = 1, FIX_REFUSED = 2, FIX_STALE = 3, FIX_REVIEW_STALE = 4 };

static void usage(FILE *out)
{
    fputs("Usage: cfnfix fix [OPTIONS] FILE...\n"
          "Fix what `cfnfix lint` finds, changing only the bytes each fix needs.\n"
          "By default a dry run: the unified diff of the safe fixes is printed.\n"
          "\n"
          "Options:\n"
          "      --apply                write the fixes into the files (atomically)\n"
          "      --unsafe               also apply fixes that change behaviour (a major\n"
          "                             version upgrade, a renamed reference)\n"
          "      --rule IDS             only fixes for findings of these rule ids (prefixes)\n"
          "      --backup[=SUFFIX]      with --apply, keep the original as FILE.orig (or\n"
          "                             FILE+SUFFIX)\n"
          "      --regions REGIONS      regions to check against, as for lint\n"
          "      --date YYYY-MM-DD      judge lifecycle dates against this day\n"
          "  -f, --format FORMAT        diff (default): the unified diff, or the fixed\n"
          "                             template for '-'; json: every fix considered, with\n"
          "                             its edits, whether it was (or would be) applied,\n"
          "                             and why not\n"
          "      --config-file FILE     read cfn-lint's configuration from FILE instead of\n"
          "                             ./.cfnlintrc (else the template's folder's)\n"
          "      --stack-events FILE    fix what the last deployment failed on, as lint\n"
          "                             --stack-events finds it (one template)\n"
          "      --apply-review REVIEW  write the changes a TUI review accepted (saved with\n"
          "                             --review-out or W) into the one template given,\n"
          "                             or the one the review names; refused when the\n"
          "                             template is no longer the one reviewed\n"
          "  -q, --quiet                no summary on stderr\n"
          "  -h, --help                 show this help\n"
          "\n"
          "'-' reads a template from stdin and prints it fixed.  The configuration\n"
          "file and a template's Metadata: cfn-lint: config apply as for lint.\n"
          "\n"
          "Exit status: 0 nothing to fix; 1 fixes were applied (or, in a dry run,\n"
          "would be); 2 a fix was refused (it did not verify, or conflicted); 3 a\n"
          "file changed on disk while cfnfix worked on it, so nothing was written to\n"
          "it (run again); 4 --apply-review refused: the template is not the one\n"
          "reviewed; 32 for a usage error or a file (a review too) that cannot be\n"
          "read or written.\n",
          out);
}

typedef struct fix_opts {
    cf_lint_opts lint;
    bool apply, unsafe, quiet;
    bool json;      /* -f json: what was (or would be) applied, on stdout */
    cf_buf json_out; /* the files' objects so far */
    size_t json_files;
    char **rules;
    size_t nrules;
    const char *backup;
    cf_lintrc_lookup lookup; /* the configuration file of each template */
} fix_opts;

static bool rule_selected(const fix_opts *o, const char *id)
{
    if (!o->nrules)
        return true;
    for (size_t i = 0; i < o->nrules; i++)
        if (!strncmp(o->rules[i], id, strlen(o->rules[i])))
            return true;
    return false;
}

static void note(const fix_opts *o, const char *file, const char *fmt, const char *a, const char *b)
{
    if (o->quiet)
        return;
    cf_buf msg = {0};
    buf_printf(&msg, "%s: ", file);
    buf_printf(&msg, fmt, a, b);
    cli_error("%s", msg.data);
    buf_free(&msg);
}

/* A refused fix, on stderr (unless quiet). */
typedef struct refusal_ctx {
    const fix_opts *o;
    const char *label;
    const cf_fix **overlapped; /* told once the result is linted again */
    size_t noverlapped;
    cf_fix_log *log;     /* -f json */
    const cf_diags *ds;  /* the findings the fixes are for */
    char *combined;      /* why the combined fixes were refused */
} refusal_ctx;

static void refused(void *ctx, cf_fix_refusal why, const cf_fix *f, const char *detail)
{
    refusal_ctx *r = ctx;
    switch (why) {
    case CF_FIX_OVERLAPS: r->overlapped[r->noverlapped++] = f; break;
    case CF_FIX_UNVERIFIED:
        note(r->o, r->label, "refused \"%s\": %s", f->title, detail);
        cf_fix_log_add(r->log, cf_fix_owner(r->ds, f), f, "refused", detail);
        break;
    case CF_FIX_COMBINED:
        note(r->o, r->label, "refused the combined fixes: %s%s", detail, "");
        free(r->combined);
        r->combined = xasprintf("together with the others it does not verify: %s", detail);
        break;
    case CF_FIX_DISPLAY_ONLY: break; /* never chosen */
    }
}

static int fix_file(fix_opts *o, const char *path)
{
    bool is_stdin = !strcmp(path, "-");
    const char *label = is_stdin ? "<stdin>" : path;
    const char *config_error;
    const cf_lintrc *rc = cf_lintrc_lookup_for(&o->lookup, path, &config_error);
    if (config_error) {
        cli_error("%s", config_error);
        return CF_EXIT_USAGE;
    }
    char err[1024];
    cf_lint_setup setup;
    /* the configuration file's own problems first, then the template's */
    if (cf_lint_setup_for(&setup, &o->lint, rc, NULL, label, err, sizeof err) < 0) {
        cli_error("%s", err);
        return CF_EXIT_USAGE;
    }
    cf_lint_setup_free(&setup);
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        cli_error("%s", rerr.message);
        return CF_EXIT_USAGE;
    }
    if (doc->failed) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        cli_error("%s:%u:%u: cannot fix a template that does not parse: %s", label, p.line, p.col, doc->err_msg);
        cf_doc_free(doc);
        return FIX_REFUSED;
    }
    if (cf_lint_setup_for(&setup, &o->lint, rc, doc, label, err, sizeof err) < 0) {
        cli_error("%s", err);
        cf_doc_free(doc);
        return CF_EXIT_USAGE;
    }
    cf_diags ds = {0};
    cf_lint(doc, &setup.opts, &ds);
    cf_fixes_suggest(doc, &setup.opts, &ds);
    cf_fix_log log = {0};

    const cf_fix **take = xmalloc((ds.n + 1) * sizeof *take);
    size_t ntake = 0, unsafe_left = 0, by_hand = 0;
    for (size_t i = 0; i < ds.n; i++) {
        const cf_diag *d = &ds.v[i];
        if (!rule_selected(o, d->rule->id))
            continue;
        const cf_fix *f = cf_fix_choose(d, o->unsafe);
        if (f) {
            take[ntake++] = f;
        } else if ((f = cf_fix_choose(d, true))) {
            unsafe_left++;
            cf_fix_log_add(&log, d, f, "needs --unsafe", NULL);
        } else if (d->nfixes) {
            by_hand++; /* display-only: a person must act */
            cf_fix_log_add(&log, d, &d->fixes[0], "display-only", NULL);
        }
    }
    refusal_ctx rctx = {o, label, xmalloc((ntake + 1) * sizeof *rctx.overlapped), 0, &log, &ds, NULL};
    cf_fix_result res;
    /* the verifier re-lints: no fix is taken that leaves its finding or
     * brings a new one as severe */
    cf_fix_judge judge = {&setup.opts, &ds, o->unsafe};
    size_t taken = cf_fix_apply_judged(doc, take, ntake, &judge, refused, &rctx, &res);
    /* A fix skipped for overlapping one taken is no refusal when the one
     * taken resolved its finding too (both rewrite the same value). */
    cf_diags after = {0};
    if (rctx.noverlapped && res.doc)
        cf_lint(res.doc, &setup.opts, &after);
    for (size_t i = 0; i < rctx.noverlapped; i++) {
        const cf_fix *f = rctx.overlapped[i];
        const cf_diag *d = cf_fix_owner(&ds, f);
        if (res.doc && d && !cf_fix_finding_remains(d, &after)) {
            res.refused--;
            note(o, label, "not needed \"%s\": a fix already taken resolves its finding%s", f->title, "");
            cf_fix_log_add(&log, d, f, "not needed", "a fix already taken resolves its finding");
        } else {
            note(o, label, "skipped \"%s\": it overlaps a fix already taken%s", f->title, "");
            cf_fix_log_add(&log, d, f, "refused", "it overlaps a fix already taken");
        }
    }
    cf_diags_free(&after);
    free(rctx.overlapped);
    for (size_t i = 0; res.doc && i < res.patch.nfixes; i++)
        cf_fix_log_add(&log, cf_fix_owner(&ds, res.patch.fixes[i]), res.patch.fixes[i], "applied", NULL);
    for (size_t i = 0; i < ntake; i++) {
        const cf_diag *d = cf_fix_owner(&ds, take[i]);
        bool other = false; /* another alternative of its finding was taken instead */
        for (size_t k = 0; res.doc && d && k < d->nfixes; k++)
            other |= cf_fix_log_has(&log, &d->fixes[k]);
        if (res.doc && cf_patch_has_fix(&res.patch, take[i]))
            cf_fix_log_add(&log, d, take[i], "applied", NULL);
        else
            cf_fix_log_add(&log, d, take[i], other ? "not needed" : "refused",
                           other ? "another alternative of its finding was taken" : rctx.combined);
    }
    free(take);
    free(rctx.combined);
    int status = res.refused ? FIX_REFUSED : FIX_NOTHING;
    /* Fixes drawn from data that failed to load (a broken overlay: the
     * shipped data stood in for what the user imported) are shown, never
     * written; the error itself is reported at the end, as lint does. */
    if (taken && (o->apply || is_stdin) && cf_spec_error(o->lint.spec)) {
        cli_error("%s: nothing written: the fixes rest on spec data that did not load", label);
        if (is_stdin)
            fwrite(doc->src, 1, doc->len, stdout);
        cf_fix_log_free(&log);
        cf_fix_result_free(&res);
        cf_diags_free(&ds);
        cf_lint_setup_free(&setup);
        cf_doc_free(doc);
        return CF_EXIT_USAGE;
    }
    const char *fixed = taken ? res.doc->src : NULL;
    bool written = true;
    size_t fixed_len = taken ? res.doc->len : 0;

    if (!taken) {
        if (is_stdin && !o->json)
            fwrite(doc->src, 1, doc->len, stdout);
    } else if (is_stdin) {
        if (!o->json)
            fwrite(fixed, 1, fixed_len, stdout);
        status = status == FIX_REFUSED ? FIX_REFUSED : FIX_CHANGED;
    } else if (o->apply) {
        int wrote = atomic_replace(path, doc->src, doc->len, fixed, fixed_len, o->backup, err, sizeof err);
        if (wrote != ATOMIC_OK) {
            cli_error("%s", err);
            status = wrote == ATOMIC_STALE ? FIX_STALE : CF_EXIT_USAGE;
            written = false;
        } else {
            status = status == FIX_REFUSED ? FIX_REFUSED : FIX_CHANGED;
        }
    } else if (o->json) {
        status = status == FIX_REFUSED ? FIX_REFUSED : FIX_CHANGED;
    } else {
        cf_buf diff = {0}, safe = {0};
        /* git's labels for a relative path (patch -p1), the path itself else */
        char *a = path[0] == '/' ? xstrdup(path) : xasprintf("a/%s", path);
        char *b = path[0] == '/' ? xstrdup(path) : xasprintf("b/%s", path);
        cf_patch_diff(doc, &res.patch, a, b, &diff);
        /* a terminal gets no raw control characters; a pipe gets a patch */
        if (isatty(STDOUT_FILENO)) {
            for (size_t i = 0; i < diff.len;) {
                size_t j = i;
                while (j < diff.len && diff.data[j] != '\n')
                    j++;
                esc_text(&safe, diff.data + i, j - i);
                buf_addc(&safe, '\n');
                i = j + 1;
            }
            fwrite(safe.data, 1, safe.len, stdout);
        } else {
            fwrite(diff.data, 1, diff.len, stdout);
        }
        buf_free(&diff);
        buf_free(&safe);
        free(a);
        free(b);
        status = status == FIX_REFUSED ? FIX_REFUSED : FIX_CHANGED;
    }
    /* no count of fixes that were not written after all */
    if (!o->quiet && written && (taken || unsafe_left || by_hand)) {
        char counts[128];
        snprintf(counts, sizeof counts, "%zu fix%s %s", taken, taken == 1 ? "" : "es",
                 !taken ? "to apply" : o->apply || is_stdin ? "applied" : "would be applied");
        char more[128] = "";
        size_t m = 0;
        if (unsafe_left)
            m += (size_t)snprintf(more, sizeof more, "; %zu more with --unsafe", unsafe_left);
        if (by_hand && m < sizeof more)
            snprintf(more + m, sizeof more - m, "; %zu to make by hand (see fix -f json)", by_hand);
        note(o, label, "%s%s", counts, more);
    }
    if (o->json) {
        buf_adds(&o->json_out, o->json_files++ ? ",\n" : "\n");
        cf_fix_log_json(&o->json_out, label, &log, taken && written && (o->apply || is_stdin));
    }
    cf_fix_log_free(&log);
    cf_fix_result_free(&res);
    cf_diags_free(&ds);
    cf_lint_setup_free(&setup);
    cf_doc_free(doc);
    return status;
}

/* --apply-review: the result a review recorded, written only over the
 * very bytes it was made from (length and MD5), with --apply's discipline:
 * the result must load, and the file is replaced atomically, refused if it
 * changes meanwhile. */
static int apply_review(const fix_opts *o, const char *review_path, const char *path)
{
    char err[1024];
    cf_review_loaded rv;
    if (cf_review_load(review_path, &rv, err, sizeof err) < 0) {
        cli_error("%s", err);
        return CF_EXIT_USAGE;
    }
    if (!path)
        path = rv.name;
    char *bytes = NULL;
    if (!strcmp(path, "-")) {
        cli_error("fix: --apply-review writes a file: standard input cannot be one");
        cf_review_loaded_free(&rv);
        return CF_EXIT_USAGE;
    }
    size_t len = 0;
    int status;
    char md5[33];
    if (read_whole_file(path, &bytes, &len, err, sizeof err) < 0) {
        cli_error("%s", err);
        status = CF_EXIT_USAGE;
        goto done;
    }
    cf_review_md5_hex(bytes, len, md5);
    if (len != rv.orig_len || strcmp(md5, rv.orig_md5)) {
        cli_error("%s: not applied: the template changed since the review %s was made (%zu bytes, MD5 %s; "
                  "the review is of %zu bytes, MD5 %s)",
                  path, review_path, len, md5, rv.orig_len, rv.orig_md5);
        status = FIX_REVIEW_STALE;
        goto done;
    }
    if (rv.result_len == len && !memcmp(rv.result, bytes, len)) {
        note(o, path, "%s%s", "the review accepted no change: nothing to apply", "");
        status = FIX_NOTHING;
        goto done;
    }
    char *copy = xmalloc(rv.result_len + 1);
    memcpy(copy, rv.result, rv.result_len);
    cf_doc *check = cf_doc_load_buffer(path, copy, rv.result_len);
    bool loads = !check->failed;
    cf_doc_free(check);
    if (!loads) {
        cli_error("%s: not applied: the result the review %s records does not load as YAML or JSON", path,
                  review_path);
        status = FIX_REFUSED;
        goto done;
    }
    int wrote = atomic_replace(path, bytes, len, rv.result, rv.result_len, o->backup, err, sizeof err);
    if (wrote != ATOMIC_OK) {
        cli_error("%s", err);
        status = wrote == ATOMIC_STALE ? FIX_STALE : CF_EXIT_USAGE;
        goto done;
    }
    if (!o->quiet)
        cli_error("%s: applied the review %s: %zu accepted, %zu rejected, %zu left open", path, review_path,
                  rv.accepted, rv.rejected, rv.open);
    status = FIX_CHANGED;
done:
    free(bytes);
    cf_review_loaded_free(&rv);
    return status;
}

int cmd_fix(int argc, char **argv)
{
    enum { O_APPLY = 256, O_UNSAFE, O_RULE, O_BACKUP, O_REGIONS, O_DATE, O_CONFIG, O_EVENTS, O_APPLY_REVIEW };
    static const struct option longopts[] = {
        {"apply", no_argument, NULL, O_APPLY},
        {"unsafe", no_argument, NULL, O_UNSAFE},
        {"rule", required_argument, NULL, O_RULE},
        {"backup", optional_argument, NULL, O_BACKUP},
        {"regions", required_argument, NULL, O_REGIONS},
        {"date", required_argument, NULL, O_DATE},
        {"config-file", required_argument, NULL, O_CONFIG},
        {"format", required_argument, NULL, 'f'},
        {"stack-events", required_argument, NULL, O_EVENTS},
        {"apply-review", required_argument, NULL, O_APPLY_REVIEW},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    fix_opts o;
    memset(&o, 0, sizeof o);
    cf_lint_set_today(&o.lint, NULL);
    const char *config_file = NULL, *events_path = NULL, *review_path = NULL;
    cf_stack_events events = {0};
    int c, status = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_APPLY: o.apply = true; break;
        case O_UNSAFE: o.unsafe = true; break;
        case O_RULE: cli_split_list(optarg, &o.rules, &o.nrules); break;
        case O_BACKUP: o.backup = optarg ? optarg : ".orig"; break;
        case O_REGIONS: cli_split_list(optarg, &o.lint.regions, &o.lint.nregions); break;
        case O_DATE:
            if (cf_lint_set_today(&o.lint, optarg) < 0) {
                cli_error("fix: --date wants YYYY-MM-DD, not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            break;
        case O_CONFIG: config_file = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "diff") != 0) {
                cli_error("fix: --format wants diff or json, not '%s'", optarg);
                status = CF_EXIT_USAGE;
                goto done;
            }
            o.json = !strcmp(optarg, "json");
            break;
        case O_EVENTS: events_path = optarg; break;
        case O_APPLY_REVIEW: review_path = optarg; break;
        case 'q': o.quiet = true; break;
        case 'h': usage(stdout); goto done;
        default:
            cli_error("fix: option '%s' is not known or needs a value", argv[optind - 1]);
            fputs("Try 'cfnfix fix --help'.\n", stderr);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }
    if (review_path) {
        /* the review decides what changes: no lint, no other fix option */
        if (argc - optind > 1 || o.apply || o.unsafe || o.nrules || o.json || events_path || o.lint.nregions) {
            cli_error("fix: --apply-review takes one template (or none: the one the review names), with at most "
                      "--backup and --quiet");
            status = CF_EXIT_USAGE;
            goto done;
        }
        status = apply_review(&o, review_path, optind < argc ? argv[optind] : NULL);
        goto done;
    }
    if (optind >= argc) {
        cli_error("fix: no template given");
        fputs("Try 'cfnfix fix --help'.\n", stderr);
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (cli_stdin_repeated(argv + optind, (size_t)(argc - optind))) {
        cli_error("fix: '-' (standard input) can be given once: it can be read only once");
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (o.backup && !o.apply) {
        cli_error("fix: --backup only makes sense with --apply");
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (events_path) {
        status = cf_stack_events_option("fix", events_path, argv + optind, (size_t)(argc - optind), &events);
        if (status)
            goto done;
        o.lint.stack_events = &events;
    }
    char err[1024] = "";
    /* a configuration file named or in the current folder applies to every
     * template, so a broken one stops everything */
    if (cf_lintrc_lookup_init(&o.lookup, config_file, err, sizeof err) < 0) {
        cli_error("%s", err);
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
            cli_error("fix: unknown region '%s'", o.lint.regions[i]);
            status = CF_EXIT_USAGE;
            goto done;
        }
    /* the default stands in when nothing names regions */
    const cf_lintrc *fixed = cf_lintrc_lookup_fixed(&o.lookup);
    if (!o.lint.nregions && !(fixed && fixed->nregions) && !cf_spec_region_known(o.lint.spec, cf_default_region())) {
        cli_error("fix: unknown region '%s'", cf_default_region());
        status = CF_EXIT_USAGE;
        goto done;
    }
    for (int i = optind; i < argc; i++) {
        int s = fix_file(&o, argv[i]);
        if (s == CF_EXIT_USAGE || status == CF_EXIT_USAGE)
            status = CF_EXIT_USAGE;
        else if (s > status)
            status = s;
    }
    if (o.json) {
        fputs("[", stdout);
        fwrite(o.json_out.data ? o.json_out.data : "", 1, o.json_out.len, stdout);
        fputs(o.json_files ? "\n]\n" : "]\n", stdout);
    }
    /* as lint reports it: last, once */
    if (cf_spec_error(o.lint.spec)) {
        cli_error("%s", cf_spec_error(o.lint.spec));
        status = CF_EXIT_USAGE;
    }
done:
    cf_spec_close(o.lint.spec);
    cli_free_list(o.lint.regions, o.lint.nregions);
    cli_free_list(o.rules, o.nrules);
    cf_lintrc_lookup_free(&o.lookup);
    buf_free(&o.json_out);
    cf_stack_events_free(&events);
    return status;
}
