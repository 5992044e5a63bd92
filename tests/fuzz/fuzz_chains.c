/* libFuzzer target: deep chains, the shapes that once crashed cfnfix (issue
 * 16) — anchors holding aliases of anchors, conditions chained through
 * !Not [!Condition next], Fn::If nested in Fn::If, resources depending on
 * each other in a line or a ring — built from the input's first bytes
 * (kind, depth up to 3,000, width, a twist), with the rest of the input
 * appended as more template text.  Every one must load and lint without
 * crashing, hanging or leaking, each finding inside the text. */
#include "doc.h"
#include "fixes.h"
#include "lint.h"
#include "spec.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static cf_lint_opts opts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[1024];
    opts.spec = cf_spec_open(err, sizeof err);
    if (!opts.spec)
        abort(); /* set CFNFIX_DATA to share/cfnfix/spec.cfx */
    static char *regions[] = {"us-east-1"};
    opts.regions = regions;
    opts.nregions = 1;
    cf_lint_set_today(&opts, "2026-11-28");
    return 0;
}

static void alias_chain(cf_buf *b, unsigned depth, unsigned width)
{
    buf_adds(b, "Mappings:\n  M:\n    a0: &a0 {k: v}\n");
    for (unsigned i = 1; i < depth; i++)
        buf_printf(b, "    a%u: &a%u [%s*a%u]\n", i, i, width > 1 && i % width == 0 ? "x, " : "", i - 1);
    buf_adds(b, "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
}

static void condition_chain(cf_buf *b, unsigned depth, unsigned twist)
{
    buf_adds(b, "Parameters:\n  P: {Type: String}\nConditions:\n  C0: !Equals [!Ref P, x]\n");
    for (unsigned i = 1; i < depth; i++)
        buf_printf(b, "  C%u: !%s [!Condition C%u%s]\n", i, twist % 3 == 0 ? "Not" : twist % 3 == 1 ? "And" : "Or",
                   i - 1, twist % 3 ? ", !Condition C0" : "");
    if (twist & 4) /* a loop back to the start */
        buf_printf(b, "  C%u: !Not [!Condition C%u]\n", depth, depth);
    buf_printf(b, "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C%u\n", depth - 1);
}

static void nested_if(cf_buf *b, unsigned depth)
{
    buf_adds(b, "Parameters:\n  P: {Type: String}\nConditions:\n  C: !Equals [!Ref P, x]\n"
                "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: ");
    for (unsigned i = 0; i < depth; i++)
        buf_adds(b, "{Fn::If: [C, ");
    buf_adds(b, "x");
    for (unsigned i = 0; i < depth; i++)
        buf_adds(b, ", y]}");
    buf_adds(b, "\n");
}

static void resource_chain(cf_buf *b, unsigned depth, unsigned twist)
{
    buf_adds(b, "Resources:\n");
    for (unsigned i = 0; i < depth; i++) {
        buf_printf(b, "  R%u:\n    Type: AWS::SNS::Topic\n", i);
        if (i || (twist & 1)) /* twist: a ring */
            buf_printf(b, "    DependsOn: R%u\n", i ? i - 1 : depth - 1);
        if (twist & 2)
            buf_printf(b, "    Properties: {TopicName: !GetAtt R%u.TopicName}\n", (i + 1) % depth);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    unsigned kind = data[0] % 4, depth = 1 + (unsigned)((data[1] | data[2] << 8) % 3000), twist = data[3];
    cf_buf b = {0};
    switch (kind) {
    case 0: alias_chain(&b, depth, twist % 5); break;
    case 1: condition_chain(&b, depth, twist); break;
    case 2: nested_if(&b, depth); break;
    default: resource_chain(&b, depth, twist); break;
    }
    buf_add(&b, data + 4, size - 4);
    size_t len = b.len;
    char *bytes = buf_steal(&b);
    cf_doc *doc = cf_doc_load_buffer("chains.yaml", bytes, len);
    cf_diags ds = {0};
    cf_lint(doc, &opts, &ds);
    cf_fixes_suggest(doc, &opts, &ds);
    for (size_t i = 0; i < ds.n; i++)
        if (ds.v[i].start > doc->len || ds.v[i].end > doc->len || !ds.v[i].message)
            abort();
    cf_diags_free(&ds);
    cf_doc_free(doc);
    return 0;
}
