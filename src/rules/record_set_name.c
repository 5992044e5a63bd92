/* E3041: a Route 53 RecordSet whose Name is not the HostedZoneName or a
 * subdomain of it, or whose HostedZoneName does not end in a dot.  As in
 * cfn-lint: both must be strings (each way the Fn::Ifs of the two go,
 * get_object_without_conditions); the findings are on the properties'
 * keys. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3041",
     "RecordSet HostedZoneName is a superdomain of or equal to Name",
     "In a RecordSet, the HostedZoneName must be a superdomain of or equal to the Name being validated",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-recordset.html#cfn-route53-recordset-name",
     "resource,properties,route53"},
};

static const char *const judged[] = {"Name", "HostedZoneName"};

static bool is_str(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static void judge(cf_lint_ctx *ctx, const cf_scenario *s, void *arg)
{
    const cf_node *props = arg;
    const cf_node *name = cf_sect_in_scenario(ctx, cf_map_get(props, "Name"), s);
    const cf_node *hz = cf_sect_in_scenario(ctx, cf_map_get(props, "HostedZoneName"), s);
    if (!is_str(name) || !is_str(hz))
        return;
    cf_buf hzr = {0}, namer = {0};
    cf_repr(&hzr, hz);
    cf_repr(&namer, name);
    char *zone = hz->len && hz->u.str[hz->len - 1] == '.' ? xstrdup(hz->u.str) : xasprintf("%s.", hz->u.str);
    if (!(hz->len && hz->u.str[hz->len - 1] == '.'))
        cf_sect_report(ctx, "E3041", cf_map_get(props, "HostedZoneName"), "%s must end in a dot", hzr.data);
    char *full = name->len && name->u.str[name->len - 1] == '.' ? xstrdup(name->u.str) : xasprintf("%s.", name->u.str);
    size_t fl = strlen(full), zl = strlen(zone);
    bool sub = !strcmp(full, zone) || (fl > zl && !strcmp(full + fl - zl, zone) && full[fl - zl - 1] == '.');
    if (!sub)
        cf_sect_report(ctx, "E3041", cf_map_get(props, "Name"), "%s must be a subdomain of or equal to %s",
                       namer.data, hzr.data);
    free(zone);
    free(full);
    buf_free(&hzr);
    buf_free(&namer);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::Route53::RecordSet") || !r->properties ||
            r->properties->kind != CF_MAPPING || cf_intrinsic_name(r->properties))
            continue;
        const cf_node *values[2];
        for (size_t k = 0; k < 2; k++)
            values[k] = cf_map_get(r->properties, judged[k]);
        cf_sect_scenarios(ctx, values, 2, judge, (void *)r->properties);
    }
}

CF_FAMILY(family_record_set_name, "record_set_name", check, rules);
