#!/bin/sh
# Write a template with one Fn::Sub that defines VARIABLES names in its
# variable map and uses each once: every use is looked up in that map
# (a scan per use made it quadratic: issue 16).  usage: gen-sub.sh [VARIABLES]
n=${1:-100000}
awk -v n="$n" 'BEGIN {
    print "AWSTemplateFormatVersion: \"2010-09-09\""
    print "Resources:"
    print "  Topic:"
    print "    Type: AWS::SNS::Topic"
    print "    Properties:"
    print "      TopicName: !Sub"
    printf "        - \""
    for (i = 0; i < n; i++)
        printf "${V%d}", i
    print "\""
    for (i = 0; i < n; i++)
        printf "        %s V%d: v%d\n", i ? " " : "-", i, i
}'
