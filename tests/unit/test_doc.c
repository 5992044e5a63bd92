/* Loader tests: exact spans, lines and columns for tricky inputs, the
 * short forms, JSON's corner cases, and refusals of hostile input.  Every
 * YAML input is also cross-checked against libyaml's own marks. */
#include "tap.h"

#include "diag.h"
#include "doc.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static cf_doc *load(const char *name, const char *text, size_t len)
{
    char *bytes = xmalloc(len + 1);
    memcpy(bytes, text, len);
    return cf_doc_load_buffer(name, bytes, len);
}
#define LOAD(text) load(#text, text, sizeof(text) - 1)

/* Find a node by JSON pointer ("/Resources/B/0"); a trailing "#key" asks
 * for the key node of the last step. */
static const cf_node *at(const cf_doc *doc, const char *ptr)
{
    const cf_node *n = doc->root;
    bool want_key = false;
    char *copy = xstrdup(ptr);
    char *hash = strchr(copy, '#');
    if (hash) {
        *hash = '\0';
        want_key = true;
    }
    char *save = NULL;
    for (char *tok = strtok_r(copy, "/", &save); tok && n; tok = strtok_r(NULL, "/", &save)) {
        if (n->kind == CF_SEQUENCE) {
            unsigned i = (unsigned)atoi(tok);
            n = i < n->len ? n->u.items[i] : NULL;
        } else if (n->kind == CF_MAPPING) {
            cf_pair *p = cf_map_pair(n, tok);
            n = p ? (want_key && !save[0] ? p->key : p->value) : NULL;
        } else {
            n = NULL;
        }
    }
    free(copy);
    return n;
}

/* The node at ptr spans exactly `text` in the source, from line:col to
 * endline:endcol. */
static void span_is(const cf_doc *doc, const char *ptr, const char *text, unsigned line,
                    unsigned col, unsigned eline, unsigned ecol)
{
    const cf_node *n = at(doc, ptr);
    if (!ok(n != NULL, "%s: %s exists", doc->name, ptr))
        return;
    size_t len = n->end - n->start;
    bool same = !text || (len == strlen(text) && memcmp(doc->src + n->start, text, len) == 0);
    cf_pos s = cf_doc_pos(doc, n->start), e = cf_doc_pos(doc, n->end);
    ok(same, "%s: %s spans [%s]", doc->name, ptr, text ? text : "(not checked)");
    if (!same)
        diag("got [%.*s] @%u-%u", (int)len, doc->src + n->start, n->start, n->end);
    ok(s.line == line && s.col == col && e.line == eline && e.col == ecol,
       "%s: %s at %u:%u-%u:%u", doc->name, ptr, line, col, eline, ecol);
    if (s.line != line || s.col != col || e.line != eline || e.col != ecol)
        diag("got %u:%u-%u:%u", s.line, s.col, e.line, e.col);
}

static void value_is(const cf_doc *doc, const char *ptr, const char *value, cf_style style, cf_type type)
{
    const cf_node *n = at(doc, ptr);
    if (!ok(n && n->kind == CF_SCALAR, "%s: %s is a scalar", doc->name, ptr))
        return;
    ok(n->len == strlen(value) && memcmp(n->u.str, value, n->len) == 0, "%s: %s value [%s]", doc->name, ptr, value);
    ok(n->style == style, "%s: %s style %s (got %s)", doc->name, ptr, cf_style_name(style), cf_style_name((cf_style)n->style));
    ok(n->type == type, "%s: %s type %s (got %s)", doc->name, ptr, cf_type_name(type), cf_type_name((cf_type)n->type));
}

/* Structural invariants every loaded tree keeps. */
static size_t check_tree(const cf_doc *doc, const cf_node *n, const cf_node *parent, int *bad)
{
    size_t count = 1;
    if (n->parent != parent || n->start > n->end || n->end > doc->len)
        (*bad)++;
    if (!(n->flags & CF_NF_ALIAS) && parent && !(parent->flags & CF_NF_ALIAS) &&
        (n->start < parent->start || n->end > parent->end))
        (*bad)++;
    uint32_t last = n->start;
    if (n->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_node *k = n->u.pairs[i].key, *v = n->u.pairs[i].value;
            if (!(k->flags & CF_NF_KEY) || (v->flags & CF_NF_KEY))
                (*bad)++;
            if (!(k->flags & CF_NF_ALIAS) && (k->start < last || v->start < k->end))
                (*bad)++;
            last = v->end;
            count += check_tree(doc, k, n, bad) + check_tree(doc, v, n, bad);
        }
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_node *v = n->u.items[i];
            if (!(v->flags & CF_NF_ALIAS) && v->start < last)
                (*bad)++;
            last = v->end;
            count += check_tree(doc, v, n, bad);
        }
    }
    return count;
}

/* Scalars in document order, skipping what the loader synthesised. */
static void collect_scalars(const cf_node *n, const cf_node ***out, size_t *len, size_t *cap)
{
    if (n->kind == CF_SCALAR) {
        if (n->flags & CF_NF_TAG_KEY)
            return;
        GROW(*out, *cap, *len + 1);
        (*out)[(*len)++] = n;
        return;
    }
    if (n->flags & CF_NF_DOTTED) {
        GROW(*out, *cap, *len + 1);
        (*out)[(*len)++] = n;
        return;
    }
    if (n->kind == CF_MAPPING)
        for (uint32_t i = 0; i < n->len; i++) {
            collect_scalars(n->u.pairs[i].key, out, len, cap);
            collect_scalars(n->u.pairs[i].value, out, len, cap);
        }
    else
        for (uint32_t i = 0; i < n->len; i++)
            collect_scalars(n->u.items[i], out, len, cap);
}

/* libyaml's marks are what cfn-lint reports; every scalar must start on
 * the line and column libyaml gives (a tagged scalar's wrapper does). */
static void cross_check_libyaml(const cf_doc *doc)
{
    const cf_node **nodes = NULL;
    size_t n = 0, cap = 0, k = 0;
    if (doc->root)
        collect_scalars(doc->root, &nodes, &n, &cap);
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)doc->src, doc->len);
    int mismatches = 0, events = 0;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e))
            break;
        int type = e.type;
        if (type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT) {
            events++;
            const cf_node *node = k < n ? nodes[k++] : NULL;
            if (node && (node->flags & CF_NF_ALIAS) && node->kind != CF_SCALAR) {
                /* an alias of a collection: its scalars were not events */
            }
            const cf_node *placed = node;
            while (placed && placed->parent && (placed->parent->flags & CF_NF_SHORT_FORM) &&
                   !(placed->flags & CF_NF_KEY))
                placed = placed->parent;
            cf_pos pos = placed ? cf_doc_pos(doc, placed->start) : (cf_pos){0, 0};
            if (!placed || pos.line != e.start_mark.line + 1 || pos.col != e.start_mark.column + 1) {
                mismatches++;
                diag("%s: scalar %d at %u:%u, libyaml says %zu:%zu", doc->name, events, pos.line,
                     pos.col, e.start_mark.line + 1, e.start_mark.column + 1);
            }
        }
        yaml_event_delete(&e);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&p);
    free(nodes);
    ok(mismatches == 0, "%s: %d scalar positions agree with libyaml's marks", doc->name, events);
}

static void invariants(const cf_doc *doc)
{
    int bad = 0;
    size_t count = doc->root ? check_tree(doc, doc->root, NULL, &bad) : 0;
    ok(bad == 0, "%s: tree invariants hold over %zu nodes", doc->name, count);
    ok(count == doc->node_count, "%s: node count %zu matches %zu", doc->name, count, doc->node_count);
}

static void test_block_styles(void)
{
    static const char text[] =
        "# comment\n"
        "Plain: hello world   # trailing\n"
        "Single: 'it''s'\n"
        "Double: \"a\\tb\\u00e9\"\n"
        "Literal: |\n"
        "  line one\n"
        "  line two\n"
        "\n"
        "Folded: >-\n"
        "  folded\n"
        "  text\n"
        "Multi: \"spans\n"
        "  two lines\"\n"
        "Num: 14.10\n"
        "Ver: '14.10'\n"
        "Bool: yes\n"
        "Null:\n"
        "Date: 2010-09-09\n"
        "List:\n"
        "  - a\n"
        "  - b: c\n"
        "    d: e\n";
    cf_doc *doc = LOAD(text);
    ok(!doc->failed, "block: loads");
    span_is(doc, "/Plain", "hello world", 2, 8, 2, 19);
    span_is(doc, "/Plain#", "Plain", 2, 1, 2, 6);
    value_is(doc, "/Plain", "hello world", CF_STYLE_PLAIN, CF_TYPE_STR);
    span_is(doc, "/Single", "'it''s'", 3, 9, 3, 16);
    value_is(doc, "/Single", "it's", CF_STYLE_SINGLE, CF_TYPE_STR);
    span_is(doc, "/Double", "\"a\\tb\\u00e9\"", 4, 9, 4, 21);
    value_is(doc, "/Double", "a\tb\xc3\xa9", CF_STYLE_DOUBLE, CF_TYPE_STR);
    span_is(doc, "/Literal", "|\n  line one\n  line two", 5, 10, 7, 11);
    value_is(doc, "/Literal", "line one\nline two\n", CF_STYLE_LITERAL, CF_TYPE_STR);
    span_is(doc, "/Folded", ">-\n  folded\n  text", 9, 9, 11, 7);
    value_is(doc, "/Folded", "folded text", CF_STYLE_FOLDED, CF_TYPE_STR);
    span_is(doc, "/Multi", "\"spans\n  two lines\"", 12, 8, 13, 13);
    value_is(doc, "/Multi", "spans two lines", CF_STYLE_DOUBLE, CF_TYPE_STR);
    value_is(doc, "/Num", "14.10", CF_STYLE_PLAIN, CF_TYPE_FLOAT);
    value_is(doc, "/Ver", "14.10", CF_STYLE_SINGLE, CF_TYPE_STR);
    value_is(doc, "/Bool", "yes", CF_STYLE_PLAIN, CF_TYPE_BOOL);
    value_is(doc, "/Null", "", CF_STYLE_PLAIN, CF_TYPE_NULL);
    span_is(doc, "/Null", "", 17, 6, 17, 6);
    value_is(doc, "/Date", "2010-09-09", CF_STYLE_PLAIN, CF_TYPE_TIMESTAMP);
    span_is(doc, "/List", "- a\n  - b: c\n    d: e", 20, 3, 22, 9);
    span_is(doc, "/List/1", "b: c\n    d: e", 21, 5, 22, 9);
    span_is(doc, "/List/1/d", "e", 22, 8, 22, 9);
    span_is(doc, "", NULL, 2, 1, 22, 9);
    invariants(doc);
    cross_check_libyaml(doc);
    cf_doc_free(doc);
}

static void test_flow_styles(void)
{
    static const char text[] = "Map: {a: 1, 'b': [x, \"y\"], c: {}}\nSeq: [ {k: v}, [ ] ]\n";
    cf_doc *doc = LOAD(text);
    ok(!doc->failed, "flow: loads");
    span_is(doc, "/Map", "{a: 1, 'b': [x, \"y\"], c: {}}", 1, 6, 1, 34);
    span_is(doc, "/Map/b#", "'b'", 1, 13, 1, 16);
    span_is(doc, "/Map/b", "[x, \"y\"]", 1, 18, 1, 26);
    span_is(doc, "/Map/b/1", "\"y\"", 1, 22, 1, 25);
    span_is(doc, "/Map/c", "{}", 1, 31, 1, 33);
    span_is(doc, "/Seq/0", "{k: v}", 2, 8, 2, 14);
    span_is(doc, "/Seq/1", "[ ]", 2, 16, 2, 19);
    ok(at(doc, "/Map")->style == CF_STYLE_FLOW, "flow: style recorded");
    invariants(doc);
    cross_check_libyaml(doc);
    cf_doc_free(doc);
}

static void test_crlf_bom_utf8(void)
{
    static const char crlf[] = "A: x\r\nB:\r\n  - 'y'\r\n";
    cf_doc *doc = LOAD(crlf);
    span_is(doc, "/B/0", "'y'", 3, 5, 3, 8);
    ok(doc->nlines == 4, "crlf: 4 lines (got %zu)", doc->nlines);
    invariants(doc);
    cross_check_libyaml(doc);
    cf_doc_free(doc);

    static const char bom[] = "\xef\xbb\xbf" "A: x\nB: y\n";
    doc = LOAD(bom);
    ok(doc->bom == 3, "bom: detected");
    span_is(doc, "/A", "x", 1, 4, 1, 5);
    span_is(doc, "/A#", "A", 1, 1, 1, 2);
    span_is(doc, "/B", "y", 2, 4, 2, 5);
    invariants(doc);
    cross_check_libyaml(doc);
    cf_doc_free(doc);

    /* columns count characters, offsets count bytes */
    static const char utf8[] = "D\xc3\xa9j\xc3\xa0: \xe2\x82\xac\xe2\x82\xac v\nK: [\xf0\x9f\x98\x80, x]\n";
    doc = LOAD(utf8);
    const cf_node *n = at(doc, "/D\xc3\xa9j\xc3\xa0");
    ok(n && n->start == 8, "utf8: value starts at byte 8");
    span_is(doc, "/D\xc3\xa9j\xc3\xa0", "\xe2\x82\xac\xe2\x82\xac v", 1, 7, 1, 11);
    span_is(doc, "/K/1", "x", 2, 8, 2, 9);
    invariants(doc);
    cross_check_libyaml(doc);
    cf_doc_free(doc);

    static const char cr_only[] = "A: x\rB: y\r";
    doc = LOAD(cr_only);
    span_is(doc, "/B", "y", 2, 4, 2, 5);
    cross_check_libyaml(doc);
    cf_doc_free(doc);
}

static void test_short_forms(void)
{
    static const char text[] =
        "A: !Ref Bucket\n"
        "B: !GetAtt Role.Arn.Deep\n"
        "C: !Sub\n"
        "  - '${X}-y'\n"
        "  - X: !Ref Z\n"
        "D: [!GetAZs '', !Select [0, !GetAZs ]]\n"
        "E: !Base64 {\"Fn::Sub\": \"x\"}\n"
        "F: !If [Cond, !Ref AWS::NoValue, 1]\n"
        "G: !Condition IsProd\n"
        "H: !GetAtt [Role, Arn]\n"
        "I: !Equals [!Ref A, b]\n"
        "J: !Join ['', [a, !Ref B]]\n"
        "K: !Split [',', !ImportValue X]\n"
        "L: !FindInMap [M, !Ref R, k]\n"
        "M: !And [!Not [!Condition C], !Or [!Condition D, !Condition E]]\n"
        "N: !Cidr [!GetAtt V.CidrBlock, 1, 8]\n"
        "O: !Transform {Name: x}\n"
        "P: !ToJsonString {a: b}\n"
        "Q: !Length [1, 2]\n"
        "R: !GetAtt 'Role.Arn'\n"
        "S: !Foo bar\n";
    cf_doc *doc = LOAD(text);
    ok(!doc->failed, "short forms: load");
    const cf_node *a = at(doc, "/A");
    ok(a && a->kind == CF_MAPPING && (a->flags & CF_NF_SHORT_FORM) && a->len == 1, "!Ref is a one-key mapping");
    span_is(doc, "/A", "!Ref Bucket", 1, 4, 1, 15);
    span_is(doc, "/A/Ref#", "!Ref", 1, 4, 1, 8);
    span_is(doc, "/A/Ref", "Bucket", 1, 9, 1, 15);
    size_t tlen;
    const char *tag = cf_node_tag(doc, at(doc, "/A"), &tlen);
    ok(tag && tlen == 4 && !memcmp(tag, "!Ref", 4), "!Ref remembered");
    span_is(doc, "/B/Fn::GetAtt", "Role.Arn.Deep", 2, 12, 2, 25);
    span_is(doc, "/B/Fn::GetAtt/0", "Role", 2, 12, 2, 16);
    span_is(doc, "/B/Fn::GetAtt/1", "Arn.Deep", 2, 17, 2, 25);
    value_is(doc, "/B/Fn::GetAtt/1", "Arn.Deep", CF_STYLE_PLAIN, CF_TYPE_STR);
    span_is(doc, "/C/Fn::Sub", "- '${X}-y'\n  - X: !Ref Z", 4, 3, 5, 14);
    span_is(doc, "/C/Fn::Sub/1/X/Ref", "Z", 5, 13, 5, 14);
    span_is(doc, "/D/0/Fn::GetAZs", "''", 6, 13, 6, 15);
    span_is(doc, "/D/1/Fn::Select/1", "!GetAZs", 6, 29, 6, 36);
    value_is(doc, "/D/1/Fn::Select/1/Fn::GetAZs", "", CF_STYLE_PLAIN, CF_TYPE_STR);
    span_is(doc, "/E/Fn::Base64/Fn::Sub", "\"x\"", 7, 24, 7, 27);
    span_is(doc, "/E/Fn::Base64", "{\"Fn::Sub\": \"x\"}", 7, 12, 7, 28);
    span_is(doc, "/F/Fn::If/1/Ref", "AWS::NoValue", 8, 20, 8, 32);
    span_is(doc, "/G/Condition", "IsProd", 9, 15, 9, 21);
    span_is(doc, "/H/Fn::GetAtt", "[Role, Arn]", 10, 12, 10, 23);
    span_is(doc, "/M/Fn::And/1/Fn::Or/1/Condition", "E", 15, 61, 15, 62);
    span_is(doc, "/N/Fn::Cidr/0/Fn::GetAtt/1", "CidrBlock", 16, 21, 16, 30);
    ok(at(doc, "/O/Fn::Transform/Name") != NULL, "!Transform");
    ok(at(doc, "/P/Fn::ToJsonString/a") != NULL, "!ToJsonString");
    ok(at(doc, "/Q/Fn::Length/1") != NULL, "!Length");
    ok(at(doc, "/K/Fn::Split/1/Fn::ImportValue") != NULL, "!ImportValue");
    ok(at(doc, "/L/Fn::FindInMap/1/Ref") != NULL, "!FindInMap");
    ok(at(doc, "/J/Fn::Join/1/1/Ref") != NULL, "!Join");
    ok(at(doc, "/I/Fn::Equals/0/Ref") != NULL, "!Equals");
    span_is(doc, "/R/Fn::GetAtt/0", "Role", 20, 13, 20, 17);
    span_is(doc, "/R/Fn::GetAtt/1", "Arn", 20, 18, 20, 21);
    const cf_node *s = at(doc, "/S");
    ok(s && (s->flags & CF_NF_UNKNOWN_TAG) && at(doc, "/S/Fn::Foo") != NULL, "unknown tag read as Fn::Foo");
    ok(doc->nnotes == 1 && strstr(doc->notes[0].message, "!Foo"), "unknown tag reported");
    invariants(doc);
    cross_check_libyaml(doc);
    cf_doc_free(doc);
}

static void test_json(void)
{
    /* tabs between tokens, the \/ escape, a key longer than 1024 */
    cf_buf b = {0};
    buf_adds(&b, "{\n\t\"Resources\":\t{\"B\": {\"Type\": \"AWS::S3::Bucket\",\n\t\t\"Properties\": {\"BucketName\": \"a\\/b\"}}},\n\t\"");
    for (int i = 0; i < 1500; i++)
        buf_addc(&b, 'k');
    buf_adds(&b, "\": [1, -2.5e3, true, null, \"\\ud83d\\ude00\"]\n}\n");
    cf_doc *doc = load("json", b.data, b.len);
    ok(!doc->failed && doc->is_json, "json: loads as JSON%s%s", doc->err_msg ? ": " : "", doc->err_msg ? doc->err_msg : "");
    span_is(doc, "/Resources/B/Properties/BucketName", "\"a\\/b\"", 3, 32, 3, 38);
    span_is(doc, "/Resources/B/Properties/BucketName#", "\"BucketName\"", 3, 18, 3, 30);
    value_is(doc, "/Resources/B/Properties/BucketName", "a/b", CF_STYLE_DOUBLE, CF_TYPE_STR);
    span_is(doc, "/Resources", "{\"B\": {\"Type\": \"AWS::S3::Bucket\",\n\t\t\"Properties\": {\"BucketName\": \"a\\/b\"}}}", 2, 15, 3, 41);
    const cf_node *root = doc->root;
    const cf_node *list = root && root->len == 2 ? root->u.pairs[1].value : NULL;
    ok(list && list->kind == CF_SEQUENCE && list->len == 5, "json: long key loads");
    if (list && list->len == 5) {
        ok(list->u.items[0]->type == CF_TYPE_INT && list->u.items[1]->type == CF_TYPE_FLOAT &&
               list->u.items[2]->type == CF_TYPE_BOOL && list->u.items[3]->type == CF_TYPE_NULL,
           "json: scalar types");
        ok(!strcmp(list->u.items[4]->u.str, "\xf0\x9f\x98\x80"), "json: surrogate pair decoded");
    }
    invariants(doc);
    cf_doc_free(doc);
    buf_free(&b);

    static const char trailing[] = "{\"a\": [1, 2,]}";
    doc = LOAD(trailing);
    /* strict JSON refuses the comma; YAML flow style accepts it */
    ok(!doc->failed && !doc->is_json, "json: trailing comma falls back to YAML");
    cf_doc_free(doc);

    static const char broken[] = "{\n  \"a\": [1,\n";
    doc = LOAD(broken);
    cf_pos p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 3, "json: unterminated array fails at the end (line %u: %s)", p.line,
       doc->err_msg ? doc->err_msg : "");
    cf_doc_free(doc);

    static const char comment[] = "{\"a\": 1, // no\n \"b\": 2}";
    doc = load("comment.json", comment, sizeof comment - 1);
    p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 1 && p.col == 10 && strstr(doc->err_msg, "comment"),
       "json: comments refused at 1:10 (%u:%u %s)", p.line, p.col, doc->err_msg ? doc->err_msg : "");
    cf_doc_free(doc);

    static const char dup[] = "{\"a\": 1,\n \"a\": 2}";
    doc = LOAD(dup);
    p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 1 && p.col == 2 && strstr(doc->err_msg, "Duplicate") && doc->nalso == 1 &&
           cf_doc_pos(doc, doc->also[0].start).line == 2,
       "json: a duplicate key is reported at both occurrences");
    cf_doc_free(doc);
}

static void test_refusals(void)
{
    static const char dup[] = "Resources:\n  A: 1\n  B: 2\n  A: 3\n";
    cf_doc *doc = LOAD(dup);
    cf_pos p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 2 && p.col == 3 && doc->err_keyed, "duplicate key: the first occurrence (%u:%u)", p.line, p.col);
    ok(doc->err_msg && strstr(doc->err_msg, "'A'") && strstr(doc->err_msg, "(line 2)"), "each occurrence named with its own line: %s", doc->err_msg);
    ok(doc->nalso == 1 && cf_doc_pos(doc, doc->also[0].start).line == 4 && strstr(doc->also[0].message, "(line 4)"),
       "and the repeat, with its line");
    cf_doc_free(doc);

    /* a large mapping goes through the hashed duplicate check */
    cf_buf b = {0};
    for (int i = 0; i < 200; i++)
        buf_printf(&b, "k%d: %d\n", i, i);
    buf_adds(&b, "k150: again\n");
    doc = load("bigdup", b.data, b.len);
    p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 151 && doc->nalso == 1 && cf_doc_pos(doc, doc->also[0].start).line == 201,
       "duplicate in a large mapping found (lines %u and 201)", p.line);
    cf_doc_free(doc);
    buf_free(&b);

    static const char laughs[] =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
        "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
        "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    doc = LOAD(laughs);
    ok(doc->failed && strstr(doc->err_msg, "alias"), "billion laughs refused: %s", doc->err_msg ? doc->err_msg : "(loaded!)");
    ok(doc->node_count < 4 * CF_MIN_ALIAS_BUDGET, "billion laughs bounded (%zu nodes)", doc->node_count);
    cf_doc_free(doc);

    static const char alias_ok[] = "a: &x {k: v}\nb: *x\n";
    doc = LOAD(alias_ok);
    const cf_node *bx = at(doc, "/b/k");
    ok(!doc->failed && bx && cf_is_str(bx, "v") && (bx->flags & CF_NF_ALIAS), "alias copies its anchor");
    span_is(doc, "/b", "*x", 2, 4, 2, 6);
    invariants(doc);
    cf_doc_free(doc);

    b = (cf_buf){0};
    for (int i = 0; i < 5000; i++)
        buf_addc(&b, '[');
    for (int i = 0; i < 5000; i++)
        buf_addc(&b, ']');
    doc = load("deep", b.data, b.len);
    ok(doc->failed && strstr(doc->err_msg, "nested"), "deep nesting refused: %s", doc->err_msg ? doc->err_msg : "(loaded!)");
    cf_doc_free(doc);
    buf_reset(&b);
    for (int i = 0; i < 3000; i++)
        buf_adds(&b, "- ");
    buf_adds(&b, "x\n");
    doc = load("deep-yaml", b.data, b.len);
    ok(doc->failed && strstr(doc->err_msg, "nested"), "deep YAML nesting refused");
    cf_doc_free(doc);
    buf_free(&b);

    static const char two[] = "a: 1\n---\nb: 2\n";
    doc = LOAD(two);
    p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 2 && strstr(doc->err_msg, "more than one"), "multi-document refused at the second (line %u)", p.line);
    cf_doc_free(doc);

    static const char empty[] = "";
    doc = LOAD(empty);
    ok(!doc->failed && !doc->root, "empty file: no document, no error");
    cf_doc_free(doc);

    static const char comments[] = "# just a comment\n\n";
    doc = LOAD(comments);
    ok(!doc->failed && !doc->root, "comments only: no document, no error");
    cf_doc_free(doc);

    static const char bad_utf8[] = "a: b\nc: \xff\xfe\n";
    doc = LOAD(bad_utf8);
    p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 2 && strstr(doc->err_msg, "UTF-8"), "invalid UTF-8 located (%u:%u %s)", p.line, p.col, doc->err_msg ? doc->err_msg : "");
    cf_doc_free(doc);

    static const char utf16[] = "\xff\xfe" "a\0:\0 \0b\0";
    doc = load("utf16", utf16, sizeof utf16 - 1);
    ok(doc->failed && strstr(doc->err_msg, "UTF-16"), "UTF-16 refused with a way out");
    cf_doc_free(doc);

    static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0";
    doc = load("binary", binary, sizeof binary - 1);
    ok(doc->failed && doc->err_msg, "binary refused: %s", doc->err_msg ? doc->err_msg : "(loaded!)");
    cf_doc_free(doc);

    static const char indent[] = "a:\n  b: 1\n c: 2\n";
    doc = LOAD(indent);
    p = cf_doc_pos(doc, doc->err_start);
    ok(doc->failed && p.line == 3, "bad indentation located on line 3 (%u: %s)", p.line, doc->err_msg ? doc->err_msg : "");
    cf_doc_free(doc);
}

static void test_paths(void)
{
    static const char text[] = "Resources:\n  DB:\n    Properties:\n      EngineVersion: '14.7'\n      Tags: [{Key: a, Value: !Ref X}]\n";
    cf_doc *doc = LOAD(text);
    const cf_node *n = at(doc, "/Resources/DB/Properties/Tags/0/Value/Ref");
    cf_pathc path[8];
    size_t len = n ? cf_node_path(n, path, 8) : 0;
    ok(len == 7 && !strcmp(path[0].key, "Resources") && !strcmp(path[3].key, "Tags") && !path[4].key &&
           path[4].index == 0 && !strcmp(path[5].key, "Value") && !strcmp(path[6].key, "Ref"),
       "cfn-lint path through a list and a short form");
    n = at(doc, "/Resources/DB/Properties/EngineVersion#");
    len = n ? cf_node_path(n, path, 8) : 0;
    ok(len == 4 && !strcmp(path[3].key, "EngineVersion"), "a key's path ends with the key");
    cf_doc_free(doc);
}

/* YAML merge keys as PyYAML reads them: the mapping's own entries win,
 * then the first mapping of a `<<` list; the merged mapping is marked;
 * every entry, own or merged, is the mapping's child at its position
 * (cf_loc_key finds its key; paths lead through the mapping, as
 * cfn-lint's do). */
static void test_merge_keys(void)
{
    static const char text[] = "Base: &b {A: 1, B: 2}\n"
                               "M:\n"
                               "  <<: [{C: first, D: 4}, {C: second, E: 5}, *b]\n"
                               "  B: own\n"
                               "Q: {'<<': {X: 1}}\n";
    cf_doc *doc = LOAD(text);
    const cf_node *m = at(doc, "/M");
    ok(m && m->kind == CF_MAPPING && (m->flags & CF_NF_MERGED) && m->len == 5, "merged mapping has 5 entries");
    value_is(doc, "/M/B", "own", CF_STYLE_PLAIN, CF_TYPE_STR);
    value_is(doc, "/M/C", "first", CF_STYLE_PLAIN, CF_TYPE_STR);
    value_is(doc, "/M/E", "5", CF_STYLE_PLAIN, CF_TYPE_INT);
    value_is(doc, "/M/A", "1", CF_STYLE_PLAIN, CF_TYPE_INT);
    const cf_node *own = at(doc, "/M/B");
    ok(own && cf_loc_key(own) && cf_loc_key(own)->len == 1 && cf_loc_key(own)->u.str[0] == 'B' &&
           cf_loc_key(own)->start == 75,
       "an own entry's key is found from its value");
    const cf_node *merged = at(doc, "/M/C");
    ok(merged && merged->parent == m && m->u.pairs[merged->index].value == merged &&
           cf_loc_key(merged)->u.str[0] == 'C' && (merged->flags & CF_NF_MERGED_IN) && !(own->flags & CF_NF_MERGED_IN),
       "a merged entry becomes the mapping's child at its position, marked as written in the << value");
    ok(cf_map_get(m, "<<") == NULL, "the merge key itself is gone");
    const cf_node *q = at(doc, "/Q");
    ok(q && !(q->flags & CF_NF_MERGED) && cf_map_get(q, "<<") != NULL, "a quoted '<<' is an ordinary key");
    cf_doc_free(doc);

    static const char bad[] = "M:\n  <<: [x]\n";
    doc = LOAD(bad);
    ok(doc->failed && doc->err_start == 10, "a merge of a scalar is refused where it is");
    cf_doc_free(doc);
}

/* cf_doc_pos against a count from the line start, at every offset of a
 * file whose lines cross many CF_POS_BLOCK boundaries with characters of
 * 1 to 4 bytes, one of them split by a boundary, and of an ASCII file. */
static void naive_pos_agrees(const cf_doc *doc, const char *what)
{
    uint32_t line = 1, col = 1, bad = 0;
    for (uint32_t i = 0; i <= doc->len; i++) {
        cf_pos p = cf_doc_pos(doc, i);
        if ((p.line != line || p.col != col) && bad++ < 3)
            diag("%s: offset %u at %u:%u, counted %u:%u", what, i, p.line, p.col, line, col);
        if (i == doc->len)
            break;
        if (doc->src[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)doc->src[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    ok(bad == 0, "%s: every offset's line and column agree with a count from the line start", what);
}

static void test_long_lines(void)
{
    static const char *const chars[] = {"a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", " "};
    char *text = xmalloc(8 * CF_POS_BLOCK * 4 + 64);
    size_t n = 0;
    for (size_t i = 0; i < 5 * CF_POS_BLOCK; i++) {
        const char *c = i == 3 * CF_POS_BLOCK ? "\n" : chars[(i * 7) % 5];
        memcpy(text + n, c, strlen(c));
        n += strlen(c);
    }
    text[n++] = '\n';
    cf_doc *doc = load("long-utf8", text, n);
    naive_pos_agrees(doc, "long utf8 lines");
    cf_doc_free(doc);

    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] >= 0x80)
            text[i] = 'x';
    doc = load("long-ascii", text, n);
    ok(!doc->chars_before, "ascii: no character index");
    naive_pos_agrees(doc, "long ascii lines");
    cf_doc_free(doc);
    free(text);
}

int main(void)
{
    test_long_lines();
    test_block_styles();
    test_flow_styles();
    test_crlf_bom_utf8();
    test_short_forms();
    test_json();
    test_refusals();
    test_paths();
    test_merge_keys();
    return tap_done();
}
