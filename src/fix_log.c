/* `fix -f json`; see fix_log.h. */
#include "fix_log.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

bool cf_fix_log_has(const cf_fix_log *log, const cf_fix *f)
{
    for (size_t i = 0; i < log->n; i++)
        if (log->v[i].fix == f)
            return true;
    return false;
}

void cf_fix_log_add(cf_fix_log *log, const cf_diag *d, const cf_fix *f, const char *status, const char *reason)
{
    if (cf_fix_log_has(log, f))
        return;
    GROW(log->v, log->cap, log->n + 1);
    log->v[log->n++] = (cf_fix_entry){d, f, status, reason ? xstrdup(reason) : NULL};
}

/* In the findings' order (they are one array), then as recorded. */
static int by_finding(const void *a, const void *b)
{
    const cf_fix_entry *x = *(const cf_fix_entry *const *)a, *y = *(const cf_fix_entry *const *)b;
    if (x->diag != y->diag)
        return !x->diag ? 1 : !y->diag ? -1 : x->diag < y->diag ? -1 : 1;
    return x < y ? -1 : x > y;
}

void cf_fix_log_json(cf_buf *b, const char *file, const cf_fix_log *log, bool written)
{
    const cf_fix_entry **order = xmalloc((log->n + 1) * sizeof *order);
    for (size_t i = 0; i < log->n; i++)
        order[i] = &log->v[i];
    qsort(order, log->n, sizeof *order, by_finding);
    buf_adds(b, "    {\n        \"Filename\": ");
    cf_report_json_string(b, file);
    buf_adds(b, ",\n        \"Fixes\": [");
    for (size_t i = 0; i < log->n; i++) {
        const cf_fix_entry *e = order[i];
        cf_buf extra = {0};
        if (e->diag) {
            buf_printf(&extra, "                \"Finding\": {\n"
                               "                    \"ColumnNumber\": %u,\n"
                               "                    \"LineNumber\": %u,\n"
                               "                    \"Message\": ",
                       e->diag->pos.col, e->diag->pos.line);
            cf_report_json_string(&extra, e->diag->message);
            buf_adds(&extra, ",\n                    \"Rule\": ");
            cf_report_json_string(&extra, e->diag->rule->id);
            buf_adds(&extra, "\n                },\n");
        }
        buf_adds(&extra, "                \"Reason\": ");
        if (e->reason)
            cf_report_json_string(&extra, e->reason);
        else
            buf_adds(&extra, "null");
        buf_adds(&extra, ",\n                \"Status\": ");
        cf_report_json_string(&extra, e->status);
        buf_adds(&extra, ",\n");
        buf_adds(b, i ? ",\n" : "\n");
        cf_report_fix_json(b, e->fix, 12, extra.data);
        buf_free(&extra);
    }
    buf_adds(b, log->n ? "\n        ],\n" : "],\n");
    buf_printf(b, "        \"Written\": %s\n    }", written ? "true" : "false");
    free(order);
}

void cf_fix_log_free(cf_fix_log *log)
{
    for (size_t i = 0; i < log->n; i++)
        free(log->v[i].reason);
    free(log->v);
    memset(log, 0, sizeof *log);
}
