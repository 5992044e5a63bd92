/* Fix generators for the template's top level (E1001): a section name
 * misspelt where the real section is absent (cfn-lint's own "Did you
 * mean" names it), and a format version other than the only one there
 * is.  Both are safe: CloudFormation refuses the template as written, and
 * the fix is the only reading of it. */
#include "edit.h"
#include "fixes_gen.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const sections[] = {"AWSTemplateFormatVersion", "Conditions", "Description", "Globals",
                                       "Hooks", "Mappings", "Metadata", "Outputs", "Parameters", "Resources",
                                       "Rules", "Transform"};

/* The name in "... Did you mean 'Name'?", else the section that `key`
 * spells in other letter case (cfn-lint does not name it), or NULL. */
static char *meant(const char *msg, const char *key)
{
    const char *p = strstr(msg, "Did you mean '");
    for (size_t i = 0; !p && i < sizeof sections / sizeof *sections; i++)
        if (!strcasecmp(key, sections[i]))
            return xstrdup(sections[i]);
    if (!p)
        return NULL;
    p += strlen("Did you mean '");
    const char *q = strchr(p, '\'');
    return q && q > p ? xstrndup(p, (size_t)(q - p)) : NULL;
}

static void rename_section(fix_ctx *c, cf_diag *d, const cf_node *key)
{
    char *name = meant(d->message, key->u.str);
    if (name && !cf_map_get(c->doc->root, name) && !(key->flags & CF_NF_MERGED_IN)) {
        char *title = xasprintf("Rename the top-level '%s' to the section '%s'", key->u.str, name);
        cf_fix *f = cf_fix_new(title, CF_FIX_SAFE);
        cf_edit_scalar(f, c->doc, key, name);
        fix_offer(d, f);
        free(title);
    }
    free(name);
}

void fix_top_level(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = d->node;
    if (!n || !n->parent || n->parent != c->doc->root || n->kind != CF_SCALAR)
        return;
    if ((n->flags & CF_NF_KEY) && strstr(d->message, "was unexpected")) {
        rename_section(c, d, n);
        return;
    }
    const cf_node *key = cf_node_key(fix_value_of(n)) ? cf_node_key(fix_value_of(n)) : n;
    const cf_node *v = fix_value_of(n);
    if (!cf_is_str(key, "AWSTemplateFormatVersion") || !v || v->kind != CF_SCALAR ||
        !strstr(d->message, "is not one of ['2010-09-09']") || (v->flags & (CF_NF_ALIAS | CF_NF_MERGED_IN)))
        return;
    cf_fix *f = cf_fix_new("Write the format version '2010-09-09', the only one CloudFormation accepts", CF_FIX_SAFE);
    cf_edit_scalar(f, c->doc, v, "2010-09-09");
    fix_offer(d, f);
}
