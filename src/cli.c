#include "cli.h"
#include "escape.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_split_list(const char *arg, char ***list, size_t *n)
{
    const char *p = arg;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len && (*p == ' '))
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        if (len) {
            *list = xrealloc(*list, sizeof(char *) * (*n + 1));
            (*list)[(*n)++] = xstrndup(p, len);
        }
        if (!comma)
            break;
        p = comma + 1;
    }
}

void cli_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

bool cli_stdin_repeated(char *const *files, size_t n)
{
    size_t dashes = 0;
    for (size_t i = 0; i < n; i++)
        dashes += !strcmp(files[i], "-");
    return dashes > 1;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    cf_buf b = {0};
    buf_adds(&b, "cfnfix: ");
    esc_texts(&b, msg);
    buf_addc(&b, '\n');
    fputs(b.data, stderr);
    buf_free(&b);
    free(msg);
}
