/* Strict JSON (RFC 8259) into the document tree.  Used for templates that
 * start with '{' or '[': it accepts what YAML rejects (keys over 1024
 * characters, the \/ escape, tabs between tokens) and is much faster than
 * going through libyaml. */
#include "doc_build.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct json_reader {
    cf_builder b;
    cf_doc *doc;
    const char *s;
    uint32_t n, i;
    cf_buf str; /* decoded string scratch */
    const char *text; /* the string read last: in the source, or str.data */
    size_t text_len;
} json_reader;

/* The byte loops work on local copies: through r, every store to r->i
 * could change what r->s points at, and the compiler reloads both. */
static void skip_ws(json_reader *r)
{
    const char *s = r->s;
    uint32_t i = r->i, n = r->n;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    r->i = i;
}

/* The end of a run of plain characters of a string from i: printable
 * ASCII but the quote and the backslash. */
static uint32_t plain_run(const unsigned char *s, uint32_t i, uint32_t n)
{
    while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

static int fail_at(json_reader *r, uint32_t at, const char *what)
{
    return bld_fail(&r->b, at, at < r->n ? at + 1 : at, "%s", what);
}

static int unexpected(json_reader *r, const char *expected)
{
    if (r->i >= r->n)
        return bld_fail(&r->b, r->n, r->n, "unexpected end of file: expected %s", expected);
    unsigned char c = (unsigned char)r->s[r->i];
    if (c == '/' && r->i + 1 < r->n && (r->s[r->i + 1] == '/' || r->s[r->i + 1] == '*'))
        return fail_at(r, r->i, "comments are not allowed in JSON");
    if (c >= 0x20 && c < 0x7F)
        return bld_fail(&r->b, r->i, r->i + 1, "expected %s, found '%c'", expected, c);
    return bld_fail(&r->b, r->i, r->i + 1, "expected %s, found byte 0x%02X", expected, c);
}

static int hex4(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* A string starting at r->i (the opening quote), decoded: r->text and
 * r->text_len.  Most strings have no escapes and are used where they lie;
 * the others are decoded into r->str. */
static int read_string(json_reader *r)
{
    const unsigned char *s = (const unsigned char *)r->s;
    uint32_t start = r->i++;
    uint32_t end = plain_run(s, r->i, r->n);
    if (end < r->n && s[end] == '"') {
        r->text = r->s + r->i;
        r->text_len = end - r->i;
        r->i = end + 1;
        return 0;
    }
    buf_reset(&r->str);
    for (;;) {
        uint32_t run = r->i;
        r->i = plain_run(s, r->i, r->n);
        buf_add(&r->str, r->s + run, r->i - run);
        if (r->i >= r->n)
            return bld_fail(&r->b, start, r->n, "unterminated string (it starts here)");
        unsigned char c = s[r->i];
        if (c == '"') {
            r->i++;
            r->text = r->str.data ? r->str.data : "";
            r->text_len = r->str.len;
            return 0;
        }
        if (c < 0x20)
            return fail_at(r, r->i, c == '\n' ? "unterminated string: a line break inside a string must be written \\n"
                                              : "control character inside a string: escape it (\\t, \\u0000...)");
        if (c >= 0x80) {
            int len = utf8_valid_seq(s + r->i, r->n - r->i);
            if (!len)
                return fail_at(r, r->i, "invalid UTF-8 inside a string");
            buf_add(&r->str, r->s + r->i, (size_t)len);
            r->i += (uint32_t)len;
            continue;
        }
        /* backslash */
        uint32_t esc = r->i;
        if (r->i + 1 >= r->n)
            return bld_fail(&r->b, start, r->n, "unterminated string (it starts here)");
        char e = r->s[r->i + 1];
        r->i += 2;
        switch (e) {
        case '"': buf_addc(&r->str, '"'); break;
        case '\\': buf_addc(&r->str, '\\'); break;
        case '/': buf_addc(&r->str, '/'); break;
        case 'b': buf_addc(&r->str, '\b'); break;
        case 'f': buf_addc(&r->str, '\f'); break;
        case 'n': buf_addc(&r->str, '\n'); break;
        case 'r': buf_addc(&r->str, '\r'); break;
        case 't': buf_addc(&r->str, '\t'); break;
        case 'u': {
            uint32_t cp, lo;
            if (r->i + 4 > r->n || hex4(r->s + r->i, &cp) < 0)
                return bld_fail(&r->b, esc, esc + 2, "\\u must be followed by four hex digits");
            r->i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (r->i + 6 <= r->n && r->s[r->i] == '\\' && r->s[r->i + 1] == 'u' &&
                    hex4(r->s + r->i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    r->i += 6;
                } else {
                    return bld_fail(&r->b, esc, r->i, "unpaired UTF-16 surrogate in \\u escape");
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return bld_fail(&r->b, esc, r->i, "unpaired UTF-16 surrogate in \\u escape");
            }
            char u[4];
            buf_add(&r->str, u, (size_t)utf8_encode(cp, u));
            break;
        }
        default:
            return bld_fail(&r->b, esc, esc + 2, "invalid escape sequence in a string");
        }
    }
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static int read_number(json_reader *r, cf_type *type)
{
    uint32_t start = r->i;
    const char *s = r->s;
    *type = CF_TYPE_INT;
    if (r->i < r->n && s[r->i] == '-')
        r->i++;
    if (r->i < r->n && s[r->i] == '0')
        r->i++;
    else if (r->i < r->n && is_digit(s[r->i]))
        while (r->i < r->n && is_digit(s[r->i]))
            r->i++;
    else
        return fail_at(r, start, "invalid number");
    if (r->i < r->n && s[r->i] == '.') {
        r->i++;
        *type = CF_TYPE_FLOAT;
        if (!(r->i < r->n && is_digit(s[r->i])))
            return fail_at(r, start, "invalid number: digits must follow the decimal point");
        while (r->i < r->n && is_digit(s[r->i]))
            r->i++;
    }
    if (r->i < r->n && (s[r->i] == 'e' || s[r->i] == 'E')) {
        r->i++;
        *type = CF_TYPE_FLOAT;
        if (r->i < r->n && (s[r->i] == '+' || s[r->i] == '-'))
            r->i++;
        if (!(r->i < r->n && is_digit(s[r->i])))
            return fail_at(r, start, "invalid number: digits must follow the exponent");
        while (r->i < r->n && is_digit(s[r->i]))
            r->i++;
    }
    if (r->i < r->n && (is_digit(s[r->i]) || s[r->i] == '.' || s[r->i] == 'x'))
        return fail_at(r, start, "invalid number (JSON numbers have no leading zeros)");
    return 0;
}

static bool word(json_reader *r, const char *w)
{
    size_t n = strlen(w);
    if (r->n - r->i < n || memcmp(r->s + r->i, w, n) != 0)
        return false;
    r->i += (uint32_t)n;
    return true;
}

/* A scalar value at r->i, added to the tree. */
static int read_scalar(json_reader *r)
{
    uint32_t start = r->i;
    cf_builder *b = &r->b;
    char c = r->s[r->i];
    if (c == '"') {
        if (read_string(r) < 0)
            return -1;
        return bld_add(b, bld_scalar_node(b, start, r->i, CF_STYLE_DOUBLE, CF_TYPE_STR, r->text, r->text_len));
    }
    if (c == '-' || is_digit(c)) {
        cf_type type;
        if (read_number(r, &type) < 0)
            return -1;
        return bld_add(b, bld_scalar_node(b, start, r->i, CF_STYLE_PLAIN, type, r->s + start, r->i - start));
    }
    static const struct {
        const char *w;
        cf_type type;
    } words[] = {{"true", CF_TYPE_BOOL}, {"false", CF_TYPE_BOOL}, {"null", CF_TYPE_NULL}};
    for (size_t k = 0; k < 3; k++)
        if (word(r, words[k].w))
            return bld_add(b, bld_scalar_node(b, start, r->i, CF_STYLE_PLAIN, words[k].type, r->s + start, r->i - start));
    return unexpected(r, "a value");
}

static cf_kind open_kind(json_reader *r)
{
    return r->b.depth ? (cf_kind)r->b.stack[r->b.depth - 1].node->kind : 0;
}

enum { ST_VALUE, ST_KEY, ST_AFTER_VALUE };

int doc_load_json(cf_doc *doc)
{
    json_reader r;
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.s = doc->src;
    r.n = (uint32_t)doc->len;
    r.i = doc->bom;
    bld_init(&r.b, doc);

    int rc = 0, state = ST_VALUE;
    while (rc == 0) {
        skip_ws(&r);
        if (state == ST_VALUE) {
            if (r.i >= r.n) {
                rc = unexpected(&r, "a value");
                break;
            }
            char c = r.s[r.i];
            if (c == '{' || c == '[') {
                cf_node *n = bld_node(&r.b, c == '{' ? CF_MAPPING : CF_SEQUENCE, r.i, r.i + 1);
                n->style = CF_STYLE_FLOW;
                r.i++;
                if ((rc = bld_open(&r.b, n)) < 0)
                    break;
                skip_ws(&r);
                if (r.i < r.n && r.s[r.i] == (c == '{' ? '}' : ']')) {
                    r.i++;
                    rc = bld_close(&r.b, r.i);
                    state = ST_AFTER_VALUE;
                } else {
                    state = c == '{' ? ST_KEY : ST_VALUE;
                }
            } else {
                rc = read_scalar(&r);
                state = ST_AFTER_VALUE;
            }
        } else if (state == ST_KEY) {
            if (r.i >= r.n || r.s[r.i] != '"') {
                rc = unexpected(&r, "a \"quoted\" key");
                break;
            }
            if ((rc = read_scalar(&r)) < 0)
                break;
            skip_ws(&r);
            if (r.i >= r.n || r.s[r.i] != ':') {
                rc = unexpected(&r, "':' after the key");
                break;
            }
            r.i++;
            state = ST_VALUE;
        } else { /* ST_AFTER_VALUE */
            cf_kind k = open_kind(&r);
            if (!k) {
                if (r.i < r.n)
                    rc = unexpected(&r, "the end of the file after the JSON value");
                break;
            }
            char close = k == CF_MAPPING ? '}' : ']';
            if (r.i < r.n && r.s[r.i] == ',') {
                uint32_t comma = r.i++;
                skip_ws(&r);
                if (r.i < r.n && r.s[r.i] == close) {
                    rc = fail_at(&r, comma, "trailing comma: JSON allows no ',' before a closing bracket");
                    break;
                }
                state = k == CF_MAPPING ? ST_KEY : ST_VALUE;
            } else if (r.i < r.n && r.s[r.i] == close) {
                r.i++;
                rc = bld_close(&r.b, r.i);
            } else {
                rc = unexpected(&r, k == CF_MAPPING ? "',' or '}'" : "',' or ']'");
            }
        }
    }
    buf_free(&r.str);
    bld_free(&r.b);
    if (rc < 0)
        doc->root = NULL;
    return rc;
}
