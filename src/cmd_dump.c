/* cfnfix dump: print the document tree with every node's span — what the
 * loader made of a file.  A debugging aid and the loader's golden tests. */
#include "cli.h"
#include "doc.h"
#include "escape.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static void pointer(cf_buf *b, const cf_node *n)
{
    size_t len = cf_node_path(n, NULL, 0);
    cf_pathc path[len ? len : 1];
    cf_node_path(n, path, len);
    if (!len)
        buf_addc(b, '/');
    for (size_t i = 0; i < len; i++) {
        buf_addc(b, '/');
        if (!path[i].key) {
            buf_printf(b, "%u", path[i].index);
            continue;
        }
        cf_buf key = {0};
        for (const char *k = path[i].key; *k; k++) {
            if (*k == '~')
                buf_adds(&key, "~0");
            else if (*k == '/')
                buf_adds(&key, "~1");
            else
                buf_addc(&key, *k);
        }
        esc_text(b, key.data ? key.data : "", key.len);
        buf_free(&key);
    }
}

static void flags(cf_buf *b, const cf_node *n)
{
    static const struct {
        int flag;
        const char *name;
    } names[] = {{CF_NF_KEY, "key"}, {CF_NF_SHORT_FORM, "short-form"}, {CF_NF_TAG_KEY, "tag-key"},
                 {CF_NF_DOTTED, "dotted"}, {CF_NF_ALIAS, "alias"}, {CF_NF_UNKNOWN_TAG, "unknown-tag"},
                 {CF_NF_MERGED_IN, "merged-in"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (n->flags & names[i].flag)
            buf_printf(b, " %s", names[i].name);
}

static void dump(cf_buf *b, const cf_doc *doc, const cf_node *n)
{
    cf_pos s = cf_doc_pos(doc, n->start), e = cf_doc_pos(doc, n->end);
    pointer(b, n);
    buf_printf(b, " %s %s", cf_kind_name((cf_kind)n->kind), cf_style_name((cf_style)n->style));
    if (n->kind == CF_SCALAR)
        buf_printf(b, " %s", cf_type_name((cf_type)n->type));
    flags(b, n);
    size_t tlen;
    const char *tag = cf_node_tag(doc, n, &tlen);
    if (tag) {
        buf_adds(b, " tag=");
        esc_text(b, tag, tlen);
    }
    buf_printf(b, " @%u-%u %u:%u-%u:%u", n->start, n->end, s.line, s.col, e.line, e.col);
    if (n->kind == CF_SCALAR) {
        buf_adds(b, " \"");
        esc_text(b, n->u.str, n->len);
        buf_addc(b, '"');
    }
    buf_addc(b, '\n');
    if (n->kind == CF_MAPPING) {
        for (uint32_t i = 0; i < n->len; i++) {
            dump(b, doc, n->u.pairs[i].key);
            dump(b, doc, n->u.pairs[i].value);
        }
    } else if (n->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < n->len; i++)
            dump(b, doc, n->u.items[i]);
    }
    if (b->len > 1 << 16) {
        fwrite(b->data, 1, b->len, stdout);
        buf_reset(b);
    }
}

int cmd_dump(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        puts("Usage: cfnfix dump FILE\n"
             "Print every node the loader made of FILE: its JSON-pointer path, kind,\n"
             "style, type, flags, tag, byte range and line:column range, and value.");
        return 0;
    }
    if (argc != 2) {
        cli_error("dump: give exactly one file (or '-')");
        return CF_EXIT_USAGE;
    }
    cf_read_error err;
    cf_doc *doc = cf_doc_load_file(argv[1], &err);
    if (!doc) {
        cli_error("%s", err.message);
        return CF_EXIT_USAGE;
    }
    cf_buf b = {0};
    buf_printf(&b, "# %s, %zu bytes, %zu lines%s%s, %zu nodes\n", doc->is_json ? "json" : "yaml",
               doc->len, doc->nlines, doc->bom ? ", BOM" : "", doc->failed ? ", failed" : "",
               doc->node_count);
    for (size_t i = 0; i < doc->nnotes; i++) {
        cf_pos p = cf_doc_pos(doc, doc->notes[i].start);
        buf_printf(&b, "# note %u:%u ", p.line, p.col);
        esc_texts(&b, doc->notes[i].message);
        buf_addc(&b, '\n');
    }
    int status = 0;
    if (doc->failed) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        buf_printf(&b, "# error %u:%u @%u-%u ", p.line, p.col, doc->err_start, doc->err_end);
        esc_texts(&b, doc->err_msg);
        buf_addc(&b, '\n');
        status = CF_EXIT_ERROR;
    } else if (doc->root) {
        dump(&b, doc, doc->root);
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    cf_doc_free(doc);
    return status;
}
