/* A check on its own thread; see checker.h. */
#include "tui/checker.h"

#include "fixes.h"
#include "util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tui_checker {
    const cf_doc *doc;
    cf_lint_opts opts;  /* the caller's, with cancel pointing below */
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
    if (!atomic_load(&c->cancel)) {
        cf_lint(c->doc, &c->opts, &found);
        /* the fixes take a while on large templates too: not after a cancel */
        if (!atomic_load(&c->cancel))
            cf_fixes_suggest(c->doc, &c->opts, &found);
    }
    pthread_mutex_lock(&c->lock);
    c->found = found;
    c->took_ms = since_ms(&c->began);
    c->ended = true;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

tui_checker *checker_start(const cf_doc *doc, const cf_lint_opts *opts, bool held)
{
    tui_checker *c = xcalloc(1, sizeof *c);
    c->doc = doc;
    c->opts = *opts;
    atomic_init(&c->cancel, false);
    c->opts.cancel = &c->cancel;
    c->held = held;
    clock_gettime(CLOCK_MONOTONIC, &c->began);
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->changed, NULL);
    if (pthread_create(&c->thread, NULL, run, c) != 0) {
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

bool checker_finish(tui_checker *c, cf_diags *out, double *ms)
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
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->changed);
    free(c);
    return kept;
}
