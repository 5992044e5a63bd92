/* A check on its own thread; see checker.h. */
#include "tui/checker.h"

#include "fixes.h"
#include "stack.h"
#include "util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tui_checker {
    const cf_doc *doc;
    cf_lint_opts opts;  /* the caller's, with cancel pointing below */
    /* checker_start_text: the text to parse first, the options made for
     * the parsed document, and both kept until taken */
    char *name, *bytes;
    size_t len;
    checker_setup_fn setup;
    void *setup_ctx;
    cf_doc *parsed;
    cf_lint_setup parsed_setup;
    bool indexed;
    checker_index index;
    atomic_bool cancel;
    pthread_t thread;
    pthread_mutex_t lock; /* guards what follows */
    pthread_cond_t changed;
    bool held, ended;
    struct timespec began; /* when it left the hold */
    double took_ms;
    cf_diags found;
};

static double since_ms(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

static void *run(void *arg)
{
    tui_checker *c = arg;
    pthread_mutex_lock(&c->lock);
    while (c->held && !atomic_load(&c->cancel))
        pthread_cond_wait(&c->changed, &c->lock);
    clock_gettime(CLOCK_MONOTONIC, &c->began);
    pthread_mutex_unlock(&c->lock);
    cf_diags found = {0};
    if (c->bytes && !atomic_load(&c->cancel)) { /* parse it first: a document of this thread's own */
        c->parsed = cf_doc_load_buffer(c->name, c->bytes, c->len);
        c->bytes = NULL;
        c->setup(c->setup_ctx, c->parsed, &c->parsed_setup);
        c->doc = c->parsed;
        c->opts = c->parsed_setup.opts;
        c->opts.cancel = &c->cancel;
    }
    if (c->doc && !atomic_load(&c->cancel)) {
        cf_lint(c->doc, &c->opts, &found);
        /* the fixes take a while on large templates too: not after a cancel */
        if (!atomic_load(&c->cancel))
            cf_fixes_suggest(c->doc, &c->opts, &found);
        if (!atomic_load(&c->cancel)) { /* what the UI shows it by */
            struct timespec t0;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            cf_template_init(&c->index.tpl, c->doc);
            cf_xref_build(&c->index.xref, &c->index.tpl);
            cf_stack_order_build(&c->index.order, &c->index.tpl, &c->index.xref);
            c->index.ms = since_ms(&t0);
            c->indexed = true;
        }
    }
    pthread_mutex_lock(&c->lock);
    c->found = found;
    c->took_ms = since_ms(&c->began);
    c->ended = true;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static tui_checker *start(tui_checker *c, bool held);

tui_checker *checker_start(const cf_doc *doc, const cf_lint_opts *opts, bool held)
{
    tui_checker *c = xcalloc(1, sizeof *c);
    c->doc = doc;
    c->opts = *opts;
    return start(c, held);
}

tui_checker *checker_start_text(const char *name, char *bytes, size_t len, checker_setup_fn setup, void *setup_ctx,
                                bool held)
{
    tui_checker *c = xcalloc(1, sizeof *c);
    c->name = xstrdup(name);
    c->bytes = bytes;
    c->len = len;
    c->setup = setup;
    c->setup_ctx = setup_ctx;
    return start(c, held);
}

static tui_checker *start(tui_checker *c, bool held)
{
    atomic_init(&c->cancel, false);
    c->opts.cancel = &c->cancel;
    c->held = held;
    clock_gettime(CLOCK_MONOTONIC, &c->began);
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->changed, NULL);
    if (cf_thread_start(&c->thread, run, c) != 0) {
        /* no thread to be had: check here, as before there were threads */
        c->held = false;
        run(c);
        c->thread = pthread_self();
    }
    return c;
}

void checker_release(tui_checker *c)
{
    pthread_mutex_lock(&c->lock);
    c->held = false;
    clock_gettime(CLOCK_MONOTONIC, &c->began);
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

void checker_cancel(tui_checker *c)
{
    pthread_mutex_lock(&c->lock);
    atomic_store(&c->cancel, true);
    pthread_cond_broadcast(&c->changed); /* a held check ends at once */
    pthread_mutex_unlock(&c->lock);
}

bool checker_wait(tui_checker *c, int ms)
{
    pthread_mutex_lock(&c->lock);
    if (ms < 0) {
        while (!c->ended)
            pthread_cond_wait(&c->changed, &c->lock);
    } else if (ms > 0 && !c->ended) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += ms / 1000;
        until.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!c->ended && pthread_cond_timedwait(&c->changed, &c->lock, &until) == 0)
            ;
    }
    bool ended = c->ended;
    pthread_mutex_unlock(&c->lock);
    return ended;
}

double checker_elapsed_ms(tui_checker *c)
{
    pthread_mutex_lock(&c->lock);
    double ms = c->held ? 0 : c->ended ? c->took_ms : since_ms(&c->began);
    pthread_mutex_unlock(&c->lock);
    return ms;
}

bool checker_finish_text(tui_checker *c, cf_diags *out, double *ms, cf_doc **doc, cf_lint_setup *setup)
{
    return checker_finish_indexed(c, out, ms, doc, setup, NULL);
}

bool checker_finish_indexed(tui_checker *c, cf_diags *out, double *ms, cf_doc **doc, cf_lint_setup *setup,
                            checker_index *index)
{
    if (!pthread_equal(c->thread, pthread_self()))
        pthread_join(c->thread, NULL);
    bool kept = !atomic_load(&c->cancel);
    if (kept) {
        cf_diags_free(out);
        *out = c->found;
        *ms = c->took_ms;
    } else {
        cf_diags_free(&c->found);
    }
    if (kept && doc) { /* the parsed document and its options are the caller's now */
        *doc = c->parsed;
        *setup = c->parsed_setup;
    } else {
        cf_lint_setup_free(&c->parsed_setup);
        cf_doc_free(c->parsed);
    }
    if (kept && index && c->indexed) {
        *index = c->index;
    } else {
        if (index)
            memset(index, 0, sizeof *index);
        if (c->indexed) {
            cf_stack_order_free(&c->index.order);
            cf_xref_free(&c->index.xref);
            cf_template_free(&c->index.tpl);
        }
    }
    free(c->bytes); /* never parsed: given up before it began */
    free(c->name);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->changed);
    free(c);
    return kept;
}

bool checker_finish(tui_checker *c, cf_diags *out, double *ms)
{
    return checker_finish_indexed(c, out, ms, NULL, NULL, NULL);
}
