/* The Outputs section (what an output's Value may refer to is judged
 * with the functions, E6101).
 *
 *   E6001  alphanumeric names; only Value, Description, Condition and
 *          Export in an output, only Name in an Export.
 *   E6002  Value, and an Export's Name, are required.
 *   E6003  Condition and Description are strings, Export a mapping.
 *   E6005  Condition names a condition that exists.
 *   E6010  at most 200 outputs (I6010: more than 180).
 *   E6011  names to 255 characters, Description to 1024.
 *   E6102  an Export Name is a string (or a function that makes one).
 *   W6001  a Value imported from another stack's output.
 *
 * Values are read the way CloudFormation converts them: a Description of
 * 5 is the string "5". */
#include "../lint.h"
#include "../repr.h"
#include "section.h"

#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"E6001",
     "Check the properties of Outputs",
     "Validate the property structure for outputs",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs"},
    {"E6002",
     "Outputs have required properties",
     "Making sure the outputs have required properties",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs"},
    {"E6003",
     "Check the type of Outputs",
     "Validate the type of properties in the Outputs section",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs"},
    {"E6005",
     "Validate the Output condition is valid",
     "Check the condition of an output to make sure it exists inside the template",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs,conditions"},
    {"E6010",
     "Output limit not exceeded",
     "Check the number of Outputs in the template is less than the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "outputs,limits"},
    {"W6001",
     "Check Outputs using ImportValue",
     "Check if the Output value is set using ImportValue, so creating an Output of an Output",
     "https://github.com/aws-cloudformation/cfn-lint",
     "outputs,importvalue"},
    {"I6010",
     "Output limit",
     "Check the number of Outputs in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "outputs,limits"},
    {"I6011",
     "Output name limit",
     "Check the size of Output names in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "outputs,limits"},
    {"E6011",
     "Check property names in Outputs",
     "Validate property names are property configured in Outputs",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs,limits"},
    {"E6102",
     "Validate that output exports have values of strings",
     "Make sure output exports have a value of type string",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
     "outputs"},
};

#define MAX_OUTPUTS 200
#define MAX_NAME 255
#define MAX_DESCRIPTION 1024

/* An output's keys, in the schema's order. */
static const char *const output_keys[] = {"Condition", "Description", "Export", "Value"};
static const char *const export_keys[] = {"Name"};

static size_t code_points(const cf_node *s)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->len; i++)
        n += ((unsigned char)s->u.str[i] & 0xC0) != 0x80;
    return n;
}

static void check_max_length(cf_lint_ctx *ctx, const cf_node *s, size_t max)
{
    if (s->kind == CF_SCALAR && s->type == CF_TYPE_STR && code_points(s) > max)
        cf_sect_report(ctx, "E6011", s, "expected maximum length: %zu, found: %zu", max, code_points(s));
}

static bool missing(const cf_node *v)
{
    return !v || (v->kind == CF_SCALAR && v->type == CF_TYPE_NULL);
}

static void check_keys(cf_lint_ctx *ctx, const cf_node *map, const char *const *known, size_t nknown)
{
    for (uint32_t i = 0; i < map->len; i++) {
        const cf_node *k = map->u.pairs[i].key;
        bool found = false;
        for (size_t j = 0; k->kind == CF_SCALAR && k->type == CF_TYPE_STR && j < nknown; j++)
            found |= !strcmp(k->u.str, known[j]);
        if (!found)
            cf_sect_unexpected(ctx, "E6001", k, known, nknown);
    }
}

static void check_condition(cf_lint_ctx *ctx, const cf_node *c)
{
    if (!cf_sect_is(c, "string", false)) {
        cf_sect_not_of_type(ctx, "E6003", c, "'string'");
        return;
    }
    if (c->type == CF_TYPE_STR) /* cfn-lint judges only a string's name */
        cf_sect_known_condition(ctx, "E6005", c);
}

static void check_export(cf_lint_ctx *ctx, const cf_node *ex)
{
    if (!cf_sect_is(ex, "object", false)) {
        cf_sect_not_of_type(ctx, "E6003", ex, "'object'");
        return;
    }
    check_keys(ctx, ex, export_keys, 1);
    const cf_node *name = cf_map_get(ex, "Name");
    if (missing(name))
        cf_sect_report(ctx, "E6002", ex, "'Name' is a required property");
    if (name && !cf_intrinsic_name(name) && !cf_sect_is(name, "string", false))
        cf_sect_not_of_type(ctx, "E6102", name, "'string'");
}

/* W6001: an output whose value is imported from another stack's output
 * (anywhere in it: in an Fn::Sub's variables, an Fn::If's branch). */
static void check_imports(cf_lint_ctx *ctx, const cf_node *n, int depth)
{
    if (depth > CF_MAX_DEPTH)
        return;
    const char *fn = cf_intrinsic_name(n);
    if (fn && !strcmp(fn, "Fn::ImportValue")) {
        cf_buf b = {0};
        cf_repr(&b, n);
        cf_sect_report(ctx, "W6001", n->u.pairs[0].key, "The output value %s is an import from another output", b.data);
        buf_free(&b);
    }
    if (n->kind == CF_MAPPING)
        for (uint32_t i = 0; i < n->len; i++)
            check_imports(ctx, n->u.pairs[i].value, depth + 1);
    else if (n->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < n->len; i++)
            check_imports(ctx, n->u.items[i], depth + 1);
}

static void check_output(cf_lint_ctx *ctx, const cf_node *out)
{
    if (!cf_sect_is(out, "object", false)) {
        cf_sect_not_of_type(ctx, "E6003", out, "'object'");
        return;
    }
    check_keys(ctx, out, output_keys, sizeof output_keys / sizeof output_keys[0]);
    if (missing(cf_map_get(out, "Value")))
        cf_sect_report(ctx, "E6002", out, "'Value' is a required property");
    const cf_node *v;
    if ((v = cf_map_get(out, "Value")))
        check_imports(ctx, v, 0);
    if ((v = cf_map_get(out, "Condition")))
        check_condition(ctx, v);
    if ((v = cf_map_get(out, "Description"))) {
        if (!cf_sect_is(v, "string", false))
            cf_sect_not_of_type(ctx, "E6003", v, "'string'");
        else
            check_max_length(ctx, v, MAX_DESCRIPTION);
    }
    if ((v = cf_map_get(out, "Export")))
        check_export(ctx, v);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_node *section = ctx->tpl->outputs;
    if (!section)
        return;
    if (section->kind != CF_MAPPING) {
        cf_sect_not_of_type(ctx, "E6003", section, "'object'");
        return;
    }
    cf_sect_limit(ctx, "E6010", "I6010", section, MAX_OUTPUTS);
    for (uint32_t i = 0; i < section->len; i++) {
        const cf_node *k = section->u.pairs[i].key;
        if (!strncmp(k->kind == CF_SCALAR ? k->u.str : "", "Fn::ForEach::", 13))
            continue; /* a loop the language extensions transform expands */
        cf_sect_name_length(ctx, "E6011", "I6011", k, MAX_NAME);
        if (!cf_sect_name_ok(k, "")) {
            cf_sect_bad_name(ctx, "E6001", k, "^[a-zA-Z0-9]+$");
            continue;
        }
        check_output(ctx, section->u.pairs[i].value);
    }
}

CF_FAMILY(family_outputs, "outputs", check, rules);
