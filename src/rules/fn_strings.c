/* The template's strings: dynamic references ({{resolve:...}}: their
 * syntax and where each service may be used), pseudo parameters written
 * as plain strings, and Fn::ForEach without its transform. */
#include "fn.h"

#include "../repr.h"
#include "section.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Dynamic references ------------------------------------------------ */

/* cfn-lint's ^.*{{(resolve:.+)}}.*$ (no DOTALL): one reference per
 * string, the last one, reaching to the last "}}".  *b and *e delimit
 * the group ("resolve:ssm:/a"). */
bool fn_dynref_find(const char *s, size_t len, size_t *b, size_t *e)
{
    if (!memchr(s, '{', len))
        return false; /* most strings: settled without the scans below */
    const char *nl = memchr(s, '\n', len);
    if (nl && (size_t)(nl - s) + 1 != len)
        return false;
    if (nl)
        len--;
    if (len < 13)
        return false; /* "{{resolve:" and one character before "}}" */
    size_t last = len - 2; /* the last "}}" */
    while (last > 0 && !(s[last] == '}' && s[last + 1] == '}'))
        last--;
    if (last < 11)
        return false;
    for (size_t p = last - 11 + 1; p-- > 0;) {
        if (!strncmp(s + p, "{{resolve:", 10)) {
            *b = p + 2;
            *e = last;
            return true;
        }
    }
    return false;
}

size_t fn_skip_spaces(const char *s, size_t i, size_t len)
{
    while (i < len && strchr(" \t\n\r\f\v", s[i]))
        i++;
    return i;
}

/* cfn-lint's \{\{\s+resolve\s*:\s*(ssm|ssm-secure|secretsmanager)\s*: */
bool fn_dynref_spaced(const char *s, size_t len)
{
    static const char *const services[] = {"ssm-secure", "ssm", "secretsmanager"};
    for (size_t i = 0; i + 2 < len; i++) {
        /* jump to the next brace that could start "{{" (memchr is quick) */
        const char *brace = memchr(s + i, '{', len - 2 - i);
        if (!brace)
            break;
        i = (size_t)(brace - s);
        if (s[i + 1] != '{' || !strchr(" \t\n\r\f\v", s[i + 2]))
            continue;
        size_t j = fn_skip_spaces(s, i + 2, len);
        if (len - j < 7 || strncmp(s + j, "resolve", 7))
            continue;
        j = fn_skip_spaces(s, j + 7, len);
        if (j >= len || s[j] != ':')
            continue;
        j = fn_skip_spaces(s, j + 1, len);
        for (size_t k = 0; k < 3; k++) {
            size_t n = strlen(services[k]);
            if (len - j >= n && !strncmp(s + j, services[k], n)) {
                size_t m = fn_skip_spaces(s, j + n, len);
                if (m < len && s[m] == ':')
                    return true;
            }
        }
    }
    return false;
}

/* ---- Strings: dynamic references and pseudo parameters ------------------ */

enum { IN_REF = 1, IN_FUNCTION = 2 };

/* Secure strings may be used only in these properties. */
static const char *const secure_string_places[] = {
    "Resources/AWS::DirectoryService::MicrosoftAD/Properties/Password",
    "Resources/AWS::DirectoryService::SimpleAD/Properties/Password",
    "Resources/AWS::ElastiCache::ReplicationGroup/Properties/AuthToken",
    "Resources/AWS::IAM::User/Properties/LoginProfile/Password",
    "Resources/AWS::KinesisFirehose::DeliveryStream/Properties/RedshiftDestinationConfiguration/Password",
    "Resources/AWS::OpsWorks::App/Properties/AppSource/Password",
    "Resources/AWS::OpsWorks::Stack/Properties/RdsDbInstances/*/DbPassword",
    "Resources/AWS::OpsWorks::Stack/Properties/CustomCookbooksSource/Password",
    "Resources/AWS::RDS::DBCluster/Properties/MasterUserPassword",
    "Resources/AWS::RDS::DBInstance/Properties/MasterUserPassword",
    "Resources/AWS::Redshift::Cluster/Properties/MasterUserPassword",
};

/* Properties that want a secret's ARN, not the secret. */
static const char *const secret_arn_fields[] = {
    "SecretArn", "SecretARN", "SecretsManagerSecretId", "SecretsManagerOracleAsmSecretId",
    "SecretsManagerSecurityDbEncryptionSecretId", "SecretsManagerConfiguration",
};

typedef struct str_path {
    cf_pathc *v;
    size_t n;
} str_path;

static bool path_is(const str_path *p, size_t i, const char *key)
{
    return i < p->n && p->v[i].key && !strcmp(p->v[i].key, key);
}

/* "Resources/AWS::RDS::DBInstance/Properties/MasterUserPassword": the path
 * with the resource's type for its name and "*" for list positions. */
static char *type_path(const fn_walk *w, const str_path *p)
{
    cf_buf b = {0};
    for (size_t i = 0; i < p->n; i++) {
        if (i >= 3 && path_is(p, i, "Fn::If") && i + 1 < p->n && !p->v[i + 1].key) {
            i++; /* a branch stands where the Fn::If is (as cfn-lint's path) */
            continue;
        }
        const char *part = p->v[i].key ? p->v[i].key : "*";
        if (i == 1 && path_is(p, 0, "Resources")) {
            const cf_resource *r = cf_template_resource(w->t, part);
            part = r && r->type_name ? r->type_name : part;
        }
        buf_printf(&b, "%s%s", i ? "/" : "", part);
    }
    return buf_steal(&b);
}

__attribute__((format(printf, 4, 5))) static void string_finding(fn_walk *w, const char *id, const cf_node *n,
                                                                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    fn_explicit_at(w, id, cf_sect_place(n), n, msg);
    free(msg);
}

/* Where secrets and secure strings may be used (E1027, E1051, W1051). */
static void dynref_place(fn_walk *w, const cf_node *n, const char *service, const char *shown)
{
    str_path p = {NULL, cf_node_path(n, NULL, 0)};
    p.v = xmalloc(sizeof *p.v * (p.n + 1));
    cf_node_path(n, p.v, p.n);
    bool in_props = path_is(&p, 0, "Resources") && path_is(&p, 2, "Properties");
    if (!strcmp(service, "ssm-secure")) {
        char *where = type_path(w, &p);
        if (!fn_in_list(where, secure_string_places, sizeof secure_string_places / sizeof secure_string_places[0]))
            string_finding(w, "E1027", n,
                           "Dynamic reference %s to SSM secure strings can only be used in resource properties", shown);
        free(where);
    } else if (!strcmp(service, "secretsmanager")) {
        if (!in_props && !(path_is(&p, 0, "Parameters") && path_is(&p, 2, "Default")))
            string_finding(w, "E1051", n,
                           "Dynamic reference %s to secrets manager can only be used in resource properties", shown);
        for (size_t f = 0; in_props && f < sizeof secret_arn_fields / sizeof secret_arn_fields[0]; f++) {
            bool named = false;
            for (size_t i = 0; i < p.n && !named; i++)
                named = path_is(&p, i, secret_arn_fields[f]);
            if (!named)
                continue;
            string_finding(w, "W1051", n,
                           "Dynamic reference %s to secrets manager when the field '%s' expects the ARN to the "
                           "secret and not the secret", shown, secret_arn_fields[f]);
            break;
        }
    }
    free(p.v);
}

/* The parts of "resolve:service:..." against what each service takes. */
static void dynref_parts(fn_walk *w, const cf_node *n, char **parts, size_t np)
{
    const char *svc = parts[1];
    bool ssm = !strcmp(svc, "ssm") || !strcmp(svc, "ssm-secure");
    bool arn = !ssm && np > 2 && !strcmp(parts[2], "arn");
    size_t max = ssm ? 4 : arn ? 13 : 7, min = arn ? 9 : 3;
    if (ssm) {
        cf_buf r = {0};
        cf_repr_str(&r, parts[2], strlen(parts[2]));
        if (!strpbrk(parts[2], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./"))
            string_finding(w, "E1050", n, "%s does not match '[a-zA-Z0-9_.-/]+'", r.data);
        buf_reset(&r);
        if (np > 3 && !strpbrk(parts[3], "0123456789")) {
            cf_repr_str(&r, parts[3], strlen(parts[3]));
            string_finding(w, "E1050", n, "%s does not match '\\\\d+'", r.data);
        }
        buf_free(&r);
    } else {
        if (arn && np > 7 && strcmp(parts[7], "secret"))
            string_finding(w, "E1050", n, "%s was expected", "'secret'");
        size_t at = arn ? 9 : 3;
        if (np > at && strcmp(parts[at], "SecretString") && parts[at][0]) {
            cf_buf r = {0};
            cf_repr_str(&r, parts[at], strlen(parts[at]));
            string_finding(w, "E1050", n, "%s is not one of ['SecretString', '']", r.data);
            buf_free(&r);
        }
    }
    if (np < min)
        string_finding(w, "E1050", n, "expected minimum item count: %zu, found: %zu", min, np);
    if (np > max)
        string_finding(w, "E1050", n, "expected maximum item count: %zu, found: %zu", max, np);
}

/* {{resolve:service:...}}: its syntax (E1050), then where it may be used. */
static void check_dynref(fn_walk *w, const cf_node *n, const char *group, size_t len)
{
    char *copy = xstrndup(group, len);
    size_t np = 1;
    for (const char *p = copy; *p; p++)
        np += *p == ':';
    char **parts = xcalloc(np, sizeof *parts);
    parts[0] = copy;
    for (size_t i = 1; i < np; i++) {
        parts[i] = strchr(parts[i - 1], ':');
        *parts[i]++ = '\0';
    }
    cf_buf shown = {0};
    const char *svc = parts[1];
    bool known = np > 1 && (!strcmp(svc, "ssm") || !strcmp(svc, "ssm-secure") || !strcmp(svc, "secretsmanager"));
    if (np > 1 && !known) {
        cf_repr_str(&shown, svc, strlen(svc));
        string_finding(w, "E1050", n, "%s is not one of ['ssm', 'ssm-secure', 'secretsmanager']", shown.data);
    }
    if (np < 3)
        string_finding(w, "E1050", n, "expected minimum item count: 3, found: %zu", np);
    if (known && np >= 3) {
        buf_reset(&shown);
        cf_repr_str(&shown, group, len);
        dynref_place(w, n, svc, shown.data);
        dynref_parts(w, n, parts, np);
    }
    buf_free(&shown);
    free(parts);
    free(copy);
}

static void check_string(fn_walk *w, const cf_node *n, unsigned flags)
{
    size_t b, e;
    if (fn_dynref_find(n->u.str, n->len, &b, &e)) {
        if (!(flags & IN_FUNCTION))
            check_dynref(w, n, n->u.str + b, e - b);
        return;
    }
    if (fn_dynref_spaced(n->u.str, n->len)) {
        char *r = cf_repr_dup(n);
        string_finding(w, "W1053", n,
                       "%s has spaces and will not be resolved as a dynamic reference. Remove spaces from "
                       "'{{resolve:...}}'", r);
        free(r);
        return;
    }
    if (!(flags & IN_REF) && fn_is_pseudo(n->u.str)) {
        string_finding(w, "W1054", n,
                       "'%s' is a pseudo-parameter and should probably be used as 'Ref: %s' instead of a plain string",
                       n->u.str, n->u.str);
    }
}

/* Fn::ForEach is expanded by the AWS::LanguageExtensions transform only. */
static void foreach_needs_transform(fn_walk *w, const cf_node *key)
{
    char *at = cf_sect_path_text(key);
    char *msg = xasprintf("Missing Transform: Declare the AWS::LanguageExtensions Transform globally to enable use "
                          "of the intrinsic function Fn::ForEach at %s", at);
    fn_explicit_at(w, "E1032", key, key, msg);
    free(msg);
    free(at);
}

static void walk_strings(fn_walk *w, const cf_node *n, unsigned flags, fn_guide g);

/* Inside a function the resource schema no longer says where things go,
 * except in an Fn::If's branches, which stand in its place. */
static void walk_function_strings(fn_walk *w, const cf_node *key, const cf_node *arg, unsigned flags, fn_guide g)
{
    fn_guide none = {NULL, NULL};
    if (!cf_is_str(key, "Fn::If") || arg->kind != CF_SEQUENCE) {
        walk_strings(w, arg, flags, none);
        return;
    }
    for (uint32_t i = 0; i < arg->len; i++)
        walk_strings(w, arg->u.items[i], flags, i ? g : none);
}

static void walk_strings(fn_walk *w, const cf_node *n, unsigned flags, fn_guide g)
{
    if (!n)
        return;
    if (fn_is_str(n)) {
        check_string(w, n, flags);
        return;
    }
    if (n->kind == CF_SEQUENCE) {
        fn_guide it = fn_guide_item(&g);
        for (uint32_t i = 0; i < n->len; i++)
            walk_strings(w, n->u.items[i], flags, it);
        return;
    }
    /* read from the schema at the first key that needs it (a function
     * here, the usual case, needs none) */
    fn_key_guide kg, *keys = NULL;
    for (uint32_t i = 0; i < n->len && n->kind == CF_MAPPING; i++) {
        const cf_node *k = n->u.pairs[i].key, *v = n->u.pairs[i].value;
        if (fn_is_foreach_key(k)) {
            if (!w->lang_ext)
                foreach_needs_transform(w, k);
            continue; /* expanded at deploy time: its names are not known here */
        }
        int fi = k->kind == CF_SCALAR ? fn_index(k->u.str) : -1;
        if (n->len == 1 && fi >= 0 && fn_table[fi].kind != FN_CONDITION) {
            unsigned f = flags | (cf_is_str(k, "Ref") ? IN_REF : 0) | (cf_is_str(k, "Fn::If") ? 0 : IN_FUNCTION);
            walk_function_strings(w, k, v, f, g);
            continue;
        }
        if (!keys) {
            kg = fn_guide_keys(&g);
            keys = &kg;
        }
        fn_guide sub;
        if (fn_guide_key(keys, k, &sub))
            walk_strings(w, v, flags, sub);
    }
}

/* A resource's strings: all but its type, and its properties only when
 * cfn-lint has a schema to walk them with. */
static void walk_resource_strings(fn_walk *w, const cf_node *key, const cf_node *res)
{
    fn_guide none = {NULL, NULL};
    if (fn_is_foreach_key(key)) {
        if (!w->lang_ext)
            foreach_needs_transform(w, key);
        return;
    }
    const cf_resource *r = key->kind == CF_SCALAR ? cf_template_resource(w->t, key->u.str) : NULL;
    for (uint32_t a = 0; res->kind == CF_MAPPING && a < res->len; a++) {
        const cf_node *k = res->u.pairs[a].key, *v = res->u.pairs[a].value;
        if (cf_is_str(k, "Type"))
            continue;
        if (!cf_is_str(k, "Properties"))
            walk_strings(w, v, 0, none);
        else if (r && r->type_name && fn_properties_judged(w, r->type_name))
            walk_strings(w, v, 0, fn_resource_guide(w, r->type_name));
    }
}

/* Every string cfn-lint validates: the template but its format version,
 * transforms and SAM globals, resources' types, and the properties of
 * types it has no schema for. */
void fn_walk_template_strings(fn_walk *w)
{
    const cf_node *root = w->t->root;
    fn_guide none = {NULL, NULL};
    for (uint32_t i = 0; i < root->len; i++) {
        const cf_node *k = root->u.pairs[i].key, *v = root->u.pairs[i].value;
        if (cf_is_str(k, "AWSTemplateFormatVersion") || cf_is_str(k, "Transform") || cf_is_str(k, "Globals"))
            continue;
        if (!cf_is_str(k, "Resources") || v->kind != CF_MAPPING) {
            walk_strings(w, v, 0, none);
            continue;
        }
        for (uint32_t j = 0; j < v->len; j++)
            walk_resource_strings(w, v->u.pairs[j].key, v->u.pairs[j].value);
    }
}
