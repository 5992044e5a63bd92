#!/bin/sh
# `cfnfix rules` lists every rule id cfn-lint has (its --list-rules), save
# the ids in tests/data/rules-not-yet.txt, which cfnfix does not have yet;
# an id on that list that cfnfix now has fails too, so the list only
# shrinks.  Prints TAP; skips cleanly without cfn-lint.
set -u
: "${CFNFIX:?CFNFIX must point at the cfnfix binary}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
if ! command -v cfn-lint >/dev/null 2>&1; then
    echo "1..0 # SKIP cfn-lint is not installed"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfnfix-rules.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cfn-lint --list-rules 2>/dev/null | grep -oE '^[EWI][0-9]{4}' | sort -u > "$tmp/theirs"
"$CFNFIX" rules | grep -oE '^[EWI][0-9]{4}' | sort -u > "$tmp/ours"
grep -oE '^[EWI][0-9]{4}' "$top_srcdir/tests/data/rules-not-yet.txt" | sort -u > "$tmp/not-yet"
comm -23 "$tmp/theirs" "$tmp/ours" > "$tmp/missing"
echo "1..2"
unexpected=$(comm -23 "$tmp/missing" "$tmp/not-yet" | tr '\n' ' ')
if [ -s "$tmp/theirs" ] && [ -z "$unexpected" ]; then
    echo "ok 1 - every cfn-lint rule id is listed ($(wc -l < "$tmp/theirs") ids; $(wc -l < "$tmp/missing") on the not-yet list)"
else
    echo "not ok 1 - cfn-lint ids cfnfix does not list: $unexpected"
fi
stale=$(comm -12 "$tmp/not-yet" "$tmp/ours" | tr '\n' ' ')
if [ -z "$stale" ]; then
    echo "ok 2 - the not-yet list names no rule cfnfix has"
else
    echo "not ok 2 - take these off tests/data/rules-not-yet.txt: $stale"
fi
