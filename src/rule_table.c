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
    {"I9001",
     "Unknown YAML tag",
     "A YAML tag that is not one of CloudFormation's short forms (!Ref, !GetAtt, !Sub, ...) is read the way cfn-lint reads it, as Fn::<name>; CloudFormation will most likely reject it",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html",
     "cfnfix,yaml"},
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
