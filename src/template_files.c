/* Finding templates in a folder (template_files.h). */
#include "template_files.h"

#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool cf_template_file_name(const char *name)
{
    static const char *const endings[] = {".yaml", ".yml", ".json", ".template"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
        size_t e = strlen(endings[i]);
        if (n > e && !strcmp(name + n - e, endings[i]))
            return true;
    }
    return false;
}

bool cf_doc_is_template(const cf_doc *doc)
{
    if (doc->failed)
        return true;
    const cf_node *root = doc->root;
    if (!root || root->kind != CF_MAPPING)
        return false;
    return cf_map_get(root, "Resources") || cf_map_get(root, "AWSTemplateFormatVersion");
}

typedef struct found {
    char **v;
    size_t n, cap;
    bool truncated;
} found;

static int by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Folders are walked with an explicit stack: a deep tree costs no C stack. */
static int walk(const char *top, found *f, char *err, size_t errsize)
{
    char **stack = xmalloc(sizeof *stack);
    size_t nstack = 1, stack_cap = 1;
    stack[0] = xstrdup(top);
    int status = 0;
    bool first = true;
    while (nstack && !f->truncated) {
        char *dir = stack[--nstack];
        DIR *d = opendir(dir);
        if (!d) {
            if (first) { /* the folder given: say why; below it, skip quietly */
                snprintf(err, errsize, "%s: %s", dir, strerror(errno));
                status = -1;
            }
            free(dir);
            first = false;
            continue;
        }
        first = false;
        size_t len = strlen(dir);
        bool slash = len && dir[len - 1] == '/';
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
                continue;
            char *path = xasprintf("%s%s%s", dir, slash ? "" : "/", e->d_name);
            struct stat st;
            /* lstat: a link to a folder is not followed; a link to a file is */
            bool is_dir = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
            if (is_dir) {
                if (nstack == stack_cap) {
                    stack_cap *= 2;
                    stack = xrealloc(stack, stack_cap * sizeof *stack);
                }
                stack[nstack++] = path;
            } else if (cf_template_file_name(e->d_name) && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                if (f->n == CF_MAX_FOLDER_FILES) {
                    f->truncated = true;
                    free(path);
                    break;
                }
                if (f->n == f->cap) {
                    f->cap = f->cap ? f->cap * 2 : 64;
                    f->v = xrealloc(f->v, f->cap * sizeof *f->v);
                }
                f->v[f->n++] = path;
            } else {
                free(path);
            }
        }
        closedir(d);
        free(dir);
    }
    while (nstack)
        free(stack[--nstack]);
    free(stack);
    return status;
}

long cf_template_files(const char *dir, char ***out, bool *truncated, char *err, size_t errsize)
{
    found f = {0};
    *out = NULL;
    *truncated = false;
    if (walk(dir, &f, err, errsize) < 0) {
        for (size_t i = 0; i < f.n; i++)
            free(f.v[i]);
        free(f.v);
        return -1;
    }
    if (f.n)
        qsort(f.v, f.n, sizeof *f.v, by_path);
    *out = f.v;
    *truncated = f.truncated;
    return (long)f.n;
}
