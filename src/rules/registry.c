/* The rule families, in the order their checks run, and the index of all
 * their rules by id. */
#include "../rules.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern const cf_family family_core, family_template, family_resources, family_rds,
    family_parameters, family_mappings, family_conditions, family_outputs, family_dependencies,
    family_resource_attributes, family_lambda, family_lifecycle, family_functions, family_properties, family_iam, family_extensions,
    family_formats, family_hardcoded, family_gather, family_relationships, family_metadata, family_cfn_init, family_sam, family_serverless, family_events, family_dynamodb, family_identifiers,
    family_rules_section, family_transform_section, family_param_files, family_nested_stack, family_yaml_merge,
    family_image_id, family_declared, family_unique_names, family_retention, family_hardcoded_arns,
    family_instance_generations, family_sam_events, family_ssm_parameter,
    family_lambda_limits, family_ignored_settings, family_instance_image,
    family_lambda_snapstart, family_lambda_zip, family_log_subscriptions,
    family_service_checks, family_creation_policy, family_update_policy,
    family_codepipeline, family_modules, family_vpc_cidrs, family_vpc_endpoints,
    family_route_table_assoc, family_iam_arns, family_record_set_name,
    family_cloudfront_origins, family_cloudfront_aliases, family_iam_ref_path, family_step_functions,
    family_ssm_document, family_elasticache_failover, family_pipeline_artifact_counts, family_ecs_host_port, family_ecs_dynamic_ports, family_iam_statement_resources, family_apigw_mixing, family_deploy_failures, family_aws_facts;

static const cf_family *const families[] = {
    &family_core,
    &family_deploy_failures,
    &family_aws_facts,
    &family_sam,
    &family_template,
    &family_metadata,
    &family_parameters,
    &family_mappings,
    &family_conditions,
    &family_resources,
    &family_serverless,
    &family_sam_events,
    &family_properties,
    &family_cfn_init,
    &family_formats,
    &family_iam,
    &family_extensions,
    &family_events,
    &family_dynamodb,
    &family_identifiers,
    &family_rules_section,
    &family_transform_section,
    &family_param_files,
    &family_nested_stack,
    &family_yaml_merge,
    &family_image_id,
    &family_unique_names,
    &family_retention,
    &family_hardcoded_arns,
    &family_instance_generations,
    &family_ssm_parameter,
    &family_lambda_limits,
    &family_ignored_settings,
    &family_instance_image,
    &family_lambda_snapstart,
    &family_lambda_zip,
    &family_log_subscriptions,
    &family_service_checks,
    &family_creation_policy,
    &family_update_policy,
    &family_codepipeline,
    &family_modules,
    &family_step_functions,
    &family_ssm_document,
    &family_vpc_cidrs,
    &family_vpc_endpoints,
    &family_route_table_assoc,
    &family_iam_arns,
    &family_record_set_name,
    &family_elasticache_failover,
    &family_pipeline_artifact_counts,
    &family_ecs_host_port,
    &family_ecs_dynamic_ports,
    &family_iam_statement_resources,
    &family_apigw_mixing,
    &family_cloudfront_origins,
    &family_cloudfront_aliases,
    &family_iam_ref_path,
    &family_hardcoded,
    &family_gather,
    &family_resource_attributes,
    &family_dependencies,
    &family_relationships,
    &family_functions,
    &family_outputs,
    &family_rds,
    &family_lambda,
    &family_lifecycle,
    &family_declared,
};

const cf_family *const *cf_families(size_t *count)
{
    *count = sizeof families / sizeof families[0];
    return families;
}

/* Static storage: the index lives as long as the process, and leak
 * checkers should find nothing left on the heap at exit. */
#define MAX_RULES 1024
static const cf_rule *index_[MAX_RULES];
static size_t nindex;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_rule(const void *a, const void *b)
{
    return strcmp((*(const cf_rule *const *)a)->id, (*(const cf_rule *const *)b)->id);
}

static void build_index(void)
{
    size_t n = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        n += families[f]->nrules;
    if (n > MAX_RULES)
        abort(); /* a programming error: raise MAX_RULES */
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t r = 0; r < families[f]->nrules; r++)
            index_[nindex++] = &families[f]->rules[r];
    qsort(index_, nindex, sizeof *index_, cmp_rule);
}

const cf_rule *const *cf_rules_all(size_t *count)
{
    pthread_once(&once, build_index);
    *count = nindex;
    return index_;
}

const cf_rule *cf_rule_find(const char *id)
{
    size_t n;
    const cf_rule *const *all = cf_rules_all(&n);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(all[mid]->id, id);
        if (!c)
            return all[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

cf_level cf_rule_level(const cf_rule *r)
{
    switch (r->id[0]) {
    case 'W': return CF_LEVEL_WARNING;
    case 'I': return CF_LEVEL_INFO;
    default: return CF_LEVEL_ERROR;
    }
}

const char *cf_level_name(cf_level l)
{
    switch (l) {
    case CF_LEVEL_WARNING: return "Warning";
    case CF_LEVEL_INFO: return "Informational";
    default: return "Error";
    }
}
