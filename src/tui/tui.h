/* The terminal UI: `cfnfix [OPTIONS] TEMPLATE` with a terminal on stdout. */
#ifndef CFNFIX_TUI_H
#define CFNFIX_TUI_H

/* Browse a template's findings, accept or reject fixes, write.  When
 * stdout is not a terminal (and no --tui-script is given), does exactly
 * what `cfnfix lint` does with the same arguments.  argv[0] is the
 * program or command name, as for the other cmd_* functions. */
int cmd_tui(int argc, char **argv);

#endif
