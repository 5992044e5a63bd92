/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_lambda = {"lambda", NULL, NULL, 0};
