/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_conditions = {"conditions", NULL, NULL, 0};
