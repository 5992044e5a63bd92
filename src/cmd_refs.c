/* cfnfix refs and cfnfix order: the cross-reference index and the
 * creation order of a template, as text — what the terminal UI's
 * definition, references and dependencies views show, for a reviewer's
 * shell or a script. */
#include "cli.h"
#include "doc.h"
#include "escape.h"
#include "stack_order.h"
#include "template.h"
#include "util.h"
#include "xref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loaded {
    cf_doc *doc;
    cf_template t;
    cf_xref x;
} loaded;

static int load(loaded *l, const char *cmd, const char *path)
{
    cf_read_error err;
    l->doc = cf_doc_load_file(path, &err);
    if (!l->doc) {
        cli_error("%s", err.message);
        return CF_EXIT_USAGE;
    }
    if (l->doc->failed) {
        cf_pos p = cf_doc_pos(l->doc, l->doc->err_start);
        cf_buf m = {0};
        esc_texts(&m, l->doc->err_msg);
        cli_error("%s: %s:%u:%u: %s", cmd, path, p.line, p.col, m.data ? m.data : "");
        buf_free(&m);
        cf_doc_free(l->doc);
        return CF_EXIT_ERROR;
    }
    cf_template_init(&l->t, l->doc);
    cf_xref_build(&l->x, &l->t);
    return 0;
}

static void unload(loaded *l)
{
    cf_xref_free(&l->x);
    cf_template_free(&l->t);
    cf_doc_free(l->doc);
}

static void place(cf_buf *b, const loaded *l, uint32_t at)
{
    cf_pos p = cf_doc_pos(l->doc, at);
    esc_texts(b, l->doc->name);
    buf_printf(b, ":%u:%u", p.line, p.col);
}

static void print_symbol(cf_buf *b, const loaded *l, const cf_symbol *s)
{
    buf_printf(b, "%s ", cf_sym_kind_name(s->kind));
    esc_texts(b, s->name);
    if (s->key) {
        buf_addc(b, ' ');
        place(b, l, s->kind == CF_SYM_EXPORT ? s->value->start : s->key->start);
    }
    buf_printf(b, "  (%zu use%s)\n", s->nuses, s->nuses == 1 ? "" : "s");
    for (size_t i = 0; i < s->nuses; i++) {
        const cf_use *u = &l->x.uses[s->uses[i]];
        buf_adds(b, "  ");
        place(b, l, u->start);
        buf_printf(b, " %s", cf_use_kind_name(u->kind));
        if (u->within) {
            buf_printf(b, " in %s ", u->within_kind);
            esc_text(b, u->within->u.str, u->within->len);
        }
        buf_addc(b, '\n');
    }
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return true;
    return false;
}

int cmd_refs(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        puts("Usage: cfnfix refs FILE [NAME...]\n"
             "List what FILE defines (parameters, resources, conditions, mappings,\n"
             "export names, and the pseudo parameters it uses), each with the place\n"
             "of its definition and of every use: Ref, Fn::GetAtt, Fn::Sub, DependsOn,\n"
             "Condition, Fn::If, Fn::FindInMap, Fn::ImportValue.  With NAMEs, only\n"
             "the symbols of those names.  Exit 0; 2 when FILE cannot be parsed; 32\n"
             "when it cannot be read or a NAME is not defined.");
        return CF_EXIT_OK;
    }
    if (argc < 2) {
        cli_error("refs: give a template file (or '-')");
        return CF_EXIT_USAGE;
    }
    loaded l;
    int rc = load(&l, "refs", argv[1]);
    if (rc)
        return rc;
    cf_buf b = {0};
    int status = CF_EXIT_OK;
    if (argc == 2) {
        for (size_t s = 0; s < l.x.nsyms; s++)
            print_symbol(&b, &l, &l.x.syms[s]);
    }
    for (int a = 2; a < argc; a++) {
        bool found = false;
        for (size_t k = 0; k < CF_SYM_KINDS; k++) {
            long s = cf_xref_find(&l.x, (cf_sym_kind)k, argv[a], strlen(argv[a]));
            if (s >= 0) {
                print_symbol(&b, &l, &l.x.syms[s]);
                found = true;
            }
        }
        if (!found) {
            cf_buf n = {0};
            esc_texts(&n, argv[a]);
            cli_error("refs: %s defines nothing named '%s'", argv[1], n.data ? n.data : "");
            buf_free(&n);
            status = CF_EXIT_USAGE;
        }
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    unload(&l);
    return status;
}

static void name_list(cf_buf *b, const loaded *l, const bool *mark)
{
    bool any = false;
    for (size_t i = 0; i < l->t.nres; i++)
        if (mark[i]) {
            buf_adds(b, any ? ", " : " ");
            esc_texts(b, l->t.res[i].name);
            any = true;
        }
    buf_adds(b, any ? "\n" : " none\n");
}

int cmd_order(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        puts("Usage: cfnfix order FILE [--failing RESOURCE]\n"
             "Print the waves in which CloudFormation creates FILE's resources: a\n"
             "resource starts when everything it names (Ref, Fn::GetAtt, Fn::Sub,\n"
             "DependsOn) exists, so each wave's resources are created in parallel.\n"
             "Resources in or after a dependency cycle are never created.\n"
             "With --failing RESOURCE: what its failure does to a stack creation —\n"
             "what it needs is created first, what needs it never starts, the rest\n"
             "may be under way and is cancelled, and all of it is rolled back.\n"
             "Exit 0; 2 when FILE cannot be parsed; 32 on a usage error.");
        return CF_EXIT_OK;
    }
    const char *file = NULL, *failing = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--failing") && i + 1 < argc) {
            failing = argv[++i];
        } else if (!strncmp(argv[i], "--failing=", 10)) {
            failing = argv[i] + 10;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("order: unknown option '%s'", argv[i]);
            return CF_EXIT_USAGE;
        } else if (!file) {
            file = argv[i];
        } else {
            cli_error("order: give one template file");
            return CF_EXIT_USAGE;
        }
    }
    if (!file) {
        cli_error("order: give a template file (or '-')");
        return CF_EXIT_USAGE;
    }
    loaded l;
    int rc = load(&l, "order", file);
    if (rc)
        return rc;
    const cf_resource *fail = failing ? cf_template_resource(&l.t, failing) : NULL;
    if (failing && !fail) {
        cf_buf n = {0};
        esc_texts(&n, failing);
        cli_error("order: %s has no resource '%s'", file, n.data ? n.data : "");
        buf_free(&n);
        unload(&l);
        return CF_EXIT_USAGE;
    }
    cf_stack_order o;
    cf_stack_order_build(&o, &l.t, &l.x);
    cf_buf b = {0};
    bool *mark = xcalloc(l.t.nres + 1, sizeof *mark);
    for (size_t w = 0; w <= o.nwaves; w++) {
        long want = w < o.nwaves ? (long)w : -1;
        bool any = false;
        for (size_t i = 0; i < l.t.nres; i++)
            any |= mark[i] = o.wave[i] == want;
        if (!any)
            continue;
        if (want >= 0)
            buf_printf(&b, "wave %zu:", w + 1);
        else
            buf_adds(&b, "never created (in or after a dependency cycle):");
        name_list(&b, &l, mark);
    }
    if (fail) {
        size_t f = (size_t)(fail - l.t.res);
        bool *needs = xcalloc(l.t.nres + 1, sizeof *needs), *needers = xcalloc(l.t.nres + 1, sizeof *needers);
        cf_stack_order_reach(&o, f, false, needs);
        cf_stack_order_reach(&o, f, true, needers);
        buf_adds(&b, "\nif ");
        esc_texts(&b, fail->name);
        buf_adds(&b, " fails to create:\n  created before it (it needs them):");
        name_list(&b, &l, needs);
        buf_adds(&b, "  never started (they need it):");
        name_list(&b, &l, needers);
        for (size_t i = 0; i < l.t.nres; i++)
            mark[i] = i != f && !needs[i] && !needers[i];
        buf_adds(&b, "  may be under way, then cancelled:");
        name_list(&b, &l, mark);
        buf_adds(&b, "  then the stack rolls back: everything created is deleted\n");
        free(needs);
        free(needers);
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    free(mark);
    cf_stack_order_free(&o);
    unload(&l);
    return CF_EXIT_OK;
}
