/* The template document model.
 *
 * A template (YAML or JSON) is loaded into a tree of mapping, sequence and
 * scalar nodes.  Every node knows the byte range it came from in the
 * original buffer, which is kept exactly as read: diagnostics point at the
 * right character and fixes edit the right bytes without re-serialising
 * anything.
 *
 * CloudFormation short-form tags are normalised the way cfn-lint reads them:
 * `!Ref X` becomes the mapping {Ref: X} and `!GetAtt A.B.C` becomes
 * {Fn::GetAtt: [A, B.C]}.  The synthetic mapping spans the whole tagged node,
 * its key spans the tag text, and the value keeps its own span (for a dotted
 * GetAtt, each part spans its own characters).  The node flags remember the
 * short form so a fix can write it back the way the author wrote it.
 */
#ifndef CFNFIX_DOC_H
#define CFNFIX_DOC_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef enum cf_kind { CF_SCALAR = 1, CF_MAPPING, CF_SEQUENCE } cf_kind;

typedef enum cf_style {
    CF_STYLE_PLAIN,   /* scalars */
    CF_STYLE_SINGLE,  /* 'quoted' */
    CF_STYLE_DOUBLE,  /* "quoted" (every JSON string) */
    CF_STYLE_LITERAL, /* | */
    CF_STYLE_FOLDED,  /* > */
    CF_STYLE_BLOCK,   /* collections: indentation */
    CF_STYLE_FLOW,    /* collections: {} [] (every JSON collection) */
} cf_style;

/* What a scalar reads as, resolved as YAML 1.1 (PyYAML's SafeLoader, which
 * cfn-lint uses) or JSON does: `14.10` is a float, `yes` a bool. */
typedef enum cf_type {
    CF_TYPE_STR,
    CF_TYPE_INT,
    CF_TYPE_FLOAT,
    CF_TYPE_BOOL,
    CF_TYPE_NULL,
    CF_TYPE_TIMESTAMP,
} cf_type;

enum cf_node_flags {
    CF_NF_KEY = 1 << 0,         /* a mapping key */
    CF_NF_SHORT_FORM = 1 << 1,  /* mapping made from a short-form tag (!Ref ...) */
    CF_NF_TAG_KEY = 1 << 2,     /* key made from a tag; spans the tag text */
    CF_NF_DOTTED = 1 << 3,      /* sequence made by splitting `!GetAtt A.B` */
    CF_NF_ALIAS = 1 << 4,       /* copy of an anchored node, made by an alias */
    CF_NF_UNKNOWN_TAG = 1 << 5, /* short-form mapping from a tag cfnfix does not know */
    CF_NF_MERGED = 1 << 6,      /* mapping that took entries from a YAML merge key (<<) */
    CF_NF_MERGED_IN = 1 << 7,   /* key or value of such an entry: its text stands in the
                                   << value (a flow list, an anchor), not as an entry here */
};

typedef struct cf_node cf_node;
typedef struct cf_pair {
    cf_node *key, *value;
} cf_pair;

struct cf_node {
    uint8_t kind;   /* cf_kind */
    uint8_t style;  /* cf_style */
    uint8_t type;   /* cf_type, scalars only */
    uint8_t flags;  /* cf_node_flags */
    uint32_t start; /* byte offset of the first byte (tags and anchors included) */
    uint32_t end;   /* byte offset just past the last byte of content */
    uint32_t len;   /* scalar: value length in bytes; collection: entries */
    uint32_t index; /* position in the parent: pair index (key and value) or item index */
    uint32_t tag_at; /* 1 + byte offset of the tag as written (`!Ref`, `!!str`); 0: none */
    cf_node *parent;
    union {
        const char *str; /* scalar: decoded value, NUL-terminated */
        cf_pair *pairs;  /* mapping */
        cf_node **items; /* sequence */
    } u;
};

/* A note the loader makes without failing (an unknown tag, say). */
typedef struct cf_load_note {
    uint32_t start, end;
    char *message;
} cf_load_note;

typedef struct cf_doc {
    char *name;         /* as given on the command line; "-" is stdin */
    char *src;          /* the original bytes, NUL-terminated (not counted in len) */
    size_t len;
    uint32_t bom;       /* 3 when the file starts with a UTF-8 byte order mark */
    uint32_t *lines;    /* byte offset where each line starts */
    size_t nlines;
    /* characters (UTF-8 code points) before each CF_POS_BLOCK-byte block,
     * so a column costs at most two block scans however long its line is;
     * NULL when the file is ASCII (a column is then a byte count) */
    uint32_t *chars_before;
    bool is_json;       /* loaded by the JSON reader */
    cf_node *root;      /* NULL when the file holds no document or failed to load */
    size_t node_count;

    /* A load that failed: where and why (E0000).  root is NULL then. */
    bool failed;
    uint32_t err_start, err_end;
    char *err_msg;
    bool err_keyed;     /* the error is about a key and spans it (a duplicate) */
    /* further errors reported with it: every occurrence of a duplicated
     * key, as cfn-lint reports them (each spans its key) */
    cf_load_note *also;
    size_t nalso, also_cap;

    cf_load_note *notes;
    size_t nnotes, notes_cap;

    cf_arena arena;   /* nodes and arrays */
    cf_arena strings; /* scalar values, packed */
} cf_doc;

/* Limits that keep hostile input from eating the machine. */
#define CF_MAX_DEPTH 1000           /* nesting of collections */
#define CF_MAX_FILE ((size_t)1 << 30) /* 1 GiB: offsets are 32-bit */
#define CF_MIN_ALIAS_BUDGET 100000  /* nodes an alias may copy, at least */

/* Reading a file failed before any parsing: errno-style reason. */
typedef struct cf_read_error {
    char message[512];
} cf_read_error;

/* Load a template from a file ("-" reads stdin).  Returns NULL when the file
 * cannot be read (err says why, naming the file); otherwise a document,
 * possibly with failed set when it is not valid YAML or JSON. */
cf_doc *cf_doc_load_file(const char *path, cf_read_error *err);

/* Load from bytes the caller hands over (they are freed with the doc; they
 * must have one spare byte after len for a terminating NUL). */
cf_doc *cf_doc_load_buffer(const char *name, char *bytes, size_t len);

void cf_doc_free(cf_doc *doc);

/* Line and column (1-based) of a byte offset, as cfn-lint reports them:
 * columns count characters, line breaks are LF, CRLF, CR, NEL, LS and PS.
 * O(log lines + CF_POS_BLOCK), also on a minified one-line file. */
#define CF_POS_BLOCK 256
typedef struct cf_pos {
    uint32_t line, col;
} cf_pos;
cf_pos cf_doc_pos(const cf_doc *doc, uint32_t offset);
/* Byte offset of the start of a 1-based line (len when past the end). */
uint32_t cf_doc_line_start(const cf_doc *doc, uint32_t line);
/* The length of the line break at s[i] (YAML's: LF, CR, CRLF, NEL, LS,
 * PS), 0 when there is none there. */
size_t cf_line_break_len(const char *s, size_t i, size_t end);

/* The tag written on a node (`!Ref`, `!!str`), pointing into the source;
 * NULL when it has none.  *len gets its length. */
const char *cf_node_tag(const cf_doc *doc, const cf_node *n, size_t *len);

/* Tree access.  Lookups take the key's length: the inline wrappers below
 * get it from strlen, which the compiler works out for the string literals
 * most callers pass (these run hundreds of thousands of times a lint). */
cf_pair *cf_map_pair_n(const cf_node *map, const char *key, size_t len);
cf_node *cf_node_key(const cf_node *value); /* key of a mapping value, or NULL */
bool cf_is_str_n(const cf_node *n, const char *s, size_t len);

static inline cf_pair *cf_map_pair(const cf_node *map, const char *key)
{
    return cf_map_pair_n(map, key, strlen(key));
}

static inline cf_node *cf_map_get(const cf_node *map, const char *key)
{
    cf_pair *p = cf_map_pair_n(map, key, strlen(key));
    return p ? p->value : NULL;
}

/* a scalar with exactly this value */
static inline bool cf_is_str(const cf_node *n, const char *s)
{
    return cf_is_str_n(n, s, strlen(s));
}
const char *cf_kind_name(cf_kind k);
const char *cf_style_name(cf_style s);
const char *cf_type_name(cf_type t);

/* One step of a cfn-lint path: a mapping key or a sequence index. */
typedef struct cf_pathc {
    const char *key; /* NULL for an index */
    uint32_t index;
} cf_pathc;
/* Fill out[] with the path from the root to n (a key node's path ends with
 * the key itself); returns the path's length even when it exceeds max. */
size_t cf_node_path(const cf_node *n, cf_pathc *out, size_t max);
size_t cf_node_depth(const cf_node *n);

#endif
