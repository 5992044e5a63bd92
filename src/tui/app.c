/* The terminal UI's main loop: lay the panes out, draw a frame, wait for
 * a key, route it — movement to the focused pane's view, everything else
 * to a command from the table below.  The app draws and routes; the
 * session (the core) validates and edits. */
#include "tui/app.h"

#include "aws_import.h"
#include "cli.h"
#include "spec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const tui_view_ops *const views[PANE_COUNT] = {
    [PANE_TREE] = &tree_view_ops,
    [PANE_DIAGS] = &diags_view_ops,
    [PANE_SOURCE] = &source_view_ops,
    [PANE_FIXES] = &fixes_view_ops,
};

/* The view in a pane: the list of uses (gr) takes the fix panel's place
 * while it is open. */
static const tui_view_ops *pane_view(tui_app *app, int p)
{
    if (p == PANE_FIXES && refs_open(app))
        return &refs_view_ops;
    return views[p];
}

void app_message(tui_app *app, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
}

/* --- the diagnostics shown */

static bool passes_filter(const tui_app *app, const cf_diag *d)
{
    if (!app->nfilter)
        return true;
    for (size_t i = 0; i < app->nfilter; i++) {
        const char *f = app->filter[i];
        if (!f[1] && (f[0] == 'E' || f[0] == 'W' || f[0] == 'I')) {
            if (app_level_letter(d) == f[0])
                return true;
        } else if (!strncmp(d->rule->id, f, strlen(f))) {
            return true;
        }
    }
    return false;
}

uint32_t app_diag_anchor(const cf_diag *d)
{
    return d->node ? d->node->start : d->start;
}

static const cf_diag *sort_base;
static int by_offset(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    uint32_t sx = app_diag_anchor(&sort_base[x]), sy = app_diag_anchor(&sort_base[y]);
    return sx != sy ? (sx < sy ? -1 : 1) : (x < y ? -1 : x > y);
}

const diag_list *app_shown(tui_app *app)
{
    diag_list *l = &app->shown;
    if (l->cap && app->shown_for == app->s.generation && app->shown_filter == app->filter_gen)
        return l;
    l->n = 0;
    GROW(l->v, l->cap, app->s.ds.n + 1);
    for (size_t i = 0; i < app->s.ds.n; i++) {
        const cf_diag *d = &app->s.ds.v[i];
        if (passes_filter(app, d) && (app->show_dismissed || !session_rejected(&app->s, d)))
            l->v[l->n++] = i;
    }
    sort_base = app->s.ds.v;
    qsort(l->v, l->n, sizeof *l->v, by_offset);
    app->shown_for = app->s.generation;
    app->shown_filter = app->filter_gen;
    return l;
}

const cf_diag *app_diag(tui_app *app, long index)
{
    return index >= 0 && (size_t)index < app->s.ds.n ? &app->s.ds.v[index] : NULL;
}

tui_style app_level_style(const cf_diag *d)
{
    static const tui_style st[] = {ST_ERROR, ST_WARNING, ST_INFO};
    return st[cf_rule_level(d->rule)];
}

char app_level_letter(const cf_diag *d)
{
    return "EWI"[cf_rule_level(d->rule)];
}

void app_select_diag(tui_app *app, long index)
{
    app->sel = index;
    app->fix.choice = 0;
    app->fix.scroll = -1;
    const cf_diag *d = app_diag(app, index);
    if (d)
        source_goto(app, d->start);
}

void app_tree_moved(tui_app *app)
{
    app->sel = -1;
    const tree_row *r = tree_current(app);
    if (r && r->kind != ROW_NOTE)
        source_goto(app, r->key ? r->key->start : r->start);
    else if (app->s.doc->failed)
        source_goto(app, app->s.doc->err_start);
}

/* Select a diagnostic and show where it is in the tree. */
static void go_to_diag(tui_app *app, size_t index)
{
    const cf_diag *d = &app->s.ds.v[index];
    if (d->node)
        tree_reveal(app, d->node);
    app_select_diag(app, (long)index);
}

/* After an edit or a dismissal: the first finding from offset on, or none. */
static void select_from(tui_app *app, uint32_t offset)
{
    const diag_list *l = app_shown(app);
    for (size_t i = 0; i < l->n; i++)
        if (app_diag_anchor(&app->s.ds.v[l->v[i]]) >= offset) {
            go_to_diag(app, l->v[i]);
            return;
        }
    app->sel = -1;
}

void app_set_filter(tui_app *app, const char *spec)
{
    cli_free_list(app->filter, app->nfilter);
    app->filter = NULL;
    app->nfilter = 0;
    if (*spec)
        cli_split_list(spec, &app->filter, &app->nfilter);
    for (size_t i = 0; i < app->nfilter; i++) /* severities and ids are written in capitals */
        for (char *c = app->filter[i]; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
    app->filter_gen++;
    app->tree.dirty = true;
    const cf_diag *d = app_diag(app, app->sel);
    if (d && !passes_filter(app, d))
        app->sel = -1;
    app_message(app, false, app->nfilter ? "Showing %zu findings for the filter %s." : "Showing all %zu findings.%s",
                app_shown(app)->n, spec);
}

const char *app_ellipsis(const tui_app *app)
{
    return app->grid.unicode ? "\u2026" : "...";
}

static void show_deploy_failures(tui_app *app);

/* The check of an edit ended: its findings replace the stale ones (the
 * selection indexed those), and what the edit asked for is done. */
static void check_ended(tui_app *app)
{
    app->sel = -1;
    source_follow(app, app->src.cursor);
    size_t left = app_shown(app)->n;
    const char *s = left == 1 ? "" : "s";
    switch (app->after.kind) {
    case AFTER_FIRST: /* the template's first findings */
        app_tree_moved(app);
        show_deploy_failures(app);
        break;
    case AFTER_NONE: /* an undo or redo; a refusal made while stale is over */
        if (app->message_error)
            app_message(app, false, "Checked: %zu finding%s.", left, s);
        break;
    case AFTER_ACCEPT:
        select_from(app, app->after.at);
        app_message(app, false, "Applied (%zu finding%s left): %s", left, s, app->after.text);
        break;
    case AFTER_ACCEPT_SAFE:
        select_from(app, 0);
        if (app->after.text[0])
            app_message(app, true, "%s", app->after.text);
        else
            app_message(app, false, "Applied %zu safe fix%s. %zu finding%s left.", app->after.applied,
                        app->after.applied == 1 ? "" : "es", left, s);
        break;
    case AFTER_RELOAD:
        if (app->s.setup_error[0])
            app_message(app, true, "Reloaded without the template's Metadata regions: %s", app->s.setup_error);
        else
            app_message(app, false, "Reloaded %s: %zu finding%s.", app->s.path, left, s);
        break;
    case AFTER_REGION:
        app_message(app, false, "Checked for %s: %zu finding%s.", app->s.region ? app->s.region : "the configured regions",
                    left, s);
        break;
    case AFTER_RECOVER:
        app_message(app, false, "Restored the unwritten edits (%zu finding%s); w writes them, u undoes.", left, s);
        break;
    }
    app->after.kind = AFTER_NONE;
    /* a key that waited for the findings (n pressed early; A from the
     * file list) */
    if (app->s.checked && app->first_action != ACT_NONE && app->prompt.kind == PROMPT_NONE) {
        tui_action a = app->first_action;
        app->first_action = ACT_NONE;
        app_command(app, a);
    }
}

/* --- commands */

static bool can_edit(tui_app *app)
{
    if (app->s.writable)
        return true;
    app_message(app, true, "%s",
                !strcmp(app->s.path, "-") ? "The template came from standard input: there is no file to change."
                                          : "Read-only: opened with --read-only.");
    return false;
}

static void cmd_next_diag(tui_app *app, int dir)
{
    const diag_list *l = app_shown(app);
    if (!l->n) {
        app_message(app, false, app->nfilter ? "No findings match the filter." : "No findings.");
        return;
    }
    long pos = -1;
    for (size_t i = 0; i < l->n && pos < 0; i++)
        if ((long)l->v[i] == app->sel)
            pos = (long)i;
    long next;
    if (pos >= 0) {
        next = pos + dir;
    } else { /* from the tree's selection */
        const tree_row *r = tree_current(app);
        uint32_t at = r && r->kind != ROW_NOTE ? r->start : 0;
        next = dir > 0 ? 0 : -1;
        for (size_t i = 0; i < l->n; i++)
            if (app_diag_anchor(&app->s.ds.v[l->v[i]]) < at)
                next = dir > 0 ? (long)i + 1 : (long)i;
    }
    if (next >= (long)l->n) {
        next = 0;
        app_message(app, false, "Wrapped to the first finding.");
    } else if (next < 0) {
        next = (long)l->n - 1;
        app_message(app, false, "Wrapped to the last finding.");
    }
    go_to_diag(app, l->v[next]);
}

/* n, N: the next finding, or the next use while the list of uses is open */
/* Before the first findings are known, n and N wait for them: pressed
 * early, they go to the first (or last) finding when the check ends. */
static bool wait_first_check(tui_app *app, tui_action a)
{
    if (app->s.checked)
        return false;
    app->first_action = a;
    app_message(app, false, "Checking%s %s goes to the %s finding when it is done.", app_ellipsis(app),
                a == ACT_NEXT_DIAG ? "n" : "N", a == ACT_NEXT_DIAG ? "first" : "last");
    return true;
}

static void do_next_diag(tui_app *app)
{
    if (refs_open(app))
        refs_walk(app, 1);
    else if (!wait_first_check(app, ACT_NEXT_DIAG))
        cmd_next_diag(app, 1);
}
static void do_prev_diag(tui_app *app)
{
    if (refs_open(app))
        refs_walk(app, -1);
    else if (!wait_first_check(app, ACT_PREV_DIAG))
        cmd_next_diag(app, -1);
}

static const cf_diag *need_selection(tui_app *app)
{
    const cf_diag *d = app_diag(app, app->sel);
    if (!d)
        app_message(app, true, "No diagnostic selected: n selects the next one.");
    return d;
}

static void do_accept(tui_app *app)
{
    const cf_diag *d = need_selection(app);
    if (!d)
        return;
    const cf_fix *f = fixes_chosen(app, d);
    if (!f) {
        app_message(app, true, "No fix is known for %s.", d->rule->id);
        return;
    }
    if (f->applicability == CF_FIX_DISPLAY) {
        app_message(app, true, "That alternative is shown, never applied: edit the file (e).");
        return;
    }
    char msg[512];
    app->after.at = app_diag_anchor(d);
    snprintf(app->after.text, sizeof app->after.text, "%s", f->title);
    if (!session_accept(&app->s, &f, 1, msg, sizeof msg)) {
        app_message(app, true, "Refused: %s", msg);
        return;
    }
    app->after.kind = AFTER_ACCEPT;
    app_message(app, false, "Applied (checking the text%s): %s", app_ellipsis(app), app->after.text);
}

/* The first safe fix of each diagnostic the diagnostics pane lists: what
 * A offers.  The caller frees the array. */
static size_t safe_fixes(tui_app *app, const cf_fix ***out)
{
    size_t from, to;
    diags_range(app, &from, &to);
    const diag_list *l = app_shown(app);
    const cf_fix **take = xmalloc((to - from + 1) * sizeof *take);
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        const cf_diag *d = &app->s.ds.v[l->v[i]];
        if (app->show_dismissed && session_rejected(&app->s, d))
            continue;
        for (size_t k = 0; k < d->nfixes; k++)
            if (d->fixes[k].applicability == CF_FIX_SAFE) {
                take[n++] = &d->fixes[k];
                break;
            }
    }
    *out = take;
    return n;
}

/* 1800 as "1,800": a count to read at a glance before saying yes. */
static void count_text(size_t n, char *out, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
    for (int i = 0; i < len && o + 2 < (int)size; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void accept_safe_now(tui_app *app)
{
    const cf_fix **take;
    size_t n = safe_fixes(app, &take);
    char msg[512] = "";
    size_t applied = n ? session_accept(&app->s, take, n, msg, sizeof msg) : 0;
    free(take);
    app->after.text[0] = '\0';
    if (!n)
        snprintf(app->after.text, sizeof app->after.text, "No safe fixes to accept.");
    else if (applied < n)
        snprintf(app->after.text, sizeof app->after.text, "Applied %zu of %zu safe fixes; %s", applied, n, msg);
    if (!applied) {
        app_message(app, true, "%s", app->after.text);
        return;
    }
    app->after.kind = AFTER_ACCEPT_SAFE;
    app->after.applied = applied;
    app_message(app, false, "Applied %zu safe fix%s. Checking the edited text%s", applied, applied == 1 ? "" : "es",
                app_ellipsis(app));
}

/* A: every safe fix of the diagnostics pane's list, after a yes to the
 * count and the scope. */
static void do_accept_safe(tui_app *app)
{
    const cf_fix **take;
    size_t n = safe_fixes(app, &take);
    free(take);
    char scope[96];
    diags_scope(app, scope, sizeof scope);
    if (!n) {
        app_message(app, false, "No safe fixes to accept in %s.", scope);
        return;
    }
    char count[40], question[160];
    count_text(n, count, sizeof count);
    snprintf(question, sizeof question, "Apply %s safe fix%s in %.80s? (y/N) ", count, n == 1 ? "" : "es", scope);
    prompt_open(app, PROMPT_CONFIRM, question, accept_safe_now);
}

static void do_reject(tui_app *app)
{
    const cf_diag *d = need_selection(app);
    if (!d)
        return;
    if (session_rejected(&app->s, d)) { /* listed by D: r brings it back */
        session_restore(&app->s, d);
        app_message(app, false, "Brought %s back.", d->rule->id);
        return;
    }
    session_reject(&app->s, d);
    if (app->show_dismissed) {
        app_message(app, false, "Dismissed %s for this session (u undoes).", d->rule->id);
        return;
    }
    app_message(app, false, "Dismissed %s for this session (u undoes, D lists).", d->rule->id);
    select_from(app, app_diag_anchor(d));
}

/* x: dismiss with a reason, asked for first (the review records it). */
static void do_reject_reason(tui_app *app)
{
    const cf_diag *d = need_selection(app);
    if (!d)
        return;
    char question[96];
    snprintf(question, sizeof question, "Dismiss %s because: ", d->rule->id);
    prompt_open(app, PROMPT_REASON, question, NULL);
}

void app_reject_with_reason(tui_app *app, const char *reason)
{
    const cf_diag *d = need_selection(app);
    if (!d)
        return;
    if (!session_rejected(&app->s, d))
        session_reject(&app->s, d);
    session_set_reject_reason(&app->s, d, reason);
    app_message(app, false, "Dismissed %s%s%s (u undoes).", d->rule->id, *reason ? ": " : "", reason);
    if (!app->show_dismissed)
        select_from(app, app_diag_anchor(d));
}

/* W: the review saved, the template untouched (review.h). */
static void do_review(tui_app *app)
{
    char err[1024];
    char *file = NULL;
    if (app->review_out) {
        file = xstrdup(app->review_out);
    } else if (app->from_list) {
        /* a list's templates may share a name (a/template.yaml,
         * b/template.yaml): the path names the review, '/' as '_' */
        const char *p = app->s.path;
        while (p[0] == '.' && p[1] == '/')
            p += 2;
        file = xasprintf("%s.review.json", p);
        for (char *c = file; *c; c++)
            if (*c == '/')
                *c = '_';
    } else {
        const char *slash = strrchr(app->s.path, '/');
        const char *base = !strcmp(app->s.path, "-") ? "stdin" : slash ? slash + 1 : app->s.path;
        file = xasprintf("%s.review.json", base);
    }
    cf_buf written = {0};
    if (session_save_review(&app->s, file, &written, err, sizeof err) < 0) {
        app_message(app, true, "Review not saved: %s", err);
    } else {
        for (size_t i = 0; i < written.len; i++)
            if (written.data[i] == '\n')
                written.data[i] = i + 1 < written.len ? ',' : '\0';
        app_message(app, false, "Saved the review: %s (%s untouched).", written.data, app->s.path);
    }
    buf_free(&written);
    free(file);
}

static void undone(tui_app *app, tui_undone what, const char *done, const char *nothing)
{
    if (what == UNDONE_EDIT) { /* the findings follow when the check ends */
        app->after.kind = AFTER_NONE;
    } else if (what != UNDONE_NOTHING) {
        const cf_diag *d = app_diag(app, app->sel);
        if (d && !app->show_dismissed && session_rejected(&app->s, d))
            app->sel = -1;
    }
    if (what == UNDONE_NOTHING)
        app_message(app, false, "%s", nothing);
    else
        app_message(app, false, "%s%s.", done,
                    what == UNDONE_DISMISSAL ? ": a dismissal" : what == UNDONE_RESTORE ? ": a finding brought back" : "");
}

static void do_undo(tui_app *app)
{
    char nothing[128] = "Nothing to undo.";
    if (app->s.undo_dropped)
        snprintf(nothing, sizeof nothing, "Nothing more to undo: only the last %zu changes are kept.",
                 app->s.undo_limit);
    undone(app, session_undo(&app->s), "Undone", nothing);
}

static void do_redo(tui_app *app)
{
    undone(app, session_redo(&app->s), "Redone", "Nothing to redo.");
}

static void do_write(tui_app *app)
{
    if (!session_modified(&app->s)) {
        app_message(app, false, "No changes to write.");
        return;
    }
    char err[1024];
    if (session_write(&app->s, err, sizeof err) < 0)
        app_message(app, true, "Not written: %s", err);
    else
        app_message(app, false, "Wrote %s.", app->s.path);
}

static void quit_now(tui_app *app) { app->quit = true; }

static void do_quit(tui_app *app)
{
    if (app->from_list) { /* back to the list: the changes stay with the file */
        app->quit = true;
        return;
    }
    if (app->s.writable && session_modified(&app->s))
        prompt_open(app, PROMPT_CONFIRM, "Your changes are not written. Quit anyway? (y/N) ", quit_now);
    else
        app->quit = true;
}

static void reload_now(tui_app *app)
{
    char err[1024];
    if (session_reload(&app->s, err, sizeof err) < 0) {
        app_message(app, true, "Not reloaded: %s", err);
        return;
    }
    app->after.kind = AFTER_RELOAD;
    app_message(app, false, "Reloaded %s. Checking it%s", app->s.path, app_ellipsis(app));
}

static void do_reload(tui_app *app)
{
    if (!strcmp(app->s.path, "-")) {
        app_message(app, true, "The template came from standard input: there is nothing to reload.");
        return;
    }
    if (app->s.writable && session_modified(&app->s))
        prompt_open(app, PROMPT_CONFIRM, "Drop your unwritten changes and reload? (y/N) ", reload_now);
    else
        reload_now(app);
}

/* $EDITOR +LINE FILE, through the shell so EDITOR may carry arguments. */
static void do_editor(tui_app *app)
{
    if (session_modified(&app->s)) {
        app_message(app, true, "Write (w) or undo (u) your changes first: the editor opens the file on disk.");
        return;
    }
    const char *editor = getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";
    char line[32];
    snprintf(line, sizeof line, "+%u", app->src.cursor ? app->src.cursor : 1);
    char *script = xasprintf("%s \"$@\"", editor);
    if (app->be->suspend)
        app->be->suspend(app->be->ctx);
    int status = -1;
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", script, "sh", line, app->s.path, (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        while (waitpid(pid, &status, 0) < 0)
            ;
    if (app->be->resume)
        app->be->resume(app->be->ctx);
    free(script);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        app_message(app, true, "The editor (%s) failed; reloading anyway.", editor);
    uint32_t keep = app->src.cursor;
    reload_now(app);
    source_follow(app, keep);
}

static void do_choose(tui_app *app, int key)
{
    const cf_diag *d = need_selection(app);
    if (!d)
        return;
    size_t k = (size_t)(key - '1');
    if (k >= d->nfixes) {
        app_message(app, true, "%s has %zu alternative%s.", d->rule->id, d->nfixes, d->nfixes == 1 ? "" : "s");
        return;
    }
    app->fix.choice = (int)k;
}

static void do_scope(tui_app *app)
{
    app->scope_all = !app->scope_all;
}

static void do_sort(tui_app *app)
{
    app->tree.sort = (tree_sort)((app->tree.sort + 1) % 3);
    app->tree.dirty = true;
}

static void do_only_diags(tui_app *app)
{
    app->tree.only_diags = !app->tree.only_diags;
    app->tree.dirty = true;
}

static void do_dismissed(tui_app *app)
{
    app->show_dismissed = !app->show_dismissed;
    app->filter_gen++;
    app->tree.dirty = true;
    const cf_diag *d = app_diag(app, app->sel);
    if (d && !app->show_dismissed && session_rejected(&app->s, d))
        app->sel = -1;
    if (!app->show_dismissed)
        app_message(app, false, "Dismissed findings hidden.");
    else
        app_message(app, false, "%zu dismissed finding%s listed (r brings one back).", app->s.nrejected,
                    app->s.nrejected == 1 ? "" : "s");
}

static void do_search(tui_app *app) { prompt_open(app, PROMPT_SEARCH, "/", NULL); }

static void do_command(tui_app *app) { prompt_open(app, PROMPT_COMMAND, ":", NULL); }

static void do_filter(tui_app *app)
{
    prompt_open(app, PROMPT_FILTER, "Filter (E, W, I or rule ids, comma-separated; empty: all): ", NULL);
}

static void do_help(tui_app *app) { app->help_top = 0; }

static void do_detail(tui_app *app)
{
    if (need_selection(app))
        app->detail_top = 0;
}

static void do_redraw(tui_app *app)
{
    if (app->be->invalidate)
        app->be->invalidate(app->be->ctx);
}

static void focus_pane(tui_app *app, int dir)
{
    app->focus = (tui_pane)((app->focus + PANE_COUNT + dir) % PANE_COUNT);
    if (app->focus == PANE_DIAGS && app->sel < 0) /* a cursor to start from */
        pane_view(app, PANE_DIAGS)->act(app, ACT_DOWN, 1);
}

static void do_next_pane(tui_app *app) { focus_pane(app, 1); }
static void do_collapse_all(tui_app *app)
{
    tree_collapse_all(app);
    app_message(app, false, "Collapsed every entry.");
}
static void do_prev_pane(tui_app *app) { focus_pane(app, -1); }

static void do_goto_def(tui_app *app) { refs_goto_definition(app); }
static void do_references(tui_app *app) { refs_list_uses(app); }
static void do_dependencies(tui_app *app) { deps_open(app); }
static void do_jump_back(tui_app *app) { jump_back(app); }
static void do_jump_forward(tui_app *app) { jump_forward(app); }

/* What the global keys do; `edits` ones are refused when read-only (undo
 * is not: read-only, only dismissals are in the history). */
static const struct command {
    tui_action action;
    void (*run)(tui_app *app);
    bool edits;
} commands[] = {
    {ACT_NEXT_PANE, do_next_pane, false}, {ACT_PREV_PANE, do_prev_pane, false},
    {ACT_NEXT_DIAG, do_next_diag, false}, {ACT_PREV_DIAG, do_prev_diag, false},
    {ACT_ACCEPT, do_accept, true},        {ACT_ACCEPT_SAFE, do_accept_safe, true},
    {ACT_REJECT, do_reject, false},       {ACT_UNDO, do_undo, false},
    {ACT_REJECT_REASON, do_reject_reason, false}, {ACT_REVIEW, do_review, false},
    {ACT_REDO, do_redo, false},           {ACT_SCOPE, do_scope, false},
    {ACT_DISMISSED, do_dismissed, false},
    {ACT_SORT, do_sort, false},           {ACT_ONLY_DIAGS, do_only_diags, false},
    {ACT_SEARCH, do_search, false},       {ACT_FILTER, do_filter, false},
    {ACT_WRITE, do_write, true},          {ACT_EDITOR, do_editor, true},
    {ACT_RELOAD, do_reload, false},       {ACT_QUIT, do_quit, false},
    {ACT_HELP, do_help, false},           {ACT_REDRAW, do_redraw, false},
    {ACT_DETAIL, do_detail, false},       {ACT_COLLAPSE_ALL, do_collapse_all, false},
    {ACT_GOTO_DEF, do_goto_def, false},   {ACT_REFERENCES, do_references, false},
    {ACT_DEPENDENCIES, do_dependencies, false},
    {ACT_JUMP_BACK, do_jump_back, false}, {ACT_JUMP_FORWARD, do_jump_forward, false},
    {ACT_COMMAND, do_command, false},
};

void app_command(tui_app *app, tui_action a)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].action == a && (!commands[i].edits || can_edit(app)))
            commands[i].run(app);
}

/* --- layout and drawing */

enum { MIN_ROWS = 12, MIN_COLS = 50 };

static void layout(tui_app *app)
{
    tui_grid *g = &app->grid;
    app->too_small = g->rows < MIN_ROWS || g->cols < MIN_COLS;
    int main_rows = g->rows - 2;
    int tree_w = g->cols / 3;
    if (tree_w < 22)
        tree_w = 22;
    if (tree_w > 48)
        tree_w = 48;
    int rc = tree_w + 1, rw = g->cols - rc;
    /* the source keeps at least a header and two lines; the fix panel
     * gets what is left of its share */
    int diags = 1 + (main_rows / 6 > 3 ? main_rows / 6 : 3);
    int fixes = 1 + (main_rows * 3 / 10 > 6 ? main_rows * 3 / 10 : 6);
    if (fixes > main_rows - diags - 3)
        fixes = main_rows - diags - 3;
    app->rects[PANE_TREE] = (tui_rect){0, 0, main_rows, tree_w};
    app->rects[PANE_DIAGS] = (tui_rect){0, rc, diags, rw};
    app->rects[PANE_SOURCE] = (tui_rect){diags, rc, main_rows - diags - fixes, rw};
    app->rects[PANE_FIXES] = (tui_rect){main_rows - fixes, rc, fixes, rw};
}

static void draw_status(tui_app *app, tui_grid *g, int row)
{
    grid_fill(g, row, 0, g->cols, ' ', ST_STATUS);
    const diag_list *l = app_shown(app);
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; i < l->n; i++)
        if (!app->show_dismissed || !session_rejected(&app->s, &app->s.ds.v[l->v[i]]))
            count[cf_rule_level(app->s.ds.v[l->v[i]].rule)]++;
    const char *name = strrchr(app->s.path, '/') ? strrchr(app->s.path, '/') + 1 : app->s.path;
    cf_buf b = {0};
    buf_printf(&b, " %s%s%s", !strcmp(name, "-") ? "<stdin>" : name,
               app->s.writable && session_modified(&app->s) ? " [+]" : "",
               app->s.writable ? "" : " [read-only]");
    size_t stale_from = 0, stale_to = 0;
    if (app->s.checked) {
        buf_printf(&b, " | E:%zu W:%zu I:%zu", count[0], count[1], count[2]);
    } else { /* the first check runs */
        double ms;
        session_check_progress(&app->s, &ms);
        stale_from = b.len;
        buf_printf(&b, " | checking%s", app_ellipsis(app));
        if (ms >= 1000)
            buf_printf(&b, " %.0fs", ms / 1000);
        stale_to = b.len;
    }
    /* an edit is being checked: the counts and the panes are the text's
     * before it, and say so */
    if (app->s.checked && session_checking(&app->s)) {
        double ms;
        int pct = session_check_progress(&app->s, &ms);
        stale_from = b.len;
        buf_printf(&b, " (stale) re-linting%s %d%%", app_ellipsis(app), pct);
        if (ms >= 1000)
            buf_printf(&b, " %.0fs", ms / 1000);
        stale_to = b.len;
    }
    if (app->facts_note[0])
        buf_printf(&b, " | %s", app->facts_note);
    buf_adds(&b, " |");
    const cf_lint_opts *opts = session_opts(&app->s);
    for (size_t i = 0; i < opts->nregions; i++)
        buf_printf(&b, "%s%s", i ? "," : " ", opts->regions[i]);
    if (app->show_dismissed)
        buf_printf(&b, " | dismissed: %zu", app->s.nrejected);
    if (app->nfilter) {
        buf_adds(&b, " | filter:");
        for (size_t i = 0; i < app->nfilter; i++)
            buf_printf(&b, "%s%s", i ? "," : " ", app->filter[i]);
    }
    int c = grid_text(g, row, 0, g->cols, b.data, stale_from ? stale_from : b.len, ST_STATUS);
    if (stale_from) {
        c = grid_text(g, row, c, g->cols, b.data + stale_from, stale_to - stale_from, ST_STATUS_BUSY);
        c = grid_text(g, row, c, g->cols, b.data + stale_to, b.len - stale_to, ST_STATUS);
    }
    /* key hints, shorter when the room is short */
    const char *hints[] = {app->from_list ? (app->s.writable ? "?:help n:next a:accept w:write q:list " : "?:help n:next q:list ")
                           : app->s.writable ? "?:help n:next a:accept w:write q:quit " : "?:help n:next q:quit ",
                           app->from_list ? "?:help q:list " : "?:help q:quit "};
    grid_hints(g, row, c, hints, sizeof hints / sizeof hints[0]);
    buf_free(&b);
}

static void draw_frame(tui_app *app)
{
    tui_grid *g = &app->grid;
    grid_clear(g);
    if (app->too_small) {
        grid_printf(g, 0, 0, g->cols, ST_NORMAL, "The terminal is too small (%dx%d):", g->cols, g->rows);
        grid_printf(g, 1, 0, g->cols, ST_NORMAL, "cfnfix needs %dx%d. q quits.", MIN_COLS, MIN_ROWS);
        if (app->prompt.kind != PROMPT_NONE)
            prompt_draw(app, g, 3);
        return;
    }
    int main_rows = g->rows - 2;
    if (app->help_top >= 0) {
        help_draw(app, g, (tui_rect){0, 0, main_rows, g->cols});
    } else if (app->detail_top >= 0) {
        detail_draw(app, g, (tui_rect){0, 0, main_rows, g->cols});
    } else if (app->deps.open) {
        deps_draw(app, g, (tui_rect){0, 0, main_rows, g->cols});
    } else {
        for (int p = 0; p < PANE_COUNT; p++)
            pane_view(app, p)->draw(app, g, app->rects[p], app->focus == (tui_pane)p);
        int sep = app->rects[PANE_TREE].cols;
        for (int row = 0; row < main_rows; row++) {
            tui_glyph gl = row == 0 ? GL_TTEE
                           : row == app->rects[PANE_SOURCE].row || row == app->rects[PANE_FIXES].row ? GL_LTEE
                                                                                                      : GL_VLINE;
            grid_fill(g, row, sep, sep + 1, grid_glyph(g, gl), ST_TITLE);
        }
    }
    draw_status(app, g, main_rows);
    if (app->prompt.kind != PROMPT_NONE)
        prompt_draw(app, g, main_rows + 1);
    else
        grid_texts(g, main_rows + 1, 0, g->cols, app->message, app->message_error ? ST_MSG_ERROR : ST_NORMAL);
}

static void render(tui_app *app)
{
    int rows, cols;
    app->be->size(app->be->ctx, &rows, &cols);
    if (rows != app->grid.rows || cols != app->grid.cols) {
        grid_resize(&app->grid, rows, cols);
        layout(app);
        /* a sideways scroll made for the old width is placed again: the
         * selected span in view, else from the first column */
        app->src.hscroll = 0;
        app->src.reveal = true;
        app->fix.hscroll = 0;
    }
    draw_frame(app);
    app->be->present(app->be->ctx, &app->grid);
}

/* --- the mouse: a click selects in the pane under it (and focuses it),
 * the wheel scrolls the pane under the pointer; the keys do the work */

enum { WHEEL_LINES = 3 };

static void mouse_event(tui_app *app, int key)
{
    int kind = TK_MOUSE_KIND(key), row = TK_MOUSE_ROW(key), col = TK_MOUSE_COL(key);
    bool wheel = kind == TK_MOUSE_WHEEL_UP || kind == TK_MOUSE_WHEEL_DOWN;
    int way = kind == TK_MOUSE_WHEEL_UP ? 'k' : 'j';
    int main_rows = app->grid.rows - 2;
    /* a view over the panes: the wheel scrolls it, as j and k */
    void (*over)(tui_app *, int, int) = app->help_top >= 0     ? help_key
                                        : app->detail_top >= 0 ? detail_key
                                        : app->deps.open       ? deps_key
                                                               : NULL;
    if (over) {
        for (int i = 0; wheel && i < WHEEL_LINES; i++)
            over(app, way, main_rows - 1);
        return;
    }
    for (int p = 0; p < PANE_COUNT; p++) {
        tui_rect r = app->rects[p];
        if (row < r.row || row >= r.row + r.rows || col < r.col || col >= r.col + r.cols)
            continue;
        const tui_view_ops *v = pane_view(app, p);
        if (wheel) {
            if (p == PANE_SOURCE)
                source_scroll(app, kind == TK_MOUSE_WHEEL_UP ? -WHEEL_LINES : WHEEL_LINES);
            else if (p == PANE_FIXES && v == &fixes_view_ops) /* the diff scrolls; the choice stays */
                v->act(app, kind == TK_MOUSE_WHEEL_UP ? ACT_PGUP : ACT_PGDN, WHEEL_LINES);
            else
                for (int i = 0; i < WHEEL_LINES; i++)
                    v->act(app, kind == TK_MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN, r.rows - 1);
        } else {
            app->focus = (tui_pane)p;
            if (v->click)
                v->click(app, row - r.row, col - r.col);
        }
        return;
    }
}

/* Handle a key; returns it, or with a prefix before it, the pair
 * (TK_SEQ), as the timing names it. */
static int handle_key(tui_app *app, int key)
{
    if (app->prompt.kind != PROMPT_NONE) {
        if (!TK_IS_MOUSE(key)) /* the prompt is typed: a click does not answer it */
            prompt_key(app, key);
        return key;
    }
    app->message[0] = '\0';
    if (TK_IS_MOUSE(key)) {
        app->pending = 0;
        if (!app->too_small)
            mouse_event(app, key);
        return key;
    }
    if (app->too_small) { /* nothing fits: quitting is all there is */
        if (key == 'q')
            do_quit(app);
        return key;
    }
    if (app->pending) { /* the second key of a pair: Esc gives the pair up */
        int prefix = app->pending;
        app->pending = 0;
        if (key == TK_ESC || key == TK_RESIZE)
            return key;
        key = TK_SEQ(prefix, key);
    } else if (keys_is_prefix(key)) {
        app->pending = key;
        app_message(app, false, "%c-", key);
        return key;
    }
    if (app->help_top >= 0) {
        help_key(app, key, app->grid.rows - 3);
        return key;
    }
    if (app->deps.open) {
        deps_key(app, key, app->grid.rows - 4);
        return key;
    }
    if (key == TK_ESC && refs_open(app)) {
        refs_close(app);
        if (app->focus == PANE_FIXES)
            app->focus = PANE_SOURCE;
        return key;
    }
    unsigned context = (app->focus == PANE_SOURCE ? KC_SOURCE : 0) | (jump_ahead(app) ? KC_JUMP_AHEAD : 0);
    tui_action a = keys_action_in(key, context);
    if (app->detail_top >= 0) { /* n and N go on to the next finding in full */
        if (a == ACT_NEXT_DIAG || a == ACT_PREV_DIAG)
            app->detail_top = 0;
        else {
            detail_key(app, key, app->grid.rows - 3);
            return key;
        }
    }
    if (a == ACT_NONE) {
        char tmp[16];
        app_message(app, false, "%s: no such key (? lists them).", keys_name(key, tmp, sizeof tmp));
        return key;
    }
    if (a == ACT_CHOOSE) {
        do_choose(app, key);
        return key;
    }
    if (a >= ACT_UP && a <= ACT_LINE_END) {
        pane_view(app, app->focus)->act(app, a, app->rects[app->focus].rows - 1);
        return key;
    }
    app_command(app, a);
    return key;
}

/* --- the recovery file (session.h): offered at the start */

static void recover_now(tui_app *app)
{
    char err[1024];
    if (session_recover_restore(&app->s, err, sizeof err) < 0) {
        app_message(app, true, "Not restored: %s", err);
        return;
    }
    app->after.kind = AFTER_RECOVER;
    app_message(app, false, "Restored the unwritten edits. Checking them%s", app_ellipsis(app));
}

static void recover_declined(tui_app *app)
{
    app_message(app, false, "Not restored; %s stays until this session changes the text or quits.",
                app->s.recover_path);
}

static void offer_recovery(tui_app *app)
{
    char info[600];
    tui_recover_state st = session_recover_find(&app->s, info, sizeof info);
    if (st == RECOVER_STALE) {
        app_message(app, true, "%s", info);
    } else if (st == RECOVER_OFFER) {
        char question[160];
        snprintf(question, sizeof question, "Restore the unwritten edits %.100s? (y/N) ", info);
        prompt_open(app, PROMPT_CONFIRM, question, recover_now);
        app->prompt.on_no = recover_declined;
    }
}

/* How often the status line's progress is drawn again while a check runs. */
enum { CHECK_TICK_MS = 250 };

/* Imported facts (spec import-aws) that decide findings in the regions
 * in force and are older than 90 days: the status line says so, once
 * computed (the files do not change while the UI runs). */
static void note_old_facts(tui_app *app)
{
    const cf_lint_opts *opts = session_opts(&app->s);
    char *dir = cf_spec_overlay_dir(), oldest[11];
    long age = aws_facts_oldest(dir, opts->regions, opts->nregions, opts->today, oldest);
    free(dir);
    app->facts_note[0] = '\0';
    if (age > 90)
        snprintf(app->facts_note, sizeof app->facts_note, "AWS facts %ld days old (%s)", age, oldest);
}

/* A failed deployment's findings (--stack-events) come first: the first
 * is selected when the template opens, and the message counts them. */
static void show_deploy_failures(tui_app *app)
{
    const diag_list *l = app_shown(app);
    size_t n = 0, first = 0;
    for (size_t i = 0; i < l->n; i++)
        if (app->s.ds.v[l->v[i]].rule->history && !n++)
            first = l->v[i];
    if (!n)
        return;
    go_to_diag(app, first);
    app_message(app, false, "The last deployment failed: %zu finding%s from the stack events (%s); the first is selected.",
                n, n == 1 ? "" : "s", app->s.ds.v[first].rule->id);
}

double app_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The first time the app runs: the first screen, the first check, what
 * the template's opening says. */
static void app_start(tui_app *app)
{
    app->started = true;
    app->sel = -1;
    app->help_top = -1;
    app->detail_top = -1;
    app->fix.scroll = -1;
    /* the first screen comes before the first lint: a large template shows
     * at once */
    render(app);
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: first screen %.1f ms after the file began to load\n",
                app_now_ms() - app->started_ms);
    /* the first check runs on a worker: keys go on meanwhile, on the
     * unchecked text (a large template takes a second or more) */
    if (app->be->held_at_start)
        app->s.hold_checks = true;
    session_check_start(&app->s);
    app->after.kind = AFTER_FIRST;
    app_tree_moved(app);
    note_old_facts(app);
    offer_recovery(app);
}

int app_run(tui_app *app)
{
    app->quit = false;
    app->input_ended = false;
    if (!app->started)
        app_start(app);
    else if (app->be->invalidate)
        app->be->invalidate(app->be->ctx); /* back from the file list: drawn whole */
    if (app->first_action != ACT_NONE && app->s.checked && !session_checking(&app->s) &&
        app->prompt.kind == PROMPT_NONE) { /* else when the check ends (check_ended) */
        tui_action a = app->first_action;
        app->first_action = ACT_NONE;
        app_command(app, a);
    }
    bool timing = getenv("CFNFIX_TUI_TIMING") != NULL;
    double key_started = 0;
    int last_key = 0;
    while (!app->quit) {
        /* the check of an edit ended: its findings are shown from now on
         * (a test script's key waits for that, unless held) */
        bool waits = session_checking(&app->s) && !app->s.hold_checks && app->be->waits_for_checks &&
                     app->be->waits_for_checks(app->be->ctx);
        if (session_poll(&app->s, waits ? -1 : 0))
            check_ended(app);
        render(app);
        if (timing && last_key) { /* a key's cost: handled and drawn */
            char tmp[32];
            fprintf(stderr, "cfnfix: key %s in %.2f ms\n", keys_name(last_key, tmp, sizeof tmp),
                    app_now_ms() - key_started);
        }
        last_key = 0;
        /* while a check runs, the status line's progress moves on */
        int key = app->be->next_key(app->be->ctx, session_checking(&app->s) ? CHECK_TICK_MS : -1);
        if (key == INPUT_TIMEOUT)
            continue;
        if (key == TK_EOF) {
            app->input_ended = true;
            break;
        }
        if (key == TK_TEST_HOLD || key == TK_TEST_RELEASE) {
            session_hold_checks(&app->s, key == TK_TEST_HOLD);
            continue;
        }
        key_started = app_now_ms();
        last_key = key;
        if (key != TK_RESIZE)
            last_key = handle_key(app, key);
        if (app->s.recover_error[0]) { /* said once */
            app_message(app, true, "%s", app->s.recover_error);
            app->s.recover_error[0] = '\0';
        }
    }
    /* q is a clean quit (unwritten edits were given up with a yes); the
     * end of input (a dropped terminal, SIGHUP, SIGTERM) keeps them */
    if (app->quit && !app->from_list)
        session_recover_forget(&app->s);
    return 0;
}

void app_free(tui_app *app)
{
    session_close(&app->s);
    tree_free(&app->tree);
    free(app->shown.v);
    buf_free(&app->fix.diff);
    buf_free(&app->prompt.input);
    free(app->prompt.complete_stem);
    cli_free_list(app->filter, app->nfilter);
    free(app->last_search);
    refs_free(app);
    deps_free(app);
    grid_free(&app->grid);
}
