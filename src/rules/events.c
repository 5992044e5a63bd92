/* E3027: an EventBridge rule's ScheduleExpression must be rate(Value Unit)
 * or cron(Minutes Hours Day-of-month Month Day-of-week Year), as cfn-lint
 * reads them: a positive whole number with a singular unit for 1 and a
 * plural one above; six cron fields of which Day-of-month or Day-of-week
 * is '?'.  Fields are split on single spaces and the expression ends at
 * the first ')', as cfn-lint splits them; its wording is kept, down to
 * naming the first character of a cron expression that sets both days.
 *
 * A literal string is judged, and each branch of an Fn::If on its own
 * (reported on the branch).  A value a Ref or Fn::Sub resolves to is not
 * (cfn-lint reports those as W1030/W1031 through its shared resolution). */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3027",
     "Validate AWS Event ScheduleExpression format",
     "Validate the formation of the AWS::Event ScheduleExpression",
     "https://docs.aws.amazon.com/AmazonCloudWatch/latest/events/ScheduledEvents.html",
     "resources,events"},
};

#define CRON_FIELDS "(Minutes Hours Day-of-month Month Day-of-week Year)"

typedef struct finding {
    cf_lint_ctx *ctx;
    const cf_node *at;
} finding;

__attribute__((format(printf, 2, 3))) static void report(const finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cf_diag_at(f->ctx->out, f->ctx->doc, "E3027", f->at, "%s", msg);
    free(msg);
}

/* repr() of s[0..n) into a fresh buffer (caller frees). */
static char *repr_n(const char *s, size_t n)
{
    cf_buf b = {0};
    cf_repr_str(&b, s, n);
    return buf_steal(&b);
}

/* Python's str.split(" ") of s[0..n): the count of fields, and where the
 * i-th starts and how long it is. */
static size_t split_spaces(const char *s, size_t n, size_t i, const char **field, size_t *len)
{
    size_t count = 0, start = 0;
    for (size_t k = 0; k <= n; k++) {
        if (k < n && s[k] != ' ')
            continue;
        if (count == i) {
            *field = s + start;
            *len = k - start;
        }
        count++;
        start = k + 1;
    }
    return count;
}

static bool all_digits(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static void check_rate(const finding *f, const char *e, size_t n)
{
    const char *value = e, *unit = e;
    size_t vlen = 0, ulen = 0;
    if (!n) {
        report(f, "'' is not of type 'string'");
        return;
    }
    if (split_spaces(e, n, 0, &value, &vlen) != 2) {
        char *r = repr_n(e, n);
        report(f, "%s has to be of format rate(Value Unit)", r);
        free(r);
        return;
    }
    split_spaces(e, n, 1, &unit, &ulen);
    char *rv = repr_n(value, vlen);
    if (!all_digits(value, vlen)) {
        report(f, "%s is not of type 'integer'", rv);
        free(rv);
        return;
    }
    /* a value of digits: 0 and 1 compare the same as their float */
    size_t lead = 0;
    while (lead + 1 < vlen && value[lead] == '0')
        lead++;
    bool zero = vlen - lead == 1 && value[lead] == '0';
    bool one_or_less = zero || (vlen - lead == 1 && value[lead] == '1');
    if (zero)
        report(f, "%s is less than the minimum of 0", rv);
    free(rv);
    static const char *const singular[] = {"minute", "hour", "day"}, *const plural[] = {"minutes", "hours", "days"};
    const char *const *units = one_or_less ? singular : plural;
    for (int i = 0; i < 3; i++)
        if (strlen(units[i]) == ulen && !memcmp(units[i], unit, ulen))
            return;
    char *ru = repr_n(unit, ulen);
    report(f, "%s is not one of ['%s', '%s', '%s']", ru, units[0], units[1], units[2]);
    free(ru);
}

static void check_cron(const finding *f, const char *e, size_t n)
{
    if (!n) {
        report(f, "'' is not of type 'string'");
        return;
    }
    const char *first = e, *dom = e, *dow = e;
    size_t flen = 0, domlen = 0, dowlen = 0;
    if (split_spaces(e, n, 0, &first, &flen) != 6) {
        char *r = repr_n(first, flen);
        report(f, "%s is not of length 6. " CRON_FIELDS, r);
        free(r);
        return;
    }
    split_spaces(e, n, 2, &dom, &domlen);
    split_spaces(e, n, 4, &dow, &dowlen);
    if ((domlen == 1 && *dom == '?') || (dowlen == 1 && *dow == '?'))
        return;
    /* the first character, as a string: UTF-8 keeps its bytes together */
    size_t c = 1;
    while (c < n && ((unsigned char)e[c] & 0xC0) == 0x80)
        c++;
    char *r = repr_n(e, c);
    report(f, "%s specifies both Day-of-month and Day-of-week. " CRON_FIELDS, r);
    free(r);
}

static void check_expression(const finding *f, const char *s)
{
    size_t n = strlen(s);
    bool rate = !strncmp(s, "rate(", 5), cron = !strncmp(s, "cron(", 5);
    if ((!rate && !cron) || !n || s[n - 1] != ')') {
        char *r = repr_n(s, n);
        report(f, "%s has to be either 'cron()' or 'rate()'", r);
        free(r);
        return;
    }
    /* between the first '(' and the first ')' */
    const char *open = strchr(s, '('), *close = strchr(s, ')');
    size_t len = close > open ? (size_t)(close - open - 1) : 0;
    if (rate)
        check_rate(f, open + 1, len);
    else
        check_cron(f, open + 1, len);
}

/* A literal string, or each branch of an Fn::If (AWS::NoValue left out). */
static void check_value(cf_lint_ctx *ctx, const cf_node *v, const cf_node *at, int depth)
{
    const char *fn = cf_intrinsic_name(v);
    if (fn && !strcmp(fn, "Fn::If") && depth < 32) {
        const cf_node *args = v->u.pairs[0].value;
        for (uint32_t i = 1; args->kind == CF_SEQUENCE && args->len == 3 && i < 3; i++)
            check_value(ctx, args->u.items[i], args->u.items[i], depth + 1);
        return;
    }
    if (v->kind != CF_SCALAR || v->type != CF_TYPE_STR)
        return; /* another function (Ref, Fn::Sub...), a number, AWS::NoValue */
    finding f = {ctx, at};
    check_expression(&f, v->u.str);
}

static void check(cf_lint_ctx *ctx)
{
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->type_name || strcmp(r->type_name, "AWS::Events::Rule") || !r->properties ||
            r->properties->kind != CF_MAPPING)
            continue;
        const cf_node *expr = cf_map_get(r->properties, "ScheduleExpression");
        if (expr)
            check_value(ctx, expr, cf_loc_key(expr), 0);
    }
}

CF_FAMILY(family_events, "events", check, rules);
