#!/bin/sh
# Write a CloudFormation template of about N MB (default 1) as minified
# JSON: the whole template on one line, as build tools emit it.  Every
# resource group carries one finding (DelaySeconds over its maximum, E3034),
# so each finding's column lies far into the one long line.
# usage: gen-minified.sh [MB]
mb=${1:-1}
awk -v mb="$mb" 'BEGIN {
    target = mb * 1024 * 1024
    s = "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"Env\":{\"Type\":\"String\",\"Default\":\"dev\"}},\"Resources\":{"
    printf "%s", s
    size = length(s)
    for (i = 0; size < target; i++) {
        s = (i ? "," : "")
        s = s sprintf("\"Bucket%d\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"BucketName\":{\"Fn::Sub\":\"${AWS::StackName}-b%d\"},\"Tags\":[{\"Key\":\"Env\",\"Value\":{\"Ref\":\"Env\"}}]}}", i, i)
        s = s sprintf(",\"Queue%d\":{\"Type\":\"AWS::SQS::Queue\",\"Properties\":{\"DelaySeconds\":1000,\"VisibilityTimeout\":60,\"Tags\":[{\"Key\":\"Name\",\"Value\":\"q%d\"}]}}", i, i)
        printf "%s", s
        size += length(s)
    }
    print "}}"
}'
