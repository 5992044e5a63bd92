#!/bin/sh
# Write a valid template with many conditions and deeply nested Fn::If in
# every property: the shape that makes cfn-lint take minutes (its issues
# #3356, #3717, #4387).  usage: gen-conditions.sh [CONDITIONS] [DEPTH] [RESOURCES]
conds=${1:-80}
depth=${2:-6}
resources=${3:-40}
awk -v conds="$conds" -v depth="$depth" -v nres="$resources" '
# an If tree of the given depth whose leaves are a, b, a, b, ...
function nested(d, a, b,    c) {
    if (d == 0)
        return (n++ % 2) ? b : a
    c = "C" ((d * 7 + n++) % conds)
    return "!If [" c ", " nested(d - 1, a, b) ", " nested(d - 1, a, b) "]"
}
BEGIN {
    print "AWSTemplateFormatVersion: \"2010-09-09\""
    print "Parameters:"
    print "  Env:"
    print "    Type: String"
    print "    Default: dev"
    print "Conditions:"
    for (i = 0; i < conds; i++)
        printf "  C%d: !Equals [!Ref Env, env%d]\n", i, i
    print "Resources:"
    for (r = 0; r < nres; r++) {
        printf "  Queue%d:\n    Type: AWS::SQS::Queue\n    Properties:\n", r
        printf "      QueueName: %s\n", nested(depth, "jobs-" r, "work-" r)
        printf "      DelaySeconds: %s\n", nested(depth, 1, 2)
        printf "      VisibilityTimeout: %s\n", nested(depth, 30, 60)
        printf "      MaximumMessageSize: %s\n", nested(depth, 2048, 4096)
    }
    print "Outputs:"
    printf "  Name:\n    Value: %s\n", nested(depth, "a", "b")
}'
