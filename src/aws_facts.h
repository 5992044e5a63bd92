/* Asking the facts imported with `spec import-aws` (aws_import.h): which
 * instance classes RDS can order for an engine version in a region, which
 * cache engine versions ElastiCache offers, which EC2 instance types a
 * region has; and, for the fixes, the nearest offered instance class. */
#ifndef CFNFIX_AWS_FACTS_H
#define CFNFIX_AWS_FACTS_H

#include "diag.h"
#include "doc.h"
#include "fix.h"
#include "spec.h"

#include <stdbool.h>
#include <stddef.h>

/* What a region's imported facts say about one key (an engine, or
 * "instance-types"): the list or mapping, and where it came from. */
typedef struct cf_facts {
    const cf_node *offered; /* a sequence (classes, types) or a mapping (versions) */
    const char *file, *date; /* the import's file and date */
} cf_facts;

/* The instance classes RDS can order for engine and version in region;
 * false when no orderable options were imported for that engine version. */
bool cf_facts_orderable(cf_spec *s, const char *engine, const char *version, const char *region, cf_facts *out);
/* ElastiCache's versions of an engine ({version: "available"}). */
bool cf_facts_cache_versions(cf_spec *s, const char *engine, const char *region, cf_facts *out);
/* The engine versions imported for an RDS, DocumentDB or Neptune engine
 * ({version: "available" | "deprecated"}). */
bool cf_facts_engine_versions(cf_spec *s, const char *engine, const char *region, cf_facts *out);
/* The EC2 instance types offered in region. */
bool cf_facts_instance_types(cf_spec *s, const char *region, cf_facts *out);

/* Whether a sequence of names holds name. */
bool cf_facts_has(const cf_node *seq, const char *name);

/* The nearest offered instance classes to `current` ("db.t2.micro",
 * "t2.micro"): the same family and size, on the nearest generation not
 * older than current's (an older one only when no newer is offered), the
 * same attributes (d: local disk, n: network, i/a: Intel/AMD) before
 * others; first the best of the same architecture, then the best of the
 * other.  Safe only when the generation alone changes: other attributes
 * or another architecture (Graviton and x86 run other binaries) are
 * unsafe.  Up to two into picks; returns how many. */
typedef struct cf_class_pick {
    const char *name;
    bool safe;
} cf_class_pick;
size_t cf_facts_nearest_class(const cf_node *offered, const char *current, cf_class_pick picks[2]);

/* Fixes for a class or type the last deployment failed on (E9101 on an
 * RDS DBInstanceClass or an EC2 InstanceType, `value` the plain value): the
 * nearest class the imported facts offer in every region linted, as
 * E9111/E9113 propose; nothing without facts, nor when they offer the
 * value (the failure was about something else). */
void cf_facts_failed_class_fixes(cf_diag *d, const cf_doc *doc, cf_spec *s, char *const *regions, size_t nregions,
                                 const cf_node *value, bool rds);

/* For a fix that changes an RDS EngineVersion (version_node) to
 * `version`: when the resource's DBInstanceClass is not orderable with that
 * version where the imported facts say so, the fix also changes the class
 * to the nearest orderable one (its title says so); with no such class, or
 * a class that is not a plain value, its title says why and it becomes
 * unsafe.  One accepted fix must not make the next deployment failure. */
void cf_facts_check_class_for_version(cf_fix *f, const cf_doc *doc, cf_spec *s, char *const *regions,
                                      size_t nregions, const cf_node *version_node, const char *engine,
                                      const char *version);

#endif
