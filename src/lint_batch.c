/* Background linting of many templates (lint_batch.h). */
#include "lint_batch.h"

#include "stack.h"
#include "rules.h"
#include "template_files.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cf_batch {
    char *const *paths;
    const cf_lintrc *const *rcs;
    size_t n;
    cf_lint_opts cli;       /* the caller's, with our cancel flag */
    atomic_bool cancel;
    pthread_mutex_t lock;
    pthread_cond_t ended;   /* a result came */
    size_t next;            /* the next file a worker takes */
    cf_batch_result *results;
    size_t *fresh;          /* ended, not yet taken */
    size_t nfresh;
    size_t ndone;
    pthread_t *threads;
    int nthreads;
};

static void check_one(cf_batch *b, size_t i, cf_batch_result *r)
{
    memset(r, 0, sizeof *r);
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(b->paths[i], &rerr);
    if (!doc) {
        snprintf(r->problem, sizeof r->problem, "%s", rerr.message);
        r->template_ = true; /* named or found by its name: shown with why */
        return;
    }
    r->template_ = cf_doc_is_template(doc);
    if (r->template_) {
        cf_lint_setup setup;
        char err[512];
        if (cf_lint_setup_for(&setup, &b->cli, b->rcs[i], doc, b->paths[i], err, sizeof err) < 0) {
            snprintf(r->problem, sizeof r->problem, "%s", err);
        } else {
            cf_diags ds = {0};
            cf_lint(doc, &setup.opts, &ds);
            for (size_t k = 0; k < ds.n; k++) {
                size_t *count[] = {&r->errors, &r->warnings, &r->infos};
                (*count[cf_rule_level(ds.v[k].rule)])++;
            }
            cf_diags_free(&ds);
            cf_lint_setup_free(&setup);
        }
    }
    cf_doc_free(doc);
}

static void *worker(void *arg)
{
    cf_batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->n && !atomic_load(&b->cancel) ? b->next++ : b->n;
        pthread_mutex_unlock(&b->lock);
        if (i == b->n)
            return NULL;
        cf_batch_result r;
        check_one(b, i, &r);
        if (atomic_load(&b->cancel)) /* partial: thrown away */
            return NULL;
        r.done = true;
        pthread_mutex_lock(&b->lock);
        b->results[i] = r;
        b->fresh[b->nfresh++] = i;
        b->ndone++;
        pthread_cond_broadcast(&b->ended);
        pthread_mutex_unlock(&b->lock);
    }
}

cf_batch *cf_batch_start(char *const *paths, const cf_lintrc *const *rcs, size_t n, const cf_lint_opts *cli,
                         int jobs)
{
    cf_batch *b = xcalloc(1, sizeof *b);
    b->paths = paths;
    b->rcs = rcs;
    b->n = n;
    b->cli = *cli;
    atomic_init(&b->cancel, false);
    b->cli.cancel = &b->cancel;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->ended, NULL);
    b->results = xcalloc(n ? n : 1, sizeof *b->results);
    b->fresh = xmalloc((n ? n : 1) * sizeof *b->fresh);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    b->threads = xmalloc((size_t)jobs * sizeof *b->threads);
    for (int t = 0; t < jobs && n; t++)
        if (cf_thread_start(&b->threads[b->nthreads], worker, b) == 0)
            b->nthreads++;
    if (!b->nthreads && n) /* no thread could be had: check them here, now */
        worker(b);
    return b;
}

size_t cf_batch_take(cf_batch *b, size_t *out, size_t max)
{
    pthread_mutex_lock(&b->lock);
    size_t k = b->nfresh < max ? b->nfresh : max;
    memcpy(out, b->fresh, k * sizeof *out);
    memmove(b->fresh, b->fresh + k, (b->nfresh - k) * sizeof *b->fresh);
    b->nfresh -= k;
    pthread_mutex_unlock(&b->lock);
    return k;
}

cf_batch_result cf_batch_get(cf_batch *b, size_t i)
{
    pthread_mutex_lock(&b->lock);
    cf_batch_result r = b->results[i];
    pthread_mutex_unlock(&b->lock);
    return r;
}

size_t cf_batch_done(cf_batch *b)
{
    pthread_mutex_lock(&b->lock);
    size_t d = b->ndone;
    pthread_mutex_unlock(&b->lock);
    return d;
}

bool cf_batch_wait(cf_batch *b, int ms)
{
    pthread_mutex_lock(&b->lock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    if (ms > 0) {
        until.tv_sec += ms / 1000;
        until.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
    }
    while (!b->nfresh && b->ndone < b->n && ms != 0) {
        if (ms < 0)
            pthread_cond_wait(&b->ended, &b->lock);
        else if (pthread_cond_timedwait(&b->ended, &b->lock, &until) == ETIMEDOUT)
            break;
    }
    bool any = b->nfresh || b->ndone == b->n;
    pthread_mutex_unlock(&b->lock);
    return any;
}

void cf_batch_free(cf_batch *b)
{
    if (!b)
        return;
    atomic_store(&b->cancel, true);
    for (int t = 0; t < b->nthreads; t++)
        pthread_join(b->threads[t], NULL);
    pthread_mutex_destroy(&b->lock);
    pthread_cond_destroy(&b->ended);
    free(b->threads);
    free(b->results);
    free(b->fresh);
    free(b);
}
