/* E3511: an IAM role ARN (a task's ExecutionRoleArn, a bucket's
 * replication Role, a backup selection's IamRoleArn, a Batch compute
 * environment's ServiceRole and SpotIamFleetRole, a spot fleet's
 * IamFleetRole) that does not match the role ARN pattern.  As in
 * cfn-lint: a JSON-schema "pattern" at those places, each Fn::If branch
 * on its own.  Not yet: cfn-lint also judges a function's resolved value
 * there (W1030, W1031, W1032 with this message); those are left out, as
 * they are not yet placed and ordered as cfn-lint places them. */
#include "../lint.h"
#include "../util.h"
#include "../validate.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3511",
     "Validate IAM role arn pattern",
     "Validate an IAM role arn pattern matches",
     "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html",
     "parameters,iam"},
};

#define ROLE_PATTERN "{\"pattern\": \"^arn:(aws[a-zA-Z-]*)?:iam::\\\\d{12}:role/[a-zA-Z_0-9+=,.@\\\\-_/]+$\"}"
#define PROPS(k, v) "{\"properties\": {\"" k "\": " v "}}"

/* Resource type and the schema of its Properties. */
static const struct {
    const char *type, *schema;
} places[] = {
    {"AWS::Backup::BackupSelection", PROPS("BackupSelection", PROPS("IamRoleArn", ROLE_PATTERN))},
    {"AWS::Batch::ComputeEnvironment",
     "{\"properties\": {\"ComputeResources\": " PROPS("SpotIamFleetRole", ROLE_PATTERN)
     ", \"ServiceRole\": " ROLE_PATTERN "}}"},
    {"AWS::EC2::SpotFleet", PROPS("SpotFleetRequestConfigData", PROPS("IamFleetRole", ROLE_PATTERN))},
    {"AWS::ECS::TaskDefinition", PROPS("ExecutionRoleArn", ROLE_PATTERN)},
    {"AWS::S3::Bucket", PROPS("ReplicationConfiguration", PROPS("Role", ROLE_PATTERN))},
};

static void judge(cf_lint_ctx *ctx, const cf_resource *r, const cf_doc *schema)
{
    cf_validator v;
    cf_validator_init(&v, ctx, schema->root);
    v.own_schema = true;
    cf_diags found = {0};
    v.sink = &found;
    cf_conds_at(ctx->conds, ctx->tpl, r->node, &v.scenario);
    cf_validate(&v, schema->root, r->properties);
    const cf_rule *mine = &rules[0];
    cf_diags *out = ctx->out;
    for (size_t i = 0; i < found.n; i++) {
        cf_diag *d = &found.v[i];
        const char *id = d->rule->id;
        /* a literal string only: the resolved forms (W1030-W1032) are
         * not placed and ordered as cfn-lint does yet */
        const cf_node *n = d->node;
        if (n && (n->flags & CF_NF_KEY) && n->parent && n->parent->kind == CF_MAPPING)
            n = n->parent->u.pairs[n->index].value;
        if (strcmp(id, "E3031") || !n || n->kind != CF_SCALAR || n->type != CF_TYPE_STR)
            continue;
        d->rule = mine;
        GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = *d;
        memset(d, 0, sizeof *d);
    }
    cf_diags_free(&found);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    cf_doc *docs[sizeof places / sizeof places[0]] = {0};
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->walked || !r->type_name || !r->properties || r->properties->kind != CF_MAPPING)
            continue;
        for (size_t p = 0; p < sizeof places / sizeof places[0]; p++) {
            if (strcmp(r->type_name, places[p].type))
                continue;
            if (!docs[p])
                docs[p] = cf_doc_load_buffer("E3511", xstrdup(places[p].schema), strlen(places[p].schema));
            if (docs[p]->root)
                judge(ctx, r, docs[p]);
        }
    }
    for (size_t p = 0; p < sizeof places / sizeof places[0]; p++)
        if (docs[p])
            cf_doc_free(docs[p]);
}

CF_FAMILY(family_iam_arns, "iam_arns", check, rules);
