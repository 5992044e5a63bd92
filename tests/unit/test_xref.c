/* The cross-reference index and the creation order: what is under a
 * cursor, a symbol's uses, and what a resource needs and is needed by. */
#include "../../src/stack_order.h"
#include "../../src/util.h"
#include "../../src/xref.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static const char TEMPLATE[] =
    "Parameters:\n"
    "  Env: {Type: String}\n"
    "Resources:\n"
    "  Key:\n"
    "    Type: AWS::KMS::Key\n"
    "  Queue:\n"
    "    Type: AWS::SQS::Queue\n"
    "    Properties:\n"
    "      KmsMasterKeyId: !GetAtt Key.Arn\n"
    "      QueueName: !Sub '${Env}-${AWS::Region}'\n"
    "  Topic:\n"
    "    Type: AWS::SNS::Topic\n"
    "    DependsOn: [Queue]\n";

/* byte offset of the n-th occurrence (0-based) of s in TEMPLATE */
static uint32_t at(const char *s, int n)
{
    const char *p = TEMPLATE;
    for (;;) {
        p = strstr(p, s);
        if (!p || !n--)
            break;
        p++;
    }
    return p ? (uint32_t)(p - TEMPLATE) : 0;
}

int main(void)
{
    char *bytes = xstrdup(TEMPLATE);
    cf_doc *doc = cf_doc_load_buffer("t.yaml", bytes, strlen(bytes));
    ok(doc && !doc->failed, "the template loads");
    cf_template t;
    cf_template_init(&t, doc);
    cf_xref x;
    cf_xref_build(&x, &t);

    long key = cf_xref_find(&x, CF_SYM_RESOURCE, "Key", 3);
    long env = cf_xref_find(&x, CF_SYM_PARAMETER, "Env", 3);
    long queue = cf_xref_find(&x, CF_SYM_RESOURCE, "Queue", 5);
    ok(key >= 0 && env >= 0 && queue >= 0, "definitions are found by kind and name");
    ok(cf_xref_find(&x, CF_SYM_PARAMETER, "Key", 3) < 0, "a name is looked up in its own kind only");

    const cf_use *u;
    ok(cf_xref_at(&x, at("Key.Arn", 0), &u) == key && u && u->kind == CF_USE_GETATT,
       "the cursor on a Fn::GetAtt's resource name is a use of the resource");
    ok(cf_xref_at(&x, at("Key.Arn", 0) + 2, &u) == key, "anywhere inside the name");
    ok(cf_xref_at(&x, at("Key.Arn", 0) + 3, &u) < 0, "the attribute is not the resource");
    ok(cf_xref_at(&x, at("Env}", 0) + 1, &u) == env && u && u->kind == CF_USE_SUB, "${Env} inside a quoted Fn::Sub");
    long region = cf_xref_find(&x, CF_SYM_PSEUDO, "AWS::Region", 11);
    ok(region >= 0 && cf_xref_at(&x, at("AWS::Region", 0), &u) == region, "a pseudo parameter in Fn::Sub");
    ok(cf_xref_at(&x, at("Queue]", 0), &u) == queue && u->kind == CF_USE_DEPENDS_ON && u->owner == 2,
       "a DependsOn list item, owned by the resource it is in");
    ok(cf_xref_at(&x, at("Key:", 0), &u) == key && !u, "the cursor on a definition's key is the symbol itself");
    ok(cf_xref_at(&x, at("Type: AWS::SQS", 0), &u) < 0, "elsewhere: nothing");
    ok(cf_xref_defined_in(&x, CF_SYM_RESOURCE, at("KmsMasterKeyId", 0)) == queue,
       "a cursor inside Queue's properties is in Queue's definition");
    ok(cf_xref_defined_in(&x, CF_SYM_RESOURCE, at("Queue:", 0)) == queue, "its key too");
    ok(cf_xref_defined_in(&x, CF_SYM_RESOURCE, at("Env:", 0)) < 0 &&
           cf_xref_defined_in(&x, CF_SYM_PARAMETER, at("String", 0)) == env,
       "a parameter's body is in the parameter, in no resource");
    ok(x.syms[key].nuses == 1 && x.syms[queue].nuses == 1 && x.syms[env].nuses == 1, "each symbol's uses");

    cf_stack_order o;
    cf_stack_order_build(&o, &t, &x);
    ok(o.nwaves == 3 && o.wave[0] == 0 && o.wave[1] == 1 && o.wave[2] == 2, "Key, then Queue, then Topic");
    bool mark[3] = {false, false, false};
    ok(cf_stack_order_reach(&o, 2, false, mark) == 2 && mark[0] && mark[1], "Topic needs Queue and, through it, Key");
    memset(mark, 0, sizeof mark);
    ok(cf_stack_order_reach(&o, 0, true, mark) == 2 && mark[1] && mark[2], "Key is needed by Queue and Topic");
    cf_stack_order_free(&o);

    cf_xref_free(&x);
    cf_template_free(&t);
    cf_doc_free(doc);
    return tap_done();
}
