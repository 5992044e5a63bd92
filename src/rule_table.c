/* Rule metadata.  Ids, descriptions and links of the cfn-lint rules are
 * those cfn-lint 1.51.0 publishes (its behaviour is the reference users
 * know); ids in the 9000s are cfnfix's own.  Keep the table sorted by id. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E0000",
     "Parsing error found when parsing the template",
     "Checks for JSON/YAML formatting errors in your template",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base"},
    {"E0002",
     "Error processing rule on the template",
     "Errors found when processing a rule on the template",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base,rule"},
    {"E1001",
     "Basic CloudFormation Template Configuration",
     "Making sure the basic CloudFormation template components are properly configured",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base"},
    {"E3001",
     "Basic CloudFormation Resource Check",
     "Making sure the basic CloudFormation resources are properly configured",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources"},
    {"E3002",
     "Resource properties are invalid",
     "Making sure that resources properties are properly configured",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#properties",
     "resources"},
    {"E3003",
     "Required Resource properties are missing",
     "Make sure that Resources properties that are required exist",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#required",
     "resources,properties,required"},
    {"E3006",
     "Validate the CloudFormation resource type",
     "Resource types are validated against the spec accounting for regions",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources"},
    {"E3690",
     "Validate DB Cluster Engine and Engine Version",
     "Validate the DB Cluster engine along with the engine version",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"E3691",
     "Validate DB Instance Engine and Engine Version",
     "Validate the DB Instance engine along with the engine version",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-engine",
     "resources"},
    {"I9001",
     "Unknown YAML tag",
     "A YAML tag that is not one of CloudFormation's short forms (!Ref, !GetAtt, !Sub, ...) is read the way cfn-lint reads it, as Fn::<name>; CloudFormation will most likely reject it",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html",
     "cfnfix,yaml"},
    {"W3690",
     "Validate DB Cluster Engine Version is not deprecated",
     "Validate the DB Cluster engine version is not deprecated and can be used to create new instances",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"W3691",
     "Validate DB Instance Engine Version is not deprecated",
     "Validate the DB Instance engine version is not deprecated and can be used to create new instances",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-engineversion",
     "resources"},
};

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const cf_rule *)elem)->id);
}

const cf_rule *cf_rule_find(const char *id)
{
    return bsearch(id, rules, sizeof rules / sizeof rules[0], sizeof rules[0], cmp);
}

const cf_rule *cf_rules_all(size_t *count)
{
    *count = sizeof rules / sizeof rules[0];
    return rules;
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
