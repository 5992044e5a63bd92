#include "atomicfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int atomic_write(const char *path, const void *data, size_t len, mode_t mode, char *err, size_t errsize)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errsize, "cannot create a temporary file next to '%s': %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            snprintf(err, errsize, "cannot write '%s': %s", tmp, w < 0 ? strerror(errno) : "short write");
            goto fail;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        snprintf(err, errsize, "cannot write '%s': %s", tmp, strerror(errno));
        goto fail;
    }
    if (close(fd) < 0) {
        fd = -1;
        snprintf(err, errsize, "cannot write '%s': %s", tmp, strerror(errno));
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        snprintf(err, errsize, "cannot replace '%s': %s", path, strerror(errno));
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

int make_dirs(const char *path, char *err, size_t errsize)
{
    char *p = xstrdup(path);
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0755) < 0 && errno != EEXIST) {
                snprintf(err, errsize, "cannot create folder '%s': %s", p, strerror(errno));
                free(p);
                return -1;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    return 0;
}

/* Tests reach into a write at its two critical moments (to change the file
 * under it, or to kill the writer) by naming a shell command here. */
static void test_hook(const char *name)
{
    const char *cmd = getenv(name);
    if (cmd && *cmd)
        (void)!system(cmd);
}

/* The bytes now in the file, to compare with what was read earlier. */
static int read_current(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    cf_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return -1;
    }
    *len = b.len;
    *out = buf_steal(&b);
    return 0;
}

int atomic_replace(const char *path, const char *expected, size_t expected_len, const char *data, size_t len,
                   const char *backup_suffix, char *err, size_t errsize)
{
    char *target = realpath(path, NULL);
    if (!target) {
        snprintf(err, errsize, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    int rc = -1;
    char *now = NULL, *tmp = NULL, *backup = NULL;
    int fd = -1;
    struct stat st;
    size_t now_len = 0;
    if (stat(target, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errsize, "cannot write '%s': not a regular file", path);
        goto done;
    }
    if (access(target, W_OK) < 0) {
        snprintf(err, errsize, "cannot write '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    test_hook("CFNFIX_TEST_BEFORE_CHECK");
    if (read_current(target, &now, &now_len) < 0 || now_len != expected_len || memcmp(now, expected, now_len) != 0) {
        snprintf(err, errsize, "'%s' changed on disk since cfnfix read it; nothing was written (run cfnfix again)", path);
        goto done;
    }
    if (backup_suffix) {
        backup = xasprintf("%s%s", target, backup_suffix);
        if (atomic_write(backup, now, now_len, st.st_mode & 07777, err, errsize) < 0)
            goto done;
        /* the backup takes the file's owner when it may; else the caller's */
        (void)!chown(backup, st.st_uid, st.st_gid);
    }
    tmp = xasprintf("%s.cfnfix.XXXXXX", target);
    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errsize, "cannot write next to '%s': %s (nothing was changed)", path, strerror(errno));
        free(tmp);
        tmp = NULL;
        goto done;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            snprintf(err, errsize, "cannot write '%s': %s (nothing was changed)", path, w < 0 ? strerror(errno) : "short write");
            goto done;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fchmod(fd, st.st_mode & 07777) < 0) {
        snprintf(err, errsize, "cannot keep the mode of '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    if (fchown(fd, st.st_uid, st.st_gid) < 0 && (st.st_uid != getuid() || st.st_gid != getgid())) {
        snprintf(err, errsize, "cannot keep the owner of '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    if (fsync(fd) < 0 || close(fd) < 0) {
        fd = -1;
        snprintf(err, errsize, "cannot write '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    fd = -1;
    test_hook("CFNFIX_TEST_BEFORE_RENAME");
    if (rename(tmp, target) < 0) {
        snprintf(err, errsize, "cannot replace '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    free(tmp);
    tmp = NULL;
    /* make the rename itself durable */
    char *dir = xstrdup(target);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        int dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    free(dir);
    rc = 0;
done:
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(backup);
    free(now);
    free(target);
    return rc;
}
