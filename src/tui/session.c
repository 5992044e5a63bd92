/* The template under review and its edits; see session.h. */
#include "tui/session.h"

#include "tui/checker.h"

#include "atomicfile.h"
#include "fix_apply.h"
#include "fixes.h"

#include "readfile.h"
#include "review.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
    if (s->doc) {
        cf_stack_order_free(&s->order);
        cf_xref_free(&s->xref);
        cf_template_free(&s->tpl);
    }
    cf_lint_setup_free(&s->setup); /* it borrows from the document */
    cf_doc_free(s->doc);
    s->doc = NULL;
    s->checked = false;
}

/* The options for a text (its Metadata may have changed); when its
 * Metadata cannot be used, those without it, and the reason kept. */
static void make_setup(const tui_setup_from *from, const cf_doc *doc, cf_lint_setup *setup, char *err, size_t errsize)
{
    cf_lint_setup_free(setup);
    err[0] = '\0';
    if (cf_lint_setup_for(setup, from->cli, from->rc, doc, doc->name, err, errsize) < 0) {
        char ignored[512];
        /* without the Metadata; rc's own regions were checked when the
         * session opened, so the fall-back to the command line's alone is
         * for safety */
        if (cf_lint_setup_for(setup, from->cli, from->rc, NULL, doc->name, ignored, sizeof ignored) < 0)
            cf_lint_setup_for(setup, from->cli, NULL, NULL, doc->name, ignored, sizeof ignored);
    }
    if (from->region) { /* :region: a list of its own, the name borrowed from the spec */
        free(setup->scratch);
        setup->scratch = xmalloc(sizeof *setup->scratch);
        setup->scratch[0] = (char *)from->region;
        setup->opts.regions = setup->scratch;
        setup->opts.nregions = 1;
    }
}

static void setup_options(const tui_session *s, const cf_doc *doc, cf_lint_setup *setup, char *err, size_t errsize)
{
    tui_setup_from from = {s->cli, s->rc, s->region};
    make_setup(&from, doc, setup, err, errsize);
}

/* The first check's options, made on its worker for the document it
 * parsed (from a copy taken when it began). */
static void first_setup(void *ctx, const cf_doc *doc, cf_lint_setup *out)
{
    tui_setup_from *from = ctx;
    char ignored[512];
    memset(out, 0, sizeof *out);
    make_setup(from, doc, out, ignored, sizeof ignored);
}

/* The shown text's reference index and creation order. */
static void index_refs(tui_session *s)
{
    double t0 = now_ms();
    cf_xref_build(&s->xref, &s->tpl);
    cf_stack_order_build(&s->order, &s->tpl, &s->xref);
    s->index_gen++;
    s->refs_indexed = true;
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: indexed %zu names, %zu uses, %zu creation waves in %.1f ms\n", s->xref.nsyms,
                s->xref.nuses, s->order.nwaves, now_ms() - t0);
}

/* The model of the text shown: its template, and unless it is the first
 * (see session_check), its reference index and creation order. */
static void index_doc(tui_session *s, cf_doc *doc, bool refs)
{
    s->doc = doc;
    cf_template_init(&s->tpl, doc);
    s->index_gen++;
    s->refs_indexed = false;
    if (refs)
        index_refs(s);
}

/* A new current text, and the options for it (they borrow from it). */
static void set_doc(tui_session *s, cf_doc *doc)
{
    drop_doc(s);
    index_doc(s, doc, false);
    setup_options(s, doc, &s->setup, s->setup_error, sizeof s->setup_error);
    s->generation++;
}

/* --- the background check (session.h, checker.h) */

/* A check given up, with the text it was checking. */
typedef struct tui_retired {
    tui_checker *checker;
    cf_doc *doc;
    cf_lint_setup setup;
} tui_retired;

/* Free the given-up checks that stopped; all: wait for each. */
static void reap(tui_session *s, bool all)
{
    size_t w = 0;
    for (size_t i = 0; i < s->nretired; i++) {
        tui_retired *r = &s->retired[i];
        if (!checker_wait(r->checker, all ? -1 : 0)) {
            s->retired[w++] = *r;
            continue;
        }
        cf_diags none = {0};
        double ms;
        checker_finish(r->checker, &none, &ms);
        cf_lint_setup_free(&r->setup);
        cf_doc_free(r->doc);
    }
    s->nretired = w;
}

/* Drop the current text when it is newer than the one shown: a check of
 * it is given up, and it is freed once the check stops. */
static void drop_next(tui_session *s)
{
    if (!s->next && s->checking) { /* the first check: its document is its own */
        checker_cancel(s->checking);
        GROW(s->retired, s->retired_cap, s->nretired + 1);
        tui_retired r;
        memset(&r, 0, sizeof r);
        r.checker = s->checking;
        s->retired[s->nretired++] = r;
        s->checking = NULL;
        reap(s, false);
        return;
    }
    if (!s->next)
        return;
    if (s->checking) {
        checker_cancel(s->checking);
        GROW(s->retired, s->retired_cap, s->nretired + 1);
        s->retired[s->nretired++] = (tui_retired){s->checking, s->next, s->next_setup};
        s->checking = NULL;
    } else {
        cf_lint_setup_free(&s->next_setup);
        cf_doc_free(s->next);
    }
    memset(&s->next_setup, 0, sizeof s->next_setup);
    s->next = NULL;
    reap(s, false);
}

static bool differs_from_disk(const tui_session *s)
{
    const cf_doc *text = session_text(s);
    return text->len != s->disk_len || memcmp(text->src, s->disk, s->disk_len) != 0;
}

/* A new current text: checked in the background, shown when it ends. */
static void new_text(tui_session *s, cf_doc *doc)
{
    drop_next(s);
    s->next = doc;
    setup_options(s, doc, &s->next_setup, s->next_setup_error, sizeof s->next_setup_error);
    s->checking = checker_start(doc, &s->next_setup.opts, s->hold_checks);
    s->modified = differs_from_disk(s);
}

bool session_poll(tui_session *s, int wait_ms)
{
    reap(s, false);
    if (!s->checking || !checker_wait(s->checking, wait_ms))
        return false;
    cf_diags ds = {0};
    double ms = 0;
    cf_doc *doc = s->next;
    cf_lint_setup setup = s->next_setup;
    char setup_error[sizeof s->setup_error];
    memcpy(setup_error, s->next_setup_error, sizeof setup_error);
    checker_index ix;
    if (doc) {
        checker_finish_indexed(s->checking, &ds, &ms, NULL, NULL, &ix); /* never given up while current */
    } else { /* the first check: the same text, parsed on the worker */
        checker_finish_indexed(s->checking, &ds, &ms, &doc, &setup, &ix);
        memcpy(setup_error, s->setup_error, sizeof setup_error);
    }
    s->checking = NULL;
    /* the checked text becomes the one shown, with its options and the
     * index the worker made for it */
    memset(&s->next_setup, 0, sizeof s->next_setup);
    s->next = NULL;
    drop_doc(s);
    s->doc = doc;
    s->tpl = ix.tpl;
    s->xref = ix.xref;
    s->order = ix.order;
    s->index_gen++;
    s->refs_indexed = true;
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: indexed %zu names, %zu uses, %zu creation waves on the worker in %.1f ms\n",
                s->xref.nsyms, s->xref.nuses, s->order.nwaves, ix.ms);
    s->setup = setup;
    memcpy(s->setup_error, setup_error, sizeof s->setup_error);
    s->ds = ds;
    s->checked = true;
    s->check_ms = ms;
    s->ntaken = 0;
    s->taken_valid = true;
    s->generation++;
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: checked %s in the background in %.1f ms\n", s->path, ms);
    return true;
}

int session_check_progress(const tui_session *s, double *elapsed_ms)
{
    double ms = s->checking ? checker_elapsed_ms(s->checking) : 0;
    *elapsed_ms = ms;
    if (s->check_ms <= 0)
        return 0;
    double pct = 100.0 * ms / s->check_ms;
    return pct >= 99 ? 99 : (int)pct;
}

void session_hold_checks(tui_session *s, bool hold)
{
    s->hold_checks = hold;
    if (!hold && s->checking)
        checker_release(s->checking);
}

static void keep_disk_copy(tui_session *s)
{
    const cf_doc *text = session_text(s);
    free(s->disk);
    s->disk = xmalloc(text->len + 1);
    memcpy(s->disk, text->src, text->len);
    s->disk_len = text->len;
    s->modified = false;
}

void session_check_start(tui_session *s)
{
    if (!s->refs_indexed)
        index_refs(s);
    if (!s->disk)
        keep_disk_copy(s);
    s->first_from = (tui_setup_from){s->cli, s->rc, s->region};
    char *bytes = xmalloc(s->doc->len + 1);
    memcpy(bytes, s->doc->src, s->doc->len);
    s->checking = checker_start_text(s->doc->name, bytes, s->doc->len, first_setup, &s->first_from, s->hold_checks);
}

void session_check(tui_session *s)
{
    /* what the first screen does not need is made after it: the index
     * (only keys use it, and none is read before this) and the disk copy
     * (a 10 MB memcpy into fresh pages) */
    if (!s->refs_indexed)
        index_refs(s);
    if (!s->disk)
        keep_disk_copy(s);
    double t0 = now_ms();
    cf_lint(s->doc, &s->setup.opts, &s->ds);
    cf_fixes_suggest(s->doc, &s->setup.opts, &s->ds);
    s->check_ms = now_ms() - t0;
    s->checked = true;
    s->generation++;
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: checked %s in %.1f ms\n", s->path, s->check_ms);
}

/* dir/.NAME.cfnfix-recover for dir/NAME. */
static char *recover_path_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    return xasprintf("%.*s.%s.cfnfix-recover", (int)(name - path), path, name);
}

int session_open(tui_session *s, const char *path, const cf_lint_opts *cli, const cf_lintrc *rc, bool writable,
                 char *err, size_t errsize)
{
    memset(s, 0, sizeof *s);
    s->path = xstrdup(path);
    s->cli = cli;
    s->rc = rc;
    s->undo_limit = TUI_UNDO_LIMIT;
    s->taken_valid = true;
    const char *limit = getenv("CFNFIX_TUI_UNDO_LIMIT");
    if (limit && *limit) {
        char *end;
        unsigned long v = strtoul(limit, &end, 10);
        if (!*end && v > 0 && v <= 1000000)
            s->undo_limit = v;
    }
    s->writable = writable && strcmp(path, "-") != 0;
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        snprintf(err, errsize, "%s", rerr.message);
        session_close(s);
        return -1;
    }
    set_doc(s, doc); /* the disk copy and the index: session_check */
    if (s->writable)
        s->recover_path = recover_path_for(path);
    /* as lint: a template naming an unknown region is not checked */
    if (s->setup_error[0]) {
        snprintf(err, errsize, "%s", s->setup_error);
        session_close(s);
        return -1;
    }
    return 0;
}

static void free_change(tui_change *c)
{
    buf_free(&c->text);
    free(c->dismissed);
    c->dismissed = NULL;
    free(c->accepted);
    c->accepted = NULL;
}

static void free_stack(tui_change *v, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        free_change(&v[i]);
    *n = 0;
}

void session_close(tui_session *s)
{
    double t0 = now_ms();
    bool stopping = s->checking != NULL;
    drop_next(s);
    reap(s, true);
    if (stopping && getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: gave up the running check in %.1f ms\n", now_ms() - t0);
    free(s->retired);
    free(s->taken);
    drop_doc(s);
    cf_lint_setup_free(&s->setup);
    free_stack(s->undo, &s->nundo);
    free_stack(s->redo, &s->nredo);
    free(s->undo);
    free(s->redo);
    for (size_t i = 0; i < s->nrejected; i++) {
        free(s->rejected[i]);
        free(s->rejected_reason[i]);
    }
    free(s->rejected);
    free(s->rejected_reason);
    free(s->disk);
    free(s->path);
    free(s->recover_path);
    memset(s, 0, sizeof *s);
}

bool session_modified(const tui_session *s)
{
    return s->modified;
}

/* Push a change; at the limit the oldest is forgotten, so a long
 * session's history stays bounded. */
static void push_change(tui_session *s, tui_change **v, size_t *n, size_t *cap, tui_change c)
{
    if (*n && *n >= s->undo_limit) {
        free_change(&(*v)[0]);
        memmove(*v, *v + 1, (*n - 1) * sizeof **v);
        (*n)--;
        if (v == &s->undo)
            s->undo_dropped++;
    }
    GROW(*v, *cap, *n + 1);
    (*v)[(*n)++] = c;
}

/* An edit from `was` to `now`, kept as the way back: the bytes between
 * the common start and the common end. */
static tui_change edit_change(const char *was, size_t wlen, const char *now, size_t nlen)
{
    size_t pre = 0, suf = 0;
    while (pre < wlen && pre < nlen && was[pre] == now[pre])
        pre++;
    while (suf < wlen - pre && suf < nlen - pre && was[wlen - 1 - suf] == now[nlen - 1 - suf])
        suf++;
    tui_change c = {.at = pre, .span = nlen - pre - suf};
    buf_add(&c.text, was + pre, wlen - pre - suf);
    return c;
}

/* --- the recovery file (session.h) */

#define RECOVER_MAGIC "cfnfix recovery file 1\n"

/* FNV-1a, 64 bits: the same bytes give the same value in every run (the
 * core's strhash is keyed per process); it tells "these bytes" from
 * "other bytes", nothing more. */
static uint64_t bytes_hash(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
    return h;
}

/* Keep the edits, or remove the file when there are none. */
static void recover_save(tui_session *s)
{
    if (!s->recover_path || s->recover_foreign)
        return;
    if (!session_modified(s)) {
        if (unlink(s->recover_path) < 0 && errno != ENOENT)
            snprintf(s->recover_error, sizeof s->recover_error, "cannot remove %s: %s", s->recover_path,
                     strerror(errno));
        return;
    }
    cf_buf b = {0};
    buf_adds(&b, RECOVER_MAGIC);
    const cf_doc *text = session_text(s);
    buf_printf(&b, "template: %s\nbytes: %zu\nhash: %016" PRIx64 "\nsaved: %ld\nlength: %zu\n\n", s->path,
               s->disk_len, bytes_hash(s->disk, s->disk_len), (long)time(NULL), text->len);
    buf_add(&b, text->src, text->len);
    char err[512];
    if (atomic_write(s->recover_path, b.data, b.len, 0600, err, sizeof err) < 0)
        snprintf(s->recover_error, sizeof s->recover_error, "unwritten edits are not kept: %.200s", err);
    buf_free(&b);
}

typedef struct recover_file {
    size_t bytes, length;
    uint64_t hash;
    long saved;
    const char *text; /* into the read bytes */
} recover_file;

/* Parse what was read; -1 when it is not a recovery file. */
static int recover_parse(const char *data, size_t len, recover_file *r)
{
    size_t magic = strlen(RECOVER_MAGIC);
    if (len < magic || memcmp(data, RECOVER_MAGIC, magic))
        return -1;
    const char *end = memmem(data, len, "\n\n", 2);
    if (!end)
        return -1;
    char head[1024];
    size_t hl = (size_t)(end - data) < sizeof head - 1 ? (size_t)(end - data) : sizeof head - 1;
    memcpy(head, data, hl);
    head[hl] = '\0';
    const char *b = strstr(head, "\nbytes: "), *h = strstr(head, "\nhash: "), *sv = strstr(head, "\nsaved: "),
               *l = strstr(head, "\nlength: ");
    if (!b || !h || !sv || !l || sscanf(b, "\nbytes: %zu", &r->bytes) != 1 ||
        sscanf(h, "\nhash: %" SCNx64, &r->hash) != 1 || sscanf(sv, "\nsaved: %ld", &r->saved) != 1 ||
        sscanf(l, "\nlength: %zu", &r->length) != 1)
        return -1;
    r->text = end + 2;
    return (size_t)(data + len - r->text) == r->length ? 0 : -1;
}

tui_recover_state session_recover_find(tui_session *s, char *info, size_t infosize)
{
    info[0] = '\0';
    if (!s->recover_path)
        return RECOVER_NONE;
    char *data;
    size_t len;
    char msg[512];
    struct stat st;
    if (stat(s->recover_path, &st) < 0)
        return RECOVER_NONE;
    if (read_whole_file(s->recover_path, &data, &len, msg, sizeof msg) < 0) {
        s->recover_foreign = true;
        snprintf(info, infosize, "%s", msg);
        return RECOVER_STALE;
    }
    recover_file r;
    tui_recover_state state = RECOVER_STALE;
    if (recover_parse(data, len, &r) < 0) {
        snprintf(info, infosize, "%s is not a recovery file cfnfix can read; left alone", s->recover_path);
    } else if (r.bytes != s->disk_len || r.hash != bytes_hash(s->disk, s->disk_len)) {
        snprintf(info, infosize, "Not offered: the file changed since the edits in %s were kept (left alone).",
                 s->recover_path);
    } else {
        char when[64] = "";
        time_t t = (time_t)r.saved;
        struct tm tm;
        if (localtime_r(&t, &tm))
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        snprintf(info, infosize, "kept %s (%zu bytes) in %s", when, r.length, s->recover_path);
        state = RECOVER_OFFER;
    }
    s->recover_foreign = state != RECOVER_OFFER;
    free(data);
    return state;
}

int session_recover_restore(tui_session *s, char *err, size_t errsize)
{
    char *data;
    size_t len;
    recover_file r;
    if (read_whole_file(s->recover_path, &data, &len, err, errsize) < 0)
        return -1;
    if (recover_parse(data, len, &r) < 0) {
        snprintf(err, errsize, "%s is not a recovery file cfnfix can read", s->recover_path);
        free(data);
        return -1;
    }
    const cf_doc *text = session_text(s);
    push_change(s, &s->undo, &s->nundo, &s->undo_cap, edit_change(text->src, text->len, r.text, r.length));
    free_stack(s->redo, &s->nredo);
    new_text(s, load_bytes(text->name, r.text, r.length));
    s->taken_valid = false;
    free(data);
    recover_save(s);
    return 0;
}

void session_recover_forget(tui_session *s)
{
    if (s->recover_path && !s->recover_foreign)
        unlink(s->recover_path);
}

typedef struct accept_ctx {
    char *msg;
    size_t msgsize;
    const cf_fix *const *taken; /* accepted before, applied again */
    size_t ntaken;
    bool conflict;              /* one of those was refused */
    const cf_fix **refused;     /* the new ones refused */
    size_t nrefused;
} accept_ctx;

static bool fix_in(const cf_fix *const *v, size_t n, const cf_fix *f)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == f)
            return true;
    return false;
}

static void refused(void *ctx, cf_fix_refusal why, const cf_fix *f, const char *detail)
{
    accept_ctx *a = ctx;
    if (f && fix_in(a->taken, a->ntaken, f)) {
        a->conflict = true;
        return;
    }
    if (f)
        a->refused[a->nrefused++] = f;
    switch (why) {
    case CF_FIX_OVERLAPS:
        snprintf(a->msg, a->msgsize, "skipped \"%s\": it overlaps another fix", f->title);
        break;
    case CF_FIX_DISPLAY_ONLY:
        snprintf(a->msg, a->msgsize, "\"%s\" is shown, never applied", f->title);
        break;
    case CF_FIX_UNVERIFIED:
    case CF_FIX_COMBINED: snprintf(a->msg, a->msgsize, "%s", detail); break;
    }
}

size_t session_accept(tui_session *s, const cf_fix *const *fixes, size_t n, char *msg, size_t msgsize)
{
    msg[0] = '\0';
    double t0 = now_ms();
    if (!s->taken_valid) {
        snprintf(msg, msgsize, "the findings shown are from before the last undo, redo or reload: wait for "
                               "the check of the text to end");
        return 0;
    }
    /* the fixes accepted since the findings were made, then the new ones,
     * all applied to the text they were made for, as one patch */
    const cf_fix **all = xmalloc((s->ntaken + n + 1) * sizeof *all);
    if (s->ntaken)
        memcpy(all, s->taken, s->ntaken * sizeof *all);
    size_t nall = s->ntaken;
    for (size_t i = 0; i < n; i++)
        if (!fix_in(all, nall, fixes[i]))
            all[nall++] = fixes[i];
    if (nall == s->ntaken) {
        snprintf(msg, msgsize, "already accepted; the edited text is being checked");
        free(all);
        return 0;
    }
    const cf_fix **refused_v = xmalloc((nall + 1) * sizeof *refused_v);
    accept_ctx ctx = {msg, msgsize, all, s->ntaken, false, refused_v, 0};
    cf_fix_result res;
    size_t applied = cf_fix_apply(s->doc, all, nall, refused, &ctx, &res);
    cf_doc *doc = res.doc;
    res.doc = NULL; /* the session keeps it */
    cf_fix_result_free(&res);
    if (ctx.conflict) {
        snprintf(msg, msgsize, "it does not go with the fixes accepted since the findings shown were made: "
                               "wait for the check of the text to end");
        cf_doc_free(doc);
        doc = NULL;
    }
    if (!doc) {
        free(all);
        free(refused_v);
        return 0;
    }
    applied = applied > s->ntaken ? applied - s->ntaken : 0;
    const cf_doc *text = session_text(s);
    tui_change edit = edit_change(text->src, text->len, doc->src, doc->len);
    cf_buf acc = {0};
    for (size_t i = s->ntaken; i < nall; i++) {
        const cf_diag *d = fix_in(refused_v, ctx.nrefused, all[i]) ? NULL : cf_fix_owner(&s->ds, all[i]);
        if (d)
            buf_printf(&acc, "%s\x1f%u\x1f%s\x1f%s\x1e", d->rule->id, d->pos.line, d->message, all[i]->title);
    }
    edit.accepted = buf_steal(&acc);
    push_change(s, &s->undo, &s->nundo, &s->undo_cap, edit);
    free_stack(s->redo, &s->nredo);
    new_text(s, doc);
    for (size_t i = s->ntaken; i < nall; i++)
        if (!fix_in(refused_v, ctx.nrefused, all[i])) {
            GROW(s->taken, s->taken_cap, s->ntaken + 1);
            s->taken[s->ntaken++] = all[i];
        }
    free(all);
    free(refused_v);
    recover_save(s);
    if (getenv("CFNFIX_TUI_TIMING"))
        fprintf(stderr, "cfnfix: accepted %zu fix%s in %.1f ms (patch, verify; checked in the background)\n",
                applied, applied == 1 ? "" : "es", now_ms() - t0);
    return applied;
}

static long find_rejected(const tui_session *s, const char *id)
{
    for (size_t i = 0; i < s->nrejected; i++)
        if (!strcmp(s->rejected[i], id))
            return (long)i;
    return -1;
}

/* Dismiss (on) or bring back the diagnostic known as id. */
static void set_rejected(tui_session *s, const char *id, bool on)
{
    long at = find_rejected(s, id);
    if (!on && at >= 0) {
        free(s->rejected[at]);
        free(s->rejected_reason[at]);
        size_t after = s->nrejected - (size_t)at - 1;
        memmove(s->rejected + at, s->rejected + at + 1, after * sizeof *s->rejected);
        memmove(s->rejected_reason + at, s->rejected_reason + at + 1, after * sizeof *s->rejected_reason);
        s->nrejected--;
    } else if (on && at < 0) {
        GROW(s->rejected, s->rejected_cap, s->nrejected + 1);
        GROW(s->rejected_reason, s->rejected_reason_cap, s->nrejected + 1);
        s->rejected_reason[s->nrejected] = NULL;
        s->rejected[s->nrejected++] = xstrdup(id);
    }
    s->generation++;
}

/* Take the top of one stack and put its opposite on the other: an edit
 * swaps texts, a dismissal is taken back or made again. */
static tui_undone step(tui_session *s, tui_change *from, size_t *nfrom, tui_change **to, size_t *nto, size_t *tocap,
                       bool undoing)
{
    if (!*nfrom)
        return UNDONE_NOTHING;
    tui_change c = from[--*nfrom];
    if (c.dismissed) {
        set_rejected(s, c.dismissed, undoing == c.restored);
        push_change(s, to, nto, tocap, c);
        return c.restored ? UNDONE_RESTORE : UNDONE_DISMISSAL;
    }
    /* the other side: the current text with the span replaced; the way
     * back from it is the span as it is now */
    const cf_doc *text = session_text(s);
    const char *cur = text->src;
    size_t len = text->len, at = c.at <= len ? c.at : len, span = c.span <= len - at ? c.span : len - at;
    cf_buf other = {0};
    buf_add(&other, cur, at);
    buf_add(&other, c.text.data ? c.text.data : "", c.text.len);
    buf_add(&other, cur + at + span, len - at - span);
    tui_change back = {.at = at, .span = c.text.len, .accepted = c.accepted};
    c.accepted = NULL;
    buf_add(&back.text, cur + at, span);
    push_change(s, to, nto, tocap, back);
    new_text(s, load_bytes(text->name, other.data ? other.data : "", other.len));
    s->taken_valid = false;
    buf_free(&other);
    free_change(&c);
    recover_save(s);
    return UNDONE_EDIT;
}

tui_undone session_undo(tui_session *s)
{
    return step(s, s->undo, &s->nundo, &s->redo, &s->nredo, &s->redo_cap, true);
}

tui_undone session_redo(tui_session *s)
{
    return step(s, s->redo, &s->nredo, &s->undo, &s->nundo, &s->undo_cap, false);
}

int session_write(tui_session *s, char *err, size_t errsize)
{
    const cf_doc *text = session_text(s);
    if (atomic_replace(s->path, s->disk, s->disk_len, text->src, text->len, NULL, err, errsize) < 0)
        return -1;
    keep_disk_copy(s);
    recover_save(s);
    return 0;
}

void session_set_region(tui_session *s, const char *region)
{
    s->region = region;
    const cf_doc *text = session_text(s);
    new_text(s, load_bytes(text->name, text->src, text->len));
    s->taken_valid = false; /* the fixes shown are for the other regions */
}

int session_reload(tui_session *s, char *err, size_t errsize)
{
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(s->path, &rerr);
    if (!doc) {
        snprintf(err, errsize, "%s", rerr.message);
        return -1;
    }
    new_text(s, doc);
    s->taken_valid = false;
    keep_disk_copy(s);
    free_stack(s->undo, &s->nundo);
    free_stack(s->redo, &s->nredo);
    s->undo_dropped = 0;
    recover_save(s);
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

/* A dismissal or its taking back, as a step of the history. */
static void record_rejection(tui_session *s, const cf_diag *d, bool on)
{
    char *id = identity(d);
    if ((find_rejected(s, id) >= 0) == on) {
        free(id);
        return;
    }
    set_rejected(s, id, on);
    push_change(s, &s->undo, &s->nundo, &s->undo_cap, (tui_change){.dismissed = id, .restored = !on});
    free_stack(s->redo, &s->nredo);
}

void session_reject(tui_session *s, const cf_diag *d)
{
    record_rejection(s, d, true);
}

void session_restore(tui_session *s, const cf_diag *d)
{
    record_rejection(s, d, false);
}

bool session_rejected(const tui_session *s, const cf_diag *d)
{
    if (!s->nrejected)
        return false;
    char *id = identity(d);
    bool found = find_rejected(s, id) >= 0;
    free(id);
    return found;
}

void session_set_reject_reason(tui_session *s, const cf_diag *d, const char *reason)
{
    char *id = identity(d);
    long at = find_rejected(s, id);
    free(id);
    if (at < 0)
        return;
    free(s->rejected_reason[at]);
    s->rejected_reason[at] = reason && *reason ? xstrdup(reason) : NULL;
}

/* --- the review (review.h) */

int session_save_review(tui_session *s, const char *file, cf_buf *written, char *err, size_t errsize)
{
    const cf_doc *text = session_text(s);
    cf_review_item *items = NULL;
    size_t n = 0, cap = 0;
    /* the accepted fixes of the history kept, oldest first: their records
     * are split in place (copies, so the history stays as it was) */
    char **copies = xcalloc(s->nundo + 1, sizeof *copies);
    for (size_t i = 0; i < s->nundo; i++) {
        if (!s->undo[i].accepted)
            continue;
        char *p = copies[i] = xstrdup(s->undo[i].accepted);
        while (*p) {
            char *f[4] = {p, NULL, NULL, NULL};
            for (int k = 1; k < 4; k++) {
                char *sep = strchr(f[k - 1], '\x1f');
                if (!sep)
                    break;
                *sep = '\0';
                f[k] = sep + 1;
            }
            char *nl = strchr(f[3] ? f[3] : p, '\x1e');
            char *next = nl ? nl + 1 : p + strlen(p);
            if (nl)
                *nl = '\0';
            if (f[3]) {
                GROW(items, cap, n + 1);
                items[n++] = (cf_review_item){.rule = f[0], .line = (uint32_t)strtoul(f[1], NULL, 10),
                                              .message = f[2], .decision = CF_REVIEW_ACCEPTED, .fix = f[3]};
            }
            p = next;
        }
    }
    for (size_t i = 0; i < s->ds.n; i++) {
        const cf_diag *d = &s->ds.v[i];
        cf_review_item it = {.rule = d->rule->id, .line = d->pos.line, .message = d->message,
                             .decision = CF_REVIEW_OPEN};
        char *id = identity(d);
        long at = find_rejected(s, id);
        free(id);
        if (at >= 0) {
            it.decision = CF_REVIEW_REJECTED;
            it.reason = s->rejected_reason[at] ? s->rejected_reason[at] : "dismissed";
        }
        GROW(items, cap, n + 1);
        items[n++] = it;
    }
    cf_review r = {.name = s->path, .orig = s->disk ? s->disk : "", .orig_len = s->disk_len,
                   .result = text->src, .result_len = text->len, .items = items, .nitems = n};
    int rc = cf_review_save(&r, file, written, err, errsize);
    for (size_t i = 0; i < s->nundo; i++)
        free(copies[i]);
    free(copies);
    free(items);
    return rc;
}
