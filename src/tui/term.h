/* The ncurses backend of the terminal UI. */
#ifndef CFNFIX_TUI_TERM_H
#define CFNFIX_TUI_TERM_H

#include "tui/app.h"

typedef struct tui_term tui_term;

/* Whether ncurses can draw the UI on standard output's terminal: TERM
 * names a type it knows, one that can move the cursor (not dumb, not a
 * hard-copy or generic type).  false with the reason when not. */
bool term_usable(char *why, size_t whysize);

/* Take over the terminal (keys from /dev/tty when stdin is not one);
 * NULL with a reason when it cannot be used.  mouse: clicks and the wheel
 * come as keys (TK_MOUSE); without, the terminal's own text selection
 * works. */
tui_term *term_open(bool mouse, char *err, size_t errsize);
void term_close(tui_term *t);
bool term_has_color(const tui_term *t);
void term_backend(tui_term *t, tui_backend *be);

#endif
