/* Refs that handle secrets (part of the functions family):
 *
 *   W1011  a secret property (a database master password, an auth token
 *          ...) set from a parameter: a dynamic reference to SSM or
 *          Secrets Manager keeps the secret out of the stack's inputs.
 *   W2010  a NoEcho parameter used in a resource's Metadata or in an
 *          output, where CloudFormation shows it unmasked.
 *
 * Both are judged where cfn-lint's Ref rule judges Refs (the functions
 * walk), and for W2010 the ${Name}s of an Fn::Sub too. */
#include "fn.h"

#include "../repr.h"
#include "section.h"

#include <string.h>

/* The properties cfn-lint takes for secrets: a resource type and the
 * property path below Properties ('*' for each item of a list). */
static const struct {
    const char *type, *path;
} secret_properties[] = {
    {"AWS::DirectoryService::MicrosoftAD", "Password"},
    {"AWS::DirectoryService::SimpleAD", "Password"},
    {"AWS::ElastiCache::ReplicationGroup", "AuthToken"},
    {"AWS::IAM::User", "LoginProfile/Password"},
    {"AWS::KinesisFirehose::DeliveryStream", "RedshiftDestinationConfiguration/Password"},
    {"AWS::OpsWorks::App", "AppSource/Password"},
    {"AWS::OpsWorks::Stack", "RdsDbInstances/*/DbPassword"},
    {"AWS::OpsWorks::Stack", "CustomCookbooksSource/Password"},
    {"AWS::RDS::DBCluster", "MasterUserPassword"},
    {"AWS::RDS::DBInstance", "MasterUserPassword"},
    {"AWS::Redshift::Cluster", "MasterUserPassword"},
};

/* A NoEcho the way cfn-lint reads it: true, or the text true/True/TRUE. */
static bool no_echo(const cf_named *p)
{
    const cf_node *v = p->value->kind == CF_MAPPING ? cf_map_get(p->value, "NoEcho") : NULL;
    if (!v || v->kind != CF_SCALAR)
        return false;
    if (v->type == CF_TYPE_BOOL) {
        char c = v->len ? v->u.str[0] : 'f';
        return c == 't' || c == 'T' || c == 'y' || c == 'Y' || ((c == 'o' || c == 'O') && v->len == 2);
    }
    return v->type == CF_TYPE_STR && (!strcmp(v->u.str, "true") || !strcmp(v->u.str, "True") || !strcmp(v->u.str, "TRUE"));
}

/* Where a value stands, as the start of cfn-lint's path: a resource's
 * Metadata, an output, or elsewhere (NULL). */
static const char *shown_in(const fn_walk *w, const cf_node *n)
{
    const cf_node *entry = NULL, *section = NULL, *part = NULL;
    for (const cf_node *p = n; p && p->parent; p = p->parent) {
        if (p->parent->parent == w->t->root && p->parent->parent) {
            entry = p;
            section = p->parent;
            break;
        }
        part = p;
    }
    if (!entry)
        return NULL;
    if (section == w->t->outputs)
        return "'Outputs'";
    if (section == w->t->resources && part && part->parent == entry && cf_is_str(cf_node_key(part), "Metadata"))
        return "resource metadata";
    return NULL;
}

static void no_echo_shown(fn_walk *w, const char *name, const cf_node *place, const cf_node *about)
{
    const cf_named *p = cf_section_get(&w->t->params, name);
    const char *where = p ? shown_in(w, about) : NULL;
    if (!where || !no_echo(p))
        return;
    cf_buf b = {0};
    buf_adds(&b, "Don't use 'NoEcho' parameter ");
    cf_repr_str(&b, name, strlen(name));
    buf_adds(&b, " in ");
    buf_adds(&b, where);
    fn_explicit_at(w, "W2010", cf_sect_place(place), about, b.data);
    buf_free(&b);
}

/* Whether a Ref stands at a secret property: only Fn::If branches between
 * them (through any other function the value is not the parameter's). */
static bool at_secret_property(const fn_walk *w, const cf_node *ref)
{
    char path[160] = "";
    size_t len = 0;
    const cf_node *n = ref;
    for (int depth = 0; n->parent && depth < 16; depth++) {
        const cf_node *up = n->parent;
        const char *part;
        if (up->kind == CF_SEQUENCE) {
            const cf_node *fn = up->parent;
            if (fn && fn->kind == CF_MAPPING && fn->len == 1 && fn->u.pairs[0].value == up &&
                cf_intrinsic_name(fn)) {
                if (!cf_is_str(fn->u.pairs[0].key, "Fn::If") || n->index == 0)
                    return false;
                n = fn; /* a branch stands where its Fn::If stands */
                continue;
            }
            part = "*";
        } else {
            const cf_node *key = cf_node_key(n);
            if (!key || key->kind != CF_SCALAR || key->type != CF_TYPE_STR)
                return false;
            if (cf_intrinsic_name(up) && up != ref->parent)
                return false;
            part = key->u.str;
            if (!strcmp(part, "Properties") && up->parent == w->t->resources) {
                const cf_node *type = cf_map_get(up, "Type");
                for (size_t i = 0; type && type->kind == CF_SCALAR && i < sizeof secret_properties / sizeof secret_properties[0]; i++)
                    if (!strcmp(secret_properties[i].type, type->u.str) && !strcmp(secret_properties[i].path, path))
                        return true;
                return false;
            }
        }
        size_t plen = strlen(part);
        if (len + plen + 2 > sizeof path)
            return false;
        memmove(path + plen + (len ? 1 : 0), path, len + 1);
        memcpy(path, part, plen);
        if (len)
            path[plen] = '/';
        len += plen + (len ? 1 : 0);
        n = up;
    }
    return false;
}

void fn_check_secret_ref(fn_walk *w, const cf_node *inst, const char *name)
{
    const cf_node *key = inst->u.pairs[0].key;
    no_echo_shown(w, name, key, key);
    if (cf_section_get(&w->t->params, name) && at_secret_property(w, inst))
        fn_explicit_at(w, "W1011", cf_sect_place(inst), inst, "Use dynamic references over parameters for secrets");
}

void fn_check_secret_sub(fn_walk *w, const cf_node *arg, const char *name)
{
    const cf_node *sub = arg->parent; /* the Fn::Sub mapping */
    if (sub && sub->kind == CF_MAPPING)
        no_echo_shown(w, name, sub->u.pairs[0].key, sub->u.pairs[0].key);
}
