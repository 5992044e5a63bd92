/* How a plain YAML scalar reads: the implicit types of YAML 1.1 as PyYAML's
 * SafeLoader (and so cfn-lint) resolves them.  The loader uses it to type
 * scalars; checks use it to spot `EngineVersion: 14.10` (a float, 14.1); the
 * patch writer uses it to decide when a new plain value needs quotes. */
#ifndef CFNFIX_SCALAR_H
#define CFNFIX_SCALAR_H

#include "doc.h"

#include <stdbool.h>
#include <stddef.h>

cf_type cf_resolve_plain(const char *s, size_t n);
/* The type a standard tag (`!!str`, `tag:yaml.org,2002:int`) forces, or -1. */
int cf_type_of_tag(const char *tag);

#endif
