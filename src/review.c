#include "review.h"

#include "atomicfile.h"
#include "doc.h"
#include "json_write.h"
#include "md5.h"
#include "readfile.h"
#include "textdiff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cf_review_decision_name(cf_review_decision d)
{
    static const char *const names[] = {"accepted", "rejected", "open"};
    return (unsigned)d < 3 ? names[d] : "open";
}

void cf_review_md5_hex(const char *data, size_t len, char out[33])
{
    uint8_t h[16];
    cf_md5(data, len, h);
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

void cf_review_diff(const cf_review *r, cf_buf *out)
{
    char *a = r->name[0] == '/' ? xstrdup(r->name) : xasprintf("a/%s", r->name);
    char *b = r->name[0] == '/' ? xstrdup(r->name) : xasprintf("b/%s", r->name);
    cf_text_diff(r->orig, r->orig_len, r->result, r->result_len, a, b, out);
    free(a);
    free(b);
}

static void json_opt(cf_buf *out, const char *key, const char *s)
{
    if (!s)
        return;
    buf_printf(out, ", \"%s\": ", key);
    cf_json_string(out, s, strlen(s));
}

static void count(const cf_review *r, size_t n[3])
{
    n[0] = n[1] = n[2] = 0;
    for (size_t i = 0; i < r->nitems; i++)
        n[r->items[i].decision <= CF_REVIEW_OPEN ? r->items[i].decision : CF_REVIEW_OPEN]++;
}

void cf_review_json(const cf_review *r, cf_buf *out)
{
    char om[33], rm[33];
    cf_review_md5_hex(r->orig, r->orig_len, om);
    cf_review_md5_hex(r->result, r->result_len, rm);
    buf_printf(out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"template\": ", CF_REVIEW_FORMAT,
               CF_REVIEW_VERSION);
    cf_json_string(out, r->name, strlen(r->name));
    buf_printf(out, ",\n  \"original\": {\"length\": %zu, \"md5\": \"%s\"},\n", r->orig_len, om);
    buf_printf(out, "  \"result\": {\"length\": %zu, \"md5\": \"%s\", \"text\": ", r->result_len, rm);
    cf_json_string(out, r->result, r->result_len);
    buf_adds(out, "},\n  \"diff\": ");
    cf_buf diff = {0};
    cf_review_diff(r, &diff);
    cf_json_string(out, diff.data ? diff.data : "", diff.len);
    buf_free(&diff);
    size_t n[3];
    count(r, n);
    buf_printf(out, ",\n  \"counts\": {\"accepted\": %zu, \"rejected\": %zu, \"open\": %zu},\n  \"decisions\": [", n[0],
               n[1], n[2]);
    for (size_t i = 0; i < r->nitems; i++) {
        const cf_review_item *it = &r->items[i];
        buf_adds(out, i ? ",\n    {" : "\n    {");
        buf_printf(out, "\"decision\": \"%s\", \"rule\": ", cf_review_decision_name(it->decision));
        cf_json_string(out, it->rule ? it->rule : "", it->rule ? strlen(it->rule) : 0);
        buf_printf(out, ", \"line\": %u", it->line);
        json_opt(out, "message", it->message);
        json_opt(out, "fix", it->fix);
        json_opt(out, "reason", it->reason);
        buf_addc(out, '}');
    }
    buf_adds(out, r->nitems ? "\n  ]\n}\n" : "]\n}\n");
}

/* Text for a Markdown table cell: one line, no bar. */
static void md_cell(cf_buf *out, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            buf_adds(out, "\\|");
        else if (*s == '\n' || *s == '\r' || *s == '\t')
            buf_addc(out, ' ');
        else if ((unsigned char)*s >= ' ')
            buf_addc(out, *s);
    }
}

void cf_review_markdown(const cf_review *r, cf_buf *out)
{
    size_t n[3];
    count(r, n);
    char om[33];
    cf_review_md5_hex(r->orig, r->orig_len, om);
    buf_adds(out, "# Review of ");
    md_cell(out, r->name);
    buf_printf(out, "\n\nOriginal: %zu bytes, MD5 %s.  Accepted %zu, rejected %zu, left open %zu.\n", r->orig_len, om,
               n[0], n[1], n[2]);
    if (r->nitems) {
        buf_adds(out, "\n| Decision | Rule | Line | Message | Fix or reason |\n|---|---|---|---|---|\n");
        for (size_t i = 0; i < r->nitems; i++) {
            const cf_review_item *it = &r->items[i];
            buf_printf(out, "| %s | ", cf_review_decision_name(it->decision));
            md_cell(out, it->rule);
            buf_printf(out, " | %u | ", it->line);
            md_cell(out, it->message);
            buf_adds(out, " | ");
            md_cell(out, it->decision == CF_REVIEW_ACCEPTED ? it->fix : it->reason);
            buf_adds(out, " |\n");
        }
    }
    cf_buf diff = {0};
    cf_review_diff(r, &diff);
    if (diff.len) {
        buf_adds(out, "\n## Changes\n\n````diff\n");
        buf_add(out, diff.data, diff.len);
        buf_adds(out, "````\n");
    } else {
        buf_adds(out, "\nNo changes.\n");
    }
    buf_free(&diff);
}

int cf_review_save(const cf_review *r, const char *file, cf_buf *written, char *err, size_t errsize)
{
    size_t len = strlen(file);
    size_t base_len = len > 5 && !strcmp(file + len - 5, ".json") ? len - 5 : len;
    static const char *const ext[] = {".json", ".diff", ".md"};
    int rc = 0;
    for (int i = 0; i < 3 && !rc; i++) {
        cf_buf data = {0};
        if (i == 0)
            cf_review_json(r, &data);
        else if (i == 1)
            cf_review_diff(r, &data);
        else
            cf_review_markdown(r, &data);
        char *path = xasprintf("%.*s%s", (int)base_len, file, ext[i]);
        rc = atomic_write(path, data.data ? data.data : "", data.len, 0644, err, errsize);
        if (!rc && written)
            buf_printf(written, "%s\n", path);
        free(path);
        buf_free(&data);
    }
    return rc;
}

void cf_review_loaded_free(cf_review_loaded *r)
{
    free(r->name);
    free(r->result);
    memset(r, 0, sizeof *r);
}

static const cf_node *member(const cf_node *map, const char *key, cf_kind kind)
{
    const cf_node *v = map && map->kind == CF_MAPPING ? cf_map_get(map, key) : NULL;
    return v && v->kind == kind ? v : NULL;
}

static bool number(const cf_node *map, const char *key, size_t *out)
{
    const cf_node *v = member(map, key, CF_SCALAR);
    if (!v || v->type != CF_TYPE_INT || v->u.str[0] == '-')
        return false;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(v->u.str, &end, 10);
    if (errno || *end)
        return false;
    *out = (size_t)x;
    return true;
}

static bool md5_field(const cf_node *map, char out[33])
{
    const cf_node *v = member(map, "md5", CF_SCALAR);
    if (!v || v->len != 32)
        return false;
    memcpy(out, v->u.str, 33);
    return true;
}

int cf_review_load(const char *file, cf_review_loaded *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    char *bytes;
    size_t len;
    if (read_whole_file(file, &bytes, &len, err, errsize) < 0)
        return -1;
    cf_doc *doc = cf_doc_load_buffer(file, bytes, len);
    const char *why = NULL;
    const cf_node *root = doc->failed || !doc->is_json ? NULL : doc->root;
    const cf_node *orig = member(root, "original", CF_MAPPING), *res = member(root, "result", CF_MAPPING);
    const cf_node *fmt = member(root, "format", CF_SCALAR), *ver = member(root, "version", CF_SCALAR);
    const cf_node *name = member(root, "template", CF_SCALAR), *text = member(res, "text", CF_SCALAR);
    size_t rlen = 0;
    char rmd5[33], md5[33];
    if (!root)
        why = doc->failed ? "not valid JSON" : "not JSON";
    else if (!fmt || !cf_is_str(fmt, CF_REVIEW_FORMAT))
        why = "not a cfnfix review (\"format\" is not \"" CF_REVIEW_FORMAT "\")";
    else if (!ver || ver->type != CF_TYPE_INT || strcmp(ver->u.str, "1"))
        why = "a review format version this cfnfix does not know (it reads version 1)";
    else if (!name || !orig || !number(orig, "length", &out->orig_len) || !md5_field(orig, out->orig_md5))
        why = "\"template\" or \"original\" (length, md5) is missing or malformed";
    else if (!res || !text || !number(res, "length", &rlen) || !md5_field(res, rmd5))
        why = "\"result\" (length, md5, text) is missing or malformed";
    else if (text->len != rlen || (cf_review_md5_hex(text->u.str, text->len, md5), strcmp(md5, rmd5)))
        why = "its result text does not match its recorded length and MD5 (the file was edited or damaged)";
    if (why) {
        snprintf(err, errsize, "%s: %s", file, why);
        cf_doc_free(doc);
        return -1;
    }
    out->name = xstrdup(name->u.str);
    out->result = xmalloc(text->len + 1);
    memcpy(out->result, text->u.str, text->len);
    out->result[text->len] = '\0';
    out->result_len = text->len;
    const cf_node *ds = member(root, "decisions", CF_SEQUENCE);
    for (uint32_t i = 0; ds && i < ds->len; i++) {
        const cf_node *d = member(ds->u.items[i], "decision", CF_SCALAR);
        if (d && cf_is_str(d, "accepted"))
            out->accepted++;
        else if (d && cf_is_str(d, "rejected"))
            out->rejected++;
        else
            out->open++;
    }
    cf_doc_free(doc);
    return 0;
}
