/* What a Lambda runtime fix may offer: the successor AWS names, checked
 * against the Runtime values the Function schema accepts and the runtime
 * lifecycle data (a successor that is not a valid Runtime, or is itself
 * deprecated, would turn a warning into an error and make repeated fixes
 * oscillate), and what in inline code the new runtime breaks. */
#ifndef CFNFIX_RUNTIME_FIX_H
#define CFNFIX_RUNTIME_FIX_H

#include "doc.h"
#include "lint.h"

/* The runtime to move `runtime` to: the data's successor when every region
 * linted accepts it and it is not deprecated on opts->today, else the
 * newest such runtime of the successor's family ("dotnet" for dotnet9);
 * NULL when there is none.  Points into the spec data. */
const char *cf_runtime_successor(const cf_lint_opts *opts, const char *runtime);

/* Patterns in inline function code (ZipFile, InlineCode) that a newer
 * Node.js runtime breaks. */
enum {
    CF_CODE_AWS_SDK_V2 = 1,      /* require('aws-sdk'): not in nodejs18.x and later */
    CF_CODE_CONTEXT_METHODS = 2, /* context.succeed/fail/done: gone with callback handlers in nodejs24.x */
};
/* The hazards found in the strings under code (any intrinsic form). */
unsigned cf_inline_code_hazards(const cf_node *code);

#endif
