/* Repeated subschemas, stored once.
 *
 * Some of the schemas the spec data carries repeat one subschema hundreds
 * of times: RDS's instance classes per engine version are 924 if/then
 * pairs that hold only 17 distinct lists of classes.  Decoded, that is
 * 200,000 nodes a lint builds before it can check one DBInstanceClass.
 * schema_share() moves each such subschema into the schema's definitions
 * once and puts a $ref where it was.  The validator follows $ref, so the
 * schema checks exactly what it did, with a tenth of the nodes. */
#ifndef CFNFIX_SCHEMA_SHARE_H
#define CFNFIX_SCHEMA_SHARE_H

#include "arena.h"
#include "doc.h"

#include <stddef.h>

/* The schema with every subschema that occurs twice or more, at a place
 * where a schema stands (properties, allOf, then, ...), and that encodes
 * to at least min_bytes, replaced by {"$ref": "#/definitions/NAME"}.
 * root is not changed: new nodes come from a, unchanged subtrees are
 * shared with root.  Returns root itself when nothing repeats or root is
 * not a mapping. */
const cf_node *schema_share(cf_arena *a, const cf_node *root, size_t min_bytes);

#endif
