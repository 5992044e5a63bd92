/* The template under review and its edits; see session.h. */
#include "tui/session.h"

#include "atomicfile.h"
#include "fixes.h"
#include "patch.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The core keeps the bytes it is handed, with one spare byte. */
static cf_doc *load_bytes(const char *name, const char *text, size_t len)
{
    char *bytes = xmalloc(len + 1);
    memcpy(bytes, text, len);
    return cf_doc_load_buffer(name, bytes, len);
}

/* Drop what was found in the current document, then the document. */
static void drop_doc(tui_session *s)
{
    cf_diags_free(&s->ds);
    memset(&s->ds, 0, sizeof s->ds);
    if (s->doc)
        cf_template_free(&s->tpl);
    cf_doc_free(s->doc);
    s->doc = NULL;
    s->checked = false;
}

static void set_doc(tui_session *s, cf_doc *doc)
{
    drop_doc(s);
    s->doc = doc;
    cf_template_init(&s->tpl, doc);
    s->generation++;
}

void session_check(tui_session *s)
{
    double t0 = now_ms();
    cf_lint(s->doc, s->opts, &s->ds);
    cf_fixes_suggest(s->doc, s->opts, &s->ds);
    s->check_ms = now_ms() - t0;
    s->checked = true;
    s->generation++;
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: checked %s in %.1f ms\n", s->path, s->check_ms);
}

static void keep_disk_copy(tui_session *s)
{
    free(s->disk);
    s->disk = xmalloc(s->doc->len + 1);
    memcpy(s->disk, s->doc->src, s->doc->len);
    s->disk_len = s->doc->len;
}

int session_open(tui_session *s, const char *path, const cf_lint_opts *opts, bool writable, char *err,
                 size_t errsize)
{
    memset(s, 0, sizeof *s);
    s->path = xstrdup(path);
    s->opts = opts;
    s->writable = writable && strcmp(path, "-") != 0;
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        snprintf(err, errsize, "%s", rerr.message);
        return -1;
    }
    set_doc(s, doc);
    keep_disk_copy(s);
    return 0;
}

static void free_stack(cf_buf *v, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        buf_free(&v[i]);
    *n = 0;
}

void session_close(tui_session *s)
{
    drop_doc(s);
    free_stack(s->undo, &s->nundo);
    free_stack(s->redo, &s->nredo);
    free(s->undo);
    free(s->redo);
    for (size_t i = 0; i < s->nrejected; i++)
        free(s->rejected[i]);
    free(s->rejected);
    free(s->disk);
    free(s->path);
    memset(s, 0, sizeof *s);
}

bool session_modified(const tui_session *s)
{
    return s->doc->len != s->disk_len || memcmp(s->doc->src, s->disk, s->disk_len) != 0;
}

static void push_text(cf_buf **v, size_t *n, size_t *cap, const char *text, size_t len)
{
    GROW(*v, *cap, *n + 1);
    cf_buf b = {0};
    buf_add(&b, text, len);
    (*v)[(*n)++] = b;
}

/* Apply p to the current text; the result when it verifies, else NULL
 * with the reason. */
static cf_doc *patched_doc(const tui_session *s, const cf_patch *p, char *msg, size_t msgsize)
{
    cf_buf out = {0};
    cf_patch_apply(p, s->doc->src, s->doc->len, &out);
    cf_doc *doc = load_bytes(s->doc->name, out.data ? out.data : "", out.len);
    buf_free(&out);
    if (cf_patch_verify(s->doc, doc, p, msg, msgsize) < 0) {
        cf_doc_free(doc);
        return NULL;
    }
    return doc;
}

size_t session_accept(tui_session *s, const cf_fix *const *fixes, size_t n, char *msg, size_t msgsize)
{
    msg[0] = '\0';
    double t0 = now_ms();
    cf_patch all = {0};
    for (size_t i = 0; i < n; i++)
        if (!cf_patch_add_fix(&all, fixes[i]))
            snprintf(msg, msgsize, "skipped \"%s\": it overlaps another fix", fixes[i]->title);
    cf_doc *doc = all.nfixes ? patched_doc(s, &all, msg, msgsize) : NULL;
    if (!doc && all.nfixes > 1) {
        /* keep the fixes that verify on their own, then try them together */
        cf_patch good = {0};
        for (size_t i = 0; i < all.nfixes; i++) {
            cf_patch one = {0};
            cf_patch_add_fix(&one, all.fixes[i]);
            cf_doc *alone = patched_doc(s, &one, msg, msgsize);
            if (alone)
                cf_patch_add_fix(&good, all.fixes[i]);
            cf_doc_free(alone);
            cf_patch_free(&one);
        }
        cf_patch_free(&all);
        all = good;
        doc = all.nfixes ? patched_doc(s, &all, msg, msgsize) : NULL;
    }
    size_t applied = doc ? all.nfixes : 0;
    cf_patch_free(&all);
    if (!doc)
        return 0;
    push_text(&s->undo, &s->nundo, &s->undo_cap, s->doc->src, s->doc->len);
    free_stack(s->redo, &s->nredo);
    set_doc(s, doc);
    session_check(s);
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: accepted %zu fix%s in %.1f ms (patch, verify, lint, fixes)\n", applied,
                applied == 1 ? "" : "es", now_ms() - t0);
    return applied;
}

/* Move the current text onto one stack and take the other's top. */
static bool swap_text(tui_session *s, cf_buf *from, size_t *nfrom, cf_buf **to, size_t *nto, size_t *tocap)
{
    if (!*nfrom)
        return false;
    push_text(to, nto, tocap, s->doc->src, s->doc->len);
    cf_buf *b = &from[--*nfrom];
    set_doc(s, load_bytes(s->doc->name, b->data ? b->data : "", b->len));
    buf_free(b);
    session_check(s);
    return true;
}

bool session_undo(tui_session *s)
{
    return swap_text(s, s->undo, &s->nundo, &s->redo, &s->nredo, &s->redo_cap);
}

bool session_redo(tui_session *s)
{
    return swap_text(s, s->redo, &s->nredo, &s->undo, &s->nundo, &s->undo_cap);
}

int session_write(tui_session *s, char *err, size_t errsize)
{
    if (atomic_replace(s->path, s->disk, s->disk_len, s->doc->src, s->doc->len, NULL, err, errsize) < 0)
        return -1;
    keep_disk_copy(s);
    return 0;
}

int session_reload(tui_session *s, char *err, size_t errsize)
{
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(s->path, &rerr);
    if (!doc) {
        snprintf(err, errsize, "%s", rerr.message);
        return -1;
    }
    set_doc(s, doc);
    keep_disk_copy(s);
    free_stack(s->undo, &s->nundo);
    free_stack(s->redo, &s->nredo);
    session_check(s);
    return 0;
}

static char *identity(const cf_diag *d)
{
    cf_buf b = {0};
    buf_adds(&b, d->rule->id);
    for (uint32_t i = 0; i < d->path_len; i++) {
        if (d->path[i].key)
            buf_printf(&b, "\x1f%s", d->path[i].key);
        else
            buf_printf(&b, "\x1f[%u]", d->path[i].index);
    }
    buf_printf(&b, "\x1e%s", d->message);
    return buf_steal(&b);
}

void session_reject(tui_session *s, const cf_diag *d)
{
    if (session_rejected(s, d))
        return;
    GROW(s->rejected, s->rejected_cap, s->nrejected + 1);
    s->rejected[s->nrejected++] = identity(d);
    s->generation++;
}

bool session_rejected(const tui_session *s, const cf_diag *d)
{
    if (!s->nrejected)
        return false;
    char *id = identity(d);
    bool found = false;
    for (size_t i = 0; i < s->nrejected && !found; i++)
        found = !strcmp(s->rejected[i], id);
    free(id);
    return found;
}
