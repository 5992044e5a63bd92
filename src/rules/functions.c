/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_functions = {"functions", NULL, NULL, 0};
