/* The drawing abstraction of the terminal UI: every frame is drawn into a
 * grid of cells (a code point, a style and extra attributes), and a
 * backend shows the grid — ncurses on a terminal (term.c), or a text dump
 * in the scripted mode (script.c).  Text reaches the grid only through
 * grid_text(), which makes control characters, escape sequences and what
 * the terminal cannot show visible; so nothing from a template can reach
 * the terminal raw. */
#ifndef CFNFIX_TUI_SCREEN_H
#define CFNFIX_TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a piece of text is; the theme decides how it looks with and
 * without colours. */
typedef enum tui_style {
    ST_NORMAL,
    ST_KEY,        /* a mapping key in the source */
    ST_STRING,
    ST_NUMBER,     /* numbers, booleans, null, timestamps */
    ST_TAG,        /* !Ref, !!str */
    ST_COMMENT,
    ST_ERROR,      /* severity markers */
    ST_WARNING,
    ST_INFO,
    ST_LINENO,
    ST_ESCAPE,     /* a character shown as an escape (\x1b) */
    ST_TITLE,      /* a pane's header */
    ST_TITLE_FOCUS,
    ST_STATUS,
    ST_STATUS_BUSY, /* the status line's "stale, re-linting" */
    ST_DIFF_ADD,
    ST_DIFF_DEL,
    ST_DIFF_HUNK,
    ST_DIM,        /* secondary text: resource types, previews */
    ST_MSG_ERROR,  /* a refusal on the message line */
    ST_COUNT
} tui_style;

/* Attributes, from the theme or added over a style (a cursor, a span). */
enum { TA_BOLD = 1, TA_REVERSE = 2, TA_UNDERLINE = 4, TA_DIM = 8 };

/* Colours as ncurses numbers them; -1 is the terminal's default. */
enum { TC_DEFAULT = -1, TC_BLACK, TC_RED, TC_GREEN, TC_YELLOW, TC_BLUE, TC_MAGENTA, TC_CYAN, TC_WHITE };

typedef struct tui_cell {
    uint32_t cp;   /* a printable code point; 0 for the right half of a wide one */
    uint8_t style; /* tui_style */
    uint8_t extra; /* TA_* added over the style */
} tui_cell;

typedef struct tui_grid {
    int rows, cols;
    tui_cell *cells;
    bool unicode; /* the terminal shows UTF-8: box drawing and non-ASCII text */
} tui_grid;

/* How a cell looks on a terminal with or without colours. */
typedef struct tui_look {
    short fg, bg;
    uint8_t attrs;
} tui_look;
tui_look tui_cell_look(const tui_cell *c, bool color);

void grid_resize(tui_grid *g, int rows, int cols);
void grid_free(tui_grid *g);
void grid_clear(tui_grid *g);
tui_cell *grid_at(tui_grid *g, int row, int col);

/* Line drawing, Unicode or ASCII as the grid allows. */
typedef enum tui_glyph {
    GL_HLINE, GL_VLINE, GL_LTEE, GL_TTEE, GL_EXPANDED, GL_COLLAPSED, GL_ELLIPSIS, GL_CURSOR
} tui_glyph;
uint32_t grid_glyph(const tui_grid *g, tui_glyph which);

/* One unit of text as shown: a printable character (width 1 or 2) or an
 * escape standing for bytes that must not be shown raw. */
typedef struct tui_unit {
    size_t at, len;  /* the bytes it stands for */
    uint32_t cp;     /* when esc is empty */
    int width;       /* columns */
    char esc[16];    /* "\x1b", "\u202e": shown instead, in ST_ESCAPE */
} tui_unit;
/* The unit starting at s[*i] (of n bytes); advances *i.  Tabs are escapes
 * here: the source view and the fix diff expand them to stops this far
 * apart. */
enum { TUI_TAB_WIDTH = 8 };
void tui_unit_next(const char *s, size_t n, size_t *i, bool unicode, tui_unit *u);

/* Draw text at row, col, clipped before column end; escapes and cut-off
 * text are marked.  Returns the column after the text. */
int grid_text(tui_grid *g, int row, int col, int end, const char *s, size_t n, tui_style st);
int grid_texts(tui_grid *g, int row, int col, int end, const char *s, tui_style st);
int grid_printf(tui_grid *g, int row, int col, int end, tui_style st, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Draw one unit (a character or an escape) at col; returns the next column. */
int grid_unit(tui_grid *g, int row, int col, int end, const tui_unit *u, tui_style st);
/* Columns the text takes when drawn. */
int tui_text_width(const char *s, size_t n, bool unicode);

void grid_fill(tui_grid *g, int row, int col, int end, uint32_t cp, tui_style st);
/* Add attributes over a stretch of a row (a cursor, a highlighted span). */
void grid_add_attrs(tui_grid *g, int row, int col, int end, uint8_t extra);
/* Key hints at the right end of a status row whose text ends at column
 * used: the first of hints (longest first) that fits with a gap, else none. */
void grid_hints(tui_grid *g, int row, int used, const char *const *hints, size_t n);
/* A header row: line drawing with a title in it. */
void grid_header(tui_grid *g, int row, int col, int end, const char *title, bool focused);

#endif
