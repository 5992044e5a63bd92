/* The patch writer: every edit builder in YAML block style, YAML flow style
 * and JSON, with the exact bytes it produces, the verification of the
 * result, and the refusal of patches that would not read as intended. */
#include "tap.h"

#include "doc.h"
#include "edit.h"
#include "patch.h"
#include "util.h"
#include "verify.h"

#include <stdlib.h>
#include <string.h>

static cf_doc *load(const char *name, const char *text)
{
    size_t n = strlen(text);
    char *bytes = xmalloc(n + 1);
    memcpy(bytes, text, n);
    return cf_doc_load_buffer(name, bytes, n);
}

/* Find a node by a JSON pointer; "#" at the end asks for the key. */
static const cf_node *at(const cf_doc *doc, const char *ptr)
{
    const cf_node *n = doc->root;
    char *copy = xstrdup(ptr), *save = NULL;
    bool want_key = false;
    char *hash = strchr(copy, '#');
    if (hash) {
        *hash = '\0';
        want_key = true;
    }
    for (char *tok = strtok_r(copy, "/", &save); tok && n; tok = strtok_r(NULL, "/", &save)) {
        if (n->kind == CF_SEQUENCE) {
            unsigned i = (unsigned)atoi(tok);
            n = i < n->len ? n->u.items[i] : NULL;
        } else {
            cf_pair *p = cf_map_pair(n, tok);
            n = p ? (want_key && !save[0] ? p->key : p->value) : NULL;
        }
    }
    free(copy);
    return n;
}

/* Apply one fix; check the result's bytes and that it verifies (or not). */
static void check(const char *name, cf_doc *doc, cf_fix *f, const char *want, bool should_verify)
{
    cf_patch p = {0};
    ok(cf_patch_add_fix(&p, f), "%s: edits do not conflict", name);
    cf_buf out = {0};
    cf_patch_apply(&p, doc->src, doc->len, &out);
    if (want) {
        bool same = out.len == strlen(want) && !memcmp(out.data, want, out.len);
        ok(same, "%s: result bytes", name);
        if (!same)
            diag("got:\n%s\nwanted:\n%s", out.data ? out.data : "", want);
    }
    char *bytes = xmalloc(out.len + 1);
    memcpy(bytes, out.data ? out.data : "", out.len);
    cf_doc *patched = cf_doc_load_buffer(name, bytes, out.len);
    char err[512] = "";
    int r = cf_patch_verify(doc, patched, &p, err, sizeof err);
    ok(should_verify ? r == 0 : r < 0, "%s: %s (%s)", name, should_verify ? "verifies" : "is refused", err[0] ? err : "no complaint");
    /* every byte outside the edits is the original's */
    size_t o = 0, q = 0;
    bool untouched = true;
    for (size_t i = 0; i < f->nedits; i++) {
        size_t keep = f->edits[i].start - o;
        untouched &= q + keep <= out.len && !memcmp(doc->src + o, out.data + q, keep);
        q += keep + strlen(f->edits[i].text);
        o = f->edits[i].end;
    }
    untouched &= out.len - q == doc->len - o && !memcmp(doc->src + o, out.data + q, doc->len - o);
    ok(untouched, "%s: bytes outside the edits unchanged", name);
    cf_doc_free(patched);
    buf_free(&out);
    cf_patch_free(&p);
    cf_fix_free(f);
    free(f);
}

static void test_replace_scalar(void)
{
    static const char block[] = "DB:\r\n  EngineVersion: '14.7'  # pinned\r\n  Other: \"x\"\r\n";
    cf_doc *doc = load("block.yaml", block);
    cf_fix *f = cf_fix_new("bump", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/DB/EngineVersion"), "14.15");
    check("single quotes kept, CRLF and comment intact", doc, f,
          "DB:\r\n  EngineVersion: '14.15'  # pinned\r\n  Other: \"x\"\r\n", true);
    f = cf_fix_new("dq", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/DB/Other"), "say \"hi\"\\");
    check("double quotes escape", doc, f, "DB:\r\n  EngineVersion: '14.7'  # pinned\r\n  Other: \"say \\\"hi\\\"\\\\\"\r\n", true);
    f = cf_fix_new("sq", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/DB/EngineVersion"), "it's");
    check("single quotes double up", doc, f, "DB:\r\n  EngineVersion: 'it''s'  # pinned\r\n  Other: \"x\"\r\n", true);
    cf_doc_free(doc);

    static const char plain[] = "A: 14.7\nB: x\nC: [a, b]\n";
    doc = load("plain.yaml", plain);
    const char *needs_quotes[] = {"14.10", "true", "null", "0x1F", "*star", "&amp", "!bang", "%pct", "a: b", "a #b", ""};
    for (size_t i = 0; i < sizeof needs_quotes / sizeof needs_quotes[0]; i++) {
        f = cf_fix_new("quote", CF_FIX_SAFE);
        cf_edit_scalar(f, doc, at(doc, "/B"), needs_quotes[i]);
        char want[128];
        snprintf(want, sizeof want, "A: 14.7\nB: '%s'\nC: [a, b]\n", needs_quotes[i]);
        char name[64];
        snprintf(name, sizeof name, "plain '%s' gets quotes", needs_quotes[i]);
        check(name, doc, f, want, true);
    }
    f = cf_fix_new("plain", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/B"), "python3.14");
    check("plain stays plain when it reads back the same", doc, f, "A: 14.7\nB: python3.14\nC: [a, b]\n", true);
    f = cf_fix_new("flow", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/C/1"), "x,y");
    check("a comma in a flow list needs quotes", doc, f, "A: 14.7\nB: x\nC: [a, 'x,y']\n", true);
    f = cf_fix_new("key", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/B#"), "Bee");
    check("a key is renamed in place", doc, f, "A: 14.7\nBee: x\nC: [a, b]\n", true);
    cf_doc_free(doc);

    static const char json[] = "{\n  \"DB\": {\"EngineVersion\": \"14.7\", \"N\": 14.10}\n}\n";
    doc = load("t.json", json);
    f = cf_fix_new("json", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/DB/EngineVersion"), "14.15\t\"x\"");
    check("JSON strings are JSON-escaped", doc, f, "{\n  \"DB\": {\"EngineVersion\": \"14.15\\t\\\"x\\\"\", \"N\": 14.10}\n}\n", true);
    f = cf_fix_new("json quote", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/DB/N"), "14.10");
    check("a JSON number becomes a string", doc, f, "{\n  \"DB\": {\"EngineVersion\": \"14.7\", \"N\": \"14.10\"}\n}\n", true);
    cf_doc_free(doc);

    static const char tags[] = "A: !GetAtt Role.Arn\nB: !Ref Old\n";
    doc = load("tags.yaml", tags);
    f = cf_fix_new("getatt", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/A/Fn::GetAtt/0"), "Role2");
    check("a dotted GetAtt part is edited inside the scalar", doc, f, "A: !GetAtt Role2.Arn\nB: !Ref Old\n", true);
    f = cf_fix_new("ref", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/B/Ref"), "New");
    check("a short-form value keeps its tag", doc, f, "A: !GetAtt Role.Arn\nB: !Ref New\n", true);
    cf_doc_free(doc);

    /* a block scalar under its key, at the key's indentation: a flow
     * scalar there would read as a new key, so it moves up to the colon */
    static const char blocks[] = "R:\n  K:\n  >\n    folded\n  L: |\n    kept\n  N: 1\n";
    doc = load("blocks.yaml", blocks);
    f = cf_fix_new("low block", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/R/K"), "14.10");
    check("a block scalar at its key's indentation moves up to the key", doc, f,
          "R:\n  K: '14.10'\n  L: |\n    kept\n  N: 1\n", true);
    cf_doc_free(doc);
    static const char commented[] = "R:\r  K:  # why\r  # and\r\r  >\r    folded\r  N: 1\r";
    doc = load("commented.yaml", commented);
    f = cf_fix_new("commented block", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/R/K"), "v");
    check("comments between the key and its low block scalar stay", doc, f,
          "R:\r  K: 'v'  # why\r  # and\r\r  N: 1\r", true);
    cf_doc_free(doc);
    static const char tagged[] = "A: !Base64\n>\n  text\nB: 1\n";
    doc = load("tagged.yaml", tagged);
    f = cf_fix_new("tagged block", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/A/Fn::Base64"), "v");
    check("a block scalar below its short-form tag moves up to the tag", doc, f, "A: !Base64 'v'\nB: 1\n", true);
    cf_doc_free(doc);
    static const char items[] = "L:\n- a\n-\n  # c\n>\n  text\n- b\n";
    doc = load("items.yaml", items);
    f = cf_fix_new("item", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/L/1"), "v");
    check("a block scalar below its list dash moves up to it", doc, f, "L:\n- a\n- 'v'\n  # c\n- b\n", true);
    cf_doc_free(doc);
    static const char nel[] = "K:\xc2\x85# c\xc2\x85>\xc2\x85 x\xc2\x85N: 1\xc2\x85";
    doc = load("nel.yaml", nel);
    f = cf_fix_new("nel", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/K"), "v");
    check("NEL line breaks count as line breaks", doc, f, "K: 'v'\xc2\x85# c\xc2\x85N: 1\xc2\x85", true);
    cf_doc_free(doc);
    static const char nel_tag[] = "K: !!str\xc2\x85>\xc2\x85 x\xc2\x85N: 1\xc2\x85";
    doc = load("nel-tag.yaml", nel_tag);
    f = cf_fix_new("nel tag", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/K"), "v");
    check("a tag ends at a NEL", doc, f, "K: !!str 'v'\xc2\x85N: 1\xc2\x85", true);
    cf_doc_free(doc);
    static const char own_tag[] = "A: !!str\n>\n  text\nB: &b\n  # c\n|\n  t\n";
    doc = load("own-tag.yaml", own_tag);
    f = cf_fix_new("own tag", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/A"), "v");
    check("a block scalar below its own tag moves up to it", doc, f, "A: !!str 'v'\nB: &b\n  # c\n|\n  t\n", true);
    f = cf_fix_new("own anchor", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/B"), "w");
    check("a block scalar below its anchor and a comment moves up to it", doc, f,
          "A: !!str\n>\n  text\nB: &b 'w'\n  # c\n", true);
    cf_doc_free(doc);
    doc = load("blocks.yaml", blocks);
    f = cf_fix_new("block", CF_FIX_SAFE);
    cf_edit_scalar(f, doc, at(doc, "/R/L"), "new");
    check("a block scalar after its key is replaced in place", doc, f,
          "R:\n  K:\n  >\n    folded\n  L: 'new'\n  N: 1\n", true);
    cf_doc_free(doc);

    /* a whole Fn::Sub replaced by its string */
    static const char sub[] = "A: !Sub 'x'  # c\nB:\n  Fn::Sub: y\nC:   # why\n  Fn::Sub: z\nD: {E: {Fn::Sub: 'a,b'}}\n";
    doc = load("sub.yaml", sub);
    f = cf_fix_new("short", CF_FIX_SAFE);
    cf_edit_replace_with_scalar(f, doc, at(doc, "/A"), at(doc, "/A/Fn::Sub"), "x");
    check("!Sub 'x' becomes 'x', the comment stays", doc, f,
          "A: 'x'  # c\nB:\n  Fn::Sub: y\nC:   # why\n  Fn::Sub: z\nD: {E: {Fn::Sub: 'a,b'}}\n", true);
    f = cf_fix_new("long", CF_FIX_SAFE);
    cf_edit_replace_with_scalar(f, doc, at(doc, "/B"), at(doc, "/B/Fn::Sub"), "y");
    check("the long form under its key moves up next to the key", doc, f,
          "A: !Sub 'x'  # c\nB: y\nC:   # why\n  Fn::Sub: z\nD: {E: {Fn::Sub: 'a,b'}}\n", true);
    f = cf_fix_new("commented", CF_FIX_SAFE);
    cf_edit_replace_with_scalar(f, doc, at(doc, "/C"), at(doc, "/C/Fn::Sub"), "z");
    check("with a comment after the key it stays on its line", doc, f,
          "A: !Sub 'x'  # c\nB:\n  Fn::Sub: y\nC:   # why\n  z\nD: {E: {Fn::Sub: 'a,b'}}\n", true);
    f = cf_fix_new("flow", CF_FIX_SAFE);
    cf_edit_replace_with_scalar(f, doc, at(doc, "/D/E"), at(doc, "/D/E/Fn::Sub"), "a,b");
    check("in a flow mapping the quotes stay", doc, f,
          "A: !Sub 'x'  # c\nB:\n  Fn::Sub: y\nC:   # why\n  Fn::Sub: z\nD: {E: 'a,b'}\n", true);
    cf_doc_free(doc);
}

static void test_delete(void)
{
    static const char block[] =
        "R:\n"
        "  DependsOn:\n"
        "    - A   # first\n"
        "    - B\n"
        "  Properties:\n"
        "    X: 1\n"
        "    Y: 2  # trailing\n"
        "    Z: 3\n";
    cf_doc *doc = load("block.yaml", block);
    cf_fix *f = cf_fix_new("item", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn/0"));
    check("a block list item takes its line", doc, f,
          "R:\n  DependsOn:\n    - B\n  Properties:\n    X: 1\n    Y: 2  # trailing\n    Z: 3\n", true);
    f = cf_fix_new("pair", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/Properties/Y"));
    check("a block entry takes its line and comment", doc, f,
          "R:\n  DependsOn:\n    - A   # first\n    - B\n  Properties:\n    X: 1\n    Z: 3\n", true);
    f = cf_fix_new("whole key", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn"));
    check("a key with a block value takes all its lines", doc, f,
          "R:\n  Properties:\n    X: 1\n    Y: 2  # trailing\n    Z: 3\n", true);
    f = cf_fix_new("last", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/Properties/Z"));
    check("the last entry of the file", doc, f,
          "R:\n  DependsOn:\n    - A   # first\n    - B\n  Properties:\n    X: 1\n    Y: 2  # trailing\n", true);
    cf_doc_free(doc);

    static const char flow[] = "R: {DependsOn: [A, B, C], Y: 1}\n";
    doc = load("flow.yaml", flow);
    f = cf_fix_new("first", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn/0"));
    check("flow: first element and its comma", doc, f, "R: {DependsOn: [B, C], Y: 1}\n", true);
    f = cf_fix_new("last", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn/2"));
    check("flow: last element and the comma before", doc, f, "R: {DependsOn: [A, B], Y: 1}\n", true);
    f = cf_fix_new("pair", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/Y"));
    check("flow: last pair", doc, f, "R: {DependsOn: [A, B, C]}\n", true);
    cf_doc_free(doc);

    static const char json[] = "{\n    \"R\": {\n        \"DependsOn\": [\"A\", \"B\"],\n        \"Type\": \"T\"\n    }\n}\n";
    doc = load("t.json", json);
    f = cf_fix_new("json pair", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn"));
    check("JSON: a pair and its comma", doc, f, "{\n    \"R\": {\n        \"Type\": \"T\"\n    }\n}\n", true);
    f = cf_fix_new("json item", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn/1"));
    check("JSON: the last item", doc, f, "{\n    \"R\": {\n        \"DependsOn\": [\"A\"],\n        \"Type\": \"T\"\n    }\n}\n", true);
    cf_doc_free(doc);

    /* JSON, one pair a line: the pair's line goes, the next line stays */
    static const char lines[] = "{\n  \"R\": {\n    \"A\": 1,\n    \"B\": 2,\n    \"C\": 3\n  }\n}\n";
    doc = load("lines.json", lines);
    f = cf_fix_new("own line", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/A"));
    check("JSON: a pair with its line to itself takes the line", doc, f,
          "{\n  \"R\": {\n    \"B\": 2,\n    \"C\": 3\n  }\n}\n", true);
    f = cf_fix_new("last line", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/C"));
    check("JSON: the last pair takes the comma before it", doc, f,
          "{\n  \"R\": {\n    \"A\": 1,\n    \"B\": 2\n  }\n}\n", true);
    cf_doc_free(doc);

    /* a flow mapping over lines: a comment before the last entry stays */
    static const char commented[] = "R: {\n  A: 1,  # about A\n  B: 2\n}\n";
    doc = load("commented.yaml", commented);
    f = cf_fix_new("last", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/B"));
    check("flow: the comma goes, the comment after it stays", doc, f, "R: {\n  A: 1  # about A\n}\n", true);
    f = cf_fix_new("first", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/A"));
    check("flow: an entry with its line to itself takes the line and its comment", doc, f, "R: {\n  B: 2\n}\n", true);
    cf_doc_free(doc);

    /* several items of one list in one fix: no edits that overlap */
    static const char many[] = "R: {DependsOn: [A, B, C, D], Y: 1}\n";
    doc = load("many.yaml", many);
    const cf_node *gone[3] = {at(doc, "/R/DependsOn/2"), at(doc, "/R/DependsOn/3")};
    f = cf_fix_new("last two", CF_FIX_UNSAFE);
    cf_edit_delete_some(f, doc, at(doc, "/R/DependsOn"), gone, 2);
    check("flow: the last two neighbours", doc, f, "R: {DependsOn: [A, B], Y: 1}\n", true);
    gone[0] = at(doc, "/R/DependsOn/0");
    gone[1] = at(doc, "/R/DependsOn/1");
    f = cf_fix_new("first two", CF_FIX_UNSAFE);
    cf_edit_delete_some(f, doc, at(doc, "/R/DependsOn"), gone, 2);
    check("flow: the first two neighbours", doc, f, "R: {DependsOn: [C, D], Y: 1}\n", true);
    gone[0] = at(doc, "/R/DependsOn/1");
    gone[1] = at(doc, "/R/DependsOn/2");
    gone[2] = at(doc, "/R/DependsOn/3");
    f = cf_fix_new("all but the first", CF_FIX_UNSAFE);
    cf_edit_delete_some(f, doc, at(doc, "/R/DependsOn"), gone, 3);
    check("flow: all but the first", doc, f, "R: {DependsOn: [A], Y: 1}\n", true);
    cf_doc_free(doc);
    static const char many_block[] = "R:\n  DependsOn:\n    - A\n    - B  # b\n    - C\n  Y: 1\n";
    doc = load("many.yaml", many_block);
    gone[0] = at(doc, "/R/DependsOn/1");
    gone[1] = at(doc, "/R/DependsOn/2");
    f = cf_fix_new("block two", CF_FIX_UNSAFE);
    cf_edit_delete_some(f, doc, at(doc, "/R/DependsOn"), gone, 2);
    check("block: two items, their lines", doc, f, "R:\n  DependsOn:\n    - A\n  Y: 1\n", true);
    cf_doc_free(doc);

    /* deleting the only item of a block list would leave a null: refused */
    static const char only[] = "R:\n  DependsOn:\n    - A\n  Type: T\n";
    doc = load("only.yaml", only);
    f = cf_fix_new("only", CF_FIX_UNSAFE);
    cf_edit_delete(f, doc, at(doc, "/R/DependsOn/0"));
    check("emptying a block list reads as null: refused", doc, f, NULL, false);
    cf_doc_free(doc);
}

static void test_insert(void)
{
    static const char block[] = "Bucket:\n  Type: AWS::S3::Bucket\n  DeletionPolicy: Retain\n  Properties: {}\n";
    cf_doc *doc = load("block.yaml", block);
    cf_fix *f = cf_fix_new("add", CF_FIX_SAFE);
    cf_edit_insert(f, doc, at(doc, "/Bucket"), "UpdateReplacePolicy", "Retain");
    check("block: a new line indented like its siblings", doc, f,
          "Bucket:\n  Type: AWS::S3::Bucket\n  DeletionPolicy: Retain\n  Properties: {}\n  UpdateReplacePolicy: Retain\n", true);
    cf_doc_free(doc);

    static const char noeol[] = "- Key: a\n  Value: b";
    doc = load("noeol.yaml", noeol);
    f = cf_fix_new("add", CF_FIX_SAFE);
    cf_edit_insert(f, doc, at(doc, "/0"), "Extra", "14.10");
    check("block: at the end of a file without a final line break, in a list item", doc, f,
          "- Key: a\n  Value: b\n  Extra: '14.10'", true);
    cf_doc_free(doc);

    static const char flow[] = "B: {Type: T, DeletionPolicy: Delete}\nE: {}\n";
    doc = load("flow.yaml", flow);
    f = cf_fix_new("add", CF_FIX_SAFE);
    cf_edit_insert(f, doc, at(doc, "/B"), "UpdateReplacePolicy", "Delete");
    check("flow: a comma and the pair", doc, f, "B: {Type: T, DeletionPolicy: Delete, UpdateReplacePolicy: Delete}\nE: {}\n", true);
    f = cf_fix_new("empty", CF_FIX_SAFE);
    cf_edit_insert(f, doc, at(doc, "/E"), "k", "v");
    check("flow: into an empty mapping", doc, f, "B: {Type: T, DeletionPolicy: Delete}\nE: {k: v}\n", true);
    cf_doc_free(doc);

    /* the value quoted like the sibling it copies; past a |+ scalar's blank lines */
    static const char like[] = "B:\n  DeletionPolicy: \"Retain\"\n  Metadata:\n    Doc: |+\n      text\n\n  # next\nC: 1\n";
    doc = load("like.yaml", like);
    f = cf_fix_new("like", CF_FIX_SAFE);
    cf_edit_insert_like(f, doc, at(doc, "/B"), "UpdateReplacePolicy", "Retain", at(doc, "/B/DeletionPolicy"));
    check("block: quoted like the sibling, after the blank lines |+ keeps", doc, f,
          "B:\n  DeletionPolicy: \"Retain\"\n  Metadata:\n    Doc: |+\n      text\n\n  UpdateReplacePolicy: \"Retain\"\n  # next\nC: 1\n",
          true);
    cf_doc_free(doc);

    static const char json[] = "{\n  \"B\": {\n    \"Type\": \"T\",\n    \"DeletionPolicy\": \"Retain\"\n  }\n}\n";
    doc = load("t.json", json);
    f = cf_fix_new("add", CF_FIX_SAFE);
    cf_edit_insert(f, doc, at(doc, "/B"), "UpdateReplacePolicy", "Retain");
    check("JSON: a new line like the last key's", doc, f,
          "{\n  \"B\": {\n    \"Type\": \"T\",\n    \"DeletionPolicy\": \"Retain\",\n    \"UpdateReplacePolicy\": \"Retain\"\n  }\n}\n", true);
    cf_doc_free(doc);
}

/* A Key/Value tag entry: {Key: k, Value: <the node v>}. */
static cf_tree *tag(const char *k, const cf_node *v)
{
    return cf_tree_put(cf_tree_put(cf_tree_map(), "Key", cf_tree_str(k)), "Value", cf_tree_node(v));
}

static void test_insert_tree(void)
{
    /* block: a mapping and a list under a new key, at the siblings' step
     * (4 here) and with the file's dashes (at the key's column here) */
    static const char block[] = "R:\n    Type: T\n    Properties:\n        L:\n        - a\n        V: !Ref P\n";
    cf_doc *doc = load("block.yaml", block);
    cf_fix *f = cf_fix_new("add", CF_FIX_UNSAFE);
    cf_tree *t = cf_tree_put(cf_tree_list(), NULL, tag("Name", at(doc, "/R/Properties/V")));
    cf_tree_put(t, NULL, cf_tree_put(cf_tree_map(), "Key", cf_tree_str("14.10")));
    ok(cf_edit_insert_tree(f, doc, at(doc, "/R/Properties"), "Tags", t), "block: a list of mappings can be written");
    check("block: a list of mappings, nodes copied, quotes where needed", doc, f,
          "R:\n    Type: T\n    Properties:\n        L:\n        - a\n        V: !Ref P\n        Tags:\n        - Key: Name\n"
          "          Value: !Ref P\n        - Key: '14.10'\n",
          true);
    f = cf_fix_new("noecho", CF_FIX_UNSAFE);
    ok(cf_edit_insert_tree(f, doc, at(doc, "/R"), "NoEcho", cf_tree_typed(CF_TYPE_BOOL, "true")), "a bool");
    check("block: a typed scalar", doc, f,
          "R:\n    Type: T\n    Properties:\n        L:\n        - a\n        V: !Ref P\n    NoEcho: true\n", true);
    f = cf_fix_new("map", CF_FIX_UNSAFE);
    t = cf_tree_put(cf_tree_map(), "A", cf_tree_put(cf_tree_map(), "B", cf_tree_str("x")));
    cf_tree_put(t, "E", cf_tree_list());
    ok(cf_edit_insert_tree(f, doc, at(doc, "/R"), "M", t), "a nested mapping");
    check("block: nested mappings one step further each, an empty list as []", doc, f,
          "R:\n    Type: T\n    Properties:\n        L:\n        - a\n        V: !Ref P\n    M:\n        A:\n            B: x\n"
          "        E: []\n",
          true);
    cf_doc_free(doc);

    /* a block collection copied: moved to its new column, lines and all */
    static const char multi[] = "A:\n  B:\n    - x\n    - |\n      text\n  C:\n    - &a y\n";
    doc = load("multi.yaml", multi);
    f = cf_fix_new("copy", CF_FIX_UNSAFE);
    ok(cf_edit_insert_tree(f, doc, at(doc, "/A"), "D", cf_tree_put(cf_tree_map(), "E", cf_tree_node(at(doc, "/A/B")))),
       "block: a block list copied one level deeper");
    check("block: a copied block list and its block scalar move right", doc, f,
          "A:\n  B:\n    - x\n    - |\n      text\n  C:\n    - &a y\n  D:\n    E:\n      - x\n      - |\n        text\n", true);
    f = cf_fix_new("anchor", CF_FIX_UNSAFE);
    ok(!cf_edit_insert_tree(f, doc, at(doc, "/A"), "D", cf_tree_node(at(doc, "/A/C"))) && !f->nedits,
       "a value holding an anchor is not copied: refused, nothing added");
    cf_fix_free(f);
    free(f);
    cf_doc_free(doc);

    static const char flow[] = "R: {Type: T, Properties: {V: !Ref P}}\n";
    doc = load("flow.yaml", flow);
    f = cf_fix_new("add", CF_FIX_UNSAFE);
    t = cf_tree_put(cf_tree_list(), NULL, tag("a,b", at(doc, "/R/Properties/V")));
    ok(cf_edit_insert_tree(f, doc, at(doc, "/R/Properties"), "Tags", t), "flow: can be written");
    check("flow: a flow list of flow mappings, a comma quoted", doc, f,
          "R: {Type: T, Properties: {V: !Ref P, Tags: [{Key: 'a,b', Value: !Ref P}]}}\n", true);
    cf_doc_free(doc);

    static const char json[] =
        "{\n  \"R\": {\n    \"Type\": \"T\",\n    \"Properties\": {\n      \"V\": {\"Ref\": \"P\"}\n    }\n  }\n}\n";
    doc = load("t.json", json);
    f = cf_fix_new("add", CF_FIX_UNSAFE);
    t = cf_tree_put(cf_tree_list(), NULL, tag("Name", at(doc, "/R/Properties/V")));
    ok(cf_edit_insert_tree(f, doc, at(doc, "/R/Properties"), "Tags", t), "JSON: can be written");
    check("JSON: one entry a line at the file's indentation", doc, f,
          "{\n  \"R\": {\n    \"Type\": \"T\",\n    \"Properties\": {\n      \"V\": {\"Ref\": \"P\"},\n      \"Tags\": [\n"
          "        {\n          \"Key\": \"Name\",\n          \"Value\": {\"Ref\": \"P\"}\n        }\n      ]\n    }\n  }\n}\n",
          true);
    f = cf_fix_new("bool", CF_FIX_UNSAFE);
    ok(cf_edit_insert_tree(f, doc, at(doc, "/R"), "NoEcho", cf_tree_typed(CF_TYPE_BOOL, "true")), "JSON: a bool");
    check("JSON: a bool unquoted", doc, f,
          "{\n  \"R\": {\n    \"Type\": \"T\",\n    \"Properties\": {\n      \"V\": {\"Ref\": \"P\"}\n    },\n"
          "    \"NoEcho\": true\n  }\n}\n",
          true);
    cf_doc_free(doc);
}

static void test_replace_tree(void)
{
    /* a mapping of tags becomes a list of Key/Value entries */
    static const char block[] = "P:\n  Tags:\n    Name: !Ref N\n    Team: a\n  L:\n    - x\n  Q:\n    - [y]\n";
    cf_doc *doc = load("block.yaml", block);
    cf_fix *f = cf_fix_new("tags", CF_FIX_SAFE);
    cf_tree *t = cf_tree_put(cf_tree_list(), NULL, tag("Name", at(doc, "/P/Tags/Name")));
    cf_tree_put(t, NULL, tag("Team", at(doc, "/P/Tags/Team")));
    ok(cf_edit_replace_tree(f, doc, at(doc, "/P/Tags"), t), "block: can be replaced");
    check("block: a mapping replaced by a list of mappings", doc, f,
          "P:\n  Tags:\n    - Key: Name\n      Value: !Ref N\n    - Key: Team\n      Value: a\n  L:\n    - x\n  Q:\n    - [y]\n",
          true);
    f = cf_fix_new("unwrap", CF_FIX_SAFE);
    ok(cf_edit_replace_tree(f, doc, at(doc, "/P/L"), cf_tree_node(at(doc, "/P/L/0"))), "block: unwrap");
    check("block: a one-item list replaced by its item, next to the key", doc, f,
          "P:\n  Tags:\n    Name: !Ref N\n    Team: a\n  L: x\n  Q:\n    - [y]\n", true);
    f = cf_fix_new("item", CF_FIX_SAFE);
    ok(cf_edit_replace_tree(f, doc, at(doc, "/P/Q/0"), cf_tree_node(at(doc, "/P/Q/0/0"))), "block: an item");
    check("block: a list item replaced after its dash", doc, f,
          "P:\n  Tags:\n    Name: !Ref N\n    Team: a\n  L:\n    - x\n  Q:\n    - y\n", true);
    cf_doc_free(doc);

    static const char flow[] = "P: {Tags: {Name: n}, L: [x]}\n";
    doc = load("flow.yaml", flow);
    f = cf_fix_new("tags", CF_FIX_SAFE);
    ok(cf_edit_replace_tree(f, doc, at(doc, "/P/Tags"),
                            cf_tree_put(cf_tree_list(), NULL, tag("Name", at(doc, "/P/Tags/Name")))),
       "flow: can be replaced");
    check("flow: written in flow style", doc, f, "P: {Tags: [{Key: Name, Value: n}], L: [x]}\n", true);
    cf_doc_free(doc);

    static const char json[] = "{\"P\": {\"L\": [\"x\"], \"N\": 1}}";
    doc = load("t.json", json);
    f = cf_fix_new("unwrap", CF_FIX_SAFE);
    ok(cf_edit_replace_tree(f, doc, at(doc, "/P/L"), cf_tree_node(at(doc, "/P/L/0"))), "JSON: unwrap");
    check("JSON: the item's text in the list's place", doc, f, "{\"P\": {\"L\": \"x\", \"N\": 1}}", true);
    /* a tree that does not read back as meant is refused */
    f = cf_fix_new("bad", CF_FIX_SAFE);
    ok(cf_edit_replace_tree(f, doc, at(doc, "/P/N"), cf_tree_typed(CF_TYPE_INT, "x")), "JSON: written");
    check("JSON: a typed scalar whose text reads as another type: refused", doc, f, NULL, false);
    cf_doc_free(doc);
}

static void test_refusals_and_diff(void)
{
    static const char text[] = "A: '14.7'\nB: x\n";
    cf_doc *doc = load("t.yaml", text);
    /* a hand-made edit that writes a plain 14.10 where the string is meant */
    cf_fix *f = cf_fix_new("bad", CF_FIX_SAFE);
    cf_fix_edit(f, 3, 9, "14.10");
    cf_fix_expect(f, CF_EXPECT_SCALAR, at(doc, "/A"), NULL, "14.10");
    check("a plain 14.10 reads as a number: refused", doc, f, "A: 14.10\nB: x\n", false);
    f = cf_fix_new("broken", CF_FIX_SAFE);
    cf_fix_edit(f, 10, 14, "B: [x");
    cf_fix_expect(f, CF_EXPECT_SCALAR, at(doc, "/B"), NULL, "x");
    check("a result that does not parse: refused", doc, f, NULL, false);
    f = cf_fix_new("stray", CF_FIX_SAFE);
    cf_fix_edit(f, 14, 14, "\nC: y");
    check("a change no fix announced: refused", doc, f, NULL, false);

    cf_fix *a = cf_fix_new("a", CF_FIX_SAFE), *b = cf_fix_new("b", CF_FIX_SAFE);
    cf_edit_scalar(a, doc, at(doc, "/A"), "14.15");
    cf_edit_scalar(b, doc, at(doc, "/A"), "14.17");
    cf_patch p = {0};
    ok(cf_patch_add_fix(&p, a) && !cf_patch_add_fix(&p, b), "overlapping fixes conflict");
    cf_buf diff = {0};
    cf_patch_diff(doc, &p, "a/t.yaml", "b/t.yaml", &diff);
    const char *want = "--- a/t.yaml\n+++ b/t.yaml\n@@ -1,2 +1,2 @@\n-A: '14.7'\n+A: '14.15'\n B: x\n";
    ok(diff.data && !strcmp(diff.data, want), "unified diff of one line");
    if (!diff.data || strcmp(diff.data, want))
        diag("%s", diff.data ? diff.data : "(none)");
    buf_free(&diff);
    cf_patch_free(&p);
    cf_fix_free(a);
    cf_fix_free(b);
    free(a);
    free(b);

    /* two findings fixed by the same edits: the second is taken as done */
    a = cf_fix_new("a", CF_FIX_SAFE);
    b = cf_fix_new("b", CF_FIX_SAFE);
    cf_edit_delete(a, doc, at(doc, "/B"));
    cf_edit_delete(b, doc, at(doc, "/B"));
    cf_patch same = {0};
    ok(cf_patch_add_fix(&same, a) && cf_patch_add_fix(&same, b) && same.n == 1 && same.nfixes == 1,
       "a fix whose edits are all in the patch already is taken, nothing added");
    cf_buf once = {0};
    cf_patch_apply(&same, doc->src, doc->len, &once);
    ok(once.len == 10 && !memcmp(once.data, "A: '14.7'\n", 10), "and applied once");
    buf_free(&once);
    cf_patch_free(&same);
    cf_fix_free(a);
    cf_fix_free(b);
    free(a);
    free(b);
    cf_doc_free(doc);

    /* an addition after the last line touches no old line */
    doc = load("eof.yaml", "A: 1\nB: 2\n");
    a = cf_fix_new("add", CF_FIX_SAFE);
    cf_edit_insert(a, doc, doc->root, "C", "3");
    cf_patch eof = {0};
    cf_patch_add_fix(&eof, a);
    cf_patch_diff(doc, &eof, "a/eof.yaml", "b/eof.yaml", &diff);
    want = "--- a/eof.yaml\n+++ b/eof.yaml\n@@ -1,2 +1,3 @@\n A: 1\n B: 2\n+C: '3'\n";
    ok(diff.data && !strcmp(diff.data, want), "an addition at the end of the file: two old lines, three new");
    if (!diff.data || strcmp(diff.data, want))
        diag("%s", diff.data ? diff.data : "(none)");
    buf_free(&diff);
    cf_patch_free(&eof);
    cf_fix_free(a);
    free(a);
    cf_doc_free(doc);

    /* neighbouring changed lines: the old ones, then the new ones */
    doc = load("two.yaml", "A: x\nB: y\nC: z\n");
    a = cf_fix_new("a", CF_FIX_SAFE);
    b = cf_fix_new("b", CF_FIX_SAFE);
    cf_edit_scalar(a, doc, at(doc, "/A"), "x2");
    cf_edit_scalar(b, doc, at(doc, "/B"), "y2");
    cf_patch two = {0};
    cf_patch_add_fix(&two, a);
    cf_patch_add_fix(&two, b);
    cf_patch_diff(doc, &two, "a/two.yaml", "b/two.yaml", &diff);
    want = "--- a/two.yaml\n+++ b/two.yaml\n@@ -1,3 +1,3 @@\n-A: x\n-B: y\n+A: x2\n+B: y2\n C: z\n";
    ok(diff.data && !strcmp(diff.data, want), "two neighbouring lines change as one block");
    if (!diff.data || strcmp(diff.data, want))
        diag("%s", diff.data ? diff.data : "(none)");
    buf_free(&diff);
    cf_patch_free(&two);
    cf_fix_free(a);
    cf_fix_free(b);
    free(a);
    free(b);
    cf_doc_free(doc);

    /* hunks: far apart edits give two hunks with their context */
    cf_buf big = {0};
    for (int i = 1; i <= 20; i++)
        buf_printf(&big, "K%d: v%d\n", i, i);
    doc = load("big.yaml", big.data);
    a = cf_fix_new("a", CF_FIX_SAFE);
    cf_edit_scalar(a, doc, at(doc, "/K2"), "two");
    cf_edit_delete(a, doc, at(doc, "/K18"));
    cf_patch q = {0};
    cf_patch_add_fix(&q, a);
    cf_patch_diff(doc, &q, "a/big.yaml", "b/big.yaml", &diff);
    want = "--- a/big.yaml\n+++ b/big.yaml\n"
           "@@ -1,5 +1,5 @@\n K1: v1\n-K2: v2\n+K2: two\n K3: v3\n K4: v4\n K5: v5\n"
           "@@ -15,6 +15,5 @@\n K15: v15\n K16: v16\n K17: v17\n-K18: v18\n K19: v19\n K20: v20\n";
    ok(diff.data && !strcmp(diff.data, want), "two hunks, numbered after the earlier change");
    if (!diff.data || strcmp(diff.data, want))
        diag("%s", diff.data ? diff.data : "(none)");
    buf_free(&diff);
    cf_patch_free(&q);
    cf_fix_free(a);
    free(a);
    cf_doc_free(doc);
    buf_free(&big);
}

int main(void)
{
    test_replace_scalar();
    test_delete();
    test_insert();
    test_insert_tree();
    test_replace_tree();
    test_refusals_and_diff();
    return tap_done();
}
