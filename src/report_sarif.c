/* `-f sarif`: SARIF 2.1.0 as GitHub code scanning accepts it, shaped like
 * cfn-lint's: one run, the rules that fired under tool.driver.rules, one
 * result per finding with its file (relative to where cfnfix ran) and
 * region.  Unlike cfn-lint, every result states its level (cfn-lint's
 * serializer drops "warning", the default) and rules carry their default
 * level and tags, which code scanning shows and filters on. */
#include "config.h"
#include "escape.h"
#include "report_formats.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/cos02/schemas/sarif-schema-2.1.0.json"
/* Results name their file relative to this base, as cfn-lint's do. */
#define BASE_ID "EXECUTIONROOT"

/* A small pretty-printing JSON writer (two spaces, as cfn-lint indents). */
typedef struct json_out {
    cf_buf *b;
    int depth;
    bool first; /* nothing written yet in the open object or array */
} json_out;

static void member(json_out *w, const char *key)
{
    if (!w->first)
        buf_addc(w->b, ',');
    buf_addc(w->b, '\n');
    for (int i = 0; i < w->depth; i++)
        buf_adds(w->b, "  ");
    if (key)
        buf_printf(w->b, "\"%s\": ", key);
    w->first = false;
}

static void open_(json_out *w, const char *key, char bracket)
{
    member(w, key);
    buf_addc(w->b, bracket);
    w->depth++;
    w->first = true;
}

static void close_(json_out *w, char bracket)
{
    w->depth--;
    if (!w->first) {
        buf_addc(w->b, '\n');
        for (int i = 0; i < w->depth; i++)
            buf_adds(w->b, "  ");
    }
    buf_addc(w->b, bracket);
    w->first = false;
}

static void str(json_out *w, const char *key, const char *value)
{
    member(w, key);
    buf_addc(w->b, '"');
    esc_jsons(w->b, value);
    buf_addc(w->b, '"');
}

static void num(json_out *w, const char *key, unsigned long value)
{
    member(w, key);
    buf_printf(w->b, "%lu", value);
}

/* {"text": value} */
static void message(json_out *w, const char *key, const char *text)
{
    open_(w, key, '{');
    str(w, "text", text);
    close_(w, '}');
}

static const char *sarif_level(cf_level l)
{
    return l == CF_LEVEL_ERROR ? "error" : l == CF_LEVEL_WARNING ? "warning" : "note";
}

/* RFC 3986: a relative reference keeps unreserved characters and '/';
 * every other byte is percent-encoded, so the URI is ASCII whatever the
 * file is called.  An absolute path becomes a file: URI. */
static char *file_uri(const char *path)
{
    cf_buf b = {0};
    if (path[0] == '/')
        buf_adds(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            buf_addc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_steal(&b);
}

static void write_rule(json_out *w, const cf_rule *r)
{
    open_(w, NULL, '{');
    str(w, "id", r->id);
    message(w, "shortDescription", r->short_desc);
    message(w, "fullDescription", r->desc);
    str(w, "helpUri", r->source);
    open_(w, "defaultConfiguration", '{');
    str(w, "level", sarif_level(cf_rule_level(r)));
    close_(w, '}');
    if (r->tags && *r->tags) {
        open_(w, "properties", '{');
        open_(w, "tags", '[');
        for (const char *t = r->tags; *t;) {
            size_t len = strcspn(t, ",");
            char *tag = xstrndup(t, len);
            str(w, NULL, tag);
            free(tag);
            t += len + (t[len] == ',');
        }
        close_(w, ']');
        close_(w, '}');
    }
    close_(w, '}');
}

static void region(json_out *w, const char *key, cf_pos start, cf_pos end)
{
    open_(w, key, '{');
    num(w, "startLine", start.line);
    num(w, "startColumn", start.col);
    num(w, "endLine", end.line);
    num(w, "endColumn", end.col);
    close_(w, '}');
}

/* result.fixes (SARIF 2.1.0 section 3.55): each alternative as one
 * artifactChange of the finding's file, its edits as replacements of a
 * region (empty for an insertion) by insertedContent; how safe it is goes
 * in the property bag. */
static void write_fixes(json_out *w, const cf_finding *f, const char *uri)
{
    open_(w, "fixes", '[');
    for (size_t i = 0; i < f->nfixes; i++) {
        const cf_fix *x = &f->fixes[i];
        open_(w, NULL, '{');
        message(w, "description", x->title);
        open_(w, "artifactChanges", '[');
        open_(w, NULL, '{');
        open_(w, "artifactLocation", '{');
        str(w, "uri", uri);
        if (f->file[0] != '/')
            str(w, "uriBaseId", BASE_ID);
        close_(w, '}');
        open_(w, "replacements", '[');
        for (size_t k = 0; k < x->nedits; k++) {
            open_(w, NULL, '{');
            region(w, "deletedRegion", x->edits[k].start_pos, x->edits[k].end_pos);
            open_(w, "insertedContent", '{');
            str(w, "text", x->edits[k].text);
            close_(w, '}');
            close_(w, '}');
        }
        close_(w, ']');
        close_(w, '}');
        close_(w, ']');
        open_(w, "properties", '{');
        str(w, "applicability", cf_applicability_name(x->applicability));
        close_(w, '}');
        close_(w, '}');
    }
    close_(w, ']');
}

static void write_result(json_out *w, const cf_finding *f, size_t rule_index)
{
    open_(w, NULL, '{');
    str(w, "ruleId", f->rule->id);
    num(w, "ruleIndex", rule_index);
    str(w, "level", sarif_level(cf_rule_level(f->rule)));
    message(w, "message", f->message);
    open_(w, "locations", '[');
    open_(w, NULL, '{');
    open_(w, "physicalLocation", '{');
    open_(w, "artifactLocation", '{');
    char *uri = file_uri(f->file);
    str(w, "uri", uri);
    if (f->file[0] != '/')
        str(w, "uriBaseId", BASE_ID);
    close_(w, '}');
    region(w, "region", f->pos, f->end_pos);
    close_(w, '}');
    close_(w, '}');
    close_(w, ']');
    if (f->nfixes)
        write_fixes(w, f, uri);
    free(uri);
    close_(w, '}');
}

void cf_write_sarif(FILE *out, const cf_finding *v, size_t n)
{
    size_t nrules;
    const cf_rule *const *all = cf_rules_all(&nrules);
    /* rules[] lists the rules that fired, in id order; results point
     * into it by ruleIndex */
    size_t *slot = xmalloc(sizeof *slot * (nrules ? nrules : 1));
    for (size_t i = 0; i < nrules; i++)
        slot[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++)
        slot[cf_report_rule_index(v[i].rule)] = 0;
    size_t fired = 0;
    for (size_t i = 0; i < nrules; i++)
        if (slot[i] != (size_t)-1)
            slot[i] = fired++;

    cf_buf b = {0};
    json_out w = {&b, 1, true};
    buf_addc(&b, '{');
    str(&w, "$schema", SARIF_SCHEMA);
    str(&w, "version", "2.1.0");
    open_(&w, "runs", '[');
    open_(&w, NULL, '{');
    open_(&w, "tool", '{');
    open_(&w, "driver", '{');
    str(&w, "name", "cfnfix");
    str(&w, "version", PACKAGE_VERSION);
    if (*PACKAGE_URL)
        str(&w, "informationUri", PACKAGE_URL);
    message(&w, "shortDescription",
            "Finds what would make an AWS CloudFormation stack fail or misbehave, with cfn-lint's rules.");
    open_(&w, "rules", '[');
    for (size_t i = 0; i < nrules; i++)
        if (slot[i] != (size_t)-1)
            write_rule(&w, all[i]);
    close_(&w, ']');
    close_(&w, '}');
    close_(&w, '}');
    open_(&w, "originalUriBaseIds", '{');
    open_(&w, BASE_ID, '{');
    message(&w, "description", "The directory in which cfnfix was run.");
    close_(&w, '}');
    close_(&w, '}');
    open_(&w, "results", '[');
    for (size_t i = 0; i < n; i++) {
        write_result(&w, &v[i], slot[cf_report_rule_index(v[i].rule)]);
        if (b.len > 1 << 16) {
            fwrite(b.data, 1, b.len, out);
            buf_reset(&b);
        }
    }
    close_(&w, ']');
    close_(&w, '}');
    close_(&w, ']');
    buf_adds(&b, "\n}\n");
    fwrite(b.data, 1, b.len, out);
    buf_free(&b);
    free(slot);
}
