#include "edit.h"
#include "escape.h"
#include "scalar.h"

#include <string.h>

/* --- writing scalars ----------------------------------------------------- */

bool cf_plain_safe(const char *value, bool in_flow)
{
    size_t n = strlen(value);
    if (!n || cf_resolve_plain(value, n) != CF_TYPE_STR)
        return false;
    if (strchr("-?:,[]{}#&*!|>'\"%@` \t", value[0]))
        return false; /* indicators, and leading blanks, change the meaning */
    if (value[n - 1] == ' ' || value[n - 1] == '\t' || value[n - 1] == ':')
        return false;
    if (strstr(value, ": ") || strstr(value, " #") || strstr(value, ":\t") || strstr(value, "\t#"))
        return false;
    if (in_flow && strpbrk(value, ",[]{}"))
        return false;
    const unsigned char *p = (const unsigned char *)value;
    for (size_t i = 0; i < n;) {
        int len = utf8_valid_seq(p + i, n - i);
        if (!len)
            return false;
        unsigned cp = utf8_decode(p + i, len);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
            return false;
        i += (size_t)len;
    }
    return true;
}

/* Single quotes cannot carry line breaks or control characters as such. */
static bool single_safe(const char *value)
{
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return false;
    return true;
}

static void single_quoted(cf_buf *out, const char *value)
{
    buf_addc(out, '\'');
    for (const char *p = value; *p; p++) {
        if (*p == '\'')
            buf_addc(out, '\'');
        buf_addc(out, *p);
    }
    buf_addc(out, '\'');
}

static void double_quoted(cf_buf *out, const char *value)
{
    buf_addc(out, '"');
    const unsigned char *p = (const unsigned char *)value;
    size_t n = strlen(value);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            static const char esc[] = {['\0'] = '0', ['\a'] = 'a', ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n',
                                       ['\v'] = 'v', ['\f'] = 'f', ['\r'] = 'r', [0x1B] = 'e', ['"'] = '"',
                                       ['\\'] = '\\'};
            if (c < sizeof esc && esc[c]) {
                buf_addc(out, '\\');
                buf_addc(out, esc[c]);
            } else if (c < 0x20 || c == 0x7F) {
                buf_printf(out, "\\x%02x", c);
            } else {
                buf_addc(out, (char)c);
            }
            i++;
            continue;
        }
        int len = utf8_valid_seq(p + i, n - i);
        unsigned cp = len ? utf8_decode(p + i, len) : 0xFFFD;
        if (!len)
            len = 1;
        if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
            buf_printf(out, "\\u%04x", cp);
        else
            buf_add(out, p + i, (size_t)len);
        i += (size_t)len;
    }
    buf_addc(out, '"');
}

static bool in_flow_context(const cf_node *n)
{
    for (const cf_node *p = n ? n->parent : NULL; p; p = p->parent)
        if (p->style == CF_STYLE_FLOW && !(p->flags & CF_NF_SHORT_FORM))
            return true;
    return false;
}

void cf_render_scalar(const cf_doc *doc, const cf_node *like, const char *value, cf_buf *out)
{
    if (doc->is_json) {
        buf_addc(out, '"');
        esc_jsons(out, value);
        buf_addc(out, '"');
        return;
    }
    cf_style style = like ? (cf_style)like->style : CF_STYLE_PLAIN;
    bool flow = like && in_flow_context(like);
    if (style == CF_STYLE_PLAIN && cf_plain_safe(value, flow)) {
        buf_adds(out, value);
        return;
    }
    if (style != CF_STYLE_DOUBLE && single_safe(value))
        single_quoted(out, value);
    else
        double_quoted(out, value);
}

/* --- finding places ------------------------------------------------------ */

/* Where a scalar's own text starts: after a tag or anchor written on it. */
static uint32_t text_start(const cf_doc *doc, const cf_node *n)
{
    uint32_t p = n->start;
    const char *s = doc->src;
    while (p < n->end && (s[p] == '!' || s[p] == '&')) {
        while (p < n->end && s[p] != ' ' && s[p] != '\t' && s[p] != '\n' && s[p] != '\r')
            p++;
        while (p < n->end && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
            p++;
    }
    return p;
}

static uint32_t line_start_of(const cf_doc *doc, uint32_t off)
{
    return cf_doc_line_start(doc, cf_doc_pos(doc, off).line);
}

/* Just past the line break ending the line that holds off (the end of the
 * file when it has none). */
static uint32_t next_line_start(const cf_doc *doc, uint32_t off)
{
    uint32_t line = cf_doc_pos(doc, off).line;
    return line < doc->nlines ? cf_doc_line_start(doc, line + 1) : (uint32_t)doc->len;
}

static bool only_blank(const cf_doc *doc, uint32_t from, uint32_t to, bool allow_dash)
{
    for (uint32_t i = from; i < to; i++) {
        char c = doc->src[i];
        if (c == ' ' || c == '\t' || (allow_dash && c == '-'))
            continue;
        return false;
    }
    return true;
}

/* Nothing but blanks and a comment between off and the end of its line. */
static bool rest_of_line_blank(const cf_doc *doc, uint32_t off)
{
    for (uint32_t i = off; i < doc->len; i++) {
        char c = doc->src[i];
        if (c == '\n' || c == '\r')
            return true;
        if (c == '#')
            return true;
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

/* An entry's extent: a mapping value with its key, a list item itself. */
static uint32_t entry_start(const cf_node *node)
{
    const cf_node *key = cf_node_key(node);
    return key ? key->start : node->start;
}

/* The line break the file uses around off: "\r\n" or "\n". */
static const char *line_break(const cf_doc *doc, uint32_t off)
{
    uint32_t nl = next_line_start(doc, off);
    if (nl >= 2 && doc->src[nl - 1] == '\n' && doc->src[nl - 2] == '\r')
        return "\r\n";
    if (nl >= 1 && doc->src[nl - 1] == '\r')
        return "\r";
    return "\n";
}

/* --- the edits ----------------------------------------------------------- */

void cf_edit_scalar(cf_fix *f, const cf_doc *doc, const cf_node *scalar, const char *value)
{
    cf_buf text = {0};
    const cf_node *parent = scalar->parent;
    if (parent && (parent->flags & CF_NF_DOTTED)) {
        /* a part of `!GetAtt A.B`: written as it is, inside the same scalar */
        buf_adds(&text, value);
    } else {
        /* an empty value right after "key:", "-" or a tag needs a space
         * first, or the new text would run into them */
        uint32_t at = text_start(doc, scalar);
        char prev = at > 0 ? doc->src[at - 1] : ' ';
        if (scalar->end == at && at > 0 && !strchr(" \t\r\n[{,\"'", prev) && !(doc->is_json && prev == ':'))
            buf_addc(&text, ' ');
        cf_render_scalar(doc, scalar, value, &text);
    }
    cf_fix_edit(f, text_start(doc, scalar), scalar->end, text.data);
    cf_fix_expect(f, (scalar->flags & CF_NF_KEY) ? CF_EXPECT_RENAME : CF_EXPECT_SCALAR, scalar, NULL, value);
    buf_free(&text);
}

void cf_edit_replace_with_scalar(cf_fix *f, const cf_doc *doc, const cf_node *node, const cf_node *like,
                                 const char *value)
{
    cf_buf text = {0};
    cf_render_scalar(doc, like, value, &text);
    cf_fix_edit(f, node->start, node->end, text.data);
    cf_fix_expect(f, CF_EXPECT_SCALAR, node, NULL, value);
    buf_free(&text);
}

static uint32_t element_end(const cf_node *parent, uint32_t i)
{
    return parent->kind == CF_MAPPING ? parent->u.pairs[i].value->end : parent->u.items[i]->end;
}

static uint32_t element_start(const cf_node *parent, uint32_t i)
{
    return parent->kind == CF_MAPPING ? parent->u.pairs[i].key->start : parent->u.items[i]->start;
}

void cf_edit_delete(cf_fix *f, const cf_doc *doc, const cf_node *node)
{
    const cf_node *parent = node->parent;
    uint32_t i = node->index, from, to;
    if (parent->style == CF_STYLE_FLOW) {
        /* the element and one comma: the one after it, else the one before */
        if (i + 1 < parent->len) {
            from = element_start(parent, i);
            to = element_start(parent, i + 1);
        } else if (i > 0) {
            from = element_end(parent, i - 1);
            to = element_end(parent, i);
        } else {
            from = element_start(parent, i);
            to = element_end(parent, i);
        }
    } else {
        /* whole lines when the entry has its lines to itself */
        uint32_t start = entry_start(node), ls = line_start_of(doc, start);
        from = only_blank(doc, ls, start, parent->kind == CF_SEQUENCE) ? ls : start;
        if (parent->kind == CF_SEQUENCE && from == start) {
            /* "- item": take the dash too */
            uint32_t d = start;
            while (d > ls && (doc->src[d - 1] == ' ' || doc->src[d - 1] == '\t'))
                d--;
            if (d > ls && doc->src[d - 1] == '-')
                from = d - 1;
        }
        to = rest_of_line_blank(doc, node->end) ? next_line_start(doc, node->end) : node->end;
    }
    cf_fix_edit(f, from, to, "");
    cf_fix_expect(f, CF_EXPECT_DELETE, node, NULL, NULL);
}

void cf_edit_insert(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, const char *value)
{
    cf_buf text = {0}, k = {0}, v = {0};
    const cf_node *last_value = map->len ? map->u.pairs[map->len - 1].value : NULL;
    cf_render_scalar(doc, NULL, key, &k);
    cf_render_scalar(doc, last_value && last_value->kind == CF_SCALAR ? last_value : NULL, value, &v);
    uint32_t at;
    if (!map->len) {
        /* {} : inside the braces */
        at = map->end - 1;
        buf_printf(&text, "%s: %s", k.data, v.data);
    } else if (map->style == CF_STYLE_FLOW) {
        at = last_value->end;
        const cf_node *first = map->u.pairs[0].key, *lastk = map->u.pairs[map->len - 1].key;
        if (cf_doc_pos(doc, first->start).line != cf_doc_pos(doc, map->start).line) {
            /* one entry per line: a new line indented like the last key */
            uint32_t ls = line_start_of(doc, lastk->start);
            buf_printf(&text, ",%s%.*s%s: %s", line_break(doc, lastk->start), (int)(lastk->start - ls),
                       doc->src + ls, k.data, v.data);
        } else {
            buf_printf(&text, ", %s: %s", k.data, v.data);
        }
    } else {
        const cf_node *first = map->u.pairs[0].key;
        uint32_t ls = line_start_of(doc, first->start);
        at = next_line_start(doc, last_value->end);
        const char *nl = line_break(doc, first->start);
        bool needs_break = at == doc->len && (at == 0 || (doc->src[at - 1] != '\n' && doc->src[at - 1] != '\r'));
        buf_adds(&text, needs_break ? nl : "");
        /* the siblings' indentation; a "- " before the first key is
         * indentation for the lines after it */
        for (uint32_t i = ls; i < first->start; i++)
            buf_addc(&text, doc->src[i] == '\t' ? '\t' : ' ');
        buf_printf(&text, "%s: %s%s", k.data, v.data, needs_break ? "" : nl);
    }
    cf_fix_edit(f, at, at, text.data);
    cf_fix_expect(f, CF_EXPECT_INSERT, map, key, value);
    buf_free(&text);
    buf_free(&k);
    buf_free(&v);
}
