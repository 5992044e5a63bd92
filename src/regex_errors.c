/* Why the Python `regex` module (which cfn-lint compiles patterns with)
 * refuses a pattern, in its words and at its position (in characters).
 *
 * Not a regex engine: a single left-to-right scan that recognises the
 * mistakes people make in AllowedPattern (an unclosed [ or (, a stray ),
 * a repeat with nothing before it, a bad escape or range) and stops being
 * sure at any syntax it does not model (inline flags, named lists,
 * properties, fuzzy constraints, backreferences): then it answers
 * "unsure" and nothing is reported. */
#include "regex_errors.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct scan {
    const uint32_t *c; /* code points */
    size_t n, i;
    cf_buf *why;
} scan;

enum { SURE_OK = 0, SURE_BAD = 1, UNSURE = -1 };

static int bad(scan *s, size_t at, const char *what)
{
    buf_printf(s->why, "%s at position %zu", what, at);
    return SURE_BAD;
}

static bool is_hex(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Letters the module refuses after a backslash, outside and inside a set
 * (measured on regex 2026.5.9; digits, \g, \N, \p, \P, \x, \u and \U are
 * handled, or not trusted, separately). */
static const char bad_outside[] = "ceijkloqyCEFHIJLOQTVY";
static const char bad_inside[] = "ceijkloqyzmgABCEFGHIJKLMOQRTVXYZ89";

/* An escape at s->i (the backslash).  *literal: the code point when the
 * escape stands for one plain character a range could end at. */
static int escape(scan *s, bool in_set, bool *literal)
{
    size_t at = s->i;
    *literal = false;
    if (at + 1 >= s->n) {
        s->i = s->n;
        return bad(s, s->n, "bad escape (end of pattern)");
    }
    uint32_t e = s->c[at + 1];
    s->i = at + 2;
    if (e == 'x' || e == 'u' || e == 'U') {
        size_t want = e == 'x' ? 2 : e == 'u' ? 4 : 8, got = 0;
        while (got < want && s->i < s->n && is_hex(s->c[s->i])) {
            got++;
            s->i++;
        }
        if (got < want) {
            buf_printf(s->why, "incomplete escape \\%c", (char)e);
            for (size_t k = at + 2; k < at + 2 + got; k++)
                buf_addc(s->why, (char)s->c[k]);
            buf_printf(s->why, " at position %zu", at + 2);
            return SURE_BAD;
        }
        return e == 'U' ? UNSURE : SURE_OK; /* \U past U+10FFFF: not modelled */
    }
    if (e < 128 && strchr(in_set ? bad_inside : bad_outside, (int)e)) {
        /* in a set, \8 and \9 take the digits after them before failing */
        while (e >= '0' && e <= '9' && s->i < s->n && s->c[s->i] >= '0' && s->c[s->i] <= '9')
            s->i++;
        char what[32];
        snprintf(what, sizeof what, "bad escape \\%c", (char)e);
        return bad(s, s->i, what);
    }
    if (e >= '0' && e <= '9')
        return UNSURE; /* octal or a group reference */
    if (e == 'g' || e == 'N' || e == 'p' || e == 'P')
        return UNSURE;
    /* a character class, an anchor, a control character or a literal */
    *literal = !((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'));
    return SURE_OK;
}

/* A set at s->i (the '['): runs to its ']'. */
static int set(scan *s)
{
    s->i++;
    if (s->i < s->n && s->c[s->i] == '^')
        s->i++;
    bool first = true;
    while (s->i < s->n) {
        uint32_t c = s->c[s->i];
        if (c == ']' && !first) {
            s->i++;
            return SURE_OK;
        }
        first = false;
        if (c == '[' && s->i + 1 < s->n && (s->c[s->i + 1] == ':' || s->c[s->i + 1] == '=' || s->c[s->i + 1] == '.'))
            return UNSURE; /* a POSIX class or the like */
        /* one item, and maybe a range from it */
        bool lit = true;
        uint32_t lo = c;
        if (c == '\\') {
            int r = escape(s, true, &lit);
            if (r)
                return r;
            lo = s->c[s->i - 1];
        } else {
            s->i++;
        }
        if (s->i + 1 < s->n && s->c[s->i] == '-' && s->c[s->i + 1] != ']') {
            s->i++;
            uint32_t hi = s->c[s->i];
            bool hi_lit = true;
            if (hi == '\\') {
                int r = escape(s, true, &hi_lit);
                if (r)
                    return r;
                hi = s->c[s->i - 1];
            } else if (hi == '[') {
                return UNSURE;
            } else {
                s->i++;
            }
            if (!lit || !hi_lit)
                return UNSURE; /* a class or a coded character at an end */
            if (hi < lo)
                return bad(s, s->i, "bad character range");
        }
    }
    return bad(s, s->n, "unterminated character set");
}

/* {m}, {m,}, {,n}, {m,n}, {,}: a repeat when written so (1: it is, with
 * *end past it; 0: not; *over: min above max). */
static int brace_repeat(const scan *s, size_t at, size_t *end, bool *over)
{
    size_t i = at + 1, lo_start = i;
    unsigned long lo = 0, hi = 0;
    while (i < s->n && s->c[i] >= '0' && s->c[i] <= '9' && i - lo_start < 9)
        lo = lo * 10 + (s->c[i++] - '0');
    bool has_lo = i > lo_start, has_hi = false;
    if (i < s->n && s->c[i] >= '0' && s->c[i] <= '9')
        return -1; /* a count too large to trust */
    if (i < s->n && s->c[i] == ',') {
        size_t hi_start = ++i;
        while (i < s->n && s->c[i] >= '0' && s->c[i] <= '9' && i - hi_start < 9)
            hi = hi * 10 + (s->c[i++] - '0');
        if (i < s->n && s->c[i] >= '0' && s->c[i] <= '9')
            return -1;
        has_hi = i > hi_start;
    } else {
        hi = lo;
        has_hi = has_lo;
    }
    if (i >= s->n || s->c[i] != '}' || (i == at + 1))
        return 0;
    *end = i + 1;
    *over = has_lo && has_hi && hi < lo;
    return 1;
}

int cf_regex_error(const char *pattern, size_t len, cf_buf *why)
{
    /* decode UTF-8 (the loader has checked it) */
    uint32_t *c = malloc((len ? len : 1) * sizeof *c);
    if (!c)
        return UNSURE;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)pattern[i];
        int extra = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
        uint32_t cp = extra ? b & (0x3f >> extra) : b;
        for (int k = 1; k <= extra && i + (size_t)k < len; k++)
            cp = cp << 6 | ((unsigned char)pattern[i + (size_t)k] & 0x3f);
        c[n++] = cp;
        i += (size_t)extra + 1;
    }
    scan s = {c, n, 0, why};
    /* what stands before a repeat: nothing, an item, a repeat, or a
     * repeat with its lazy/possessive mark */
    enum { NONE, ITEM, REPEAT, MARKED } last = NONE;
    size_t depth = 0;
    int r = SURE_OK;
    while (s.i < n && r == SURE_OK) {
        uint32_t ch = c[s.i];
        size_t at = s.i;
        size_t end;
        bool over;
        int brace = ch == '{' ? brace_repeat(&s, at, &end, &over) : 0;
        if (brace < 0) {
            r = UNSURE;
        } else if (ch == '*' || ch == '+' || ch == '?' || brace == 1) {
            if (brace == 1 && over) { /* said before what stands before it */
                r = bad(&s, at + 1, "min repeat greater than max repeat");
            } else if (last == NONE) {
                r = bad(&s, at, "nothing to repeat");
            } else if (last == REPEAT && (ch == '?' || ch == '+')) {
                last = MARKED;
                s.i++;
            } else if (last == REPEAT || last == MARKED) {
                r = bad(&s, at, "multiple repeat");
            } else {
                last = REPEAT;
                s.i = brace == 1 ? end : at + 1;
            }
        } else if (ch == '{') {
            r = UNSURE; /* a literal brace, or a fuzzy constraint */
        } else if (ch == '(') {
            if (at + 1 < n && c[at + 1] == '?') {
                uint32_t k = at + 2 < n ? c[at + 2] : 0;
                uint32_t k2 = at + 3 < n ? c[at + 3] : 0;
                if (k == ':' || k == '=' || k == '!')
                    s.i = at + 3;
                else if (k == '<' && (k2 == '=' || k2 == '!'))
                    s.i = at + 4;
                else
                    r = UNSURE; /* named groups, flags, comments, ... */
            } else if (at + 2 < n && c[at + 1] == '*' &&
                       (c[at + 2] >= 128 || ((c[at + 2] | 0x20) >= 'a' && (c[at + 2] | 0x20) <= 'z'))) {
                r = UNSURE; /* a verb, (*SKIP) and the like */
            } else {
                s.i = at + 1;
            }
            depth++;
            last = NONE;
        } else if (ch == ')') {
            if (!depth) {
                r = bad(&s, at, "unbalanced parenthesis");
            } else {
                depth--;
                last = ITEM;
                s.i++;
            }
        } else if (ch == '|') {
            last = NONE;
            s.i++;
        } else if (ch == '[') {
            r = set(&s);
            last = ITEM;
        } else if (ch == '\\') {
            bool lit;
            r = escape(&s, false, &lit);
            last = ITEM;
        } else {
            last = ITEM;
            s.i++;
        }
    }
    if (r == SURE_OK && depth)
        r = bad(&s, n, "missing )");
    free(c);
    return r;
}
