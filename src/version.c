#include "version.h"

#include <stdio.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int cf_version_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (is_digit(*a) && is_digit(*b)) {
            while (*a == '0' && is_digit(a[1]))
                a++;
            while (*b == '0' && is_digit(b[1]))
                b++;
            size_t la = 0, lb = 0;
            while (is_digit(a[la]))
                la++;
            while (is_digit(b[lb]))
                lb++;
            if (la != lb)
                return la < lb ? -1 : 1;
            int c = strncmp(a, b, la);
            if (c)
                return c;
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

void cf_version_major(const char *engine, const char *version, char *out, unsigned size)
{
    /* engines whose major version is "X.Y": MySQL, MariaDB, Aurora MySQL,
     * Oracle and SQL Server use more parts, but RDS groups those by X.Y too */
    int parts = 1;
    if (engine && (strstr(engine, "mysql") || strstr(engine, "mariadb")))
        parts = 2;
    else if (engine && strstr(engine, "postgres") && version[0] >= '1' && version[0] <= '9' && version[1] == '.')
        parts = 2; /* PostgreSQL before 10: 9.6 is a major */
    unsigned n = 0;
    int seen = 0;
    for (const char *p = version; *p && n + 1 < size; p++) {
        if (*p == '.' && ++seen == parts)
            break;
        if (!is_digit(*p) && *p != '.')
            break;
        out[n++] = *p;
    }
    out[n] = '\0';
}
