/* libFuzzer target: every check over any loaded tree, then the fix
 * generators, must not crash, hang or leak, and every finding must point
 * inside the input. */
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
    static char *regions[] = {"us-east-1", "eu-west-2"};
    opts.regions = regions;
    opts.nregions = 2;
    cf_lint_set_today(&opts, "2026-11-28");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *bytes = xmalloc(size + 1);
    memcpy(bytes, data, size);
    cf_doc *doc = cf_doc_load_buffer("fuzz.yaml", bytes, size);
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
