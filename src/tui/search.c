/* `/`: a PCRE2 search over the template's scalars — logical ids, types,
 * keys and values — from the tree's selection on, wrapping at the end.
 * A pattern without capitals ignores case.  Matches go through the core's
 * regex module, with its bounds on a match's cost (regex.c): a pattern
 * that backtracks without end on a value stops the search with "pattern
 * too costly" instead of hanging the screen, and Esc or Ctrl-C cancels a
 * long search. */
#include "tui/app.h"

#include "regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* How many values are tried between two looks at the keyboard. */
enum { SEARCH_POLL_EVERY = 256 };

typedef enum search_end { SEARCH_ON, SEARCH_FOUND, SEARCH_COSTLY, SEARCH_CANCELLED } search_end;

typedef struct search {
    tui_app *app;
    const char *pattern; /* as the core takes it: case folded by (?i) */
    uint32_t after;      /* only scalars starting after this offset */
    bool bounded;
    size_t tried;
    search_end end;
    const cf_node *at;   /* found, or where the match was stopped */
} search;

static void try(search *s, const cf_node *n)
{
    if (++s->tried % SEARCH_POLL_EVERY == 0 && s->app->be->interrupted &&
        s->app->be->interrupted(s->app->be->ctx)) {
        s->end = SEARCH_CANCELLED;
        return;
    }
    int rc = cf_regex_search(s->pattern, n->u.str, n->len);
    if (rc == 1 || rc == CF_REGEX_UNDECIDED) {
        s->end = rc == 1 ? SEARCH_FOUND : SEARCH_COSTLY;
        s->at = n;
    }
}

/* Depth first, in document order: the first match after the bound. */
static void walk(search *s, const cf_node *n, unsigned depth)
{
    if (s->end != SEARCH_ON || !n || (n->flags & CF_NF_ALIAS) || depth > CF_MAX_DEPTH)
        return;
    if (s->bounded && n->end <= s->after && !(n->flags & CF_NF_SHORT_FORM))
        return;
    if (n->kind == CF_SCALAR) {
        if (!s->bounded || n->start > s->after)
            try(s, n);
        return;
    }
    for (uint32_t i = 0; i < n->len && s->end == SEARCH_ON; i++) {
        if (n->kind == CF_MAPPING) {
            walk(s, n->u.pairs[i].key, depth + 1);
            walk(s, n->u.pairs[i].value, depth + 1);
        } else {
            walk(s, n->u.items[i], depth + 1);
        }
    }
}

/* Whether the pattern compiles; a message on the message line if not. */
static bool compiles(tui_app *app, const char *pattern)
{
    int code;
    PCRE2_SIZE where;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &code,
                                   &where, NULL);
    if (re) {
        pcre2_code_free(re);
        return true;
    }
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    app_message(app, true, "/%s: %s at offset %zu", pattern, (const char *)msg, (size_t)where);
    return false;
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
    if (!compiles(app, pattern))
        return;
    bool capitals = false;
    for (const char *p = pattern; *p; p++)
        capitals |= isupper((unsigned char)*p) && (p == pattern || p[-1] != '\\');
    char *core_pattern = xasprintf("%s%s", capitals ? "" : "(?i)", pattern);
    search s = {.app = app, .pattern = core_pattern};
    const tree_row *r = tree_current(app);
    if (r && r->node) { /* after the selected row: its key, or all of a leaf */
        s.bounded = true;
        s.after = r->expandable ? (r->key ? r->key->start : r->node->start) : (r->end ? r->end - 1 : 0);
    }
    walk(&s, app->s.doc->root, 0);
    bool wrapped = false;
    if (s.end == SEARCH_ON && s.bounded) {
        s.bounded = false;
        walk(&s, app->s.doc->root, 0);
        wrapped = s.end == SEARCH_FOUND;
    }
    free(core_pattern);
    switch (s.end) {
    case SEARCH_FOUND:
        tree_reveal(app, s.at);
        app_tree_moved(app);
        app_message(app, false, "/%s: line %u%s", pattern, cf_doc_pos(app->s.doc, s.at->start).line,
                    wrapped ? " (wrapped to the top)" : "");
        break;
    case SEARCH_COSTLY:
        app_message(app, true, "/%s: pattern too costly on the value at line %u; search stopped.",
                    pattern, cf_doc_pos(app->s.doc, s.at->start).line);
        break;
    case SEARCH_CANCELLED:
        app_message(app, false, "/%s: search cancelled after %zu values.", pattern, s.tried);
        break;
    case SEARCH_ON:
        app_message(app, true, "/%s: not found", pattern);
        break;
    }
}
