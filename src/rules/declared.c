/* Rules cfn-lint 1.51.0 declares but never reports: parents whose
 * findings carry a child rule's id, and checks whose findings come out
 * under another rule.  They are listed so that `cfnfix rules` names every
 * id cfn-lint has, and so that a suppression written for cfn-lint
 * (--ignore-checks, ignore_checks in .cfnlintrc or Metadata) is accepted
 * here as a known id; each says where its findings go instead. */
#include "../lint.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E1101",
     "Validate an item against additional checks",
     "Use supplemental logic to validate properties against",
     "",
     ""},
    {"E1052",
     "Validate dynamic references to SSM are in a valid location",
     "Dynamic references to SSM parameters are only supported in certain locations",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html#dynamic-references-ssm",
     "functions,dynamic reference"},
    {"E1103",
     "Validate the format of a value",
     "Parent rule for validating the format keyword in schemas",
     "",
     ""},
    {"E2003",
     "Parameters have appropriate names",
     "Check if Parameters are properly named (A-Za-z0-9)",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "parameters,name"},
    {"E2010",
     "Parameter limit not exceeded",
     "Check the number of Parameters in the template is less than the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "parameters,limits"},
    {"E3040",
     "Validate we aren't configuring read only properties",
     "Read only properties can be configured in a CloudFormation template but they aren't sent to the resource provider code and can cause drift.",
     "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html#schema-properties-readonlyproperties",
     "resources,properties"},
    {"E3008",
     "Validate an array in order",
     "Will validate arrays in order for schema validation",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#prefixitems",
     "resources,properties,array,prefixItems"},
    {"E3011",
     "Check property names in Resources",
     "Validate property names are property configured in Resources",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "resources,limits"},
    {"E6004",
     "Outputs have appropriate names",
     "Check if Outputs are properly named (A-Za-z0-9)",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs"},
    {"E8002",
     "Check if the referenced Conditions are defined",
     "Making sure the used conditions are actually defined in the Conditions section",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
     "conditions"},
    {"E8007",
     "Check Condition structure for validity",
     "Check Condition has a value of another condition",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-and",
     "functions,condition"},
    {"I2010",
     "Parameter limit",
     "Check the number of Parameters in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "parameters,limits"},
    {"I2011",
     "Parameter name limit",
     "Check the size of Parameter names in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "parameters,limits"},
    {"I7002",
     "Mapping name limit",
     "Check the size of Mapping names in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "mappings,limits"},
    {"W1040",
     "Validate the values that come from a Fn::ToJsonString function",
     "Resolve the Fn::ToJsonString and then validate the values against the schema",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ToJsonString.html",
     "functions,tojsonstring"},
    {"W1019",
     "Validate that parameters to a Fn::Sub are used",
     "Validate that Fn::Sub Parameters are used",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
     "functions,sub"},
    {"W2030",
     "Check if parameters have a valid value",
     "Check if parameters have a valid value in case of an enumator. The Parameter's allowed values is based on "
     "the usages in property (Ref)",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#enum",
     "parameters,resources,property,allowed value"},
    {"W2031",
     "Check if parameters have a valid value based on an allowed pattern",
     "Check if parameters have a valid value in a pattern. The Parameter's allowed pattern is based on the "
     "usages in property (Ref)",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#pattern",
     "parameters,resources,property,pattern"},
    {"W3034",
     "Check if parameter values are between min and max",
     "Check if parameter values value being between the minimum and maximum",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/cfn-schema-specification.md#number-size",
     "resources,property,number,size"},
};

/* Where each one's findings are reported instead. */
static const struct {
    const char *id, *instead;
} reported_as[] = {
    {"E1101", "a parent rule: the additional checks report under their own ids"},
    {"E1052", "never reported by cfn-lint 1.51.0: an SSM dynamic reference passes wherever it is written"},
    {"E1103", "a parent rule: a value not in its format is E3002, or the format's own rule (E1150-E1156)"},
    {"E2003", "a parameter name that is not alphanumeric is E2001"},
    {"E2010", "never reported by cfn-lint 1.51.0, whatever the number of parameters"},
    {"E3040", "never reported by cfn-lint 1.51.0: its check is bound to no place the schema walk reaches, so a "
              "read-only property (an S3 bucket's Arn) passes"},
    {"E3008", "a parent rule: an item that fails prefixItems is reported by the keyword it fails (E3002, E3012, ...)"},
    {"E3011", "a resource name that is too long or not alphanumeric is E3001"},
    {"E6004", "an output name that is not alphanumeric is E6001"},
    {"E8002", "an undefined condition is E8004 in Conditions, E3015 on a resource, E1028 in Fn::If, E6005 on an output"},
    {"E8007", "a bad Fn::Condition is reported by the rule of the place it is in (E8004, E8001, ...)"},
    {"I2010", "never reported by cfn-lint 1.51.0, whatever the number of parameters"},
    {"I2011", "never reported by cfn-lint 1.51.0; a parameter name over the limit is E2011"},
    {"I7002", "never reported by cfn-lint 1.51.0; a mapping name over the limit is E7002"},
    {"W1040", "the values Fn::ToJsonString makes are judged under E1031, its own rule"},
    {"W1019", "never reported by cfn-lint 1.51.0: unused Fn::Sub variables pass without a finding"},
    {"W2030", "a parameter value outside the enum of the property a Ref puts it in is W1030"},
    {"W2031", "a parameter value that does not match the pattern of the property a Ref puts it in is W1030"},
    {"W3034", "a parameter value outside the number range of the property a Ref puts it in is W1030"},
};

const char *cf_rule_reported_as(const cf_rule *r)
{
    for (size_t i = 0; i < sizeof reported_as / sizeof reported_as[0]; i++)
        if (!strcmp(reported_as[i].id, r->id))
            return reported_as[i].instead;
    return NULL;
}

CF_FAMILY(family_declared, "declared", NULL, rules);
