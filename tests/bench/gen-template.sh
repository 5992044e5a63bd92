#!/bin/sh
# Write a syntactically rich, valid CloudFormation template of about N MB
# to stdout (default 10): buckets, queues, roles and functions with tags,
# short forms, policies and comments.  For benchmarks of large templates.
mb=${1:-10}
awk -v mb="$mb" 'BEGIN {
    target = mb * 1024 * 1024
    print "AWSTemplateFormatVersion: \"2010-09-09\""
    print "Description: generated benchmark template"
    print "Parameters:"
    print "  Env:"
    print "    Type: String"
    print "    AllowedValues: [dev, prod]"
    print "    Default: dev"
    print "Conditions:"
    print "  IsProd: !Equals [!Ref Env, prod]"
    print "Resources:"
    size = 300
    for (i = 0; size < target; i++) {
        s = ""
        s = s sprintf("  # resource group %d\n", i)
        s = s sprintf("  Bucket%d:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n", i)
        s = s sprintf("      BucketName: !Sub \"${AWS::StackName}-bucket-%d\"\n", i)
        s = s sprintf("      VersioningConfiguration:\n        Status: Enabled\n")
        s = s sprintf("      Tags:\n        - Key: Name\n          Value: bucket-%d\n        - Key: Env\n          Value: !Ref Env\n", i)
        s = s sprintf("  Queue%d:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n      MessageRetentionPeriod: !If [IsProd, 1209600, 345600]\n", i)
        s = s sprintf("  Role%d:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n", i)
        s = s sprintf("      Policies:\n        - PolicyName: access\n          PolicyDocument:\n            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Allow\n                Action: [\"s3:GetObject\", \"sqs:SendMessage\"]\n                Resource:\n                  - !Sub \"${Bucket%d.Arn}/*\"\n                  - !GetAtt Queue%d.Arn\n", i, i)
        s = s sprintf("  Function%d:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Role: !GetAtt Role%d.Arn\n      Timeout: 30\n      Code:\n        ZipFile: |\n          def handler(event, context):\n              return {\"ok\": %d}\n      Environment:\n        Variables:\n          QUEUE_URL: !Ref Queue%d\n          BUCKET: !Ref Bucket%d\n", i, i, i, i, i)
        printf "%s", s
        size += length(s)
    }
}'
