#!/bin/sh
# Every fix cfnfix offers on the shared corpus of real templates, applied
# alone, must re-parse, verify, keep the bytes outside its edits, and make
# its finding go away; applied all at once as `fix --apply --unsafe` does
# (through the verifier that re-lints), the result must parse, bring no
# finding at a fixed one's level or above, and a second run must change
# nothing (tests/fixcheck.c).  One test per corpus set; the coverage
# (findings with a fix), in all and per rule id (findings, fixed, safe,
# unsafe, display-only), is printed as comments.  Skips cleanly without
# ../shared.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
root=$top_srcdir/../shared/corpus
sets="aws-cloudformation-templates aws-quickstart cfn_nag serverless-patterns"
if [ ! -f "$root/aws-cloudformation-templates.list" ]; then
    echo "1..0 # SKIP the shared corpus is not here ($root)"
    exit 0
fi
CFNFIX_DATA=$top_srcdir/share/cfnfix/spec.cfx
export CFNFIX_DATA
n=0
echo "1..4"
for set in $sets; do
    n=$((n + 1))
    if [ ! -f "$root/$set.list" ]; then
        echo "ok $n - $set # SKIP not in the corpus"
        continue
    fi
    out=$(cd "$root/$set" && xargs "$top_builddir/tests/fixcheck" --by-rule --date 2026-11-28 < "../$set.list")
    status=$?
    echo "$out" | grep '^FAIL' | sed 's/^/# /'
    echo "$out" | grep -E '^(coverage|whole files|by-rule):' | sed "s/^/# $set: /"
    summary=$(echo "$out" | tail -n 1)
    if [ $status -eq 0 ]; then
        echo "ok $n - $set: $summary"
    else
        echo "not ok $n - $set: $summary"
    fi
done
