/* Threads with a stack deep enough for the deepest document (see stack.h). */
#include "stack.h"

#include <signal.h>

int cf_thread_start(pthread_t *tid, void *(*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) == 0) {
        int r = pthread_attr_setstacksize(&attr, CF_STACK_SIZE);
        if (r == 0)
            r = pthread_create(tid, &attr, fn, arg);
        pthread_attr_destroy(&attr);
        if (r == 0)
            return 0;
    }
    return pthread_create(tid, NULL, fn, arg);
}

typedef struct deep_call {
    int (*fn)(void *);
    void *arg;
    int result;
} deep_call;

static void *run_call(void *p)
{
    deep_call *c = p;
    c->result = c->fn(c->arg);
    return NULL;
}

int cf_run_on_deep_stack(int (*fn)(void *), void *arg)
{
    deep_call c = {fn, arg, 0};
    pthread_t tid;
    if (cf_thread_start(&tid, run_call, &c) != 0)
        return fn(arg);
    /* the new thread keeps the mask it started with; this one takes none */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_join(tid, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return c.result;
}
