/* Lambda runtime successors and inline-code hazards; see runtime_fix.h. */
#include "runtime_fix.h"

#include "spec.h"
#include "version.h"

#include <ctype.h>
#include <string.h>

/* "dotnet8" -> "dotnet", "java8.al2" -> "java", "provided.al2023" ->
 * "provided": the letters before the first digit or dot. */
static size_t family_len(const char *r)
{
    size_t i = 0;
    while (r[i] && !isdigit((unsigned char)r[i]) && r[i] != '.')
        i++;
    return i;
}

static bool in_enum(const cf_node *values, const char *name)
{
    for (uint32_t i = 0; values && values->kind == CF_SEQUENCE && i < values->len; i++)
        if (cf_is_str(values->u.items[i], name))
            return true;
    return false;
}

/* Every region linted lists name among the Function's Runtime values (a
 * region whose schema has no list decides nothing). */
static bool accepted(const cf_lint_opts *opts, const char *name)
{
    bool any = false;
    for (size_t r = 0; r < opts->nregions; r++) {
        const cf_node *schema = cf_spec_schema(opts->spec, "AWS::Lambda::Function", opts->regions[r]);
        const cf_node *values = cf_map_get(cf_map_get(cf_map_get(schema, "properties"), "Runtime"), "enum");
        if (!values)
            continue;
        if (!in_enum(values, name))
            return false;
        any = true;
    }
    return any;
}

/* Not deprecated on the day judged (no dates: a current runtime). */
static bool supported(const cf_node *lifecycles, const char *today, const char *name)
{
    const cf_node *dep = cf_map_get(cf_map_get(lifecycles, name), "deprecated");
    return !dep || dep->kind != CF_SCALAR || dep->type != CF_TYPE_STR || strcmp(dep->u.str, today) > 0;
}

const char *cf_runtime_successor(const cf_lint_opts *opts, const char *runtime)
{
    if (!opts || !opts->spec || !opts->nregions)
        return NULL;
    const cf_node *lifecycles = cf_spec_entry(opts->spec, "lifecycle/LmbdRuntimeLifecycle");
    const cf_node *successor = cf_map_get(cf_map_get(lifecycles, runtime), "successor");
    if (!successor || successor->kind != CF_SCALAR || successor->type != CF_TYPE_STR)
        return NULL;
    const char *named = successor->u.str;
    if (accepted(opts, named) && supported(lifecycles, opts->today, named))
        return named;
    /* the newest valid, supported runtime of that family */
    const cf_node *schema = cf_spec_schema(opts->spec, "AWS::Lambda::Function", opts->regions[0]);
    const cf_node *values = cf_map_get(cf_map_get(cf_map_get(schema, "properties"), "Runtime"), "enum");
    size_t fl = family_len(named);
    const char *best = NULL;
    for (uint32_t i = 0; values && values->kind == CF_SEQUENCE && i < values->len; i++) {
        const cf_node *v = values->u.items[i];
        if (v->kind != CF_SCALAR || v->type != CF_TYPE_STR || family_len(v->u.str) != fl ||
            strncmp(v->u.str, named, fl) != 0 || !strcmp(v->u.str, runtime))
            continue;
        if (!accepted(opts, v->u.str) || !supported(lifecycles, opts->today, v->u.str))
            continue;
        if (!best || cf_version_cmp(v->u.str, best) > 0)
            best = v->u.str;
    }
    return best;
}

/* --- inline code ----------------------------------------------------------- */

static bool has_call(const char *s, const char *prefix, const char *const *names, size_t n)
{
    size_t pl = strlen(prefix);
    for (const char *p = strstr(s, prefix); p; p = strstr(p + 1, prefix))
        for (size_t i = 0; i < n; i++) {
            size_t nl = strlen(names[i]);
            const char *q = p + pl;
            if (!strncmp(q, names[i], nl) && !isalnum((unsigned char)q[nl]) && q[nl] != '_')
                return true;
        }
    return false;
}

static unsigned hazards_in(const char *s)
{
    unsigned h = 0;
    /* require('aws-sdk'), require("aws-sdk/clients/s3"), import ... from 'aws-sdk' */
    static const char *const quotes[] = {"'aws-sdk'", "\"aws-sdk\"", "'aws-sdk/", "\"aws-sdk/", "`aws-sdk`"};
    for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++)
        if (strstr(s, quotes[i]))
            h |= CF_CODE_AWS_SDK_V2;
    static const char *const methods[] = {"succeed", "fail", "done"};
    if (has_call(s, "context.", methods, 3))
        h |= CF_CODE_CONTEXT_METHODS;
    return h;
}

static unsigned walk(const cf_node *n, int depth)
{
    if (!n || depth > 64)
        return 0;
    if (n->kind == CF_SCALAR)
        return n->type == CF_TYPE_STR ? hazards_in(n->u.str) : 0;
    unsigned h = 0;
    for (uint32_t i = 0; i < n->len; i++)
        h |= walk(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i], depth + 1);
    return h;
}

unsigned cf_inline_code_hazards(const cf_node *code) { return walk(code, 0); }
