#!/bin/sh
# A parameter with VALUES AllowedValues referred to by VALUES/8 resources,
# each Ref judging every value against the property (W1030), and a list
# parameter with the same values given VALUES/8 items by a parameter file
# (E2900): both were values x uses (issue 16).
#   gen-allowed.sh [VALUES]          the template
#   gen-allowed.sh VALUES given      the parameter file for --parameter-files
n=${1:-60000}
awk -v n="$n" -v mode="${2:-template}" 'BEGIN {
    uses = int(n / 8)
    if (mode == "given") {
        printf "[{\"ParameterKey\": \"Zones\", \"ParameterValue\": ["
        for (i = 0; i < uses; i++)
            printf "%s\"z%d\"", i ? ", " : "", (i * 7) % n
        print "]}]"
        exit
    }
    print "AWSTemplateFormatVersion: \"2010-09-09\""
    print "Parameters:"
    print "  Name:\n    Type: String\n    Default: v0\n    AllowedValues:"
    for (i = 0; i < n; i++)
        printf "      - v%d\n", i
    print "  Zones:\n    Type: CommaDelimitedList\n    Default: z0\n    AllowedValues:"
    for (i = 0; i < n; i++)
        printf "      - z%d\n", i
    print "Resources:"
    for (i = 0; i < uses; i++)
        printf "  Topic%d:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Name\n", i
    print "  Zoned:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Join [\"-\", !Ref Zones]"
}'
