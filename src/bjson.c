#include "bjson.h"

#include <stdio.h>
#include <string.h>

void bj_put_varint(cf_buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        unsigned char c = v & 0x7F;
        v >>= 7;
        tmp[n++] = c | (v ? 0x80 : 0);
    } while (v);
    buf_add(b, tmp, n);
}

void bj_writer_init(bj_writer *w)
{
    memset(w, 0, sizeof *w);
    strmap_init(&w->interned);
    arena_init(&w->keys);
    buf_addc(&w->strings, '\0'); /* offset 0 is never a string */
}

void bj_writer_free(bj_writer *w)
{
    buf_free(&w->strings);
    buf_free(&w->values);
    strmap_free(&w->interned);
    arena_free(&w->keys);
}

uint32_t bj_intern(bj_writer *w, const char *s, size_t n)
{
    uintptr_t found = (uintptr_t)strmap_get(&w->interned, s, n);
    if (found)
        return (uint32_t)(found - 1);
    uint32_t off = (uint32_t)w->strings.len;
    bj_put_varint(&w->strings, n);
    buf_add(&w->strings, s, n);
    buf_addc(&w->strings, '\0');
    char *key = arena_strndup(&w->keys, s, n);
    strmap_put(&w->interned, key, n, (void *)(uintptr_t)(off + 1));
    return off;
}

/* Maps whose keys are names, not keywords: prose filtering stops there. */
static bool is_name_map(const char *key)
{
    return !strcmp(key, "properties") || !strcmp(key, "definitions") ||
           !strcmp(key, "patternProperties") || !strcmp(key, "dependencies") ||
           !strcmp(key, "dependentRequired") || !strcmp(key, "dependentExcluded");
}

static void write_rec(bj_writer *w, cf_buf *out, const cf_node *n, bj_skip_fn skip, bool schema_object)
{
    if (n->kind == CF_SCALAR) {
        switch ((cf_type)n->type) {
        case CF_TYPE_NULL:
            buf_addc(out, BJ_NULL);
            return;
        case CF_TYPE_BOOL:
            buf_addc(out, n->u.str[0] == 't' ? BJ_TRUE : BJ_FALSE);
            return;
        case CF_TYPE_INT:
            buf_addc(out, BJ_INT);
            break;
        case CF_TYPE_FLOAT:
            buf_addc(out, BJ_FLOAT);
            break;
        default:
            buf_addc(out, BJ_STRING);
            break;
        }
        bj_put_varint(out, bj_intern(w, n->u.str, n->len));
        return;
    }
    /* a collection's body goes to a buffer of its own first: the header
     * carries its length */
    cf_buf body = {0};
    uint32_t count = 0;
    if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++, count++)
            write_rec(w, &body, n->u.items[i], skip, true);
    } else {
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_node *k = n->u.pairs[i].key;
            if (skip && skip(k->u.str, schema_object))
                continue;
            bj_put_varint(&body, bj_intern(w, k->u.str, k->len));
            write_rec(w, &body, n->u.pairs[i].value, skip, schema_object ? !is_name_map(k->u.str) : true);
            count++;
        }
    }
    buf_addc(out, n->kind == CF_SEQUENCE ? BJ_ARRAY : BJ_OBJECT);
    bj_put_varint(out, count);
    bj_put_varint(out, body.len);
    buf_add(out, body.data, body.len);
    buf_free(&body);
}

uint32_t bj_write(bj_writer *w, const cf_node *n, bj_skip_fn skip)
{
    uint32_t off = (uint32_t)w->values.len;
    write_rec(w, &w->values, n, skip, true);
    return off;
}

/* --- reading ---------------------------------------------------------- */

typedef struct cursor {
    const unsigned char *p, *end;
} cursor;

static bool get_varint(cursor *c, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (c->p >= c->end)
            return false;
        unsigned char b = *c->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

const char *bj_string(const bj_reader *r, uint32_t ref, size_t *len)
{
    if (ref == 0 || ref >= r->strings_len)
        return NULL;
    cursor c = {r->strings + ref, r->strings + r->strings_len};
    uint64_t n;
    if (!get_varint(&c, &n) || n >= (uint64_t)(c.end - c.p) || c.p[n] != '\0')
        return NULL;
    *len = (size_t)n;
    return (const char *)c.p;
}

typedef struct decoder {
    const bj_reader *r;
    cf_arena *a;
    char *err;
    size_t errsize;
} decoder;

static cf_node *corrupt(decoder *d, const char *what)
{
    if (!d->err[0])
        snprintf(d->err, d->errsize, "%s", what);
    return NULL;
}

static cf_node *new_node(decoder *d, cf_kind kind)
{
    cf_node *n = arena_zalloc(d->a, sizeof *n);
    n->kind = (uint8_t)kind;
    return n;
}

static cf_node *decode_rec(decoder *d, cursor *c, cf_node *parent, int depth)
{
    if (depth > 256)
        return corrupt(d, "values nested too deep");
    if (c->p >= c->end)
        return corrupt(d, "value runs past its section");
    unsigned tag = *c->p++;
    uint64_t a, len;
    cf_node *n;
    switch (tag) {
    case BJ_NULL:
    case BJ_FALSE:
    case BJ_TRUE: {
        static const char *const text[] = {"null", "false", "true"};
        n = new_node(d, CF_SCALAR);
        n->type = tag == BJ_NULL ? CF_TYPE_NULL : CF_TYPE_BOOL;
        n->u.str = text[tag];
        n->len = (uint32_t)strlen(text[tag]);
        break;
    }
    case BJ_INT:
    case BJ_FLOAT:
    case BJ_STRING: {
        size_t slen;
        const char *s;
        if (!get_varint(c, &a) || a > UINT32_MAX || !(s = bj_string(d->r, (uint32_t)a, &slen)))
            return corrupt(d, "bad string reference");
        n = new_node(d, CF_SCALAR);
        n->type = tag == BJ_INT ? CF_TYPE_INT : tag == BJ_FLOAT ? CF_TYPE_FLOAT : CF_TYPE_STR;
        n->style = tag == BJ_STRING ? CF_STYLE_DOUBLE : CF_STYLE_PLAIN;
        n->u.str = s;
        n->len = (uint32_t)slen;
        break;
    }
    case BJ_ARRAY:
    case BJ_OBJECT: {
        if (!get_varint(c, &a) || !get_varint(c, &len) || len > (uint64_t)(c->end - c->p) ||
            a > len)
            return corrupt(d, "bad collection header");
        cursor body = {c->p, c->p + len};
        c->p += len;
        n = new_node(d, tag == BJ_ARRAY ? CF_SEQUENCE : CF_MAPPING);
        n->style = CF_STYLE_FLOW;
        n->len = (uint32_t)a;
        if (tag == BJ_ARRAY) {
            n->u.items = arena_alloc(d->a, sizeof(cf_node *) * (a ? a : 1));
            for (uint32_t i = 0; i < a; i++) {
                cf_node *item = decode_rec(d, &body, n, depth + 1);
                if (!item)
                    return NULL;
                item->index = i;
                n->u.items[i] = item;
            }
        } else {
            n->u.pairs = arena_alloc(d->a, sizeof(cf_pair) * (a ? a : 1));
            for (uint32_t i = 0; i < a; i++) {
                uint64_t kref;
                size_t klen;
                const char *ks;
                if (!get_varint(&body, &kref) || kref > UINT32_MAX || !(ks = bj_string(d->r, (uint32_t)kref, &klen)))
                    return corrupt(d, "bad key reference");
                cf_node *k = new_node(d, CF_SCALAR);
                k->style = CF_STYLE_DOUBLE;
                k->flags = CF_NF_KEY;
                k->u.str = ks;
                k->len = (uint32_t)klen;
                k->parent = n;
                k->index = i;
                cf_node *v = decode_rec(d, &body, n, depth + 1);
                if (!v)
                    return NULL;
                v->index = i;
                n->u.pairs[i].key = k;
                n->u.pairs[i].value = v;
            }
        }
        if (body.p != body.end)
            return corrupt(d, "collection length does not match its contents");
        break;
    }
    default:
        return corrupt(d, "unknown value tag");
    }
    n->parent = parent;
    return n;
}

cf_node *bj_decode(const bj_reader *r, uint32_t off, cf_arena *a, char *err, size_t errsize)
{
    decoder d = {r, a, err, errsize};
    err[0] = '\0';
    if (off >= r->values_len)
        return corrupt(&d, "value offset out of bounds");
    cursor c = {r->values + off, r->values + r->values_len};
    return decode_rec(&d, &c, NULL, 0);
}
