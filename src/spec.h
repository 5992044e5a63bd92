/* What AWS accepts: resource types per region, their schemas, RDS engine
 * versions, Lambda runtimes, the template-section schemas.  Read from the
 * spec data file (spec_format.h) through mmap; opening it and asking for a
 * type decodes that type only.  User overlays (from `cfnfix spec import`
 * and `import-rds`) replace the shipped facts for their region. */
#ifndef CFNFIX_SPEC_H
#define CFNFIX_SPEC_H

#include "doc.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cf_spec cf_spec;

/* Open the data: $CFNFIX_DATA (a file, or a folder holding spec.cfx), the
 * build tree the program runs from, then the installed $(pkgdatadir).
 * NULL with a message naming what was tried or what is wrong. */
cf_spec *cf_spec_open(char *err, size_t errsize);
cf_spec *cf_spec_open_path(const char *path, char *err, size_t errsize);
void cf_spec_close(cf_spec *s);
const char *cf_spec_path(const cf_spec *s);

/* The folder user overlays live in: $XDG_DATA_HOME/cfnfix, by default
 * ~/.local/share/cfnfix (caller frees). */
char *cf_spec_overlay_dir(void);

/* Regions the data knows. */
size_t cf_spec_region_count(const cf_spec *s);
const char *cf_spec_region_name(const cf_spec *s, size_t i);
bool cf_spec_region_known(const cf_spec *s, const char *region);

/* Whether a type exists anywhere, and in a region (an overlay decides for
 * its region). */
bool cf_spec_type_known(const cf_spec *s, const char *type);
bool cf_spec_type_in_region(cf_spec *s, const char *type, const char *region);
/* The schema of a type in a region (the region's own variant); NULL when
 * the type does not exist there.  Decoded once, kept while s is open. */
const cf_node *cf_spec_schema(cf_spec *s, const char *type, const char *region);
/* Type names, sorted (for suggestions). */
size_t cf_spec_type_count(const cf_spec *s);
const char *cf_spec_type_name(const cf_spec *s, size_t i);

/* A named value ("meta", "ext/AWS::EC2::Instance", "other/functions/ref",
 * "lifecycle/LmbdRuntimeLifecycle"); NULL when absent. */
const cf_node *cf_spec_entry(cf_spec *s, const char *name);

/* RDS engine versions for a type (AWS::RDS::DBInstance or DBCluster) in a
 * region: {version: "available" | "deprecated"} for the engine, or NULL
 * when the data does not cover the engine.  *from_overlay tells whether
 * an imported region file decided. */
const cf_node *cf_spec_rds_versions(cf_spec *s, const char *type, const char *engine,
                                    const char *region, bool *from_overlay);

/* Facts imported for a region with `spec import-aws` (aws_import.h): the
 * stored file of a kind ("orderable", "elasticache", "ec2"; "rds", whose
 * data is under "engines"), {"data": ..., "from": {key: {"file", "date"}}},
 * or NULL when none was imported. */
const cf_node *cf_spec_facts(cf_spec *s, const char *kind, const char *region);

/* The engine names RDS accepts for the type (a sequence), or NULL. */
const cf_node *cf_spec_rds_engines(cf_spec *s, const char *type);

/* A slot for a consumer's cache that lives as long as the spec data (the
 * validator keeps its compiled schemas there): created on first use,
 * destroyed with the spec. */
void *cf_spec_memo(cf_spec *s, void *(*create)(void), void (*destroy)(void *));

/* A problem met after opening (corrupted data, a bad overlay): NULL when
 * none.  Checks report it instead of guessing. */
const char *cf_spec_error(const cf_spec *s);

/* Overlays found on disk, for `spec info`: "regions/eu-west-2.cfx" ... */
size_t cf_spec_overlays(const cf_spec *s, char ***paths);

#endif
