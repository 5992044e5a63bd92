/* cfnfix regions: the regions the spec data knows, one a line, sorted: what
 * --regions and a .cfnlintrc's regions accept (and what the shell
 * completion offers). */
#include "cli.h"
#include "spec.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int cmd_regions(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs("Usage: cfnfix regions\n"
              "List the regions cfnfix has data for, one a line: the names\n"
              "'lint --regions' and a .cfnlintrc's regions accept.\n",
              stdout);
        return CF_EXIT_OK;
    }
    if (argc > 1) {
        cli_error("regions: unexpected argument '%s'", argv[1]);
        return CF_EXIT_USAGE;
    }
    char err[1024] = "";
    cf_spec *spec = cf_spec_open(err, sizeof err);
    if (!spec) {
        cli_error("%s", err);
        return CF_EXIT_USAGE;
    }
    size_t n = cf_spec_region_count(spec);
    const char **names = xmalloc(sizeof *names * (n ? n : 1));
    for (size_t i = 0; i < n; i++)
        names[i] = cf_spec_region_name(spec, i);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++)
        printf("%s\n", names[i]);
    free(names);
    cf_spec_close(spec);
    return CF_EXIT_OK;
}
