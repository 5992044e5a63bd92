/* `-f junit`: JUnit XML as cfn-lint writes it (through the junit-xml
 * package): one suite, "CloudFormation Lint", for every file linted, and
 * one test case per rule, in id order:
 *   - a failure for each finding of the rule ("MESSAGE at FILE:LINE:COL");
 *   - skipped ("Ignored rule") when the rule was off for every template;
 *   - passed otherwise.
 * cfn-lint counts a rule whose only findings come from templates that did
 * not parse (E0000) as skipped and loses those findings; here a rule with
 * findings is always a failure.
 *
 * XML 1.0 cannot carry most C0 controls even as character references, so
 * text is first made terminal-safe (controls become visible escapes such as
 * \x1b, as in the text format) and then XML-escaped. */
#include "escape.h"
#include "report_formats.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Attribute value content: terminal-safe text with &, <, > and " escaped
 * (as minidom writes them); U+FFFE and U+FFFF, which XML forbids and terminals show, become
 * visible escapes too. */
static void xml_attr(cf_buf *b, const char *s)
{
    cf_buf safe = {0};
    esc_texts(&safe, s);
    const char *p = safe.data ? safe.data : "";
    for (; *p; p++) {
        switch (*p) {
        case '&': buf_adds(b, "&amp;"); break;
        case '<': buf_adds(b, "&lt;"); break;
        case '>': buf_adds(b, "&gt;"); break;
        case '"': buf_adds(b, "&quot;"); break;
        default:
            /* EF BF BE / EF BF BF: U+FFFE, U+FFFF */
            if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBF &&
                ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
                buf_printf(b, "\\u%04x", (unsigned char)p[2] == 0xBE ? 0xFFFEu : 0xFFFFu);
                p += 2;
            } else {
                buf_addc(b, *p);
            }
        }
    }
    buf_free(&safe);
}

void cf_write_junit(FILE *out, const cf_finding *v, size_t n, const bool *ran)
{
    size_t nrules;
    const cf_rule *const *all = cf_rules_all(&nrules);
    /* the findings of each rule, in report order: a count per rule, then
     * the findings' positions grouped by rule */
    size_t *count = xcalloc(nrules + 1, sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[cf_report_rule_index(v[i].rule) + 1]++;
    for (size_t i = 0; i < nrules; i++)
        count[i + 1] += count[i];
    size_t *order = xmalloc(sizeof *order * (n ? n : 1));
    size_t *fill = xmalloc(sizeof *fill * (nrules ? nrules : 1));
    memcpy(fill, count, sizeof *fill * nrules);
    for (size_t i = 0; i < n; i++)
        order[fill[cf_report_rule_index(v[i].rule)]++] = i;

    size_t failures = 0, skipped = 0;
    for (size_t i = 0; i < nrules; i++) {
        if (count[i + 1] > count[i])
            failures++;
        else if (!ran[i])
            skipped++;
    }

    cf_buf b = {0};
    buf_printf(&b,
               "<?xml version=\"1.0\" ?>\n"
               "<testsuites disabled=\"0\" errors=\"0\" failures=\"%zu\" tests=\"%zu\" time=\"0.0\">\n"
               "\t<testsuite disabled=\"0\" errors=\"0\" failures=\"%zu\" name=\"CloudFormation Lint\" "
               "skipped=\"%zu\" tests=\"%zu\" time=\"0\">\n",
               failures, nrules, failures, skipped, nrules);
    for (size_t i = 0; i < nrules; i++) {
        const cf_rule *r = all[i];
        bool failed = count[i + 1] > count[i];
        buf_adds(&b, "\t\t<testcase name=\"");
        xml_attr(&b, r->id);
        buf_addc(&b, ' ');
        xml_attr(&b, r->short_desc);
        buf_addc(&b, '"');
        if (!failed && !ran[i]) {
            buf_adds(&b, ">\n\t\t\t<skipped type=\"skipped\" message=\"Ignored rule\"/>\n\t\t</testcase>\n");
            continue;
        }
        buf_adds(&b, " url=\"");
        xml_attr(&b, r->source);
        buf_addc(&b, '"');
        if (!failed) {
            buf_adds(&b, "/>\n");
            continue;
        }
        buf_adds(&b, ">\n");
        for (size_t k = count[i]; k < count[i + 1]; k++) {
            const cf_finding *f = &v[order[k]];
            buf_adds(&b, "\t\t\t<failure type=\"");
            xml_attr(&b, f->message);
            buf_adds(&b, "\" message=\"");
            xml_attr(&b, f->message);
            buf_adds(&b, " at ");
            xml_attr(&b, f->file);
            buf_printf(&b, ":%u:%u\"/>\n", f->pos.line, f->pos.col);
        }
        buf_adds(&b, "\t\t</testcase>\n");
        if (b.len > 1 << 16) {
            fwrite(b.data, 1, b.len, out);
            buf_reset(&b);
        }
    }
    /* cfn-lint prints the document, which already ends in a newline */
    buf_adds(&b, "\t</testsuite>\n</testsuites>\n\n");
    fwrite(b.data, 1, b.len, out);
    buf_free(&b);
    free(count);
    free(order);
    free(fill);
}
