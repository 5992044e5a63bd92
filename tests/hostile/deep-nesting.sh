#!/bin/sh
# Write a template nested deep, for the depth bound (CF_MAX_DEPTH, 1000
# collections) and the walks that must survive it on a small stack.
# usage: deep-nesting.sh SHAPE [DEPTH]
#   aliases  31 anchors, each a list DEPTH deep (900) holding an alias of
#            the one before: 28,000 levels once expanded (the file)
#   alias-at an anchor DEPTH deep (994) and an alias of it 6 levels down:
#            994 + 6 = 1000 levels (at the bound), 995 + 6 is over it
#   list     a resource property holding lists DEPTH deep in all (990)
#   map      a resource property holding mappings DEPTH deep in all
#   if       Fn::If in Fn::If (each two levels: a mapping and its list)
#   base64   Fn::Base64 in Fn::Base64 (one mapping a level)
#   json     the list shape written as JSON
shape=$1
depth=${2:-}
awk -v shape="$shape" -v depth="$depth" '
function rep(s, n,    r) { r = ""; while (n-- > 0) r = r s; return r }
BEGIN {
    head = "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  P:\n    Type: String\nConditions:\n  C: !Equals [!Ref P, x]\n"
    bucket = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: C\n    Properties:\n"
    # the root mapping, Resources, B and Properties hold a property: 4 levels
    if (shape == "aliases") {
        d = depth ? depth : 900
        printf "%sMetadata:\n", head
        for (i = 0; i < 31; i++)
            printf "  K%d: &a%d %s%s%s\n", i, i, rep("[", d), i ? "*a" (i - 1) : "x", rep("]", d)
        printf "%s      BucketName: my-bucket\n", bucket
    } else if (shape == "alias-at") {
        d = depth ? depth : 994
        printf "%sMetadata:\n  K: &a %s%s\n", head, rep("[", d), rep("]", d)
        printf "  L: {a: {b: {c: {d: *a}}}}\n%s      BucketName: my-bucket\n", bucket
    } else if (shape == "list") {
        printf "%s%s      Tags: %sx%s\n", head, bucket, rep("[", (depth ? depth : 990) - 4), rep("]", (depth ? depth : 990) - 4)
    } else if (shape == "map") {
        printf "%s%s      BucketName: %sx%s\n", head, bucket, rep("{a: ", (depth ? depth : 990) - 4), rep("}", (depth ? depth : 990) - 4)
    } else if (shape == "if") {
        n = int(((depth ? depth : 990) - 4) / 2)
        printf "%s%s      BucketName: %sx%s\n", head, bucket, rep("!If [C, ", n), rep(", y]", n)
    } else if (shape == "base64") {
        n = (depth ? depth : 990) - 4
        printf "%s%s      BucketName: %sx%s\n", head, bucket, rep("{\"Fn::Base64\": ", n), rep("}", n)
    } else if (shape == "json") {
        n = (depth ? depth : 990) - 4
        printf "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"Tags\": %s\"x\"%s}}}}\n", rep("[", n), rep("]", n)
    } else {
        print "deep-nesting.sh: unknown shape " shape > "/dev/stderr"
        exit 2
    }
}'
