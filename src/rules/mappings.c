/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_mappings = {"mappings", NULL, NULL, 0};
