#!/bin/sh
# Write a template of N resources (default 12000), each with a !Ref to a
# name that is not there: N findings (E1020) whose messages list the names
# a Ref may use.  Listed in full, the output grows as N squared (1.3 GB for
# 12,000); cfnfix lists at most 1,000.  usage: gen-badrefs.sh [N]
n=${1:-12000}
awk -v n="$n" 'BEGIN {
    print "Resources:"
    for (i = 0; i < n; i++)
        printf "  Topic%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Missing%d\n", i, i
}'
