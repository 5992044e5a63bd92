/* Placeholder while this family is being written. */
#include "../lint.h"

const cf_family family_resource_attributes = {"resource_attributes", NULL, NULL, 0};
