/* Format rules the property validator (validate.c, its "format" keyword)
 * reports under, beyond the ones rules/properties.c declares. */
#include "../lint.h"

static const cf_rule rules[] = {
    {"E1153",
     "Validate security group name",
     "Security group names have to valid pattern",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/format_keyword.md#AWS::EC2::SecurityGroup.Name",
     ""},
    {"E1155",
     "Validate CloudWatch logs group name",
     "Check that a CloudWatch log group name matches a pattern",
     "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/format_keyword.md#AWS::Logs::LogGroup.Name",
     ""},
};

CF_FAMILY(family_formats, "formats", NULL, rules);
