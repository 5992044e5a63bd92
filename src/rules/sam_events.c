/* A SAM function's stream and queue events (SQS, Kinesis, DynamoDB, MSK)
 * become AWS::Lambda::EventSourceMapping resources named <Function><Event>;
 * cfn-lint judges those, so their properties are judged here against the
 * event source mapping's schema, as the transform writes them.
 *
 * Where cfn-lint places what it finds: the transform writes each property
 * anew, so a finding about the value itself goes to the Resources key (the
 * generated resource has no place in the file); strings inside the value
 * are the template's own and keep theirs; a parameter's Default keeps its
 * place, the finding naming the generated path ("resolved at
 * 'Resources/FnQueue/Properties/EventSourceArn'").  An event the transform
 * would refuse (a string BatchSize, a key it does not know, a required
 * one missing: E0001 in cfn-lint) is not judged. */
#include "../lint.h"
#include "../util.h"
#include "../validate.h"
#include "sam_events.h"

#include <stdlib.h>
#include <string.h>

/* Event type, the SAM property and the mapping's property it becomes. */
static const struct {
    const char *event, *from, *to;
} moved[] = {
    {"SQS", "Queue", "EventSourceArn"},
    {"SQS", "BatchSize", "BatchSize"},
    {"SQS", "MaximumBatchingWindowInSeconds", "MaximumBatchingWindowInSeconds"},
    {"Kinesis", "Stream", "EventSourceArn"},
    {"Kinesis", "StartingPosition", "StartingPosition"},
    {"Kinesis", "BatchSize", "BatchSize"},
    {"Kinesis", "MaximumBatchingWindowInSeconds", "MaximumBatchingWindowInSeconds"},
    {"Kinesis", "MaximumRetryAttempts", "MaximumRetryAttempts"},
    {"Kinesis", "MaximumRecordAgeInSeconds", "MaximumRecordAgeInSeconds"},
    {"Kinesis", "ParallelizationFactor", "ParallelizationFactor"},
    {"Kinesis", "TumblingWindowInSeconds", "TumblingWindowInSeconds"},
    {"DynamoDB", "Stream", "EventSourceArn"},
    {"DynamoDB", "StartingPosition", "StartingPosition"},
    {"DynamoDB", "BatchSize", "BatchSize"},
    {"DynamoDB", "MaximumBatchingWindowInSeconds", "MaximumBatchingWindowInSeconds"},
    {"DynamoDB", "MaximumRetryAttempts", "MaximumRetryAttempts"},
    {"DynamoDB", "MaximumRecordAgeInSeconds", "MaximumRecordAgeInSeconds"},
    {"DynamoDB", "ParallelizationFactor", "ParallelizationFactor"},
    {"DynamoDB", "TumblingWindowInSeconds", "TumblingWindowInSeconds"},
    {"MSK", "Stream", "EventSourceArn"},
    {"MSK", "StartingPosition", "StartingPosition"},
    {"MSK", "Topics", "Topics"},
};

/* What the transform accepts in an event's Properties, by event type:
 * every key (K: integer, B: boolean, L: list, S: any) and those it
 * requires.  An event with anything else is left alone: the transform
 * refuses it (E0001 in cfn-lint) or does something not modelled here. */
typedef struct accepted {
    const char *event;
    const char *keys;     /* "Name:kind,..." */
    const char *required; /* "Name,..." */
} accepted;

#define STREAM_KEYS                                                                                                   \
    "Stream:S,StartingPosition:S,StartingPositionTimestamp:S,BatchSize:K,Enabled:B,"                                  \
    "MaximumBatchingWindowInSeconds:K,MaximumRetryAttempts:K,BisectBatchOnFunctionError:B,"                           \
    "MaximumRecordAgeInSeconds:K,DestinationConfig:S,ParallelizationFactor:K,TumblingWindowInSeconds:K,"               \
    "FunctionResponseTypes:L,FilterCriteria:S,KmsKeyArn:S"

static const accepted accepts[] = {
    {"SQS", "Queue:S,BatchSize:K,Enabled:B,MaximumBatchingWindowInSeconds:K,FunctionResponseTypes:L,FilterCriteria:S,"
            "ScalingConfig:S,KmsKeyArn:S",
     "Queue"},
    {"Kinesis", STREAM_KEYS, "Stream,StartingPosition"},
    {"DynamoDB", STREAM_KEYS, "Stream,StartingPosition"},
    {"MSK", "Stream:S,StartingPosition:S,StartingPositionTimestamp:S,Topics:L,BatchSize:K,Enabled:B,"
            "MaximumBatchingWindowInSeconds:K,ConsumerGroupId:S,SourceAccessConfigurations:L,FilterCriteria:S",
     "Stream,StartingPosition,Topics"},
};

/* The kind letter of key in a "Name:kind,..." list, or 0. */
static char kind_of(const char *keys, const char *key, size_t len)
{
    for (const char *k = keys; *k;) {
        size_t n = strcspn(k, ":");
        if (n == len && !strncmp(k, key, len))
            return k[n + 1];
        k += strcspn(k, ",");
        k += *k == ',';
    }
    return 0;
}

static bool fits(char kind, const cf_node *v)
{
    if (cf_intrinsic_name(v))
        return true;
    switch (kind) {
    case 'K': return v->kind == CF_SCALAR && v->type == CF_TYPE_INT;
    case 'B': return v->kind == CF_SCALAR && v->type == CF_TYPE_BOOL;
    case 'L': return v->kind == CF_SEQUENCE;
    default: return !(v->kind == CF_SCALAR && v->type == CF_TYPE_NULL);
    }
}

/* The event as the transform takes it (see accepts), or NULL. */
static const accepted *event_accepted(const char *type, const cf_node *props)
{
    const accepted *a = NULL;
    for (size_t i = 0; i < sizeof accepts / sizeof accepts[0] && !a; i++)
        if (!strcmp(accepts[i].event, type))
            a = &accepts[i];
    if (!a)
        return NULL;
    for (uint32_t i = 0; i < props->len; i++) {
        const cf_node *k = props->u.pairs[i].key;
        char kind = kind_of(a->keys, k->u.str, k->len);
        if (!kind || !fits(kind, props->u.pairs[i].value))
            return NULL;
    }
    for (const char *r = a->required; *r;) {
        size_t n = strcspn(r, ",");
        char name[64];
        if (n >= sizeof name)
            return NULL;
        memcpy(name, r, n);
        name[n] = '\0';
        if (!cf_map_get(props, name))
            return NULL;
        r += n + (r[n] == ',');
    }
    return a;
}

const char *cf_sam_event_bad_type(const char *type, const cf_node *props, size_t *len)
{
    const accepted *a = NULL;
    for (size_t i = 0; i < sizeof accepts / sizeof accepts[0] && !a; i++)
        if (!strcmp(accepts[i].event, type))
            a = &accepts[i];
    if (!a || props->kind != CF_MAPPING || cf_intrinsic_name(props))
        return NULL;
    /* the transform checks its properties in its own order: the keys' */
    for (const char *k = a->keys; *k;) {
        size_t n = strcspn(k, ":");
        char kind = k[n + 1];
        for (uint32_t i = 0; kind != 'S' && i < props->len; i++) {
            const cf_node *key = props->u.pairs[i].key;
            if (key->len == n && !strncmp(key->u.str, k, n) && !fits(kind, props->u.pairs[i].value)) {
                *len = n;
                return k;
            }
        }
        k += strcspn(k, ",");
        k += *k == ',';
    }
    return NULL;
}

/* A list whose items the transform rewrites (a number in Topics becomes
 * a string) is judged only when it holds strings. */
static bool judged_as_written(const cf_node *value)
{
    for (uint32_t i = 0; value->kind == CF_SEQUENCE && i < value->len; i++)
        if (value->u.items[i]->kind != CF_SCALAR || value->u.items[i]->type != CF_TYPE_STR)
            return false;
    return true;
}

static void judge(cf_lint_ctx *ctx, const cf_resource *r, const cf_node *schema_doc, const cf_node *schema,
                  const cf_node *value, const char *path)
{
    size_t from = ctx->out->n;
    cf_validator v;
    cf_validator_init(&v, ctx, schema_doc);
    v.path_base = value;
    v.path_text = path;
    cf_validate(&v, schema, value);
    const cf_node *resources_key = cf_loc_key(ctx->tpl->resources);
    const cf_node *fn = r->node;
    for (size_t i = from; i < ctx->out->n; i++) {
        cf_diag *d = &ctx->out->v[i];
        bool in_function = d->start >= fn->start && d->start < fn->end;
        bool inside_value = d->start > value->start && d->start < value->end;
        if (!in_function || inside_value)
            continue;
        d->start = resources_key->start;
        d->end = resources_key->end;
        d->pos = cf_doc_pos(ctx->doc, d->start);
        d->end_pos = cf_doc_pos(ctx->doc, d->end);
        cf_diag_about(d, resources_key);
    }
}

static void function_events(cf_lint_ctx *ctx, const cf_resource *r)
{
    const cf_node *events = cf_map_get(r->properties, "Events");
    if (!events || events->kind != CF_MAPPING || cf_intrinsic_name(events))
        return;
    for (uint32_t e = 0; e < events->len; e++) {
        const cf_node *name = events->u.pairs[e].key, *event = events->u.pairs[e].value;
        const cf_node *type = cf_map_get(event, "Type"), *props = cf_map_get(event, "Properties");
        if (event->kind != CF_MAPPING || !type || type->kind != CF_SCALAR || type->type != CF_TYPE_STR || !props ||
            props->kind != CF_MAPPING || cf_intrinsic_name(props) || !event_accepted(type->u.str, props))
            continue;
        const cf_node *docs[16];
        size_t ndocs = cf_lint_type_schemas(ctx, "AWS::Lambda::EventSourceMapping", docs, 16);
        for (size_t k = 0; k < ndocs; k++) {
            const cf_node *doc = docs[k];
            const cf_node *schemas = cf_map_get(doc, "properties");
            for (size_t m = 0; m < sizeof moved / sizeof moved[0]; m++) {
                if (strcmp(moved[m].event, type->u.str))
                    continue;
                const cf_node *value = cf_map_get(props, moved[m].from);
                const cf_node *schema = cf_map_get(schemas, moved[m].to);
                if (!value || !schema || !judged_as_written(value))
                    continue;
                char *path = xasprintf("Resources/%s%s/Properties/%s", r->name, name->u.str, moved[m].to);
                judge(ctx, r, doc, schema, value, path);
                free(path);
            }
        }
    }
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    if (!t->sam || !ctx->spec)
        return;
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (r->walked && r->type_name && !strcmp(r->type_name, "AWS::Serverless::Function") && r->properties &&
            r->properties->kind == CF_MAPPING)
            function_events(ctx, r);
    }
}

const cf_family family_sam_events = {"sam_events", check, NULL, 0};
