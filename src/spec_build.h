/* The spec data generator behind `cfnfix spec build` and `cfnfix spec
 * import`: a folder of CloudFormation resource schemas (and, for the
 * shipped data, regions, extensions, template-section schemas and
 * lifecycle facts) in, one spec data file out.  Same input, same bytes. */
#ifndef CFNFIX_SPEC_BUILD_H
#define CFNFIX_SPEC_BUILD_H

#include <stddef.h>

typedef struct spec_build_opts {
    const char *src_dir;       /* a folder shaped like ../shared/cfn-schemas */
    const char *out_path;
    const char *snapshot_date; /* recorded in meta; NULL: "unknown" */
    const char *source;        /* recorded in meta; NULL: the folder's name */
    /* Import mode: every schema in src_dir (or src_dir/resources) is the
     * whole truth for this one region; no regions.json is read. */
    const char *only_region;
} spec_build_opts;

/* 0, or -1 with a message in err.  The output is written atomically. */
int spec_build(const spec_build_opts *o, char *err, size_t errsize);

/* What a build wrote, for its report. */
typedef struct spec_build_stats {
    size_t types, regions, schemas, entries, bytes;
} spec_build_stats;
extern spec_build_stats spec_last_build;

/* The prose keys a schema loses on the way in. */
int spec_is_prose_key(const char *key);

#endif
