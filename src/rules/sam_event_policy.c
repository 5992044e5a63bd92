/* SAM pull events' generated role statements (sam_event_policy.h).
 *
 * The transform gives the function's role secretsmanager:GetSecretValue
 * on the URI of the event's authentication configuration, and for MQ and
 * DocumentDB a statement on the broker or cluster.  cfn-lint judges the
 * transformed template, so a URI that is not an ARN (`<your_secret_arn>`)
 * is an E3510 of the generated policy.  Only what the transform would
 * accept is generated: every configuration a mapping with a Type the
 * event takes, each with a URI, the one it needs given once. */
#include "sam_event_policy.h"

#include "../json_write.h"
#include "../util.h"

#include <string.h>

enum { MAX_TYPES = 8 };

static const struct pull_event {
    const char *type;
    const char *accepted[MAX_TYPES];  /* configuration Types the event takes */
    const char *secret[MAX_TYPES];    /* those whose URI the role may read */
    const char *required;             /* given exactly once, or NULL */
    const char *target;               /* a property the role may describe, or NULL */
    const char *one_of[MAX_TYPES];    /* at most one of these (an auth mechanism) */
    bool vpc_pair;                    /* VPC_SUBNET and VPC_SECURITY_GROUP both or neither */
} events[] = {
    {"MQ", {"BASIC_AUTH", "VIRTUAL_HOST"}, {"BASIC_AUTH"}, "BASIC_AUTH", "Broker", {NULL}, false},
    {"DocumentDB", {"BASIC_AUTH"}, {"BASIC_AUTH"}, "BASIC_AUTH", "Cluster", {NULL}, false},
    {"SelfManagedKafka",
     {"SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH",
      "SERVER_ROOT_CA_CERTIFICATE", "VPC_SUBNET", "VPC_SECURITY_GROUP"},
     /* not SERVER_ROOT_CA_CERTIFICATE: the transform's statement for it
      * names the auth mechanism's URI again */
     {"SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"},
     NULL, NULL, {"SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"}, true},
    {"MSK", {NULL}, {"CLIENT_CERTIFICATE_TLS_AUTH"}, NULL, NULL, {NULL}, false},
};

static bool listed(const char *const *v, const char *s)
{
    for (size_t i = 0; i < MAX_TYPES && v[i]; i++)
        if (!strcmp(v[i], s))
            return true;
    return false;
}

static bool plain_string(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

static void add_statement(cf_buf *b, size_t *n, const char *action, const cf_node *resource)
{
    buf_adds(b, *n ? "," : "");
    buf_printf(b, "{\"Action\":[\"%s\"],\"Effect\":\"Allow\",\"Resource\":", action);
    cf_json_string(b, resource->u.str, resource->len);
    buf_addc(b, '}');
    (*n)++;
}

/* The event's statements into b; false when the transform would refuse
 * the event (nothing of it is then generated). */
static bool event_statements(const struct pull_event *e, const cf_node *props, cf_buf *b, size_t *n)
{
    const cf_node *confs = cf_map_get(props, "SourceAccessConfigurations");
    if (!confs)
        return !e->required; /* MQ and DocumentDB need theirs */
    if (confs->kind != CF_SEQUENCE)
        return false;
    size_t required = 0, auths = 0, subnets = 0, groups = 0;
    cf_buf mine = {0};
    size_t count = 0;
    bool ok = true;
    for (uint32_t i = 0; ok && i < confs->len; i++) {
        const cf_node *c = confs->u.items[i];
        const cf_node *type = c->kind == CF_MAPPING ? cf_map_get(c, "Type") : NULL;
        if (!plain_string(type) || (e->accepted[0] && !listed(e->accepted, type->u.str))) {
            ok = false;
            break;
        }
        const cf_node *uri = cf_map_get(c, "URI");
        bool wanted = listed(e->secret, type->u.str);
        if (e->accepted[0] && !uri) /* every configuration names its resource */
            ok = false;
        if (e->required && !strcmp(type->u.str, e->required))
            required++;
        auths += listed(e->one_of, type->u.str);
        subnets += !strcmp(type->u.str, "VPC_SUBNET");
        groups += !strcmp(type->u.str, "VPC_SECURITY_GROUP");
        if (ok && wanted && plain_string(uri))
            add_statement(&mine, &count, "secretsmanager:GetSecretValue", uri);
    }
    if ((e->required && required != 1) || auths > 1 || (e->vpc_pair && !subnets != !groups))
        ok = false;
    if (ok && e->target) {
        const cf_node *t = cf_map_get(props, e->target);
        if (plain_string(t))
            add_statement(&mine, &count, e->target[0] == 'B' ? "mq:DescribeBroker" : "rds:DescribeDBClusters", t);
    }
    if (ok && count) {
        buf_adds(b, *n ? "," : "");
        buf_add(b, mine.data, mine.len);
        *n += count;
    }
    buf_free(&mine);
    return ok;
}

int cf_sam_event_policy(const cf_resource *function, cf_doc **out)
{
    *out = NULL;
    const cf_node *props = function->properties;
    const cf_node *evs = props && props->kind == CF_MAPPING ? cf_map_get(props, "Events") : NULL;
    if (!evs || evs->kind != CF_MAPPING)
        return 0;
    cf_buf b = {0};
    size_t n = 0;
    buf_adds(&b, "{\"Statement\":[");
    for (uint32_t i = 0; i < evs->len; i++) {
        const cf_node *ev = evs->u.pairs[i].value;
        const cf_node *type = ev && ev->kind == CF_MAPPING ? cf_map_get(ev, "Type") : NULL;
        const cf_node *eprops = ev && ev->kind == CF_MAPPING ? cf_map_get(ev, "Properties") : NULL;
        if (!plain_string(type) || !eprops || eprops->kind != CF_MAPPING)
            continue;
        for (size_t k = 0; k < sizeof events / sizeof events[0]; k++)
            if (!strcmp(events[k].type, type->u.str) && !event_statements(&events[k], eprops, &b, &n)) {
                buf_free(&b); /* the transform fails: it says so, nothing is judged */
                return -1;
            }
    }
    buf_adds(&b, "]}");
    /* with a Role the transform makes no role: nothing to judge */
    if (!n || cf_map_get(props, "Role")) {
        buf_free(&b);
        return 0;
    }
    size_t len = b.len;
    cf_doc *doc = cf_doc_load_buffer("sam-event-policy.json", buf_steal(&b), len);
    if (doc && (doc->failed || !doc->root)) {
        cf_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return 0;
}
