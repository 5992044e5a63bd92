/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_outputs = {"outputs", NULL, NULL, 0};
