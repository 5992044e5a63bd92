/* IAM policy documents wherever resources carry them: their structure
 * against cfn-lint's policy schemas (E3510 identity, E3512 resource, E3513
 * ECR, E3530 trust; with the SAM transform, a serverless function's inline
 * Policies too), every literal action against the actions each service
 * has (W3037; not in SAM templates, as in cfn-lint), the policy
 * language's version (W2511: the 2008-10-17 one lacks policy variables
 * and more), and a resource policy's Resource ARNs (E3514). */
#include "../lint.h"
#include "../repr.h"
#include "../regex.h"
#include "../validate.h"
#include "iam_statement_resources.h"
#include "sam_event_policy.h"
#include "section.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3510",
     "Validate identity based IAM polices",
     "IAM identity polices are embedded JSON in CloudFormation. This rule validates those embedded policies.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
     "resources,iam"},
    {"E3512",
     "Validate resource based IAM polices",
     "IAM resources polices are embedded JSON in CloudFormation. This rule validates those embedded policies.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
     "resources,iam"},
    {"E3513",
     "Validate ECR repository policy",
     "Private ECR repositories have a policy. This rule validates those policies.",
     "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
     "resources,iam,ecr"},
    {"E3530",
     "Validate IAM trust polices",
     "IAM trust polices are embedded JSON in CloudFormation. This rule validates those embedded policies.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
     "resources,iam"},
    {"W2511",
     "Check IAM Resource Policies syntax",
     "See if the elements inside an IAM Resource policy are configured correctly.",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html",
     "properties,iam"},
    {"E3514",
     "Validate IAM resource policy resource ARNs",
     "Validates an IAM resource policy has a compliant resource ARN",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html",
     "parameters,iam"},
    {"W3037",
     "Check IAM Permission configuration",
     "Check for valid IAM Permissions",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
     "properties,iam,permissions"},
};

/* Where policy documents live, and the schema that judges each kind. */
static const struct {
    const char *rule, *schema, *type, *path; /* path: keys, '*' for list items */
} places[] = {
    {"E3510", "other/iam/policy_identity", "AWS::IAM::Group", "Policies/*/PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::ManagedPolicy", "PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::Policy", "PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::Role", "Policies/*/PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::User", "Policies/*/PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::SSO::PermissionSet", "InlinePolicy"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::UserPolicy", "PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::RolePolicy", "PolicyDocument"},
    {"E3510", "other/iam/policy_identity", "AWS::IAM::GroupPolicy", "PolicyDocument"},
    {"E3512", "other/iam/policy_resource", "AWS::KMS::Key", "KeyPolicy"},
    {"E3512", "other/iam/policy_resource", "AWS::OpenSearchService::Domain", "AccessPolicies"},
    {"E3512", "other/iam/policy_resource", "AWS::S3::BucketPolicy", "PolicyDocument"},
    {"E3512", "other/iam/policy_resource", "AWS::SNS::TopicPolicy", "PolicyDocument"},
    {"E3512", "other/iam/policy_resource", "AWS::SQS::QueuePolicy", "PolicyDocument"},
    {"E3513", "other/iam/policy_resource_ecr", "AWS::ECR::Repository", "RepositoryPolicyText"},
    {"E3530", "other/iam/policy_trust", "AWS::IAM::Role", "AssumeRolePolicyDocument"},
};

/* The schema documents the policy schemas refer to by $id. */
static const cf_node *document(cf_lint_ctx *ctx, const char *id)
{
    static const struct {
        const char *id, *entry;
    } docs[] = {{"policy", "other/iam/policy"}, {"identity", "other/iam/policy_identity"},
                {"resource", "other/iam/policy_resource"}, {"trust", "other/iam/policy_trust"}};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
        if (!strcmp(docs[i].id, id))
            return cf_spec_entry(ctx->spec, docs[i].entry);
    return NULL;
}

/* Lower-case copy into out (size bytes). */
static void lower(char *out, size_t size, const char *s, size_t n)
{
    size_t i = 0;
    for (; i < n && i + 1 < size; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = '\0';
}

/* How an action is judged: written (W3037), or a value a parameter it
 * names may take (W1030, the message saying so). */
typedef struct judged {
    const char *rule, *suffix;
} judged;

static const judged written = {"W3037", ""};
static const judged resolved = {"W1030", " when 'Ref' is resolved"};

/* keys: a mapping (its keys) or a list of names */
static void not_one_of(cf_lint_ctx *ctx, const judged *j, const cf_node *at, const char *what, const cf_node *keys)
{
    cf_buf b = {0};
    buf_printf(&b, "'%s' is not one of [", what);
    for (uint32_t i = 0; i < keys->len; i++)
        buf_printf(&b, "%s'%s'", i ? ", " : "",
                   keys->kind == CF_MAPPING ? keys->u.pairs[i].key->u.str : keys->u.items[i]->u.str);
    buf_addc(&b, ']');
    cf_diag_at(ctx->out, ctx->doc, j->rule, at, "%s%s", b.data, j->suffix);
    buf_free(&b);
}

/* The only service a resource policy of these types can grant. */
static const struct {
    const char *type, *service;
} only_service[] = {
    {"AWS::S3::BucketPolicy", "s3"},
    {"AWS::SQS::QueuePolicy", "sqs"},
    {"AWS::SNS::TopicPolicy", "sns"},
};

/* One "service:action" (wildcards allowed; text of len bytes, shown as
 * shown when it has no service) against the service's actions and the
 * policy's resource type.  False for an action without a service:
 * cfn-lint judges no more actions of that statement. */
static bool check_action(cf_lint_ctx *ctx, const judged *j, const char *text, size_t len, const cf_node *shown,
                         const cf_node *at, const char *type)
{
    if (len == 1 && text[0] == '*')
        return true;
    const char *colon = memchr(text, ':', len);
    if (!colon) {
        char *r = cf_repr_dup(shown);
        cf_diag_at(ctx->out, ctx->doc, j->rule, at, "%s is not a valid action. Must be of the form service:action or '*'%s",
                   r, j->suffix);
        free(r);
        return false;
    }
    char service[128], name[256];
    lower(service, sizeof service, text, (size_t)(colon - text));
    lower(name, sizeof name, colon + 1, len - (size_t)(colon + 1 - text));
    for (size_t i = 0; i < sizeof only_service / sizeof *only_service; i++)
        if (!strcmp(type, only_service[i].type) && strcmp(service, only_service[i].service))
            cf_diag_at(ctx->out, ctx->doc, j->rule, at, "'%s' is not one of ['%s']%s", service, only_service[i].service,
                       j->suffix);
    char *entry = xasprintf("iam/%s", service);
    const cf_node *svc = cf_spec_entry(ctx->spec, entry);
    free(entry);
    if (!svc) {
        const cf_node *services = cf_spec_entry(ctx->spec, "iam-services");
        if (services)
            not_one_of(ctx, j, at, service, services);
        return true;
    }
    const cf_node *actions = cf_map_get(svc, "Actions");
    if (!actions || actions->kind != CF_MAPPING || !strcmp(name, "*"))
        return true;
    bool wild = strpbrk(name, "*?") != NULL;
    for (uint32_t i = 0; i < actions->len; i++) {
        const char *a = actions->u.pairs[i].key->u.str;
        if (wild ? fnmatch(name, a, 0) == 0 : strcmp(name, a) == 0)
            return true;
    }
    not_one_of(ctx, j, at, name, actions);
    return true;
}

static bool check_written_action(cf_lint_ctx *ctx, const cf_node *action, const cf_node *at, const char *type)
{
    if (action->kind != CF_SCALAR || action->type != CF_TYPE_STR)
        return true;
    return check_action(ctx, &written, action->u.str, action->len, action, at, type);
}

/* W1030: an action that is a Ref to a parameter, judged for each value
 * the parameter may take: its AllowedValues, else its Default (a list
 * parameter's split at commas).  cfn-lint resolves a Ref standing for
 * the whole Action only, not one in a list of actions. */
static void check_action_ref(cf_lint_ctx *ctx, const cf_node *ref, const cf_node *at, const char *type)
{
    const cf_node *name = ref->kind == CF_MAPPING && ref->len == 1 ? cf_map_get(ref, "Ref") : NULL;
    if (!name || name->kind != CF_SCALAR || name->type != CF_TYPE_STR)
        return;
    const cf_named *p = cf_section_get_n(&ctx->tpl->params, name->u.str, name->len);
    if (!p || p->value->kind != CF_MAPPING)
        return;
    const cf_node *ptype = cf_map_get(p->value, "Type");
    bool list = cf_is_str(ptype, "CommaDelimitedList");
    if (!list && !cf_is_str(ptype, "String"))
        return;
    const cf_node *values = cf_map_get(p->value, "AllowedValues");
    const cf_node *one = values ? NULL : cf_map_get(p->value, "Default");
    const cf_node *const *items = values && values->kind == CF_SEQUENCE ? (const cf_node *const *)values->u.items : &one;
    size_t n = values ? (values->kind == CF_SEQUENCE ? values->len : 0) : one != NULL;
    for (size_t i = 0; i < n; i++) {
        const cf_node *v = items[i];
        if (v->kind != CF_SCALAR || v->type != CF_TYPE_STR)
            continue;
        const char *s = v->u.str, *end = s + v->len;
        while (s <= end) { /* each comma-separated item of a list */
            const char *comma = list ? memchr(s, ',', (size_t)(end - s)) : NULL;
            const char *stop = comma ? comma : end;
            if (!check_action(ctx, &resolved, s, (size_t)(stop - s), ref, at, type))
                break;
            s = stop + 1;
        }
    }
}

/* The two branches of {"Fn::If": [condition, a, b]}, or NULL. */
static const cf_node *const *if_branches(const cf_node *n)
{
    const cf_node *args = n->kind == CF_MAPPING && n->len == 1 ? cf_map_get(n, "Fn::If") : NULL;
    return args && args->kind == CF_SEQUENCE && args->len == 3 ? (const cf_node *const *)args->u.items + 1 : NULL;
}

/* Written actions (a string or a list of them), placed on `at`. */
static void check_written_actions(cf_lint_ctx *ctx, const cf_node *a, const cf_node *at, const char *type)
{
    if (a->kind == CF_SEQUENCE) {
        for (uint32_t i = 0; i < a->len; i++)
            if (!check_written_action(ctx, a->u.items[i], at, type))
                break;
    } else {
        check_written_action(ctx, a, at, type);
    }
}

/* An Action: written, a Ref, or an Fn::If choosing between those (one
 * level: a branch's written actions placed on the branch, a Ref on the
 * key, as cfn-lint places them; an Fn::If in a list is not followed, as
 * cfn-lint does not). */
static void check_action_value(cf_lint_ctx *ctx, const cf_node *a, const cf_node *at, const char *type)
{
    const cf_node *const *branch = if_branches(a);
    for (int b = 0; branch && b < 2; b++) {
        if (branch[b]->kind == CF_MAPPING)
            check_action_ref(ctx, branch[b], at, type);
        else
            check_written_actions(ctx, branch[b], branch[b], type);
    }
    if (branch)
        return;
    if (a->kind == CF_MAPPING)
        check_action_ref(ctx, a, at, type);
    else
        check_written_actions(ctx, a, at, type);
}

static void check_actions(cf_lint_ctx *ctx, const cf_node *statement, const char *type)
{
    /* cfn-lint does not judge actions in SAM templates (the transform
     * writes policies whose actions its data would not know) */
    if (statement->kind != CF_MAPPING || ctx->tpl->sam)
        return;
    const cf_node *const *branch = if_branches(statement);
    if (branch) { /* a statement chosen by Fn::If: each branch (one level) */
        for (int b = 0; b < 2; b++)
            if (!if_branches(branch[b]))
                check_actions(ctx, branch[b], type);
        return;
    }
    static const char *const keys[] = {"Action", "NotAction"};
    for (int k = 0; k < 2; k++) {
        const cf_node *a = cf_map_get(statement, keys[k]);
        if (a)
            check_action_value(ctx, a, cf_loc_key(a), type);
    }
}

/* E3514: a resource policy's Resource written as a string (also in a list
 * or an Fn::If branch; functions are not resolved) must be an ARN or "*";
 * a bucket policy's must be an ARN. */
#define RESOURCE_ARN "arn:aws[A-Za-z\\-]*?:[^:]+:[^:]*(:(?:\\d{12}|\\*|aws)?:.+|)"
static void resource_arn(cf_lint_ctx *ctx, const cf_node *at, void *arg)
{
    const char *resource_pattern = arg;
    if (at->kind != CF_SCALAR || at->type != CF_TYPE_STR || cf_regex_search(resource_pattern, at->u.str, at->len))
        return;
    cf_buf b = {0};
    cf_repr(&b, at);
    buf_adds(&b, " does not match ");
    cf_repr_str(&b, resource_pattern, strlen(resource_pattern));
    cf_sect_report(ctx, "E3514", at, "%s", b.data);
    buf_free(&b);
}

static void resource_arns(cf_lint_ctx *ctx, const cf_node *doc, const char *type)
{
    static const char *const paths[][5] = {{"Statement", "*", "Resource", NULL},
                                           {"Statement", "*", "Resource", "*", NULL},
                                           {"Statement", "Resource", NULL},
                                           {"Statement", "Resource", "*", NULL}};
    const char *pattern = !strcmp(type, "AWS::S3::BucketPolicy") ? "^" RESOURCE_ARN "$" : "^(" RESOURCE_ARN "|\\*)$";
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        cf_sect_follow_arg(ctx, doc, paths[i], resource_arn, (void *)pattern);
}

static void check_document(cf_lint_ctx *ctx, const cf_node *doc, const char *rule, const char *schema_name,
                           const char *type);

/* A policy written as a JSON string is judged as the document it holds
 * (cfn-lint reads it with json.loads); every finding goes on the key. */
static void check_json_document(cf_lint_ctx *ctx, const cf_node *str, const char *rule, const char *schema_name,
                                const char *type)
{
    cf_doc *jd = cf_sect_json_text(str, "policy.json");
    if (!jd)
        return;
    cf_lint_ctx sub = *ctx;
    cf_diags found = {0};
    sub.doc = jd;
    sub.out = &found;
    if (jd->root->kind == CF_MAPPING)
        check_document(&sub, jd->root, rule, schema_name, type);
    const cf_node *place = cf_loc_key(str);
    for (size_t i = 0; i < found.n; i++)
        cf_diag_at(ctx->out, ctx->doc, found.v[i].rule->id, place, "%s", found.v[i].message);
    cf_diags_free(&found);
    cf_doc_free(jd);
}

static void check_document(cf_lint_ctx *ctx, const cf_node *doc, const char *rule, const char *schema_name,
                           const char *type)
{
    if (doc && doc->kind == CF_SCALAR) {
        check_json_document(ctx, doc, rule, schema_name, type);
        return;
    }
    if (!doc || doc->kind != CF_MAPPING || cf_intrinsic_name(doc))
        return; /* a function: nothing literal to judge */
    if (!strcmp(rule, "E3512"))
        resource_arns(ctx, doc, type);
    if (!strcmp(rule, "E3510"))
        cf_iam_statement_resources(ctx, doc);
    const cf_node *schema = cf_spec_entry(ctx->spec, schema_name);
    if (schema) {
        cf_validator v;
        cf_validator_init(&v, ctx, schema);
        v.rule = rule;
        v.document = document;
        cf_validate(&v, schema, doc);
    }
    const cf_node *version = cf_map_get(doc, "Version");
    /* quoted or a YAML date, as cfn-lint takes either */
    if (version && version->kind == CF_SCALAR && (version->type == CF_TYPE_STR || version->type == CF_TYPE_TIMESTAMP) &&
        !strcmp(version->u.str, "2008-10-17"))
        cf_diag_at(ctx->out, ctx->doc, "W2511", cf_loc_key(version), "IAM Policy Version should be updated to '2012-10-17'");
    const cf_node *st = cf_map_get(doc, "Statement");
    if (st && st->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < st->len; i++)
            check_actions(ctx, st->u.items[i], type);
    else if (st)
        check_actions(ctx, st, type);
}

typedef struct place_ctx {
    cf_lint_ctx *ctx;
    const char *rule, *schema, *type;
} place_ctx;

static void at_document(const cf_node *doc, void *arg)
{
    place_ctx *p = arg;
    check_document(p->ctx, doc, p->rule, p->schema, p->type);
}

/* A SAM function's (or state machine's) Policies: the inline documents
 * (mappings with a Statement) become the policies of the role the
 * transform makes, where cfn-lint judges them as identity policies; an
 * Fn::If branch by branch.  Managed policy names and SAM's policy
 * templates are not documents.  With a Role, Policies are unused. */
static void check_sam_policy(cf_lint_ctx *ctx, const cf_node *p, int depth)
{
    const char *fn = cf_intrinsic_name(p);
    if (fn && !strcmp(fn, "Fn::If")) {
        const cf_node *args = p->u.pairs[0].value;
        for (uint32_t i = 1; depth < 32 && args->kind == CF_SEQUENCE && args->len == 3 && i < 3; i++)
            check_sam_policy(ctx, args->u.items[i], depth + 1);
        return;
    }
    if (p->kind == CF_MAPPING && !fn && cf_map_get(p, "Statement"))
        check_document(ctx, p, "E3510", "other/iam/policy_identity", "AWS::IAM::Role");
}

static void check_sam_policies(cf_lint_ctx *ctx, const cf_resource *r)
{
    if (r->properties->kind != CF_MAPPING || cf_map_get(r->properties, "Role"))
        return;
    const cf_node *policies = cf_map_get(r->properties, "Policies");
    if (policies && policies->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < policies->len; i++)
            check_sam_policy(ctx, policies->u.items[i], 0);
    else if (policies)
        check_sam_policy(ctx, policies, 0);
}

/* What the transform adds to a function's role for its pull events
 * (sam_event_policy.h), judged as the generated policy; the role has no
 * place in the file, so cfn-lint puts what it finds on the Resources key. */
static void check_sam_event_policies(cf_lint_ctx *ctx)
{
    size_t n = ctx->tpl->nres;
    cf_doc **docs = xcalloc(n ? n : 1, sizeof *docs);
    bool refused = false;
    for (size_t i = 0; i < n && !refused; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (r->walked && r->type_name && !strcmp(r->type_name, "AWS::Serverless::Function"))
            refused = cf_sam_event_policy(r, &docs[i]) < 0;
    }
    const cf_node *place = cf_loc_key(ctx->tpl->resources);
    for (size_t i = 0; i < n; i++) {
        if (docs[i] && !refused) { /* a refused event leaves cfn-lint with E0001 alone */
            cf_lint_ctx sub = *ctx;
            cf_diags found = {0};
            sub.doc = docs[i];
            sub.out = &found;
            check_document(&sub, docs[i]->root, "E3510", "other/iam/policy_identity", "AWS::IAM::Role");
            for (size_t k = 0; k < found.n; k++)
                cf_diag_at(ctx->out, ctx->doc, found.v[k].rule->id, place, "%s", found.v[k].message);
            cf_diags_free(&found);
        }
        cf_doc_free(docs[i]);
    }
    free(docs);
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->spec)
        return;
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->walked || !r->type_name || !r->properties)
            continue;
        for (size_t p = 0; p < sizeof places / sizeof places[0]; p++)
            if (!strcmp(places[p].type, r->type_name)) {
                place_ctx pc = {ctx, places[p].rule, places[p].schema, r->type_name};
                cf_each_at_path(r->properties, places[p].path, at_document, &pc);
            }
        if (ctx->tpl->sam && (!strcmp(r->type_name, "AWS::Serverless::Function") ||
                              !strcmp(r->type_name, "AWS::Serverless::StateMachine")))
            check_sam_policies(ctx, r);
    }
    if (ctx->tpl->sam)
        check_sam_event_policies(ctx);
}

CF_FAMILY(family_iam, "iam", check, rules);
