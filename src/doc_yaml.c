/* YAML through libyaml's event API into the document tree.
 *
 * libyaml marks count characters (not bytes) and exclude a leading BOM; a
 * cursor turns them into byte offsets in the original buffer as the events
 * arrive (marks only move forward, so this is linear). */
#include "doc_build.h"
#include "doc_tags.h"
#include "scalar.h"
#include "strmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct yaml_loader {
    cf_builder b;
    cf_doc *doc;
    size_t char_index, byte_offset; /* the mark cursor */
    strmap anchors;                 /* anchor name -> completed node */
    char **anchor_names;            /* owned copies of the names, to free */
    size_t nanchor_names, anchor_names_cap;
    size_t alias_copied;            /* nodes copied by aliases so far */
    size_t documents;
} yaml_loader;

/* How many bytes from s[i] up to s[end] are ASCII: one character each. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t end)
{
    size_t from = i;
    while (i < end && s[i] < 0x80)
        i++;
    return i - from;
}

static uint32_t mark_offset(yaml_loader *l, const yaml_mark_t *m)
{
    const unsigned char *s = (const unsigned char *)l->doc->src;
    size_t n = l->doc->len, base = l->doc->bom;
    while (l->char_index < m->index && l->byte_offset < n) {
        size_t want = m->index - l->char_index;
        size_t run = ascii_run(s, l->byte_offset, n - l->byte_offset < want ? n : l->byte_offset + want);
        l->byte_offset += run;
        l->char_index += run;
        if (l->char_index < m->index && l->byte_offset < n) {
            l->byte_offset += utf8_len(s[l->byte_offset]);
            l->char_index++;
        }
    }
    while (l->char_index > m->index && l->byte_offset > base) {
        do
            l->byte_offset--;
        while (l->byte_offset > base && (s[l->byte_offset] & 0xC0) == 0x80);
        l->char_index--;
    }
    return (uint32_t)(l->byte_offset > n ? n : l->byte_offset);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Skip a node's properties (tag, anchor), the blanks and comments after
 * them; returns where the node's own content starts and, when a tag was
 * written, the tag's extent. */
static uint32_t skip_properties(const cf_doc *doc, uint32_t p, uint32_t limit, uint32_t *tag_start,
                                uint32_t *tag_end)
{
    const char *s = doc->src;
    *tag_start = *tag_end = p;
    while (p < limit && (s[p] == '!' || s[p] == '&')) {
        uint32_t q = p;
        while (q < limit && !is_space(s[q]) && !cf_line_break_len(s, q, limit) && !(q > p && strchr(",[]{}", s[q])))
            q++;
        if (s[p] == '!') {
            *tag_start = p;
            *tag_end = q;
        }
        p = q;
        for (;;) {
            while (p < limit && (is_space(s[p]) || cf_line_break_len(s, p, limit)))
                p += cf_line_break_len(s, p, limit) ? (uint32_t)cf_line_break_len(s, p, limit) : 1;
            if (p < limit && s[p] == '#') {
                while (p < limit && !cf_line_break_len(s, p, limit))
                    p++;
                continue;
            }
            break;
        }
    }
    return p > limit ? limit : p;
}

/* A block scalar's end mark lies past its trailing line breaks (at the next
 * token); a node should end where its text does. */
static uint32_t block_scalar_end(const cf_doc *doc, uint32_t start, uint32_t end)
{
    const unsigned char *s = (const unsigned char *)doc->src;
    uint32_t e = end;
    for (;;) { /* back over blanks and line breaks, NEL, LS and PS too */
        if (e > start && is_space((char)s[e - 1]))
            e--;
        else if (e >= start + 2 && s[e - 2] == 0xC2 && s[e - 1] == 0x85)
            e -= 2;
        else if (e >= start + 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && (s[e - 1] == 0xA8 || s[e - 1] == 0xA9))
            e -= 3;
        else
            break;
    }
    while (e < end && (s[e] == ' ' || s[e] == '\t'))
        e++;
    return e;
}

static cf_style scalar_style(yaml_scalar_style_t s)
{
    switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return CF_STYLE_SINGLE;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return CF_STYLE_DOUBLE;
    case YAML_LITERAL_SCALAR_STYLE: return CF_STYLE_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE: return CF_STYLE_FOLDED;
    default: return CF_STYLE_PLAIN;
    }
}

/* Deep copy for an alias, marked as such; spans stay those of the anchor. */
static cf_node *copy_tree(yaml_loader *l, const cf_node *src, cf_node *parent)
{
    cf_arena *a = &l->doc->arena;
    cf_node *n = arena_alloc(a, sizeof *n);
    *n = *src;
    n->parent = parent;
    n->flags |= CF_NF_ALIAS;
    l->doc->node_count++;
    if (src->kind == CF_MAPPING) {
        n->u.pairs = arena_alloc(a, sizeof(cf_pair) * (src->len ? src->len : 1));
        for (uint32_t i = 0; i < src->len; i++) {
            n->u.pairs[i].key = copy_tree(l, src->u.pairs[i].key, n);
            n->u.pairs[i].value = copy_tree(l, src->u.pairs[i].value, n);
        }
    } else if (src->kind == CF_SEQUENCE) {
        n->u.items = arena_alloc(a, sizeof(cf_node *) * (src->len ? src->len : 1));
        for (uint32_t i = 0; i < src->len; i++)
            n->u.items[i] = copy_tree(l, src->u.items[i], n);
    }
    return n;
}

/* Nodes in a subtree, counting no further than limit, and how many
 * collections deep it nests (a scalar: 0).  The recursion is bounded: an
 * anchored node was built within CF_MAX_DEPTH. */
static size_t tree_size(const cf_node *n, size_t limit, size_t *height)
{
    size_t total = 1, below = 0, h;
    if (n->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < n->len && total <= limit; i++) {
            total += tree_size(n->u.pairs[i].key, limit - total, &h);
            total += tree_size(n->u.pairs[i].value, limit > total ? limit - total : 0, &h);
            below = h > below ? h : below;
        }
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len && total <= limit; i++) {
            total += tree_size(n->u.items[i], limit - total, &h);
            below = h > below ? h : below;
        }
    }
    *height = n->kind == CF_SCALAR ? 0 : below + 1;
    return total;
}

static void remember_anchor(yaml_loader *l, const yaml_char_t *anchor, cf_node *n)
{
    if (!anchor)
        return;
    GROW(l->anchor_names, l->anchor_names_cap, l->nanchor_names + 1);
    char *name = xstrdup((const char *)anchor);
    l->anchor_names[l->nanchor_names++] = name;
    strmap_put(&l->anchors, name, strlen(name), n);
}

static int on_alias(yaml_loader *l, const yaml_event_t *e)
{
    uint32_t start = mark_offset(l, &e->start_mark), end = mark_offset(l, &e->end_mark);
    const char *name = (const char *)e->data.alias.anchor;
    cf_node *target = strmap_get(&l->anchors, name, strlen(name));
    if (!target)
        return bld_fail(&l->b, start, end,
                        "alias '*%s' refers to no anchor defined before it (or to a node that "
                        "contains the alias)", name);
    /* Aliases may copy at most as many nodes as the file itself holds (and
     * a floor for small files): a "billion laughs" file stops here instead
     * of growing exponentially. */
    size_t budget = l->doc->node_count > CF_MIN_ALIAS_BUDGET ? l->doc->node_count : CF_MIN_ALIAS_BUDGET;
    size_t left = budget > l->alias_copied ? budget - l->alias_copied : 0;
    size_t height;
    size_t size = tree_size(target, left + 1, &height);
    if (size > left)
        return bld_fail(&l->b, start, end,
                        "alias '*%s' expands the document beyond %zu copied nodes "
                        "(a YAML alias bomb?)", name, budget);
    /* The copy nests as deep as its anchor does, below where the alias
     * stands: the same bound as for collections written out, so every walk
     * over the tree may rely on it (anchors holding aliases of anchors
     * would otherwise multiply the depth). */
    if (l->b.depth + height > CF_MAX_DEPTH)
        return bld_fail(&l->b, start, end,
                        "alias '*%s' nests collections more than %d levels deep where it is "
                        "used (%zu levels in the anchor, %zu around the alias)",
                        name, CF_MAX_DEPTH, height, l->b.depth);
    l->alias_copied += size;
    cf_node *copy = copy_tree(l, target, NULL);
    copy->flags &= (uint8_t)~CF_NF_KEY;
    copy->start = start;
    copy->end = end;
    return bld_add(&l->b, copy);
}

/* Handle a node's tag: a CloudFormation short form (or an unknown local tag,
 * which cfn-lint reads as Fn::<name>) opens a short-form mapping. */
static int open_tag(yaml_loader *l, const char *tag, uint32_t start, uint32_t tag_start,
                    uint32_t tag_end, bool *wrapped)
{
    *wrapped = false;
    if (!tag || cf_tag_is_standard(tag))
        return 0;
    const char *long_name = cf_tag_long_form(tag);
    if (long_name) {
        *wrapped = true;
        return bld_open_short_form(&l->b, start, tag_start, tag_end, tag, long_name, false);
    }
    if (tag[0] == '!' && tag[1]) {
        char *name = xasprintf("Fn::%s", tag + 1);
        doc_add_note(l->doc, tag_start, tag_end, "Unknown tag '%s' (read as '%s')", tag, name);
        *wrapped = true;
        int r = bld_open_short_form(&l->b, start, tag_start, tag_end, tag, name, true);
        free(name);
        return r;
    }
    doc_add_note(l->doc, tag_start, tag_end, "Unknown tag '%s' (ignored)", tag);
    return 0;
}

/* `!GetAtt A.B.C` is [A, B.C]; each part gets its own span when the source
 * text is the value as written (plain, or quoted without escapes). */
static int add_dotted_getatt(yaml_loader *l, uint32_t vstart, uint32_t vend, cf_style style,
                             const char *value, size_t len)
{
    cf_builder *b = &l->b;
    cf_node *seq = bld_node(b, CF_SEQUENCE, vstart, vend);
    seq->style = (uint8_t)style;
    seq->flags |= CF_NF_DOTTED;
    if (bld_open(b, seq) < 0)
        return -1;
    uint32_t text = vstart, text_end = vend;
    if (style == CF_STYLE_SINGLE || style == CF_STYLE_DOUBLE) {
        text++;
        text_end--;
    }
    bool exact = text_end >= text && text_end - text == len && memcmp(l->doc->src + text, value, len) == 0;
    const char *dot = memchr(value, '.', len);
    size_t first = dot ? (size_t)(dot - value) : len;
    uint32_t s1 = exact ? text : vstart, e1 = exact ? text + (uint32_t)first : vend;
    if (bld_add(b, bld_scalar_node(b, s1, e1, style, CF_TYPE_STR, value, first)) < 0)
        return -1;
    if (dot) {
        uint32_t s2 = exact ? text + (uint32_t)first + 1 : vstart, e2 = exact ? text_end : vend;
        if (bld_add(b, bld_scalar_node(b, s2, e2, style, CF_TYPE_STR, dot + 1, len - first - 1)) < 0)
            return -1;
    }
    return bld_close(b, vend);
}

static int on_scalar(yaml_loader *l, const yaml_event_t *e)
{
    cf_doc *doc = l->doc;
    uint32_t start = mark_offset(l, &e->start_mark), end = mark_offset(l, &e->end_mark);
    const char *tag = (const char *)e->data.scalar.tag;
    const char *value = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    cf_style style = scalar_style(e->data.scalar.style);
    if (style == CF_STYLE_LITERAL || style == CF_STYLE_FOLDED)
        end = block_scalar_end(doc, start, end);

    uint32_t tag_start = start, tag_end = start, vstart = start;
    if (tag || e->data.scalar.anchor)
        vstart = skip_properties(doc, start, end, &tag_start, &tag_end);
    bool wrapped;
    if (open_tag(l, tag, start, tag_start, tag_end, &wrapped) < 0)
        return -1;

    cf_node *wrapper = wrapped ? l->b.stack[l->b.depth - 1].node : NULL;
    if (wrapped && strcmp(tag, "!GetAtt") == 0 && len < UINT32_MAX) {
        if (add_dotted_getatt(l, vstart, end, style, value, len) < 0)
            return -1;
        remember_anchor(l, e->data.scalar.anchor, wrapper);
        return 0;
    }

    cf_type type = CF_TYPE_STR;
    int forced = tag ? cf_type_of_tag(tag) : -1;
    if (forced >= 0)
        type = (cf_type)forced;
    else if (style == CF_STYLE_PLAIN && !wrapped && !tag)
        type = cf_resolve_plain(value, len);
    if (len >= UINT32_MAX)
        return bld_fail(&l->b, start, end, "scalar too long");
    cf_node *n = bld_scalar_node(&l->b, wrapped ? vstart : start, end, style, type, value, len);
    if (tag && !wrapped)
        n->tag_at = tag_start + 1;
    if (bld_add(&l->b, n) < 0)
        return -1;
    remember_anchor(l, e->data.scalar.anchor, wrapper ? wrapper : n);
    return 0;
}

/* Anchors on collections are registered when the collection completes, so
 * an alias inside its own anchor (a recursive structure) is refused. */
typedef struct pending_anchor {
    char *name;
    cf_node *closing; /* the collection whose end completes the anchored node */
    cf_node *named;   /* what the anchor names: the short-form mapping if tagged */
} pending_anchor;

static int on_collection_start(yaml_loader *l, const yaml_event_t *e, cf_kind kind,
                               pending_anchor *anchor_out)
{
    cf_doc *doc = l->doc;
    uint32_t start = mark_offset(l, &e->start_mark);
    const char *tag;
    const yaml_char_t *anchor;
    bool flow;
    if (kind == CF_MAPPING) {
        tag = (const char *)e->data.mapping_start.tag;
        anchor = e->data.mapping_start.anchor;
        flow = e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    } else {
        tag = (const char *)e->data.sequence_start.tag;
        anchor = e->data.sequence_start.anchor;
        flow = e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    }
    uint32_t tag_start = start, tag_end = start, vstart = start;
    if (tag || anchor)
        vstart = skip_properties(doc, start, (uint32_t)doc->len, &tag_start, &tag_end);
    bool wrapped;
    if (open_tag(l, tag, start, tag_start, tag_end, &wrapped) < 0)
        return -1;
    cf_node *wrapper = wrapped ? l->b.stack[l->b.depth - 1].node : NULL;
    cf_node *n = bld_node(&l->b, kind, vstart, vstart);
    n->style = flow ? CF_STYLE_FLOW : CF_STYLE_BLOCK;
    if (tag && !wrapped)
        n->tag_at = tag_start + 1;
    if (bld_open(&l->b, n) < 0)
        return -1;
    if (anchor) {
        anchor_out->name = xstrdup((const char *)anchor);
        anchor_out->closing = n;
        anchor_out->named = wrapper ? wrapper : n;
    }
    return 0;
}

static const char *plain_hint(const char *problem)
{
    static const struct {
        const char *problem, *hint;
    } hints[] = {
        {"mapping values are not allowed", "quote a value that contains ': ', or check the indentation"},
        {"did not find expected key", "a line in this mapping is indented wrongly, or a key is missing"},
        {"did not find expected node content", "a value is missing or malformed here"},
        {"did not find expected ',' or ']'", "a [ ... ] list is not closed, or lacks a comma"},
        {"did not find expected ',' or '}'", "a { ... } mapping is not closed, or lacks a comma"},
        {"did not find expected '-' indicator", "a list item is indented wrongly"},
        {"found character that cannot start any token", "this character cannot start a value (a tab used for indentation, or a stray '@' or '`'?)"},
        {"found a tab character", "indent YAML with spaces, not tabs"},
        {"found unknown escape character", "unknown escape sequence in a double-quoted string"},
        {"found unexpected end of stream", "a quoted string or flow collection is not closed"},
        {"could not find expected ':'", "a key is missing its ':', or a quoted string spans lines"},
        {"control characters are not allowed", "the file contains control characters (is it binary?)"},
        {"invalid leading UTF-8 octet", "the file is not valid UTF-8"},
        {"invalid trailing UTF-8 octet", "the file is not valid UTF-8"},
        {"incomplete UTF-8 octet sequence", "the file is not valid UTF-8"},
        {"invalid Unicode character", "the file contains an invalid Unicode character"},
        {"block sequence entries are not allowed", "a '- ' list item appears where a value on the same line was expected"},
        {"found unexpected ':'", "quote a value that contains ':'"},
        {"expected <document start>", "unexpected content after the end of the document"},
        {"found undefined tag handle", "a tag uses a %TAG handle that is not declared"},
    };
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
        if (strstr(problem, hints[i].problem))
            return hints[i].hint;
    return NULL;
}

static int parse_error(yaml_loader *l, const yaml_parser_t *p)
{
    uint32_t at;
    if (p->error == YAML_READER_ERROR) {
        at = (uint32_t)(p->problem_offset > l->doc->len ? l->doc->len : p->problem_offset);
    } else {
        yaml_mark_t m = p->problem_mark;
        if (m.index == 0 && m.line == 0 && m.column == 0 && p->context)
            m = p->context_mark;
        at = mark_offset(l, &m);
    }
    const char *problem = p->problem ? p->problem : "unknown YAML error";
    const char *hint = plain_hint(problem);
    if (p->error == YAML_MEMORY_ERROR)
        return bld_fail(&l->b, at, at, "out of memory while parsing");
    cf_buf msg = {0};
    buf_adds(&msg, problem);
    if (p->context) {
        buf_addc(&msg, ' ');
        buf_adds(&msg, p->context);
        if (p->context_mark.line < p->problem_mark.line)
            buf_printf(&msg, " (started on line %zu)", p->context_mark.line + 1);
    }
    if (hint) {
        buf_adds(&msg, ": ");
        buf_adds(&msg, hint);
    }
    int r = bld_fail(&l->b, at, at + 1 <= l->doc->len ? at + 1 : at, "%s", msg.data);
    buf_free(&msg);
    return r;
}

int doc_load_yaml(cf_doc *doc)
{
    yaml_loader l;
    memset(&l, 0, sizeof l);
    l.doc = doc;
    l.byte_offset = doc->bom;
    bld_init(&l.b, doc);
    strmap_init(&l.anchors);
    pending_anchor *pending = NULL;
    size_t npending = 0, pending_cap = 0;

    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)doc->src, doc->len);

    int rc = 0;
    bool done = false;
    while (!done && rc == 0) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            rc = parse_error(&l, &parser);
            break;
        }
        switch (e.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++l.documents > 1) {
                uint32_t at = mark_offset(&l, &e.start_mark);
                rc = bld_fail(&l.b, at, at,
                              "the file holds more than one YAML document (a second one starts "
                              "here); a template is a single document");
            }
            break;
        case YAML_SCALAR_EVENT:
            rc = on_scalar(&l, &e);
            break;
        case YAML_ALIAS_EVENT:
            rc = on_alias(&l, &e);
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            pending_anchor a = {NULL, NULL, NULL};
            rc = on_collection_start(&l, &e, e.type == YAML_MAPPING_START_EVENT ? CF_MAPPING : CF_SEQUENCE, &a);
            if (a.name) {
                GROW(pending, pending_cap, npending + 1);
                pending[npending++] = a;
            }
            break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
            cf_node *closing = l.b.depth ? l.b.stack[l.b.depth - 1].node : NULL;
            rc = bld_close(&l.b, mark_offset(&l, &e.end_mark));
            if (rc == 0 && npending && pending[npending - 1].closing == closing) {
                pending_anchor *a = &pending[--npending];
                GROW(l.anchor_names, l.anchor_names_cap, l.nanchor_names + 1);
                l.anchor_names[l.nanchor_names++] = a->name;
                strmap_put(&l.anchors, a->name, strlen(a->name), a->named);
            }
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i < npending; i++)
        free(pending[i].name);
    free(pending);
    for (size_t i = 0; i < l.nanchor_names; i++)
        free(l.anchor_names[i]);
    free(l.anchor_names);
    strmap_free(&l.anchors);
    bld_free(&l.b);
    if (rc < 0)
        doc->root = NULL;
    return rc;
}
