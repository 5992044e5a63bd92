/* Reading a whole template into memory: regular files, stdin ("-"), pipes
 * and FIFOs, with a message naming the file and the reason on failure. */
#ifndef CFNFIX_READFILE_H
#define CFNFIX_READFILE_H

#include <stddef.h>

/* Seconds a FIFO may stay silent before it is given up on (no writer). */
#define CF_FIFO_WAIT_SECONDS 5

/* On success *bytes holds len bytes plus one spare byte, and 0 is returned.
 * On failure msg gets "cannot read 'FILE': REASON" and -1 is returned. */
int read_whole_file(const char *path, char **bytes, size_t *len, char *msg, size_t msgsize);

#endif
