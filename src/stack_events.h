/* A failed deployment, read back from `aws cloudformation
 * describe-stack-events` output: the failures of the stack's most recent
 * operation, each with the resources whose creation (or update) was
 * cancelled because of it.  Reading is offline: cfnfix never calls AWS. */
#ifndef CFNFIX_STACK_EVENTS_H
#define CFNFIX_STACK_EVENTS_H

#include <stddef.h>

/* One *_FAILED event of a resource that says why (not a cancellation). */
typedef struct cf_stack_failure {
    char *resource; /* LogicalResourceId */
    char *type;     /* ResourceType */
    char *status;   /* CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, ... */
    char *time;     /* Timestamp, as AWS wrote it */
    char *reason;   /* ResourceStatusReason ("" when none) */
    char **cancelled; /* logical ids cancelled because of it (the first failure), in time order */
    size_t ncancelled;
} cf_stack_failure;

typedef struct cf_stack_events {
    char *path;      /* the file, as given ("-": stdin) */
    char *stack;     /* StackName */
    char *operation; /* the stack status that started the operation, and when */
    cf_stack_failure *v; /* oldest first */
    size_t n;
    /* cancellations no failure of a resource explains (the cause was the
     * stack's own, or before the events kept) */
    char **orphans;
    size_t norphans;
} cf_stack_events;

/* Exit status of lint and fix when the events file cannot be used. */
#define CF_STACK_EVENTS_EXIT 32

/* Read path ("-" for stdin) into ev.  -1 with a message naming the file
 * (file:line:col where the JSON reader knows where) when it cannot be read
 * or is not describe-stack-events output; ev is then empty. */
int cf_stack_events_load(const char *path, cf_stack_events *ev, char *err, size_t errsize);
void cf_stack_events_free(cf_stack_events *ev);

/* The --stack-events option of lint, fix and the TUI: path read into ev
 * for the one template given.  0, or (with the error printed, "cfnfix:
 * CMD: ...") the exit status to end with.  In the program (cli_stack_events.c). */
int cf_stack_events_option(const char *cmd, const char *path, char *const *templates, size_t ntemplates,
                           cf_stack_events *ev);

/* Where in a resource the reason points: the index of the top-level
 * property it names ("Cannot find version 14.7 for postgres" ->
 * EngineVersion), given the names of the resource's properties and their
 * values (NULL where not a plain scalar); -1 when it names none of them. */
int cf_stack_reason_property(const char *reason, const char *const *names, const char *const *values,
                             size_t n);

#endif
