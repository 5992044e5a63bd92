#include "json_write.h"
#include "escape.h"

static void newline(cf_buf *b, int indent, int depth)
{
    if (!indent)
        return;
    buf_addc(b, '\n');
    for (int i = 0; i < indent * depth; i++)
        buf_addc(b, ' ');
}

void cf_json_string(cf_buf *b, const char *s, size_t n)
{
    buf_addc(b, '"');
    esc_json(b, s, n);
    buf_addc(b, '"');
}

static void write_rec(cf_buf *b, const cf_node *n, int indent, int depth)
{
    if (n->kind == CF_SCALAR) {
        switch ((cf_type)n->type) {
        case CF_TYPE_NULL: buf_adds(b, "null"); return;
        case CF_TYPE_BOOL: {
            char c = n->len ? n->u.str[0] : 'f';
            buf_adds(b, (c == 't' || c == 'T' || c == 'y' || c == 'Y' || ((c == 'o' || c == 'O') && n->len == 2)) ? "true" : "false");
            return;
        }
        case CF_TYPE_INT:
        case CF_TYPE_FLOAT:
            if (n->style == CF_STYLE_PLAIN) {
                buf_add(b, n->u.str, n->len);
                return;
            }
            break;
        default:
            break;
        }
        cf_json_string(b, n->u.str, n->len);
        return;
    }
    bool map = n->kind == CF_MAPPING;
    buf_addc(b, map ? '{' : '[');
    for (uint32_t i = 0; i < n->len; i++) {
        if (i)
            buf_addc(b, ',');
        newline(b, indent, depth + 1);
        if (map) {
            const cf_node *k = n->u.pairs[i].key;
            cf_json_string(b, k->u.str, k->len);
            buf_adds(b, indent ? ": " : ":");
            write_rec(b, n->u.pairs[i].value, indent, depth + 1);
        } else {
            write_rec(b, n->u.items[i], indent, depth + 1);
        }
    }
    if (n->len)
        newline(b, indent, depth);
    buf_addc(b, map ? '}' : ']');
}

void cf_json_write(cf_buf *b, const cf_node *n, int indent)
{
    write_rec(b, n, indent, 0);
}
