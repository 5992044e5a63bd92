/* Fix generators for values written in a shape CloudFormation refuses or
 * reads otherwise: Fn::Join's items not in a list (E1022), a "${X}" in a
 * string without Fn::Sub (E1029), an availability zone written by name
 * (W3010).  Edits are the smallest text that makes the new shape, in the
 * file's style (short-form tags where the file uses them); each fix says
 * what the result reads as, so the verifier checks it. */
#include "edit.h"
#include "fixes_gen.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nodes whose text stands elsewhere (an alias, an entry merged in by <<)
 * cannot be edited where they are. */
static bool text_is_here(const cf_node *n)
{
    return n && !(n->flags & (CF_NF_ALIAS | CF_NF_MERGED_IN));
}

/* Whether the YAML file writes some function in short form (!Ref X): a
 * new function is then written the same way. */
static bool uses_short_form(const cf_node *n, int depth)
{
    if (!n || depth > 64 || n->kind == CF_SCALAR)
        return false;
    if (n->flags & CF_NF_SHORT_FORM)
        return true;
    for (uint32_t i = 0; i < n->len; i++)
        if (uses_short_form(n->kind == CF_MAPPING ? n->u.pairs[i].value : n->u.items[i], depth + 1))
            return true;
    return false;
}

/* --- E1022: Fn::Join [delimiter, a, b, ...] ------------------------------ */

/* An item that cannot be one of the strings joined: a list, a function
 * that gives one, or a mapping that is no function (a plain line with
 * ": " in it reads as one; the template is broken in another way). */
static bool not_a_string(const cf_node *n)
{
    if (n->kind == CF_SEQUENCE || fix_is_fn(n, "Fn::Split") || fix_is_fn(n, "Fn::GetAZs") || fix_is_fn(n, "Fn::Cidr"))
        return true;
    if (n->kind != CF_MAPPING)
        return false;
    const cf_node *k = n->len == 1 ? n->u.pairs[0].key : NULL;
    return !k || k->kind != CF_SCALAR || (strncmp(k->u.str, "Fn::", 4) != 0 && !cf_is_str(k, "Ref"));
}

/* The arguments of the Fn::Join a finding is on (the list, or its second
 * item), when they read as a delimiter followed by the items themselves. */
static const cf_node *flat_join_args(const cf_diag *d)
{
    const cf_node *n = fix_value_of(d->node);
    if (!n)
        return NULL;
    if (n->kind != CF_SEQUENCE && n->parent && n->parent->kind == CF_SEQUENCE && n->index == 1)
        n = n->parent;
    const cf_node *fn = n->parent;
    if (n->kind != CF_SEQUENCE || !fix_is_fn(fn, "Fn::Join") || fn->u.pairs[0].value != n || n->len < 2 ||
        !text_is_here(n) || (n->flags & CF_NF_DOTTED))
        return NULL;
    const cf_node *delim = n->u.items[0];
    if (delim->kind != CF_SCALAR || delim->type != CF_TYPE_STR)
        return NULL;
    for (uint32_t i = 1; i < n->len; i++)
        if (not_a_string(n->u.items[i]) || !text_is_here(n->u.items[i]))
            return NULL;
    return n;
}

/* Block style: "- a" becomes "- - a", and every line after it down to
 * the last item moves two columns right (a block scalar's relative
 * indentation, and so its text, stays the same). */
static bool nest_block_items(cf_fix *f, const cf_doc *doc, const cf_node *args)
{
    const cf_node *first = args->u.items[1], *last = args->u.items[args->len - 1];
    uint32_t line = cf_doc_pos(doc, first->start).line;
    uint32_t p = cf_doc_line_start(doc, line), dash = 0;
    while (p < first->start && doc->src[p] == ' ')
        p++;
    if (p >= first->start || doc->src[p] != '-')
        return false;
    dash = p++;
    while (p < first->start && doc->src[p] == ' ')
        p++;
    if (p != first->start || dash + 1 == first->start)
        return false; /* the item does not start on its dash's line */
    cf_fix_edit(f, first->start, first->start, "- ");
    uint32_t end = last->end > first->start ? last->end - 1 : last->end;
    uint32_t last_line = cf_doc_pos(doc, end).line;
    for (uint32_t l = line + 1; l <= last_line && l <= doc->nlines; l++) {
        uint32_t s = cf_doc_line_start(doc, l);
        if (s < doc->len && doc->src[s] != '\n' && doc->src[s] != '\r')
            cf_fix_edit(f, s, s, "  ");
    }
    return true;
}

void fix_join_args(fix_ctx *c, cf_diag *d)
{
    if (!strstr(d->message, "expected maximum item count: 2") && !strstr(d->message, "is not of type 'array'"))
        return;
    const cf_node *args = flat_join_args(d);
    if (!args)
        return;
    cf_fix *f = cf_fix_new("Put the items after Fn::Join's delimiter in a list (Fn::Join takes [delimiter, "
                           "[items]]; this is the only reading of what is written)",
                           CF_FIX_SAFE);
    bool ok;
    if (args->style == CF_STYLE_FLOW) {
        cf_fix_edit(f, args->u.items[1]->start, args->u.items[1]->start, "[");
        cf_fix_edit(f, args->u.items[args->len - 1]->end, args->u.items[args->len - 1]->end, "]");
        ok = true;
    } else {
        ok = nest_block_items(f, c->doc, args);
    }
    if (ok) {
        cf_tree *items = cf_tree_list();
        for (uint32_t i = 1; i < args->len; i++)
            cf_tree_put(items, NULL, cf_tree_node(args->u.items[i]));
        cf_tree *t = cf_tree_put(cf_tree_list(), NULL, cf_tree_node(args->u.items[0]));
        cf_fix_expect_tree(f, CF_EXPECT_REPLACE, args, NULL, cf_tree_put(t, NULL, items));
    } else {
        cf_fix_free(f); /* the edits made so far go too: fix_offer drops it */
    }
    fix_offer(d, f);
}

/* --- where a function may be written ------------------------------------ */

/* Whether a string at n may become a function (Fn::Sub, Fn::Select): no
 * function above it takes a name or a literal there.  It may be a
 * property value, a list item, an Fn::If branch, an item of Fn::Join's or
 * Fn::Select's list, or Fn::Base64's argument. */
static bool function_may_go_at(const cf_node *n)
{
    const cf_node *below = n;
    for (const cf_node *p = n; p && p->parent; below = p, p = p->parent) {
        const cf_node *up = p->parent;
        if (up->kind != CF_MAPPING || up->len != 1 || p->flags & CF_NF_KEY)
            continue;
        const cf_node *key = up->u.pairs[0].key;
        if (key->kind != CF_SCALAR || (strncmp(key->u.str, "Fn::", 4) != 0 && !cf_is_str(key, "Ref")))
            continue;
        uint32_t arg = p == below ? 0 : below->index; /* the argument of a list the way came through */
        bool list_arg = p->kind == CF_SEQUENCE && p != below;
        if (cf_is_str(key, "Fn::Base64"))
            continue;
        if (list_arg && cf_is_str(key, "Fn::If") && (arg == 1 || arg == 2))
            continue;
        if (list_arg && (cf_is_str(key, "Fn::Join") || cf_is_str(key, "Fn::Select")) && arg == 1)
            continue;
        return false;
    }
    return true;
}

/* Under Resources or Outputs: where functions are evaluated. */
static bool in_resources_or_outputs(const fix_ctx *c, const cf_node *n)
{
    for (; n && n->parent; n = n->parent)
        if (n->parent == c->doc->root) {
            const cf_node *key = cf_node_key(n);
            return key && (cf_is_str(key, "Resources") || cf_is_str(key, "Outputs"));
        }
    return false;
}

/* A scalar whose own text starts at its start (no tag, anchor or alias):
 * a short-form tag can be written before it. */
static bool bare_scalar(const fix_ctx *c, const cf_node *n)
{
    return n->kind == CF_SCALAR && text_is_here(n) && !(n->flags & CF_NF_KEY) && n->start < c->doc->len &&
           c->doc->src[n->start] != '!' && c->doc->src[n->start] != '&' && c->doc->src[n->start] != '*';
}

/* --- E1029: "${X}" outside Fn::Sub --------------------------------------- */

/* Offer f making n the function tree t: in a YAML file that writes short
 * forms (or when short must be, a block scalar), the short form's text
 * replaces [n->start, end) when n stands alone; else the long form,
 * rendered in the file's style.  Nothing is offered when neither fits. */
static void offer_function(fix_ctx *c, cf_diag *d, cf_fix *f, const cf_node *n, cf_tree *t, bool short_must,
                           uint32_t end, const char *short_text)
{
    if (!c->doc->is_json && (short_must || uses_short_form(c->doc->root, 0))) {
        if (bare_scalar(c, n)) {
            cf_fix_edit(f, n->start, end, short_text);
            cf_fix_expect_tree(f, CF_EXPECT_REPLACE, n, NULL, t);
        } else {
            cf_tree_free(t);
        }
    } else {
        cf_edit_replace_tree(f, c->doc, n, t);
    }
    fix_offer(d, f);
}

/* The string goes in an Fn::Sub: `!Sub ` before it where the file uses
 * short forms (and for a block scalar, which a long form would have to
 * re-indent), else {Fn::Sub: the string} in the file's style.  Unsafe:
 * the deployed value changes from the literal text to the substituted
 * one.  A string with some other "${...}" that Fn::Sub cannot resolve
 * gets no fix (the verifier sees the new finding). */
void fix_missing_sub(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = fix_value_of(d->node);
    if (!n || n->kind != CF_SCALAR || n->type != CF_TYPE_STR || !strstr(n->u.str, "${") || !text_is_here(n) ||
        !in_resources_or_outputs(c, n) || !function_may_go_at(n))
        return;
    cf_fix *f = cf_fix_new("Wrap the string in Fn::Sub so its ${...} are substituted (the deployed value changes "
                           "from the literal text)",
                           CF_FIX_UNSAFE);
    bool block = n->style == CF_STYLE_LITERAL || n->style == CF_STYLE_FOLDED;
    cf_tree *t = cf_tree_put(cf_tree_map(), "Fn::Sub", cf_tree_node(n));
    offer_function(c, d, f, n, t, block, n->start, "!Sub ");
}

/* --- W3010: an availability zone by name -------------------------------- */

/* The zone letter's place (a = 0) of a name like us-east-1c, or -1. */
static int zone_index(const char *s)
{
    size_t n = strlen(s), dashes = 0;
    if (n < 6 || !islower((unsigned char)s[n - 1]) || !isdigit((unsigned char)s[n - 2]) || s[n - 1] > 'f')
        return -1;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '-')
            dashes++;
        else if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]))
            return -1;
    }
    return dashes >= 2 ? s[n - 1] - 'a' : -1;
}

/* The zone becomes the region's zone in the same place of the list
 * Fn::GetAZs gives.  Unsafe: zone letters map to different zones in each
 * account, and the list holds only the zones the account can use (in the
 * stack's region, which may not be the one named). */
void fix_hardcoded_az(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = fix_value_of(d->node);
    int index = n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR ? zone_index(n->u.str) : -1;
    if (index < 0 || !text_is_here(n) || !in_resources_or_outputs(c, n) || !function_may_go_at(n))
        return;
    char num[8];
    snprintf(num, sizeof num, "%d", index);
    char *title = xasprintf("Use the stack region's zone number %d (Fn::Select [%d, Fn::GetAZs '']) for '%s' "
                            "(zone letters name different zones in each account)",
                            index + 1, index, n->u.str);
    cf_fix *f = cf_fix_new(title, CF_FIX_UNSAFE);
    free(title);
    cf_tree *args = cf_tree_put(cf_tree_list(), NULL, cf_tree_typed(CF_TYPE_INT, num));
    cf_tree_put(args, NULL, cf_tree_put(cf_tree_map(), "Fn::GetAZs", cf_tree_str("")));
    cf_tree *t = cf_tree_put(cf_tree_map(), "Fn::Select", args);
    char *text = xasprintf("!Select [%d, !GetAZs %s]", index, n->style == CF_STYLE_DOUBLE ? "\"\"" : "''");
    offer_function(c, d, f, n, t, false, n->end, text);
    free(text);
}
