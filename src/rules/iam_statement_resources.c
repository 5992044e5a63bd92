/* I3510: an identity policy statement whose literal Resource ARNs (and
 * NotResource ARNs) include none of the resource types an action it
 * allows works on, by the IAM action data (lifecycle/Policies.json).
 *
 * As cfn-lint judges it: a statement with a "*" resource, a dynamic
 * reference or a Ref to a parameter is not judged; one with other
 * functions among its resources judges only actions that need no
 * particular resource; wildcard actions and unknown ones are skipped.
 * ARNs are compared part by part (partition, service, region, account),
 * the data's ${Partition}, ${Region} and ${Account} and a "*" in the
 * template matching anything, and the resource part segment by segment.
 * Like cfn-lint, each resource type is represented by the last ARN format
 * the data lists for it, and the message names the last type's formats. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "iam_statement_resources.h"
#include "section.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"I3510", "Validate statement resources match the actions",
     "IAM policy statements have different constraints between actions and resources. This rule validates that resource ARNs or asterisks match the actions.",
     "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html",
     "resources,iam"},
};

/* An ARN in six parts ("arn", partition, service, region, account,
 * resource); parts the text lacks are "*". */
typedef struct arn {
    char *text; /* the copy the parts point into */
    const char *part[6];
} arn;

static void arn_split(arn *a, const char *s)
{
    a->text = xstrdup(s);
    for (int i = 0; i < 6; i++)
        a->part[i] = "*";
    char *p = a->text;
    for (int i = 0; i < 6 && p; i++) {
        a->part[i] = p;
        char *colon = i < 5 ? strchr(p, ':') : NULL;
        if (colon)
            *colon++ = '\0';
        p = colon;
    }
}

static bool is_placeholder(const char *p)
{
    return !strcmp(p, "${Partition}") || !strcmp(p, "${Region}") || !strcmp(p, "${Account}");
}

/* Whether the template's ARN t covers the data's format f. */
static bool arn_covers(const arn *t, const arn *f)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(t->part[i], "*") && !is_placeholder(f->part[i]) && strcmp(t->part[i], f->part[i]))
            return false;
    if (!strcmp(t->part[5], "*"))
        return true;
    char delim = strchr(f->part[5], ':') ? ':' : strchr(f->part[5], '/') ? '/' : 0;
    if (!delim)
        return true;
    const char *x = t->part[5], *y = f->part[5];
    for (;;) { /* zip: the shorter list of segments ends the comparison */
        size_t xl = strcspn(x, (char[]){delim, 0}), yl = strcspn(y, (char[]){delim, 0});
        bool same = xl == yl && !strncmp(x, y, xl);
        if (!same) {
            if (*x == '*' || (yl == 0) || (yl == 2 && !strncmp(y, ".*", 2)))
                return true;
            /* x.startswith(y) and "*" in x */
            bool starts = xl >= yl && !strncmp(x, y, yl), star = memchr(x, '*', xl) != NULL;
            return starts && star;
        }
        if (!x[xl] || !y[yl])
            return true;
        x += xl + 1;
        y += yl + 1;
    }
}

typedef struct statement {
    arn *arns;
    size_t narns, cap;
    bool functions; /* a resource given by a function */
    bool skip;      /* "*", a dynamic reference or a parameter: not judged */
    const cf_node *actions[64];
    size_t nactions;
} statement;

static bool dynamic_reference(const char *s)
{
    const char *p = strstr(s, "{{resolve:");
    return p && p[10] && strstr(p + 11, "}}");
}

static void take_resource(cf_lint_ctx *ctx, statement *st, const cf_node *r)
{
    if (r->kind == CF_SCALAR && r->type == CF_TYPE_STR) {
        if (dynamic_reference(r->u.str) || !strcmp(r->u.str, "*")) {
            st->skip = true;
            return;
        }
        GROW(st->arns, st->cap, st->narns + 1);
        arn_split(&st->arns[st->narns++], r->u.str);
        return;
    }
    const char *fn = cf_intrinsic_name(r);
    if (!fn)
        return;
    const cf_node *arg = r->u.pairs[0].value;
    if (!strcmp(fn, "Ref") && arg->kind == CF_SCALAR && arg->type == CF_TYPE_STR &&
        cf_section_get(&ctx->tpl->params, arg->u.str)) {
        st->skip = true;
        return;
    }
    st->functions = true;
}

static void at_resources(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    (void)s;
    statement *st = arg;
    if (cf_is_no_value(v))
        return;
    if (v->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < v->len; i++)
            take_resource(ctx, st, v->u.items[i]);
    else
        take_resource(ctx, st, v);
}

static void at_actions(cf_lint_ctx *ctx, const cf_node *v, const cf_scenario *s, void *arg)
{
    (void)ctx;
    (void)s;
    statement *st = arg;
    size_t n = v->kind == CF_SEQUENCE ? v->len : 1;
    for (size_t i = 0; i < n && st->nactions < sizeof st->actions / sizeof *st->actions; i++)
        st->actions[st->nactions++] = v->kind == CF_SEQUENCE ? v->u.items[i] : v;
}

static char *lowered(const char *s, size_t n)
{
    char *out = xstrndup(s, n);
    for (char *p = out; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return out;
}

/* The action's resource types' formats; the finding when no ARN of the
 * statement covers any of them. */
static void judge_action(cf_lint_ctx *ctx, const statement *st, const cf_node *statement_node, const cf_node *action)
{
    if (action->kind != CF_SCALAR || action->type != CF_TYPE_STR || strpbrk(action->u.str, "*?"))
        return;
    const char *colon = strchr(action->u.str, ':');
    if (!colon)
        return;
    char *service = lowered(action->u.str, (size_t)(colon - action->u.str)), *name = lowered(colon + 1, strlen(colon + 1));
    char *entry = xasprintf("iam/%s", service);
    const cf_node *svc = cf_spec_entry(ctx->spec, entry);
    const cf_node *needs = cf_map_get(cf_map_get(cf_map_get(svc, "Actions"), name), "Resources");
    free(entry);
    free(service);
    free(name);
    if (!needs || st->functions || (needs->kind != CF_SEQUENCE && needs->kind != CF_SCALAR))
        return;
    const cf_node *kinds = cf_map_get(svc, "Resources"), *formats = NULL;
    size_t n = needs->kind == CF_SEQUENCE ? needs->len : 1;
    for (size_t i = 0; i < n; i++) {
        const cf_node *kind = needs->kind == CF_SEQUENCE ? needs->u.items[i] : needs;
        if (kind->kind != CF_SCALAR)
            return;
        char *key = lowered(kind->u.str, kind->len);
        formats = cf_map_get(cf_map_get(kinds, key), "ARNFormats");
        free(key);
        if (!formats || formats->kind != CF_SEQUENCE || !formats->len)
            return; /* data cfn-lint would fail on */
        const cf_node *last = formats->u.items[formats->len - 1];
        arn f;
        arn_split(&f, last->u.str);
        bool covered = false;
        for (size_t k = 0; k < st->narns && !covered; k++)
            covered = arn_covers(&st->arns[k], &f);
        free(f.text);
        if (covered)
            return;
    }
    cf_buf msg = {0};
    buf_adds(&msg, "action ");
    cf_repr(&msg, action);
    buf_adds(&msg, " requires a resource of ");
    cf_repr(&msg, formats);
    const cf_node *resource = cf_map_get(statement_node, "Resource");
    if (resource) {
        cf_sect_report(ctx, "I3510", resource, "%s", msg.data);
    } else {
        cf_diag *d = cf_sect_report_past(ctx, "I3510", statement_node, "%s", msg.data);
        cf_diag_path_add(d, "Resource");
    }
    buf_free(&msg);
}

static void at_statement(cf_lint_ctx *ctx, const cf_node *node, const cf_scenario *s, void *arg)
{
    (void)s;
    (void)arg;
    static const char *const resource[] = {"Resource", NULL}, *const not_resource[] = {"NotResource", NULL},
                             *const action[] = {"Action", NULL};
    if (node->kind != CF_MAPPING || cf_intrinsic_name(node))
        return;
    statement st = {0};
    cf_sect_values(ctx, node, resource, NULL, at_resources, &st);
    cf_sect_values(ctx, node, not_resource, NULL, at_resources, &st);
    if (!st.skip) {
        cf_sect_values(ctx, node, action, NULL, at_actions, &st);
        for (size_t i = 0; i < st.nactions; i++)
            judge_action(ctx, &st, node, st.actions[i]);
    }
    for (size_t i = 0; i < st.narns; i++)
        free(st.arns[i].text);
    free(st.arns);
}

void cf_iam_statement_resources(cf_lint_ctx *ctx, const cf_node *doc)
{
    static const char *const each[] = {"Statement", "*", NULL}, *const one[] = {"Statement", NULL};
    if (!ctx->spec)
        return;
    const cf_node *statements = cf_map_get(doc, "Statement");
    if (statements && statements->kind == CF_SEQUENCE)
        cf_sect_values(ctx, doc, each, NULL, at_statement, NULL);
    else
        cf_sect_values(ctx, doc, one, NULL, at_statement, NULL);
}

CF_FAMILY(family_iam_statement_resources, "iam_statement_resources", NULL, rules);
