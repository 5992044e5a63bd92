#include "packaged.h"

#include <string.h>

/* The properties, as cfn-lint lists them: a resource type and the keys
 * below its Properties. */
static const struct {
    const char *type, *path;
} packaged[] = {
    {"AWS::ApiGateway::RestApi", "BodyS3Location"},
    {"AWS::AppSync::FunctionConfiguration", "RequestMappingTemplateS3Location"},
    {"AWS::AppSync::FunctionConfiguration", "ResponseMappingTemplateS3Location"},
    {"AWS::AppSync::GraphQLSchema", "DefinitionS3Location"},
    {"AWS::AppSync::Resolver", "RequestMappingTemplateS3Location"},
    {"AWS::AppSync::Resolver", "ResponseMappingTemplateS3Location"},
    {"AWS::CloudFormation::Stack", "TemplateURL"},
    {"AWS::CodeCommit::Repository", "Code/S3"},
    {"AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle"},
    {"AWS::Lambda::Function", "Code"},
    {"AWS::Lambda::LayerVersion", "Content"},
    {"AWS::StepFunctions::StateMachine", "DefinitionS3Location"},
};

static bool is_if_branch(const cf_node *n)
{
    const cf_node *args = n->parent, *fn = args ? args->parent : NULL;
    return args && args->kind == CF_SEQUENCE && args->len == 3 && (n->index == 1 || n->index == 2) && fn &&
           fn->kind == CF_MAPPING && fn->len == 1 && cf_is_str(fn->u.pairs[0].key, "Fn::If");
}

bool cf_packaged_property(const cf_template *t, const cf_node *value)
{
    if (!t->resources)
        return false;
    /* up through Fn::If branches, then keys, to a resource's Properties */
    const cf_node *n = value;
    while (n && is_if_branch(n))
        n = n->parent->parent;
    char path[128];
    size_t len = 0;
    path[0] = '\0';
    for (int depth = 0; n && n->parent && depth < 4; depth++) {
        const cf_node *map = n->parent, *key = cf_node_key(n);
        if (!key || key->kind != CF_SCALAR || key->type != CF_TYPE_STR)
            return false;
        const cf_node *holder = map->parent; /* what the mapping is the value of */
        const cf_node *hkey = cf_node_key(map);
        size_t klen = strlen(key->u.str);
        if (len + klen + 2 > sizeof path)
            return false;
        memmove(path + klen + (len ? 1 : 0), path, len + 1);
        memcpy(path, key->u.str, klen);
        if (len)
            path[klen] = '/';
        len += klen + (len ? 1 : 0);
        if (hkey && cf_is_str(hkey, "Properties") && holder && holder->parent == t->resources) {
            const cf_node *type = cf_map_get(holder, "Type");
            for (size_t i = 0; type && type->kind == CF_SCALAR && i < sizeof packaged / sizeof packaged[0]; i++)
                if (!strcmp(packaged[i].type, type->u.str) && !strcmp(packaged[i].path, path))
                    return true;
            return false;
        }
        n = map;
    }
    return false;
}

static void each_branch(const cf_node *v, int depth, void (*fn)(const cf_node *value, void *arg), void *arg)
{
    const char *name = cf_intrinsic_name(v);
    const cf_node *args = name && !strcmp(name, "Fn::If") ? v->u.pairs[0].value : NULL;
    if (args && args->kind == CF_SEQUENCE && args->len == 3 && depth < 16) {
        each_branch(args->u.items[1], depth + 1, fn, arg);
        each_branch(args->u.items[2], depth + 1, fn, arg);
        return;
    }
    fn(v, arg);
}

void cf_packaged_each(const cf_resource *r, void (*fn)(const cf_node *value, void *arg), void *arg)
{
    if (!r->type_name || !r->properties || r->properties->kind != CF_MAPPING)
        return;
    for (size_t i = 0; i < sizeof packaged / sizeof packaged[0]; i++) {
        if (strcmp(packaged[i].type, r->type_name))
            continue;
        const cf_node *v = r->properties;
        char path[64], *save = NULL;
        strcpy(path, packaged[i].path);
        for (char *part = strtok_r(path, "/", &save); part && v; part = strtok_r(NULL, "/", &save))
            v = cf_map_get(v, part);
        if (v)
            each_branch(v, 0, fn, arg);
    }
}
