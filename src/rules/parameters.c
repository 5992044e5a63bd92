/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_parameters = {"parameters", NULL, NULL, 0};
