#!/bin/sh
# Write a template of N parameters (default 4000), each with an
# AllowedPattern that backtracks exponentially, (a+)+$, and a Default it
# does not allow (each parameter also unused: W2001).  Unbounded, each
# match runs for ever.  usage: gen-regex.sh [N]
n=${1:-4000}
awk -v n="$n" 'BEGIN {
    print "Parameters:"
    for (i = 0; i < n; i++)
        printf "  P%d:\n    Type: String\n    AllowedPattern: \"(a+)+$\"\n    Default: %sb\n", i, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    print "Resources:"
    print "  Topic:"
    print "    Type: AWS::SNS::Topic"
}'
