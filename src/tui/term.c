/* The terminal backend: ncurses with wide characters.  Each frame is
 * compared with the one before and only the cells that changed are handed
 * to ncurses, which sends the terminal only what it needs; input blocks in
 * get_wch (no timeout: no CPU while idle; a short one only within an escape
 * sequence, see keys.h, and while an edit is checked in the background, to
 * draw its progress) and ncurses turns SIGWINCH into KEY_RESIZE, so a
 * resize re-lays the screen out at once. */
#include "tui/term.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct tui_term {
    SCREEN *screen;
    FILE *in;          /* the keyboard: stdin, or /dev/tty when stdin is the template */
    bool own_in;
    bool color;
    tui_grid shown;    /* what the terminal shows now */
    bool whole;        /* draw every cell next time */
    short pairs[9][9]; /* colour pair of (fg + 1, bg + 1); 0: not made yet */
    short npairs;
};

/* Ctrl-C: in cbreak mode the terminal sends SIGINT.  It is noted, not
 * obeyed: the key reader hands it on as the key C-c (quit, which asks
 * when changes are unwritten), and a long task (a search) polls for it to
 * stop.  Without SA_RESTART a blocked read wakes up at once. */
static volatile sig_atomic_t got_interrupt;
static struct sigaction old_sigint;

/* SIGHUP (the SSH connection dropped) and SIGTERM: the UI ends as at the
 * end of input, giving the terminal back; unwritten edits stay in the
 * recovery file (session.h), which only a clean quit removes. */
static volatile sig_atomic_t got_hangup;
static struct sigaction old_sighup, old_sigterm;

static void on_hangup(int sig)
{
    (void)sig;
    got_hangup = 1;
}

static void on_interrupt(int sig)
{
    (void)sig;
    got_interrupt = 1;
}

static bool take_interrupt(void)
{
    if (!got_interrupt)
        return false;
    got_interrupt = 0;
    return true;
}

bool term_usable(char *why, size_t whysize)
{
    const char *term = getenv("TERM");
    if (!term || !*term) {
        snprintf(why, whysize, "TERM is not set");
        return false;
    }
    int err = 0;
    if (setupterm(term, STDOUT_FILENO, &err) != OK) {
        snprintf(why, whysize, "the terminal type '%s' is not known here", term);
        return false;
    }
    const char *cup = tigetstr("cup");
    bool ok = cup && cup != (char *)-1 && tigetflag("gn") <= 0 && tigetflag("hc") <= 0;
    del_curterm(cur_term);
    if (!ok)
        snprintf(why, whysize, "the terminal type '%s' cannot move the cursor", term);
    return ok;
}

tui_term *term_open(bool mouse, char *err, size_t errsize)
{
    tui_term *t = xcalloc(1, sizeof *t);
    t->in = stdin;
    if (!isatty(STDIN_FILENO)) {
        t->in = fopen("/dev/tty", "r");
        t->own_in = true;
        if (!t->in) {
            snprintf(err, errsize, "no terminal to read keys from (/dev/tty: %s)", strerror(errno));
            free(t);
            return NULL;
        }
    }
    t->screen = newterm(NULL, stdout, t->in);
    if (!t->screen) {
        const char *term = getenv("TERM");
        snprintf(err, errsize, "cannot use the terminal type '%s' (is TERM right?)", term ? term : "");
        if (t->own_in)
            fclose(t->in);
        free(t);
        return NULL;
    }
    set_term(t->screen);
    cbreak();
#ifdef VDISCARD
    { /* Ctrl-O is the jump list's back, not "discard output" (BSD, macOS) */
        struct termios tio;
        if (tcgetattr(fileno(t->in), &tio) == 0) {
            tio.c_cc[VDISCARD] = _POSIX_VDISABLE;
            tcsetattr(fileno(t->in), TCSANOW, &tio);
        }
    }
#endif
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    set_escdelay(INPUT_ESC_MS);
    curs_set(0);
    /* The mouse where the terminal reports it in-band (terminfo's kmous:
     * xterm, screen, tmux...).  On the Linux console (TERM=linux*) ncurses
     * asks GPM, the console's mouse daemon, instead: it loads libgpm, which
     * leaks at exit and reads a device of its own — not for a console. */
    const char *kmous = tigetstr("kmous"), *term = getenv("TERM");
    if (kmous == (char *)-1 || !kmous || !*kmous || (term && !strncmp(term, "linux", 5)))
        mouse = false;
    if (mouse) { /* presses, not clicks: no wait for the release */
        mmask_t want = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
        want |= BUTTON5_PRESSED;
#endif
        mousemask(want, NULL);
        mouseinterval(0);
    }
    const char *nc = getenv("NO_COLOR");
    t->color = has_colors() && !(nc && *nc);
    if (t->color) {
        start_color();
        use_default_colors();
    }
    t->whole = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_sigint);
    sa.sa_handler = on_hangup;
    sigaction(SIGHUP, &sa, &old_sighup);
    sigaction(SIGTERM, &sa, &old_sigterm);
    return t;
}

bool term_has_color(const tui_term *t)
{
    return t->color;
}

void term_close(tui_term *t)
{
    if (!t)
        return;
    sigaction(SIGINT, &old_sigint, NULL);
    sigaction(SIGHUP, &old_sighup, NULL);
    sigaction(SIGTERM, &old_sigterm, NULL);
    endwin();
    delscreen(t->screen);
    if (t->own_in)
        fclose(t->in);
    grid_free(&t->shown);
    free(t);
}

static short pair_for(tui_term *t, short fg, short bg)
{
    short *p = &t->pairs[fg + 1][bg + 1];
    if (!*p && t->npairs + 1 < COLOR_PAIRS) {
        *p = ++t->npairs;
        init_pair(*p, fg, bg);
    }
    return *p;
}

static void put(tui_term *t, int row, int col, const tui_cell *c)
{
    tui_look l = tui_cell_look(c, t->color);
    attr_t a = A_NORMAL;
    if (l.attrs & TA_BOLD)
        a |= A_BOLD;
    if (l.attrs & TA_REVERSE)
        a |= A_REVERSE;
    if (l.attrs & TA_UNDERLINE)
        a |= A_UNDERLINE;
    if (l.attrs & TA_DIM)
        a |= A_DIM;
    short pair = t->color && (l.fg != TC_DEFAULT || l.bg != TC_DEFAULT) ? pair_for(t, l.fg, l.bg) : 0;
    /* the grid holds printable characters only; anything else is a bug,
     * and still must not reach the terminal */
    wchar_t wc[2] = {(wchar_t)(c->cp >= 0x20 && c->cp != 0x7F && !(c->cp >= 0x80 && c->cp < 0xA0) ? c->cp : '?'), 0};
    cchar_t cc;
    setcchar(&cc, wc, a, pair, NULL);
    mvadd_wch(row, col, &cc);
}

static bool same(const tui_cell *a, const tui_cell *b)
{
    return a->cp == b->cp && a->style == b->style && a->extra == b->extra;
}

static void present(void *ctx, const tui_grid *g)
{
    tui_term *t = ctx;
    if (t->shown.rows != g->rows || t->shown.cols != g->cols) {
        grid_resize(&t->shown, g->rows, g->cols);
        t->whole = true;
    }
    if (t->whole)
        erase();
    for (int row = 0; row < g->rows; row++) {
        for (int col = 0; col < g->cols; col++) {
            const tui_cell *c = &g->cells[(size_t)row * (size_t)g->cols + (size_t)col];
            tui_cell *was = &t->shown.cells[(size_t)row * (size_t)g->cols + (size_t)col];
            if (!t->whole && same(c, was))
                continue;
            *was = *c;
            if (c->cp) /* the right half of a wide character comes with the left */
                put(t, row, col, c);
            else if (col > 0 && !t->whole) /* its left half must be sent again */
                put(t, row, col - 1, c - 1);
        }
    }
    t->whole = false;
    move(g->rows - 1, 0);
    refresh();
}

static void size(void *ctx, int *rows, int *cols)
{
    (void)ctx;
    getmaxyx(stdscr, *rows, *cols);
}

static const struct {
    int curses, key;
} special_keys[] = {
    {KEY_UP, TK_UP}, {KEY_DOWN, TK_DOWN}, {KEY_LEFT, TK_LEFT}, {KEY_RIGHT, TK_RIGHT},
    {KEY_PPAGE, TK_PGUP}, {KEY_NPAGE, TK_PGDN}, {KEY_HOME, TK_HOME}, {KEY_END, TK_END},
    {KEY_ENTER, TK_ENTER}, {KEY_BTAB, TK_BTAB}, {KEY_BACKSPACE, TK_BACKSPACE}, {KEY_DC, TK_DELETE},
    {KEY_RESIZE, TK_RESIZE},
};

/* What input.c reads: a character, a key ncurses decoded, or nothing in
 * time. */
static int read_input(void *ctx, bool wait, int ms)
{
    (void)ctx;
    timeout(wait ? -1 : ms);
    for (;;) {
        wint_t wc;
        int r = get_wch(&wc);
        if (got_hangup)
            return TK_EOF;
        if (r == ERR) {
            if (take_interrupt())
                return TK_CTRL('c');
            if (!wait)
                return INPUT_TIMEOUT;
            if (errno == EINTR)
                continue;
            return TK_EOF; /* the terminal went away */
        }
        if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
            MEVENT ev;
            if (getmouse(&ev) != OK || ev.y < 0 || ev.x < 0 || ev.y >= TK_MOUSE_ROWS || ev.x >= TK_MOUSE_COLS)
                return TK_NONE;
            if (ev.bstate & BUTTON4_PRESSED)
                return TK_MOUSE(TK_MOUSE_WHEEL_UP, ev.y, ev.x);
#ifdef BUTTON5_PRESSED
            if (ev.bstate & BUTTON5_PRESSED)
                return TK_MOUSE(TK_MOUSE_WHEEL_DOWN, ev.y, ev.x);
#endif
            if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
                return TK_MOUSE(TK_MOUSE_PRESS, ev.y, ev.x);
            return TK_NONE;
        }
        if (r == KEY_CODE_YES) {
            for (size_t i = 0; i < sizeof special_keys / sizeof special_keys[0]; i++)
                if (special_keys[i].curses == (int)wc)
                    return special_keys[i].key;
            return TK_NONE; /* a key nothing is bound to */
        }
        return (int)wc;
    }
}

static int next_key(void *ctx, int ms)
{
    return input_next_key_within(read_input, ctx, ms);
}

/* Esc or Ctrl-C typed while a long task runs; any other key is put back. */
static bool interrupted(void *ctx)
{
    (void)ctx;
    if (take_interrupt())
        return true;
    timeout(0);
    wint_t wc;
    int r = get_wch(&wc);
    if (r == ERR)
        return take_interrupt();
    if (r == OK && (wc == 0x1b || wc == TK_CTRL('c')))
        return true;
    if (r == KEY_CODE_YES)
        ungetch((int)wc);
    else
        unget_wch((wchar_t)wc);
    return false;
}

static void suspend(void *ctx)
{
    (void)ctx;
    def_prog_mode();
    endwin();
}

static void invalidate(void *ctx)
{
    tui_term *t = ctx;
    t->whole = true;
    clearok(curscr, TRUE);
}

static void resume(void *ctx)
{
    reset_prog_mode();
    invalidate(ctx);
}

void term_backend(tui_term *t, tui_backend *be)
{
    *be = (tui_backend){t, next_key, present, size, suspend, resume, invalidate, interrupted, NULL, t->color};
}
