/* I3042: an ARN built with Fn::Sub should take its partition from
 * ${AWS::Partition} (or a variable) rather than spell out "aws", so the
 * template deploys in aws-cn and aws-us-gov too.  As in cfn-lint with its
 * default configuration (partition only): every string under Resources
 * with an Fn::Sub above it, every ARN in it; not in SAM templates. */
#include "../lint.h"
#include "../regex.h"
#include "section.h"

#include <ctype.h>
#include <string.h>

static const cf_rule rules[] = {
    {"I3042",
     "ARNs should use correctly placed Pseudo Parameters",
     "Checks Resources if ARNs use correctly placed Pseudo Parameters instead of hardcoded Partition, Region, and Account Number",
     "",
     "resources"},
};

/* arn:PARTITION:SERVICE:REGION:ACCOUNT, each of PARTITION, REGION and
 * ACCOUNT either a ${A::B} variable or a run without ':' or spaces. */
static const char arn_pattern[] =
    "arn:(\\$\\{[^:\\r\\n]*::[^:\\r\\n]*}|[^:\\s]*):[^:\\s]+:(\\$\\{[^:\\r\\n]*::[^:\\r\\n]*}|[^:\\s]*):"
    "(\\$\\{[^:\\r\\n]*::[^:\\r\\n]*}|[^:\\s]*)";

/* A partition that is fine: empty, "*", or starting with a variable. */
static bool partition_ok(const char *p, size_t len)
{
    if (!len || p[0] == '*')
        return true;
    if (len >= 17 && !strncmp(p, "${AWS::Partition}", 17))
        return true;
    if (len < 4 || p[0] != '$' || p[1] != '{')
        return false;
    size_t i = 2;
    while (i < len && (isalnum((unsigned char)p[i]) || p[i] == '_'))
        i++;
    return i > 2 && i < len && p[i] == '}';
}

static void judge_string(cf_lint_ctx *ctx, const char *resource, const cf_node *s)
{
    size_t at = 0, len = s->len, g[4];
    while (at <= len && cf_regex_find(arn_pattern, s->u.str, len, at, g, 2) == 1) {
        if (g[2] != (size_t)-1 && !partition_ok(s->u.str + g[2], g[3] - g[2]))
            cf_sect_report(ctx, "I3042", s,
                           "ARN in Resource %s contains hardcoded Partition in ARN or incorrectly placed "
                           "Pseudo Parameters",
                           resource);
        at = g[1] > g[0] ? g[1] : g[0] + 1;
    }
}

static void walk(cf_lint_ctx *ctx, const char *resource, const cf_node *n, bool in_sub, int depth)
{
    if (!n || depth > 256)
        return;
    switch (n->kind) {
    case CF_MAPPING:
        for (uint32_t i = 0; i < n->len; i++) {
            const cf_node *k = n->u.pairs[i].key;
            walk(ctx, resource, n->u.pairs[i].value, in_sub || !strcmp(k->u.str, "Fn::Sub"), depth + 1);
        }
        break;
    case CF_SEQUENCE:
        for (uint32_t i = 0; i < n->len; i++)
            walk(ctx, resource, n->u.items[i], in_sub, depth + 1);
        break;
    default:
        if (in_sub && n->type == CF_TYPE_STR)
            judge_string(ctx, resource, n);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (t->sam)
        return;
    for (size_t i = 0; i < t->nres; i++)
        walk(ctx, t->res[i].name, t->res[i].node, false, 0);
}

CF_FAMILY(family_hardcoded_arns, "hardcoded_arns", check, rules);
