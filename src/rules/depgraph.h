/* The dependency graph of a template's resources, as cfn-lint builds it
 * (cfnlint/graph.py): a node per resource, an edge per DependsOn entry,
 * Ref, Fn::GetAtt and Fn::Sub variable naming a resource.
 *
 * cfn-lint builds its graph on the template after the SAM transform, so
 * for a template with AWS::Serverless-2016-10-31 the graph is that of
 * the transformed template (sam_graph.c): a serverless resource becomes
 * the resources the transform makes of it, each with the references that
 * end up in it.  Nodes are in the transformed template's order, which is
 * the order cfn-lint searches for cycles in. */
#ifndef CFNFIX_RULES_DEPGRAPH_H
#define CFNFIX_RULES_DEPGRAPH_H

#include "../lint.h"
#include "../strmap.h"

typedef enum dep_kind { DEP_DEPENDS_ON, DEP_REF, DEP_GETATT } dep_kind;

/* cfn-lint adds a graph's edges in phases: every DependsOn, then every
 * Ref, every Fn::GetAtt, every Fn::Sub; that order decides which cycle
 * its search meets first. */
typedef enum dep_phase { PHASE_DEPENDS_ON, PHASE_REF, PHASE_GETATT, PHASE_SUB } dep_phase;

typedef struct dep_node {
    const char *name;          /* logical id in the graph; NULL: one the SAM
                                  transform makes from a hash (not reported) */
    const cf_resource *res;    /* the template's resource it is or comes from */
    bool generated;            /* made by the SAM transform: cfn-lint places
                                  findings about it on the Resources key */
    bool checked;              /* a mapping with a string Type (or none):
                                  cfn-lint's graph has it as a node */
} dep_node;

typedef struct dep_edge {
    size_t from, to;           /* node indexes */
    dep_kind kind;
    dep_phase phase;
    const cf_node *where;      /* the mapping holding the reference (NULL: made by the transform) */
    const cf_node *base;       /* when set, where's path is written from base_path ... */
    const char *base_path;     /* ... on (the transformed template's path); */
    const char *path;          /* or, for an edge the transform makes, its path */
} dep_edge;

/* A DependsOn the SAM transform writes (W3005 judges it too). */
typedef struct dep_made_dependency {
    size_t from, to;
    const cf_node *place;      /* where cfn-lint places a finding about it */
} dep_made_dependency;

typedef struct dep_graph {
    const cf_template *t;
    dep_node *nodes;
    size_t nnodes, nodes_cap;
    strmap index;              /* a name references resolve -> 1 + node index */
    size_t *node_of;           /* t->res[i] -> 1 + its node (its main one); 0: none */
    dep_edge *v;               /* after dep_graph_build: grouped by the node they leave */
    size_t n, cap;
    size_t *out_start;         /* node i's edges: v[out_start[i] .. out_start[i + 1]) */
    dep_made_dependency *made; /* DependsOn entries the transform writes */
    size_t nmade, made_cap;
    char **owned;              /* names and paths the graph made */
    size_t nowned, owned_cap;
} dep_graph;

/* Build the graph of t (the transformed one for a SAM template). */
void dep_graph_build(dep_graph *g, const cf_template *t);
void dep_graph_free(dep_graph *g);
/* The node a name resolves to, or -1. */
long dep_graph_find(const dep_graph *g, const char *name, size_t len);
/* The path text of an edge's reference ("Resources/A/Properties/X");
 * caller frees. */
char *dep_edge_path(const dep_graph *g, const dep_edge *e);

/* ---- for the builders (depgraph.c, sam_graph.c) ---- */

/* Keep a string the graph made (freed with it); returns it. */
const char *dep_keep(dep_graph *g, char *s);
size_t dep_add_node(dep_graph *g, const char *name, const cf_resource *res, bool generated);
/* Let references to `name` resolve to node (a resource's id, or a SAM
 * reference such as "MyApi.Stage"). */
void dep_name(dep_graph *g, const char *name, size_t node);
/* An edge to a node. */
void dep_add_edge(dep_graph *g, size_t from, size_t to, dep_kind kind, dep_phase phase, const char *path);
/* Every Ref, Fn::GetAtt and Fn::Sub variable under n, as edges from
 * `from`; base/base_path (may be NULL) say where n's references sit in
 * the transformed template, for path texts. */
void dep_add_refs(dep_graph *g, size_t from, const cf_node *n, const cf_node *base, const char *base_path);
/* A DependsOn the transform writes, placed at `place`. */
void dep_add_made_dependency(dep_graph *g, size_t from, size_t to, const cf_node *place);
/* A resource's DependsOn entries as edges from `from`. */
void dep_add_depends_on(dep_graph *g, size_t from, const cf_node *dep);

/* sam_graph.c: the nodes and edges of a SAM template after the transform. */
void sam_graph_build(dep_graph *g);

#endif
