/* Where the SAM transform puts a serverless resource's properties
 * (sam_moved.h).  Checked against cfn-lint 1.51.0:
 *
 *   - Policies go to the role it makes (<Id>Role) unless it has a Role
 *     (then they are dropped): an inline document stays where it is
 *     written, as Policies/<i>/PolicyDocument; a policy template's
 *     parameters become Fn::Sub values in the generated document.
 *   - each of Events/<E>/Properties goes to the resources made for the
 *     event (<Id><E>, its permission ...), none of which is in the file.
 *     S3 events are left out: they rewrite the bucket instead.
 *   - a function's DeadLetterQueue becomes DeadLetterConfig, built anew.
 *
 * Anything else of the resource is kept. */
#include "sam_moved.h"

#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

/* Where an event property ends up in the event's resource, when not
 * under its own name. */
static const struct {
    const char *sam, *cfn;
} event_props[] = {
    {"Stream", "EventSourceArn"}, {"Queue", "EventSourceArn"},  {"Broker", "EventSourceArn"},
    {"Cluster", "EventSourceArn"}, {"Topic", "TopicArn"},       {"Input", "Targets/0/Input"},
    {"InputPath", "Targets/0/InputPath"},
};

static bool is_serverless_with_events(const cf_resource *r)
{
    return r->type_name &&
           (!strcmp(r->type_name, "AWS::Serverless::Function") || !strcmp(r->type_name, "AWS::Serverless::StateMachine"));
}

/* The text of n's path below `from` ("" when n is from), caller frees. */
static char *path_below(const cf_node *from, const cf_node *n)
{
    char *a = cf_sect_path_text(from), *b = cf_sect_path_text(n);
    size_t la = strlen(a);
    char *rest = xstrdup(!strncmp(a, b, la) ? b + la : "");
    free(a);
    free(b);
    return rest;
}

static cf_sam_move policies(const cf_resource *r, const cf_node *props, const cf_node *const *chain, size_t k,
                            char **where)
{
    if (cf_map_get(props, "Role"))
        return CF_SAM_DROPPED;
    const cf_node *top = chain[k];
    const cf_node *item = top;
    uint32_t index = 0;
    if (top->kind == CF_SEQUENCE) {
        if (!k)
            return CF_SAM_DROPPED;
        item = chain[k - 1];
        index = item->index;
    }
    if (item->kind != CF_MAPPING)
        return CF_SAM_DROPPED;
    cf_buf b = {0};
    buf_printf(&b, "Resources/%sRole/Properties/Policies/%u/PolicyDocument", r->name, index);
    if (cf_map_get(item, "Statement")) {
        char *rest = path_below(item, chain[0]);
        buf_adds(&b, rest);
        free(rest);
        *where = b.data;
        return CF_SAM_KEPT;
    }
    /* a policy template: { Name: { Parameter: value } } */
    if (item->len != 1 || !item->u.pairs[0].key->u.str || !strncmp(item->u.pairs[0].key->u.str, "Fn::", 4)) {
        buf_free(&b);
        return CF_SAM_DROPPED;
    }
    *where = b.data;
    return CF_SAM_GENERATED;
}

static cf_sam_move events(const cf_resource *r, const cf_node *const *chain, size_t k, char **where)
{
    /* chain[k]: Events; chain[k-1]: the event; chain[k-2]: its
     * Properties; chain[k-3]: one of them */
    if (k < 3 || chain[k]->kind != CF_MAPPING || chain[k - 1]->kind != CF_MAPPING)
        return CF_SAM_DROPPED;
    const cf_node *event = chain[k - 1], *type = cf_map_get(event, "Type");
    const cf_node *ekey = cf_node_key(event), *pkey = cf_node_key(chain[k - 3]);
    if (!type || !cf_node_key(chain[k - 2]) || !cf_is_str(cf_node_key(chain[k - 2]), "Properties") || !ekey ||
        !pkey || ekey->kind != CF_SCALAR || pkey->kind != CF_SCALAR || cf_is_str(type, "S3"))
        return CF_SAM_DROPPED;
    const char *prop = pkey->u.str;
    for (size_t i = 0; i < sizeof event_props / sizeof *event_props; i++)
        if (!strcmp(prop, event_props[i].sam))
            prop = event_props[i].cfn;
    char *rest = path_below(chain[k - 3], chain[0]);
    cf_buf b = {0};
    buf_printf(&b, "Resources/%s%s/Properties/%s%s", r->name, ekey->u.str, prop, rest);
    free(rest);
    *where = b.data;
    return CF_SAM_GENERATED;
}

cf_sam_move cf_sam_moved(const cf_template *t, const cf_resource *r, const cf_node *n, char **where)
{
    *where = NULL;
    if (!t->sam || !is_serverless_with_events(r) || r->node->kind != CF_MAPPING)
        return CF_SAM_KEPT;
    const cf_node *props = cf_map_get(r->node, "Properties");
    if (!props || props->kind != CF_MAPPING)
        return CF_SAM_KEPT;
    /* chain[0] = n ... chain[k] = the property of props it is in */
    const cf_node *chain[MAX_DEPTH];
    size_t k = 0;
    const cf_node *c = n;
    for (; c && c->parent != props && k < MAX_DEPTH; c = c->parent)
        chain[k++] = c;
    if (!c || k == MAX_DEPTH)
        return CF_SAM_KEPT;
    chain[k] = c;
    const cf_node *key = cf_node_key(c);
    if (cf_is_str(key, "Policies"))
        return policies(r, props, chain, k, where);
    if (cf_is_str(key, "Events"))
        return events(r, chain, k, where);
    if (cf_is_str(key, "DeadLetterQueue") && k >= 1 && cf_is_str(cf_node_key(chain[k - 1]), "TargetArn")) {
        char *rest = path_below(chain[k - 1], chain[0]);
        *where = xasprintf("Resources/%s/Properties/DeadLetterConfig/TargetArn%s", r->name, rest);
        free(rest);
        return CF_SAM_REBUILT;
    }
    return CF_SAM_KEPT;
}
