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

/* Replace an existing file with data, keeping what a user expects kept:
 * through a symlink (the link stays, its target is updated), the mode and
 * the owner; refused when the file is not writable or no longer holds
 * `expected` (it changed since it was read).  With backup_suffix, the old
 * content is first saved as path+suffix.  0, or -1 with a message naming
 * the file; on failure the file is as it was. */
int atomic_replace(const char *path, const char *expected, size_t expected_len, const char *data, size_t len,
                   const char *backup_suffix, char *err, size_t errsize);

#endif
