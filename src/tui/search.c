/* `/`: a PCRE2 search over the template's scalars — logical ids, types,
 * keys and values — from the tree's selection on, wrapping at the end.
 * A pattern without capitals ignores case. */
#include "tui/app.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct search {
    pcre2_code *re;
    pcre2_match_data *md;
    uint32_t after;  /* only scalars starting after this offset */
    bool bounded;
    const cf_node *found;
} search;

static bool matches(search *s, const cf_node *n)
{
    return pcre2_match(s->re, (PCRE2_SPTR)n->u.str, n->len, 0, 0, s->md, NULL) >= 0;
}

/* Depth first, in document order: the first match after the bound. */
static void walk(search *s, const cf_node *n, unsigned depth)
{
    if (s->found || !n || (n->flags & CF_NF_ALIAS) || depth > CF_MAX_DEPTH)
        return;
    if (s->bounded && n->end <= s->after && !(n->flags & CF_NF_SHORT_FORM))
        return;
    if (n->kind == CF_SCALAR) {
        if ((!s->bounded || n->start > s->after) && matches(s, n))
            s->found = n;
        return;
    }
    for (uint32_t i = 0; i < n->len && !s->found; i++) {
        if (n->kind == CF_MAPPING) {
            walk(s, n->u.pairs[i].key, depth + 1);
            walk(s, n->u.pairs[i].value, depth + 1);
        } else {
            walk(s, n->u.items[i], depth + 1);
        }
    }
}

void search_run(tui_app *app, const char *pattern)
{
    if (!*pattern) {
        if (!app->last_search) {
            app_message(app, true, "No earlier search to repeat.");
            return;
        }
    } else {
        free(app->last_search);
        app->last_search = xstrdup(pattern);
    }
    pattern = app->last_search;
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    bool capitals = false;
    for (const char *p = pattern; *p; p++)
        capitals |= isupper((unsigned char)*p) && (p == pattern || p[-1] != '\\');
    if (!capitals)
        opts |= PCRE2_CASELESS;
    int code;
    PCRE2_SIZE where;
    search s = {0};
    s.re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &where, NULL);
    if (!s.re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        app_message(app, true, "/%s: %s at offset %zu", pattern, (const char *)msg, (size_t)where);
        return;
    }
    s.md = pcre2_match_data_create_from_pattern(s.re, NULL);
    const tree_row *r = tree_current(app);
    if (r && r->node) { /* after the selected row: its key, or all of a leaf */
        s.bounded = true;
        s.after = r->expandable ? (r->key ? r->key->start : r->node->start) : (r->end ? r->end - 1 : 0);
    }
    walk(&s, app->s.doc->root, 0);
    bool wrapped = false;
    if (!s.found && s.bounded) {
        s.bounded = false;
        walk(&s, app->s.doc->root, 0);
        wrapped = s.found != NULL;
    }
    if (s.found) {
        tree_reveal(app, s.found);
        app_tree_moved(app);
        app_message(app, false, "/%s: line %u%s", pattern, cf_doc_pos(app->s.doc, s.found->start).line,
                    wrapped ? " (wrapped to the top)" : "");
    } else {
        app_message(app, true, "/%s: not found", pattern);
    }
    pcre2_match_data_free(s.md);
    pcre2_code_free(s.re);
}
