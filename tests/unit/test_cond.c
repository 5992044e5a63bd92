/* The condition model: the SAT solver on its own, then templates whose
 * conditions imply, exclude and bound each other, scenario enumeration,
 * parameter values under a scenario, the conditions in force at a node,
 * and the bounds (long chains, wide comparisons, cycles). */
#include "tap.h"

#include "cond_model.h"
#include "doc.h"
#include "sat.h"
#include "template.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct loaded {
    cf_doc *doc;
    cf_template t;
    cf_conds *m;
} loaded;

/* The model keeps a pointer to the template: l must not move. */
static void load(loaded *l, const char *text)
{
    size_t n = strlen(text);
    char *bytes = xmalloc(n + 1);
    memcpy(bytes, text, n);
    l->doc = cf_doc_load_buffer("t.yaml", bytes, n);
    cf_template_init(&l->t, l->doc);
    l->m = cf_conds_new(&l->t);
}

static void unload(loaded *l)
{
    cf_conds_free(l->m);
    cf_template_free(&l->t);
    cf_doc_free(l->doc);
}

static uint32_t idx(const loaded *l, const char *name)
{
    long i = cf_conds_find(l->m, name, strlen(name));
    if (i < 0) {
        diag("no condition %s", name);
        abort();
    }
    return (uint32_t)i;
}

/* A scenario from "A=1,B=0". */
static cf_scenario scen(const loaded *l, const char *spec)
{
    cf_scenario s = {0};
    char *copy = xstrdup(spec), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        *eq = '\0';
        cf_scenario_set(&s, idx(l, tok), eq[1] == '1');
    }
    free(copy);
    return s;
}

static bool possible(loaded *l, const char *spec)
{
    cf_scenario s = scen(l, spec);
    return cf_conds_possible(l->m, &s);
}

static void test_sat(void)
{
    cf_sat *s = cf_sat_new();
    int32_t a = (int32_t)cf_sat_var(s) + 1, b = (int32_t)cf_sat_var(s) + 1, c = (int32_t)cf_sat_var(s) + 1;
    int32_t d = (int32_t)cf_sat_var(s) + 1; /* a component of its own */
    int32_t c1[2] = {-a, b}, c2[2] = {-b, c}, c3[3] = {a, b, c};
    cf_sat_clause(s, c1, 2);
    cf_sat_clause(s, c2, 2);
    cf_sat_clause(s, c3, 3);
    cf_sat_seal(s);
    int32_t q1[2] = {a, -c};
    ok(cf_sat_solve(s, q1, 2) == CF_SAT_NO, "sat: a -> b -> c, so a and not c cannot hold");
    int32_t q2[1] = {-c};
    ok(cf_sat_solve(s, q2, 1) == CF_SAT_NO, "sat: not c forces not a, not b, against a|b|c");
    int32_t q3[2] = {b, d};
    ok(cf_sat_solve(s, q3, 2) == CF_SAT_YES, "sat: b with a free variable of another component");
    int32_t q4[2] = {d, -d};
    ok(cf_sat_solve(s, q4, 2) == CF_SAT_NO, "sat: a literal and its negation");
    ok(cf_sat_solve(s, q1, 2) == CF_SAT_NO, "sat: the same question twice, same answer");
    cf_sat_free(s);

    /* pigeonhole 4 into 3: needs search, not only propagation */
    s = cf_sat_new();
    int32_t p[4][3];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 3; j++)
            p[i][j] = (int32_t)cf_sat_var(s) + 1;
    for (int i = 0; i < 4; i++)
        cf_sat_clause(s, p[i], 3);
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < 4; i++)
            for (int k = i + 1; k < 4; k++) {
                int32_t cl[2] = {-p[i][j], -p[k][j]};
                cf_sat_clause(s, cl, 2);
            }
    cf_sat_seal(s);
    int32_t q[1] = {p[0][0]};
    ok(cf_sat_solve(s, q, 1) == CF_SAT_UNKNOWN, "sat: an unsatisfiable component answers unknown, not no");
    cf_sat_free(s);

    s = cf_sat_new();
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 3; j++)
            p[i][j] = (int32_t)cf_sat_var(s) + 1;
    for (int i = 0; i < 3; i++)
        cf_sat_clause(s, p[i], 3);
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < 4; i++)
            for (int k = i + 1; k < 4; k++) {
                int32_t cl[2] = {-p[i][j], -p[k][j]};
                cf_sat_clause(s, cl, 2);
            }
    cf_sat_seal(s);
    int32_t q5[3] = {p[3][0], p[3][1], p[3][2]};
    ok(cf_sat_solve(s, q5, 3) == CF_SAT_NO, "sat: pigeonhole with the fourth placed everywhere");
    int32_t q6[1] = {p[3][0]};
    ok(cf_sat_solve(s, q6, 1) == CF_SAT_NO, "sat: pigeonhole, the fourth takes a hole the other three need");
    int32_t q7[1] = {-p[3][0]};
    ok(cf_sat_solve(s, q7, 1) == CF_SAT_YES, "sat: pigeonhole with room left");
    cf_sat_set_budget(s, 3);
    ok(cf_sat_solve(s, q5, 3) == CF_SAT_UNKNOWN, "sat: out of budget is unknown");
    cf_sat_free(s);
}

static const char *const definitions =
    "Parameters:\n"
    "  Env: {Type: String, AllowedValues: [dev, test, prod]}\n"
    "  Port: {Type: String, Default: ''}\n"
    "  Size: {Type: String, AllowedValues: [small, large]}\n"
    "  Enabled: {Type: String, AllowedValues: ['true', 'false']}\n"
    "Conditions:\n"
    "  IsDev: !Equals [!Ref Env, dev]\n"
    "  IsProd: !Equals [prod, !Ref Env]\n"
    "  IsTest: !Equals [!Ref Env, test]\n"
    "  IsStaging: !Equals [!Ref Env, staging]\n"
    "  NotProd: !Not [!Condition IsProd]\n"
    "  DevOrTest: !Or [!Condition IsDev, !Condition IsTest]\n"
    "  HasPort: !Not [!Equals [!Ref Port, '']]\n"
    "  Port80: !Equals [!Ref Port, '80']\n"
    "  Both: !And [!Condition HasPort, !Condition IsProd]\n"
    "  IsSmall: !Equals [!Ref Size, small]\n"
    "  InEast: !Equals [!Ref 'AWS::Region', us-east-1]\n"
    "  InWest: !Equals [!Ref 'AWS::Region', us-west-2]\n"
    "  Always: !Equals [a, a]\n"
    "  Never: !Equals [a, b]\n"
    "  SelfLoop: !Not [!Condition SelfLoop]\n"
    "  Broken: !Equals [only-one]\n"
    "  Bare: true\n"
    "  Flag: !Equals [!Ref Enabled, true]\n"
    "  NoFlag: !Equals [!Ref Enabled, 'false']\n"
    "Resources:\n"
    "  R:\n"
    "    Type: AWS::SNS::Topic\n"
    "    Condition: IsProd\n"
    "    Properties:\n"
    "      TopicName: !If [HasPort, !If [IsDev, a, b], c]\n"
    "Outputs:\n"
    "  O:\n"
    "    Condition: DevOrTest\n"
    "    Value: !If [NotProd, x, y]\n";

static void test_definitions(void)
{
    loaded l;
    load(&l, definitions);
    ok(possible(&l, "IsDev=1"), "a condition alone can hold");
    ok(!possible(&l, "IsDev=1,IsProd=1"), "one parameter cannot equal two values");
    ok(!possible(&l, "IsDev=0,IsProd=0,IsTest=0"), "every allowed value compared: one comparison holds");
    ok(possible(&l, "IsDev=0,IsProd=0"), "two of three allowed values false leaves the third");
    ok(!possible(&l, "IsStaging=1"), "a value outside AllowedValues never matches");
    ok(!possible(&l, "NotProd=1,IsProd=1"), "Fn::Not of a Condition");
    ok(!possible(&l, "DevOrTest=1,IsProd=1"), "Fn::Or excludes through the parameter");
    ok(possible(&l, "DevOrTest=0"), "Fn::Or can be false");
    ok(!possible(&l, "Both=1,IsDev=1"), "Fn::And implies its parts");
    ok(!possible(&l, "Both=1,HasPort=0"), "Fn::And with a false part");
    ok(!possible(&l, "Port80=1,HasPort=0"), "Port '80' is not Port ''");
    ok(possible(&l, "Port80=0,HasPort=1"), "a port neither '' nor '80'");
    ok(possible(&l, "IsSmall=0"), "two allowed values, one compared: the other remains");
    ok(!possible(&l, "InEast=1,InWest=1"), "a pseudo parameter equals one value too");
    ok(possible(&l, "Always=0") && possible(&l, "Always=1"), "a comparison fixed before deployment is free (W8003's)");
    ok(possible(&l, "Never=1") && possible(&l, "Never=0"), "two different literals: free too");
    ok(possible(&l, "SelfLoop=1") && possible(&l, "SelfLoop=0"), "a condition naming itself is free");
    ok(possible(&l, "Broken=1") && possible(&l, "Broken=0"), "an unreadable condition is free");
    ok(possible(&l, "SelfLoop=1,IsDev=1,HasPort=1"), "free conditions combine with others");
    ok(possible(&l, "Bare=1") && possible(&l, "Bare=0"), "a bare true where a condition function belongs is free");
    ok(possible(&l, "Flag=1"), "a boolean compares as 'true': inside AllowedValues ['true', 'false']");
    ok(!possible(&l, "Flag=0,NoFlag=0"), "'true' and 'false' cover the AllowedValues");

    cf_scenario s = scen(&l, "IsProd=1");
    ok(cf_conds_implied(l.m, &s, idx(&l, "NotProd")) == 0, "implied: IsProd makes NotProd false");
    ok(cf_conds_implied(l.m, &s, idx(&l, "IsDev")) == 0, "implied: IsProd makes IsDev false");
    ok(cf_conds_implied(l.m, &s, idx(&l, "HasPort")) == -1, "implied: HasPort open under IsProd");
    s = scen(&l, "Both=1");
    ok(cf_conds_implied(l.m, &s, idx(&l, "IsProd")) == 1, "implied: Both makes IsProd true");
    s = scen(&l, "IsDev=0,IsTest=0");
    ok(cf_conds_implied(l.m, &s, idx(&l, "IsProd")) == 1, "implied: the last allowed value remains");

    s = scen(&l, "HasPort=1");
    ok(!cf_conds_value_possible(l.m, &s, "Port", ""), "value: under HasPort, Port is not ''");
    ok(cf_conds_value_possible(l.m, &s, "Port", "443"), "value: under HasPort, Port can be '443'");
    s = scen(&l, "HasPort=0");
    ok(!cf_conds_value_possible(l.m, &s, "Port", "443"), "value: when HasPort is false, Port is ''");
    s = scen(&l, "IsDev=1");
    ok(!cf_conds_value_possible(l.m, &s, "Env", "prod"), "value: under IsDev, Env is not prod");
    ok(cf_conds_value_possible(l.m, &s, "Env", "dev"), "value: under IsDev, Env is dev");
    ok(cf_conds_value_possible(l.m, &s, "Size", "large"), "value: a parameter the scenario does not touch");
    s = scen(&l, "Port80=1");
    ok(!cf_conds_value_possible(l.m, &s, "Port", "8080"), "value: Port80 pins Port");
    unload(&l);
}

typedef struct collected {
    cf_scenario s[CF_MAX_SCENARIOS + 1];
    size_t n;
} collected;

static void collect(const cf_scenario *s, void *arg)
{
    collected *c = arg;
    if (c->n <= CF_MAX_SCENARIOS)
        c->s[c->n++] = *s;
}

static void test_scenarios(void)
{
    loaded l;
    load(&l, definitions);
    collected *c = xcalloc(1, sizeof *c);
    uint32_t conds[3] = {idx(&l, "IsDev"), idx(&l, "IsProd"), idx(&l, "IsTest")};
    cf_scenario base = {0};
    size_t n = cf_conds_each_scenario(l.m, &base, conds, 3, collect, c);
    ok(n == 3 && c->n == 3, "scenarios: three exclusive, exhaustive conditions give 3 of 8 (%zu)", n);
    ok(cf_scenario_get(&c->s[0], conds[0]) == 1 && cf_scenario_get(&c->s[0], conds[1]) == 0,
       "scenarios: in order, all-true first (IsDev true)");
    c->n = 0;
    base = scen(&l, "IsProd=1");
    n = cf_conds_each_scenario(l.m, &base, conds, 3, collect, c);
    ok(n == 1 && cf_scenario_get(&c->s[0], conds[1]) == 1, "scenarios: a base scenario keeps its value");
    c->n = 0;
    uint32_t same[2] = {idx(&l, "HasPort"), idx(&l, "HasPort")};
    base.n = 0;
    n = cf_conds_each_scenario(l.m, &base, same, 2, collect, c);
    ok(n == 2, "scenarios: a condition named twice is chosen once (%zu)", n);
    free(c);
    unload(&l);

    /* 10 independent conditions: 1024 assignments, only 128 tried */
    cf_buf b = {0};
    buf_adds(&b, "Parameters:\n");
    for (int i = 0; i < 10; i++)
        buf_printf(&b, "  P%d: {Type: String}\n", i);
    buf_adds(&b, "Conditions:\n");
    for (int i = 0; i < 10; i++)
        buf_printf(&b, "  C%d: !Equals [!Ref P%d, x]\n", i, i);
    buf_adds(&b, "Resources: {}\n");
    load(&l, b.data);
    buf_free(&b);
    c = xcalloc(1, sizeof *c);
    uint32_t ten[10];
    for (int i = 0; i < 10; i++) {
        char name[16];
        snprintf(name, sizeof name, "C%d", i);
        ten[i] = idx(&l, name);
    }
    base.n = 0;
    n = cf_conds_each_scenario(l.m, &base, ten, 10, collect, c);
    ok(n == CF_MAX_SCENARIOS, "scenarios: bounded at %d tries (%zu)", CF_MAX_SCENARIOS, n);
    free(c);
    unload(&l);
}

static const cf_node *at_path(const cf_node *n, const char *const *path)
{
    for (; *path && n; path++) {
        if (n->kind == CF_SEQUENCE)
            n = (uint32_t)atoi(*path) < n->len ? n->u.items[atoi(*path)] : NULL;
        else
            n = cf_map_get(n, *path);
    }
    return n;
}

static void test_at(void)
{
    loaded l;
    load(&l, definitions);
    static const char *const inner[] = {"Resources", "R", "Properties", "TopicName", "Fn::If", "1", "Fn::If", "2", NULL};
    cf_scenario s;
    const cf_node *n = at_path(l.doc->root, inner);
    ok(n && cf_conds_at(l.m, &l.t, n, &s), "at: found the inner branch");
    ok(s.n == 3 && cf_scenario_get(&s, idx(&l, "IsProd")) == 1 && cf_scenario_get(&s, idx(&l, "HasPort")) == 1 &&
           cf_scenario_get(&s, idx(&l, "IsDev")) == 0,
       "at: resource Condition and both Fn::If branches");
    static const char *const out[] = {"Outputs", "O", "Value", "Fn::If", "2", NULL};
    n = at_path(l.doc->root, out);
    cf_conds_at(l.m, &l.t, n, &s);
    ok(s.n == 2 && cf_scenario_get(&s, idx(&l, "DevOrTest")) == 1 && cf_scenario_get(&s, idx(&l, "NotProd")) == 0,
       "at: an output's Condition and its Fn::If");
    ok(!cf_conds_possible(l.m, &s), "at: DevOrTest with NotProd false cannot happen");
    static const char *const top[] = {"Resources", "R", "Type", NULL};
    n = at_path(l.doc->root, top);
    cf_conds_at(l.m, &l.t, n, &s);
    ok(s.n == 1, "at: a resource's Type is under its Condition");
    unload(&l);
}

/* Long chains and wide comparisons stay cheap: every question here is
 * answered by propagation, whatever the template's size. */
static void test_bounds(void)
{
    cf_buf b = {0};
    buf_adds(&b, "Parameters:\n  P: {Type: String}\nConditions:\n  C0: !Equals [!Ref P, v0]\n");
    for (int i = 1; i < 20000; i++)
        buf_printf(&b, "  C%d: !Not [!Condition C%d]\n", i, i - 1);
    for (int i = 0; i < 2000; i++)
        buf_printf(&b, "  W%d: !Equals [!Ref P, w%d]\n", i, i);
    buf_adds(&b, "Resources: {}\n");
    loaded l;
    load(&l, b.data);
    buf_free(&b);
    cf_scenario s = scen(&l, "C19999=1,W5=1");
    ok(cf_conds_possible(l.m, &s), "bounds: the end of a 20000-long chain with a wide comparison");
    s = scen(&l, "C19998=1,C19999=1");
    ok(!cf_conds_possible(l.m, &s), "bounds: neighbours in the chain contradict");
    s = scen(&l, "W5=1,W6=1");
    ok(!cf_conds_possible(l.m, &s), "bounds: two of 2000 values of one parameter exclude");
    s = scen(&l, "W5=1,C0=1");
    ok(!cf_conds_possible(l.m, &s), "bounds: w5 is not v0");
    unload(&l);
}

int main(void)
{
    test_sat();
    test_definitions();
    test_scenarios();
    test_at();
    test_bounds();
    return tap_done();
}
