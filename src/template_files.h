/* Which files in a folder are templates: the terminal UI's file list
 * (cfnfix DIR) finds them here.  A folder is walked for files whose names
 * end as templates' do (.yaml, .yml, .json, .template); whether one is a
 * template is then decided by its content (cf_doc_is_template), once it
 * is loaded: a workflow, a package.json or a parameter file is not. */
#ifndef CFNFIX_TEMPLATE_FILES_H
#define CFNFIX_TEMPLATE_FILES_H

#include "doc.h"

#include <stdbool.h>
#include <stddef.h>

/* At most this many files are listed from one folder (a home directory
 * given by mistake stops there, with a message). */
#define CF_MAX_FOLDER_FILES 20000

/* The candidate files under dir, recursively, sorted by path (byte
 * order), as dir/sub/name.  Folders whose names start with '.' and
 * node_modules are skipped, and symbolic links to folders are not followed
 * (no loops).  Returns the count (the list in *out, free with
 * cli_free_list-style freeing: each string, then the array), or -1 with a
 * message in err when dir cannot be read.  *truncated: more were there
 * than CF_MAX_FOLDER_FILES. */
long cf_template_files(const char *dir, char ***out, bool *truncated, char *err, size_t errsize);

/* Whether a file's name ends as a template's does. */
bool cf_template_file_name(const char *name);

/* Whether a loaded document is a template by its content: a mapping with
 * Resources or AWSTemplateFormatVersion at the top.  A document that did
 * not load (E0000) counts as one: a broken template is worth showing. */
bool cf_doc_is_template(const cf_doc *doc);

#endif
