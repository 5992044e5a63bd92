/* Where the AWS::Serverless-2016-10-31 transform puts a node of a
 * serverless function's or state machine's properties.  cfn-lint judges
 * the transformed template: what lands in a resource the transform makes
 * has no place in the file, and cfn-lint reports it on the Resources key. */
#ifndef CFNFIX_RULES_SAM_MOVED_H
#define CFNFIX_RULES_SAM_MOVED_H

#include "../doc.h"
#include "../template.h"

typedef enum cf_sam_move {
    CF_SAM_KEPT,      /* where it is written (*where: its transformed path, or NULL) */
    CF_SAM_GENERATED, /* in a resource the transform makes (*where: its path there) */
    CF_SAM_REBUILT,   /* in the resource, rebuilt by the transform: cfn-lint reports it
                       * on the resource's logical id (*where: its path there) */
    CF_SAM_DROPPED,   /* nowhere cfn-lint looks, or not known where */
} cf_sam_move;

/* n a node inside resource r's Properties (or anywhere else in r: kept).
 * *where is set to a path text the caller frees, or NULL. */
cf_sam_move cf_sam_moved(const cf_template *t, const cf_resource *r, const cf_node *n, char **where);

#endif
