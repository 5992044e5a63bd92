/* The command-line front ends: one function per subcommand, each taking
 * the arguments after the subcommand's name. */
#ifndef CFNFIX_CLI_H
#define CFNFIX_CLI_H

#include <stdbool.h>
#include <stddef.h>

/* Exit statuses, as cfn-lint's: bit flags for what was found, 32 for usage
 * errors and files that cannot be read. */
enum {
    CF_EXIT_OK = 0,
    CF_EXIT_ERROR = 2,
    CF_EXIT_WARNING = 4,
    CF_EXIT_INFO = 8,
    CF_EXIT_USAGE = 32,
};

int cmd_lint(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_spec(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_regions(int argc, char **argv);
int cmd_refs(int argc, char **argv);
int cmd_order(int argc, char **argv);

/* Split a comma-separated option value, appending to *list. */
void cli_split_list(const char *arg, char ***list, size_t *n);
void cli_free_list(char **list, size_t n);
/* Whether '-' (standard input, readable once) is among the n files twice. */
bool cli_stdin_repeated(char *const *files, size_t n);
/* "cfnfix: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
