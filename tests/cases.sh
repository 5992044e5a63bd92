#!/bin/sh
# Runs every tests/cases/*.test: a template (or several files), a cfnfix
# command, and the output and exit status it must give.  Prints TAP.
#
# A .test file is plain text in sections, each opened by a line "=== NAME":
#   === cmd              one line: the arguments to cfnfix ($CFNFIX is prepended)
#   === file NAME        a file written to the test's folder before running
#   === stdin            what the command reads on its standard input
#   === stdout           the exact standard output expected
#   === stderr           the exact standard error expected (none: empty)
#   === exit             the exit status expected (default 0)
# Lines before the first section are a description.  Files from
# tests/data can be used as $DATA/name in the command.
#
# CFNFIX_UPDATE=1 rewrites the stdout/stderr/exit sections from what cfnfix
# does now: for writing new tests; review the diff before committing.
# Arguments name the .test files to run (default: all of them).
set -u
: "${CFNFIX:?CFNFIX must point at the cfnfix binary}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
cases=$top_srcdir/tests/cases
DATA=$top_srcdir/tests/data
export DATA
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfnfix-cases.XXXXXX")
chmod 755 "$tmp"   # tests may run a command as an unprivileged user
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
failed=0
# With arguments, only those .test files run (paths or names in tests/cases).
[ $# -gt 0 ] || set -- "$cases"/*.test
for t in "$@"; do
    [ -f "$t" ] || t=$cases/$(basename "$t" .test).test
    n=$((n + 1))
    name=$(basename "$t" .test)
    dir=$tmp/$name
    mkdir -p "$dir/files"
    # split the sections into files under $dir
    awk -v dir="$dir" '
        /^=== / {
            if (out) close(out)
            sec = substr($0, 5)
            if (sec ~ /^file /) out = dir "/files/" substr(sec, 6)
            else out = dir "/" sec
            printf "" > out
            next
        }
        out { print > out }
    ' "$t"
    [ -f "$dir/cmd" ] || { echo "not ok $n - $name: no === cmd section"; failed=$((failed + 1)); continue; }
    [ -f "$dir/exit" ] || echo 0 > "$dir/exit"
    [ -f "$dir/stdin" ] || : > "$dir/stdin"
    cmd=$(cat "$dir/cmd")
    (cd "$dir/files" && eval "\"\$CFNFIX\" $cmd" < "$dir/stdin" > "$dir/out" 2> "$dir/err"; echo $? > "$dir/status")
    status=$(cat "$dir/status")
    want=$(cat "$dir/exit")
    if [ "${CFNFIX_UPDATE:-}" = 1 ]; then
        awk '/^=== (stdout|stderr|exit)$/ { skip = 1; next } /^=== / { skip = 0 } !skip' "$t" > "$dir/new"
        { echo "=== stdout"; cat "$dir/out"
          if [ -s "$dir/err" ]; then echo "=== stderr"; cat "$dir/err"; fi
          echo "=== exit"; echo "$status"; } >> "$dir/new"
        cp "$dir/new" "$t"
        echo "ok $n - $name (updated)"
        continue
    fi
    problems=""
    [ "$status" = "$want" ] || problems="exit status $status, expected $want"
    if ! cmp -s "$dir/stdout" "$dir/out"; then
        problems="$problems${problems:+; }stdout differs"
    fi
    [ -f "$dir/stderr" ] || : > "$dir/stderr"   # no section: stderr must be empty
    if ! cmp -s "$dir/stderr" "$dir/err"; then
        problems="$problems${problems:+; }stderr differs"
    fi
    case "$(cat "$dir/err")" in
        *AddressSanitizer*|*runtime\ error*|*LeakSanitizer*) problems="$problems${problems:+; }sanitizer report";;
    esac
    if [ -z "$problems" ]; then
        echo "ok $n - $name"
    else
        failed=$((failed + 1))
        echo "not ok $n - $name: $problems"
        diff -u "$dir/stdout" "$dir/out" 2>/dev/null | sed 's/^/# /' | head -40
        diff -u "$dir/stderr" "$dir/err" | sed 's/^/# /' | head -20
    fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
