/* The parameter types CloudFormation documents (and so validates): the
 * single-value ones, then those whose value is a comma-separated list.
 * An "AWS::SSM::Parameter::Value<...>" or "List<...>" form not listed is
 * accepted by CloudFormation but not validated (W2002); a Ref to such a
 * parameter has no known type (E1020 where a type is wanted). */
#ifndef CFNFIX_PARAM_TYPES_H
#define CFNFIX_PARAM_TYPES_H

#include <stdbool.h>
#include <stddef.h>

extern const char *const cf_param_types[];
extern const size_t cf_param_types_n;

bool cf_param_type_known(const char *type);
/* A documented type whose value is a list. */
bool cf_param_type_is_list(const char *type);

#endif
