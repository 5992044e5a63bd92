/* Replacing a file so that a reader (or a crash) sees either the old
 * content or the new, never half of it: write a temporary file in the same
 * folder, fsync it, rename it over the target. */
#ifndef CFNFIX_ATOMICFILE_H
#define CFNFIX_ATOMICFILE_H

#include <stddef.h>
#include <sys/types.h>

/* Write len bytes to path atomically with the given mode (for a new file).
 * Returns 0, or -1 with a message naming the file in err. */
int atomic_write(const char *path, const void *data, size_t len, mode_t mode, char *err, size_t errsize);
/* mkdir -p */
int make_dirs(const char *path, char *err, size_t errsize);

#endif
