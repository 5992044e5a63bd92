/* SAM function events the transform makes event source mappings of. */
#ifndef CFNFIX_RULES_SAM_EVENTS_H
#define CFNFIX_RULES_SAM_EVENTS_H

#include "../lint.h"

/* The first property of an event of this type (SQS, Kinesis, DynamoDB,
 * MSK) whose value has a type the transform refuses (a string BatchSize,
 * a number for Enabled), in the order the transform checks them: its
 * name (*len bytes of the returned text), or NULL. */
const char *cf_sam_event_bad_type(const char *type, const cf_node *props, size_t *len);

#endif
