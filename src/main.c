/* cfnfix: find what would make a CloudFormation stack fail, explain it in
 * context, and fix it without disturbing the rest of the file. */
#include "cli.h"
#include "regex.h"
#include "stack.h"
#include "tui/tui.h"

#include "config.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"lint", cmd_lint, "check templates and print findings (text, json, sarif, junit...)"},
    {"fix", cmd_fix, "fix what lint finds: a diff by default, --apply to write"},
    {"rules", cmd_rules, "list every rule: id, level, short description"},
    {"explain", cmd_explain, "describe a rule: what it checks, its level, tags and documentation"},
    {"refs", cmd_refs, "list what a template defines and every place that uses it"},
    {"order", cmd_order, "print the order a stack is created in; what a failure cancels"},
    {"regions", cmd_regions, "list the regions the spec data knows (for --regions)"},
    {"spec", cmd_spec, "build, inspect and refresh the spec data (types, regions, versions)"},
    {"dump", cmd_dump, "print the node tree the loader makes of a file (for debugging)"},
};

static void usage(FILE *out)
{
    fputs("Usage: cfnfix COMMAND [OPTIONS] FILE...\n"
          "       cfnfix [OPTIONS] TEMPLATE      (the terminal UI; lint when not on a terminal)\n"
          "\n"
          "Find what would make an AWS CloudFormation stack fail or misbehave before\n"
          "deployment.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help ('cfnfix COMMAND --help' for a command's)\n"
          "  -V, --version  print the version\n"
          "\n"
          "The terminal UI takes lint's options (--regions, --config-file, ...) and\n"
          "--read-only: 'cfnfix TEMPLATE --help' lists them.\n"
          "\n"
          "See cfnfix(1) for the whole story.\n",
          out);
}

typedef struct command_call {
    int argc;
    char **argv;
} command_call;

static int run_command(void *p)
{
    const command_call *c = p;
    int argc = c->argc;
    char **argv = c->argv;
    const char *first = argv[1];
    int status = -1;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0] && status < 0; i++)
        if (!strcmp(first, commands[i].name))
            status = commands[i].run(argc - 1, argv + 1);
    /* No command: a template (or options for one) for the interactive face,
     * which lints instead when stdout is not a terminal. */
    if (status < 0)
        status = cmd_tui(argc, argv);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CF_EXIT_USAGE;
    }
    const char *first = argv[1];
    if (!strcmp(first, "-h") || !strcmp(first, "--help") || !strcmp(first, "help")) {
        usage(stdout);
        return CF_EXIT_OK;
    }
    if (!strcmp(first, "-V") || !strcmp(first, "--version")) {
        printf("cfnfix %s\n", PACKAGE_VERSION);
        return CF_EXIT_OK;
    }
    /* Commands walk the document tree recursively: on a stack sized for the
     * deepest document the loader accepts, whatever `ulimit -s` says. */
    command_call call = {argc, argv};
    int status = cf_run_on_deep_stack(run_command, &call);
    cf_regex_release();
    return status;
}
