/* E2529: a CloudWatch Logs group takes at most two subscription filters.
 * As in cfn-lint: the AWS::Logs::SubscriptionFilter resources grouped by
 * their LogGroupName as written (a Ref to one parameter is one group, a
 * missing name is a group of its own); a group of more than two is said
 * once, on its third filter.  Only templates whose filters all have
 * Properties are judged (cfn-lint fails on the others), and not SAM
 * templates with CloudWatchLogs events (the transform adds filters). */
#include "../lint.h"
#include "../repr.h"
#include "../strmap.h"
#include "../util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E2529",
     "Check for SubscriptionFilters have beyond 2 attachments to a CloudWatch Log Group",
     "The current limit for a CloudWatch Log Group is they can have 2 subscription filters. We will look for duplicate LogGroupNames inside Subscription Filters and make sure they are within 2. This doesn't account for any other subscription filters getting set.",
     "https://github.com/awslabs/serverless-application-model/blob/master/versions/2016-10-31.md#user-content-cloudwatchlogs",
     "resources,lambda"},
};

static bool is_filter(const cf_resource *r)
{
    return r->node->kind == CF_MAPPING && r->type_name && !strcmp(r->type_name, "AWS::Logs::SubscriptionFilter");
}

/* A SAM function event the transform makes a subscription filter of. */
static bool makes_filters(const cf_template *t)
{
    for (size_t i = 0; t->sam && i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        const cf_node *events = r->type_name && !strcmp(r->type_name, "AWS::Serverless::Function")
                                    ? cf_map_get(r->properties, "Events") : NULL;
        for (uint32_t e = 0; events && events->kind == CF_MAPPING && e < events->len; e++)
            if (cf_is_str(cf_map_get(events->u.pairs[e].value, "Type"), "CloudWatchLogs"))
                return true;
    }
    return false;
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (makes_filters(t))
        return;
    size_t nfilters = 0;
    for (size_t i = 0; i < t->nres; i++) {
        if (!is_filter(&t->res[i]))
            continue;
        const cf_node *props = t->res[i].properties;
        if (!props || props->kind != CF_MAPPING)
            return;
        nfilters++;
    }
    if (nfilters < 3)
        return;
    strmap groups;
    strmap_init(&groups);
    char **names = xcalloc(nfilters, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!is_filter(r))
            continue;
        const cf_node *group = cf_map_get(r->properties, "LogGroupName");
        cf_buf b = {0};
        if (group)
            cf_repr_max(&b, group, (size_t)-1 / 2);
        else
            buf_adds(&b, "\x01missing");
        names[n] = buf_steal(&b);
        size_t len = strlen(names[n]);
        uintptr_t count = (uintptr_t)strmap_get(&groups, names[n], len) + 1;
        strmap_put(&groups, names[n], len, (void *)count);
        n++;
        if (count == 3)
            cf_diag_at(ctx->out, ctx->doc, "E2529", cf_loc_key(r->key),
                       "You can only have 2 Subscription Filters per CloudWatch Log Group");
    }
    strmap_free(&groups);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

CF_FAMILY(family_log_subscriptions, "log_subscriptions", check, rules);
