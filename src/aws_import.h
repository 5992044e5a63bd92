/* Importing AWS's own answers about a region, offline: the JSON the AWS CLI
 * prints for
 *
 *   aws rds describe-db-engine-versions           (also docdb, neptune)
 *   aws rds describe-orderable-db-instance-options --engine E
 *   aws elasticache describe-cache-engine-versions
 *   aws ec2 describe-instance-type-offerings --location-type region
 *
 * recognised by shape, validated, and merged into the region's facts under
 * $XDG_DATA_HOME/cfnfix/<kind>/<region>.json (one file per kind, written
 * atomically; an import replaces what it covers, an engine or an engine
 * version, and keeps the rest).  The stored form (read by spec.c's
 * cf_spec_facts):
 *
 *   {"format": 1, "region": R, "kind": K,
 *    "from": {KEY: {"file": F, "date": "YYYY-MM-DD"}},  -- per engine
 *    "engines"|"data": {...}}
 *
 *   rds:         engines: {engine: {version: "available"|"deprecated"}}
 *   orderable:   data: {engine: {version: [instance class, ...]}}
 *   elasticache: data: {engine: {version: "available"}}
 *   ec2:         data: {"instance-types": [type, ...]}
 */
#ifndef CFNFIX_AWS_IMPORT_H
#define CFNFIX_AWS_IMPORT_H

#include <stddef.h>
#include <stdio.h>

/* Import files (paths; "-" is stdin) for region into the overlay folder.
 * only_kind: NULL for any shape, else the one kind accepted ("rds" for
 * import-rds).  today: YYYY-MM-DD, the import's date.  Prints what was
 * imported on out; 0, or -1 with err set (nothing changed then when a file
 * was bad). */
int aws_import(const char *dir, const char *region, char *const *files, size_t nfiles, const char *only_kind,
               const char *today, FILE *out, char *err, size_t errsize);

/* `spec info`'s facts: per region and kind, where they came from, when,
 * and how old they are (a note past 90 days). */
void aws_facts_info(const char *dir, const char *today, FILE *out);

/* The age in days, on `today`, of the oldest fact imported for any of
 * the regions (its date in oldest, YYYY-MM-DD); -1 when none is. */
long aws_facts_oldest(const char *dir, char *const *regions, size_t nregions, const char *today, char oldest[11]);

/* Days from date a to date b (YYYY-MM-DD); 0 when either is not a date. */
long aws_days_between(const char *a, const char *b);

#endif
