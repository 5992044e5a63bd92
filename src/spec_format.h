/* The spec data file (share/cfnfix/spec.cfx): what AWS accepts, in a form
 * that costs nothing to open.  `cfnfix spec build` writes it; spec.c reads
 * it through mmap, decoding only what a template asks for.
 *
 *   header   "CFNFIXSD", version, file size, a checksum of the header and
 *            the section table, then the section table
 *   strings  the interned string table (bjson.h)
 *   values   every JSON value, binary-encoded (bjson.h)
 *   entries  named values, sorted by name: "meta", "ext/<Type>",
 *            "other/<section>/<name>", "lifecycle/lambda", "rds/<Type>"...
 *   types    every resource type name, sorted
 *   regions  every region name, then for each region one u16 per type:
 *            0 when the type does not exist there, else 1 + its schema
 *   schemas  the value offset of each resource schema variant
 *
 * All integers are little-endian; sections start 8-byte aligned.  Version
 * changes whenever the layout does; the reader refuses other versions. */
#ifndef CFNFIX_SPEC_FORMAT_H
#define CFNFIX_SPEC_FORMAT_H

#include <stdint.h>

#define SPEC_MAGIC "CFNFIXSD"
#define SPEC_VERSION 1

enum spec_section { SEC_STRINGS, SEC_VALUES, SEC_ENTRIES, SEC_TYPES, SEC_REGIONS, SEC_SCHEMAS, SEC_COUNT };

#define SPEC_SECTION_NAMES {"strings", "values", "entries", "types", "regions", "schemas"}

typedef struct spec_header {
    char magic[8];
    uint32_t version;
    uint32_t nsections;
    uint64_t file_size;
    uint64_t checksum; /* FNV-1a 64 of the header (this field zero) and section table */
} spec_header;

typedef struct spec_section_entry {
    char name[8];
    uint64_t offset;
    uint64_t size;
} spec_section_entry;

/* entries: u32 count, then count of these, sorted by name bytes */
typedef struct spec_entry {
    uint32_t name;  /* string ref */
    uint32_t value; /* value offset */
} spec_entry;

uint64_t spec_checksum(const void *data, uint64_t len, uint64_t h);
#define SPEC_CHECKSUM_SEED 1469598103934665603ull

#endif
