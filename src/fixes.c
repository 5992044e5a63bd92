/* Fix generators: for each finding a generator knows, the alternatives
 * that would resolve it, best first, as formatting-preserving edits.  A
 * table maps rule ids to generators; the generators only read the
 * document, the spec and the finding. */
#include "fixes.h"
#include "fixes_gen.h"
#include "aws_facts.h"
#include "edit.h"
#include "fix_apply.h"
#include "refs.h"
#include "repr.h"
#include "runtime_fix.h"
#include "template.h"
#include "version.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const cf_node *fix_value_of(const cf_node *n)
{
    if (n && (n->flags & CF_NF_KEY) && n->parent && n->parent->kind == CF_MAPPING)
        return n->parent->u.pairs[n->index].value;
    return n;
}

char *fix_first_quoted(const char *msg)
{
    const char *a = strchr(msg, '\'');
    const char *b = a ? strchr(a + 1, '\'') : NULL;
    return b ? xstrndup(a + 1, (size_t)(b - a - 1)) : NULL;
}

bool fix_is_fn(const cf_node *n, const char *name)
{
    return n && n->kind == CF_MAPPING && n->len == 1 && cf_is_str(n->u.pairs[0].key, name);
}

void fix_offer(cf_diag *d, cf_fix *f)
{
    if (f->nedits) {
        cf_diag_add_fix(d, f);
    } else {
        cf_fix_free(f);
        free(f);
    }
}


/* --- closeness of names -------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b, bool fold)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return 99;
    size_t row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            bool same = fold ? tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) : a[i - 1] == b[j - 1];
            size_t best = diag + !same;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

closest fix_find_closest(const char *wrong, const char *const *names, size_t n)
{
    closest best = {NULL, false, false};
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i], wrong))
            continue;
        if (!strcasecmp(names[i], wrong))
            return (closest){names[i], true, true};
        size_t d = edit_distance(wrong, names[i], true);
        if (d < best_d) {
            best_d = d;
            best = (closest){names[i], false, true};
        } else if (d == best_d && best.name && strcmp(best.name, names[i]) != 0) {
            best.unique = false;
        }
    }
    return best;
}


static void rename_to(fix_ctx *c, cf_diag *d, const cf_node *scalar, closest near, const char *what)
{
    if (!near.name || scalar->kind != CF_SCALAR)
        return;
    char *title = xasprintf("%s '%s' to '%s'", what, scalar->u.str, near.name);
    cf_fix *f = cf_fix_new(title, near.case_only ? CF_FIX_SAFE : CF_FIX_UNSAFE);
    cf_edit_scalar(f, c->doc, scalar, near.name);
    cf_diag_add_fix(d, f);
    free(title);
}

/* Scalar strings of a list node or keys of a mapping, as an array. */
static const char **names_of(const cf_node *n, size_t *count)
{
    *count = 0;
    if (!n || (n->kind != CF_SEQUENCE && n->kind != CF_MAPPING))
        return NULL;
    const char **v = xcalloc(n->len + 1, sizeof *v);
    for (uint32_t i = 0; i < n->len; i++) {
        const cf_node *e = n->kind == CF_SEQUENCE ? n->u.items[i] : n->u.pairs[i].key;
        if (e->kind == CF_SCALAR)
            v[(*count)++] = e->u.str;
    }
    return v;
}

/* --- RDS engine versions ------------------------------------------------- */

static const char *engine_of(const cf_node *version_node, char *buf, size_t size)
{
    const cf_node *engine = cf_map_get(version_node->parent, "Engine");
    if (!engine || engine->kind != CF_SCALAR)
        return NULL;
    size_t i = 0;
    for (; engine->u.str[i] && i + 1 < size; i++)
        buf[i] = (char)tolower((unsigned char)engine->u.str[i]);
    buf[i] = '\0';
    return buf;
}

/* A version RDS can create in every region the template is checked for. */
static bool creatable_everywhere(fix_ctx *c, const char *type, const char *engine, const char *version)
{
    for (size_t r = 0; r < c->opts->nregions; r++) {
        bool overlay;
        const cf_node *versions = cf_spec_rds_versions(c->spec, type, engine, c->opts->regions[r], &overlay);
        if (!cf_is_str(cf_map_get(versions, version), "available"))
            return false;
    }
    return true;
}

static int cmp_version_ptr(const void *a, const void *b)
{
    return cf_version_cmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_version_fix(cf_diag *d, fix_ctx *c, const cf_node *node, const char *version, cf_applicability a,
                            const char *why)
{
    for (size_t i = 0; i < d->nfixes; i++)
        if (d->fixes[i].nexpects && d->fixes[i].expects[0].value && !strcmp(d->fixes[i].expects[0].value, version))
            return; /* the same version under another reason */
    char *title = xasprintf("Change EngineVersion to %s, %s", version, why);
    cf_fix *f = cf_fix_new(title, a);
    cf_edit_scalar(f, c->doc, node, version);
    char engine[64];
    if (engine_of(node, engine, sizeof engine)) /* the class must come with the version */
        cf_facts_check_class_for_version(f, c->doc, c->spec, c->opts->regions, c->opts->nregions, node, engine,
                                         version);
    cf_diag_add_fix(d, f);
    free(title);
}

static void fix_rds_version(fix_ctx *c, cf_diag *d)
{
    const cf_node *node = fix_value_of(d->node);
    if (!node || node->kind != CF_SCALAR || !node->parent || !c->spec)
        return;
    const cf_node *res = node->parent->parent; /* Properties' resource */
    const char *type = !strcmp(d->rule->id, "E3690") || !strcmp(d->rule->id, "W3690") ||
                               cf_is_str(cf_map_get(res, "Type"), "AWS::RDS::DBCluster")
                           ? "AWS::RDS::DBCluster"
                           : "AWS::RDS::DBInstance";
    char engine[64];
    if (!engine_of(node, engine, sizeof engine) || !c->opts->nregions)
        return;
    bool overlay;
    const cf_node *versions = cf_spec_rds_versions(c->spec, type, engine, c->opts->regions[0], &overlay);
    if (!versions)
        return;
    /* the version as CloudFormation receives it (a plain 14.10 is 14.1) */
    cf_buf cur = {0};
    if (node->type == CF_TYPE_STR)
        buf_adds(&cur, node->u.str);
    else
        cf_repr(&cur, node);
    char major[32], m[32];
    cf_version_major(engine, cur.data, major, sizeof major);
    const char **same = xcalloc(versions->len + 1, sizeof *same);
    const char **newer_majors = xcalloc(versions->len + 1, sizeof *newer_majors);
    size_t ns = 0, nn = 0;
    for (uint32_t i = 0; i < versions->len; i++) {
        const char *v = versions->u.pairs[i].key->u.str;
        if (!creatable_everywhere(c, type, engine, v))
            continue;
        cf_version_major(engine, v, m, sizeof m);
        if (!strcmp(m, major))
            same[ns++] = v;
        else if (cf_version_cmp(m, major) > 0)
            newer_majors[nn++] = v;
    }
    qsort(same, ns, sizeof *same, cmp_version_ptr);
    qsort(newer_majors, nn, sizeof *newer_majors, cmp_version_ptr);
    /* a number read as another version (14.20 is 14.2): the text as
     * written, where RDS accepts it, is what the author meant; quoting it
     * is the same edit W9002 offers, so the two count once */
    if (node->type != CF_TYPE_STR && strcmp(node->u.str, cur.data) != 0 &&
        creatable_everywhere(c, type, engine, node->u.str)) {
        char *why = xasprintf("the version as written (unquoted it reads as %s)", cur.data);
        add_version_fix(d, c, node, node->u.str, CF_FIX_SAFE, why);
        free(why);
    }
    /* the nearest version of the same major that is not older */
    for (size_t i = 0; i < ns; i++)
        if (strcmp(same[i], major) && strcmp(same[i], cur.data) && cf_version_cmp(same[i], cur.data) >= 0) {
            add_version_fix(d, c, node, same[i], CF_FIX_SAFE, "the nearest version RDS still accepts");
            break;
        }
    /* the newest of that major */
    for (size_t i = ns; i-- > 0;)
        if (strcmp(same[i], major) && strcmp(same[i], cur.data) && cf_version_cmp(same[i], cur.data) >= 0) {
            char *why = xasprintf("the newest %s version", major);
            add_version_fix(d, c, node, same[i], CF_FIX_SAFE, why);
            free(why);
            break;
        }
    /* the major alone, where RDS accepts it (it picks the default minor) */
    for (size_t i = 0; i < ns; i++)
        if (!strcmp(same[i], major)) {
            char *why = xasprintf("RDS's default %s version", major);
            add_version_fix(d, c, node, major, CF_FIX_SAFE, why);
            free(why);
        }
    /* nothing left in that major: the lowest newer major (its newest) */
    if (!d->nfixes && nn) {
        cf_version_major(engine, newer_majors[0], m, sizeof m);
        const char *pick = NULL;
        for (size_t i = 0; i < nn; i++) {
            char m2[32];
            cf_version_major(engine, newer_majors[i], m2, sizeof m2);
            if (!strcmp(m2, m) && strcmp(newer_majors[i], m))
                pick = newer_majors[i];
        }
        if (pick) {
            char *why = xasprintf("a major version upgrade from %s to %s", major, m);
            add_version_fix(d, c, node, pick, CF_FIX_UNSAFE, why);
            free(why);
        }
    }
    free(same);
    free(newer_majors);
    buf_free(&cur);
}

/* --- Lambda runtimes ----------------------------------------------------- */

/* "python3.9" -> family "python", version "3.9"; "java8.al2" -> "java", "8" */
static void runtime_parts(const char *r, char *family, char *version, size_t size)
{
    size_t i = 0, f = 0, v = 0;
    while (r[i] && !isdigit((unsigned char)r[i]) && r[i] != '.' && f + 1 < size)
        family[f++] = r[i++];
    family[f] = '\0';
    while (r[i] && (isdigit((unsigned char)r[i]) || (r[i] == '.' && isdigit((unsigned char)r[i + 1]))) && v + 1 < size)
        version[v++] = r[i++];
    version[v] = '\0';
}

/* The Runtime scalar reading `name` in v, or in a branch of its Fn::If. */
static const cf_node *runtime_named(const cf_node *v, const char *name, int depth)
{
    if (!v || depth > 32)
        return NULL;
    if (v->kind == CF_SCALAR)
        return cf_is_str(v, name) ? v : NULL;
    const cf_node *args = v->kind == CF_MAPPING && v->len == 1 && cf_is_str(v->u.pairs[0].key, "Fn::If")
                              ? v->u.pairs[0].value
                              : NULL;
    for (uint32_t i = 1; args && args->kind == CF_SEQUENCE && args->len == 3 && i < 3; i++) {
        const cf_node *r = runtime_named(args->u.items[i], name, depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

/* The mapping holding the Runtime key that v is (or is a branch of). */
static const cf_node *runtime_owner(const cf_node *v)
{
    for (int depth = 0; v && v->parent && depth < 32; v = v->parent, depth++) {
        const cf_node *key = cf_node_key(v);
        if (key && cf_is_str(key, "Runtime"))
            return v->parent;
        if (key)
            return NULL;
    }
    return NULL;
}

/* Hazards in the inline code of the functions a Runtime at `owner` sets:
 * its own (Code.ZipFile, InlineCode); for the SAM Globals' Runtime, every
 * function without a Runtime of its own too. */
static unsigned code_hazards(fix_ctx *c, const cf_node *owner)
{
    unsigned h = cf_inline_code_hazards(cf_map_get(cf_map_get(owner, "Code"), "ZipFile")) |
                 cf_inline_code_hazards(cf_map_get(owner, "InlineCode"));
    const cf_node *globals = cf_map_get(cf_map_get(c->doc->root, "Globals"), "Function");
    for (size_t i = 0; owner && owner == globals && i < c->tpl->nres; i++) {
        const cf_node *props = c->tpl->res[i].properties;
        if (props && !cf_map_get(props, "Runtime"))
            h |= cf_inline_code_hazards(cf_map_get(props, "InlineCode"));
    }
    return h;
}

/* Every runtime change is unsafe: a new language version, a new OS (even
 * provided.al2 -> provided.al2023 runs custom binaries on another libc),
 * or both.  Moving a language runtime to an OS-only one (go1.x ->
 * provided.al2023) needs the code rebuilt as a `bootstrap` executable:
 * changing Runtime alone breaks the function, so it is shown, not applied. */
static void fix_runtime(fix_ctx *c, cf_diag *d)
{
    const cf_node *node = fix_value_of(d->node);
    if (node && node->kind == CF_MAPPING) {
        /* a SAM function: the finding is at the resource; the runtime is
         * its own, else the Globals' (one edit there fixes every function
         * that inherits it) */
        char *name = fix_first_quoted(d->message);
        const cf_node *own = cf_map_get(cf_map_get(node, "Properties"), "Runtime");
        node = name ? runtime_named(own ? own
                                        : cf_map_get(cf_map_get(cf_map_get(c->doc->root, "Globals"), "Function"),
                                                     "Runtime"),
                                    name, 0)
                    : NULL;
        free(name);
    }
    if (!node || node->kind != CF_SCALAR || node->type != CF_TYPE_STR || !c->spec)
        return;
    const char *to = cf_runtime_successor(c->opts, node->u.str);
    if (!to)
        return;
    char f1[32], v1[32], f2[32], v2[32];
    runtime_parts(node->u.str, f1, v1, sizeof f1);
    runtime_parts(to, f2, v2, sizeof f2);
    const cf_node *owner = runtime_owner(node);
    cf_applicability a = CF_FIX_UNSAFE;
    cf_buf title = {0};
    const cf_node *named = cf_map_get(
        cf_map_get(cf_spec_entry(c->spec, "lifecycle/LmbdRuntimeLifecycle"), node->u.str), "successor");
    if (cf_is_str(named, to))
        buf_printf(&title, "Change Runtime to %s, the successor of %s", to, node->u.str);
    else
        buf_printf(&title, "Change Runtime to %s, the newest %s runtime Lambda accepts (the named successor %s "
                           "is not a valid Runtime or is deprecated)",
                   to, f2, named && named->kind == CF_SCALAR ? named->u.str : "?");
    if (strcmp(f1, f2) != 0 && !strcmp(f2, "provided")) {
        const cf_node *handler = cf_map_get(owner, "Handler");
        a = CF_FIX_DISPLAY;
        buf_printf(&title, " (rebuild the code as an OS-only runtime's executable named bootstrap");
        if (handler && handler->kind == CF_SCALAR && handler->type == CF_TYPE_STR && strcmp(handler->u.str, "bootstrap"))
            buf_printf(&title, "; Handler '%s' is then not used", handler->u.str);
        buf_adds(&title, ")");
    } else if (!strcmp(f1, "provided")) {
        buf_adds(&title, " (a new OS: rebuild the custom runtime's binaries for it)");
    } else {
        buf_adds(&title, " (a new language version: test the code)");
    }
    if (!strcmp(f2, "nodejs")) {
        unsigned h = code_hazards(c, owner);
        if (h & CF_CODE_AWS_SDK_V2)
            buf_adds(&title, "; the inline code requires 'aws-sdk' (v2), which the runtime does not include: "
                             "move it to the v3 clients (@aws-sdk/...)");
        if ((h & CF_CODE_CONTEXT_METHODS) && cf_version_cmp(v2, "24") >= 0)
            buf_adds(&title, "; the inline code calls context.succeed/fail/done, which the runtime no longer "
                             "supports: return or throw from an async handler");
    }
    cf_fix *f = cf_fix_new(title.data, a);
    cf_edit_scalar(f, c->doc, node, to);
    cf_diag_add_fix(d, f);
    buf_free(&title);
}

/* --- enum values and property names ------------------------------------- */

static void fix_enum(fix_ctx *c, cf_diag *d)
{
    const cf_node *node = fix_value_of(d->node);
    if (!node || node->kind != CF_SCALAR || !d->detail)
        return;
    size_t n;
    const char **names = names_of(d->detail, &n);
    rename_to(c, d, node, fix_find_closest(node->u.str, names, n), "Change");
    free(names);
}

static void fix_property_name(fix_ctx *c, cf_diag *d)
{
    const cf_node *key = d->node;
    if (!key || !(key->flags & CF_NF_KEY) || !d->detail)
        return;
    size_t n;
    const char **names = names_of(d->detail, &n);
    /* a name already used in the same mapping is not a candidate */
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!cf_map_get(key->parent, names[i]))
            names[w++] = names[i];
    rename_to(c, d, key, fix_find_closest(key->u.str, names, w), "Rename");
    free(names);
}

/* --- references ---------------------------------------------------------- */

static const char *const pseudo[] = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
                                     "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"};

/* Names a reference may use: resources, and for Ref parameters and
 * pseudo parameters too; for conditions the conditions. */
static const char **reference_names(fix_ctx *c, bool resources, bool params, bool conditions, size_t *n)
{
    const cf_template *t = c->tpl;
    size_t cap = t->nres + t->params.n + t->conds.n + 8;
    const char **v = xcalloc(cap + 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; resources && i < t->nres; i++)
        v[(*n)++] = t->res[i].name;
    for (size_t i = 0; params && i < t->params.n; i++)
        v[(*n)++] = t->params.v[i].name;
    for (size_t i = 0; params && i < sizeof pseudo / sizeof pseudo[0]; i++)
        v[(*n)++] = pseudo[i];
    for (size_t i = 0; conditions && i < t->conds.n; i++)
        v[(*n)++] = t->conds.v[i].name;
    return v;
}

/* The names "'X' is not one of ['A', 'B']" lists (what lint calls valid
 * there: resources only for a GetAtt, say): pointers into *store, which
 * the caller frees with the array; NULL when the list cannot be read. */
static const char **names_in_message(const char *msg, size_t *n, char **store)
{
    const char *p = strstr(msg, "' is not one of [");
    *n = 0;
    *store = NULL;
    if (!p)
        return NULL;
    p += strlen("' is not one of [");
    size_t cap = 1;
    for (const char *q = p; *q && *q != ']'; q++)
        cap += *q == ',';
    const char **v = xcalloc(cap + 1, sizeof *v);
    char *w = *store = xstrdup(p);
    while (*w == '\'' && *n < cap) {
        char *end = strchr(w + 1, '\'');
        if (!end || memchr(w + 1, '\\', (size_t)(end - w - 1)))
            break;
        *end = '\0';
        v[(*n)++] = w + 1;
        w = end + 1;
        if (*w == ']')
            return v;
        if (strncmp(w, ", ", 2) != 0)
            break;
        w += 2;
    }
    free(*store);
    free(v);
    *store = NULL;
    *n = 0;
    return NULL;
}

static void fix_reference(fix_ctx *c, cf_diag *d, bool resources, bool params, bool conditions)
{
    const cf_node *node = fix_value_of(d->node);
    if (!node)
        return;
    /* the finding may sit on the function: {Ref: X}, {Fn::GetAtt: [X, A]} */
    if (node->kind == CF_MAPPING && node->len == 1)
        node = node->u.pairs[0].value;
    if (node->kind == CF_SEQUENCE && node->len)
        node = node->u.items[0];
    if (node->kind != CF_SCALAR)
        return;
    /* only a name that is not there ("'X' is not one of [...]"), not a
     * finding about the shape of the function */
    char *missed = fix_first_quoted(d->message);
    if (!missed || !strstr(d->message, "' is not one of [")) {
        free(missed);
        return;
    }
    /* the name is the scalar, or in the string form of a GetAtt
     * ("Res.Attr") the part before the first dot or the rest */
    const char *str = node->u.str, *dot = strchr(str, '.');
    size_t ml = strlen(missed);
    const cf_node *fn = node->parent;
    bool getatt_string = fn && fn->kind == CF_MAPPING && fn->len == 1 && node->index == 0 &&
                         fn->u.pairs[0].value == node && cf_is_str(fn->u.pairs[0].key, "Fn::GetAtt");
    size_t before = 0; /* bytes of the scalar kept before the name */
    bool about_name = !strcmp(missed, str);
    if (!about_name && getatt_string && dot) {
        if ((size_t)(dot - str) == ml && !strncmp(str, missed, ml)) {
            about_name = true;
        } else if (!strcmp(dot + 1, missed)) {
            about_name = true;
            before = (size_t)(dot - str) + 1;
        }
    }
    if (!about_name) {
        free(missed);
        return;
    }
    size_t n;
    char *store;
    const char **names = names_in_message(d->message, &n, &store);
    if (!names)
        names = reference_names(c, resources, params, conditions, &n);
    closest near = fix_find_closest(missed, names, n);
    if (near.name) {
        char *value = xasprintf("%.*s%s%s", (int)before, str, near.name, str + before + ml);
        char *title = xasprintf("Change reference '%s' to '%s'", missed, near.name);
        cf_fix *f = cf_fix_new(title, near.case_only ? CF_FIX_SAFE : CF_FIX_UNSAFE);
        cf_edit_scalar(f, c->doc, node, value);
        cf_diag_add_fix(d, f);
        free(title);
        free(value);
    }
    free(names);
    free(store);
    free(missed);
}

static void fix_ref(fix_ctx *c, cf_diag *d) { fix_reference(c, d, true, true, false); }
static void fix_resource_ref(fix_ctx *c, cf_diag *d) { fix_reference(c, d, true, false, false); }
static void fix_condition_ref(fix_ctx *c, cf_diag *d) { fix_reference(c, d, false, false, true); }

/* --- DependsOn, policies, Sub, numbers ---------------------------------- */


/* The DependsOn value a W3005 finding is about (from an item up to the
 * value), and the dependency it names; NULL when it is not that. */
static const cf_node *redundant_dependency(const cf_diag *d, char **name)
{
    const cf_node *dep = fix_value_of(d->node);
    *name = NULL;
    if (strcmp(d->rule->id, "W3005") != 0)
        return NULL;
    while (dep && dep->parent && !cf_node_key(dep))
        dep = dep->parent;
    const cf_node *key = dep ? cf_node_key(dep) : NULL;
    if (!key || !cf_is_str(key, "DependsOn"))
        return NULL;
    *name = fix_first_quoted(d->message);
    return *name ? dep : NULL;
}

/* Whether some W3005 finding calls dependency `name` of dep redundant. */
static bool named_redundant(const fix_ctx *c, const cf_node *dep, const char *name)
{
    for (size_t i = 0; i < c->ds->n; i++) {
        char *other;
        const cf_node *od = redundant_dependency(&c->ds->v[i], &other);
        bool hit = od == dep && !strcmp(other, name);
        free(other);
        if (hit)
            return true;
    }
    return false;
}

/* How a resource refers to a name its DependsOn also lists: whether some
 * reference holds whatever the conditions are, and the condition of an
 * Fn::If a conditional one sits in. */
typedef struct ref_search {
    const char *name;
    const cf_node *resource, *depends_on;
    bool unconditional;
    const char *condition; /* of the first Fn::If branch met */
} ref_search;

/* The Fn::If whose second or third argument holds n (below resource), or NULL. */
static const cf_node *enclosing_if_branch(const cf_node *n, const cf_node *resource)
{
    for (; n && n != resource && n->parent; n = n->parent) {
        const cf_node *args = n->parent;
        if (args->kind != CF_SEQUENCE || args->len != 3 || n->index == 0 || !args->parent)
            continue;
        const cf_node *fn = args->parent;
        if (fn->kind == CF_MAPPING && fn->len == 1 && cf_is_str(fn->u.pairs[0].key, "Fn::If"))
            return fn;
    }
    return NULL;
}

static bool under(const cf_node *n, const cf_node *top)
{
    for (; n; n = n->parent)
        if (n == top)
            return true;
    return false;
}

static void note_reference(const cf_reference *r, void *arg)
{
    ref_search *s = arg;
    if (r->target_len != strlen(s->name) || strncmp(r->target, s->name, r->target_len) != 0 ||
        under(r->holder, s->depends_on))
        return;
    const cf_node *fn = enclosing_if_branch(r->holder, s->resource);
    if (!fn) {
        s->unconditional = true;
    } else if (!s->condition) {
        const cf_node *cond = fn->u.pairs[0].value->u.items[0];
        s->condition = cond->kind == CF_SCALAR ? cond->u.str : "?";
    }
}

/* NULL when the resource refers to name whatever the conditions; else the
 * condition of the Fn::If whose branch holds the only references: removing
 * the DependsOn loses the order when the other branch is taken. */
static const char *only_conditional_reference(const cf_node *depends_on, const char *name)
{
    ref_search s = {name, depends_on->parent, depends_on, false, NULL};
    cf_refs_walk(s.resource, note_reference, &s);
    return s.unconditional ? NULL : s.condition;
}

/* Every entry of the DependsOn list that a finding calls redundant goes
 * in one fix, and each of those findings gets that same fix: removed one
 * by one, neighbours in a flow list would both want the comma between
 * them, and the last two would leave an empty (null) DependsOn.  When
 * nothing is left the whole key goes. */
static void fix_redundant_depends_on(fix_ctx *c, cf_diag *d)
{
    char *name;
    const cf_node *dep = redundant_dependency(d, &name);
    if (!dep)
        return;
    cf_fix *f = NULL;
    if (dep->kind == CF_SCALAR && cf_is_str(dep, name)) {
        const char *cond = only_conditional_reference(dep, name);
        char *title = cond ? xasprintf("Remove '%s' from DependsOn: only a reference in an Fn::If on condition '%s' "
                                       "orders it, so the order is lost when the other branch is taken",
                                       name, cond)
                           : xasprintf("Remove '%s' from DependsOn: the reference already orders it", name);
        f = cf_fix_new(title, cond ? CF_FIX_UNSAFE : CF_FIX_SAFE);
        cf_edit_delete(f, c->doc, dep);
        free(title);
    } else if (dep->kind == CF_SEQUENCE) {
        const cf_node **gone = xcalloc(dep->len + 1, sizeof *gone);
        size_t n = 0;
        bool mine = false;
        const char *cond = NULL;
        cf_buf names = {0};
        for (uint32_t i = 0; i < dep->len; i++) {
            const cf_node *item = dep->u.items[i];
            if (item->kind != CF_SCALAR || item->type != CF_TYPE_STR || !named_redundant(c, dep, item->u.str))
                continue;
            mine |= !strcmp(item->u.str, name);
            bool again = false; /* a name listed twice is named once */
            for (size_t k = 0; k < n; k++)
                again |= !strcmp(gone[k]->u.str, item->u.str);
            if (!again)
                buf_printf(&names, "%s'%s'", n ? ", " : "", item->u.str);
            if (!cond)
                cond = only_conditional_reference(dep, item->u.str);
            gone[n++] = item;
        }
        if (mine) {
            char *title =
                cond ? xasprintf("Remove %s from DependsOn: a reference only in an Fn::If on condition '%s' orders "
                                 "%s, so the order is lost when the other branch is taken",
                                 names.data, cond, n == 1 ? "it" : "one of them")
                : n == 1 ? xasprintf("Remove %s from DependsOn: the reference already orders it", names.data)
                         : xasprintf("Remove %s from DependsOn: references already order them", names.data);
            f = cf_fix_new(title, cond ? CF_FIX_UNSAFE : CF_FIX_SAFE);
            if (n == dep->len)
                cf_edit_delete(f, c->doc, dep); /* an empty list is not kept */
            else
                cf_edit_delete_some(f, c->doc, dep, gone, n);
            free(title);
        }
        buf_free(&names);
        free(gone);
    }
    if (f)
        cf_diag_add_fix(d, f);
    free(name);
}

static void fix_policies(fix_ctx *c, cf_diag *d)
{
    const cf_node *res = fix_value_of(d->node);
    while (res && res->parent && res->parent != c->tpl->resources)
        res = res->parent;
    if (!res || res->kind != CF_MAPPING)
        return;
    const cf_node *del = cf_map_get(res, "DeletionPolicy"), *upd = cf_map_get(res, "UpdateReplacePolicy");
    const char *missing = del ? "UpdateReplacePolicy" : "DeletionPolicy";
    const cf_node *other = del ? del : upd;
    if ((del && upd) || !other || other->kind != CF_SCALAR || other->type != CF_TYPE_STR)
        return;
    /* a value lint calls wrong for the type (Snapshot where there is no
     * snapshot) is not copied */
    for (size_t i = 0; i < c->ds->n; i++)
        if (c->ds->v[i].node == other &&
            (!strcmp(c->ds->v[i].rule->id, "E3035") || !strcmp(c->ds->v[i].rule->id, "E3036")))
            return;
    /* UpdateReplacePolicy has no RetainExceptOnCreate: a replacement is
     * never the failed creation it spares, so Retain says the same */
    const char *value = !del || strcmp(other->u.str, "RetainExceptOnCreate") ? other->u.str : "Retain";
    char *title = xasprintf("Add %s: %s, like the %s", missing, value, del ? "DeletionPolicy" : "UpdateReplacePolicy");
    cf_fix *f = cf_fix_new(title, CF_FIX_SAFE);
    cf_edit_insert_like(f, c->doc, res, missing, value, other);
    cf_diag_add_fix(d, f);
    free(title);
}

/* The resources an unused Fn::Sub variable map refers to (names listed
 * once), which the Sub's removal would stop depending on. */
typedef struct dropped_deps {
    const cf_template *tpl;
    cf_buf names;
    size_t n;
} dropped_deps;

static void note_dropped(const cf_reference *r, void *arg)
{
    dropped_deps *dd = arg;
    char *name = xstrndup(r->target, r->target_len);
    char *quoted = xasprintf("'%s'", name);
    if (cf_template_resource(dd->tpl, name) && !(dd->names.data && strstr(dd->names.data, quoted))) {
        buf_printf(&dd->names, "%s%s", dd->n ? ", " : "", quoted);
        dd->n++;
    }
    free(quoted);
    free(name);
}

/* W1020: the Fn::Sub's string goes in its place.  Not where the string
 * writes a literal "${" as "${!": plain, "${Name}" reads as a missed Sub
 * (E1029 when Name is a parameter or resource), so the Sub is how to
 * write it.  Unsafe where the unused variable map refers to a resource:
 * the resource would lose that dependency (its order of creation). */
static void fix_needless_sub(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = d->node;
    while (n && !(n->kind == CF_MAPPING && n->len == 1 && cf_is_str(n->u.pairs[0].key, "Fn::Sub")))
        n = n->parent;
    if (!n)
        return;
    const cf_node *arg = n->u.pairs[0].value, *vars = NULL;
    if (arg->kind == CF_SEQUENCE && arg->len >= 1) {
        vars = arg->len > 1 ? arg->u.items[1] : NULL;
        arg = arg->u.items[0];
    }
    if (arg->kind != CF_SCALAR || arg->type != CF_TYPE_STR || strstr(arg->u.str, "${!"))
        return;
    dropped_deps dd = {c->tpl, {0}, 0};
    if (vars)
        cf_refs_walk(vars, note_dropped, &dd);
    char *title = dd.n ? xasprintf("Remove the Fn::Sub: the string has no variables (this drops the dependency on "
                                   "%s that its unused variables make)",
                                   dd.names.data)
                       : xstrdup("Remove the Fn::Sub: the string has no variables");
    cf_fix *f = cf_fix_new(title, dd.n ? CF_FIX_UNSAFE : CF_FIX_SAFE);
    cf_edit_replace_with_scalar(f, c->doc, n, arg, arg->u.str);
    cf_diag_add_fix(d, f);
    free(title);
    buf_free(&dd.names);
}

static void fix_number_text(fix_ctx *c, cf_diag *d)
{
    const cf_node *node = fix_value_of(d->node);
    if (!node || node->kind != CF_SCALAR)
        return;
    char *title = xasprintf("Quote %s so it stays the string '%s'", node->u.str, node->u.str);
    cf_fix *f = cf_fix_new(title, CF_FIX_SAFE);
    cf_edit_scalar(f, c->doc, node, node->u.str);
    cf_diag_add_fix(d, f);
    free(title);
}

/* An instance class outside the shipped data's list for the engine and
 * version (E3062, E3025, E3694) or a cache node type outside the region's
 * (E3647): the nearest listed class (aws_facts.h says which is safe). */
static void fix_instance_class(fix_ctx *c, cf_diag *d)
{
    const cf_node *node = fix_value_of(d->node);
    if (!node || node->kind != CF_SCALAR || !d->detail)
        return;
    cf_class_pick picks[2];
    size_t n = cf_facts_nearest_class(d->detail, node->u.str, picks);
    for (size_t i = 0; i < n; i++) {
        char *title = xasprintf("Change %s to %s, the nearest offered %s", node->u.str, picks[i].name,
                                picks[i].safe ? "(same family and size, a newer generation)"
                                              : "(other attributes or architecture: check the software)");
        cf_fix *f = cf_fix_new(title, picks[i].safe ? CF_FIX_SAFE : CF_FIX_UNSAFE);
        cf_edit_scalar(f, c->doc, node, picks[i].name);
        cf_diag_add_fix(d, f);
        free(title);
    }
}

/* A deployment failure on an instance class or type: the nearest one the
 * imported facts offer (aws_facts.h). */
static void fix_failed_class(fix_ctx *c, cf_diag *d)
{
    cf_facts_failed_class_fixes(d, c->doc, c->spec, c->opts->regions, c->opts->nregions, fix_value_of(d->node),
                                !strcmp(d->node->u.str, "DBInstanceClass"));
}

/* A deployment failure (E9101) on a property some generator knows: that
 * generator's fixes (the failure says the value does not work). */
static void fix_deploy_failure(fix_ctx *c, cf_diag *d)
{
    static const struct {
        const char *type, *property;
        generator fn;
    } by_property[] = {
        {"AWS::RDS::DBInstance", "EngineVersion", fix_rds_version},
        {"AWS::RDS::DBCluster", "EngineVersion", fix_rds_version},
        {"AWS::Lambda::Function", "Runtime", fix_runtime},
        {"AWS::RDS::DBInstance", "DBInstanceClass", fix_failed_class},
        {"AWS::EC2::Instance", "InstanceType", fix_failed_class},
    };
    const cf_node *key = d->node;
    if (!key || !(key->flags & CF_NF_KEY) || key->kind != CF_SCALAR || !key->parent)
        return;
    const cf_node *res = key->parent->parent; /* key -> Properties -> the resource */
    const cf_node *type = cf_map_get(res, "Type");
    for (size_t i = 0; i < sizeof by_property / sizeof *by_property; i++)
        if (!strcmp(key->u.str, by_property[i].property) && cf_is_str(type, by_property[i].type))
            by_property[i].fn(c, d);
}

/* --- unused entries of a section ----------------------------------------- */

/* The entry (its value) of a top-level section a finding of `rule` is on. */
static const cf_node *section_entry(const fix_ctx *c, const cf_diag *d, const char *rule, const cf_node *section)
{
    const cf_node *v = fix_value_of(d->node);
    if (strcmp(d->rule->id, rule) != 0 || !section || !v || v->parent != section || section->kind != CF_MAPPING)
        return NULL;
    (void)c;
    return v;
}

/* Delete entries of a collection: the whole collection's entry (by its
 * value) when all of them go, since an emptied block collection reads as
 * null; nothing when n is 0. */
static void delete_entries(cf_fix *f, const cf_doc *doc, const cf_node *parent, const cf_node **gone, size_t n)
{
    if (!n)
        return;
    if (n == parent->len && cf_node_key(parent))
        cf_edit_delete(f, doc, parent);
    else
        cf_edit_delete_some(f, doc, parent, gone, n);
}

/* A parameter's place in the console's AWS::CloudFormation::Interface:
 * its name in ParameterGroups' Parameters lists (a group left with none
 * goes), its key in ParameterLabels. */
static void drop_from_interface(cf_fix *f, const fix_ctx *c, const cf_node **names, size_t n)
{
    const cf_node *iface = cf_map_get(cf_map_get(c->doc->root, "Metadata"), "AWS::CloudFormation::Interface");
    const cf_node *groups = cf_map_get(iface, "ParameterGroups"), *labels = cf_map_get(iface, "ParameterLabels");
    size_t parts = 0, gone_parts = 0;
    const cf_node *part_groups = NULL, *part_labels = NULL;
    if (groups && groups->kind == CF_SEQUENCE) {
        parts++;
        const cf_node **dead = xcalloc(groups->len + 1, sizeof *dead);
        size_t ndead = 0;
        for (uint32_t g = 0; g < groups->len; g++) {
            const cf_node *list = cf_map_get(groups->u.items[g], "Parameters");
            if (!list || list->kind != CF_SEQUENCE || !list->len)
                continue;
            const cf_node **gone = xcalloc(list->len + 1, sizeof *gone);
            size_t ng = 0;
            for (uint32_t i = 0; i < list->len; i++)
                for (size_t k = 0; k < n; k++)
                    if (list->u.items[i]->kind == CF_SCALAR && cf_is_str(list->u.items[i], names[k]->u.str)) {
                        gone[ng++] = list->u.items[i];
                        break;
                    }
            if (ng == list->len)
                dead[ndead++] = groups->u.items[g];
            else
                cf_edit_delete_some(f, c->doc, list, gone, ng);
            free(gone);
        }
        if (ndead == groups->len)
            gone_parts++, part_groups = groups;
        else
            cf_edit_delete_some(f, c->doc, groups, dead, ndead);
        free(dead);
    }
    if (labels && labels->kind == CF_MAPPING) {
        parts++;
        const cf_node **gone = xcalloc(labels->len + 1, sizeof *gone);
        size_t ng = 0;
        for (size_t k = 0; k < n; k++) {
            const cf_node *l = cf_map_get(labels, names[k]->u.str);
            if (l)
                gone[ng++] = l;
        }
        if (ng && ng == labels->len)
            gone_parts++, part_labels = labels;
        else
            cf_edit_delete_some(f, c->doc, labels, gone, ng);
        free(gone);
    }
    /* the interface with nothing left goes as a whole, else what emptied */
    if (gone_parts && gone_parts == parts && iface->len == parts) {
        const cf_node *meta = iface->parent;
        cf_edit_delete(f, c->doc, meta->len == 1 && cf_node_key(meta) ? meta : iface);
    } else {
        if (part_groups)
            cf_edit_delete(f, c->doc, part_groups);
        if (part_labels)
            cf_edit_delete(f, c->doc, part_labels);
    }
}

/* The name a W4001 finding says no parameter has (a ParameterGroups
 * list item or a ParameterLabels key), as the node that writes it. */
static const cf_node *interface_ghost(const cf_diag *d)
{
    const cf_node *n = d->node;
    if (strcmp(d->rule->id, "W4001") != 0 || !n || n->kind != CF_SCALAR || n->type != CF_TYPE_STR ||
        !strstr(d->message, "' is not one of ["))
        return NULL;
    char *name = fix_first_quoted(d->message);
    bool same = name && !strcmp(name, n->u.str);
    free(name);
    return same ? n : NULL;
}

/* W4001: the console's groups and labels name a parameter that does not
 * exist.  Every such name goes in one fix (given to each of those
 * findings: neighbours in a flow list share a comma), with groups left
 * empty.  Safe: the interface metadata only arranges the console's form.
 * None in a file with an unused parameter (W2001; see below). */
static void fix_interface_name(fix_ctx *c, cf_diag *d)
{
    if (!interface_ghost(d))
        return;
    /* W2001's fix takes unused parameters out of the same lists: the two
     * would overlap and, with --unsafe, a second run would change the file
     * again; that file gets W2001's fix alone */
    for (size_t k = 0; k < c->ds->n; k++)
        if (!strcmp(c->ds->v[k].rule->id, "W2001"))
            return;
    const cf_node **names = xcalloc(c->ds->n + 1, sizeof *names);
    size_t n = 0;
    cf_buf list = {0};
    for (size_t k = 0; k < c->ds->n; k++) {
        const cf_node *g = interface_ghost(&c->ds->v[k]);
        bool again = false;
        for (size_t i = 0; g && i < n; i++)
            again |= !strcmp(names[i]->u.str, g->u.str);
        if (!g || again)
            continue;
        buf_printf(&list, "%s'%s'", n ? ", " : "", g->u.str);
        names[n++] = g;
    }
    char *title = xasprintf("Remove %s from the console's parameter groups and labels: no parameter has %s",
                            list.data, n > 1 ? "those names" : "that name");
    cf_fix *f = cf_fix_new(title, CF_FIX_SAFE);
    drop_from_interface(f, c, names, n);
    fix_offer(d, f);
    free(title);
    buf_free(&list);
    free(names);
}

/* Every entry of the section that a finding of the rule calls unused goes
 * in one fix, given to each of those findings (removed one by one, the
 * last two would leave an empty section, which reads as null); a section
 * left with nothing goes as a whole. */
static void fix_unused(fix_ctx *c, cf_diag *d, const char *rule, const cf_node *section, const char *what,
                       cf_applicability a, const char *why)
{
    if (!section_entry(c, d, rule, section))
        return;
    /* a reference to a name that does not exist may be a misspelling of
     * an entry called unused, and a "${Name}" outside Fn::Sub (E1029) a use
     * the author meant: the entry is the reference's fix, not gone */
    static const char *const unresolved[] = {"E1010", "E1011", "E1019", "E1020", "E1028", "E1029", "E3005", "E3015",
                                             "E6005", "E6101", "E8001", "E8004", "E8005", "E8006"};
    for (size_t k = 0; k < c->ds->n; k++)
        for (size_t u = 0; u < sizeof unresolved / sizeof unresolved[0]; u++)
            if (!strcmp(c->ds->v[k].rule->id, unresolved[u]))
                return;
    const cf_node **gone = xcalloc(section->len + 1, sizeof *gone), **names = xcalloc(section->len + 1, sizeof *names);
    size_t n = 0;
    cf_buf list = {0};
    for (uint32_t i = 0; i < section->len; i++)
        for (size_t k = 0; k < c->ds->n; k++)
            if (section_entry(c, &c->ds->v[k], rule, section) == section->u.pairs[i].value) {
                names[n] = section->u.pairs[i].key;
                gone[n++] = section->u.pairs[i].value;
                buf_printf(&list, "%s'%s'", n > 1 ? ", " : "", section->u.pairs[i].key->u.str);
                break;
            }
    char *title = xasprintf("Remove the unused %s%s %s%s", what, n > 1 ? "s" : "", list.data ? list.data : "", why);
    cf_fix *f = cf_fix_new(title, a);
    delete_entries(f, c->doc, section, gone, n);
    if (section == c->tpl->parameters)
        drop_from_interface(f, c, names, n);
    cf_diag_add_fix(d, f);
    free(title);
    buf_free(&list);
    free(gone);
    free(names);
}

static void fix_unused_parameter(fix_ctx *c, cf_diag *d)
{
    fix_unused(c, d, "W2001", c->tpl->parameters, "parameter", CF_FIX_UNSAFE,
               " (the stack's interface changes: a deployment that passes it fails)");
}

static void fix_unused_condition(fix_ctx *c, cf_diag *d)
{
    fix_unused(c, d, "W8001", c->tpl->conditions, "condition", CF_FIX_SAFE, "");
}

static void fix_unused_mapping(fix_ctx *c, cf_diag *d)
{
    fix_unused(c, d, "W7001", c->tpl->mappings, "mapping", CF_FIX_SAFE, "");
}

/* --- small values -------------------------------------------------------- */

/* Fn::GetAZs with no region (null): '' is the stack's own region, what an
 * empty argument means. */
static void fix_getazs_null(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = fix_value_of(d->node);
    const cf_node *key = n ? cf_node_key(n) : NULL;
    if (!n || n->kind != CF_SCALAR || n->type != CF_TYPE_NULL || !key || !cf_is_str(key, "Fn::GetAZs") ||
        n->parent->len != 1)
        return;
    cf_fix *f = cf_fix_new("Write Fn::GetAZs '' (the stack's region) for the missing region", CF_FIX_SAFE);
    cf_edit_scalar(f, c->doc, n, "");
    cf_diag_add_fix(d, f);
}

/* W3687: ports that IpProtocol -1 (all traffic) makes EC2 ignore. */
static void fix_ignored_ports(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = fix_value_of(d->node);
    const cf_node *rule = n ? n->parent : NULL;
    if (!rule || rule->kind != CF_MAPPING || !strstr(d->message, "are ignored when using 'IpProtocol' value"))
        return;
    const char *names[] = {"FromPort", "ToPort"};
    const cf_node *gone[2];
    size_t ng = 0;
    for (size_t i = 0; i < 2; i++) {
        char *q = xasprintf("'%s'", names[i]);
        const cf_node *v = strstr(d->message, q) && strstr(d->message, q) < strstr(d->message, "] are") ? cf_map_get(rule, names[i]) : NULL;
        if (v)
            gone[ng++] = v;
        free(q);
    }
    if (!ng || ng == rule->len)
        return;
    cf_fix *f = cf_fix_new("Remove the ports that IpProtocol -1 ignores (a standalone ingress or egress rule is "
                           "replaced on update)",
                           CF_FIX_UNSAFE);
    cf_edit_delete_some(f, c->doc, rule, gone, ng);
    cf_diag_add_fix(d, f);
}

/* W2501: a parameter used as a password shows its value in the console
 * and API unless NoEcho is true.  Unsafe: the parameter's interface
 * changes (describe-stacks shows asterisks). */
static void fix_no_echo(fix_ctx *c, cf_diag *d)
{
    const cf_node *p = fix_value_of(d->node);
    if (!p || p->kind != CF_MAPPING || p->parent != c->tpl->parameters || !strstr(d->message, "NoEcho should be True"))
        return;
    const cf_node *echo = cf_map_get(p, "NoEcho");
    cf_fix *f = cf_fix_new("Set NoEcho: true on the parameter (its value is then masked in the console and API)",
                           CF_FIX_UNSAFE);
    bool ok = echo ? cf_edit_replace_tree(f, c->doc, echo, cf_tree_typed(CF_TYPE_BOOL, "true"))
                   : cf_edit_insert_tree(f, c->doc, p, "NoEcho", cf_tree_typed(CF_TYPE_BOOL, "true"));
    if (ok) {
        cf_diag_add_fix(d, f);
    } else {
        cf_fix_free(f);
        free(f);
    }
}

/* E3012: one value where a list goes becomes a list of it; a one-item list
 * where a scalar goes becomes the item.  Safe: the template as written is
 * refused by CloudFormation, and this is the only reading of it. */
static void fix_type_shape(fix_ctx *c, cf_diag *d)
{
    const cf_node *n = fix_value_of(d->node);
    if (!n || !n->parent || n->flags & CF_NF_KEY)
        return;
    const char *type = strstr(d->message, " is not of type ");
    if (!type)
        return;
    type += strlen(" is not of type ");
    bool want_list = !strcmp(type, "'array'");
    bool want_scalar = !strcmp(type, "'string'") || !strcmp(type, "'integer'") || !strcmp(type, "'number'") ||
                       !strcmp(type, "'boolean'");
    cf_fix *f = NULL;
    bool ok = false;
    if (want_list && n->kind == CF_MAPPING && !(n->len == 1 && (n->flags & CF_NF_SHORT_FORM))) {
        const cf_node *k = n->len ? n->u.pairs[0].key : NULL;
        if (k && (cf_is_str(k, "Ref") || !strncmp(k->u.str, "Fn::", 4)))
            return; /* a function may well give a list */
        f = cf_fix_new("Make the value a list of one item, as the property takes a list", CF_FIX_SAFE);
        ok = cf_edit_replace_tree(f, c->doc, n, cf_tree_put(cf_tree_list(), NULL, cf_tree_node(n)));
    } else if (want_scalar && n->kind == CF_SEQUENCE && n->len == 1 && n->u.items[0]->kind == CF_SCALAR) {
        f = cf_fix_new("Write the list's only item in its place, as the property takes one value", CF_FIX_SAFE);
        ok = cf_edit_replace_tree(f, c->doc, n, cf_tree_node(n->u.items[0]));
    }
    if (ok) {
        cf_diag_add_fix(d, f);
    } else if (f) {
        cf_fix_free(f);
        free(f);
    }
}

static const struct {
    const char *rule;
    generator fn;
} generators[] = {
    {"E1001", fix_top_level},
    {"E1010", fix_resource_ref},
    {"E1015", fix_getazs_null},
    {"E1017", fix_getazs_null},
    {"E1019", fix_ref},
    {"E1020", fix_ref},
    {"E1022", fix_join_args},
    {"E1028", fix_condition_ref},
    {"E1029", fix_missing_sub},
    {"E2531", fix_runtime},
    {"E2533", fix_runtime},
    {"E3002", fix_property_name},
    {"E3005", fix_resource_ref},
    {"E3012", fix_type_shape},
    {"E3015", fix_condition_ref},
    {"E3025", fix_instance_class},
    {"E3030", fix_enum},
    {"E3062", fix_instance_class},
    {"E3647", fix_instance_class},
    {"E3690", fix_rds_version},
    {"E3694", fix_instance_class},
    {"E3691", fix_rds_version},
    {"E6005", fix_condition_ref},
    {"E6101", fix_ref},
    {"E8001", fix_condition_ref},
    {"E8004", fix_condition_ref},
    {"E8005", fix_condition_ref},
    {"E8006", fix_condition_ref},
    {"E9101", fix_deploy_failure},
    {"W1020", fix_needless_sub},
    {"W2001", fix_unused_parameter},
    {"W2501", fix_no_echo},
    {"W2531", fix_runtime},
    {"W3005", fix_redundant_depends_on},
    {"W3010", fix_hardcoded_az},
    {"W3011", fix_policies},
    {"W3687", fix_ignored_ports},
    {"W4001", fix_interface_name},
    {"W3690", fix_rds_version},
    {"W3691", fix_rds_version},
    {"W7001", fix_unused_mapping},
    {"W8001", fix_unused_condition},
    {"W9002", fix_number_text},
};

void cf_fixes_suggest(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *ds)
{
    if (!doc->root)
        return;
    cf_template tpl;
    cf_template_init(&tpl, doc);
    fix_ctx c = {doc, opts, opts ? opts->spec : NULL, &tpl, ds};
    for (size_t i = 0; i < ds->n; i++) {
        cf_diag *d = &ds->v[i];
        if (!d->node || d->nfixes)
            continue;
        for (size_t g = 0; g < sizeof generators / sizeof generators[0]; g++)
            if (!strcmp(generators[g].rule, d->rule->id))
                generators[g].fn(&c, d);
        for (size_t k = 0; k < d->nfixes; k++)
            cf_fix_locate(&d->fixes[k], doc);
    }
    cf_template_free(&tpl);
}

bool cf_fixes_has_generator(const char *rule)
{
    for (size_t g = 0; g < sizeof generators / sizeof generators[0]; g++)
        if (!strcmp(generators[g].rule, rule))
            return true;
    return false;
}

void cf_fixes_drop_unverified(const cf_doc *doc, const cf_lint_opts *opts, cf_diags *ds)
{
    if (!doc->root || doc->failed)
        return;
    cf_fix_judge judge = {opts, ds, false};
    for (size_t i = 0; i < ds->n; i++) {
        cf_diag *d = &ds->v[i];
        bool *keep = xcalloc(d->nfixes + 1, sizeof *keep);
        for (size_t k = 0; k < d->nfixes; k++) {
            const cf_fix *f = &d->fixes[k];
            if (f->applicability == CF_FIX_DISPLAY) {
                keep[k] = true;
                continue;
            }
            cf_fix_result res;
            cf_fix_apply_judged(doc, &f, 1, &judge, NULL, NULL, &res);
            keep[k] = res.doc && res.patch.nfixes == 1 && res.patch.fixes[0] == f;
            cf_fix_result_free(&res);
        }
        size_t w = 0;
        for (size_t k = 0; k < d->nfixes; k++) {
            if (keep[k])
                d->fixes[w++] = d->fixes[k];
            else
                cf_fix_free(&d->fixes[k]);
        }
        d->nfixes = w;
        free(keep);
    }
}
