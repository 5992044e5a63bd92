#!/bin/sh
# cfnfix's published figures, measured side by side in one run (the
# machines here are noisy: quote ratios, not absolute times).
#
#   tests/bench/run.sh [BUILD_DIR]      (make bench runs it)
#
# 1. the shared corpus against cfn-lint (../shared/bin/bench), when both exist
# 2. the same files against bare libyaml event parsing (the floor)
# 3. cold start on one template
# 4. a generated 10 MB template: time and peak memory
# 5. a condition-heavy template (80 conditions, 6-deep Fn::If everywhere)
# 6. the terminal UI idle for 3 s: CPU used (needs tmux)
# 7. cost that must grow linearly: a minified one-line JSON template of
#    1 and 5 MB with a finding per resource group (columns far into a line);
#    1,000 and 4,000 parameters whose AllowedPattern backtracks
#    exponentially on their Default (bounded regex matches); 10,000 and
#    40,000 logical ids that shared one hash before strhash was keyed;
#    3,000 and 12,000 resources with a bad Ref each (output size)
# 8. 40,000 conditions chained by !Not [!Condition next]
# 9. inputs that were quadratic once (issue 16): each must stay about linear
# 10. tui next-finding: the cost of n at the 2,000th press against the first
# 11. tui accept latency: the UI answers while an accepted fix is re-linted
# 12. tui references: gd, gr and gD on 20,000 resources
# 13. tui on the generated 10 MB template: first screen, and what each key
#     costs (move, expand, next finding, gd, gr, gD) at 80x24 and 132x43
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top}
cfnfix=$build/src/cfnfix
events=$build/tests/bench/yaml-events
shared=$top/../shared
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfnfix-bench.XXXXXX")
trap 'rm -rf "$tmp"; tmux kill-session -t cfnfix-bench 2>/dev/null' EXIT INT TERM
[ -x "$cfnfix" ] || { echo "bench: build cfnfix first ($cfnfix)" >&2; exit 1; }
mkdir -p "$(dirname "$events")"
[ -x "$events" ] || cc -O2 -o "$events" "$top/tests/bench/yaml-events.c" $(pkg-config --cflags --libs yaml-0.1) || exit 1

# median wall time in ms of a command run $1 times
median_ms() {
    runs=$1
    shift
    i=0
    while [ $i -lt "$runs" ]; do
        s=$(date +%s%N)
        "$@" > /dev/null 2>&1
        e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
        i=$((i + 1))
    done | sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int((NR + 1) / 2)] / 1000}'
}

# instructions executed, in millions (valgrind's callgrind)
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
        awk '/refs:/ {gsub(",", "", $NF); printf "%.0f", $NF / 1e6}'
}

# peak resident memory in MB (GNU time when present)
peak_mb() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%M" "$@" 2>&1 > /dev/null | tail -n 1 | awk '{printf "%.0f", $1 / 1024}'
    else
        echo "?"
    fi
}

echo "cfnfix benchmarks, $(date -u +%Y-%m-%d), $(nproc) processors"
echo

corpus=$shared/corpus/aws-cloudformation-templates
if [ -d "$corpus" ]; then
    files=$(cat "$shared/corpus/aws-cloudformation-templates.list")
    if command -v cfn-lint > /dev/null 2>&1 && [ -x "$shared/bin/bench" ]; then
        echo "1. corpus against cfn-lint (../shared/bin/bench):"
        "$shared/bin/bench" "$cfnfix" | sed 's/^/   /'
    else
        echo "1. corpus against cfn-lint: skipped (cfn-lint or ../shared/bin/bench missing)"
    fi
    echo
    echo "2. corpus against bare libyaml event parsing (5 runs each, alternating):"
    cd "$corpus"
    ours=""
    floor=""
    for r in 1 2 3 4 5; do
        ours="$ours $(median_ms 1 "$cfnfix" lint -f json $files)"
        floor="$floor $(median_ms 1 "$events" $files)"
    done
    cd - > /dev/null
    mo=$(echo $ours | tr ' ' '\n' | sort -n | sed -n 3p)
    mf=$(echo $floor | tr ' ' '\n' | sort -n | sed -n 3p)
    echo "   cfnfix lint: $mo ms   libyaml events: $mf ms   ratio: $(awk "BEGIN{printf \"%.2f\", $mo / $mf}")x"
    # instruction counts hold still where wall times do not (-j1: one thread)
    if command -v valgrind > /dev/null 2>&1; then
        cd "$corpus"
        io=$(instructions "$cfnfix" lint -j1 -f json $files)
        iy=$(instructions "$events" $files)
        cd - > /dev/null
        echo "   instructions (-j1): cfnfix $io M   libyaml events $iy M   ratio: $(awk "BEGIN{printf \"%.2f\", $io / $iy}")x"
    fi
    one=$corpus/RDS/RDS_with_DBParameterGroup.yaml
else
    echo "1-2. corpus: skipped (../shared is not here)"
    one=$top/share/cfnfix/examples/iot-platform.yaml
fi
echo

echo "3. cold start, one template (median of 21): $(median_ms 21 "$cfnfix" lint "$one") ms"
echo

sh "$top/tests/bench/gen-template.sh" 10 > "$tmp/big.yaml"
size=$(wc -c < "$tmp/big.yaml")
t=$(median_ms 3 "$cfnfix" lint "$tmp/big.yaml")
tf=$(median_ms 3 "$events" "$tmp/big.yaml")
mem=$(peak_mb "$cfnfix" lint "$tmp/big.yaml")
echo "4. generated template of $size bytes: lint $t ms (libyaml events $tf ms), peak $mem MB ($(awk "BEGIN{printf \"%.1f\", $mem * 1048576 / $size}")x its size)"
echo

sh "$top/tests/bench/gen-conditions.sh" 80 6 40 > "$tmp/conds.yaml"
echo "5. 80 conditions, 6-deep Fn::If in every property ($(wc -c < "$tmp/conds.yaml") bytes): lint $(median_ms 5 "$cfnfix" lint "$tmp/conds.yaml") ms"
echo

if command -v tmux > /dev/null 2>&1; then
    tmux new-session -d -s cfnfix-bench -x 100 -y 30 "$cfnfix $top/share/cfnfix/examples/iot-platform.yaml"
    sleep 1
    pid=$(pgrep -n -f "src/cfnfix $top/share/cfnfix/examples/iot-platform.yaml")
    if [ -n "$pid" ]; then
        a=$(awk '{print $14 + $15}' /proc/$pid/stat)
        sleep 3
        b=$(awk '{print $14 + $15}' /proc/$pid/stat)
        echo "6. terminal UI idle for 3 s: $((b - a)) clock ticks of CPU (of $(getconf CLK_TCK) a second)"
    else
        echo "6. terminal UI idle: could not find the process"
    fi
    tmux kill-session -t cfnfix-bench 2>/dev/null
else
    echo "6. terminal UI idle: skipped (no tmux)"
fi
echo

echo "7. linear cost on hostile shapes (the second figure of a line ~4-5x the first):"
sh "$top/tests/bench/gen-minified.sh" 1 > "$tmp/min1.json"
sh "$top/tests/bench/gen-minified.sh" 5 > "$tmp/min5.json"
echo "   minified one-line JSON, 1 MB: $(median_ms 3 "$cfnfix" lint "$tmp/min1.json") ms   5 MB: $(median_ms 3 "$cfnfix" lint "$tmp/min5.json") ms"
rm -f "$tmp/min1.json" "$tmp/min5.json"
sh "$top/tests/bench/gen-regex.sh" 1000 > "$tmp/re1.yaml"
sh "$top/tests/bench/gen-regex.sh" 4000 > "$tmp/re4.yaml"
echo "   (a+)+\$ patterns, 1,000: $(median_ms 3 "$cfnfix" lint "$tmp/re1.yaml") ms   4,000: $(median_ms 3 "$cfnfix" lint "$tmp/re4.yaml") ms"
rm -f "$tmp/re1.yaml" "$tmp/re4.yaml"
if sh "$top/tests/bench/gen-collide.sh" 10000 > "$tmp/ids1.json" && sh "$top/tests/bench/gen-collide.sh" 40000 > "$tmp/ids4.json"; then
    echo "   ids that collided under the old hash, 10,000: $(median_ms 3 "$cfnfix" lint "$tmp/ids1.json") ms   40,000: $(median_ms 3 "$cfnfix" lint "$tmp/ids4.json") ms"
else
    echo "   colliding ids: skipped (gen-collide.sh needs cc)"
fi
rm -f "$tmp/ids1.json" "$tmp/ids4.json"
sh "$top/tests/bench/gen-badrefs.sh" 3000 > "$tmp/refs1.yaml"
sh "$top/tests/bench/gen-badrefs.sh" 12000 > "$tmp/refs4.yaml"
echo "   a bad Ref in each resource, 3,000: $(median_ms 3 "$cfnfix" lint "$tmp/refs1.yaml") ms, $("$cfnfix" lint "$tmp/refs1.yaml" | wc -c) bytes out   12,000: $(median_ms 3 "$cfnfix" lint "$tmp/refs4.yaml") ms, $("$cfnfix" lint "$tmp/refs4.yaml" | wc -c) bytes out"
rm -f "$tmp/refs1.yaml" "$tmp/refs4.yaml"

echo
sh "$top/tests/hostile/deep-conditions.sh" 40000 > "$tmp/chain.yaml"
echo "8. 40,000 conditions chained by !Not [!Condition next] ($(wc -c < "$tmp/chain.yaml") bytes): lint $(median_ms 3 "$cfnfix" lint "$tmp/chain.yaml") ms"

# Each twice, at n and 2n: time about doubles when it is linear, and
# quadruples when it is quadratic.
scaling() {
    label=$1 gen=$2 n=$3
    sh "$top/tests/bench/$gen" "$n" > "$tmp/s1.yaml"
    sh "$top/tests/bench/$gen" $((n * 2)) > "$tmp/s2.yaml"
    a=$(median_ms 3 "$cfnfix" lint "$tmp/s1.yaml")
    b=$(median_ms 3 "$cfnfix" lint "$tmp/s2.yaml")
    echo "   $label: $n: $a ms, $((n * 2)): $b ms ($(awk "BEGIN{printf \"%.1f\", $b / ($a > 0 ? $a : 1)}")x)"
}
echo "9. inputs once quadratic (time at n and 2n; 2x is linear, 4x quadratic):"
scaling "Fn::Sub variables defined and used" gen-sub.sh 50000
scaling "a ring of resources, each DependsOn the next (E3004)" gen-ring.sh 50000
scaling "AllowedValues x Refs judged (W1030; n values, n/8 Refs)" gen-allowed.sh 30000
sh "$top/tests/bench/gen-allowed.sh" 60000 > "$tmp/s1.yaml"
sh "$top/tests/bench/gen-allowed.sh" 60000 given > "$tmp/g1.json"
echo "   AllowedValues x list items given (E2900; 60000 values, 7500 items): $(median_ms 3 "$cfnfix" lint --parameter-files "$tmp/g1.json" -- "$tmp/s1.yaml") ms"

# n walked 2,000 times through 5,000 findings in 2,500 resources: what a
# key costs (handled and drawn, CFNFIX_TUI_TIMING) at the start and at the
# end must be about the same (issue 16: 40 ms grew to 800 ms when every
# path n opened stayed open and was looked up linearly).
awk 'BEGIN { print "Resources:"; for (i = 0; i < 2500; i++) printf "  Db%d:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      EngineVersion: \"14.7\"\n      DBInstanceClass: db.t3.micro\n      Tags:\n        - Key: Name\n          Value: [db%d]\n", i, i }' > "$tmp/next.yaml"
awk 'BEGIN { for (i = 0; i < 2000; i++) print "n" }' > "$tmp/next.keys"
CFNFIX_TUI_TIMING=1 "$cfnfix" --tui-script "$tmp/next.keys" --size 80x24 --no-color --regions eu-west-2 --date 2025-06-01 "$tmp/next.yaml" 2> "$tmp/next.log" > /dev/null
echo "10. tui next-finding: $(awk '/: key n in/ { ms[++n] = $5 } END { for (i = 1; i <= 100; i++) { a += ms[i]; b += ms[n - 100 + i] } printf "n %d times: first 100 keys %.2f ms each, last 100 %.2f ms each", n, a / 100, b / 100 }' "$tmp/next.log")"
rm -f "$tmp/next.yaml" "$tmp/next.keys" "$tmp/next.log"

# 11. tui accept latency: on a 4 MB template (20,000 resources, 40,000
# findings), from the accept key to the UI answering the next key (Tab),
# CFNFIX_TUI_TIMING.  Before issue 16's background check the accept
# re-linted first: 7,500 ms on this machine (the check alone ~6,000 ms);
# now the accept costs the patch and its verification, the check runs on
# a worker thread, and q gives it up at the core's next cancel point.
awk 'BEGIN { print "Resources:"; for (i = 0; i < 20000; i++) printf "  Db%d:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      EngineVersion: \"14.7\"\n      DBInstanceClass: db.t3.micro\n      Tags:\n        - Key: Name\n          Value: [db%d]\n", i, i }' > "$tmp/acc.yaml"
printf ':typeahead\nn\nn\nn\na\nTab\nq\ny\n' > "$tmp/acc.keys"
CFNFIX_TUI_TIMING=1 "$cfnfix" --tui-script "$tmp/acc.keys" --size 80x24 --no-color --regions eu-west-2 --date 2025-06-01 "$tmp/acc.yaml" 2> "$tmp/acc.log" > /dev/null
echo "11. tui accept latency ($(wc -c < "$tmp/acc.yaml") bytes): $(awk '/: checked .* in [0-9.]+ ms$/ && !c { c = $(NF - 1) } /: key a in/ { a = $5 } /: key Tab in/ { t = $5 } /gave up the running check/ { g = $(NF - 1) } END { printf "accept key answered in %.0f ms, the next key %.2f ms later while re-linting (a check takes %.0f ms); q gave the check up in %.0f ms", a, t, c, g }' "$tmp/acc.log")"
rm -f "$tmp/acc.yaml" "$tmp/acc.keys" "$tmp/acc.log"

# 12. tui references: on 20,000 resources that reference each other (each
# Refs the one before it, DependsOn the one at half its number, and Refs
# one parameter: 60,000 uses), what the index costs once per load, and
# what a key costs (handled and drawn, CFNFIX_TUI_TIMING): gd to a
# definition, gr on a name with 20,000 uses, gD on the last resource
# (it needs all 19,999 others, transitively, through a 20,000-wave chain).
awk 'BEGIN { print "Parameters:\n  Env:\n    Type: String\nResources:"; for (i = 0; i < 20000; i++) { printf "  R%d:\n    Type: AWS::SNS::Topic\n", i; if (i) printf "    DependsOn: R%d\n", int(i / 2); printf "    Properties:\n"; if (i) printf "      DisplayName: !Ref R%d\n", i - 1; printf "      TopicName: !Ref Env\n" } }' > "$tmp/refs.yaml"
printf 'G\nTab\nTab\nj\nj\nj\nj\n$\ng\nd\nC-o\nj\n$\ng\nr\nn\nEsc\ng\nD\nq\nq\n' > "$tmp/refs.keys"
CFNFIX_TUI_TIMING=1 "$cfnfix" --tui-script "$tmp/refs.keys" --size 80x24 --no-color --regions eu-west-2 --date 2025-06-01 "$tmp/refs.yaml" 2> "$tmp/refs.log" > /dev/null
echo "12. tui references ($(wc -c < "$tmp/refs.yaml") bytes, 20,000 resources): $(awk '/: indexed / { ix = $(NF - 1); u = $5 } /: key gd in/ { d = $5 } /: key gr in/ { r = $5 } /: key gD in/ { D = $5 } /: key n in/ { n = $5 } END { printf "index (%s uses) built once per text in %.1f ms; keys: gd %.2f ms, gr on 20,000 uses %.2f ms, n to the next use %.2f ms, gD on a 20,000-deep chain %.2f ms", u, ix, d, r, n, D }' "$tmp/refs.log")"
rm -f "$tmp/refs.yaml" "$tmp/refs.keys" "$tmp/refs.log"


# 13. tui on the generated 10 MB template of §4 (issue 14: first screen
# < 300 ms, each key handled and drawn < 16 ms), CFNFIX_TUI_TIMING.  The
# first screen is the template's text as read (preview.c); the panes come
# when it is parsed and indexed.  The
# keys: j and k in the tree (28,000 resources), l opening entries and h
# closing them, n
# between findings, gd from a !Ref, gr on a parameter with 7,000 uses, gD
# on a resource.  Median and max of each key over 3 runs, per size.
{
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo j; done
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo k; done
    for i in 1 2 3 4 5 6 7 8 9 10; do printf 'j\nl\nh\n'; done
    for i in 1 2 3 4 5 6 7 8 9 10; do echo n; done
    for i in 1 2 3 4 5 6 7 8 9 10; do printf ':raw :62\\r\n$\ng\nd\nC-o\n'; done
    for i in 1 2 3 4 5 6 7 8 9 10; do printf ':raw :24\\r\n$\ng\nr\nEsc\n'; done
    for i in 1 2 3 4 5 6 7 8 9 10; do printf ':raw :50\\r\ng\nD\nEsc\n'; done
    echo q
} > "$tmp/big.keys"
for size in 80x24 132x43; do
    for r in 1 2 3; do
        CFNFIX_TUI_TIMING=1 "$cfnfix" --tui-script "$tmp/big.keys" --size $size --no-color --regions us-east-1 --date 2025-06-01 "$tmp/big.yaml" 2>&1 > /dev/null
    done > "$tmp/big.log"
    echo "13. tui on the generated template ($size, 3 runs): $(awk '
        function med(k,   i, j, t, n) { n = cnt[k]; for (i = 1; i <= n; i++) s[i] = v[k, i]
            for (i = 2; i <= n; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
            return s[int((n + 1) / 2)] }
        /: preview / { v["preview", ++cnt["preview"]] = $3 }
        /: first screen / { v["first", ++cnt["first"]] = $4 }
        /: loaded / { v["load", ++cnt["load"]] = $(NF - 1) }
        /: key [^ ]+ in / { k = $3; v[k, ++cnt[k]] = $5; if ($5 > mx[k]) mx[k] = $5 }
        END { printf "first screen (the text, as read) %.1f ms; the panes %.0f ms (of which loading %.0f ms)\n   keys, median / max ms:", med("preview"), med("first"), med("load")
            nk = split("j k l h n gd gr gD", ks, " ")
            for (i = 1; i <= nk; i++) printf " %s %.2f / %.2f%s", ks[i], med(ks[i]), mx[ks[i]], i < nk ? "," : "" }' "$tmp/big.log")"
done
rm -f "$tmp/big.keys" "$tmp/big.log" "$tmp/big.yaml"
