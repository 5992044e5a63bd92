/* Threads with a stack deep enough for the deepest document.
 *
 * The loader refuses a document whose collections nest more than
 * CF_MAX_DEPTH levels (aliases expanded), so the walks over the tree (rules,
 * validator, resolvers, the TUI's views) may recurse once or a few times per
 * level.  What they may not rely on is the default stack: a thread takes its
 * size from RLIMIT_STACK (glibc; `ulimit -s 256` gives 256 KiB) or 128 KiB
 * (musl), and the main thread cannot grow past the limit either.  So all
 * work runs on threads started here, whose stacks are CF_STACK_SIZE: address
 * space reserved, memory used only as deep as a walk actually goes. */
#ifndef CFNFIX_STACK_H
#define CFNFIX_STACK_H

#include <pthread.h>
#include <stddef.h>

/* 64 KiB for each of CF_MAX_DEPTH levels.  Measured on documents 1000
 * levels deep (nested lists, mappings, Fn::If, Fn::Sub, Fn::Base64...
 * in every section): at most 0.7 MiB, 1.6 MiB under ASan. */
#define CF_STACK_SIZE ((size_t)64 << 20)

/* pthread_create with a CF_STACK_SIZE stack (or the default stack when that
 * much address space cannot be had).  Returns pthread_create's result. */
int cf_thread_start(pthread_t *tid, void *(*fn)(void *), void *arg);

/* Run fn(arg) on a thread with a CF_STACK_SIZE stack and return what it
 * returns; the calling thread waits with signals blocked, so they reach
 * fn's thread (the TUI's SIGWINCH, say).  Runs fn here when no thread can
 * be started. */
int cf_run_on_deep_stack(int (*fn)(void *), void *arg);

#endif
