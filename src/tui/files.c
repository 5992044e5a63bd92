/* The file list (files.h): rows of templates with their counts, filled in
 * by the background lint; each opens in an app of its own. */
#include "tui/files.h"

#include "rules.h"
#include "template_files.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* While the background lint runs, the list is drawn again this often. */
enum { FILES_TICK_MS = 100, FILES_WHEEL = 3 };

void files_add(tui_files *f, const char *path, const cf_lintrc *rc, bool named)
{
    f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
    f->v[f->n++] = (files_entry){xstrdup(path), rc, named, {0}, NULL};
    f->shown_dirty = true;
}

/* --- what a row says */

static bool modified(const files_entry *e)
{
    return e->app && e->app->s.writable && session_modified(&e->app->s);
}

/* Counts per level: the opened template's own (after its changes), else
 * the background lint's; false while neither is known. */
static bool counts(const files_entry *e, size_t c[3])
{
    c[0] = c[1] = c[2] = 0;
    if (e->app && e->app->s.checked) {
        const tui_session *s = &e->app->s;
        for (size_t i = 0; i < s->ds.n; i++)
            if (!session_rejected(s, &s->ds.v[i]))
                c[cf_rule_level(s->ds.v[i].rule)]++;
        return true;
    }
    if (!e->r.done || e->r.problem[0])
        return false;
    c[0] = e->r.errors;
    c[1] = e->r.warnings;
    c[2] = e->r.infos;
    return true;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* --- the rows shown: filtered, sorted */

/* A row's sort key, taken once per rebuild. */
typedef struct sort_key {
    size_t index;
    bool known;   /* counts known: the unknown come last */
    size_t value; /* what the sort counts; the most first */
    const char *path;
} sort_key;

static int by_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->known != y->known)
        return x->known ? -1 : 1;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return strcmp(x->path, y->path);
}

static size_t sort_value(files_sort sort, const size_t c[3])
{
    switch (sort) {
    case FSORT_ERRORS: return c[0];
    case FSORT_WARNINGS: return c[1];
    case FSORT_FINDINGS: return c[0] + c[1] + c[2];
    default: return 0;
    }
}

static bool passes(const tui_files *f, const files_entry *e)
{
    if (!e->named && e->r.done && !e->r.template_)
        return false;
    if (!f->filter[0])
        return true;
    size_t c[3];
    if (!strcmp(f->filter, "E") || !strcmp(f->filter, "W") || !strcmp(f->filter, "I"))
        return counts(e, c) && c[strchr("EWI", f->filter[0]) - "EWI"] > 0;
    return strstr(e->path, f->filter) != NULL;
}

static void rebuild(tui_files *f)
{
    size_t keep = f->nshown ? f->shown[f->cursor < f->nshown ? f->cursor : f->nshown - 1] : 0;
    bool had = f->nshown > 0;
    f->shown = xrealloc(f->shown, (f->n ? f->n : 1) * sizeof *f->shown);
    f->nshown = 0;
    f->hidden = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (!f->v[i].named && f->v[i].r.done && !f->v[i].r.template_)
            f->hidden++;
        if (passes(f, &f->v[i]))
            f->shown[f->nshown++] = i;
    }
    sort_key *keys = xmalloc((f->nshown ? f->nshown : 1) * sizeof *keys);
    for (size_t k = 0; k < f->nshown; k++) {
        size_t c[3];
        const files_entry *e = &f->v[f->shown[k]];
        bool known = counts(e, c);
        keys[k] = (sort_key){f->shown[k], known || f->sort == FSORT_PATH, known ? sort_value(f->sort, c) : 0, e->path};
    }
    qsort(keys, f->nshown, sizeof *keys, by_key);
    for (size_t k = 0; k < f->nshown; k++)
        f->shown[k] = keys[k].index;
    free(keys);
    /* the cursor stays on its file when that file is still listed */
    f->cursor = 0;
    for (size_t i = 0; had && i < f->nshown; i++)
        if (f->shown[i] == keep)
            f->cursor = i;
    f->shown_dirty = false;
}

static files_entry *selected(tui_files *f)
{
    return f->nshown ? &f->v[f->shown[f->cursor]] : NULL;
}

static void say(tui_files *f, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(tui_files *f, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
    f->message_error = error;
}

/* --- drawing */

enum { COUNT_W = 5 };

static void draw_row(tui_files *f, tui_grid *g, int row, size_t k, bool cursor)
{
    const files_entry *e = &f->v[f->shown[k]];
    size_t c[3];
    int col = 1;
    if (counts(e, c)) {
        static const tui_style st[] = {ST_ERROR, ST_WARNING, ST_INFO};
        for (int l = 0; l < 3; l++) {
            char num[24];
            snprintf(num, sizeof num, "%*zu", COUNT_W - 1, c[l]);
            grid_texts(g, row, col, col + COUNT_W, num, c[l] ? st[l] : ST_DIM);
            col += COUNT_W;
        }
    } else {
        grid_texts(g, row, col, col + 3 * COUNT_W, e->r.done ? "   not read" : "   checking", ST_DIM);
        col += 3 * COUNT_W;
    }
    col += 2;
    col = grid_texts(g, row, col, g->cols, e->path, ST_NORMAL);
    if (modified(e))
        col = grid_texts(g, row, col, g->cols, " [+]", ST_TITLE);
    if (e->r.done && e->r.problem[0] && !(e->app && e->app->s.checked)) {
        col = grid_texts(g, row, col, g->cols, "  ", ST_NORMAL);
        grid_texts(g, row, col, g->cols, e->r.problem, ST_MSG_ERROR);
    }
    if (cursor)
        grid_add_attrs(g, row, 0, g->cols, TA_REVERSE);
}

static void draw_status(tui_files *f, tui_grid *g, int row)
{
    grid_fill(g, row, 0, g->cols, ' ', ST_STATUS);
    size_t total[3] = {0, 0, 0}, changed = 0;
    for (size_t k = 0; k < f->nshown; k++) {
        size_t c[3];
        if (counts(&f->v[f->shown[k]], c))
            for (int l = 0; l < 3; l++)
                total[l] += c[l];
        changed += modified(&f->v[f->shown[k]]);
    }
    static const char *const sorts[] = {"path", "errors", "warnings", "findings"};
    cf_buf b = {0};
    buf_printf(&b, " %zu template%s", f->nshown, f->nshown == 1 ? "" : "s");
    if (changed)
        buf_printf(&b, " [+%zu]", changed);
    buf_printf(&b, " | E:%zu W:%zu I:%zu | sort: %s", total[0], total[1], total[2], sorts[f->sort]);
    if (f->filter[0])
        buf_printf(&b, " | filter: %s", f->filter);
    int c = grid_text(g, row, 0, g->cols, b.data, b.len, ST_STATUS);
    const char *hints[] = {"?:help Enter:open W:write all q:quit ", "?:help q:quit "};
    grid_hints(g, row, c, hints, sizeof hints / sizeof hints[0]);
    buf_free(&b);
}

static void draw(tui_files *f)
{
    tui_grid *g = &f->grid;
    grid_clear(g);
    int main_rows = g->rows - 2;
    if (main_rows < 2) {
        grid_texts(g, 0, 0, g->cols, "The terminal is too small. q quits.", ST_NORMAL);
        return;
    }
    if (f->help_top >= 0) {
        help_draw_at(g, (tui_rect){0, 0, main_rows, g->cols}, &f->help_top);
    } else {
        size_t done = cf_batch_done(f->batch);
        char title[200];
        int n = snprintf(title, sizeof title, "Templates: %zu of %zu checked", done, f->n);
        if (f->hidden)
            n += snprintf(title + n, sizeof title - (size_t)n, ", %zu not templates (hidden)", f->hidden);
        if (f->truncated)
            snprintf(title + n, sizeof title - (size_t)n, ", the first %d files only", CF_MAX_FOLDER_FILES);
        grid_header(g, 0, 0, g->cols, title, true);
        grid_texts(g, 1, 1, g->cols, "   E    W    I   path", ST_DIM);
        int rows = main_rows - 2;
        if (f->cursor < f->top)
            f->top = f->cursor;
        if (rows > 0 && f->cursor >= f->top + (size_t)rows)
            f->top = f->cursor - (size_t)rows + 1;
        for (int i = 0; i < rows && f->top + (size_t)i < f->nshown; i++)
            draw_row(f, g, 2 + i, f->top + (size_t)i, f->top + (size_t)i == f->cursor);
        if (!f->nshown)
            grid_texts(g, 2, 1, g->cols,
                       f->filter[0] ? "No template passes the filter (f changes it)."
                       : done < f->n ? "Looking for templates..."
                                     : "No templates here.",
                       ST_DIM);
    }
    draw_status(f, g, main_rows);
    int last = main_rows + 1;
    if (f->asking != FQ_NONE) {
        int c = grid_texts(g, last, 0, g->cols, f->question, ST_TITLE);
        if (f->asking == FQ_FILTER) {
            c = grid_text(g, last, c, g->cols - 1, f->input.data ? f->input.data : "", f->input.len, ST_NORMAL);
            grid_fill(g, last, c, c + 1, ' ', ST_NORMAL);
            grid_add_attrs(g, last, c, c + 1, TA_REVERSE);
        }
    } else {
        grid_texts(g, last, 0, g->cols, f->message, f->message_error ? ST_MSG_ERROR : ST_NORMAL);
    }
}

static void render(tui_files *f)
{
    int rows, cols;
    f->be->size(f->be->ctx, &rows, &cols);
    if (rows != f->grid.rows || cols != f->grid.cols)
        grid_resize(&f->grid, rows, cols);
    if (f->shown_dirty)
        rebuild(f);
    draw(f);
    f->be->present(f->be->ctx, &f->grid);
}

/* --- commands */

static void open_entry(tui_files *f, files_entry *e, tui_action first)
{
    if (!e->app) {
        tui_app *app = xcalloc(1, sizeof *app);
        app->started_ms = app_now_ms();
        char err[1024] = "";
        if (session_open(&app->s, e->path, f->cli, e->rc, f->writable, err, sizeof err) < 0) {
            free(app);
            say(f, true, "Not opened: %s", err);
            return;
        }
        app->from_list = true;
        app->review_out = f->review_out;
        app->grid.unicode = f->grid.unicode;
        app->be = f->be;
        e->app = app;
    }
    e->app->first_action = first;
    app_run(e->app);
    if (e->app->input_ended) /* the end of input: unwritten changes keep their recovery files */
        f->quit = true;
    f->shown_dirty = true; /* its counts may have changed */
    f->message[0] = '\0';
    if (f->be->invalidate)
        f->be->invalidate(f->be->ctx);
}

static bool write_entry(tui_files *f, files_entry *e, char *err, size_t errsize)
{
    (void)f;
    return session_write(&e->app->s, err, errsize) == 0;
}

static void do_write(tui_files *f)
{
    files_entry *e = selected(f);
    if (!e || !modified(e)) {
        say(f, false, "No changes to write in %s.", e ? base_name(e->path) : "the list");
        return;
    }
    char err[1024];
    if (write_entry(f, e, err, sizeof err))
        say(f, false, "Wrote %s.", e->path);
    else
        say(f, true, "Not written: %s", err);
}

static void write_all_now(tui_files *f)
{
    size_t wrote = 0, failed = 0;
    char first_err[400] = "";
    for (size_t i = 0; i < f->n; i++) {
        if (!modified(&f->v[i]))
            continue;
        char err[1024];
        if (write_entry(f, &f->v[i], err, sizeof err))
            wrote++;
        else if (!failed++)
            snprintf(first_err, sizeof first_err, "%.380s", err);
    }
    if (failed)
        say(f, true, "Wrote %zu of %zu templates; not written: %s", wrote, wrote + failed, first_err);
    else
        say(f, false, "Wrote %zu template%s.", wrote, wrote == 1 ? "" : "s");
}

/* "a.yaml, b.yaml and 3 more" for a question that must fit a line. */
static void changed_names(tui_files *f, char *out, size_t size, size_t *count)
{
    size_t n = 0, len = 0, named = 0;
    out[0] = '\0';
    for (size_t i = 0; i < f->n; i++)
        n += modified(&f->v[i]);
    for (size_t i = 0; i < f->n; i++) {
        if (!modified(&f->v[i]))
            continue;
        const char *name = f->v[i].path;
        if (len + strlen(name) + 24 > size || len > 200)
            break;
        len += (size_t)snprintf(out + len, size - len, "%s%s", named ? ", " : "", name);
        named++;
    }
    if (named < n)
        snprintf(out + len, size - len, " and %zu more", n - named);
    *count = n;
}

static void ask(tui_files *f, void (*on_yes)(tui_files *), const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void ask(tui_files *f, void (*on_yes)(tui_files *), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->question, sizeof f->question, fmt, ap);
    va_end(ap);
    f->asking = FQ_CONFIRM;
    f->on_yes = on_yes;
    f->message[0] = '\0';
}

static void do_write_all(tui_files *f)
{
    char names[300];
    size_t n;
    changed_names(f, names, sizeof names, &n);
    if (!n) {
        say(f, false, "No changes to write.");
        return;
    }
    ask(f, write_all_now, "Write %zu template%s: %s? (y/N) ", n, n == 1 ? "" : "s", names);
}

static void quit_now(tui_files *f)
{
    for (size_t i = 0; i < f->n; i++) /* a clean quit: their recovery files go */
        if (f->v[i].app)
            session_recover_forget(&f->v[i].app->s);
    f->quit = true;
}

static void do_quit(tui_files *f)
{
    char names[300];
    size_t n;
    changed_names(f, names, sizeof names, &n);
    if (n)
        ask(f, quit_now, "Unwritten changes in %s. Quit anyway? (y/N) ", names);
    else
        quit_now(f);
}

static void do_sort(tui_files *f)
{
    static const char *const sorts[] = {"path", "errors", "warnings", "findings"};
    f->sort = (files_sort)((f->sort + 1) % FSORT_COUNT);
    f->shown_dirty = true;
    say(f, false, "Sorted by %s.", sorts[f->sort]);
}

static void filter_done(tui_files *f)
{
    const char *text = f->input.data ? f->input.data : "";
    snprintf(f->filter, sizeof f->filter, "%s", text);
    /* a severity reads as one in either case */
    if (strlen(f->filter) == 1 && strchr("ewi", f->filter[0]))
        f->filter[0] = (char)(f->filter[0] - 'a' + 'A');
    f->shown_dirty = true;
    f->cursor = f->top = 0;
    if (f->filter[0])
        say(f, false, "Filter: %s (f, then Enter on nothing, shows all).", f->filter);
    else
        say(f, false, "All templates shown.");
}

static void move(tui_files *f, tui_action a, int page)
{
    size_t n = f->nshown;
    if (!n)
        return;
    size_t p = page > 1 ? (size_t)page : 1;
    switch (a) {
    case ACT_UP: f->cursor -= f->cursor > 0; break;
    case ACT_DOWN: f->cursor += f->cursor + 1 < n; break;
    case ACT_PGUP: f->cursor = f->cursor > p ? f->cursor - p : 0; break;
    case ACT_PGDN: f->cursor = f->cursor + p < n ? f->cursor + p : n - 1; break;
    case ACT_TOP: f->cursor = 0; break;
    case ACT_BOTTOM: f->cursor = n - 1; break;
    default: break;
    }
}

static void question_key(tui_files *f, int key)
{
    if (f->asking == FQ_CONFIRM) {
        f->asking = FQ_NONE;
        if (key == 'y' || key == 'Y')
            f->on_yes(f);
        else
            say(f, false, "Cancelled.");
        return;
    }
    if (key == TK_ESC || key == TK_EOF || key == TK_CTRL('c')) {
        f->asking = FQ_NONE;
        say(f, false, "Cancelled.");
    } else if (key == TK_ENTER) {
        f->asking = FQ_NONE;
        filter_done(f);
    } else if (key == TK_BACKSPACE) {
        while (f->input.len > 0 && ((unsigned char)f->input.data[--f->input.len] & 0xC0) == 0x80)
            ;
        if (f->input.data)
            f->input.data[f->input.len] = '\0';
    } else if (key == TK_CTRL('u')) {
        buf_reset(&f->input);
    } else if (key >= ' ' && key < 0x110000 && key != 0x7F && f->input.len < sizeof f->filter - 5) {
        char u[4];
        buf_add(&f->input, u, (size_t)utf8_encode((uint32_t)key, u));
    }
}

static void mouse(tui_files *f, int key)
{
    int kind = TK_MOUSE_KIND(key), row = TK_MOUSE_ROW(key);
    int rows = f->grid.rows - 4;
    if (kind == TK_MOUSE_WHEEL_UP || kind == TK_MOUSE_WHEEL_DOWN) {
        for (int i = 0; i < FILES_WHEEL; i++)
            move(f, kind == TK_MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN, 1);
        return;
    }
    if (row < 2 || row >= 2 + rows || f->top + (size_t)(row - 2) >= f->nshown)
        return;
    size_t k = f->top + (size_t)(row - 2);
    if (k == f->cursor) /* a second click opens, as on a tree entry */
        open_entry(f, selected(f), ACT_NONE);
    else
        f->cursor = k;
}

static void handle_key(tui_files *f, int key)
{
    if (f->asking != FQ_NONE) {
        if (!TK_IS_MOUSE(key))
            question_key(f, key);
        return;
    }
    f->message[0] = '\0';
    if (TK_IS_MOUSE(key)) {
        f->pending = 0;
        if (f->help_top < 0)
            mouse(f, key);
        return;
    }
    if (f->pending) {
        int prefix = f->pending;
        f->pending = 0;
        if (key == TK_ESC)
            return;
        key = TK_SEQ(prefix, key);
    } else if (keys_is_prefix(key)) {
        f->pending = key;
        return;
    }
    int page = f->grid.rows - 4;
    if (f->help_top >= 0) {
        help_key_at(&f->help_top, key, page);
        return;
    }
    tui_action a = keys_action_in(key, KC_FILES);
    files_entry *e = selected(f);
    switch (a) {
    case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_TOP: case ACT_BOTTOM:
        move(f, a, page);
        return;
    case ACT_FILES_OPEN:
        if (e)
            open_entry(f, e, ACT_NONE);
        return;
    case ACT_ACCEPT_SAFE:
        if (!f->writable)
            say(f, true, "Read-only: opened with --read-only.");
        else if (e)
            open_entry(f, e, ACT_ACCEPT_SAFE);
        return;
    case ACT_WRITE: do_write(f); return;
    case ACT_WRITE_ALL: do_write_all(f); return;
    case ACT_FILES_SORT: do_sort(f); return;
    case ACT_FILES_FILTER:
        f->asking = FQ_FILTER;
        snprintf(f->question, sizeof f->question, "Filter (E, W, I, or text in the path): ");
        buf_reset(&f->input);
        return;
    case ACT_QUIT: do_quit(f); return;
    case ACT_HELP: f->help_top = 0; return;
    case ACT_REDRAW:
        if (f->be->invalidate)
            f->be->invalidate(f->be->ctx);
        return;
    default: {
        char tmp[16];
        say(f, false, "%s: not in the file list (Enter opens a template; ? lists the keys).",
            keys_name(key, tmp, sizeof tmp));
        return;
    }
    }
}

/* Results that came: their rows fill in (and may go, when not templates). */
static void take_results(tui_files *f)
{
    size_t got[64], k;
    while ((k = cf_batch_take(f->batch, got, sizeof got / sizeof got[0])) > 0) {
        for (size_t i = 0; i < k; i++)
            f->v[got[i]].r = cf_batch_get(f->batch, got[i]);
        f->shown_dirty = true;
    }
}

void files_run(tui_files *f, int jobs)
{
    f->help_top = -1;
    f->paths = xmalloc((f->n ? f->n : 1) * sizeof *f->paths);
    f->rcs = xmalloc((f->n ? f->n : 1) * sizeof *f->rcs);
    for (size_t i = 0; i < f->n; i++) {
        f->paths[i] = f->v[i].path;
        f->rcs[i] = f->v[i].rc;
    }
    f->batch = cf_batch_start(f->paths, f->rcs, f->n, f->cli, jobs);
    render(f);
    bool timing = getenv("CFNFIX_TUI_TIMING") != NULL;
    if (timing)
        fprintf(stderr, "cfnfix: file list: first screen %.1f ms after start\n", app_now_ms() - f->started_ms);
    bool all_timed = false;
    while (!f->quit) {
        bool running = cf_batch_done(f->batch) < f->n;
        /* a test script's keys come after every result (the same screens
         * every run) */
        if (running && f->be->waits_for_checks && f->be->waits_for_checks(f->be->ctx))
            while (cf_batch_done(f->batch) < f->n)
                cf_batch_wait(f->batch, -1);
        take_results(f);
        running = cf_batch_done(f->batch) < f->n;
        if (timing && !running && !all_timed) {
            all_timed = true;
            fprintf(stderr, "cfnfix: file list: %zu files checked %.1f ms after start\n", f->n,
                    app_now_ms() - f->started_ms);
        }
        render(f);
        int key = f->be->next_key(f->be->ctx, running ? FILES_TICK_MS : -1);
        if (key == INPUT_TIMEOUT)
            continue;
        if (key == TK_EOF || key == TK_TEST_HOLD || key == TK_TEST_RELEASE) {
            if (key == TK_EOF)
                break;
            continue;
        }
        double t0 = app_now_ms();
        if (key != TK_RESIZE)
            handle_key(f, key);
        if (timing) {
            char tmp[32];
            fprintf(stderr, "cfnfix: file list key %s in %.2f ms\n", keys_name(key, tmp, sizeof tmp), app_now_ms() - t0);
        }
    }
}

void files_free(tui_files *f)
{
    cf_batch_free(f->batch);
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].app) {
            app_free(f->v[i].app);
            free(f->v[i].app);
        }
        free(f->v[i].path);
    }
    free(f->v);
    free(f->shown);
    free(f->paths);
    free(f->rcs);
    buf_free(&f->input);
    grid_free(&f->grid);
}
