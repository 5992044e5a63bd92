/* Document lifecycle, positions and tree access.  The two loaders live in
 * doc_yaml.c and doc_json.c; reading bytes from disk in readfile.c. */
#include "doc.h"
#include "doc_build.h"
#include "readfile.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void add_line(cf_doc *doc, size_t *cap, size_t start)
{
    GROW(doc->lines, *cap, doc->nlines + 1);
    doc->lines[doc->nlines++] = (uint32_t)start;
}

/* Whether any byte of s[0..n) could begin a line break other than LF. */
static bool other_breaks(const char *s, size_t n)
{
    return memchr(s, '\r', n) || memchr(s, 0xC2, n) || memchr(s, 0xE2, n);
}

/* Line starts, with the line breaks libyaml counts (so lines agree with
 * cfn-lint's): LF, CRLF, a lone CR, NEL, LINE and PARAGRAPH SEPARATOR.
 * Most files break lines with LF alone: memchr finds those far faster than
 * a byte-by-byte scan, which is kept for the files that need it. */
static void index_lines(cf_doc *doc)
{
    const unsigned char *s = (const unsigned char *)doc->src;
    size_t n = doc->len, cap = n / 32 + 16;
    doc->lines = xmalloc(cap * sizeof *doc->lines);
    doc->nlines = 0;
    add_line(doc, &cap, doc->bom);
    if (!other_breaks(doc->src + doc->bom, n - doc->bom)) {
        const char *p = doc->src + doc->bom, *end = doc->src + n;
        while ((p = memchr(p, '\n', (size_t)(end - p)))) {
            p++;
            add_line(doc, &cap, (size_t)(p - doc->src));
        }
        return;
    }
    for (size_t i = doc->bom; i < n; i++) {
        unsigned char c = s[i];
        size_t next;
        if (c == '\n')
            next = i + 1;
        else if (c == '\r')
            next = (i + 1 < n && s[i + 1] == '\n') ? (i++, i + 1) : i + 1;
        else if (c == 0xC2 && i + 1 < n && s[i + 1] == 0x85)
            next = ++i + 1;
        else if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            next = (i += 2) + 1;
        else
            continue;
        add_line(doc, &cap, next);
    }
}

/* Whether a byte starts a character (is not a UTF-8 continuation byte). */
static inline bool starts_char(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

/* The character count before every CF_POS_BLOCK-byte block (see doc.h). */
static void index_chars(cf_doc *doc)
{
    const unsigned char *s = (const unsigned char *)doc->src;
    size_t n = doc->len, i = 0;
    while (i < n && s[i] < 0x80)
        i++;
    if (i == n)
        return;
    size_t nblocks = n / CF_POS_BLOCK + 1;
    doc->chars_before = xmalloc(nblocks * sizeof *doc->chars_before);
    uint32_t count = 0;
    for (size_t b = 0; b < nblocks; b++) {
        doc->chars_before[b] = count;
        size_t end = (b + 1) * CF_POS_BLOCK < n ? (b + 1) * CF_POS_BLOCK : n;
        for (size_t j = b * CF_POS_BLOCK; j < end; j++)
            count += starts_char(s[j]);
    }
}

/* Characters in src[0..offset). */
static uint32_t chars_to(const cf_doc *doc, uint32_t offset)
{
    if (!doc->chars_before)
        return offset;
    const unsigned char *s = (const unsigned char *)doc->src;
    uint32_t b = offset / CF_POS_BLOCK, count = doc->chars_before[b];
    for (uint32_t i = b * CF_POS_BLOCK; i < offset; i++)
        count += starts_char(s[i]);
    return count;
}

size_t cf_line_break_len(const char *s, size_t i, size_t end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] == '\r')
        return i + 1 < end && u[i + 1] == '\n' ? 2 : 1;
    if (u[i] == '\n')
        return 1;
    if (u[i] == 0xC2 && i + 1 < end && u[i + 1] == 0x85)
        return 2;
    if (u[i] == 0xE2 && i + 2 < end && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
        return 3;
    return 0;
}

cf_pos cf_doc_pos(const cf_doc *doc, uint32_t offset)
{
    if (offset > doc->len)
        offset = (uint32_t)doc->len;
    /* last line starting at or before offset */
    size_t lo = 0, hi = doc->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t col = 1 + chars_to(doc, offset) - chars_to(doc, doc->lines[lo]);
    return (cf_pos){(uint32_t)lo + 1, col};
}

uint32_t cf_doc_line_start(const cf_doc *doc, uint32_t line)
{
    if (line == 0)
        return 0;
    if (line > doc->nlines)
        return (uint32_t)doc->len;
    return doc->lines[line - 1];
}

static void reset_tree(cf_doc *doc)
{
    arena_free(&doc->arena);
    arena_free(&doc->strings);
    doc->root = NULL;
    doc->node_count = 0;
    doc->failed = false;
    free(doc->err_msg);
    doc->err_msg = NULL;
    doc->err_start = doc->err_end = 0;
    doc->err_keyed = false;
    for (size_t i = 0; i < doc->nalso; i++)
        free(doc->also[i].message);
    free(doc->also);
    doc->also = NULL;
    doc->nalso = doc->also_cap = 0;
    for (size_t i = 0; i < doc->nnotes; i++)
        free(doc->notes[i].message);
    doc->nnotes = 0;
}

/* UTF-16 and UTF-32 would reach libyaml transcoded, and every byte offset
 * would then be wrong: refuse them with a way out. */
static const char *wide_encoding(const unsigned char *s, size_t n)
{
    if (n >= 4 && ((s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) ||
                   (s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)))
        return "UTF-32";
    if (n >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE)))
        return "UTF-16";
    if (n >= 4 && ((s[0] && !s[1] && s[2] && !s[3]) || (!s[0] && s[1] && !s[2] && s[3])))
        return "UTF-16";
    return NULL;
}

static bool looks_like_json(const cf_doc *doc)
{
    for (size_t i = doc->bom; i < doc->len; i++) {
        char c = doc->src[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

static void load(cf_doc *doc)
{
    const unsigned char *s = (const unsigned char *)doc->src;
    if (doc->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        doc->bom = 3;
    index_lines(doc);
    index_chars(doc);

    const char *wide = wide_encoding(s, doc->len);
    if (wide) {
        doc->failed = true;
        doc->err_msg = xasprintf("the file is %s encoded; cfnfix reads UTF-8 templates "
                                 "(convert it with: iconv -f %s -t UTF-8)", wide, wide);
        return;
    }
    if (!looks_like_json(doc)) {
        doc_load_yaml(doc);
        return;
    }
    /* JSON first: valid JSON that YAML rejects (a key over 1024 characters,
     * the \/ escape, tabs between tokens) must load.  A flow-style YAML
     * file that is not strict JSON falls back to the YAML reader; when both
     * fail, the JSON reader explains a *.json file, otherwise the reader
     * that got further does. */
    if (doc_load_json(doc) == 0) {
        doc->is_json = true;
        return;
    }
    uint32_t jstart = doc->err_start, jend = doc->err_end;
    char *jmsg = doc->err_msg;
    bool jkeyed = doc->err_keyed;
    cf_load_note *jalso = doc->also;
    size_t njalso = doc->nalso, jalso_cap = doc->also_cap;
    doc->err_msg = NULL;
    doc->also = NULL;
    doc->nalso = doc->also_cap = 0;
    reset_tree(doc);
    if (doc_load_yaml(doc) == 0) {
        free(jmsg);
        for (size_t i = 0; i < njalso; i++)
            free(jalso[i].message);
        free(jalso);
        return;
    }
    size_t nlen = strlen(doc->name);
    bool named_json = nlen >= 5 && strcmp(doc->name + nlen - 5, ".json") == 0;
    if (named_json || jstart >= doc->err_start) {
        reset_tree(doc);
        doc->failed = true;
        doc->is_json = true;
        doc->err_start = jstart;
        doc->err_end = jend;
        doc->err_msg = jmsg;
        doc->err_keyed = jkeyed;
        doc->also = jalso;
        doc->nalso = njalso;
        doc->also_cap = jalso_cap;
    } else {
        free(jmsg);
        for (size_t i = 0; i < njalso; i++)
            free(jalso[i].message);
        free(jalso);
    }
}

cf_doc *cf_doc_load_buffer(const char *name, char *bytes, size_t len)
{
    cf_doc *doc = xcalloc(1, sizeof *doc);
    doc->name = xstrdup(name);
    doc->src = bytes;
    doc->src[len] = '\0';
    doc->len = len;
    arena_init(&doc->arena);
    arena_init(&doc->strings);
    load(doc);
    return doc;
}

cf_doc *cf_doc_load_file(const char *path, cf_read_error *err)
{
    char *bytes;
    size_t len;
    if (read_whole_file(path, &bytes, &len, err->message, sizeof err->message) < 0)
        return NULL;
    return cf_doc_load_buffer(path, bytes, len);
}

void cf_doc_free(cf_doc *doc)
{
    if (!doc)
        return;
    reset_tree(doc);
    free(doc->notes);
    free(doc->lines);
    free(doc->chars_before);
    free(doc->src);
    free(doc->name);
    free(doc);
}

const char *cf_node_tag(const cf_doc *doc, const cf_node *n, size_t *len)
{
    if (!n->tag_at || n->tag_at > doc->len) {
        *len = 0;
        return NULL;
    }
    const char *s = doc->src + n->tag_at - 1, *e = s;
    while (e < doc->src + doc->len && !strchr(" \t\r\n,[]{}", *e))
        e++;
    *len = (size_t)(e - s);
    return s;
}

cf_pair *cf_map_pair_n(const cf_node *map, const char *key, size_t len)
{
    if (!map || map->kind != CF_MAPPING)
        return NULL;
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_node *k = map->u.pairs[i].key;
        /* the first byte settles most keys of the right length (both
         * strings are NUL-terminated, so it is there when len is 0) */
        if (k->len == len && k->kind == CF_SCALAR && k->u.str[0] == key[0] && memcmp(k->u.str, key, len) == 0)
            return &map->u.pairs[i];
    }
    return NULL;
}

cf_node *cf_node_key(const cf_node *value)
{
    const cf_node *m = value ? value->parent : NULL;
    if (!m || m->kind != CF_MAPPING || (value->flags & CF_NF_KEY))
        return NULL;
    return m->u.pairs[value->index].key;
}

bool cf_is_str_n(const cf_node *n, const char *s, size_t len)
{
    return n && n->kind == CF_SCALAR && n->len == len && memcmp(n->u.str, s, len) == 0;
}

const char *cf_kind_name(cf_kind k)
{
    switch (k) {
    case CF_SCALAR: return "scalar";
    case CF_MAPPING: return "mapping";
    case CF_SEQUENCE: return "sequence";
    }
    return "?";
}

const char *cf_style_name(cf_style s)
{
    static const char *const names[] = {"plain", "single", "double", "literal", "folded", "block", "flow"};
    return s <= CF_STYLE_FLOW ? names[s] : "?";
}

const char *cf_type_name(cf_type t)
{
    static const char *const names[] = {"str", "int", "float", "bool", "null", "timestamp"};
    return t <= CF_TYPE_TIMESTAMP ? names[t] : "?";
}

size_t cf_node_depth(const cf_node *n)
{
    size_t d = 0;
    for (; n && n->parent; n = n->parent)
        d++;
    return d;
}

/* One path step from n's parent to n. */
static cf_pathc step(const cf_node *n)
{
    const cf_node *p = n->parent;
    cf_pathc c = {NULL, n->index};
    if (p->kind == CF_MAPPING) {
        const cf_node *k = p->u.pairs[n->index].key;
        c.key = k->kind == CF_SCALAR ? k->u.str : "?";
    }
    return c;
}

size_t cf_node_path(const cf_node *n, cf_pathc *out, size_t max)
{
    size_t depth = cf_node_depth(n);
    for (size_t i = depth; n && n->parent; n = n->parent) {
        i--;
        if (i < max)
            out[i] = step(n);
    }
    return depth;
}
