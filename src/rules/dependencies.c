/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_dependencies = {"dependencies", NULL, NULL, 0};
