/* cfnfix rules: the rule catalogue, one rule a line (or JSON);
 * cfnfix explain ID...: everything cfnfix knows about a rule. */
#include "cli.h"
#include "escape.h"
#include "rules.h"
#include "util.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rules_usage(FILE *out)
{
    fputs("Usage: cfnfix rules [--format text|json]\n"
          "List every rule: its id, level and short description, sorted by id.\n"
          "Rules whose id starts with I are informational and off unless included\n"
          "(lint --include-checks I).\n"
          "\n"
          "Options:\n"
          "  -f, --format FORMAT  text (default) or json\n"
          "  -h, --help           show this help\n",
          out);
}

static void json_field(cf_buf *b, const char *key, const char *value, bool last)
{
    buf_printf(b, "        \"%s\": \"", key);
    esc_jsons(b, value);
    buf_adds(b, last ? "\"\n" : "\",\n");
}

/* Shaped like the Rule object of `lint -f json` (sorted keys, 4 spaces),
 * plus Level and Tags. */
static void write_json(cf_buf *b, const cf_rule *const *all, size_t n)
{
    buf_adds(b, n ? "[\n" : "[]\n");
    for (size_t i = 0; i < n; i++) {
        const cf_rule *r = all[i];
        buf_adds(b, "    {\n");
        json_field(b, "Description", r->desc, false);
        json_field(b, "Id", r->id, false);
        json_field(b, "Level", cf_level_name(cf_rule_level(r)), false);
        json_field(b, "ShortDescription", r->short_desc, false);
        json_field(b, "Source", r->source, false);
        buf_adds(b, "        \"Tags\": [");
        const char *t = r->tags ? r->tags : "";
        for (bool first = true; *t; first = false) {
            size_t len = strcspn(t, ",");
            buf_adds(b, first ? "\n            \"" : ",\n            \"");
            esc_json(b, t, len);
            buf_addc(b, '"');
            t += len + (t[len] == ',');
        }
        buf_adds(b, r->tags && *r->tags ? "\n        ]\n" : "]\n");
        buf_adds(b, i + 1 < n ? "    },\n" : "    }\n]\n");
    }
}

int cmd_rules(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool json = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0) {
                cli_error("rules: unknown format '%s' (choose from text, json)", optarg);
                return CF_EXIT_USAGE;
            }
            json = strcmp(optarg, "json") == 0;
            break;
        case 'h':
            rules_usage(stdout);
            return CF_EXIT_OK;
        default:
            cli_error("rules: option '%s' is not known or needs a value", argv[optind - 1]);
            fputs("Try 'cfnfix rules --help'.\n", stderr);
            return CF_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("rules: unexpected argument '%s' ('cfnfix explain ID' describes one rule)", argv[optind]);
        return CF_EXIT_USAGE;
    }
    size_t n;
    const cf_rule *const *all = cf_rules_all(&n);
    cf_buf b = {0};
    if (json)
        write_json(&b, all, n);
    else
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%-6s %-13s %s\n", all[i]->id, cf_level_name(cf_rule_level(all[i])),
                       all[i]->short_desc);
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    return CF_EXIT_OK;
}

/* --- explain ------------------------------------------------------------ */

/* Levenshtein distance, for ids a typo away ("E3020" for "E3002"). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 16 || lb > 16)
        return (size_t)-1;
    size_t row[17];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* Whether rule id is close to what was asked: pass 0, id starts with it
 * (an id prefix, as ignore_checks takes); pass 1, a typo away. */
static bool close_to(const char *rule_id, const char *asked, int pass)
{
    size_t len = strlen(asked);
    return pass == 0 ? len && strncmp(rule_id, asked, len) == 0 : distance(rule_id, asked) == 1;
}

/* What to say about an id no rule has: the rules it is a prefix of, else
 * the ids one edit away, else where the list is. */
static void suggest(cf_buf *b, const char *id)
{
    enum { MAX_SHOWN = 8 };
    size_t n;
    const cf_rule *const *all = cf_rules_all(&n);
    for (int pass = 0; pass < 2; pass++) {
        size_t matched = 0;
        for (size_t i = 0; i < n; i++) {
            if (!close_to(all[i]->id, id, pass))
                continue;
            if (matched < MAX_SHOWN) {
                buf_adds(b, matched ? ", " : pass == 0 ? "; rules starting with it: " : "; did you mean ");
                buf_adds(b, all[i]->id);
            }
            matched++;
        }
        if (matched > MAX_SHOWN)
            buf_printf(b, " and %zu more", matched - MAX_SHOWN);
        if (matched) {
            if (pass == 1)
                buf_addc(b, '?');
            return;
        }
    }
    buf_adds(b, "; 'cfnfix rules' lists them all");
}

/* Text filled to lines of at most width columns (longer words stand
 * alone); the rule texts are ASCII. */
static void fill(cf_buf *b, const char *text, size_t width)
{
    size_t col = 0;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        if (col && col + 1 + len > width) {
            buf_addc(b, '\n');
            col = 0;
        }
        if (col) {
            buf_addc(b, ' ');
            col++;
        }
        buf_add(b, p, len);
        col += len;
        p += len;
    }
    buf_addc(b, '\n');
}

static void explain(cf_buf *b, const cf_rule *r)
{
    cf_level level = cf_rule_level(r);
    buf_printf(b, "%s (%s): %s\n\n", r->id, cf_level_name(level), r->short_desc);
    fill(b, r->desc, 76);
    buf_addc(b, '\n');
    if (r->tags && *r->tags) {
        buf_adds(b, "Tags:          ");
        for (const char *t = r->tags; *t; t++) {
            if (*t == ',')
                buf_adds(b, ", ");
            else
                buf_addc(b, *t);
        }
        buf_addc(b, '\n');
    }
    buf_printf(b, "Documentation: %s\n", r->source);
    if (level == CF_LEVEL_INFO)
        buf_printf(b, "Off by default: 'cfnfix lint --include-checks %s' turns it on.\n", r->id);
    buf_printf(b, "Suppress:      --ignore-checks %s, ignore_checks: [%s] in .cfnlintrc or in\n"
                  "               Metadata: cfn-lint: config: of the template or of a resource\n",
               r->id, r->id);
    const char *instead = cf_rule_reported_as(r);
    if (instead) {
        buf_adds(b, "\nNot reported under this id (as in cfn-lint 1.51.0):\n");
        fill(b, instead, 76);
    }
}

int cmd_explain(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("explain: which rule? (cfnfix explain E3012; 'cfnfix rules' lists them)");
        return CF_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs("Usage: cfnfix explain ID...\n"
              "Describe rules: level, short and long description, tags, documentation\n"
              "link and how to suppress them.\n",
              stdout);
        return CF_EXIT_OK;
    }
    int status = CF_EXIT_OK;
    cf_buf b = {0};
    for (int i = 1; i < argc; i++) {
        /* ids are upper case; accept e3012 */
        char *id = xstrdup(argv[i]);
        for (char *p = id; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        const cf_rule *r = cf_rule_find(id);
        if (r) {
            if (b.len)
                buf_addc(&b, '\n');
            explain(&b, r);
        } else {
            cf_buf why = {0};
            buf_printf(&why, "explain: no rule '%s'", argv[i]);
            suggest(&why, id);
            cli_error("%s", why.data);
            buf_free(&why);
            status = CF_EXIT_USAGE;
        }
        free(id);
    }
    if (b.len)
        fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    return status;
}
