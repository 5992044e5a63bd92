/* Properties that `aws cloudformation package` fills in: a Lambda
 * function's Code, a nested stack's TemplateURL, an API's BodyS3Location
 * ...  Written as a local path, they are uploaded and rewritten by the
 * package command, so a string there is not judged by the property's
 * schema (it is W3002's: it may only work through package). */
#ifndef CFNFIX_PACKAGED_H
#define CFNFIX_PACKAGED_H

#include "template.h"

#include <stdbool.h>

/* Whether value stands at one of those properties (directly, or as a
 * branch of an Fn::If there). */
bool cf_packaged_property(const cf_template *t, const cf_node *value);

/* Call fn for each value written at one of those properties in resource
 * r (the branches of an Fn::If each). */
void cf_packaged_each(const cf_resource *r, void (*fn)(const cf_node *value, void *arg), void *arg);

#endif
