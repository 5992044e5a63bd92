/* Step Functions state machine definitions.
 *
 *   E3601  A state machine's Definition (an object) or DefinitionString (a
 *          string holding JSON) against cfn-lint's Amazon States Language
 *          schema (other/step_functions/statemachine in the spec data), and
 *          every StartAt (top level, Parallel branches, Map item
 *          processors and iterators) naming a state that exists.
 *
 * A DefinitionString's findings are placed on its key, their message ending
 * with the path inside the JSON (" at 'States/A/Type'"), as cfn-lint does.
 * A definition written as a function is not judged, nor a DefinitionString
 * in a template with the serverless transform, nor a DefinitionString that
 * is not valid JSON.  Values that name one of DefinitionSubstitutions' keys
 * are not judged.  Definitions that set QueryLanguage to JSONata are left
 * alone (cfn-lint judges them against a variant of the schema). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../doc.h"
#include "../lint.h"
#include "../validate.h"
#include "section.h"

static const cf_rule rules[] = {
    {"E3601",
     "Validate the structure of a StateMachine definition",
     "Validate the Definition or DefinitionString inside a AWS::StepFunctions::StateMachine resource",
     "https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-state-machine-structure.html",
     "resources,statemachine"},
};

static bool is_function(const cf_node *n)
{
    if (!n || n->kind != CF_MAPPING || n->len != 1)
        return false;
    const char *k = n->u.pairs[0].key->u.str;
    return k && (!strcmp(k, "Ref") || !strncmp(k, "Fn::", 4));
}

static bool is_string(const cf_node *n)
{
    return n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR;
}

/* A value that names a substitution ("${Arn}" or "Arn"). */
static bool substituted(const cf_node *subs, const cf_node *n)
{
    /* a finding placed on a key is about its value */
    if (n && n->parent && n->parent->kind == CF_MAPPING && n->parent->u.pairs[n->index].key == n)
        n = n->parent->u.pairs[n->index].value;
    if (!subs || subs->kind != CF_MAPPING || !n || n->kind != CF_SCALAR || !n->u.str)
        return false;
    size_t len = strlen(n->u.str);
    char *s = malloc(len + 1), *o = s;
    if (!s)
        return false;
    for (const char *p = n->u.str; *p;) {
        if (p[0] == '$' && p[1] == '{')
            p += 2;
        else if (*p == '}')
            p++;
        else
            *o++ = *p++;
    }
    *o = 0;
    char *b = s, *e = o;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r' || *b == '\f' || *b == '\v')
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r' || e[-1] == '\f' || e[-1] == '\v'))
        e--;
    *e = 0;
    bool found = cf_map_get(subs, b) != NULL;
    free(s);
    return found;
}

/* A path inside the definition, as cfn-lint writes it: "States/A/Next". */
static void path_text(const cf_node *n, const cf_node *root, char *buf, size_t cap)
{
    const cf_node *chain[256];
    size_t depth = 0;
    for (const cf_node *p = n; p && p != root && depth < 256; p = p->parent)
        chain[depth++] = p;
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = depth; i-- > 0;) {
        const cf_node *c = chain[i];
        const cf_node *parent = c->parent;
        char part[64];
        const char *txt;
        if (parent && parent->kind == CF_MAPPING) {
            txt = parent->u.pairs[c->index].key->u.str;
        } else {
            snprintf(part, sizeof part, "%u", c->index);
            txt = part;
        }
        int w = snprintf(buf + o, o < cap ? cap - o : 0, "%s%s", o ? "/" : "", txt ? txt : "");
        if (w > 0)
            o += (size_t)w;
        if (o >= cap) {
            buf[cap - 1] = 0;
            return;
        }
    }
}

static bool jsonata(const cf_node *def)
{
    const cf_node *ql = cf_map_get(def, "QueryLanguage");
    return ql && !cf_is_str(ql, "JSONPath");
}

/* Every StartAt names one of its States. */
static void start_at(cf_lint_ctx *ctx, const cf_node *def, const char *prefix, const cf_node *place)
{
    if (!def || def->kind != CF_MAPPING)
        return;
    const cf_pair *sa = cf_map_pair(def, "StartAt");
    const cf_node *states = cf_map_get(def, "States");
    if (!sa || !is_string(sa->value) || !states || states->kind != CF_MAPPING)
        return;
    if (!cf_map_get(states, sa->value->u.str))
        cf_diag_at(ctx->out, ctx->doc, "E3601", place ? place : sa->key, "Missing 'Next' target '%s' at %s/StartAt",
                   sa->value->u.str, prefix);
    for (uint32_t i = 0; i < states->len; i++) {
        const cf_node *name = states->u.pairs[i].key, *st = states->u.pairs[i].value;
        if (!st || st->kind != CF_MAPPING || !name->u.str)
            continue;
        const cf_node *type = cf_map_get(st, "Type");
        char sub[1024];
        if (cf_is_str(type, "Parallel")) {
            const cf_node *br = cf_map_get(st, "Branches");
            if (!br || br->kind != CF_SEQUENCE)
                continue;
            for (uint32_t b = 0; b < br->len; b++) {
                snprintf(sub, sizeof sub, "%s/States/%s/Branches/%u", prefix, name->u.str, b);
                start_at(ctx, br->u.items[b], sub, place);
            }
        }
        if (cf_is_str(type, "Map")) {
            snprintf(sub, sizeof sub, "%s/States/%s/ItemProcessor", prefix, name->u.str);
            start_at(ctx, cf_map_get(st, "ItemProcessor"), sub, place);
            snprintf(sub, sizeof sub, "%s/States/%s/Iterator", prefix, name->u.str);
            start_at(ctx, cf_map_get(st, "Iterator"), sub, place);
        }
    }
}

static bool has_function(const cf_node *n)
{
    if (!n || n->kind == CF_SCALAR)
        return false;
    if (is_function(n)) {
        /* an Fn::If is judged by its branches */
        const cf_node *args = cf_map_get(n, "Fn::If");
        if (!args || args->kind != CF_SEQUENCE || args->len != 3)
            return true;
        return has_function(args->u.items[1]) || has_function(args->u.items[2]);
    }
    for (uint32_t i = 0; i < n->len; i++)
        if (has_function(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i]))
            return true;
    return false;
}

/* A state (a value in a States map) with a function anywhere in it:
 * cfn-lint then does not judge it by its Type's schema (only its Type and
 * Comment are judged). */
static bool state_with_function(const cf_node *st)
{
    const cf_node *states = st->parent;
    if (!states || states->kind != CF_MAPPING || st->kind != CF_MAPPING || states->u.pairs[st->index].value != st)
        return false;
    const cf_node *k = cf_node_key(states);
    if (!k || !cf_is_str(k, "States"))
        return false;
    return has_function(st);
}

static bool hidden(const cf_node *n, const cf_node *def)
{
    const cf_node *child = NULL;
    for (const cf_node *p = n; p && p != def; child = p, p = p->parent) {
        if (p->kind != CF_MAPPING || !state_with_function(p))
            continue;
        /* the state's own Type and Comment are judged */
        if (child && p->u.pairs[child->index].key && (cf_is_str(p->u.pairs[child->index].key, "Type") ||
                                                       cf_is_str(p->u.pairs[child->index].key, "Comment")))
            continue;
        if (p == n)
            continue; /* the state itself (required Type, its type) */
        return true;
    }
    return false;
}

static void judge_object(cf_lint_ctx *ctx, const cf_node *schema, const cf_node *def, const cf_node *subs)
{
    cf_diags found = {0};
    cf_validator v;
    cf_validator_init(&v, ctx, schema);
    v.rule = "E3601";
    v.core_wording = true;
    v.false_message = FALSE_AS_UNEXPECTED;
    v.sink = &found;
    cf_validate(&v, schema, def);
    for (size_t i = 0; i < found.n; i++) {
        if (substituted(subs, found.v[i].node) || hidden(found.v[i].node, def)) {
            free(found.v[i].message);
            free(found.v[i].path);
            continue;
        }
        cf_diags *out = ctx->out;
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 16;
            cf_diag *nv = realloc(out->v, cap * sizeof *nv);
            if (!nv)
                break;
            out->v = nv;
            out->cap = cap;
        }
        out->v[out->n++] = found.v[i];
    }
    free(found.v);
    start_at(ctx, def, "", NULL);
}

static void judge_string(cf_lint_ctx *ctx, const cf_node *schema, const cf_node *str, const cf_node *subs)
{
    cf_doc *jd = cf_sect_json_text(str, "definition.json");
    if (!jd)
        return;
    if (jd->root->kind != CF_MAPPING || jsonata(jd->root)) {
        cf_doc_free(jd);
        return;
    }
    const cf_node *place = cf_loc_key(str);
    cf_lint_ctx sub = *ctx;
    sub.doc = jd;
    cf_diags found = {0};
    cf_validator v;
    cf_validator_init(&v, &sub, schema);
    v.rule = "E3601";
    v.core_wording = true;
    v.false_message = FALSE_AS_UNEXPECTED;
    v.sink = &found;
    v.no_functions = true;
    cf_validate(&v, schema, jd->root);
    for (size_t i = 0; i < found.n; i++) {
        cf_diag *d = &found.v[i];
        if (!substituted(subs, d->node)) {
            char path[2048];
            path_text(d->node, jd->root, path, sizeof path);
            if (strchr(path, '/'))
                cf_diag_at(ctx->out, ctx->doc, "E3601", place, "%s at '%s'", d->message, path);
            else
                cf_diag_at(ctx->out, ctx->doc, "E3601", place, "%s", d->message);
        }
        free(d->message);
        free(d->path);
    }
    free(found.v);
    cf_lint_ctx sctx = *ctx;
    start_at(&sctx, jd->root, "", place);
    cf_doc_free(jd);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *schema = ctx->spec ? cf_spec_entry(ctx->spec, "other/step_functions/statemachine") : NULL;
    if (!schema)
        return;
    for (size_t i = 0; i < ctx->tpl->nres; i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->walked || !r->type_name || strcmp(r->type_name, "AWS::StepFunctions::StateMachine") != 0)
            continue;
        const cf_node *props = cf_map_get(r->node, "Properties");
        if (!props || props->kind != CF_MAPPING)
            continue;
        const cf_node *subs = cf_map_get(props, "DefinitionSubstitutions");
        const cf_node *def = cf_map_get(props, "Definition");
        if (def && !is_function(def) && def->kind == CF_MAPPING && def->len > 0 && !jsonata(def))
            judge_object(ctx, schema, def, subs);
        const cf_node *ds = ctx->tpl->sam ? NULL : cf_map_get(props, "DefinitionString");
        if (ds && is_string(ds) && ds->u.str[0])
            judge_string(ctx, schema, ds, subs);
    }
}

CF_FAMILY(family_step_functions, "step_functions", check, rules);
