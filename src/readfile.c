#include "readfile.h"
#include "doc.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *msg, size_t size, const char *path, const char *reason)
{
    snprintf(msg, size, "cannot read '%s': %s", strcmp(path, "-") ? path : "<stdin>", reason);
    return -1;
}

/* A named FIFO nobody writes to would block a read forever; wait a while
 * for the first byte (or the writer's end) and then read normally. */
static bool fifo_ready(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    int r;
    do
        r = poll(&p, 1, CF_FIFO_WAIT_SECONDS * 1000);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        return false;
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return true;
}

int read_whole_file(const char *path, char **bytes, size_t *len, char *msg, size_t msgsize)
{
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return fail(msg, msgsize, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        if (!is_stdin)
            close(fd);
        return fail(msg, msgsize, path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        return fail(msg, msgsize, path, "it is a directory, not a template file");
    }
    if (!is_stdin) {
        if (S_ISFIFO(st.st_mode) && !fifo_ready(fd)) {
            close(fd);
            return fail(msg, msgsize, path, "it is a FIFO and nothing was written to it");
        }
        int flags = fcntl(fd, F_GETFL);
        if (flags >= 0)
            fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > CF_MAX_FILE) {
        if (!is_stdin)
            close(fd);
        return fail(msg, msgsize, path, "it is larger than 1 GiB, the most cfnfix reads");
    }

    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 65536, n = 0;
    char *p = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > CF_MAX_FILE) {
                free(p);
                if (!is_stdin)
                    close(fd);
                return fail(msg, msgsize, path, "it is larger than 1 GiB, the most cfnfix reads");
            }
            cap *= 2;
            p = xrealloc(p, cap);
        }
        ssize_t r = read(fd, p + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(p);
            if (!is_stdin)
                close(fd);
            return fail(msg, msgsize, path, e == EISDIR ? "it is a directory, not a template file" : strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (!is_stdin)
        close(fd);
    p[n] = '\0';
    *bytes = p;
    *len = n;
    return 0;
}
