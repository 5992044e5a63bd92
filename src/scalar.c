#include "scalar.h"

#include <string.h>

/* A tiny cursor over the candidate text; each matcher below is one
 * alternative of PyYAML's resolver regular expressions, anchored at both
 * ends.  Hand-written because the loader calls this for every plain scalar. */
typedef struct {
    const char *s;
    size_t n, i;
} cur;

static bool at_end(const cur *c) { return c->i == c->n; }
static char peek(const cur *c) { return c->i < c->n ? c->s[c->i] : '\0'; }
static bool eat(cur *c, char ch)
{
    if (peek(c) == ch && !at_end(c)) {
        c->i++;
        return true;
    }
    return false;
}
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static void sign(cur *c)
{
    if (!eat(c, '-'))
        eat(c, '+');
}
/* [set]* — returns how many were eaten */
static size_t span_of(cur *c, const char *set)
{
    size_t start = c->i;
    while (!at_end(c) && strchr(set, c->s[c->i]))
        c->i++;
    return c->i - start;
}
#define DIGITS "0123456789"

/* (?::[0-5]?[0-9])+ */
static bool sexagesimal_tail(cur *c)
{
    size_t groups = 0;
    while (eat(c, ':')) {
        if (!is_digit(peek(c)))
            return false;
        char d1 = c->s[c->i++];
        if (is_digit(peek(c))) {
            if (d1 > '5')
                return false;
            c->i++;
        }
        groups++;
    }
    return groups > 0;
}

static bool is_bool(const char *s, size_t n)
{
    static const char *const words[] = {"yes", "Yes", "YES", "no", "No", "NO",
                                        "true", "True", "TRUE", "false", "False", "FALSE",
                                        "on", "On", "ON", "off", "Off", "OFF"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return true;
    return false;
}

static bool is_null(const char *s, size_t n)
{
    return n == 0 || (n == 1 && s[0] == '~') ||
           (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

static bool is_int(const char *s, size_t n)
{
    cur c;
    /* [-+]?0b[0-1_]+ */
    c = (cur){s, n, 0};
    sign(&c);
    if (eat(&c, '0') && eat(&c, 'b') && span_of(&c, "01_") && at_end(&c))
        return true;
    /* [-+]?0x[0-9a-fA-F_]+ */
    c = (cur){s, n, 0};
    sign(&c);
    if (eat(&c, '0') && eat(&c, 'x') && span_of(&c, "0123456789abcdefABCDEF_") && at_end(&c))
        return true;
    /* [-+]?0[0-7_]+ */
    c = (cur){s, n, 0};
    sign(&c);
    if (eat(&c, '0') && span_of(&c, "01234567_") && at_end(&c))
        return true;
    /* [-+]?(?:0|[1-9][0-9_]*) */
    c = (cur){s, n, 0};
    sign(&c);
    if (eat(&c, '0') && at_end(&c))
        return true;
    c = (cur){s, n, 0};
    sign(&c);
    if (peek(&c) >= '1' && peek(&c) <= '9') {
        c.i++;
        span_of(&c, DIGITS "_");
        if (at_end(&c))
            return true;
        /* [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+ */
        if (sexagesimal_tail(&c) && at_end(&c))
            return true;
    }
    return false;
}

/* (?:[eE][-+][0-9]+)? at the end */
static bool exponent_then_end(cur *c)
{
    if (at_end(c))
        return true;
    if (!eat(c, 'e') && !eat(c, 'E'))
        return false;
    if (!eat(c, '-') && !eat(c, '+'))
        return false;
    return span_of(c, DIGITS) > 0 && at_end(c);
}

static bool is_float(const char *s, size_t n)
{
    cur c;
    /* [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? */
    c = (cur){s, n, 0};
    sign(&c);
    if (is_digit(peek(&c))) {
        c.i++;
        span_of(&c, DIGITS "_");
        if (eat(&c, '.')) {
            span_of(&c, DIGITS "_");
            if (exponent_then_end(&c))
                return true;
        }
    }
    /* \.[0-9][0-9_]*(?:[eE][-+][0-9]+)? */
    c = (cur){s, n, 0};
    if (eat(&c, '.') && is_digit(peek(&c))) {
        c.i++;
        span_of(&c, DIGITS "_");
        if (exponent_then_end(&c))
            return true;
    }
    /* [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* */
    c = (cur){s, n, 0};
    sign(&c);
    if (is_digit(peek(&c))) {
        c.i++;
        span_of(&c, DIGITS "_");
        if (sexagesimal_tail(&c) && eat(&c, '.')) {
            span_of(&c, DIGITS "_");
            if (at_end(&c))
                return true;
        }
    }
    /* [-+]?\.(?:inf|Inf|INF) and \.(?:nan|NaN|NAN) */
    c = (cur){s, n, 0};
    sign(&c);
    if (eat(&c, '.')) {
        const char *r = c.s + c.i;
        size_t left = c.n - c.i;
        if (left == 3 && (!memcmp(r, "inf", 3) || !memcmp(r, "Inf", 3) || !memcmp(r, "INF", 3)))
            return true;
    }
    if (n == 4 && (!memcmp(s, ".nan", 4) || !memcmp(s, ".NaN", 4) || !memcmp(s, ".NAN", 4)))
        return true;
    return false;
}

static bool two_digits(cur *c)
{
    return is_digit(peek(c)) && (c->i++, is_digit(peek(c))) && (c->i++, true);
}
static bool one_or_two_digits(cur *c)
{
    if (!is_digit(peek(c)))
        return false;
    c->i++;
    if (is_digit(peek(c)))
        c->i++;
    return true;
}

static bool is_timestamp(const char *s, size_t n)
{
    cur c = {s, n, 0};
    if (!(two_digits(&c) && two_digits(&c)) || !eat(&c, '-'))
        return false;
    size_t after_year = c.i;
    /* [0-9]{4}-[0-9]{2}-[0-9]{2} */
    if (two_digits(&c) && eat(&c, '-') && two_digits(&c) && at_end(&c))
        return true;
    /* [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
       (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))? */
    c.i = after_year;
    if (!one_or_two_digits(&c) || !eat(&c, '-') || !one_or_two_digits(&c))
        return false;
    if (!eat(&c, 'T') && !eat(&c, 't') && !span_of(&c, " \t"))
        return false;
    if (!one_or_two_digits(&c) || !eat(&c, ':') || !two_digits(&c) || !eat(&c, ':') ||
        !two_digits(&c))
        return false;
    if (eat(&c, '.'))
        span_of(&c, DIGITS);
    if (at_end(&c))
        return true;
    span_of(&c, " \t");
    if (eat(&c, 'Z'))
        return at_end(&c);
    if (!eat(&c, '-') && !eat(&c, '+'))
        return false;
    if (!one_or_two_digits(&c))
        return false;
    if (eat(&c, ':') && !two_digits(&c))
        return false;
    return at_end(&c);
}

cf_type cf_resolve_plain(const char *s, size_t n)
{
    if (is_null(s, n))
        return CF_TYPE_NULL;
    char c = s[0];
    if (strchr("yYnNtTfFoO", c) && is_bool(s, n))
        return CF_TYPE_BOOL;
    if (strchr("-+0123456789", c) && is_int(s, n))
        return CF_TYPE_INT;
    if (strchr("-+0123456789.", c) && is_float(s, n))
        return CF_TYPE_FLOAT;
    if (is_digit(c) && is_timestamp(s, n))
        return CF_TYPE_TIMESTAMP;
    return CF_TYPE_STR;
}

int cf_type_of_tag(const char *tag)
{
    static const struct {
        const char *name;
        cf_type type;
    } std[] = {{"str", CF_TYPE_STR},     {"int", CF_TYPE_INT},   {"float", CF_TYPE_FLOAT},
               {"bool", CF_TYPE_BOOL},   {"null", CF_TYPE_NULL}, {"timestamp", CF_TYPE_TIMESTAMP}};
    const char *name = NULL;
    if (strncmp(tag, "tag:yaml.org,2002:", 18) == 0)
        name = tag + 18;
    else if (strncmp(tag, "!!", 2) == 0)
        name = tag + 2;
    else if (strcmp(tag, "!") == 0)
        return CF_TYPE_STR; /* the non-specific tag: a plain `! 12` is a string */
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof std / sizeof std[0]; i++)
        if (strcmp(std[i].name, name) == 0)
            return (int)std[i].type;
    return -1;
}
