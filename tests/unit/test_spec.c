/* Spec data: lookups on a small generated data set, and a reader that
 * survives every truncation and every flipped byte of it (the sanitizer
 * build of `make check` turns any out-of-bounds read into a failure). */
#include "tap.h"

#include "arena.h"
#include "schema_share.h"
#include "spec.h"
#include "validate.h"
#include "spec_build.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = xmalloc(*len + 1);
    if (fread(p, 1, *len, f) != *len)
        *len = 0;
    fclose(f);
    return p;
}

static void write_all(const char *path, const char *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, len, f);
    fclose(f);
}

/* Everything a lint could ask; returns how many answers came back. */
static int exercise(cf_spec *s)
{
    int answers = 0;
    static const char *const types[] = {"AWS::SQS::Queue", "AWS::RDS::DBInstance", "AWS::New::Thing", "AWS::Nope::X"};
    static const char *const regions[] = {"us-east-1", "eu-west-2", "xx-none-1"};
    for (int t = 0; t < 4; t++)
        for (int r = 0; r < 3; r++) {
            answers += cf_spec_type_in_region(s, types[t], regions[r]);
            answers += cf_spec_schema(s, types[t], regions[r]) != NULL;
        }
    bool ov;
    answers += cf_spec_rds_versions(s, "AWS::RDS::DBInstance", "postgres", "us-east-1", &ov) != NULL;
    answers += cf_spec_rds_engines(s, "AWS::RDS::DBInstance") != NULL;
    answers += cf_spec_entry(s, "meta") != NULL;
    answers += cf_spec_entry(s, "lifecycle/LmbdRuntimeLifecycle") != NULL;
    for (size_t i = 0; i < cf_spec_region_count(s); i++)
        answers += cf_spec_region_name(s, i) != NULL;
    for (size_t i = 0; i < cf_spec_type_count(s); i++)
        answers += cf_spec_type_known(s, cf_spec_type_name(s, i));
    return answers;
}


/* A subschema that repeats is stored once and referred to; everything
 * else, and the schema handed in, stays as it was. */
static void test_schema_share(void)
{
    static const char text[] =
        "{\"definitions\": {\"Own\": {\"type\": \"string\"}},"
        " \"allOf\": ["
        "  {\"if\": {\"properties\": {\"E\": {\"const\": \"a\"}}},"
        "   \"then\": {\"properties\": {\"C\": {\"enum\": [\"db.t3.micro\", \"db.t3.small\", \"db.t3.medium\"]}}}},"
        "  {\"if\": {\"properties\": {\"E\": {\"const\": \"b\"}}},"
        "   \"then\": {\"properties\": {\"C\": {\"enum\": [\"db.t3.micro\", \"db.t3.small\", \"db.t3.medium\"]}}}},"
        "  {\"if\": {\"properties\": {\"E\": {\"const\": \"c\"}}},"
        "   \"then\": {\"properties\": {\"C\": {\"enum\": [\"db.t3.micro\"]}}}}],"
        " \"properties\": {\"X\": {\"enum\": [\"db.t3.micro\", \"db.t3.small\", \"db.t3.medium\"]}}}";
    char *bytes = xmalloc(sizeof text);
    memcpy(bytes, text, sizeof text);
    cf_doc *doc = cf_doc_load_buffer("share.json", bytes, sizeof text - 1);
    cf_arena a;
    arena_init(&a);
    const cf_node *root = doc->root;
    const cf_node *shared = schema_share(&a, root, 40);
    const cf_node *all = cf_map_get(shared, "allOf");
    const cf_node *then0 = cf_map_get(all->u.items[0], "then"), *then1 = cf_map_get(all->u.items[1], "then");
    const cf_node *ref0 = cf_map_get(then0, "$ref"), *ref1 = cf_map_get(then1, "$ref");
    ok(ref0 && ref1 && !strcmp(ref0->u.str, ref1->u.str), "the two equal then-schemas refer to one definition");
    const cf_node *target = ref0 ? cf_schema_ref(shared, ref0->u.str) : NULL;
    ok(target == cf_map_get(cf_map_get(root, "allOf")->u.items[0], "then"), "which holds the subschema as it was");
    ok(cf_map_get(cf_map_get(shared, "definitions"), "Own") != NULL, "the schema's own definitions are kept");
    ok(!cf_map_get(cf_map_get(all->u.items[2], "then"), "$ref"), "a subschema met once stays in place");
    const cf_node *x = cf_map_get(cf_map_get(shared, "properties"), "X"), *xref = cf_map_get(x, "$ref");
    ok(xref && cf_schema_ref(shared, xref->u.str) == cf_map_get(cf_map_get(target, "properties"), "C"),
       "an equal subschema under properties refers to the first one met, inside a shared one");
    ok(!cf_map_get(cf_map_get(root, "allOf")->u.items[0]->u.pairs[1].value, "$ref") &&
           cf_map_get(cf_map_get(root, "definitions"), "Own") && cf_map_get(root, "definitions")->len == 1,
       "the schema handed in is unchanged");
    ok(schema_share(&a, root, 100000) == root, "nothing that large repeats: the same schema back");
    arena_free(&a);
    cf_doc_free(doc);
}

int main(void)
{
    test_schema_share();
    const char *src = getenv("top_srcdir");
    char *dir = xasprintf("%s/tests/data/spec-src", src ? src : ".");
    char tmpl[] = "/tmp/cfnfix-test-spec.XXXXXX";
    char *tmp = mkdtemp(tmpl);
    char *good = xasprintf("%s/good.cfx", tmp), *bad = xasprintf("%s/bad.cfx", tmp);
    setenv("XDG_DATA_HOME", tmp, 1);

    char err[1024];
    spec_build_opts o = {dir, good, "2026-01-02", "test", NULL};
    ok(spec_build(&o, err, sizeof err) == 0, "builds the test data: %s", err);

    cf_spec *s = cf_spec_open_path(good, err, sizeof err);
    ok(s != NULL, "opens it");
    ok(cf_spec_type_in_region(s, "AWS::New::Thing", "us-east-1") && !cf_spec_type_in_region(s, "AWS::New::Thing", "eu-west-2"),
       "region membership");
    const cf_node *a = cf_spec_schema(s, "AWS::SQS::Queue", "us-east-1");
    const cf_node *b = cf_spec_schema(s, "AWS::SQS::Queue", "eu-west-2");
    ok(a && b && a != b, "each region gets its own schema variant");
    ok(cf_map_get(cf_map_get(a, "properties"), "DelaySeconds") && !cf_map_get(cf_map_get(b, "properties"), "DelaySeconds"),
       "the variants differ as their sources do");
    ok(!cf_map_get(a, "description") && !cf_map_get(a, "sourceUrl"), "prose left out");
    ok(cf_map_get(cf_map_get(a, "properties"), "description") != NULL, "a property named description kept");
    ok(cf_spec_schema(s, "AWS::SQS::Queue", "us-east-1") == a, "decoded once, then cached");
    bool ov;
    const cf_node *pg = cf_spec_rds_versions(s, "AWS::RDS::DBInstance", "postgres", "us-east-1", &ov);
    ok(pg && cf_is_str(cf_map_get(pg, "14.7"), "deprecated") && cf_is_str(cf_map_get(pg, "14.15"), "available") && !ov,
       "postgres versions with their status");
    ok(!cf_spec_rds_versions(s, "AWS::RDS::DBInstance", "oracle-ee", "us-east-1", &ov), "an engine without versions");
    int full = exercise(s);
    ok(full == 19 && !cf_spec_error(s), "every query answers on good data (%d of 19)", full);
    cf_spec_close(s);

    size_t len = 0;
    char *bytes = read_all(good, &len);
    int opened = 0, refused = 0, corrupt_seen = 0;
    for (size_t cut = 0; cut < len; cut += 7) {
        write_all(bad, bytes, cut);
        cf_spec *t = cf_spec_open_path(bad, err, sizeof err);
        if (t) {
            opened++;
            cf_spec_close(t);
        } else if (strstr(err, "bad.cfx")) {
            refused++;
        }
    }
    ok(opened == 0 && refused > 0, "every truncation refused, naming the file (%d refused)", refused);
    for (size_t i = 0; i < len; i++) {
        bytes[i] ^= 0x5A;
        write_all(bad, bytes, len);
        cf_spec *t = cf_spec_open_path(bad, err, sizeof err);
        if (t) {
            exercise(t);
            corrupt_seen += cf_spec_error(t) != NULL;
            cf_spec_close(t);
        }
        bytes[i] ^= 0x5A;
    }
    ok(1, "survived %zu single-byte corruptions (%d reported as corrupted data)", len, corrupt_seen);
    ok(corrupt_seen > 0, "corruption inside values is reported, not ignored");

    unlink(good);
    unlink(bad);
    rmdir(tmp);
    free(bytes);
    free(good);
    free(bad);
    free(dir);
    return tap_done();
}
