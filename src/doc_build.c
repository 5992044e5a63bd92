#include "doc_build.h"
#include "repr.h"
#include "strmap.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bld_init(cf_builder *b, cf_doc *doc)
{
    memset(b, 0, sizeof *b);
    b->doc = doc;
}

void bld_free(cf_builder *b)
{
    free(b->stack);
    free(b->kids);
    memset(b, 0, sizeof *b);
}

int bld_fail(cf_builder *b, uint32_t start, uint32_t end, const char *fmt, ...)
{
    cf_doc *doc = b->doc;
    if (doc->failed)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    doc->err_msg = xvasprintf(fmt, ap);
    va_end(ap);
    doc->failed = true;
    doc->err_start = start;
    doc->err_end = end < start ? start : end;
    return -1;
}

void doc_add_note(cf_doc *doc, uint32_t start, uint32_t end, const char *fmt, ...)
{
    GROW(doc->notes, doc->notes_cap, doc->nnotes + 1);
    cf_load_note *n = &doc->notes[doc->nnotes++];
    va_list ap;
    va_start(ap, fmt);
    n->message = xvasprintf(fmt, ap);
    va_end(ap);
    n->start = start;
    n->end = end;
}

cf_node *bld_node(cf_builder *b, cf_kind kind, uint32_t start, uint32_t end)
{
    cf_node *n = arena_zalloc(&b->doc->arena, sizeof *n);
    n->kind = (uint8_t)kind;
    n->start = start;
    n->end = end;
    b->doc->node_count++;
    return n;
}

cf_node *bld_scalar_node(cf_builder *b, uint32_t start, uint32_t end, cf_style style,
                         cf_type type, const char *value, size_t len)
{
    cf_node *n = bld_node(b, CF_SCALAR, start, end);
    n->style = (uint8_t)style;
    n->type = (uint8_t)type;
    n->len = (uint32_t)len;
    n->u.str = arena_strndup(&b->doc->strings, value, len);
    return n;
}

static bld_frame *top(cf_builder *b)
{
    return b->depth ? &b->stack[b->depth - 1] : NULL;
}

static int link(cf_builder *b, cf_node *n)
{
    bld_frame *f = top(b);
    if (!f) {
        if (b->doc->root)
            return bld_fail(b, n->start, n->end, "more than one document");
        b->doc->root = n;
        return 0;
    }
    n->parent = f->node;
    size_t pos = b->nkids - f->kids_base;
    if (f->node->kind == CF_MAPPING) {
        if (pos % 2 == 0)
            n->flags |= CF_NF_KEY;
        pos /= 2;
    }
    n->index = (uint32_t)pos;
    GROW(b->kids, b->kids_cap, b->nkids + 1);
    b->kids[b->nkids++] = n;
    return 0;
}

static bool keys_equal(const cf_node *a, const cf_node *b)
{
    return a->kind == CF_SCALAR && b->kind == CF_SCALAR && a->len == b->len &&
           memcmp(a->u.str, b->u.str, a->len) == 0;
}

/* The first key that repeats an earlier one, or NULL.  Small mappings are
 * compared pairwise; large ones (a Resources section with thousands of
 * entries) through a hash map, so the check stays linear. */
static const cf_node *find_duplicate(cf_pair *pairs, size_t n, const cf_node **first)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (keys_equal(pairs[i].key, pairs[j].key)) {
                    *first = pairs[j].key;
                    return pairs[i].key;
                }
        return NULL;
    }
    strmap seen;
    strmap_init(&seen);
    const cf_node *dup = NULL;
    for (size_t i = 0; i < n && !dup; i++) {
        const cf_node *k = pairs[i].key;
        if (k->kind != CF_SCALAR)
            continue;
        const cf_node *earlier = strmap_get(&seen, k->u.str, k->len);
        if (earlier) {
            *first = earlier;
            dup = k;
        } else {
            strmap_put(&seen, k->u.str, k->len, (void *)k);
        }
    }
    strmap_free(&seen);
    return dup;
}

/* The keys cfn-lint names when a mapping repeats one: at the first
 * repeat, the earlier key and the repeat; at every later repeat (of any
 * key), the repeat.  Each is said with its own line and spans its key. */
static int duplicates_fail(cf_builder *b, const cf_node *map)
{
    cf_doc *doc = b->doc;
    strmap seen;
    strmap_init(&seen);
    const cf_node **said = xmalloc(sizeof *said * (map->len + 1));
    size_t nsaid = 0;
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_node *k = map->u.pairs[i].key;
        const cf_node *earlier = strmap_get(&seen, k->u.str, k->len);
        if (!earlier) {
            strmap_put(&seen, k->u.str, k->len, (void *)k);
            continue;
        }
        if (!nsaid)
            said[nsaid++] = earlier;
        said[nsaid++] = k;
    }
    strmap_free(&seen);
    for (size_t i = 0; i < nsaid; i++) {
        const cf_node *k = said[i];
        cf_buf msg = {0};
        buf_adds(&msg, "Duplicate found ");
        cf_repr_str(&msg, k->u.str, k->len);
        buf_printf(&msg, " (line %u)", cf_doc_pos(doc, k->start).line);
        uint32_t end = k->start + k->len;
        if (i == 0) {
            bld_fail(b, k->start, end, "%s", msg.data);
            doc->err_keyed = true;
        } else {
            GROW(doc->also, doc->also_cap, doc->nalso + 1);
            doc->also[doc->nalso++] = (cf_load_note){k->start, end, buf_steal(&msg)};
        }
        buf_free(&msg);
    }
    free(said);
    return -1;
}

static int close_top(cf_builder *b, uint32_t flow_end);

/* A YAML merge key: `<<` written plain, without a tag (JSON has none). */
static bool is_merge_key(const cf_node *k)
{
    return k->kind == CF_SCALAR && k->style == CF_STYLE_PLAIN && !k->tag_at && k->len == 2 &&
           !memcmp(k->u.str, "<<", 2);
}

static bool has_key(const cf_pair *pairs, size_t n, const cf_node *key)
{
    for (size_t i = 0; i < n; i++)
        if (keys_equal(pairs[i].key, key))
            return true;
    return false;
}

/* YAML's merge keys, as PyYAML (and so cfn-lint) reads them: `<<: M` or
 * `<<: [M1, M2]` adds the entries of those mappings that the mapping does
 * not set itself, an earlier mapping of the list winning over a later one.
 * CloudFormation does not read them (W1100 says so); the mapping is
 * marked for it. */
static int merge_keys(cf_builder *b, cf_node *map)
{
    size_t merges = 0;
    for (uint32_t i = 0; i < map->len; i++)
        merges += is_merge_key(map->u.pairs[i].key);
    if (!merges)
        return 0;
    size_t total = map->len;
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_pair *p = &map->u.pairs[i];
        if (!is_merge_key(p->key))
            continue;
        const cf_node *v = p->value;
        if (v->kind == CF_MAPPING) {
            total += v->len;
            continue;
        }
        for (uint32_t k = 0; v->kind == CF_SEQUENCE && k < v->len; k++)
            if (v->u.items[k]->kind == CF_MAPPING)
                total += v->u.items[k]->len;
            else
                return bld_fail(b, v->u.items[k]->start, v->u.items[k]->end,
                                "a merge key '<<' takes a mapping or a list of mappings, not a %s",
                                cf_kind_name((cf_kind)v->u.items[k]->kind));
        if (v->kind != CF_SEQUENCE)
            return bld_fail(b, v->start, v->end, "a merge key '<<' takes a mapping or a list of mappings, not a %s",
                            cf_kind_name((cf_kind)v->kind));
    }
    cf_pair *pairs = arena_alloc(&b->doc->arena, sizeof *pairs * total);
    size_t n = 0;
    for (uint32_t i = 0; i < map->len; i++)
        if (!is_merge_key(map->u.pairs[i].key)) {
            /* its own entries keep index == position (cf_loc_key reads it) */
            pairs[n] = map->u.pairs[i];
            pairs[n].key->index = pairs[n].value->index = (uint32_t)n;
            n++;
        }
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_pair *p = &map->u.pairs[i];
        if (!is_merge_key(p->key))
            continue;
        const cf_node *v = p->value;
        uint32_t nsrc = v->kind == CF_MAPPING ? 1 : v->len;
        for (uint32_t s = 0; s < nsrc; s++) {
            const cf_node *src = v->kind == CF_MAPPING ? v : v->u.items[s];
            for (uint32_t k = 0; k < src->len; k++)
                if (!has_key(pairs, n, src->u.pairs[k].key)) {
                    /* the merged entry becomes this mapping's, as in the
                     * mapping PyYAML makes: its parent and index are this
                     * mapping's (each source mapping, written inline or an
                     * alias's copy, is under this one merge key only, and
                     * leaves the tree with it), so paths and cf_node_key
                     * lead here, never into a detached node */
                    pairs[n] = src->u.pairs[k];
                    pairs[n].key->parent = pairs[n].value->parent = map;
                    pairs[n].key->flags |= CF_NF_MERGED_IN;
                    pairs[n].value->flags |= CF_NF_MERGED_IN;
                    pairs[n].key->index = pairs[n].value->index = (uint32_t)n;
                    n++;
                }
        }
    }
    map->u.pairs = pairs;
    map->len = (uint32_t)n;
    map->flags |= CF_NF_MERGED;
    return 0;
}

/* A short-form mapping closes as soon as its value is complete. */
static int child_done(cf_builder *b)
{
    bld_frame *f;
    while ((f = top(b)) && (f->node->flags & CF_NF_SHORT_FORM) && b->nkids - f->kids_base == 2)
        if (close_top(b, b->kids[b->nkids - 1]->end) < 0)
            return -1;
    return 0;
}

int bld_add(cf_builder *b, cf_node *n)
{
    if (link(b, n) < 0)
        return -1;
    return child_done(b);
}

int bld_open(cf_builder *b, cf_node *n)
{
    if (b->depth >= CF_MAX_DEPTH)
        return bld_fail(b, n->start, n->start + 1,
                        "collections are nested more than %d levels deep", CF_MAX_DEPTH);
    if (link(b, n) < 0)
        return -1;
    GROW(b->stack, b->stack_cap, b->depth + 1);
    b->stack[b->depth].node = n;
    b->stack[b->depth].kids_base = b->nkids;
    b->depth++;
    return 0;
}

static int close_top(cf_builder *b, uint32_t flow_end)
{
    bld_frame *f = top(b);
    cf_node *n = f->node;
    size_t count = b->nkids - f->kids_base;
    cf_node **kids = b->kids ? b->kids + f->kids_base : NULL;
    cf_arena *a = &b->doc->arena;

    if (n->kind == CF_MAPPING) {
        if (count % 2)
            return bld_fail(b, n->start, n->start, "mapping has a key without a value");
        for (size_t i = 0; i < count; i += 2)
            if (kids[i]->kind != CF_SCALAR)
                /* YAML allows it; a template is JSON underneath and cannot */
                return bld_fail(b, kids[i]->start, kids[i]->end,
                                "a %s used as a mapping key: template keys must be strings",
                                cf_kind_name((cf_kind)kids[i]->kind));
        n->len = (uint32_t)(count / 2);
        n->u.pairs = arena_alloc(a, sizeof(cf_pair) * (count / 2 ? count / 2 : 1));
        for (size_t i = 0; i < count / 2; i++) {
            n->u.pairs[i].key = kids[2 * i];
            n->u.pairs[i].value = kids[2 * i + 1];
        }
        if (merge_keys(b, n) < 0)
            return -1;
        const cf_node *first = NULL;
        if (find_duplicate(n->u.pairs, n->len, &first))
            return duplicates_fail(b, n);
    } else {
        n->len = (uint32_t)count;
        n->u.items = arena_alloc(a, sizeof(cf_node *) * (count ? count : 1));
        if (count)
            memcpy(n->u.items, kids, sizeof(cf_node *) * count);
    }
    /* Flow collections end after their closing bracket; block ones (and the
     * synthetic short-form and dotted nodes) end where their content does. */
    if (n->style == CF_STYLE_FLOW)
        n->end = flow_end;
    else if (count)
        n->end = kids[count - 1]->end;
    if (n->end < n->start)
        n->end = n->start;
    b->nkids = f->kids_base;
    b->depth--;
    return 0;
}

int bld_close(cf_builder *b, uint32_t flow_end)
{
    if (!top(b))
        return bld_fail(b, flow_end, flow_end, "unbalanced end of collection");
    if (close_top(b, flow_end) < 0)
        return -1;
    return child_done(b);
}

int bld_open_short_form(cf_builder *b, uint32_t node_start, uint32_t tag_start, uint32_t tag_end,
                        const char *tag, const char *long_name, bool unknown)
{
    cf_node *m = bld_node(b, CF_MAPPING, node_start, tag_end);
    m->style = CF_STYLE_BLOCK;
    m->flags = CF_NF_SHORT_FORM | (unknown ? CF_NF_UNKNOWN_TAG : 0);
    m->tag_at = tag_start + 1;
    (void)tag;
    if (bld_open(b, m) < 0)
        return -1;
    cf_node *k = bld_scalar_node(b, tag_start, tag_end, CF_STYLE_PLAIN, CF_TYPE_STR, long_name,
                                 strlen(long_name));
    k->flags |= CF_NF_TAG_KEY;
    return link(b, k);
}
