/* Writing files so that a reader (or a crash) sees the old content or the
 * new, never half of it, and a change made by someone else meanwhile is
 * never overwritten; see atomicfile.h. */
#include "atomicfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/xattr.h>
#endif

/* How long a writer waits for another cfnfix writing the same file. */
enum { LOCK_WAIT_MS = 30000, LOCK_POLL_MS = 10 };

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
}

/* A new temporary file beside path, named path+suffix+random; *tmp gets
 * its name.  Returns the open descriptor, or -1. */
static int open_temp(const char *path, const char *suffix, char **tmp)
{
    *tmp = xasprintf("%s%s.XXXXXX", path, suffix);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        int e = errno;
        free(*tmp);
        *tmp = NULL;
        errno = e;
    }
    return fd;
}

/* 0, or -1 with errno (0 for a short write). */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = 0;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static const char *errtext(int e) { return e ? strerror(e) : "short write"; }

/* Flush fd to disk and close it (closed either way); 0 or -1 with errno. */
static int finish_temp(int fd)
{
    int rc = fsync(fd);
    int e = errno;
    if (close(fd) < 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    errno = e;
    return rc;
}

/* Make a rename in path's folder durable. */
static void sync_folder(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        int dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
    }
    free(dir);
}

int atomic_write(const char *path, const void *data, size_t len, mode_t mode, char *err, size_t errsize)
{
    char *tmp;
    int fd = open_temp(path, ".tmp", &tmp);
    if (fd < 0) {
        snprintf(err, errsize, "cannot create a temporary file next to '%s': %s", path, strerror(errno));
        return -1;
    }
    if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0) {
        snprintf(err, errsize, "cannot write '%s': %s", tmp, errtext(errno));
        close(fd);
        goto fail;
    }
    if (finish_temp(fd) < 0) {
        snprintf(err, errsize, "cannot write '%s': %s", tmp, strerror(errno));
        goto fail;
    }
    if (rename(tmp, path) < 0) {
        snprintf(err, errsize, "cannot replace '%s': %s", path, strerror(errno));
        goto fail;
    }
    free(tmp);
    return 0;
fail:
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

/* --- replacing a file someone else may also be changing ----------------- */

/* Tests reach into a write at its critical moments: a variable names a
 * shell command to run there (to change the file under the writer, start a
 * second writer, or kill this one), or, for PAUSE, milliseconds to wait.
 * For tests only. */
static void test_hook(const char *name)
{
    const char *cmd = getenv(name);
    if (cmd && *cmd)
        (void)!system(cmd);
}

static void test_pause(const char *name)
{
    const char *ms = getenv(name);
    if (ms && *ms) {
        long n = strtol(ms, NULL, 10);
        if (n > 0)
            sleep_ms(n > 600000 ? 600000 : n);
    }
}

/* Two cfnfix processes writing one file take turns: each holds an flock()
 * on ".NAME.cfnfix-lock" beside the file from its first look at the file
 * until after its rename, as git serialises writers with index.lock.  A
 * lock on the file itself would not do (the rename replaces the inode it
 * guards), nor one on the folder (an exclusive lock needs a descriptor
 * open for writing on NFS).  The holder removes the lock file before it
 * lets go; one that then finds it locked a removed file locks again. */
typedef struct file_lock {
    int fd;
    char *path;
} file_lock;

static int lock_take(file_lock *l, const char *target, const char *shown, char *err, size_t errsize)
{
    const char *slash = strrchr(target, '/');
    l->path = xasprintf("%.*s/.%s.cfnfix-lock", (int)(slash - target), target, slash + 1);
    long waited = 0;
    for (;;) {
        l->fd = open(l->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (l->fd < 0) {
            snprintf(err, errsize, "cannot write '%s': cannot create the lock file '%s': %s (nothing was changed)",
                     shown, l->path, strerror(errno));
            break;
        }
        int rc;
        while ((rc = flock(l->fd, LOCK_EX | LOCK_NB)) < 0 && (errno == EWOULDBLOCK || errno == EINTR) &&
               waited < LOCK_WAIT_MS) {
            sleep_ms(LOCK_POLL_MS);
            waited += LOCK_POLL_MS;
        }
        if (rc < 0 && (errno == EWOULDBLOCK || errno == EINTR)) {
            snprintf(err, errsize,
                     "'%s' is being written by another cfnfix (it has held '%s' for %d seconds); nothing was "
                     "written (run cfnfix again)",
                     shown, l->path, LOCK_WAIT_MS / 1000);
            close(l->fd);
            l->fd = -1;
            free(l->path);
            l->path = NULL;
            return ATOMIC_STALE;
        }
        /* a file system without locks: the checks below still stand */
        if (rc < 0)
            return 0;
        struct stat held, named;
        if (fstat(l->fd, &held) == 0 && stat(l->path, &named) == 0 && held.st_dev == named.st_dev &&
            held.st_ino == named.st_ino)
            return 0;
        close(l->fd); /* its holder removed it meanwhile */
    }
    l->fd = -1;
    free(l->path);
    l->path = NULL;
    return ATOMIC_FAILED;
}

static void lock_release(file_lock *l)
{
    if (l->fd >= 0) {
        unlink(l->path);
        close(l->fd);
    }
    free(l->path);
}

/* Whether the file at path still holds exactly expected (compared byte for
 * byte, which no hash can beat); *st gets the identity of what was
 * compared.  1 yes, 0 no, -1 an error (errno). */
static int still_as_read(const char *path, const char *expected, size_t len, struct stat *st)
{
    /* not a FIFO or a symlink swapped in: O_NONBLOCK, O_NOFOLLOW */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT || errno == ELOOP ? 0 : -1;
    int same = 1;
    if (fstat(fd, st) < 0)
        same = -1;
    else if (!S_ISREG(st->st_mode) || (uintmax_t)st->st_size != len)
        same = 0;
    char chunk[65536];
    size_t off = 0;
    while (same == 1) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            same = -1;
        else if (n == 0)
            same = off == len;
        else if ((size_t)n > len - off || memcmp(chunk, expected + off, (size_t)n) != 0)
            same = 0;
        else {
            off += (size_t)n;
            continue;
        }
        break;
    }
    int e = errno;
    close(fd);
    errno = e;
    return same;
}

/* Whether a and b are the same file, unchanged: identity, size, times,
 * links, mode and owner (the temporary copy took the latter from a). */
static bool same_file_state(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec &&
           a->st_nlink == b->st_nlink && a->st_mode == b->st_mode && a->st_uid == b->st_uid && a->st_gid == b->st_gid;
}

/* Extended attributes (POSIX ACLs and SELinux labels among them) go with
 * the content: copied from the file to its replacement.  One that cannot be
 * copied refuses the write rather than being dropped. */
static int copy_xattrs(const char *from, int to, const char *shown, char *err, size_t errsize)
{
#ifdef __linux__
    ssize_t n = listxattr(from, NULL, 0);
    if (n == 0 || (n < 0 && (errno == ENOTSUP || errno == ENOSYS)))
        return 0; /* none, or a file system without them */
    char *names = xmalloc(n > 0 ? (size_t)n : 1);
    int rc = 0;
    if (n > 0)
        n = listxattr(from, names, (size_t)n);
    if (n < 0) {
        snprintf(err, errsize, "cannot read the extended attributes of '%s': %s (nothing was changed)", shown,
                 strerror(errno));
        rc = -1;
    }
    for (char *k = names; rc == 0 && n > 0 && k < names + n; k += strlen(k) + 1) {
        ssize_t vn = getxattr(from, k, NULL, 0);
        char *v = xmalloc(vn > 0 ? (size_t)vn : 1);
        if (vn >= 0)
            vn = getxattr(from, k, v, (size_t)vn);
        char *have = xmalloc(vn > 0 ? (size_t)vn : 1);
        /* the replacement may have it already (a folder's SELinux label) */
        bool already = vn >= 0 && fgetxattr(to, k, have, (size_t)vn) == vn && !memcmp(have, v, (size_t)vn);
        if (vn < 0 || (!already && fsetxattr(to, k, v, (size_t)vn, 0) < 0)) {
            snprintf(err, errsize, "cannot keep the extended attribute '%s' of '%s': %s (nothing was changed)", k,
                     shown, strerror(errno));
            rc = -1;
        }
        free(have);
        free(v);
    }
    free(names);
    return rc;
#else
    (void)from, (void)to, (void)shown, (void)err, (void)errsize;
    return 0;
#endif
}

/* The replacement beside target, with the file's content to be, owner,
 * mode and extended attributes, flushed to disk; NULL with err else. */
static char *prepare_replacement(const char *target, const struct stat *st, const char *data, size_t len,
                                 const char *shown, char *err, size_t errsize)
{
    char *tmp;
    int fd = open_temp(target, ".cfnfix", &tmp);
    if (fd < 0) {
        snprintf(err, errsize, "cannot write next to '%s': %s (nothing was changed)", shown, strerror(errno));
        return NULL;
    }
    if (write_all(fd, data, len) < 0) {
        snprintf(err, errsize, "cannot write '%s': %s (nothing was changed)", shown, errtext(errno));
        goto fail;
    }
    /* owner first: a change of owner clears set-id bits and capabilities */
    if (fchown(fd, st->st_uid, st->st_gid) < 0 && (st->st_uid != getuid() || st->st_gid != getgid())) {
        snprintf(err, errsize, "cannot keep the owner of '%s': %s (nothing was changed)", shown, strerror(errno));
        goto fail;
    }
    if (fchmod(fd, st->st_mode & 07777) < 0) {
        snprintf(err, errsize, "cannot keep the mode of '%s': %s (nothing was changed)", shown, strerror(errno));
        goto fail;
    }
    if (copy_xattrs(target, fd, shown, err, errsize) < 0)
        goto fail;
    int rc = finish_temp(fd);
    fd = -1;
    if (rc < 0) {
        snprintf(err, errsize, "cannot write '%s': %s (nothing was changed)", shown, strerror(errno));
        goto fail;
    }
    return tmp;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return NULL;
}

/* Whether path reaches its file through a link in /proc, as /dev/stdin,
 * /dev/fd/N and /proc/self/fd/N do: such a name stands for a descriptor
 * some process has open (a shell's redirection), not for a file to
 * replace. */
static bool through_proc_link(const char *path)
{
    char *p = xstrdup(path);
    bool found = false;
    for (int hops = 0; hops < 40 && !found; hops++) {
        struct stat st;
        if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
            break;
        char *slash = strrchr(p, '/');
        char *dir = slash ? xstrndup(p, slash == p ? 1 : (size_t)(slash - p)) : xstrdup(".");
        char *where = realpath(dir, NULL);
        found = where && (!strcmp(where, "/proc") || !strncmp(where, "/proc/", 6));
        char link[4096];
        ssize_t n = readlink(p, link, sizeof link - 1);
        free(p);
        p = NULL;
        if (n >= 0) {
            link[n] = '\0';
            p = link[0] == '/' ? xstrdup(link) : xasprintf("%s/%s", where ? where : dir, link);
        }
        free(dir);
        free(where);
        if (!p)
            break;
    }
    free(p);
    return found;
}

int atomic_replace(const char *path, const char *expected, size_t expected_len, const char *data, size_t len,
                   const char *backup_suffix, char *err, size_t errsize)
{
    if (through_proc_link(path)) {
        snprintf(err, errsize,
                 "cannot write '%s': it names a descriptor a process has open (as /dev/stdin does), not a file to "
                 "replace (nothing was changed; name the file itself)",
                 path);
        return ATOMIC_FAILED;
    }
    char *target = realpath(path, NULL);
    if (!target) {
        snprintf(err, errsize, "cannot write '%s': %s", path, strerror(errno));
        return ATOMIC_FAILED;
    }
    int rc = ATOMIC_FAILED;
    char *tmp = NULL, *backup = NULL, *backup_tmp = NULL;
    file_lock lock = {-1, NULL};
    struct stat st, now;
    if (stat(target, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errsize, "cannot write '%s': not a regular file", path);
        goto done;
    }
    if (access(target, W_OK) < 0) {
        snprintf(err, errsize, "cannot write '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    test_hook("CFNFIX_TEST_BEFORE_LOCK");
    int locked = lock_take(&lock, target, path, err, errsize);
    if (locked < 0) {
        rc = locked;
        goto done;
    }
    const char *changed = "'%s' changed on disk since cfnfix read it; nothing was written (run cfnfix again)";
    int same = still_as_read(target, expected, expected_len, &st);
    if (same < 0) {
        snprintf(err, errsize, "cannot read '%s' again: %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    if (!same) {
        snprintf(err, errsize, changed, path);
        rc = ATOMIC_STALE;
        goto done;
    }
    /* a rename would leave the other names with the old content */
    if (st.st_nlink > 1) {
        snprintf(err, errsize,
                 "cannot write '%s': it has %ju hard links, which replacing it would break (nothing was changed; "
                 "apply the diff 'cfnfix fix' prints instead)",
                 path, (uintmax_t)st.st_nlink);
        goto done;
    }
    if (backup_suffix) {
        backup = xasprintf("%s%s", target, backup_suffix);
        int fd = open_temp(backup, ".tmp", &backup_tmp);
        if (fd < 0 || write_all(fd, expected, expected_len) < 0 || fchmod(fd, st.st_mode & 07777) < 0) {
            snprintf(err, errsize, "cannot write the backup '%s': %s (nothing was changed)", backup, errtext(errno));
            if (fd >= 0)
                close(fd);
            goto done;
        }
        /* the backup takes the file's owner when it may; else the caller's */
        (void)!fchown(fd, st.st_uid, st.st_gid);
        if (finish_temp(fd) < 0) {
            snprintf(err, errsize, "cannot write the backup '%s': %s (nothing was changed)", backup, strerror(errno));
            goto done;
        }
    }
    tmp = prepare_replacement(target, &st, data, len, path, err, errsize);
    if (!tmp)
        goto done;
    /* The last look, as late as it can be: the file must be the one first
     * looked at, unchanged, holding what was read.  Another cfnfix waits
     * for the lock; an editor takes none, but only the instant between
     * this look and the rename is left to it. */
    test_pause("CFNFIX_TEST_PAUSE_BEFORE_CHECK");
    test_hook("CFNFIX_TEST_BEFORE_CHECK");
    same = still_as_read(target, expected, expected_len, &now);
    if (same < 0) {
        snprintf(err, errsize, "cannot read '%s' again: %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    if (!same || !same_file_state(&st, &now)) {
        snprintf(err, errsize, changed, path);
        rc = ATOMIC_STALE;
        goto done;
    }
    test_hook("CFNFIX_TEST_BEFORE_RENAME");
    if (backup_tmp && rename(backup_tmp, backup) < 0) {
        snprintf(err, errsize, "cannot write the backup '%s': %s (nothing was changed)", backup, strerror(errno));
        goto done;
    }
    free(backup_tmp);
    backup_tmp = NULL;
    if (rename(tmp, target) < 0) {
        snprintf(err, errsize, "cannot replace '%s': %s (nothing was changed)", path, strerror(errno));
        goto done;
    }
    free(tmp);
    tmp = NULL;
    sync_folder(target);
    rc = ATOMIC_OK;
done:
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    if (backup_tmp) {
        unlink(backup_tmp);
        free(backup_tmp);
    }
    lock_release(&lock);
    free(backup);
    free(target);
    return rc;
}
