#include "report.h"
#include "md5.h"
#include "escape.h"
#include "report_formats.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* In cf_format's order. */
static const char *const format_names[] = {"text", "parseable", "json", "gnu", "sarif", "junit"};

int cf_format_parse(const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(name, format_names[i]) == 0)
            return (int)i;
    return -1;
}

const char *cf_format_names(void)
{
    return "text, parseable, json, gnu, sarif, junit";
}

struct cf_report {
    cf_format fmt;
    FILE *out;
    size_t written; /* findings so far (json needs the commas) */
    cf_buf b;
    /* sarif and junit: everything, written at the end */
    cf_finding *found;
    size_t nfound, found_cap;
    bool *rules_on; /* junit: by cf_rules_all() index */
};

size_t cf_report_rule_index(const cf_rule *rule)
{
    size_t n;
    const cf_rule *const *all = cf_rules_all(&n);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(all[mid]->id, rule->id);
        if (!c)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0; /* every rule is in the catalogue */
}

static void collect(cf_report *r, const char *file, const cf_diag *d)
{
    GROW(r->found, r->found_cap, r->nfound + 1);
    cf_finding *f = &r->found[r->nfound++];
    *f = (cf_finding){d->rule, xstrdup(file), xstrdup(d->message), d->pos, d->end_pos, NULL, 0};
    if (r->fmt == CF_FMT_SARIF && d->nfixes) {
        f->fixes = xcalloc(d->nfixes, sizeof *f->fixes);
        for (size_t i = 0; i < d->nfixes; i++)
            cf_fix_copy(&f->fixes[i], &d->fixes[i]);
        f->nfixes = d->nfixes;
    }
}

void cf_report_rules_on(cf_report *r, const bool *on)
{
    if (!r->rules_on)
        return;
    size_t n;
    cf_rules_all(&n);
    for (size_t i = 0; i < n; i++)
        r->rules_on[i] = r->rules_on[i] || on[i];
}

cf_report *cf_report_begin(cf_format fmt, FILE *out)
{
    cf_report *r = xcalloc(1, sizeof *r);
    r->fmt = fmt;
    r->out = out;
    if (fmt == CF_FMT_JUNIT) {
        size_t n;
        cf_rules_all(&n);
        r->rules_on = xcalloc(n ? n : 1, sizeof *r->rules_on);
    }
    if (fmt == CF_FMT_JSON)
        fputs("[", out);
    return r;
}

/* cfn-lint's identifier for a finding: the MD5 of the text Python shows
 * for it ("[E3012: short description] (message) matched file:line"),
 * written as a UUID. */
static void finding_id(cf_buf *b, const char *file, const cf_diag *d)
{
    cf_buf text = {0};
    buf_printf(&text, "[%s: %s] (%s) matched ", d->rule->id, d->rule->short_desc, d->message);
    /* the file name as pathlib's as_posix() writes it: no "." parts, no
     * doubled or trailing slashes */
    size_t start = text.len;
    for (const char *p = file; *p;) {
        size_t n = strcspn(p, "/");
        if (n && !(n == 1 && p[0] == '.')) {
            if (text.len > start || *file == '/')
                buf_addc(&text, '/');
            buf_add(&text, p, n);
        }
        p += n;
        while (*p == '/')
            p++;
    }
    if (text.len == start && *file)
        buf_addc(&text, *file == '/' ? '/' : '.');
    buf_printf(&text, ":%u", d->pos.line);
    uint8_t h[16];
    cf_md5(text.data, text.len, h);
    buf_free(&text);
    static const char *const digits = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf_addc(b, '-');
        buf_addc(b, digits[h[i] >> 4]);
        buf_addc(b, digits[h[i] & 15]);
    }
}

static void json_str(cf_buf *b, const char *s)
{
    buf_addc(b, '"');
    esc_jsons(b, s);
    buf_addc(b, '"');
}

static void pad(cf_buf *b, int n)
{
    for (int i = 0; i < n; i++)
        buf_addc(b, ' ');
}

static void json_pos(cf_buf *b, const char *key, cf_pos p, int indent)
{
    pad(b, indent);
    buf_printf(b, "\"%s\": {\n", key);
    pad(b, indent + 4);
    buf_printf(b, "\"ColumnNumber\": %u,\n", p.col);
    pad(b, indent + 4);
    buf_printf(b, "\"LineNumber\": %u\n", p.line);
    pad(b, indent);
    buf_adds(b, "},\n");
}

void cf_report_fix_json(cf_buf *b, const cf_fix *f, int indent, const char *extra)
{
    pad(b, indent);
    buf_adds(b, "{\n");
    pad(b, indent + 4);
    buf_printf(b, "\"Applicability\": \"%s\",\n", cf_applicability_name(f->applicability));
    pad(b, indent + 4);
    buf_adds(b, f->nedits ? "\"Edits\": [\n" : "\"Edits\": [],\n");
    for (size_t k = 0; k < f->nedits; k++) {
        const cf_edit *e = &f->edits[k];
        int in = indent + 12;
        pad(b, indent + 8);
        buf_adds(b, "{\n");
        json_pos(b, "End", e->end_pos, in);
        pad(b, in);
        buf_printf(b, "\"EndOffset\": %u,\n", e->end);
        json_pos(b, "Start", e->start_pos, in);
        pad(b, in);
        buf_printf(b, "\"StartOffset\": %u,\n", e->start);
        pad(b, in);
        buf_adds(b, "\"Text\": ");
        json_str(b, e->text);
        buf_addc(b, '\n');
        pad(b, indent + 8);
        buf_adds(b, k + 1 < f->nedits ? "},\n" : "}\n");
    }
    if (f->nedits) {
        pad(b, indent + 4);
        buf_adds(b, "],\n");
    }
    if (extra)
        buf_adds(b, extra);
    pad(b, indent + 4);
    buf_adds(b, "\"Title\": ");
    json_str(b, f->title);
    buf_addc(b, '\n');
    pad(b, indent);
    buf_addc(b, '}');
}

void cf_report_fixes_json(cf_buf *b, const cf_fix *fixes, size_t n, int indent)
{
    if (!n) {
        buf_adds(b, "[]");
        return;
    }
    buf_adds(b, "[\n");
    for (size_t i = 0; i < n; i++) {
        cf_report_fix_json(b, &fixes[i], indent + 4, NULL);
        buf_adds(b, i + 1 < n ? ",\n" : "\n");
    }
    pad(b, indent);
    buf_addc(b, ']');
}

void cf_report_json_string(cf_buf *b, const char *s) { json_str(b, s); }

/* cfn-lint's `-f json`: json.dumps(sort_keys=True, indent=4), and the
 * finding's fixes under "Fixes" (cfn-lint's readers ignore the key). */
static void write_json(cf_buf *b, const char *file, const cf_diag *d)
{
    buf_adds(b, ",\n    {\n");
    buf_adds(b, "        \"Filename\": ");
    json_str(b, file);
    buf_adds(b, ",\n        \"Fixes\": ");
    cf_report_fixes_json(b, d->fixes, d->nfixes, 8);
    buf_adds(b, ",\n        \"Id\": \"");
    finding_id(b, file, d);
    buf_printf(b, "\",\n        \"Level\": \"%s\",\n", cf_level_name(cf_rule_level(d->rule)));
    buf_printf(b, "        \"Location\": {\n"
                  "            \"End\": {\n"
                  "                \"ColumnNumber\": %u,\n"
                  "                \"LineNumber\": %u\n"
                  "            },\n",
               d->end_pos.col, d->end_pos.line);
    if (!d->has_path) {
        buf_adds(b, "            \"Path\": null,\n");
    } else if (d->path_len == 0) {
        buf_adds(b, "            \"Path\": [],\n");
    } else {
        buf_adds(b, "            \"Path\": [\n");
        for (uint32_t i = 0; i < d->path_len; i++) {
            buf_adds(b, "                ");
            if (d->path[i].key)
                json_str(b, d->path[i].key);
            else
                buf_printf(b, "%u", d->path[i].index);
            buf_adds(b, i + 1 < d->path_len ? ",\n" : "\n");
        }
        buf_adds(b, "            ],\n");
    }
    buf_printf(b, "            \"Start\": {\n"
                  "                \"ColumnNumber\": %u,\n"
                  "                \"LineNumber\": %u\n"
                  "            }\n"
                  "        },\n",
               d->pos.col, d->pos.line);
    buf_adds(b, "        \"Message\": ");
    json_str(b, d->message);
    buf_adds(b, ",\n        \"ParentId\": null,\n        \"Rule\": {\n            \"Description\": ");
    json_str(b, d->rule->desc);
    buf_adds(b, ",\n            \"Id\": ");
    json_str(b, d->rule->id);
    buf_adds(b, ",\n            \"ShortDescription\": ");
    json_str(b, d->rule->short_desc);
    buf_adds(b, ",\n            \"Source\": ");
    json_str(b, d->rule->source);
    buf_adds(b, "\n        }\n    }");
}

static const char *gnu_level(cf_level l)
{
    return l == CF_LEVEL_ERROR ? "error" : l == CF_LEVEL_WARNING ? "warning" : "note";
}

/* One finding of a streamed format; json's each start with ",\n" (the
 * first of the report has it taken off when written). */
static void render_one(cf_format fmt, cf_buf *b, const char *name, const cf_diag *d)
{
    switch (fmt) {
    case CF_FMT_TEXT:
        buf_adds(b, d->rule->id);
        buf_addc(b, ' ');
        esc_texts(b, d->message);
        buf_addc(b, '\n');
        esc_texts(b, name);
        buf_printf(b, ":%u:%u\n\n", d->pos.line, d->pos.col);
        break;
    case CF_FMT_PARSEABLE:
        esc_texts(b, name);
        buf_printf(b, ":%u:%u:%u:%u:%s:", d->pos.line, d->pos.col, d->end_pos.line, d->end_pos.col, d->rule->id);
        esc_texts(b, d->message);
        buf_addc(b, '\n');
        break;
    case CF_FMT_GNU:
        esc_texts(b, name);
        buf_printf(b, ":%u:%u: %s: ", d->pos.line, d->pos.col, gnu_level(cf_rule_level(d->rule)));
        esc_texts(b, d->message);
        buf_printf(b, " [%s]\n", d->rule->id);
        break;
    case CF_FMT_JSON:
        write_json(b, name, d);
        break;
    case CF_FMT_SARIF:
    case CF_FMT_JUNIT:
        break;
    }
}

static bool streamed(cf_format fmt)
{
    return fmt != CF_FMT_SARIF && fmt != CF_FMT_JUNIT;
}

bool cf_report_render(cf_format fmt, const char *name, const cf_diags *ds, cf_buf *out)
{
    if (!streamed(fmt))
        return false;
    for (size_t i = 0; i < ds->n; i++)
        render_one(fmt, out, name, &ds->v[i]);
    return true;
}

void cf_report_rendered(cf_report *r, const cf_buf *chunk, size_t count)
{
    if (!count || !chunk->len)
        return;
    size_t skip = r->fmt == CF_FMT_JSON && !r->written ? 1 : 0; /* the first finding's comma */
    fwrite(chunk->data + skip, 1, chunk->len - skip, r->out);
    r->written += count;
}

void cf_report_file(cf_report *r, const char *name, const cf_diags *ds)
{
    if (!streamed(r->fmt)) {
        for (size_t i = 0; i < ds->n; i++)
            collect(r, name, &ds->v[i]);
        r->written += ds->n;
        return;
    }
    cf_buf *b = &r->b;
    for (size_t i = 0; i < ds->n; i++) {
        size_t at = b->len;
        render_one(r->fmt, b, name, &ds->v[i]);
        if (r->fmt == CF_FMT_JSON && !r->written) {
            memmove(b->data + at, b->data + at + 1, b->len - at - 1); /* the first finding's comma */
            b->len--;
        }
        r->written++;
        if (b->len > 1 << 16) {
            fwrite(b->data, 1, b->len, r->out);
            buf_reset(b);
        }
    }
    if (b->len) {
        fwrite(b->data, 1, b->len, r->out);
        buf_reset(b);
    }
}

void cf_report_end(cf_report *r)
{
    if (r->fmt == CF_FMT_JSON)
        fputs(r->written ? "\n]\n" : "]\n", r->out);
    if (r->fmt == CF_FMT_SARIF)
        cf_write_sarif(r->out, r->found, r->nfound);
    if (r->fmt == CF_FMT_JUNIT)
        cf_write_junit(r->out, r->found, r->nfound, r->rules_on);
    fflush(r->out);
    for (size_t i = 0; i < r->nfound; i++) {
        free(r->found[i].file);
        free(r->found[i].message);
        for (size_t k = 0; k < r->found[i].nfixes; k++)
            cf_fix_free(&r->found[i].fixes[k]);
        free(r->found[i].fixes);
    }
    free(r->found);
    free(r->rules_on);
    buf_free(&r->b);
    free(r);
}
