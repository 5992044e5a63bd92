/* The template's top level (E1001): a mapping of known sections with a
 * Resources mapping (E3001 when it is something else), and the one
 * AWSTemplateFormatVersion there is. */
#include "../lint.h"
#include "../repr.h"
#include "../similar.h"
#include "section.h"

#include <string.h>

static const cf_rule rules[] = {
    {"E1002",
     "Validate if a template size is too large",
     "Check the size of the template is less than the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "limits"},
    {"I1002",
     "Validate approaching the template size limit",
     "Check the size of the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "limits"},
    {"I1003",
     "Validate if we are approaching the max size of a description",
     "Check if the size of the template description is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "description,limits"},
    {"E1003",
     "Validate the max size of a description",
     "Check if the size of the template description is less than the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "description,limits"},
    {"E1004",
     "Template description can only be a string",
     "Template description can only be a string",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-description-structure.html",
     "description"},
    {"E3010",
     "Resource limit not exceeded",
     "Check the number of Resources in the template is less than the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "resources,limits"},
    {"I3010",
     "Resource limit",
     "Check the number of Resources in the template is approaching the upper limit",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
     "resources,limits"},
    {"E1001",
     "Basic CloudFormation Template Configuration",
     "Making sure the basic CloudFormation template components are properly configured",
     "https://github.com/aws-cloudformation/cfn-lint",
     "base"},
    {"E3001",
     "Basic CloudFormation Resource Check",
     "Making sure the basic CloudFormation resources are properly configured",
     "https://github.com/aws-cloudformation/cfn-lint",
     "resources"},
};

static const char *const sections[] = {
    "AWSTemplateFormatVersion", "Conditions", "Description", "Mappings", "Metadata",
    "Outputs", "Parameters", "Resources", "Rules", "Transform",
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

/* SAM's Globals section is allowed when the template uses the transform. */
static bool has_sam_transform(const cf_node *root)
{
    const cf_node *t = cf_map_get(root, "Transform");
    if (!t)
        return false;
    if (t->kind == CF_SCALAR)
        return strcmp(t->u.str, "AWS::Serverless-2016-10-31") == 0;
    if (t->kind == CF_SEQUENCE)
        for (uint32_t i = 0; i < t->len; i++)
            if (cf_is_str(t->u.items[i], "AWS::Serverless-2016-10-31"))
                return true;
    return false;
}

static bool known_section(const char *key, bool sam)
{
    for (size_t i = 0; i < NSECTIONS; i++)
        if (strcmp(sections[i], key) == 0)
            return true;
    return sam && strcmp(key, "Globals") == 0;
}

static void not_of_type(cf_lint_ctx *ctx, const char *rule, const cf_node *value, const char *type)
{
    cf_buf b = {0};
    cf_repr(&b, value);
    cf_diag_at(ctx->out, ctx->doc, rule, cf_loc_key(value), "%s is not of type '%s'", b.data, type);
    buf_free(&b);
}

static void check(cf_lint_ctx *ctx)
{
    const cf_doc *doc = ctx->doc;

    const cf_node *root = doc->root;
    if (!root || (root->kind == CF_SCALAR && root->type == CF_TYPE_NULL)) {
        cf_diag *d = cf_diag_span(ctx->out, doc, "E1001", doc->bom, doc->bom, "'Resources' is a required property");
        d->has_path = true; /* cfn-lint: the root's path, [] */
        return;
    }
    if (root->kind != CF_MAPPING) {
        cf_diag_span(ctx->out, doc, "E0000", root->start, root->start + 1, "Template needs to be an object.");
        return;
    }
    bool sam = has_sam_transform(root);
    for (uint32_t i = 0; i < root->len; i++) {
        const cf_node *k = root->u.pairs[i].key;
        if (k->kind != CF_SCALAR || !known_section(k->u.str, sam)) {
            cf_buf b = {0};
            cf_repr(&b, k);
            const char *hint = NULL; /* the first section, in schema order, close enough */
            for (size_t s = 0; k->kind == CF_SCALAR && k->type == CF_TYPE_STR && !hint && s < NSECTIONS; s++)
                if (cf_similar(k->u.str, sections[s]))
                    hint = sections[s];
            if (hint)
                cf_diag_at(ctx->out, doc, "E1001", k,
                           "Additional properties are not allowed (%s was unexpected. Did you mean '%s'?)", b.data, hint);
            else
                cf_diag_at(ctx->out, doc, "E1001", k, "Additional properties are not allowed (%s was unexpected)",
                           b.data);
            buf_free(&b);
        }
    }

    const cf_node *resources = cf_map_get(root, "Resources");
    if (!resources || (resources->kind == CF_SCALAR && resources->type == CF_TYPE_NULL))
        cf_diag_at(ctx->out, doc, "E1001", root, "'Resources' is a required property");
    if (resources && resources->kind != CF_MAPPING)
        not_of_type(ctx, "E3001", resources, "object");

    const cf_node *version = cf_map_get(root, "AWSTemplateFormatVersion");
    if (version) {
        bool ok_type = version->kind == CF_SCALAR &&
                       (version->type == CF_TYPE_STR || version->type == CF_TYPE_TIMESTAMP);
        if (!ok_type) {
            cf_buf b = {0};
            cf_repr(&b, version);
            cf_diag_at(ctx->out, doc, "E1001", cf_loc_key(version), "%s is not of type 'string', 'date'", b.data);
            buf_free(&b);
        } else if (strcmp(version->u.str, "2010-09-09") != 0) {
            cf_buf b = {0};
            cf_repr(&b, version);
            cf_diag_at(ctx->out, doc, "E1001", cf_loc_key(version), "%s is not one of ['2010-09-09']", b.data);
            buf_free(&b);
        }
    }
    /* CloudFormation's limits */
    if (doc->len > 1000000) {
        cf_diag *d = cf_diag_span(ctx->out, doc, "E1002", doc->bom, doc->bom + 1,
                                  "The template file size (%zu bytes) exceeds the limit (1000000 bytes)", doc->len);
        d->has_path = true;
    } else if (doc->len > 900000 && strcmp(doc->name, "-") != 0) {
        /* as cfn-lint: only for a file (its size on disk), not stdin */
        cf_diag *d = cf_diag_span(ctx->out, doc, "I1002", doc->bom, doc->bom + 1,
                                  "The template file size (%zu bytes) is approaching the limit (1000000 bytes)",
                                  doc->len);
        d->has_path = true;
    }
    const cf_node *desc = cf_map_get(root, "Description");
    if (desc && (desc->kind != CF_SCALAR || desc->type != CF_TYPE_STR)) {
        cf_buf b = {0};
        cf_repr(&b, desc);
        cf_diag_at(ctx->out, doc, "E1004", cf_loc_key(desc), "%s is not of type 'string'", b.data);
        buf_free(&b);
    } else if (desc && desc->len * 10 > 1024 * 9) {
        size_t chars = 0;
        for (uint32_t i = 0; i < desc->len; i++)
            chars += ((unsigned char)desc->u.str[i] & 0xC0) != 0x80;
        if (chars > 1024) {
            cf_diag_at(ctx->out, doc, "E1003", cf_loc_key(desc), "expected maximum length: 1024, found: %zu", chars);
        } else if (chars * 10 > 1024 * 9) {
            cf_buf b = {0};
            cf_repr(&b, desc);
            cf_diag_at(ctx->out, doc, "I1003", cf_loc_key(desc), "%s is approaching the max length of 1024", b.data);
            buf_free(&b);
        }
    }
    if (resources)
        cf_sect_limit(ctx, "E3010", "I3010", resources, 500);

    static const char *const objects[] = {"Conditions", "Rules"};
    for (size_t i = 0; i < 2; i++) {
        const cf_node *v = cf_map_get(root, objects[i]);
        if (v && v->kind != CF_MAPPING)
            not_of_type(ctx, "E1001", v, "object");
    }
}

CF_FAMILY(family_template, "template", check, rules);
