/* The command line (:), as vim's and k9s's: a table of commands, each a
 * name, what its argument is (for Tab completion) and what it does.  The
 * names come from the core: logical ids from the session's reference
 * index, rule ids from the rule table, regions from the spec. */
#include "tui/app.h"

#include "rules.h"
#include "spec.h"

#include <stdlib.h>
#include <string.h>

typedef enum arg_kind { ARG_NONE, ARG_LINE, ARG_NAME, ARG_RULES, ARG_REGION } arg_kind;

static void cmd_line(tui_app *app, const char *arg);
static void cmd_goto(tui_app *app, const char *arg);
static void cmd_rule(tui_app *app, const char *arg);
static void cmd_region(tui_app *app, const char *arg);
static void cmd_write(tui_app *app, const char *arg);
static void cmd_quit(tui_app *app, const char *arg);
static void cmd_write_quit(tui_app *app, const char *arg);
static void cmd_quit_anyway(tui_app *app, const char *arg);
static void cmd_help(tui_app *app, const char *arg);

static const struct command {
    const char *name;
    arg_kind arg;
    void (*run)(tui_app *app, const char *arg);
} commands[] = {
    {"line", ARG_LINE, cmd_line},     {"goto", ARG_NAME, cmd_goto},   {"rule", ARG_RULES, cmd_rule},
    {"region", ARG_REGION, cmd_region}, {"w", ARG_NONE, cmd_write},    {"q", ARG_NONE, cmd_quit},
    {"wq", ARG_NONE, cmd_write_quit}, {"q!", ARG_NONE, cmd_quit_anyway}, {"help", ARG_NONE, cmd_help},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* --- the commands */

static bool parse_line_number(const char *s, uint32_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    unsigned long n = strtoul(s, &end, 10);
    if (*end || n > UINT32_MAX)
        return false;
    *out = (uint32_t)n;
    return true;
}

static void cmd_line(tui_app *app, const char *arg)
{
    uint32_t line;
    if (!parse_line_number(arg, &line)) {
        app_message(app, true, ":line wants a line number, not '%s'.", arg);
        return;
    }
    if (line < 1)
        line = 1;
    const cf_doc *doc = app->s.doc;
    uint32_t last = (uint32_t)(doc->nlines ? doc->nlines : 1);
    if (last > 1 && cf_doc_line_start(doc, last) >= doc->len)
        last--;
    if (line > last)
        line = last;
    refs_jump_to(app, NULL, cf_doc_line_start(doc, line));
    app->focus = PANE_SOURCE;
    app_message(app, false, "Line %u (C-o goes back).", line);
}

/* The definitions :goto knows, in order: the index's, then outputs. */
static const cf_sym_kind goto_kinds[] = {CF_SYM_RESOURCE, CF_SYM_PARAMETER, CF_SYM_CONDITION, CF_SYM_MAPPING,
                                         CF_SYM_EXPORT};

static void cmd_goto(tui_app *app, const char *arg)
{
    if (!*arg) {
        app_message(app, true, ":goto wants a logical id (Tab completes).");
        return;
    }
    const cf_xref *x = &app->s.xref;
    for (size_t k = 0; k < sizeof goto_kinds / sizeof goto_kinds[0]; k++) {
        long sym = cf_xref_find(x, goto_kinds[k], arg, strlen(arg));
        if (sym < 0 || !x->syms[sym].key)
            continue;
        const cf_symbol *s = &x->syms[sym];
        uint32_t at = s->kind == CF_SYM_EXPORT ? s->value->start : s->key->start;
        refs_jump_to(app, s->key, at);
        app_message(app, false, "%s %s, line %u (C-o goes back).", cf_sym_kind_name(s->kind), s->name,
                    cf_doc_pos(app->s.doc, at).line);
        return;
    }
    const cf_named *out = cf_section_get(&app->s.tpl.outs, arg);
    if (out && out->key) {
        refs_jump_to(app, out->key, out->key->start);
        app_message(app, false, "output %s, line %u (C-o goes back).", out->name,
                    cf_doc_pos(app->s.doc, out->key->start).line);
        return;
    }
    app_message(app, true, "No resource, parameter, condition, mapping or output is called '%s'.", arg);
}

static void cmd_rule(tui_app *app, const char *arg)
{
    app_set_filter(app, arg);
}

static void cmd_region(tui_app *app, const char *arg)
{
    cf_spec *spec = session_opts(&app->s)->spec;
    const char *region = NULL;
    for (size_t i = 0, n = cf_spec_region_count(spec); i < n && *arg; i++)
        if (!strcmp(cf_spec_region_name(spec, i), arg))
            region = cf_spec_region_name(spec, i);
    if (*arg && !region) {
        app_message(app, true, "'%s' is not a region the AWS facts know (Tab completes).", arg);
        return;
    }
    session_set_region(&app->s, region);
    app->after.kind = AFTER_REGION;
    app_message(app, false, "Checking for %s%s", region ? region : "the configured regions", app_ellipsis(app));
}

static void cmd_write(tui_app *app, const char *arg)
{
    (void)arg;
    app_command(app, ACT_WRITE);
}

static void cmd_quit(tui_app *app, const char *arg)
{
    (void)arg;
    app_command(app, ACT_QUIT);
}

static void cmd_write_quit(tui_app *app, const char *arg)
{
    (void)arg;
    if (session_modified(&app->s)) {
        app_command(app, ACT_WRITE);
        if (session_modified(&app->s)) /* not written: the message says why */
            return;
    }
    app->quit = true;
}

/* vim's :q!: unwritten changes are given up without a question (the
 * recovery file goes, as after q and a yes). */
static void cmd_quit_anyway(tui_app *app, const char *arg)
{
    (void)arg;
    app->quit = true;
}

static void cmd_help(tui_app *app, const char *arg)
{
    (void)arg;
    app_command(app, ACT_HELP);
}

/* --- running a line */

static const struct command *find_command(const char *name, size_t len)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strlen(commands[i].name) == len && !strncmp(commands[i].name, name, len))
            return &commands[i];
    return NULL;
}

void cmdline_run(tui_app *app, const char *text)
{
    while (*text == ' ' || *text == ':')
        text++;
    size_t len = strcspn(text, " ");
    const char *arg = text + len;
    while (*arg == ' ')
        arg++;
    char *a = xstrdup(arg);
    for (size_t n = strlen(a); n && a[n - 1] == ' ';)
        a[--n] = '\0';
    uint32_t line;
    if (!len) {
        app->message[0] = '\0';
    } else if (parse_line_number(text, &line) || (text[0] >= '0' && text[0] <= '9')) { /* :N */
        char *n = xstrndup(text, len);
        cmd_line(app, n);
        free(n);
    } else {
        const struct command *c = find_command(text, len);
        if (!c)
            app_message(app, true, "Not a command: :%.*s (:help lists them; Tab completes).", (int)len, text);
        else if (c->arg == ARG_NONE && *a)
            app_message(app, true, ":%s takes nothing after it.", c->name);
        else
            c->run(app, a);
    }
    free(a);
}

/* --- completion: the word before the end of the line */

typedef struct names {
    const char **v;
    size_t n, cap;
} names;

static void add_name(names *m, const char *stem, size_t slen, const char *name)
{
    if (strncmp(name, stem, slen))
        return;
    for (size_t i = 0; i < m->n; i++) /* a name defined twice (an export and a resource) once */
        if (!strcmp(m->v[i], name))
            return;
    GROW(m->v, m->cap, m->n + 1);
    m->v[m->n++] = name;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void collect(tui_app *app, arg_kind kind, const char *stem, names *m)
{
    size_t slen = strlen(stem);
    switch (kind) {
    case ARG_NAME: {
        const cf_xref *x = &app->s.xref;
        for (size_t i = 0; i < x->nsyms; i++)
            if (x->syms[i].key && x->syms[i].kind != CF_SYM_PSEUDO)
                add_name(m, stem, slen, x->syms[i].name);
        const cf_section *outs = &app->s.tpl.outs;
        for (size_t i = 0; i < outs->n; i++)
            add_name(m, stem, slen, outs->v[i].name);
        break;
    }
    case ARG_RULES: {
        size_t n;
        const cf_rule *const *rules = cf_rules_all(&n);
        for (size_t i = 0; i < n; i++)
            add_name(m, stem, slen, rules[i]->id);
        break;
    }
    case ARG_REGION: {
        cf_spec *spec = session_opts(&app->s)->spec;
        for (size_t i = 0, n = cf_spec_region_count(spec); i < n; i++)
            add_name(m, stem, slen, cf_spec_region_name(spec, i));
        break;
    }
    default:
        break;
    }
    if (m->n > 1)
        qsort(m->v, m->n, sizeof *m->v, by_name);
}

void cmdline_complete(tui_app *app)
{
    prompt_state *p = &app->prompt;
    const char *text = p->input.data ? p->input.data : "";
    size_t wstart = strlen(text);
    while (wstart > 0 && text[wstart - 1] != ' ' && text[wstart - 1] != ',')
        wstart--;
    size_t cmd_start = strspn(text, " :");
    bool first_word = wstart <= cmd_start;
    names m = {0};
    char *stem = xstrdup(p->complete_cycle >= 0 && p->complete_stem ? p->complete_stem : text + wstart);
    size_t len = strcspn(text + cmd_start, " ");
    const struct command *c = first_word ? NULL : find_command(text + cmd_start, len);
    if (c && c->arg == ARG_RULES) /* ids are written in capitals, as the filter takes them */
        for (char *s = stem; *s; s++)
            if (*s >= 'a' && *s <= 'z')
                *s = (char)(*s - 'a' + 'A');
    if (first_word) {
        for (size_t i = 0; i < NCOMMANDS; i++)
            add_name(&m, stem, strlen(stem), commands[i].name);
    } else if (c) {
        collect(app, c->arg, stem, &m);
    }
    const char *put = NULL;
    size_t put_len = 0;
    bool whole = false;
    if (!m.n) {
        app_message(app, false, "Nothing to complete.");
    } else if (m.n == 1) {
        put = m.v[0];
        put_len = strlen(put);
        whole = true;
    } else if (p->complete_cycle >= 0) { /* Tab again: the next of the list */
        p->complete_cycle = (p->complete_cycle + 1) % (int)m.n;
        put = m.v[p->complete_cycle];
        put_len = strlen(put);
    } else {
        size_t common = strlen(m.v[0]);
        for (size_t i = 1; i < m.n; i++) {
            size_t k = 0;
            while (k < common && m.v[i][k] == m.v[0][k])
                k++;
            common = k;
        }
        put = m.v[0];
        if (common > strlen(stem)) {
            put_len = common;
        } else { /* nothing to add: Tab goes through them */
            free(p->complete_stem);
            p->complete_stem = xstrdup(stem);
            p->complete_cycle = 0;
            put_len = strlen(put);
        }
    }
    if (m.n > 1) { /* the choices, after the input */
        cf_buf b = {0};
        for (size_t i = 0; i < m.n && b.len < 300; i++)
            buf_printf(&b, "%s%s", i ? " " : "", m.v[i]);
        snprintf(p->hint, sizeof p->hint, "  [%zu: %s]", m.n, b.data);
        buf_free(&b);
    } else {
        p->hint[0] = '\0';
    }
    if (put) {
        cf_buf line = {0};
        buf_add(&line, text, wstart);
        buf_add(&line, put, put_len);
        if (whole && first_word && find_command(put, put_len)->arg != ARG_NONE)
            buf_addc(&line, ' ');
        buf_reset(&p->input);
        buf_add(&p->input, line.data, line.len);
        buf_free(&line);
    }
    free(stem);
    free(m.v);
}
