/* CloudFormation's short-form YAML tags and the long form each stands for. */
#ifndef CFNFIX_DOC_TAGS_H
#define CFNFIX_DOC_TAGS_H

#include <stdbool.h>

/* Long form of a short-form tag (`!GetAtt` -> "Fn::GetAtt"), or NULL when
 * the tag is not one of CloudFormation's. */
const char *cf_tag_long_form(const char *tag);
/* Short form of a long-form function name ("Fn::GetAtt" -> "!GetAtt"). */
const char *cf_tag_short_form(const char *long_name);
/* True for tags of the YAML core schema (`!!str`, `tag:yaml.org,2002:int`). */
bool cf_tag_is_standard(const char *tag);

#endif
