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

/* What atomic_replace returns. */
enum {
    ATOMIC_OK = 0,
    ATOMIC_FAILED = -1, /* the file cannot be written (err says why) */
    ATOMIC_STALE = -2,  /* it changed since it was read, or another cfnfix kept
                           it locked: nothing was written; run again */
};

/* Replace an existing file with data, keeping what a user expects kept:
 * through a symlink (the link stays, its target is updated), the mode, the
 * owner and the extended attributes (ACLs).  Refused when the file is not
 * writable, has hard links (a rename would cut them), or no longer holds
 * `expected`: that is checked once the replacement is complete, right
 * before the rename, under a lock that makes two cfnfix processes take
 * turns (see atomicfile.c).  With backup_suffix, the old content is also
 * saved as path+suffix.  ATOMIC_OK, or another result with a message
 * naming the file in err; on failure the file is as it was. */
int atomic_replace(const char *path, const char *expected, size_t expected_len, const char *data, size_t len,
                   const char *backup_suffix, char *err, size_t errsize);

#endif
