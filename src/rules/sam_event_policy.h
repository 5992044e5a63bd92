/* The policy statements the SAM transform adds to a function's role for
 * its pull events' secrets, brokers and clusters (MQ, DocumentDB,
 * SelfManagedKafka, MSK), as a policy document cfn-lint then judges. */
#ifndef CFNFIX_RULES_SAM_EVENT_POLICY_H
#define CFNFIX_RULES_SAM_EVENT_POLICY_H

#include "../doc.h"
#include "../template.h"

/* In *out {"Statement": [...]} with a statement for each literal string
 * resource the transform would put in the function's role, or NULL when
 * there is none.  -1 when the transform would refuse one of its events
 * (cfn-lint then reports that alone, E0001, for the whole template). */
int cf_sam_event_policy(const cf_resource *function, cf_doc **out);

#endif
