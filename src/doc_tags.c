#include "doc_tags.h"

#include <string.h>

static const struct {
    const char *tag, *long_name;
} short_forms[] = {
    {"!And", "Fn::And"},
    {"!Base64", "Fn::Base64"},
    {"!Cidr", "Fn::Cidr"},
    {"!Condition", "Condition"},
    {"!Equals", "Fn::Equals"},
    {"!FindInMap", "Fn::FindInMap"},
    {"!ForEach", "Fn::ForEach"},
    {"!GetAZs", "Fn::GetAZs"},
    {"!GetAtt", "Fn::GetAtt"},
    {"!If", "Fn::If"},
    {"!ImportValue", "Fn::ImportValue"},
    {"!Join", "Fn::Join"},
    {"!Length", "Fn::Length"},
    {"!Not", "Fn::Not"},
    {"!Or", "Fn::Or"},
    {"!Ref", "Ref"},
    {"!Select", "Fn::Select"},
    {"!Split", "Fn::Split"},
    {"!Sub", "Fn::Sub"},
    {"!ToJsonString", "Fn::ToJsonString"},
    {"!Transform", "Fn::Transform"},
};

const char *cf_tag_long_form(const char *tag)
{
    for (size_t i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
        if (strcmp(short_forms[i].tag, tag) == 0)
            return short_forms[i].long_name;
    return NULL;
}

const char *cf_tag_short_form(const char *long_name)
{
    for (size_t i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
        if (strcmp(short_forms[i].long_name, long_name) == 0)
            return short_forms[i].tag;
    return NULL;
}

bool cf_tag_is_standard(const char *tag)
{
    return strncmp(tag, "tag:yaml.org,2002:", 18) == 0 || strncmp(tag, "!!", 2) == 0 ||
           strcmp(tag, "!") == 0;
}
