/* E3055: a resource's CreationPolicy, by the shape CloudFormation takes
 * for each type that has one (Auto Scaling groups, wait conditions,
 * AppStream fleets); other types are E3001's.  Values as cfn-lint reads
 * them (a number written as text is a number). */
#include "../lint.h"
#include "../util.h"
#include "../validate.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E3055",
     "Check CreationPolicy values for Resources",
     "Check that the CreationPolicy values are valid",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-creationpolicy.html",
     "resources,creationPolicy"},
};

#define RESOURCE_SIGNAL                                                                                               \
    "\"ResourceSignal\": {\"type\": \"object\", \"additionalProperties\": false, \"properties\": "                  \
    "{\"Timeout\": {\"type\": \"string\"}, \"Count\": {\"type\": \"integer\"}}}"

/* The shapes, as JSON Schema. */
static const struct {
    const char *type, *schema;
} shapes[] = {
    {"AWS::AppStream::Fleet",
     "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"StartFleet\": {\"type\": \"boolean\"}}}"},
    {"AWS::AutoScaling::AutoScalingGroup",
     "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"AutoScalingCreationPolicy\": "
     "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"MinSuccessfulInstancesPercent\": "
     "{\"type\": \"integer\"}}}, " RESOURCE_SIGNAL "}}"},
    {"AWS::CloudFormation::WaitCondition",
     "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {" RESOURCE_SIGNAL "}}"},
};

static void check(cf_lint_ctx *ctx)
{
    const cf_template *t = ctx->tpl;
    cf_doc *docs[sizeof shapes / sizeof shapes[0]] = {0};
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        const cf_node *policy = r->node->kind == CF_MAPPING ? cf_map_get(r->node, "CreationPolicy") : NULL;
        if (!r->walked || !r->type_name || !policy)
            continue;
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
            if (strcmp(r->type_name, shapes[s].type))
                continue;
            if (!docs[s]) {
                size_t len = strlen(shapes[s].schema);
                char *bytes = xmalloc(len + 1);
                memcpy(bytes, shapes[s].schema, len + 1);
                docs[s] = cf_doc_load_buffer("creation-policy.json", bytes, len);
            }
            if (!docs[s]->root)
                break;
            cf_validator v;
            cf_validator_init(&v, ctx, docs[s]->root);
            v.rule = "E3055";
    v.own_schema = true;
            v.false_message = FALSE_AS_UNEXPECTED;
            cf_validate(&v, docs[s]->root, policy);
            break;
        }
    }
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        if (docs[s])
            cf_doc_free(docs[s]);
}

CF_FAMILY(family_creation_policy, "creation_policy", check, rules);
