/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_lifecycle = {"lifecycle", NULL, NULL, 0};
