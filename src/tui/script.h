/* The scripted backend: keys from a file, screens dumped as text — for
 * deterministic screen tests in the manner of tig's test suite. */
#ifndef CFNFIX_TUI_SCRIPT_H
#define CFNFIX_TUI_SCRIPT_H

#include "tui/app.h"

#include <stdio.h>

typedef struct tui_script tui_script;

/* A script file has one key name per line ("j", "Enter", "C-r", see
 * keys.c), "# comments", and commands:
 *   :dump           write the screen to the output
 *   :type TEXT      type TEXT, a character per key (for / and f)
 *   :resize COLSxROWS   the terminal changes size
 *   :raw TEXT       bytes a terminal sends at once, read as its input is
 *                   (escape sequences; \e is ESC, \xHH a byte)
 *   :hold           the background checks of edits started from here wait
 *                   to begin (the screen while one runs is then the same
 *                   every run); keys go on meanwhile
 *   :hold-first     the template's first check waits too (anywhere in the
 *                   script: it begins before any key is read)
 *   :release        they begin; the next key waits for the check to end
 *   :typeahead      from here keys never wait for a check (by default a
 *                   key waits until the check of an edit ends, as if typed
 *                   after it: the screens are the same every run)
 * Without any :dump the screen at the end is written.  NULL with a reason
 * when the file cannot be read or a line is not understood. */
tui_script *script_open(const char *path, int rows, int cols, bool color, FILE *out, char *err, size_t errsize);
/* Write the final screen unless the script dumped screens itself. */
void script_close(tui_script *s, const tui_grid *g);
void script_backend(tui_script *s, tui_backend *be);

/* The dump format: the text, then a layer of one letter per cell naming
 * its look, then what each letter means. */
void script_dump(FILE *out, const tui_grid *g, bool color);

#endif
