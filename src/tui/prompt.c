/* Questions on the message line: a line of text to type (search, filter)
 * or a yes/no.  A prompt is a mode of the main loop, not a loop of its
 * own, so it works the same from a script and survives a resize. */
#include "tui/app.h"

#include <stdio.h>
#include <string.h>

void prompt_open(tui_app *app, prompt_kind kind, const char *question, void (*on_yes)(tui_app *))
{
    prompt_state *p = &app->prompt;
    p->kind = kind;
    snprintf(p->question, sizeof p->question, "%s", question);
    p->on_yes = on_yes;
    p->on_no = NULL;
    p->complete_cycle = -1;
    p->hint[0] = '\0';
    buf_reset(&p->input);
    app->message[0] = '\0';
}

static void prompt_done(tui_app *app)
{
    prompt_state *p = &app->prompt;
    prompt_kind kind = p->kind;
    p->kind = PROMPT_NONE;
    const char *text = p->input.data ? p->input.data : "";
    if (kind == PROMPT_SEARCH)
        search_run(app, text);
    else if (kind == PROMPT_FILTER)
        app_set_filter(app, text);
    else if (kind == PROMPT_COMMAND)
        cmdline_run(app, text);
    else if (kind == PROMPT_REASON)
        app_reject_with_reason(app, text);
}

/* Drop the last character (a whole UTF-8 sequence). */
static void backspace(cf_buf *b)
{
    while (b->len > 0) {
        unsigned char c = (unsigned char)b->data[--b->len];
        if ((c & 0xC0) != 0x80)
            break;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

void prompt_key(tui_app *app, int key)
{
    prompt_state *p = &app->prompt;
    if (p->kind == PROMPT_CONFIRM) {
        p->kind = PROMPT_NONE;
        if (key == 'y' || key == 'Y')
            p->on_yes(app);
        else if (p->on_no)
            p->on_no(app);
        else
            app_message(app, false, "Cancelled.");
        return;
    }
    if (p->kind == PROMPT_COMMAND && (key == TK_TAB || key == TK_BTAB)) {
        cmdline_complete(app);
        return;
    }
    p->complete_cycle = -1; /* any other key: Tab completes what is typed now */
    p->hint[0] = '\0';
    if (key == TK_BACKSPACE && p->kind == PROMPT_COMMAND && !p->input.len) { /* as vim: out of the line */
        p->kind = PROMPT_NONE;
        return;
    }
    if (key == TK_ESC || key == TK_EOF || key == TK_CTRL('c')) {
        p->kind = PROMPT_NONE;
        app_message(app, false, "Cancelled.");
    } else if (key == TK_ENTER) {
        prompt_done(app);
    } else if (key == TK_BACKSPACE) {
        backspace(&p->input);
    } else if (key == TK_CTRL('u')) {
        buf_reset(&p->input);
    } else if (key >= ' ' && key < 0x110000 && key != 0x7F && p->input.len < 256) {
        char u[4];
        buf_add(&p->input, u, (size_t)utf8_encode((uint32_t)key, u));
    }
}

void prompt_draw(tui_app *app, tui_grid *g, int row)
{
    prompt_state *p = &app->prompt;
    int c = grid_texts(g, row, 0, g->cols, p->question, ST_TITLE);
    if (p->kind == PROMPT_CONFIRM)
        return;
    c = grid_text(g, row, c, g->cols - 1, p->input.data ? p->input.data : "", p->input.len, ST_NORMAL);
    grid_fill(g, row, c, c + 1, ' ', ST_NORMAL);
    grid_add_attrs(g, row, c, c + 1, TA_REVERSE); /* where typing goes */
    if (p->hint[0])
        grid_texts(g, row, c + 1, g->cols, p->hint, ST_DIM);
}
