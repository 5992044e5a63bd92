/* I3510 for one identity policy document (iam.c finds the documents). */
#ifndef CFNFIX_RULES_IAM_STATEMENT_RESOURCES_H
#define CFNFIX_RULES_IAM_STATEMENT_RESOURCES_H

#include "../lint.h"

void cf_iam_statement_resources(cf_lint_ctx *ctx, const cf_node *doc);

#endif
