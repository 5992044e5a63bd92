/* The `?` screen: every key, from the key table. */
#include "tui/app.h"

void help_draw_at(tui_grid *g, tui_rect r, int *top)
{
    char **lines;
    size_t n = keys_help_lines(&lines);
    for (int row = r.row; row < r.row + r.rows; row++)
        grid_fill(g, row, r.col, r.col + r.cols, ' ', ST_NORMAL);
    grid_header(g, r.row, r.col, r.col + r.cols, "Keys: j/k scroll, q or Esc closes", true);
    int rows = r.rows - 1;
    if (*top > (int)n - rows)
        *top = (int)n > rows ? (int)n - rows : 0;
    for (int i = 0; i < rows && (size_t)(*top + i) < n; i++) {
        const char *s = lines[*top + i];
        if (s[0] == '#')
            grid_texts(g, r.row + 1 + i, r.col + 1, r.col + r.cols, s + 1, ST_TITLE);
        else
            grid_texts(g, r.row + 1 + i, r.col + 1, r.col + r.cols, s, ST_NORMAL);
    }
    keys_free_lines(lines, n);
}

void help_key_at(int *top, int key, int page)
{
    switch (keys_action(key)) {
    case ACT_UP: *top = *top > 0 ? *top - 1 : 0; return;
    case ACT_DOWN: (*top)++; return;
    case ACT_PGUP: *top = *top > page ? *top - page : 0; return;
    case ACT_PGDN: *top += page; return;
    case ACT_TOP: *top = 0; return;
    case ACT_BOTTOM: *top = 1 << 20; return;
    default: break;
    }
    if (key == 'q' || key == TK_ESC || key == '?' || key == TK_ENTER)
        *top = -1;
}

void help_draw(tui_app *app, tui_grid *g, tui_rect r) { help_draw_at(g, r, &app->help_top); }
void help_key(tui_app *app, int key, int page) { help_key_at(&app->help_top, key, page); }
