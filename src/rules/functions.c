/* Intrinsic functions wherever cfn-lint validates them: in resource
 * properties, metadata and policies, in condition comparisons, in output
 * values and export names.  Each function's argument is judged against
 * cfn-lint's own schema for it (other/functions/NAME in the spec data:
 * its shape, and which functions may appear where inside it), then its
 * references: Ref targets, Fn::GetAtt resources and attributes, Fn::Sub
 * variables, Fn::FindInMap keys, Fn::If conditions.
 *
 * A finding inside a function belongs to the outermost function being
 * judged (a bad Fn::GetAZs inside Fn::Select is E1017), except that Ref
 * keeps its own E1020, an Fn::If's branches are judged as if they stood in
 * its place, everything in an output's Value is E6101, and everything
 * inside Fn::Length and Fn::ToJsonString is theirs: the ids cfn-lint
 * gives.  Whether a function's result fits the property it sets is the
 * property validator's question (validate.c), not this file's.
 *
 * The strings of the whole template are looked at once more, for dynamic
 * references ({{resolve:...}}) and pseudo parameters written as plain
 * strings. */
#include "fn.h"

#include "../regex.h"
#include "../repr.h"
#include "../validate.h"
#include "section.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E1010",
     "GetAtt validation of parameters",
     "Validates that GetAtt parameters are to valid resources and properties of those resources",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html",
     "functions,getatt"},
    {"E1011",
     "FindInMap validation of configuration",
     "Making sure the function is a list of appropriate config",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html",
     "functions,findinmap"},
    {"E1015",
     "GetAz validation of parameters",
     "Making sure the GetAz function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html",
     "functions,getaz"},
    {"E1016",
     "ImportValue validation of parameters",
     "Making sure the ImportValue function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-importvalue.html",
     "functions,importvalue"},
    {"E1017",
     "Select validation of parameters",
     "Making sure the Select function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-select.html",
     "functions,select"},
    {"E1018",
     "Split validation of parameters",
     "Making sure the split function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-split.html",
     "functions,split"},
    {"E1019",
     "Sub validation of parameters",
     "Making sure the sub function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
     "functions,sub"},
    {"E1020",
     "Ref validation of value",
     "Making sure the Ref has a String value (no other functions are supported)",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html",
     "functions,ref"},
    {"E1021",
     "Base64 validation of parameters",
     "Making sure the Base64 function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-base64.html",
     "functions,base64"},
    {"E1022",
     "Join validation of parameters",
     "Making sure the join function is properly configured",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html",
     "functions,join"},
    {"E1024",
     "Cidr validation of parameters",
     "Making sure the function CIDR is a list with valid values",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html",
     "functions,cidr"},
    {"W1011",
     "Instead of REFing a parameter for a secret use a dynamic reference",
     "Instead of REFing a parameter for a secret use a dynamic reference. Solutions like SSM parameter store and secrets manager provide better security of sercrets",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds",
     "functions,dynamic reference,ref"},
    {"W2010",
     "NoEcho parameters are not masked when used in Metadata and Outputs",
     "Using the NoEcho attribute does not mask any information stored in the following: Metadata, Outputs, Resource Metadata",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
     "functions,dynamic reference,ref"},
    {"E1027",
     "Check dynamic references secure strings are in supported locations",
     "Dynamic References Secure Strings are only supported for a small set of resource properties.  Validate that they are being used in the correct location when checking values and Fn::Sub in resource properties. Currently doesn't check outputs, maps, conditions, parameters, and descriptions.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
     "functions,dynamic reference"},
    {"E1028",
     "Check Fn::If structure for validity",
     "Check Fn::If to make sure its valid.  Condition has to be a string.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if",
     "functions,if"},
    {"W1028",
     "Check Fn::If has a path that cannot be reached",
     "Check Fn::If path can be reached",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if",
     "functions,if"},
    {"E1029",
     "Sub is required if a variable is used in a string",
     "If a substitution variable exists in a string but isn't wrapped with the Fn::Sub function the deployment will fail.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
     "functions,sub"},
    {"E1030",
     "Length validation of parameters",
     "Making sure Fn::Length is configured correctly",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-length.html",
     "functions,length"},
    {"E1031",
     "ToJsonString validation of parameters",
     "Making sure Fn::ToJsonString is configured correctly",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ToJsonString.html",
     "functions,toJsonString"},
    {"E1032",
     "Validates ForEach functions",
     "Validates that ForEach parameters have a valid configuration",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html",
     "functions,foreach"},
    {"E1033",
     "Validate the structure of the Fn::GetStackOutput function",
     "Validate the structure of the Fn::GetStackOutput function",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getstackoutput.html",
     "functions,getstackoutput"},
    {"E1041",
     "Check if Ref matches destination format",
     "When source and destination format exists validate that they match in a Ref",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/best-practices.html#parmtypes",
     "functions,ref"},
    {"E1050",
     "Validate the structure of a dynamic reference",
     "Make sure dynamic reference strings have the correct syntax",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
     "functions,dynamic reference"},
    {"E1051",
     "Validate dynamic references to secrets manager are only in resource properties",
     "Dynamic references from secrets manager can only be used in resource properties",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html#dynamic-references-secretsmanager",
     "functions,dynamic reference"},
    {"E6101",
     "Validate that outputs values are a string",
     "Make sure that output values have a type of string",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs"},
    {"I1022",
     "Use Sub instead of Join",
     "Prefer a sub instead of Join when using a join delimiter that is empty",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
     "functions,sub,join"},
    {"W1020",
     "Sub isn't needed if it doesn't have a variable defined",
     "Checks sub strings to see if a variable is defined.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
     "functions,sub"},
    {"W1051",
     "Validate dynamic references to secrets manager are not used when a secrets manager ARN was expected",
     "Certain properties expect a secret manager ARN. This rule validates if you may be accidently using a secret in place of the ARN",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html#dynamic-references-secretsmanager",
     "functions,dynamic reference"},
    {"W1053",
     "Dynamic references should not contain spaces",
     "Dynamic references with spaces between '{{' and 'resolve' will not be resolved by CloudFormation and will be treated as a literal string",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html",
     "functions,dynamic reference"},
    {"W1054",
     "Pseudo-parameter string found without Ref",
     "A pseudo-parameter such as 'AWS::NoValue' or 'AWS::Region' was used as a plain string value. In most cases you want 'Ref: AWS::...' instead of the raw string.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html",
     "functions,pseudo-parameter"},
};

/* ---- The names functions refer to, indexed once per lint --------------- */

/* One more name in a Python list's repr() ("['A', 'B']"). */
/* cfn-lint counts a parameter or a resource only when it is a mapping
 * with a string Type. */
bool fn_has_string_type(const cf_node *n)
{
    return n && n->kind == CF_MAPPING && fn_is_str(cf_map_get(n, "Type"));
}

static void names_init(fn_names *nm, const cf_template *t)
{
    memset(nm, 0, sizeof *nm);
    nm->params = xcalloc(t->params.n + 1, sizeof *nm->params);
    for (size_t i = 0; i < t->params.n; i++)
        if (fn_has_string_type(t->params.v[i].value))
            nm->params[nm->nparams++] = t->params.v[i].name;
    nm->resources = xcalloc(t->nres + 1, sizeof *nm->resources);
    nm->serverless = xcalloc(t->nres + 1, sizeof *nm->serverless);
    for (size_t i = 0; i < t->nres; i++) {
        const cf_resource *r = &t->res[i];
        if (!r->type_name || r->node->kind != CF_MAPPING)
            continue;
        nm->resources[nm->nresources++] = r->name;
        if (t->sam && !strncmp(r->type_name, "AWS::Serverless::", 17))
            nm->serverless[nm->nserverless++] = r->name;
    }
}

static void names_free(fn_names *nm)
{
    free(nm->params);
    free(nm->resources);
    free(nm->serverless);
    for (size_t i = 0; i < 4; i++)
        free(nm->refs[i]);
    free(nm->resource_list);
    free(nm->condition_list);
    free(nm->mapping_list);
}

/* The names a Ref may use here, as cfn-lint lists them: parameters,
 * resources (not in conditions or export names), pseudo parameters. */
const char *fn_ref_list(fn_names *nm, bool no_resources, bool no_arns)
{
    char **slot = &nm->refs[(no_resources ? 2 : 0) + (no_arns ? 1 : 0)];
    if (*slot)
        return *slot;
    const char **v = xcalloc(nm->nparams + nm->nresources + FN_NPSEUDO + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < nm->nparams; i++)
        v[n++] = nm->params[i];
    for (size_t i = 0; !no_resources && i < nm->nresources; i++)
        v[n++] = nm->resources[i];
    for (size_t i = 0; i < FN_NPSEUDO; i++)
        if (!no_arns || strcmp(fn_pseudo_parameters[i], "AWS::NotificationARNs"))
            v[n++] = fn_pseudo_parameters[i];
    fn_list_of(slot, v, n);
    free(v);
    return *slot;
}

const char *fn_list_of(char **slot, const char *const *v, size_t n)
{
    if (*slot)
        return *slot;
    cf_buf b = {0};
    cf_sect_names_repr(&b, v, n);
    return *slot = buf_steal(&b);
}

const char *fn_section_list(char **slot, const cf_section *s)
{
    if (!*slot) {
        const char **v = xcalloc(s->n + 1, sizeof *v);
        for (size_t i = 0; i < s->n; i++)
            v[i] = s->v[i].name;
        fn_list_of(slot, v, s->n);
        free(v);
    }
    return *slot;
}

/* A finding about `about` (its path is cfn-lint's path), placed at `at`. */
static void report_at(fn_walk *w, const char *id, const cf_node *at, const cf_node *about, const char *msg)
{
    /* cfn-lint's tagging rule validates the Tags value again, functions
     * and all, and reports what it finds there under its own id too */
    for (int pass = 0; pass < (w->also ? 2 : 1); pass++) {
        /* what resolving a Fn::FindInMap finds there is the tagging rule's alone */
        if (!pass && w->also && w->resolving)
            continue;
        cf_diag *d = cf_diag_at(w->ctx->out, w->ctx->doc, pass ? w->also : id, at, "%s", msg);
        if (about != at)
            cf_diag_about(d, about);
    }
    w->errors++;
}

/* A finding of the function being judged (rule: the id it carries here). */
void fn_fail(fn_walk *w, const char *rule, const cf_node *about, const char *fmt, ...)
{
    const char *id = w->fixed ? w->fixed : w->force ? w->force : rule;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    if (id)
        report_at(w, id, cf_sect_place(about), about, msg);
    free(msg);
}

/* A finding a rule of its own makes (W1020, E1030): its id stays, but
 * inside Fn::Length or Fn::ToJsonString everything is theirs. */
void fn_explicit_at(fn_walk *w, const char *id, const cf_node *at, const cf_node *about, const char *msg)
{
    const char *also = w->also;
    w->also = NULL; /* not a schema finding: the tagging rule does not repeat it */
    report_at(w, w->fixed ? w->fixed : id, at, about, msg);
    w->also = also;
}

/* ---- Where cfn-lint's schema walk goes in a resource's properties ---------- */

/* cfn-lint reaches a value in a resource's properties by walking the
 * resource's schema: a property the schema closes out (additionalProperties
 * false and no such name) is its E3002 finding and nothing inside it is
 * looked at.  The walks here follow the schema the same way. */
static const cf_node *guide_deref(const cf_node *root, const cf_node *s)
{
    for (int i = 0; i < 16 && s && s->kind == CF_MAPPING; i++) {
        const cf_node *ref = cf_map_get(s, "$ref");
        if (!fn_is_str(ref))
            return s;
        s = cf_schema_ref(root, ref->u.str);
    }
    return NULL;
}

fn_key_guide fn_guide_keys(const fn_guide *g)
{
    fn_key_guide kg = {g->root, guide_deref(g->root, g->schema), NULL, NULL, false};
    if (kg.schema) {
        const cf_node *extra = cf_map_get(kg.schema, "additionalProperties");
        kg.props = cf_map_get(kg.schema, "properties");
        kg.patterns = cf_map_get(kg.schema, "patternProperties");
        kg.closed = extra && extra->kind == CF_SCALAR && extra->type == CF_TYPE_BOOL && !strcmp(extra->u.str, "false");
    }
    return kg;
}

/* The guide below a mapping key; false when the schema has no room for it. */
bool fn_guide_key(const fn_key_guide *kg, const cf_node *key, fn_guide *out)
{
    *out = (fn_guide){kg->root, NULL};
    if (!kg->schema || key->kind != CF_SCALAR)
        return true;
    if ((out->schema = cf_map_get(kg->props, key->u.str)))
        return true;
    const cf_node *patterns = kg->patterns;
    for (uint32_t i = 0; patterns && patterns->kind == CF_MAPPING && i < patterns->len; i++) {
        int m = cf_regex_search(patterns->u.pairs[i].key->u.str, key->u.str, key->len);
        if (m == CF_REGEX_UNDECIDED)
            return true; /* maybe room for it, under a schema not known */
        if (m == 1) {
            out->schema = patterns->u.pairs[i].value;
            return true;
        }
    }
    return !(kg->closed && (kg->props || patterns));
}

fn_guide fn_guide_item(const fn_guide *g)
{
    const cf_node *s = guide_deref(g->root, g->schema);
    return (fn_guide){g->root, s ? cf_map_get(s, "items") : NULL};
}

/* The schema cfn-lint walks a resource's properties with (the first of
 * the lint's regions that has the type). */
fn_guide fn_resource_guide(const fn_walk *w, const char *type)
{
    for (size_t i = 0; w->ctx->spec && i < w->ctx->opts->nregions; i++) {
        const cf_node *s = cf_spec_schema(w->ctx->spec, fn_schema_type(type), w->ctx->opts->regions[i]);
        if (s)
            return (fn_guide){s, s};
    }
    return (fn_guide){NULL, NULL};
}

/* Functions in a resource's properties, along the schema. */
static void walk_properties(fn_walk *w, const cf_node *n, fn_guide g, fn_set all)
{
    if (n == w->tags) {
        w->also = "E3024";
        w->tags = NULL;
        walk_properties(w, n, g, all);
        w->also = NULL;
        return;
    }
    int fi = fn_function_in(n, all);
    if (fi >= 0) {
        fn_check_function(w, n, fi, NULL, all, NULL);
    } else if (n->kind == CF_MAPPING) {
        fn_key_guide kg = fn_guide_keys(&g);
        for (uint32_t i = 0; i < n->len; i++) {
            fn_guide sub;
            if (!fn_is_foreach_key(n->u.pairs[i].key) && fn_guide_key(&kg, n->u.pairs[i].key, &sub))
                walk_properties(w, n->u.pairs[i].value, sub, all);
        }
    } else if (n->kind == CF_SEQUENCE) {
        fn_guide it = fn_guide_item(&g);
        for (uint32_t i = 0; i < n->len; i++)
            walk_properties(w, n->u.items[i], it, all);
    }
}

/* ---- Where cfn-lint judges functions ------------------------------------ */

/* cfn-lint validates the properties of a type it has a schema for (a
 * custom resource's is AWS::CloudFormation::CustomResource's); SAM's own
 * types become such resources when transformed. */
bool fn_properties_judged(const fn_walk *w, const char *type)
{
    if (!w->ctx->spec || (w->t->sam && !strncmp(type, "AWS::Serverless::", 17)))
        return true;
    const char *t = fn_schema_type(type);
    for (size_t i = 0; i < w->ctx->opts->nregions; i++)
        if (cf_spec_type_in_region(w->ctx->spec, t, w->ctx->opts->regions[i]))
            return true;
    return false;
}

static void walk_resources(fn_walk *w)
{
    static const char *const policy_names[] = {"Fn::Sub", "Fn::Select", "Fn::FindInMap", "Fn::If", "Ref"};
    static const char *const policies[] = {"CreationPolicy", "DeletionPolicy", "UpdateReplacePolicy"};
    fn_set all = fn_all(), policy = fn_set_of(policy_names, 5);
    for (size_t i = 0; i < w->t->nres; i++) {
        const cf_resource *r = &w->t->res[i];
        if (!r->walked || !r->type_name || r->node->kind != CF_MAPPING || fn_is_foreach_key(r->key))
            continue;
        if (r->properties && fn_properties_judged(w, r->type_name)) {
            /* its Condition holds in its properties (cfn-lint sets it
             * there only, not for its policies or metadata) */
            cf_conds_at(w->ctx->conds, w->t, r->node, &w->scenario);
            fn_guide g = fn_resource_guide(w, r->type_name);
            w->tags = g.root && r->properties->kind == CF_MAPPING && cf_tags_judged(w->ctx, g.root)
                          ? cf_map_get(r->properties, "Tags") : NULL;
            walk_properties(w, r->properties, g, all);
            w->tags = NULL;
            w->scenario.n = 0;
        }
        fn_check_value(w, cf_map_get(r->node, "Metadata"), NULL, all, NULL);
        for (size_t k = 0; k < 3; k++)
            fn_check_value(w, cf_map_get(r->node, policies[k]), NULL, policy, NULL);
    }
}

/* cfn-lint passes over a value Python reads as false ('', null, [], {}). */
static bool empty_value(const cf_node *n)
{
    return !n->len || (n->kind == CF_SCALAR && n->type == CF_TYPE_NULL);
}

/* A value must be a string: each finding inside an output's Value is
 * E6101; an export's Name cannot name a resource (its own type finding
 * is the outputs family's E6102). */
static void walk_outputs(fn_walk *w)
{
    fn_set set = fn_all() & ~FN_BIT(fn_index("Fn::GetStackOutput"));
    for (size_t i = 0; i < w->t->outs.n; i++) {
        const cf_named *o = &w->t->outs.v[i];
        if (o->value->kind != CF_MAPPING || fn_is_foreach_key(o->key))
            continue;
        cf_conds_at(w->ctx->conds, w->t, o->value, &w->scenario);
        const cf_node *value = cf_map_get(o->value, "Value");
        if (value && !empty_value(value)) {
            w->force = "E6101";
            fn_check_value(w, value, &fn_string_schema, set, NULL);
            w->force = NULL;
        }
        const cf_node *name = cf_map_get(cf_map_get(o->value, "Export"), "Name");
        if (!name)
            continue;
        w->no_resources = true;
        int fi = fn_function_in(name, set);
        if (fi >= 0)
            fn_check_function(w, name, fi, &fn_string_schema, set, NULL);
        else
            fn_check_value(w, name, NULL, set, NULL);
        w->no_resources = false;
    }
}

/* In conditions only the values Fn::Equals compares are functions of
 * this family; the condition functions are the conditions family's. */
static void walk_condition(fn_walk *w, const cf_node *n, fn_set compared, int depth)
{
    const char *name = cf_intrinsic_name(n);
    if (!name || depth > CF_MAX_DEPTH)
        return;
    const cf_node *arg = n->u.pairs[0].value;
    if (arg->kind != CF_SEQUENCE)
        return;
    bool equals = !strcmp(name, "Fn::Equals");
    if (!equals && strcmp(name, "Fn::And") && strcmp(name, "Fn::Or") && strcmp(name, "Fn::Not"))
        return;
    for (uint32_t i = 0; i < arg->len; i++) {
        int fi = equals ? fn_function_in(arg->u.items[i], compared) : -1;
        if (fi >= 0)
            fn_check_function(w, arg->u.items[i], fi, &fn_string_schema, compared, NULL);
        else if (!equals)
            walk_condition(w, arg->u.items[i], compared, depth + 1);
    }
}

static void walk_conditions(fn_walk *w)
{
    static const char *const compared_names[] = {"Ref", "Fn::FindInMap", "Fn::Sub", "Fn::Join",
                                                 "Fn::Select", "Fn::Split", "Fn::Length", "Fn::ToJsonString"};
    fn_set compared = fn_set_of(compared_names, sizeof compared_names / sizeof compared_names[0]);
    w->no_resources = true; /* conditions are settled before any resource exists */
    for (size_t i = 0; i < w->t->conds.n; i++)
        walk_condition(w, w->t->conds.v[i].value, compared, 0);
    w->no_resources = false;
}

static bool has_transform(const cf_node *root, const char *name)
{
    const cf_node *t = cf_map_get(root, "Transform");
    if (cf_is_str(t, name))
        return true;
    for (uint32_t i = 0; t && t->kind == CF_SEQUENCE && i < t->len; i++)
        if (cf_is_str(t->u.items[i], name))
            return true;
    return false;
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->tpl || !ctx->tpl->root)
        return;
    fn_walk w = {.ctx = ctx, .t = ctx->tpl};
    w.lang_ext = has_transform(ctx->tpl->root, "AWS::LanguageExtensions");
    names_init(&w.names, ctx->tpl);
    strmap_init(&w.atts);
    strmap_init(&w.key_indexes);
    walk_resources(&w);
    walk_outputs(&w);
    w.scenario.n = 0;
    walk_conditions(&w);
    fn_walk_template_strings(&w);
    fn_check_sub_needed(&w);
    fn_atts_free(&w.atts);
    fn_key_indexes_free(&w.key_indexes);
    names_free(&w.names);
    free(w.region_list);
}

CF_FAMILY(family_functions, "functions", check, rules);

