/* Resource types whose service AWS is retiring, from the "lifecycle" the
 * type's schema carries:
 *
 *   W3697  maintenance: no new features.
 *   W3696  sunset: will be shut down (on a date).
 *   E3710  shutdown: the service is gone.
 *
 * As in cfn-lint the finding goes on the Properties (each mapping an
 * Fn::If may give as Properties), or on the resource when it has none. */
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E3710",
     "Resource type is from a service that has been shut down",
     "Checks if a resource type belongs to an AWS service that has reached full shutdown and is no longer available",
     "https://docs.aws.amazon.com/general/latest/gr/full_shutdown_services.html",
     "resources,lifecycle"},
    {"W3696",
     "Resource type is from a service that is sunsetting",
     "Checks if a resource type belongs to an AWS service that is in the sunset phase and will be shut down",
     "https://docs.aws.amazon.com/general/latest/gr/sunset_services.html",
     "resources,lifecycle"},
    {"W3697",
     "Resource type is from a service in maintenance mode",
     "Checks if a resource type belongs to an AWS service that is in maintenance mode with no new features",
     "https://docs.aws.amazon.com/general/latest/gr/maintenance_services.html",
     "resources,lifecycle"},
};

typedef struct stage {
    const char *status, *rule;
    const char *undated, *dated; /* messages: the type's repr, then the date */
} stage;

static const stage stages[] = {
    {"shutdown", "E3710", "Resource type %s is from a service that has been shut down",
     "Resource type %s is from a service that was shut down on %s"},
    {"sunset", "W3696", "Resource type %s is from a service that is sunsetting",
     "Resource type %s is from a service that will be shut down on %s. Plan to migrate to an alternative"},
    {"maintenance", "W3697", "Resource type %s is from a service in maintenance mode",
     "Resource type %s is from a service in maintenance mode since %s. Consider migrating to an alternative"},
};

/* Types with no registry schema of their own. */
static bool skip_type(const cf_template *t, const char *type)
{
    size_t n = strlen(type);
    return !strncmp(type, "Custom::", 8) || (n > 8 && !strcmp(type + n - 8, "::MODULE")) ||
           (t->sam && !strncmp(type, "AWS::Serverless::", 17));
}

static void report(cf_lint_ctx *ctx, const stage *s, const cf_node *schema, const cf_node *date, const cf_node *at)
{
    cf_buf type = {0};
    const cf_node *name = cf_map_get(schema, "typeName");
    if (name)
        cf_repr(&type, name);
    else
        buf_adds(&type, "''");
    if (date && date->kind == CF_SCALAR && date->type != CF_TYPE_NULL && date->len)
        cf_sect_report(ctx, s->rule, at, s->dated, type.data, date->u.str);
    else
        cf_sect_report(ctx, s->rule, at, s->undated, type.data);
    buf_free(&type);
}

/* The Properties the schema is applied to: a mapping, or each mapping an
 * Fn::If yields. */
static void report_on_properties(cf_lint_ctx *ctx, const stage *s, const cf_node *schema, const cf_node *date,
                                 const cf_node *props, int depth)
{
    const char *fn = cf_intrinsic_name(props);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = cf_sect_if_args(ctx->tpl, props);
        for (uint32_t i = 1; args && depth < 32 && i < 3; i++)
            report_on_properties(ctx, s, schema, date, args->u.items[i], depth + 1);
        return;
    }
    if (props->kind == CF_MAPPING && !fn)
        report(ctx, s, schema, date, props);
}

static void check_resource(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *schema)
{
    const cf_node *life = cf_map_get(schema, "lifecycle");
    const cf_node *status = cf_map_get(life, "status");
    if (!status || status->kind != CF_SCALAR)
        return;
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        if (strcmp(status->u.str, stages[i].status))
            continue;
        const cf_node *date = cf_map_get(life, "date");
        if (r->properties)
            report_on_properties(ctx, &stages[i], schema, date, r->properties, 0);
        else
            report(ctx, &stages[i], schema, date, r->node);
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!ctx->spec)
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || skip_type(t, r->type_name) || r->node->kind != CF_MAPPING)
            continue;
        const cf_node *seen[64];
        size_t nseen = 0;
        for (size_t k = 0; k < ctx->opts->nregions; k++) {
            const cf_node *schema = cf_spec_schema(ctx->spec, r->type_name, ctx->opts->regions[k]);
            bool again = false;
            for (size_t j = 0; j < nseen; j++)
                again |= seen[j] == schema;
            if (!schema || again)
                continue;
            if (nseen < sizeof seen / sizeof seen[0])
                seen[nseen++] = schema;
            check_resource(ctx, r, schema);
        }
    }
}

CF_FAMILY(family_lifecycle, "lifecycle", check, rules);
