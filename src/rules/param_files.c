/* Rules about the files cfn-lint reads besides templates.  Their checks
 * run where those files are read (param_files.c, cmd_lint.c); they are
 * listed here for their metadata.
 *
 *   E0003  a configuration error (cfn-lint's own; cfnfix says these on
 *          standard error and exits 32)
 *   E0100  a deployment file that is not a git-sync deployment file
 *   E0200  a parameter file that is not a list of ParameterKey/
 *          ParameterValue pairs
 *   E2900  the values a parameter file, deployment file or --parameters
 *          gives, against the template's Parameters */
#include "../lint.h"

static const cf_rule rules[] = {
    {"E0003",
     "Error with cfn-lint configuration",
     "Error as a result of the cfn-lint configuration",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base,rule"},
    {"E0100",
     "Validate deployment file configuration",
     "Validate if a deployment file has the correct syntax for one of the supported formats",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base"},
    {"E0200",
     "Validate parameter file configuration",
     "Validate if a parameter file has the correct syntax for one of the supported formats",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base"},
    {"E2900",
     "Validate deployment file parameters are valid against template parameters",
     "Validates that required properties are provided, allowed values are valid, types are correct, and the "
     "pattern matches in a deployment file for the parameters specified in a template",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
     "parameters"},
};

CF_FAMILY(family_param_files, "param_files", NULL, rules);
