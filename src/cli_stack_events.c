/* The --stack-events option of lint, fix and the TUI (the program's side of
 * stack_events.h: it prints its errors as the commands do). */
#include "cli.h"
#include "stack_events.h"

#include <string.h>

int cf_stack_events_option(const char *cmd, const char *path, char *const *templates, size_t ntemplates,
                           cf_stack_events *ev)
{
    if (ntemplates != 1) {
        cli_error("%s: --stack-events describes one stack: give one template", cmd);
        return CF_EXIT_USAGE;
    }
    if (!strcmp(path, "-") && !strcmp(templates[0], "-")) {
        cli_error("%s: '-' (standard input) can be given once: it can be read only once", cmd);
        return CF_EXIT_USAGE;
    }
    char err[1024];
    if (cf_stack_events_load(path, ev, err, sizeof err) < 0) {
        cli_error("%s: --stack-events: %s", cmd, err);
        return CF_STACK_EVENTS_EXIT;
    }
    return 0;
}
