/* The screen shown while a large template is read: its first lines as
 * they are on disk, numbered as the source pane numbers them, under a
 * title saying it is being read.  Parsing and indexing 10 MB takes longer
 * than a first screen should (half a second); the text itself is there at
 * once.  Nothing here parses: the bytes are shown through grid_text, so
 * nothing reaches the terminal raw, and a long line is cut. */
#include "tui/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The lines shown come from at most this many bytes of the file. */
enum { PREVIEW_BYTES = 64 * 1024 };

bool preview_wanted(const char *path, size_t *size)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    *size = (size_t)st.st_size;
    return *size >= PREVIEW_MIN_BYTES;
}

void preview_draw(tui_grid *g, const char *path, size_t size)
{
    grid_clear(g);
    char *bytes = xmalloc(PREVIEW_BYTES);
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        n = fread(bytes, 1, PREVIEW_BYTES, f);
        fclose(f);
    }
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char title[300];
    snprintf(title, sizeof title, "Reading %.200s (%.1f MB)%s", name, (double)size / (1024 * 1024),
             g->unicode ? "\u2026" : "...");
    grid_header(g, 0, 0, g->cols, title, true);
    int rows = g->rows - 3, lw = 6;
    size_t at = 0;
    if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) /* a byte order mark is not text */
        at = 3;
    for (int row = 0; row < rows && at < n; row++) {
        const char *eol = memchr(bytes + at, '\n', n - at);
        size_t len = eol ? (size_t)(eol - (bytes + at)) : n - at;
        if (len && bytes[at + len - 1] == '\r')
            len--;
        grid_printf(g, 1 + row, 0, lw, ST_LINENO, "%*d", lw - 1, row + 1);
        grid_text(g, 1 + row, lw + 1, g->cols, bytes + at, len, ST_NORMAL);
        if (!eol)
            break;
        at += (size_t)(eol - (bytes + at)) + 1;
    }
    grid_fill(g, g->rows - 2, 0, g->cols, ' ', ST_STATUS);
    grid_printf(g, g->rows - 2, 0, g->cols, ST_STATUS, " %s | reading and indexing; the panes follow", name);
    free(bytes);
}
