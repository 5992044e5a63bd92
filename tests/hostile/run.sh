#!/bin/sh
# Lint one hostile input in every output format; print what each said and
# its exit status, and check that no raw control character reached stdout
# or stderr (escape sequences from a template must never reach a terminal).
# usage: run.sh FILE [lint options...]
f=$1
shift
for fmt in text parseable json gnu; do
    "$CFNFIX" lint -f $fmt "$@" "$f" > out.$fmt 2> err.$fmt
    status=$?
    echo "--- $fmt (exit $status)"
    cat out.$fmt err.$fmt
    raw=$(cat out.$fmt err.$fmt | LC_ALL=C tr -dc '\000-\010\013-\037\177' | wc -c)
    [ "$raw" -eq 0 ] || echo "!!! $raw raw control bytes in the $fmt output"
done
