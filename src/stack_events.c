/* Reading `aws cloudformation describe-stack-events` output:
 *
 *   {"StackEvents": [{"StackId", "EventId", "StackName", "LogicalResourceId",
 *     "PhysicalResourceId", "ResourceType", "Timestamp", "ResourceStatus",
 *     "ResourceStatusReason", ...}, ...]}
 *
 * newest first, as AWS lists them.  The most recent operation is what the
 * user is looking at: the events with the newest event's OperationId when
 * AWS gave one, else those from the newest event of the stack itself that
 * starts an operation (CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS, ...) to the
 * end.  Its *_FAILED resource events are the failures; "Resource creation
 * cancelled" and the like only say another failure stopped the operation
 * (CloudFormation cancels what is in progress at the first failure), so
 * they are kept with the operation's first failure. */
#include "stack_events.h"
#include "doc.h"
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The stack statuses that open an operation (its first event). */
static const char *const operation_starts[] = {
    "CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS",
    "IMPORT_IN_PROGRESS", "REVIEW_IN_PROGRESS",
};

typedef struct event {
    const cf_node *node;
    const char *stack_id, *stack, *logical, *physical, *type, *time, *status, *reason, *operation;
} event;

static const char *str_of(const cf_node *map, const char *key)
{
    const cf_node *v = cf_map_get(map, key);
    return v && v->kind == CF_SCALAR && v->type != CF_TYPE_NULL ? v->u.str : NULL;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* An event of the stack itself (not of a resource, nor a nested stack). */
static bool is_stack(const event *e)
{
    if (!e->type || strcmp(e->type, "AWS::CloudFormation::Stack"))
        return false;
    return (e->stack && !strcmp(e->logical, e->stack)) ||
           (e->physical && e->stack_id && !strcmp(e->physical, e->stack_id));
}

/* "Resource creation cancelled", "Resource update cancelled": stopped
 * because something else failed. */
static bool is_cancellation(const char *reason)
{
    if (!reason || strncmp(reason, "Resource ", 9))
        return false;
    size_t n = strlen(reason);
    while (n && (reason[n - 1] == '.' || isspace((unsigned char)reason[n - 1])))
        n--;
    return n >= 10 && !strncmp(reason + n - 10, " cancelled", 10);
}

__attribute__((format(printf, 4, 5))) static int fail(char *err, size_t errsize, cf_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    cf_doc_free(doc);
    return -1;
}

/* A reason as text: a NUL in it (JSON's \u0000) would end it early. */
static char *reason_text(const cf_node *map)
{
    const cf_node *v = cf_map_get(map, "ResourceStatusReason");
    if (!v || v->kind != CF_SCALAR || v->type == CF_TYPE_NULL)
        return xstrdup("");
    char *s = xmalloc((size_t)v->len + 1);
    for (uint32_t i = 0; i < v->len; i++)
        s[i] = v->u.str[i] ? v->u.str[i] : ' ';
    s[v->len] = '\0';
    return s;
}

static void add_failure(cf_stack_events *ev, const event *e, size_t *cap)
{
    GROW(ev->v, *cap, ev->n + 1);
    cf_stack_failure *f = &ev->v[ev->n++];
    memset(f, 0, sizeof *f);
    f->resource = xstrdup(e->logical);
    f->type = xstrdup(e->type ? e->type : "");
    f->status = xstrdup(e->status);
    f->time = xstrdup(e->time ? e->time : "");
    f->reason = reason_text(e->node);
}

static void add_name(char ***list, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*list)[i], name))
            return;
    *list = xrealloc(*list, sizeof **list * (*n + 1));
    (*list)[(*n)++] = xstrdup(name);
}

int cf_stack_events_load(const char *path, cf_stack_events *ev, char *err, size_t errsize)
{
    memset(ev, 0, sizeof *ev);
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    cf_read_error rerr;
    cf_doc *doc = cf_doc_load_file(path, &rerr);
    if (!doc) {
        snprintf(err, errsize, "%s", rerr.message);
        return -1;
    }
    if (doc->failed) {
        cf_pos p = cf_doc_pos(doc, doc->err_start);
        return fail(err, errsize, doc, "%s:%u:%u: not JSON: %s", name, p.line, p.col, doc->err_msg);
    }
    if (!doc->root)
        return fail(err, errsize, doc, "%s: empty (expected the output of 'aws cloudformation describe-stack-events')",
                    name);
    const cf_node *list = cf_map_get(doc->root, "StackEvents");
    if (!list || list->kind != CF_SEQUENCE)
        return fail(err, errsize, doc,
                    "%s: no \"StackEvents\" list (expected the output of 'aws cloudformation describe-stack-events')",
                    name);
    if (!list->len)
        return fail(err, errsize, doc, "%s: \"StackEvents\" is empty", name);
    event *es = xcalloc(list->len, sizeof *es);
    for (uint32_t i = 0; i < list->len; i++) {
        const cf_node *n = list->u.items[i];
        event *e = &es[i];
        e->node = n;
        if (n->kind == CF_MAPPING) {
            e->stack_id = str_of(n, "StackId");
            e->stack = str_of(n, "StackName");
            e->logical = str_of(n, "LogicalResourceId");
            e->physical = str_of(n, "PhysicalResourceId");
            e->type = str_of(n, "ResourceType");
            e->time = str_of(n, "Timestamp");
            e->status = str_of(n, "ResourceStatus");
            e->reason = str_of(n, "ResourceStatusReason");
            e->operation = str_of(n, "OperationId");
        }
        if (!e->logical || !e->status) {
            cf_pos p = cf_doc_pos(doc, n->start);
            const char *missing = n->kind != CF_MAPPING ? "fields (not an object)"
                                  : !e->logical         ? "LogicalResourceId"
                                                        : "ResourceStatus";
            free(es);
            return fail(err, errsize, doc, "%s:%u:%u: event %u has no %s", name, p.line, p.col, i, missing);
        }
    }
    /* the newest event's stack; events of another stack are not this one's */
    const char *stack = es[0].stack;
    size_t end = list->len; /* the operation: es[0 .. end) */
    if (es[0].operation) {
        end = 0;
        while (end < list->len && es[end].operation && !strcmp(es[end].operation, es[0].operation))
            end++;
    } else {
        for (size_t i = 0; i < list->len; i++) {
            bool starts = false;
            for (size_t k = 0; k < sizeof operation_starts / sizeof *operation_starts; k++)
                starts |= !strcmp(es[i].status, operation_starts[k]);
            if (starts && is_stack(&es[i])) {
                end = i + 1;
                break;
            }
        }
    }
    ev->path = xstrdup(path);
    ev->stack = xstrdup(stack ? stack : "");
    const event *first = &es[end - 1];
    ev->operation = is_stack(first) ? xasprintf("%s %s", first->status, first->time ? first->time : "")
                                    : xstrdup("the events kept");
    size_t cap = 0;
    for (size_t i = end; i-- > 0;) {
        const event *e = &es[i];
        if ((stack && e->stack && strcmp(e->stack, stack)) || is_stack(e) || !ends_with(e->status, "_FAILED"))
            continue;
        if (!is_cancellation(e->reason))
            add_failure(ev, e, &cap);
        else if (ev->n) /* the first failure stopped the operation */
            add_name(&ev->v[0].cancelled, &ev->v[0].ncancelled, e->logical);
        else
            add_name(&ev->orphans, &ev->norphans, e->logical);
    }
    free(es);
    cf_doc_free(doc);
    return 0;
}

void cf_stack_events_free(cf_stack_events *ev)
{
    for (size_t i = 0; i < ev->n; i++) {
        cf_stack_failure *f = &ev->v[i];
        free(f->resource);
        free(f->type);
        free(f->status);
        free(f->time);
        free(f->reason);
        for (size_t k = 0; k < f->ncancelled; k++)
            free(f->cancelled[k]);
        free(f->cancelled);
    }
    for (size_t k = 0; k < ev->norphans; k++)
        free(ev->orphans[k]);
    free(ev->orphans);
    free(ev->v);
    free(ev->path);
    free(ev->stack);
    free(ev->operation);
    memset(ev, 0, sizeof *ev);
}

/* --- where a reason points ---------------------------------------------- */

/* What AWS's messages say about a property, and the properties that says
 * it is (the first one the resource has wins).  Words are matched without
 * regard to case; the first row that matches decides. */
static const struct {
    const char *words;
    const char *props[4];
} reason_words[] = {
    {"cannot find version", {"EngineVersion"}},
    {"upgrade path", {"EngineVersion"}},
    /* "RDS does not support creating a DB instance with the following
     * combination: DBInstanceClass=..., Engine=..., EngineVersion=...":
     * the class is what to change (the version was checked on its own) */
    {"DBInstanceClass=", {"DBInstanceClass", "DBClusterInstanceClass"}},
    {"instance class", {"DBInstanceClass", "DBClusterInstanceClass"}},
    {"engine version", {"EngineVersion"}},
    {"runtime", {"Runtime"}},
    {"instance type", {"InstanceType", "InstanceTypes"}},
    {"node type", {"CacheNodeType", "NodeType"}},
    {"storage size", {"AllocatedStorage"}},
    {"storage type", {"StorageType"}},
    {"iops", {"Iops"}},
    {"parameter group", {"DBParameterGroupName", "CacheParameterGroupName", "DBClusterParameterGroupName"}},
    {"subnet group", {"DBSubnetGroupName", "CacheSubnetGroupName"}},
    {"security group", {"VPCSecurityGroups", "SecurityGroupIds", "SecurityGroups"}},
    {"master password", {"MasterUserPassword"}},
    {"kms", {"KmsKeyId", "KMSMasterKeyId", "KmsKeyArn"}},
    {"cannot be assumed", {"Role", "RoleArn"}},
    {"handler", {"Handler"}},
    {"memory", {"MemorySize"}},
    {"availability zone", {"AvailabilityZone", "AvailabilityZones"}},
    {"image id", {"ImageId"}},
};

static const char *find_fold(const char *hay, const char *needle)
{
    size_t m = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (!strncasecmp(p, needle, m))
            return p;
    return NULL;
}

static int index_of(const char *const *names, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strlen(names[i]) == len && !strncmp(names[i], name, len))
            return (int)i;
    return -1;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

int cf_stack_reason_property(const char *reason, const char *const *names, const char *const *values, size_t n)
{
    if (!reason || !*reason)
        return -1;
    /* a JSON pointer into the properties: "#/EngineVersion: ...",
     * "{/MemorySize}" (CloudFormation's schema validation messages) */
    for (const char *p = reason; (p = strchr(p, '/')); p++) {
        if (p == reason || (p[-1] != '#' && p[-1] != '{'))
            continue;
        size_t len = 0;
        while (word_char(p[1 + len]))
            len++;
        int i = index_of(names, n, p + 1, len);
        if (i >= 0)
            return i;
    }
    for (size_t r = 0; r < sizeof reason_words / sizeof *reason_words; r++) {
        if (!find_fold(reason, reason_words[r].words))
            continue;
        for (size_t k = 0; k < 4 && reason_words[r].props[k]; k++) {
            int i = index_of(names, n, reason_words[r].props[k], strlen(reason_words[r].props[k]));
            if (i >= 0)
                return i;
        }
    }
    /* a property named outright ("... property BucketName ...") */
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        for (const char *p = reason; len > 3 && (p = strstr(p, names[i])); p++)
            if ((p == reason || !word_char(p[-1])) && !word_char(p[len]))
                return (int)i;
    }
    /* a value quoted back ("my-archive already exists"), the longest */
    int best = -1;
    size_t best_len = 3;
    for (size_t i = 0; values && i < n; i++) {
        size_t len = values[i] ? strlen(values[i]) : 0;
        if (len <= best_len)
            continue;
        for (const char *p = reason; (p = strstr(p, values[i])); p++)
            if ((p == reason || !word_char(p[-1])) && !word_char(p[len])) {
                best = (int)i;
                best_len = len;
                break;
            }
    }
    return best;
}
