#!/bin/sh
# Write a template of RESOURCES resources in one ring of dependencies
# (each DependsOn the next, the last on the first): cfn-lint looks for a
# cycle from every resource, and each search walks the whole ring unless
# the searches share their work (issue 16).  usage: gen-ring.sh [RESOURCES]
n=${1:-100000}
awk -v n="$n" 'BEGIN {
    print "AWSTemplateFormatVersion: \"2010-09-09\""
    print "Resources:"
    for (i = 0; i < n; i++) {
        printf "  Topic%d:\n    Type: AWS::SNS::Topic\n", i
        printf "    DependsOn: Topic%d\n", (i + 1) % n
    }
}'
