#include "repr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX 2000

/* Python's str.isprintable(), closely enough: control and separator
 * characters (other than space), format characters and private use. */
static bool py_printable(unsigned cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA1) || cp == 0xAD)
        return false;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
        (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 ||
        cp == 0x061C || cp == 0x180E)
        return false;
    return true;
}

void cf_repr_str(cf_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    char quote = '\'';
    if (memchr(s, '\'', n) && !memchr(s, '"', n))
        quote = '"';
    buf_addc(b, quote);
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == (unsigned char)quote || c == '\\') {
                buf_addc(b, '\\');
                buf_addc(b, (char)c);
            } else if (c == '\t') {
                buf_adds(b, "\\t");
            } else if (c == '\n') {
                buf_adds(b, "\\n");
            } else if (c == '\r') {
                buf_adds(b, "\\r");
            } else if (c < 0x20 || c == 0x7F) {
                buf_printf(b, "\\x%02x", c);
            } else {
                buf_addc(b, (char)c);
            }
            i++;
            continue;
        }
        int len = utf8_valid_seq(p + i, n - i);
        if (!len) {
            buf_printf(b, "\\x%02x", c);
            i++;
            continue;
        }
        unsigned cp = utf8_decode(p + i, len);
        if (py_printable(cp))
            buf_add(b, s + i, (size_t)len);
        else if (cp < 0x100)
            buf_printf(b, "\\x%02x", cp);
        else if (cp < 0x10000)
            buf_printf(b, "\\u%04x", cp);
        else
            buf_printf(b, "\\U%08x", cp);
        i += (size_t)len;
    }
    buf_addc(b, quote);
}

void cf_repr_double(cf_buf *b, double v)
{
    if (isnan(v)) {
        buf_adds(b, "nan");
        return;
    }
    if (isinf(v)) {
        buf_adds(b, v < 0 ? "-inf" : "inf");
        return;
    }
    char e[40];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec, v);
        if (strtod(e, NULL) == v)
            break;
    }
    /* e is [-]d[.ddd]e[+-]XX: split into digits and exponent */
    bool neg = e[0] == '-';
    char digits[40];
    size_t nd = 0;
    const char *p = e + neg;
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    digits[nd] = '\0';
    int exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        digits[--nd] = '\0';
    if (neg)
        buf_addc(b, '-');
    if (exp10 >= -4 && exp10 < 16) {
        if (exp10 < 0) {
            buf_adds(b, "0.");
            for (int k = -1; k > exp10; k--)
                buf_addc(b, '0');
            buf_adds(b, digits);
        } else {
            for (int k = 0; k <= exp10; k++)
                buf_addc(b, (size_t)k < nd ? digits[k] : '0');
            buf_addc(b, '.');
            if ((size_t)exp10 + 1 < nd)
                buf_adds(b, digits + exp10 + 1);
            else
                buf_addc(b, '0');
        }
    } else {
        buf_addc(b, digits[0]);
        if (nd > 1) {
            buf_addc(b, '.');
            buf_adds(b, digits + 1);
        }
        buf_printf(b, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    }
}

/* Underscores out, as PyYAML does before converting. */
static char *clean_number(const char *s, size_t n)
{
    char *t = xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            t[k++] = s[i];
    t[k] = '\0';
    return t;
}

/* Base-60 YAML 1.1 numbers (1:30 is 90). */
static double sexagesimal(const char *t)
{
    double v = 0;
    const char *p = t;
    for (;;) {
        char *end;
        double part = strtod(p, &end);
        v = v * 60 + part;
        if (*end != ':')
            break;
        p = end + 1;
    }
    return v;
}

bool cf_scalar_double(const cf_node *n, double *out)
{
    if (!n || n->kind != CF_SCALAR || (n->type != CF_TYPE_INT && n->type != CF_TYPE_FLOAT))
        return false;
    char *t = clean_number(n->u.str, n->len);
    char *p = t;
    double sign = 1;
    if (*p == '-' || *p == '+') {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    double v;
    if (n->type == CF_TYPE_FLOAT) {
        if (strchr(p, ':'))
            v = sexagesimal(p);
        else if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
            v = INFINITY;
        else if (p[0] == '.' && (p[1] == 'n' || p[1] == 'N'))
            v = NAN;
        else
            v = strtod(p, NULL);
    } else if (p[0] == '0' && p[1] == 'b') {
        v = (double)strtoull(p + 2, NULL, 2);
    } else if (p[0] == '0' && p[1] == 'x') {
        v = (double)strtoull(p + 2, NULL, 16);
    } else if (strchr(p, ':')) {
        v = sexagesimal(p);
    } else if (p[0] == '0' && p[1] && !n->tag_at && n->style == CF_STYLE_PLAIN) {
        v = (double)strtoull(p + 1, NULL, 8);
    } else {
        v = strtod(p, NULL);
    }
    free(t);
    *out = sign * v;
    return true;
}

static void repr_int(cf_buf *b, const cf_node *n)
{
    /* Decimal integers print as written (Python ints are unbounded);
     * other YAML 1.1 forms are converted. */
    char *t = clean_number(n->u.str, n->len);
    const char *p = t + (t[0] == '+' || t[0] == '-');
    bool plain_decimal = !strchr(p, ':') && !(p[0] == '0' && p[1]);
    if (plain_decimal) {
        buf_adds(b, t[0] == '+' ? t + 1 : t);
    } else {
        double v;
        cf_scalar_double(n, &v);
        buf_printf(b, "%.0f", v);
    }
    free(t);
}

static void repr_scalar(cf_buf *b, const cf_node *n)
{
    switch ((cf_type)n->type) {
    case CF_TYPE_NULL:
        buf_adds(b, "None");
        return;
    case CF_TYPE_BOOL: {
        char c = n->len ? n->u.str[0] : 'f';
        bool yes = c == 't' || c == 'T' || c == 'y' || c == 'Y' ||
                   ((c == 'o' || c == 'O') && n->len == 2);
        buf_adds(b, yes ? "True" : "False");
        return;
    }
    case CF_TYPE_INT:
        repr_int(b, n);
        return;
    case CF_TYPE_FLOAT: {
        double v;
        cf_scalar_double(n, &v);
        cf_repr_double(b, v);
        return;
    }
    case CF_TYPE_TIMESTAMP:
        if (n->len == 10) {
            buf_printf(b, "datetime.date(%d, %d, %d)", atoi(n->u.str), atoi(n->u.str + 5), atoi(n->u.str + 8));
            return;
        }
        break;
    case CF_TYPE_STR:
        break;
    }
    if (n->len > DEFAULT_MAX) {
        /* a huge scalar would make a huge message: show its start */
        size_t cut = DEFAULT_MAX;
        while (cut && ((unsigned char)n->u.str[cut] & 0xC0) == 0x80)
            cut--;
        cf_repr_str(b, n->u.str, cut);
        buf_adds(b, "...");
        return;
    }
    cf_repr_str(b, n->u.str, n->len);
}

static void repr_rec(cf_buf *b, const cf_node *n, size_t limit)
{
    if (b->len > limit) {
        return;
    }
    if (n->kind == CF_SCALAR) {
        repr_scalar(b, n);
    } else if (n->kind == CF_SEQUENCE) {
        buf_addc(b, '[');
        for (uint32_t i = 0; i < n->len; i++) {
            if (i)
                buf_adds(b, ", ");
            if (b->len > limit) {
                buf_adds(b, "...");
                break;
            }
            repr_rec(b, n->u.items[i], limit);
        }
        buf_addc(b, ']');
    } else {
        buf_addc(b, '{');
        for (uint32_t i = 0; i < n->len; i++) {
            if (i)
                buf_adds(b, ", ");
            if (b->len > limit) {
                buf_adds(b, "...");
                break;
            }
            repr_rec(b, n->u.pairs[i].key, limit);
            buf_adds(b, ": ");
            repr_rec(b, n->u.pairs[i].value, limit);
        }
        buf_addc(b, '}');
    }
}

void cf_repr_max(cf_buf *b, const cf_node *n, size_t max)
{
    repr_rec(b, n, b->len + max);
}

void cf_repr(cf_buf *b, const cf_node *n)
{
    cf_repr_max(b, n, DEFAULT_MAX);
}

char *cf_repr_dup(const cf_node *n)
{
    cf_buf b = {0};
    cf_repr(&b, n);
    return buf_steal(&b);
}

char *cf_py_str(const cf_node *n)
{
    if (n->kind == CF_SCALAR && (n->type == CF_TYPE_STR || n->type == CF_TYPE_TIMESTAMP))
        return xstrndup(n->u.str, n->len);
    cf_buf b = {0};
    cf_repr_max(&b, n, (size_t)-1 / 2);
    return buf_steal(&b);
}
