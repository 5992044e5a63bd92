/* E9101/W9102: a failed deployment taken back to its line.  With
 * --stack-events, each failure of the stack's last operation (stack_events.h)
 * becomes a finding on the resource that failed: on the property its reason
 * names, else on the resource's Type.  The resources cancelled because of
 * it are listed in it, not reported as failures of their own.  Failures of
 * resources the template does not have are reported once (W9102): the
 * events may be another stack's, or the template moved on. */
#include "../lint.h"
#include "../stack_events.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E9101",
     "A resource failed in the last deployment",
     "The stack events given with --stack-events (the output of 'aws cloudformation describe-stack-events') "
     "show that this resource failed in the stack's most recent operation. The finding is placed on the "
     "property the failure reason names, else on the resource's Type; resources cancelled because of the "
     "failure are listed with it.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html",
     "deployment,stack-events", false, true},
    {"W9102",
     "Deployment events for resources not in the template",
     "The stack events given with --stack-events name failed resources this template does not declare: "
     "the events may belong to another stack or template version.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html",
     "deployment,stack-events"},
};

/* Where the failure of r goes: the key of the property its reason names,
 * else the resource's Type key, else its logical id. */
static const cf_node *place(const cf_resource *r, const char *reason)
{
    const cf_node *props = r->properties;
    if (props && props->kind == CF_MAPPING && !cf_intrinsic_name(props) && props->len) {
        const char **names = xcalloc(props->len, sizeof *names);
        const char **values = xcalloc(props->len, sizeof *values);
        for (uint32_t i = 0; i < props->len; i++) {
            const cf_node *k = props->u.pairs[i].key, *v = props->u.pairs[i].value;
            names[i] = k->kind == CF_SCALAR ? k->u.str : NULL;
            values[i] = v->kind == CF_SCALAR ? v->u.str : NULL;
        }
        int i = cf_stack_reason_property(reason, names, values, props->len);
        free(names);
        free(values);
        if (i >= 0)
            return props->u.pairs[i].key;
    }
    return r->type ? cf_loc_key(r->type) : r->key;
}

static void check(cf_lint_ctx *ctx)
{
    const cf_stack_events *ev = ctx->opts ? ctx->opts->stack_events : NULL;
    if (!ev)
        return;
    cf_buf unknown = {0};
    for (size_t i = 0; i < ev->n; i++) {
        const cf_stack_failure *f = &ev->v[i];
        const cf_resource *r = cf_template_resource(ctx->tpl, f->resource);
        if (!r) {
            buf_printf(&unknown, "%s%s (%s: %s)", unknown.len ? ", " : "", f->resource, f->status,
                       *f->reason ? f->reason : "no reason given");
            continue;
        }
        cf_buf msg = {0};
        buf_printf(&msg, "the last deployment failed here: %s (%s, %s)", *f->reason ? f->reason : "no reason given",
                   f->status, *f->time ? f->time : "no time given");
        for (size_t k = 0; k < f->ncancelled; k++)
            buf_printf(&msg, "%s%s", k ? ", " : "; cancelled because of it: ", f->cancelled[k]);
        cf_diag_at(ctx->out, ctx->doc, "E9101", place(r, f->reason), "%s", msg.data);
        buf_free(&msg);
    }
    const cf_node *at = ctx->tpl->resources ? cf_loc_key(ctx->tpl->resources) : ctx->doc->root;
    if (unknown.len && at)
        cf_diag_at(ctx->out, ctx->doc, "W9102", at, "the last deployment failed at resources this template does not have: %s",
                   unknown.data);
    buf_free(&unknown);
}

CF_FAMILY(family_deploy_failures, "deploy_failures", check, rules);
