#include "edit.h"
#include "escape.h"
#include "scalar.h"

#include <stdlib.h>
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

/* Past blanks, line breaks and comments from `from`, stopping at `to`. */
static uint32_t skip_space(const char *s, uint32_t from, uint32_t to)
{
    uint32_t p = from;
    while (p < to) {
        size_t br = cf_line_break_len(s, p, to);
        if (br)
            p += (uint32_t)br;
        else if (s[p] == ' ' || s[p] == '\t')
            p++;
        else if (s[p] == '#')
            while (p < to && !cf_line_break_len(s, p, to))
                p++;
        else
            break;
    }
    return p;
}

/* Where a scalar's own text starts: after a tag or anchor written on it
 * (and the blanks and comments after them).  *props_end, when given, gets
 * the end of the last tag or anchor (n->start when there is none). */
static uint32_t scalar_text(const cf_doc *doc, const cf_node *n, uint32_t *props_end)
{
    uint32_t p = n->start, last = n->start;
    const char *s = doc->src;
    while (p < n->end && (s[p] == '!' || s[p] == '&')) {
        while (p < n->end && s[p] != ' ' && s[p] != '\t' && !cf_line_break_len(s, p, n->end))
            p++;
        last = p;
        p = skip_space(s, p, n->end); /* a comment may stand between the tag and the text */
    }
    if (props_end)
        *props_end = last;
    return p;
}

static uint32_t text_start(const cf_doc *doc, const cf_node *n)
{
    return scalar_text(doc, n, NULL);
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

/* A block scalar may stand on the lines below its key, its short-form
 * tag, its list item's "-", or its own tag or anchor, even at the key's
 * own indentation or left of it ("K:" then ">" in column 1); a flow scalar
 * there could read as a new key.  So such a scalar is replaced next to
 * what it stands below: the result is the offset just past the colon (the
 * dash, the tag), and `between` gets what stood between it and the
 * scalar's line (blank lines and comments, kept; its last line break
 * goes, with the scalar's line).  Returns text_start() when the scalar is
 * not such a case. */
static uint32_t flow_value_start(const cf_doc *doc, const cf_node *scalar, cf_buf *between)
{
    const char *src = doc->src;
    uint32_t props_end;
    uint32_t at = scalar_text(doc, scalar, &props_end);
    const cf_node *key = cf_node_key(scalar);
    if ((scalar->style != CF_STYLE_LITERAL && scalar->style != CF_STYLE_FOLDED) || doc->is_json ||
        in_flow_context(scalar))
        return at;
    uint32_t after; /* just past the colon, the tag or the anchor */
    if (at > scalar->start) {
        after = props_end;
    } else if (key && (key->flags & CF_NF_TAG_KEY)) {
        after = key->end;
    } else if (key) {
        for (after = key->end; after < at && (src[after] == ' ' || src[after] == '\t'); after++)
            ;
        if (after >= at || src[after++] != ':')
            return at;
    } else if (scalar->parent && scalar->parent->kind == CF_SEQUENCE) {
        /* a block list item: after its "-" */
        const cf_node *seq = scalar->parent;
        after = skip_space(src, scalar->index ? seq->u.items[scalar->index - 1]->end : seq->start, at);
        if (after >= at || src[after++] != '-')
            return at;
    } else {
        return at;
    }
    uint32_t line = line_start_of(doc, at);
    if (after > line || !only_blank(doc, line, at, false))
        return at; /* on the same line already */
    if (skip_space(src, after, line) != line)
        return at; /* something else stands between */
    /* the last line break before the scalar's line goes with it */
    uint32_t end = after, last = after;
    for (uint32_t p = after; p < line;) {
        size_t br = cf_line_break_len(src, p, line);
        if (br)
            last = p, end = p + (uint32_t)br;
        p += br ? (uint32_t)br : 1;
    }
    if (end == line)
        end = last;
    buf_add(between, src + after, end - after);
    return after;
}

/* --- the edits ----------------------------------------------------------- */

void cf_edit_scalar(cf_fix *f, const cf_doc *doc, const cf_node *scalar, const char *value)
{
    cf_buf text = {0}, between = {0};
    const cf_node *parent = scalar->parent;
    uint32_t at = text_start(doc, scalar), moved;
    if (parent && (parent->flags & CF_NF_DOTTED)) {
        /* a part of `!GetAtt A.B`: written as it is, inside the same scalar */
        buf_adds(&text, value);
    } else if ((moved = flow_value_start(doc, scalar, &between)) != at) {
        at = moved;
        buf_addc(&text, ' ');
        cf_render_scalar(doc, scalar, value, &text);
        buf_add(&text, between.data, between.len);
    } else {
        /* an empty value right after "key:", "-" or a tag needs a space
         * first, or the new text would run into them */
        char prev = at > 0 ? doc->src[at - 1] : ' ';
        if (scalar->end == at && at > 0 && !strchr(" \t\r\n[{,\"'", prev) && !(doc->is_json && prev == ':'))
            buf_addc(&text, ' ');
        cf_render_scalar(doc, scalar, value, &text);
    }
    cf_fix_edit(f, at, scalar->end, text.data);
    cf_fix_expect(f, (scalar->flags & CF_NF_KEY) ? CF_EXPECT_RENAME : CF_EXPECT_SCALAR, scalar, NULL, value);
    buf_free(&text);
    buf_free(&between);
}

void cf_edit_replace_with_scalar(cf_fix *f, const cf_doc *doc, const cf_node *node, const cf_node *like,
                                 const char *value)
{
    cf_buf text = {0};
    uint32_t from = node->start;
    /* a block mapping on the lines under its key ("Key:\n  Fn::Sub: x"):
     * the scalar goes next to the key ("Key: x"), unless a comment sits
     * between them */
    const cf_node *key = cf_node_key(node);
    if (node->kind != CF_SCALAR && node->style != CF_STYLE_FLOW && key && !doc->is_json &&
        cf_doc_pos(doc, key->end).line < cf_doc_pos(doc, node->start).line) {
        uint32_t p = key->end;
        while (p < node->start && (doc->src[p] == ' ' || doc->src[p] == '\t'))
            p++;
        uint32_t colon = p;
        bool clean = p < node->start && doc->src[p] == ':';
        for (p++; clean && p < node->start; p++)
            clean = strchr(" \t\r\n", doc->src[p]) != NULL;
        if (clean) {
            from = colon + 1;
            buf_addc(&text, ' ');
        }
    }
    cf_render_scalar(doc, like, value, &text);
    cf_fix_edit(f, from, node->end, text.data);
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

/* The line break ending the line before the one that holds off: where
 * that line's content stops. */
static uint32_t end_of_previous_line(const cf_doc *doc, uint32_t off)
{
    uint32_t ls = line_start_of(doc, off);
    if (ls >= 2 && doc->src[ls - 1] == '\n' && doc->src[ls - 2] == '\r')
        return ls - 2;
    return ls > 0 ? ls - 1 : 0;
}

/* A comment between from and to (YAML: JSON has none). */
static bool has_comment(const cf_doc *doc, uint32_t from, uint32_t to)
{
    return !doc->is_json && memchr(doc->src + from, '#', to - from) != NULL;
}

/* The comma that separates two elements of a flow collection: the first
 * thing after off that is not a blank, a line break or a comment; NONE
 * when that is not a comma. */
#define NONE UINT32_MAX
static uint32_t comma_after(const cf_doc *doc, uint32_t off, uint32_t limit)
{
    for (uint32_t i = off; i < limit; i++) {
        char c = doc->src[i];
        if (c == ',')
            return i;
        if (c == '#' && !doc->is_json) {
            while (i + 1 < limit && doc->src[i + 1] != '\n' && doc->src[i + 1] != '\r')
                i++;
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return NONE;
    }
    return NONE;
}

/* A removed range: one element's bytes, with a separator. */
typedef struct range {
    uint32_t from, to;
} range;

/* Block style: whole lines when the entry has its lines to itself. */
static range block_range(const cf_doc *doc, const cf_node *node)
{
    const cf_node *parent = node->parent;
    uint32_t start = entry_start(node), ls = line_start_of(doc, start);
    range r;
    r.from = only_blank(doc, ls, start, parent->kind == CF_SEQUENCE) ? ls : start;
    if (parent->kind == CF_SEQUENCE && r.from == start) {
        /* "- item": take the dash too */
        uint32_t d = start;
        while (d > ls && (doc->src[d - 1] == ' ' || doc->src[d - 1] == '\t'))
            d--;
        if (d > ls && doc->src[d - 1] == '-')
            r.from = d - 1;
    }
    r.to = rest_of_line_blank(doc, node->end) ? next_line_start(doc, node->end) : node->end;
    return r;
}

/* Flow style, an element with a kept one after it: the element and the
 * comma after it; whole lines when it has its lines to itself; a comment
 * on the lines that follow the comma stays. */
static range flow_range_forward(const cf_doc *doc, const cf_node *parent, uint32_t i)
{
    uint32_t start = element_start(parent, i), next = element_start(parent, i + 1);
    uint32_t c = comma_after(doc, element_end(parent, i), next);
    if (c == NONE)
        return (range){start, next};
    uint32_t ls = line_start_of(doc, start);
    if (only_blank(doc, ls, start, false) && rest_of_line_blank(doc, c + 1) &&
        cf_doc_pos(doc, next).line > cf_doc_pos(doc, c).line)
        return (range){ls, next_line_start(doc, c)};
    if (has_comment(doc, c + 1, next))
        return (range){start, c + 1};
    return (range){start, next};
}

/* Flow style, an element with nothing kept after it: the comma before it
 * and the element; when the element has its lines to itself, the comma
 * and those lines.  A comment between them stays: the comma goes, then
 * from the end of the comment's line to the element's end. */
static size_t flow_range_backward(const cf_doc *doc, const cf_node *parent, uint32_t i, range out[2])
{
    uint32_t prev_end = element_end(parent, i - 1), start = element_start(parent, i), end = element_end(parent, i);
    uint32_t c = comma_after(doc, prev_end, start);
    if (c == NONE) {
        out[0] = (range){prev_end, end};
        return 1;
    }
    uint32_t ls = line_start_of(doc, start);
    bool starts_line = ls > c && only_blank(doc, ls, start, false);
    /* after it on its line: blanks, perhaps the comma to the next element
     * (itself going), then nothing or a comment */
    uint32_t after = end;
    while (after < doc->len && (doc->src[after] == ' ' || doc->src[after] == '\t'))
        after++;
    if (after < doc->len && doc->src[after] == ',')
        after++;
    if (starts_line && rest_of_line_blank(doc, after) && next_line_start(doc, end) < doc->len) {
        /* its lines to itself: those lines (its comment too) and the comma */
        out[0] = (range){c, c + 1};
        out[1] = (range){ls, next_line_start(doc, end)};
        return 2;
    }
    if (starts_line && has_comment(doc, c + 1, start)) {
        out[0] = (range){c, c + 1};
        out[1] = (range){end_of_previous_line(doc, start), end};
        return 2;
    }
    out[0] = (range){c, end};
    return 1;
}

void cf_edit_delete_some(cf_fix *f, const cf_doc *doc, const cf_node *parent, const cf_node *const *nodes, size_t n)
{
    bool *gone = xcalloc(parent->len + 1, sizeof *gone);
    for (size_t k = 0; k < n; k++)
        if (nodes[k]->parent == parent && nodes[k]->index < parent->len)
            gone[nodes[k]->index] = true;
    range *rs = xcalloc(2 * (size_t)parent->len + 1, sizeof *rs);
    size_t nr = 0;
    for (uint32_t i = 0; i < parent->len; i++) {
        if (!gone[i])
            continue;
        const cf_node *node = parent->kind == CF_MAPPING ? parent->u.pairs[i].value : parent->u.items[i];
        bool kept_after = false;
        for (uint32_t j = i + 1; j < parent->len && !kept_after; j++)
            kept_after = !gone[j];
        range got[2];
        size_t ng = 1;
        if (parent->style != CF_STYLE_FLOW)
            got[0] = block_range(doc, node);
        else if (kept_after)
            got[0] = flow_range_forward(doc, parent, i);
        else if (i > 0)
            ng = flow_range_backward(doc, parent, i, got);
        else
            got[0] = (range){element_start(parent, i), element_end(parent, i)};
        for (size_t g = 0; g < ng; g++) {
            /* never into what an earlier element's range took */
            if (nr && got[g].from < rs[nr - 1].to)
                got[g].from = rs[nr - 1].to;
            if (got[g].from >= got[g].to)
                continue; /* all of it taken already */
            if (nr && got[g].from == rs[nr - 1].to)
                rs[nr - 1].to = got[g].to; /* adjacent: one edit */
            else
                rs[nr++] = got[g];
        }
        cf_fix_expect(f, CF_EXPECT_DELETE, node, NULL, NULL);
    }
    for (size_t k = 0; k < nr; k++)
        cf_fix_edit(f, rs[k].from, rs[k].to, "");
    free(rs);
    free(gone);
}

void cf_edit_delete(cf_fix *f, const cf_doc *doc, const cf_node *node)
{
    cf_edit_delete_some(f, doc, node->parent, &node, 1);
}

/* A block scalar with the keep indicator (|+, >+) owns the blank lines
 * after its text: a line added after a value ending in one goes past them. */
static uint32_t past_kept_blank_lines(const cf_doc *doc, const cf_node *value, uint32_t at)
{
    const cf_node *tail = value;
    while (tail->kind != CF_SCALAR && tail->len)
        tail = tail->kind == CF_MAPPING ? tail->u.pairs[tail->len - 1].value : tail->u.items[tail->len - 1];
    if (tail->kind != CF_SCALAR || (tail->style != CF_STYLE_LITERAL && tail->style != CF_STYLE_FOLDED))
        return at;
    bool keep = false;
    for (uint32_t p = text_start(doc, tail) + 1; p < tail->end && !strchr(" \t\r\n#", doc->src[p]); p++)
        keep |= doc->src[p] == '+';
    while (keep && at < doc->len) {
        uint32_t e = at;
        while (e < doc->len && (doc->src[e] == ' ' || doc->src[e] == '\t'))
            e++;
        if (e < doc->len && doc->src[e] != '\n' && doc->src[e] != '\r')
            break;
        at = next_line_start(doc, at);
    }
    return at;
}

/* --- writing a tree in the file's style ---------------------------------- */

/* How the file writes nested values where a tree goes. */
typedef struct tree_style {
    bool json, flow;
    uint32_t unit;       /* block: a nested mapping's indentation past its key */
    uint32_t seq_offset; /* block: a list's dashes past its key (0 or unit) */
    const char *nl;
} tree_style;

static uint32_t column_of(const cf_doc *doc, uint32_t off)
{
    return off - line_start_of(doc, off);
}

/* The column of a block list item's dash. */
static uint32_t dash_column(const cf_doc *doc, const cf_node *item)
{
    uint32_t d = item->start, ls = line_start_of(doc, d);
    while (d > ls && doc->src[d - 1] != '-')
        d--;
    return d > ls ? column_of(doc, d - 1) : column_of(doc, item->start);
}

/* The first block list under a block mapping key, depth first: how far
 * this file puts the dashes past the key. */
static bool find_seq_offset(const cf_doc *doc, const cf_node *n, uint32_t *off, int depth)
{
    if (!n || depth > 64 || n->kind == CF_SCALAR)
        return false;
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *v = n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i];
        if (n->kind == CF_MAPPING && n->style == CF_STYLE_BLOCK && v->kind == CF_SEQUENCE &&
            v->style == CF_STYLE_BLOCK && v->len && !(n->u.pairs[i].key->flags & CF_NF_TAG_KEY)) {
            uint32_t k = column_of(doc, n->u.pairs[i].key->start), dc = dash_column(doc, v->u.items[0]);
            *off = dc > k ? dc - k : 0;
            return true;
        }
        if (find_seq_offset(doc, v, off, depth + 1))
            return true;
    }
    return false;
}

/* The indentation step at a block mapping: its keys' column past the
 * enclosing block mapping's, else a nested block mapping's past its own;
 * 2 when the file does not say. */
static uint32_t indent_unit(const cf_doc *doc, const cf_node *map)
{
    if (map->kind == CF_MAPPING && map->len && map->style == CF_STYLE_BLOCK) {
        uint32_t col = column_of(doc, map->u.pairs[0].key->start);
        for (const cf_node *p = map->parent; p; p = p->parent)
            if (p->kind == CF_MAPPING && p->style == CF_STYLE_BLOCK && p->len) {
                uint32_t pc = column_of(doc, p->u.pairs[0].key->start);
                if (col > pc)
                    return col - pc;
                break;
            }
        for (uint32_t i = 0; i < map->len; i++) {
            const cf_node *v = map->u.pairs[i].value;
            if (v->kind == CF_MAPPING && v->style == CF_STYLE_BLOCK && v->len) {
                uint32_t vc = column_of(doc, v->u.pairs[0].key->start);
                if (vc > col)
                    return vc - col;
            }
        }
    }
    return 2;
}

static void spaces(cf_buf *out, uint32_t n)
{
    while (n--)
        buf_addc(out, ' ');
}

/* A tree scalar as the file writes it: strings quoted when plain would
 * read back differently, other types as their text. */
static void tree_scalar(const cf_doc *doc, const tree_style *st, const cf_tree *t, cf_buf *out)
{
    if (t->type != CF_TYPE_STR) {
        buf_adds(out, doc->is_json && t->type == CF_TYPE_NULL ? "null" : t->text);
        return;
    }
    cf_node flow_parent = {.kind = CF_MAPPING, .style = CF_STYLE_FLOW};
    cf_node shape = {.kind = CF_SCALAR, .style = (uint8_t)t->style, .parent = st->flow ? &flow_parent : NULL};
    cf_render_scalar(doc, &shape, t->text, out);
}

/* An anchor or alias in n or under it: copied, an anchor is defined twice
 * and an alias may come before its anchor. */
static bool anchors_in(const cf_doc *doc, const cf_node *n, int depth)
{
    if ((n->flags & CF_NF_ALIAS) || depth > 64)
        return true;
    for (uint32_t p = n->start; p < n->end && (doc->src[p] == '!' || doc->src[p] == '&');) {
        if (doc->src[p] == '&')
            return true;
        while (p < n->end && doc->src[p] != ' ' && doc->src[p] != '\t')
            p++;
        p = skip_space(doc->src, p, n->end);
    }
    for (uint32_t i = 0; n->kind != CF_SCALAR && i < n->len; i++)
        if (anchors_in(doc, n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i], depth + 1) ||
            (n->kind == CF_MAPPING && anchors_in(doc, n->u.pairs[i].key, depth + 1)))
            return true;
    return false;
}

/* A node of the original copied as written, its first byte landing at
 * column `col`: the lines after the first move as far as the first does
 * (their indentation is what nests them in YAML; in JSON it is looks).
 * Refused where that cannot read the same: an anchor or alias (copied,
 * an anchor is defined twice), a block collection or block scalar that
 * would start on the line of a key or dash, a line with too few blanks to
 * move left. */
static bool tree_copy(const cf_doc *doc, const tree_style *st, const cf_node *n, uint32_t col, bool own_line,
                      cf_buf *out)
{
    const char *s = doc->src + n->start;
    size_t len = n->end - n->start;
    if (anchors_in(doc, n, 0))
        return false;
    bool multi = memchr(s, '\n', len) || memchr(s, '\r', len);
    bool block = n->style == CF_STYLE_LITERAL || n->style == CF_STYLE_FOLDED ||
                 (n->kind != CF_SCALAR && n->style != CF_STYLE_FLOW && !(n->flags & CF_NF_SHORT_FORM));
    if (!st->json && block && (n->style == CF_STYLE_LITERAL || n->style == CF_STYLE_FOLDED || (!own_line && n->kind == CF_SEQUENCE)))
        return false;
    if (!st->json && n->kind == CF_SCALAR && n->style == CF_STYLE_PLAIN && n->type == CF_TYPE_STR &&
        !cf_plain_safe(n->u.str, st->flow) && !multi) {
        /* plain text that needs quotes where it goes (a comma into a flow list) */
        cf_tree str = {.kind = CF_TREE_SCALAR, .type = CF_TYPE_STR, .text = (char *)n->u.str};
        tree_scalar(doc, st, &str, out);
        return true;
    }
    if (!multi) {
        buf_add(out, s, len);
        return true;
    }
    if (st->flow && !st->json)
        return false;
    long shift = (long)col - (long)column_of(doc, n->start);
    for (size_t i = 0; i < len; i++) {
        buf_addc(out, s[i]);
        if (s[i] != '\n' && !(s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')))
            continue;
        if (shift >= 0) {
            spaces(out, (uint32_t)shift);
        } else {
            size_t k = 0;
            while (k < (size_t)-shift && i + 1 + k < len && s[i + 1 + k] == ' ')
                k++;
            bool blank = i + 1 + k >= len || s[i + 1 + k] == '\n' || s[i + 1 + k] == '\r';
            if (k < (size_t)-shift && !blank && !st->json)
                return false;
            i += k;
        }
    }
    return true;
}

static bool tree_flow(const cf_doc *doc, const tree_style *st, const cf_tree *t, cf_buf *out);

/* JSON, or YAML flow: one line.  JSON in a file that puts entries on
 * lines of their own: one entry a line, `col` the closing bracket's. */
static bool tree_inline(const cf_doc *doc, const tree_style *st, const cf_tree *t, bool lines, uint32_t col,
                        cf_buf *out)
{
    if (t->kind == CF_TREE_SCALAR) {
        tree_scalar(doc, st, t, out);
        return true;
    }
    if (t->kind == CF_TREE_NODE)
        return tree_copy(doc, st, t->node, col + (lines ? st->unit : 0), false, out);
    bool map = t->kind == CF_TREE_MAP;
    buf_addc(out, map ? '{' : '[');
    for (size_t i = 0; i < t->n; i++) {
        if (lines && t->n) {
            buf_adds(out, i ? "," : "");
            buf_adds(out, st->nl);
            spaces(out, col + st->unit);
        } else if (i) {
            buf_adds(out, ", ");
        }
        if (map) {
            cf_tree key = {.kind = CF_TREE_SCALAR, .type = CF_TYPE_STR, .text = t->keys[i]};
            tree_scalar(doc, st, &key, out);
            buf_adds(out, ": ");
        }
        if (!tree_inline(doc, st, t->items[i], lines, col + st->unit, out))
            return false;
    }
    if (lines && t->n) {
        buf_adds(out, st->nl);
        spaces(out, col);
    }
    buf_addc(out, map ? '}' : ']');
    return true;
}

static bool tree_flow(const cf_doc *doc, const tree_style *st, const cf_tree *t, cf_buf *out)
{
    return tree_inline(doc, st, t, false, 0, out);
}

/* YAML block: what follows "key:" (after_dash false) or "-" (true) whose
 * key or dash is at column `col`, from the blank after the colon or dash. */
static bool tree_block(const cf_doc *doc, const tree_style *st, const cf_tree *t, uint32_t col, bool after_dash,
                       cf_buf *out)
{
    if (t->kind == CF_TREE_NODE) {
        const cf_node *n = t->node;
        if (n->kind != CF_SCALAR && n->style != CF_STYLE_FLOW && !(n->flags & CF_NF_SHORT_FORM) && !after_dash) {
            /* a block collection: on the lines below, one step in */
            uint32_t to = col + (n->kind == CF_MAPPING ? st->unit : st->seq_offset);
            buf_adds(out, st->nl);
            spaces(out, to);
            return tree_copy(doc, st, n, to, true, out);
        }
        buf_addc(out, ' ');
        return tree_copy(doc, st, n, after_dash ? col + 2 : col, false, out);
    }
    if (t->kind == CF_TREE_SCALAR || !t->n) {
        buf_addc(out, ' ');
        return tree_flow(doc, st, t, out);
    }
    bool map = t->kind == CF_TREE_MAP;
    /* entries after a dash start on its line, two columns past it */
    uint32_t at = after_dash ? col + 2 : map ? col + st->unit : col + st->seq_offset;
    for (size_t i = 0; i < t->n; i++) {
        if (i || !after_dash) {
            buf_adds(out, st->nl);
            spaces(out, at);
        } else {
            buf_addc(out, ' ');
        }
        if (map) {
            cf_node shape = {.kind = CF_SCALAR};
            cf_render_scalar(doc, &shape, t->keys[i], out);
            buf_addc(out, ':');
        } else {
            buf_addc(out, '-');
        }
        if (!tree_block(doc, st, t->items[i], at, !map, out))
            return false;
    }
    return true;
}

static tree_style style_at(const cf_doc *doc, const cf_node *map, uint32_t near)
{
    tree_style st = {doc->is_json, !doc->is_json && map && (map->style == CF_STYLE_FLOW || in_flow_context(map)), 2,
                     2, line_break(doc, near)};
    if (map && !st.json && !st.flow)
        st.unit = indent_unit(doc, map);
    else if (map && map->len && st.json) {
        /* JSON: the entries' column past the line that opens the object */
        uint32_t kc = column_of(doc, map->u.pairs[0].key->start), oc = 0;
        for (uint32_t p = line_start_of(doc, map->start); doc->src[p] == ' ' || doc->src[p] == '\t'; p++)
            oc++;
        st.unit = kc > oc ? kc - oc : 2;
    }
    if (!st.json && !st.flow && !find_seq_offset(doc, doc->root, &st.seq_offset, 0))
        st.seq_offset = st.unit;
    return st;
}

/* --- inserting and replacing --------------------------------------------- */

bool cf_edit_insert_tree(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, cf_tree *value)
{
    cf_buf text = {0}, k = {0};
    const cf_node *last_value = map->len ? map->u.pairs[map->len - 1].value : NULL;
    cf_node key_shape = {.kind = CF_SCALAR, .parent = (cf_node *)map};
    cf_render_scalar(doc, &key_shape, key, &k);
    tree_style st = style_at(doc, map, map->len ? map->u.pairs[0].key->start : map->start);
    uint32_t at;
    bool ok;
    if (!map->len) {
        /* {} : inside the braces */
        at = map->end - 1;
        buf_printf(&text, "%s: ", k.data);
        ok = map->style == CF_STYLE_FLOW && tree_flow(doc, &st, value, &text);
    } else if (map->style == CF_STYLE_FLOW) {
        at = last_value->end;
        const cf_node *first = map->u.pairs[0].key, *lastk = map->u.pairs[map->len - 1].key;
        bool lines = cf_doc_pos(doc, first->start).line != cf_doc_pos(doc, map->start).line;
        if (lines) {
            /* one entry per line: a new line indented like the last key */
            uint32_t ls = line_start_of(doc, lastk->start);
            buf_printf(&text, ",%s%.*s%s: ", line_break(doc, lastk->start), (int)(lastk->start - ls), doc->src + ls,
                       k.data);
        } else {
            buf_printf(&text, ", %s: ", k.data);
        }
        ok = tree_inline(doc, &st, value, st.json && lines, column_of(doc, lastk->start), &text);
    } else {
        const cf_node *first = map->u.pairs[0].key;
        uint32_t ls = line_start_of(doc, first->start);
        at = next_line_start(doc, last_value->end);
        at = past_kept_blank_lines(doc, last_value, at);
        bool needs_break = at == doc->len && (at == 0 || (doc->src[at - 1] != '\n' && doc->src[at - 1] != '\r'));
        buf_adds(&text, needs_break ? st.nl : "");
        /* the siblings' indentation; a "- " before the first key is
         * indentation for the lines after it */
        for (uint32_t i = ls; i < first->start; i++)
            buf_addc(&text, doc->src[i] == '\t' ? '\t' : ' ');
        buf_printf(&text, "%s:", k.data);
        ok = tree_block(doc, &st, value, first->start - ls, false, &text);
        buf_adds(&text, needs_break ? "" : st.nl);
    }
    if (ok) {
        cf_fix_edit(f, at, at, text.data);
        cf_fix_expect_tree(f, CF_EXPECT_INSERT, map, key, value);
    } else {
        cf_tree_free(value);
    }
    buf_free(&text);
    buf_free(&k);
    return ok;
}

void cf_edit_insert(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, const char *value)
{
    const cf_node *last_value = map->len ? map->u.pairs[map->len - 1].value : NULL;
    cf_edit_insert_like(f, doc, map, key, value, last_value && last_value->kind == CF_SCALAR ? last_value : NULL);
}

void cf_edit_insert_like(cf_fix *f, const cf_doc *doc, const cf_node *map, const char *key, const char *value,
                         const cf_node *like)
{
    /* the value's quoting follows `like`; plain text checked for the place
     * it goes, not the place `like` is */
    cf_tree *t = cf_tree_str(value);
    t->style = like && like->kind == CF_SCALAR && like->style != CF_STYLE_LITERAL && like->style != CF_STYLE_FOLDED
                   ? (cf_style)like->style
                   : CF_STYLE_PLAIN;
    cf_edit_insert_tree(f, doc, map, key, t);
}

bool cf_edit_replace_tree(cf_fix *f, const cf_doc *doc, const cf_node *node, cf_tree *value)
{
    const cf_node *parent = node->parent, *key = cf_node_key(node);
    tree_style st = style_at(doc, parent, node->start);
    cf_buf text = {0};
    uint32_t from = node->start;
    bool ok = false;
    if (!parent || (parent->flags & (CF_NF_SHORT_FORM | CF_NF_DOTTED)) || (key && (key->flags & CF_NF_TAG_KEY))) {
        ok = false; /* the argument of a short-form tag: not written as an entry */
    } else if (st.json || st.flow) {
        uint32_t col = 0;
        for (uint32_t p = line_start_of(doc, node->start); doc->src[p] == ' ' || doc->src[p] == '\t'; p++)
            col++;
        bool lines = st.json && node->kind != CF_SCALAR &&
                     cf_doc_pos(doc, node->start).line != cf_doc_pos(doc, node->end).line;
        ok = tree_inline(doc, &st, value, lines, col, &text);
    } else if (key) {
        /* from just past the colon: the value may start on its own line */
        uint32_t p = key->end;
        while (p < node->start && (doc->src[p] == ' ' || doc->src[p] == '\t'))
            p++;
        if (p < node->start && doc->src[p] == ':' && !has_comment(doc, p, node->start)) {
            from = p + 1;
            ok = tree_block(doc, &st, value, column_of(doc, key->start), false, &text);
        }
    } else if (parent->kind == CF_SEQUENCE) {
        uint32_t d = node->start, ls = line_start_of(doc, d);
        while (d > ls && (doc->src[d - 1] == ' ' || doc->src[d - 1] == '\t'))
            d--;
        if (d > ls && doc->src[d - 1] == '-') {
            from = d;
            ok = tree_block(doc, &st, value, column_of(doc, d - 1), true, &text);
        }
    }
    if (ok) {
        cf_fix_edit(f, from, node->end, text.data);
        cf_fix_expect_tree(f, CF_EXPECT_REPLACE, node, NULL, value);
    } else {
        cf_tree_free(value);
    }
    buf_free(&text);
    return ok;
}
