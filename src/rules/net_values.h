/* Helpers the network rules share (vpc_cidrs.c and its neighbours): the
 * values a property takes as cfn-lint's get_value_from_path yields them
 * (each Fn::If branch under its condition, AWS::NoValue as no value), and
 * IP networks read as Python's ipaddress.ip_network reads them. */
#ifndef CFNFIX_RULES_NET_VALUES_H
#define CFNFIX_RULES_NET_VALUES_H

#include "../cond_model.h"
#include "../lint.h"

#include <stdbool.h>
#include <stdint.h>

/* Call fn for each value n takes: an Fn::If's branches (nested ones too)
 * with their condition added to *base (a branch that cannot be taken
 * under it is skipped), AWS::NoValue or an absent n as NULL, anything
 * else (a function included) as itself.  A malformed Fn::If yields
 * nothing. */
typedef void (*net_value_fn)(cf_lint_ctx *ctx, const cf_node *value, const cf_scenario *s, void *arg);
void net_values(cf_lint_ctx *ctx, const cf_node *n, const cf_scenario *base, net_value_fn fn, void *arg);
/* cfn-lint's get_value_from_path: the values at path (a NULL-terminated
 * list of keys, "*" for each item of a list) under n, NULL for none, each
 * with the conditions of the Fn::Ifs met on the way. */
void net_walk(cf_lint_ctx *ctx, const cf_node *n, const char *const *path, const cf_scenario *s, net_value_fn fn,
              void *arg);
/* Whether a and b can hold at once. */
bool net_scenarios_meet(cf_lint_ctx *ctx, const cf_scenario *a, const cf_scenario *b);

/* An IP network, as ip_network(text) (strict) makes it. */
typedef struct net_cidr {
    int version;      /* 4 or 6 */
    uint8_t addr[16]; /* network address (4 bytes used for IPv4) */
    int prefix;
} net_cidr;

/* Parse a string scalar; false when it is not one or Python would refuse
 * it (netmask forms, which Python also takes, are refused: not judged). */
bool net_cidr_parse(const cf_node *n, net_cidr *out);
/* str(network): "10.0.0.0/16", "2001:db8::/56"; out holds 64 bytes. */
void net_cidr_text(const net_cidr *c, char *out);
/* a.subnet_of(b) (same version only). */
bool net_cidr_within(const net_cidr *a, const net_cidr *b);
/* a.overlaps(b) (same version only). */
bool net_cidr_overlaps(const net_cidr *a, const net_cidr *b);

/* A YAML/JSON boolean true (PyYAML's true, True, yes, on, ...): Python's
 * `value is True`. */
bool net_is_true(const cf_node *n);

#endif
