#!/bin/sh
# Every fix cfnfix offers on the shared corpus of real templates, applied
# alone, must re-parse, verify, keep the bytes outside its edits, and make
# its finding go away (tests/fixcheck.c).  Skips cleanly without ../shared.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
corpus=$top_srcdir/../shared/corpus/aws-cloudformation-templates
list=$top_srcdir/../shared/corpus/aws-cloudformation-templates.list
if [ ! -f "$list" ]; then
    echo "1..0 # SKIP the shared corpus is not here ($corpus)"
    exit 0
fi
CFNFIX_DATA=$top_srcdir/share/cfnfix/spec.cfx
export CFNFIX_DATA
out=$(cd "$corpus" && xargs "$top_builddir/tests/fixcheck" --date 2026-11-28 < "$list")
status=$?
echo "$out" | grep '^FAIL' | sed 's/^/# /'
summary=$(echo "$out" | tail -n 1)
echo "1..1"
if [ $status -eq 0 ]; then
    echo "ok 1 - $summary"
else
    echo "not ok 1 - $summary"
fi
