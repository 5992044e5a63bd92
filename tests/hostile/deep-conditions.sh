#!/bin/sh
# Write a template whose conditions form one long chain: C0 is
# !Not [!Condition C1], C1 is !Not [!Condition C2], ... and the last an
# Fn::Equals on a parameter; a bucket under C0 names itself by C1 (which
# C0 rules out).
# usage: deep-conditions.sh [CONDITIONS]
awk -v n="${1:-45000}" 'BEGIN {
    print "AWSTemplateFormatVersion: \"2010-09-09\""
    print "Parameters:\n  Env:\n    Type: String\n    Default: dev"
    print "Conditions:"
    for (i = 0; i < n - 1; i++)
        printf "  C%d: !Not [!Condition C%d]\n", i, i + 1
    printf "  C%d: !Equals [!Ref Env, prod]\n", n - 1
    print "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Condition: C0\n    Properties:\n      BucketName: !If [C1, my-bucket-a, my-bucket-b]"
}'
