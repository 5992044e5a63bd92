#include "escape.h"

#include <string.h>

bool esc_unsafe_cp(unsigned cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

void esc_text(cf_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (i < n && p[i] >= 0x20 && p[i] < 0x7F)
            i++;
        buf_add(b, s + run, i - run);
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '\n': buf_adds(b, "\\n"); break;
            case '\t': buf_adds(b, "\\t"); break;
            case '\r': buf_adds(b, "\\r"); break;
            default: buf_printf(b, "\\x%02x", c);
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
        if (esc_unsafe_cp(cp))
            buf_printf(b, "\\u%04x", cp);
        else
            buf_add(b, s + i, (size_t)len);
        i += (size_t)len;
    }
}

void esc_texts(cf_buf *b, const char *s)
{
    esc_text(b, s, strlen(s));
}

void esc_json(cf_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (i < n && p[i] >= 0x20 && p[i] < 0x7F && p[i] != '\\' && p[i] != '"')
            i++;
        buf_add(b, s + run, i - run);
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '"': buf_adds(b, "\\\""); break;
            case '\\': buf_adds(b, "\\\\"); break;
            case '\n': buf_adds(b, "\\n"); break;
            case '\t': buf_adds(b, "\\t"); break;
            case '\r': buf_adds(b, "\\r"); break;
            case '\b': buf_adds(b, "\\b"); break;
            case '\f': buf_adds(b, "\\f"); break;
            default: buf_printf(b, "\\u%04x", c);
            }
            i++;
            continue;
        }
        int len = utf8_valid_seq(p + i, n - i);
        if (!len) {
            buf_adds(b, "\\ufffd");
            i++;
            continue;
        }
        unsigned cp = utf8_decode(p + i, len);
        if (esc_unsafe_cp(cp))
            buf_printf(b, "\\u%04x", cp);
        else
            buf_add(b, s + i, (size_t)len);
        i += (size_t)len;
    }
}

void esc_jsons(cf_buf *b, const char *s)
{
    esc_json(b, s, strlen(s));
}
