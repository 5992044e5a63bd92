/* Values of properties per condition scenario, and IP networks as Python
 * reads them (see net_values.h). */
#include "net_values.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

bool net_scenarios_meet(cf_lint_ctx *ctx, const cf_scenario *a, const cf_scenario *b)
{
    cf_scenario s = *a;
    for (uint32_t i = 0; i < b->n; i++)
        if (!cf_scenario_set(&s, b->lit[i] >> 1, b->lit[i] & 1))
            return false;
    return cf_conds_possible(ctx->conds, &s);
}

void net_values(cf_lint_ctx *ctx, const cf_node *n, const cf_scenario *base, net_value_fn fn, void *arg)
{
    if (!n || cf_is_no_value(n)) {
        fn(ctx, NULL, base, arg);
        return;
    }
    const char *f = cf_intrinsic_name(n);
    if (!f || strcmp(f, "Fn::If")) {
        fn(ctx, n, base, arg);
        return;
    }
    const cf_node *a = n->u.pairs[0].value;
    if (a->kind != CF_SEQUENCE || a->len != 3)
        return;
    const cf_node *c = a->u.items[0];
    long ci = c->kind == CF_SCALAR && c->type == CF_TYPE_STR ? cf_conds_find(ctx->conds, c->u.str, c->len) : -1;
    for (int b = 1; b <= 2; b++) {
        cf_scenario s = *base;
        if (ci >= 0 && (!cf_scenario_set(&s, (uint32_t)ci, b == 1) || !cf_conds_possible(ctx->conds, &s)))
            continue;
        net_values(ctx, a->u.items[b], &s, fn, arg);
    }
}

/* A decimal number of ASCII digits, at most max_len long, as Python's
 * int() of an isdigit() string; -1 when not one. */
static long decimal(const char *s, size_t len, size_t max_len)
{
    if (!len || len > max_len)
        return -1;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool parse_v4(const char *s, size_t len, uint8_t *out)
{
    size_t i = 0;
    for (int k = 0; k < 4; k++) {
        size_t j = i;
        while (j < len && s[j] != '.')
            j++;
        if ((k < 3) != (j < len))
            return false;
        long v = decimal(s + i, j - i, 3);
        if (v < 0 || v > 255 || (j - i > 1 && s[i] == '0'))
            return false;
        out[k] = (uint8_t)v;
        i = j + 1;
    }
    return true;
}

bool net_cidr_parse(const cf_node *n, net_cidr *out)
{
    if (!n || n->kind != CF_SCALAR || n->type != CF_TYPE_STR)
        return false;
    const char *s = n->u.str;
    size_t len = n->len;
    if (memchr(s, '\0', len))
        return false;
    const char *slash = memchr(s, '/', len);
    size_t alen = slash ? (size_t)(slash - s) : len;
    if (slash && memchr(slash + 1, '/', len - alen - 1))
        return false;
    memset(out, 0, sizeof *out);
    int bits;
    if (parse_v4(s, alen, out->addr)) {
        out->version = 4;
        bits = 32;
    } else {
        char buf[64];
        if (alen >= sizeof buf || memchr(s, '%', alen))
            return false;
        memcpy(buf, s, alen);
        buf[alen] = 0;
        if (inet_pton(AF_INET6, buf, out->addr) != 1)
            return false;
        out->version = 6;
        bits = 128;
    }
    long p = bits;
    if (slash) {
        p = decimal(slash + 1, len - alen - 1, 64);
        if (p < 0 || p > bits)
            return false;
    }
    out->prefix = (int)p;
    for (int b = (int)p; b < bits; b++)
        if (out->addr[b / 8] & (0x80 >> (b % 8)))
            return false; /* host bits set: strict refuses */
    return true;
}

void net_cidr_text(const net_cidr *c, char *out)
{
    if (c->version == 4) {
        sprintf(out, "%u.%u.%u.%u/%d", c->addr[0], c->addr[1], c->addr[2], c->addr[3], c->prefix);
        return;
    }
    unsigned h[8];
    for (int i = 0; i < 8; i++)
        h[i] = (unsigned)c->addr[2 * i] << 8 | c->addr[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (h[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && !h[j])
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    if (best_len < 2)
        best = -1;
    char *o = out;
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            o += sprintf(o, i == 0 ? "::" : ":");
            i += best_len - 1;
            continue;
        }
        o += sprintf(o, "%x%s", h[i], i < 7 ? ":" : "");
    }
    sprintf(o, "/%d", c->prefix);
}

/* Whether a's first `bits` bits equal b's. */
static bool same_prefix(const net_cidr *a, const net_cidr *b, int bits)
{
    for (int i = 0; i < bits; i++)
        if ((a->addr[i / 8] ^ b->addr[i / 8]) & (0x80 >> (i % 8)))
            return false;
    return true;
}

bool net_cidr_within(const net_cidr *a, const net_cidr *b)
{
    return a->version == b->version && a->prefix >= b->prefix && same_prefix(a, b, b->prefix);
}

bool net_cidr_overlaps(const net_cidr *a, const net_cidr *b)
{
    return a->version == b->version && same_prefix(a, b, a->prefix < b->prefix ? a->prefix : b->prefix);
}

bool net_is_true(const cf_node *n)
{
    if (!n || n->kind != CF_SCALAR || n->type != CF_TYPE_BOOL)
        return false;
    char c = n->len ? n->u.str[0] : 'f';
    return c == 't' || c == 'T' || c == 'y' || c == 'Y' || ((c == 'o' || c == 'O') && n->len == 2);
}

/* cfn-lint's get_value_from_path: the values at path under n (NULL for
 * none), each with the conditions of the Fn::Ifs met on the way. */
void net_walk(cf_lint_ctx *ctx, const cf_node *n, const char *const *path, const cf_scenario *s, net_value_fn fn,
              void *arg)
{
    const char *f = cf_intrinsic_name(n);
    if (f) {
        if (!strcmp(f, "Fn::If")) {
            const cf_node *a = n->u.pairs[0].value;
            if (a->kind != CF_SEQUENCE || a->len != 3)
                return;
            const cf_node *c = a->u.items[0];
            long ci = c->kind == CF_SCALAR && c->type == CF_TYPE_STR ? cf_conds_find(ctx->conds, c->u.str, c->len)
                                                                   : -1;
            for (int b = 1; b <= 2; b++) {
                cf_scenario t = *s;
                if (ci >= 0 && (!cf_scenario_set(&t, (uint32_t)ci, b == 1) || !cf_conds_possible(ctx->conds, &t)))
                    continue;
                net_walk(ctx, a->u.items[b], path, &t, fn, arg);
            }
        } else if (cf_is_no_value(n)) {
            fn(ctx, NULL, s, arg);
        } else if (!*path) {
            fn(ctx, n, s, arg);
        }
        return;
    }
    if (!*path) {
        fn(ctx, n, s, arg);
        return;
    }
    if (n && n->kind == CF_SEQUENCE && !strcmp(*path, "*")) {
        for (uint32_t i = 0; i < n->len; i++)
            net_walk(ctx, n->u.items[i], path + 1, s, fn, arg);
        return;
    }
    if (!n || n->kind != CF_MAPPING) {
        fn(ctx, NULL, s, arg);
        return;
    }
    net_walk(ctx, cf_map_get(n, *path), path + 1, s, fn, arg);
}
