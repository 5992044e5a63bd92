#include "xref.h"
#include "refs.h"
#include "util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const sym_kind_names[CF_SYM_KINDS] = {
    "parameter", "resource", "condition", "mapping", "export", "pseudo parameter",
};

static const char *const use_kind_names[] = {
    "Ref", "Fn::GetAtt", "Fn::Sub", "DependsOn", "Condition", "Fn::If", "Condition function",
    "Fn::FindInMap", "Fn::ImportValue",
};

const char *cf_sym_kind_name(cf_sym_kind k) { return k < CF_SYM_KINDS ? sym_kind_names[k] : "?"; }

const char *cf_use_kind_name(cf_use_kind k)
{
    return (size_t)k < sizeof use_kind_names / sizeof use_kind_names[0] ? use_kind_names[k] : "?";
}

typedef struct builder {
    cf_xref *x;
    const cf_template *t;
    size_t syms_cap, uses_cap;
    long owner; /* resource being walked */
    const cf_node *within;
    const char *within_kind;
} builder;

static size_t add_symbol(builder *b, cf_sym_kind kind, const char *name, size_t len, const cf_node *key,
                         const cf_node *value)
{
    cf_xref *x = b->x;
    uintptr_t known = (uintptr_t)strmap_get(&x->by_name[kind], name, len);
    if (known)
        return known - 1; /* a name defined twice: the first (E0000 says the rest) */
    GROW(x->syms, b->syms_cap, x->nsyms + 1);
    x->syms[x->nsyms] = (cf_symbol){kind, name, key, value, NULL, 0};
    strmap_put(&x->by_name[kind], name, len, (void *)(uintptr_t)(x->nsyms + 1));
    return x->nsyms++;
}

long cf_xref_find(const cf_xref *x, cf_sym_kind kind, const char *name, size_t len)
{
    if (kind >= CF_SYM_KINDS)
        return -1;
    uintptr_t i = (uintptr_t)strmap_get((strmap *)&x->by_name[kind], name, len);
    return (long)i - 1;
}

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '_';
}

/* Where the name stands in the source: a plain or quoted scalar holds its
 * text at a known offset when the bytes there say so; otherwise (escapes,
 * folded text) where it first stands as a word, or the whole scalar. */
static void name_span(const cf_template *t, const cf_node *n, const char *name, size_t len, uint32_t *start,
                      uint32_t *end)
{
    const char *src = t->doc->src;
    size_t off = (size_t)(name - n->u.str);
    uint32_t from = n->start, to = n->end;
    if (n->tag_at && n->tag_at - 1 == n->start) {
        /* skip a tag written before the scalar ("!Ref X" keeps X only) */
        while (from < to && src[from] != ' ' && src[from] != '\t')
            from++;
        while (from < to && (src[from] == ' ' || src[from] == '\t'))
            from++;
    }
    uint32_t body = from + (n->style == CF_STYLE_SINGLE || n->style == CF_STYLE_DOUBLE ? 1 : 0);
    if (body + off + len <= to && !memcmp(src + body + off, name, len)) {
        *start = body + (uint32_t)off;
        *end = *start + (uint32_t)len;
        return;
    }
    /* escapes moved it: the first place in the scalar where the name
     * stands as a word */
    for (uint32_t i = from; len && i + len <= to; i++) {
        if (memcmp(src + i, name, len))
            continue;
        bool before = i > from && word_char(src[i - 1]), after = i + len < to && word_char(src[i + len]);
        if (!before && !after) {
            *start = i;
            *end = i + (uint32_t)len;
            return;
        }
    }
    *start = from;
    *end = to;
}

static bool is_text(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* A use of `name` (len bytes of scalar n's value) if a symbol of one of
 * the kinds (tried in order) has that name; pseudo parameters are made
 * on first use. */
static void add_use(builder *b, cf_use_kind kind, const cf_node *n, const char *name, size_t len,
                    const cf_sym_kind *kinds, size_t nkinds)
{
    long sym = -1;
    for (size_t i = 0; i < nkinds && sym < 0; i++) {
        if (kinds[i] == CF_SYM_PSEUDO) {
            for (size_t p = 0; p < CF_NPSEUDO && sym < 0; p++)
                if (strlen(cf_pseudo_parameters[p]) == len && !memcmp(cf_pseudo_parameters[p], name, len))
                    sym = (long)add_symbol(b, CF_SYM_PSEUDO, cf_pseudo_parameters[p], len, NULL, NULL);
        } else {
            sym = cf_xref_find(b->x, kinds[i], name, len);
        }
    }
    if (sym < 0)
        return;
    cf_xref *x = b->x;
    GROW(x->uses, b->uses_cap, x->nuses + 1);
    cf_use *u = &x->uses[x->nuses++];
    u->kind = kind;
    u->symbol = (size_t)sym;
    u->node = n;
    u->owner = b->owner;
    u->within = b->within;
    u->within_kind = b->within_kind;
    name_span(b->t, n, name, len, &u->start, &u->end);
}

static const cf_sym_kind REF_KINDS[] = {CF_SYM_PARAMETER, CF_SYM_RESOURCE, CF_SYM_PSEUDO};
static const cf_sym_kind RESOURCE_KIND[] = {CF_SYM_RESOURCE};
static const cf_sym_kind CONDITION_KIND[] = {CF_SYM_CONDITION};
static const cf_sym_kind MAPPING_KIND[] = {CF_SYM_MAPPING};
static const cf_sym_kind EXPORT_KIND[] = {CF_SYM_EXPORT};
#define KINDS(a) a, sizeof a / sizeof a[0]

static void text_use(builder *b, cf_use_kind kind, const cf_node *n, const cf_sym_kind *kinds, size_t nkinds)
{
    if (is_text(n))
        add_use(b, kind, n, n->u.str, n->len, kinds, nkinds);
}

typedef struct sub_ctx {
    builder *b;
    const cf_node *text;
} sub_ctx;

/* ${AWS::Region} and the other pseudo parameters of an Fn::Sub string
 * (cf_sub_names reads names as cfn-lint's graph does: without them). */
static void sub_pseudo(builder *b, const cf_node *text)
{
    if (!is_text(text))
        return;
    static const cf_sym_kind pseudo[] = {CF_SYM_PSEUDO};
    const char *s = text->u.str;
    for (size_t i = 0; i + 2 < text->len; i++) {
        if (s[i] != '$' || s[i + 1] != '{' || strncmp(s + i + 2, "AWS::", 5))
            continue;
        const char *close = memchr(s + i + 2, '}', text->len - i - 2);
        if (close)
            add_use(b, CF_USE_SUB, text, s + i + 2, (size_t)(close - (s + i + 2)), KINDS(pseudo));
    }
}

static void sub_name(const char *name, size_t len, void *arg)
{
    sub_ctx *c = arg;
    const char *dot = memchr(name, '.', len);
    if (dot)
        add_use(c->b, CF_USE_SUB, c->text, name, (size_t)(dot - name), KINDS(RESOURCE_KIND));
    else
        add_use(c->b, CF_USE_SUB, c->text, name, len, KINDS(REF_KINDS));
}

static void walk(builder *b, const cf_node *n, bool in_conditions, int depth)
{
    if (!n || depth > CF_MAX_DEPTH)
        return;
    if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            walk(b, n->u.items[i], in_conditions, depth + 1);
        return;
    }
    if (n->kind != CF_MAPPING)
        return;
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *k = n->u.pairs[i].key, *v = n->u.pairs[i].value;
        const cf_node *first = v->kind == CF_SEQUENCE && v->len ? v->u.items[0] : NULL;
        if (cf_is_str(k, "Ref")) {
            text_use(b, CF_USE_REF, v, KINDS(REF_KINDS));
        } else if (cf_is_str(k, "Fn::GetAtt")) {
            if (first)
                text_use(b, CF_USE_GETATT, first, KINDS(RESOURCE_KIND));
            else if (is_text(v) && memchr(v->u.str, '.', v->len))
                add_use(b, CF_USE_GETATT, v, v->u.str, (size_t)((const char *)memchr(v->u.str, '.', v->len) - v->u.str),
                        KINDS(RESOURCE_KIND));
        } else if (cf_is_str(k, "Fn::Sub")) {
            sub_ctx c = {b, first ? first : v};
            cf_sub_names(v, sub_name, &c);
            sub_pseudo(b, c.text);
        } else if (cf_is_str(k, "Fn::If") && first) {
            text_use(b, CF_USE_IF, first, KINDS(CONDITION_KIND));
        } else if (cf_is_str(k, "Fn::FindInMap") && first) {
            text_use(b, CF_USE_FIND_IN_MAP, first, KINDS(MAPPING_KIND));
        } else if (cf_is_str(k, "Fn::ImportValue")) {
            text_use(b, CF_USE_IMPORT_VALUE, v, KINDS(EXPORT_KIND));
        } else if (in_conditions && cf_is_str(k, "Condition") && n->len == 1) {
            text_use(b, CF_USE_CONDITION_FN, v, KINDS(CONDITION_KIND));
        }
        walk(b, v, in_conditions, depth + 1);
    }
}

/* A resource's or output's attributes that name things: Condition, and
 * (resources) DependsOn; then everything below. */
static void walk_entry(builder *b, const cf_node *entry, bool resource)
{
    if (!entry || entry->kind != CF_MAPPING)
        return;
    text_use(b, CF_USE_CONDITION, cf_map_get(entry, "Condition"), KINDS(CONDITION_KIND));
    const cf_node *deps = resource ? cf_map_get(entry, "DependsOn") : NULL;
    if (deps && deps->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < deps->len; i++)
            text_use(b, CF_USE_DEPENDS_ON, deps->u.items[i], KINDS(RESOURCE_KIND));
    else
        text_use(b, CF_USE_DEPENDS_ON, deps, KINDS(RESOURCE_KIND));
    walk(b, entry, false, 1);
}

static int by_start(const void *a, const void *b)
{
    const cf_use *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

void cf_xref_build(cf_xref *x, const cf_template *t)
{
    memset(x, 0, sizeof *x);
    for (size_t k = 0; k < CF_SYM_KINDS; k++)
        strmap_init(&x->by_name[k]);
    builder b = {x, t, 0, 0, -1, NULL, NULL};
    static const struct {
        size_t offset;
        cf_sym_kind kind;
    } sections[] = {
        {offsetof(cf_template, params), CF_SYM_PARAMETER},
        {offsetof(cf_template, conds), CF_SYM_CONDITION},
        {offsetof(cf_template, maps), CF_SYM_MAPPING},
    };
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        const cf_section *sec = (const cf_section *)((const char *)t + sections[s].offset);
        for (size_t i = 0; i < sec->n; i++)
            add_symbol(&b, sections[s].kind, sec->v[i].name, sec->v[i].key->len, sec->v[i].key, sec->v[i].value);
    }
    for (size_t i = 0; i < t->nres; i++)
        add_symbol(&b, CF_SYM_RESOURCE, t->res[i].name, t->res[i].key->len, t->res[i].key, t->res[i].node);
    for (size_t i = 0; i < t->outs.n; i++) {
        const cf_node *name = cf_map_get(cf_map_get(t->outs.v[i].value, "Export"), "Name");
        if (is_text(name))
            add_symbol(&b, CF_SYM_EXPORT, name->u.str, name->len, t->outs.v[i].key, name);
    }
    /* the uses, section by section */
    b.within_kind = "condition";
    for (size_t i = 0; i < t->conds.n; i++) {
        b.within = t->conds.v[i].key;
        walk(&b, t->conds.v[i].value, true, 1);
    }
    b.within_kind = "resource";
    for (size_t i = 0; i < t->nres; i++) {
        b.owner = (long)i;
        b.within = t->res[i].key;
        walk_entry(&b, t->res[i].node, true);
    }
    b.owner = -1;
    b.within_kind = "output";
    for (size_t i = 0; i < t->outs.n; i++) {
        b.within = t->outs.v[i].key;
        walk_entry(&b, t->outs.v[i].value, false);
    }
    b.within = NULL;
    b.within_kind = NULL;
    walk(&b, cf_map_get(t->root, "Rules"), false, 1);
    walk(&b, cf_map_get(t->root, "Metadata"), false, 1);
    if (x->nuses > 1) /* qsort of NULL is undefined, even of none */
        qsort(x->uses, x->nuses, sizeof *x->uses, by_start);
    /* each symbol's uses, in document order */
    size_t *count = xcalloc(x->nsyms + 1, sizeof *count);
    for (size_t i = 0; i < x->nuses; i++)
        count[x->uses[i].symbol]++;
    for (size_t s = 0; s < x->nsyms; s++)
        x->syms[s].uses = xmalloc(sizeof(size_t) * (count[s] ? count[s] : 1));
    for (size_t i = 0; i < x->nuses; i++) {
        cf_symbol *s = &x->syms[x->uses[i].symbol];
        s->uses[s->nuses++] = i;
    }
    free(count);
}

void cf_xref_free(cf_xref *x)
{
    for (size_t s = 0; s < x->nsyms; s++)
        free(x->syms[s].uses);
    free(x->syms);
    free(x->uses);
    for (size_t k = 0; k < CF_SYM_KINDS; k++)
        strmap_free(&x->by_name[k]);
    memset(x, 0, sizeof *x);
}

long cf_xref_at(const cf_xref *x, uint32_t at, const cf_use **use)
{
    *use = NULL;
    /* the last use starting at or before `at` (uses do not overlap) */
    size_t lo = 0, hi = x->nuses;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->uses[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo && at < x->uses[lo - 1].end) {
        *use = &x->uses[lo - 1];
        return (long)x->uses[lo - 1].symbol;
    }
    for (size_t s = 0; s < x->nsyms; s++) {
        const cf_node *k = x->syms[s].key;
        if (k && x->syms[s].kind != CF_SYM_EXPORT && at >= k->start && at < k->end)
            return (long)s;
    }
    return -1;
}

long cf_xref_defined_in(const cf_xref *x, cf_sym_kind kind, uint32_t at)
{
    for (size_t s = 0; s < x->nsyms; s++) {
        const cf_symbol *sym = &x->syms[s];
        if (sym->kind != kind || !sym->key || at < sym->key->start)
            continue;
        uint32_t end = sym->value && sym->value->end > sym->key->end ? sym->value->end : sym->key->end;
        if (at < end)
            return (long)s;
    }
    return -1;
}
