/* cfnfix fix: propose (or apply) the fixes for what lint finds.  A dry run
 * prints a unified diff; --apply writes each file atomically; '-' reads
 * stdin and prints the fixed template.  Every patch is verified by parsing
 * the result before anything is shown or written. */
#include "atomicfile.h"
#include "cli.h"
#include "doc.h"
#include "escape.h"
#include "fixes.h"
#include "lint.h"
#include "patch.h"
#include "spec.h"
#include "util.h"
#include "verify.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit statuses of `fix`: did it (or would it) change anything. */
enum { FIX_NOTHING = 0, FIX_CHANGED = 1, FIX_REFUSED = 2 };

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
          "  -q, --quiet                no summary on stderr\n"
          "  -h, --help                 show this help\n"
          "\n"
          "'-' reads a template from stdin and prints it fixed.\n"
          "\n"
          "Exit status: 0 nothing to fix; 1 fixes were applied (or, in a dry run,\n"
          "would be); 2 a fix was refused (it did not verify, or conflicted);\n"
          "32 for a usage error or a file that cannot be read or written.\n",
          out);
}

typedef struct fix_opts {
    cf_lint_opts lint;
    bool apply, unsafe, quiet;
    char **rules;
    size_t nrules;
    const char *backup;
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

/* The first alternative the options allow. */
static const cf_fix *chosen(const fix_opts *o, const cf_diag *d)
{
    for (size_t i = 0; i < d->nfixes; i++) {
        const cf_fix *f = &d->fixes[i];
        if (f->applicability == CF_FIX_SAFE || (f->applicability == CF_FIX_UNSAFE && o->unsafe))
            return f;
    }
    return NULL;
}

static cf_doc *reparse(const char *name, const cf_buf *text)
{
    char *bytes = xmalloc(text->len + 1);
    memcpy(bytes, text->data ? text->data : "", text->len);
    return cf_doc_load_buffer(name, bytes, text->len);
}

/* Apply a patch and check it; the result goes to out. */
static int try_patch(const cf_doc *doc, const cf_patch *p, cf_buf *out, char *err, size_t errsize)
{
    buf_reset(out);
    cf_patch_apply(p, doc->src, doc->len, out);
    cf_doc *patched = reparse(doc->name, out);
    int r = cf_patch_verify(doc, patched, p, err, errsize);
    cf_doc_free(patched);
    return r;
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

static int fix_file(const fix_opts *o, const char *path)
{
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        cli_error("%s", rerr.message);
        return CF_EXIT_USAGE;
    }
    bool is_stdin = !strcmp(path, "-");
    const char *label = is_stdin ? "<stdin>" : path;
    if (doc->failed) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        cli_error("%s:%u:%u: cannot fix a template that does not parse: %s", label, p.line, p.col, doc->err_msg);
        cf_doc_free(doc);
        return FIX_REFUSED;
    }
    cf_diags ds = {0};
    cf_lint(doc, &o->lint, &ds);
    cf_fixes_suggest(doc, &o->lint, &ds);

    cf_patch patch = {0};
    int status = FIX_NOTHING;
    size_t taken = 0, unsafe_left = 0;
    for (size_t i = 0; i < ds.n; i++) {
        const cf_diag *d = &ds.v[i];
        if (!rule_selected(o, d->rule->id))
            continue;
        const cf_fix *f = chosen(o, d);
        if (!f) {
            unsafe_left += d->nfixes > 0;
            continue;
        }
        if (!cf_patch_add_fix(&patch, f)) {
            note(o, label, "skipped \"%s\": it overlaps a fix already taken%s", f->title, "");
            status = FIX_REFUSED;
            continue;
        }
        taken++;
    }

    cf_buf out = {0};
    char err[512];
    if (taken && try_patch(doc, &patch, &out, err, sizeof err) < 0) {
        /* find the fixes that do not verify on their own, drop them, retry */
        cf_patch good = {0};
        for (size_t i = 0; i < patch.nfixes; i++) {
            cf_patch one = {0};
            cf_patch_add_fix(&one, patch.fixes[i]);
            if (try_patch(doc, &one, &out, err, sizeof err) == 0)
                cf_patch_add_fix(&good, patch.fixes[i]);
            else
                note(o, label, "refused \"%s\": %s", patch.fixes[i]->title, err);
            cf_patch_free(&one);
        }
        cf_patch_free(&patch);
        patch = good;
        taken = patch.nfixes;
        status = FIX_REFUSED;
        if (taken && try_patch(doc, &patch, &out, err, sizeof err) < 0) {
            note(o, label, "refused the combined fixes: %s%s", err, "");
            taken = 0;
        }
    }

    if (!taken) {
        if (is_stdin)
            fwrite(doc->src, 1, doc->len, stdout);
    } else if (is_stdin) {
        fwrite(out.data, 1, out.len, stdout);
        status = status == FIX_REFUSED ? FIX_REFUSED : FIX_CHANGED;
    } else if (o->apply) {
        if (atomic_replace(path, doc->src, doc->len, out.data, out.len, o->backup, err, sizeof err) < 0) {
            cli_error("%s", err);
            status = CF_EXIT_USAGE;
        } else {
            status = status == FIX_REFUSED ? FIX_REFUSED : FIX_CHANGED;
        }
    } else {
        cf_buf diff = {0}, safe = {0};
        /* git's labels for a relative path (patch -p1), the path itself else */
        char *a = path[0] == '/' ? xstrdup(path) : xasprintf("a/%s", path);
        char *b = path[0] == '/' ? xstrdup(path) : xasprintf("b/%s", path);
        cf_patch_diff(doc, &patch, a, b, &diff);
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
    if (!o->quiet && (taken || unsafe_left)) {
        char counts[128];
        snprintf(counts, sizeof counts, "%zu fix%s %s", taken, taken == 1 ? "" : "es",
                 !taken ? "to apply" : o->apply || is_stdin ? "applied" : "would be applied");
        char more[128] = "";
        if (unsafe_left && !o->unsafe)
            snprintf(more, sizeof more, "; %zu more with --unsafe", unsafe_left);
        note(o, label, "%s%s", counts, more);
    }
    buf_free(&out);
    cf_patch_free(&patch);
    cf_diags_free(&ds);
    cf_doc_free(doc);
    return status;
}

int cmd_fix(int argc, char **argv)
{
    enum { O_APPLY = 256, O_UNSAFE, O_RULE, O_BACKUP, O_REGIONS, O_DATE };
    static const struct option longopts[] = {
        {"apply", no_argument, NULL, O_APPLY},
        {"unsafe", no_argument, NULL, O_UNSAFE},
        {"rule", required_argument, NULL, O_RULE},
        {"backup", optional_argument, NULL, O_BACKUP},
        {"regions", required_argument, NULL, O_REGIONS},
        {"date", required_argument, NULL, O_DATE},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    fix_opts o;
    memset(&o, 0, sizeof o);
    cf_lint_set_today(&o.lint, NULL);
    int c, status = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
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
        case 'q': o.quiet = true; break;
        case 'h': usage(stdout); goto done;
        default:
            cli_error("fix: option '%s' is not known or needs a value", argv[optind - 1]);
            fputs("Try 'cfnfix fix --help'.\n", stderr);
            status = CF_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        cli_error("fix: no template given");
        fputs("Try 'cfnfix fix --help'.\n", stderr);
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (o.backup && !o.apply) {
        cli_error("fix: --backup only makes sense with --apply");
        status = CF_EXIT_USAGE;
        goto done;
    }
    if (!o.lint.nregions)
        cli_split_list(cf_default_region(), &o.lint.regions, &o.lint.nregions);
    char err[1024] = "";
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
    for (int i = optind; i < argc; i++) {
        int s = fix_file(&o, argv[i]);
        if (s == CF_EXIT_USAGE || status == CF_EXIT_USAGE)
            status = CF_EXIT_USAGE;
        else if (s > status)
            status = s;
    }
done:
    cf_spec_close(o.lint.spec);
    cli_free_list(o.lint.regions, o.lint.nregions);
    cli_free_list(o.rules, o.nrules);
    return status;
}
