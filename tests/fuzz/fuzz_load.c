/* libFuzzer target: the loader must take any bytes without crashing,
 * hanging or leaking, and every node it makes must lie inside the input
 * with its children inside it. */
#include "doc.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(const cf_doc *doc, const cf_node *n, int depth)
{
    if (n->start > n->end || n->end > doc->len || depth > CF_MAX_DEPTH + 2)
        abort();
    cf_pos p = cf_doc_pos(doc, n->start);
    if (p.line < 1 || p.col < 1)
        abort();
    if (n->kind == CF_MAPPING)
        for (uint32_t i = 0; i < n->len; i++) {
            if (n->u.pairs[i].key->parent != n || n->u.pairs[i].value->parent != n)
                abort();
            check(doc, n->u.pairs[i].key, depth + 1);
            check(doc, n->u.pairs[i].value, depth + 1);
        }
    else if (n->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < n->len; i++) {
            if (n->u.items[i]->parent != n)
                abort();
            check(doc, n->u.items[i], depth + 1);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *bytes = xmalloc(size + 1);
    memcpy(bytes, data, size);
    cf_doc *doc = cf_doc_load_buffer(size && data[0] == '{' ? "fuzz.json" : "fuzz.yaml", bytes, size);
    if (doc->root)
        check(doc, doc->root, 0);
    if (doc->failed && doc->err_start > doc->len)
        abort();
    cf_doc_free(doc);
    return 0;
}
