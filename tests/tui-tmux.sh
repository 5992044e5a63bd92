#!/bin/sh
# The terminal UI through a real terminal: tmux runs cfnfix on the example
# and keys are sent as a user types them.  Prints TAP.
#   - n, a, w, q: the file now says '14.15' and differs in that line only;
#   - a 10 MB template shows its text while it is read;
#   - a folder: the file list, the example opened from it, gd, C-o, gr,
#     the fix accepted, the review saved, and git apply of its diff gives
#     the bytes w wrote;
#   - every TERM the issue names draws the screen and shows the finding;
#   - NO_COLOR and a locale that is not UTF-8: no colours, ASCII lines;
#   - a resize re-lays the screen out; idle, cfnfix uses no CPU;
#   - escape sequences ncurses does not know are not read as keys;
#   - TERM=dumb or unknown: lint's output, as on a pipe.
# Skipped when tmux is not installed.
set -u
: "${CFNFIX:?CFNFIX must point at the cfnfix binary}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
example=$top_srcdir/share/cfnfix/examples/iot-platform.yaml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfnfix-tmux.XXXXXX")
sock=cfnfix-test-$$
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tmx kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
# A session that lives for the whole test: without it the server exits
# when a cfnfix session ends, and a new-session racing with that exit fails
# ("server exited unexpectedly") on a busy machine.
tmx new-session -d -s keeper "sleep 3600"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
    [ -f "$tmp/screen" ] && sed 's/^/# /' "$tmp/screen"
}

# start NAME COLSxROWS ENV... -- ARGS: cfnfix in a new tmux session; the
# shell running it writes its own pid to $tmp/NAME.sh and cfnfix's exit
# status to $tmp/NAME.status.
start() {
    name=$1 cols=${2%x*} rows=${2#*x}
    shift 2
    env_args=""
    while [ "$1" != "--" ]; do env_args="$env_args $1"; shift; done
    shift
    tmx new-session -d -s "$name" -x "$cols" -y "$rows" \
        "echo \$\$ > '$tmp/$name.sh'; env CFNFIX_DATA='${CFNFIX_DATA:-}' $env_args '$CFNFIX' $*; echo \$? > '$tmp/$name.status'"
}
# wait_for NAME TEXT: until the screen shows TEXT (30 seconds at most: a
# loaded CI machine can be slow to start a terminal).
wait_for() {
    i=0
    while [ $i -lt 300 ]; do
        tmx capture-pane -t "$1" -p > "$tmp/screen" 2>/dev/null
        grep -qF -- "$2" "$tmp/screen" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
# wait_exit NAME: until cfnfix has exited; its status is printed.
wait_exit() {
    i=0
    while [ $i -lt 100 ]; do
        if [ -s "$tmp/$1.status" ]; then
            cat "$tmp/$1.status"
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    echo timeout
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# --- n, a, w, q on the example
cat "$example" > "$tmp/t.yaml"
start fix 80x24 TERM=xterm-256color LC_ALL=C.UTF-8 -- --regions eu-west-2 --date 2025-06-01 "$tmp/t.yaml"
if wait_for fix "E:0 W:1 I:0"; then ok "the example opens at 80x24"; else not_ok "the example opens at 80x24"; fi
tmx send-keys -t fix n
if wait_for fix "Fixes for W3691"; then ok "n selects W3691 and shows its fixes"; else not_ok "n selects W3691 and shows its fixes"; fi
tmx send-keys -t fix a
if wait_for fix "t.yaml [+] | E:0 W:0 I:0"; then ok "a applies the fix and re-validates"; else not_ok "a applies the fix and re-validates"; fi
tmx send-keys -t fix w
if wait_for fix "Wrote "; then ok "w writes"; else not_ok "w writes"; fi
tmx send-keys -t fix q
status=$(wait_exit fix)
if [ "$status" = 0 ]; then ok "q quits (status 0)"; else not_ok "q quits (status $status)"; fi
diff "$example" "$tmp/t.yaml" > "$tmp/diff"
printf '%s\n' "352c352" \
    "<       EngineVersion: '14.7'  # pinned to match the staging cluster" "---" \
    ">       EngineVersion: '14.15'  # pinned to match the staging cluster" > "$tmp/want"
if cmp -s "$tmp/want" "$tmp/diff"; then
    ok "the file says '14.15' and differs in that line only"
else
    not_ok "the file says '14.15' and differs in that line only"; sed 's/^/# /' "$tmp/diff"
fi

# --- a folder of three templates: the list, then the example opened from
# it; gd from a !Ref DatabaseSecret to its resource and C-o back; gr lists
# its uses; the EngineVersion fix accepted, the review saved (W) instead of
# writing; back in the list the template is marked [+]; q asks, y quits;
# git apply of the review's diff gives the bytes w wrote above
mkdir -p "$tmp/list/tpl/sub" "$tmp/list/git/tpl"
cat "$example" > "$tmp/list/tpl/iot-platform.yaml"
printf 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Queue\n    Properties:\n      TopicName: !GetAtt Queue.QueueName\n' > "$tmp/list/tpl/queue.yaml"
printf '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}\n' > "$tmp/list/tpl/sub/bucket.json"
printf 'name: ci\non: push\n' > "$tmp/list/tpl/workflow.yml"
tmx new-session -d -s list -x 80 -y 24 -c "$tmp/list" \
    "env CFNFIX_DATA='${CFNFIX_DATA:-}' TERM=xterm-256color LC_ALL=C.UTF-8 '$CFNFIX' --regions eu-west-2 --date 2025-06-01 tpl; echo \$? > '$tmp/list.status'"
if wait_for list "Templates: 4 of 4 checked, 1 not templates (hidden)" && grep -qF "tpl/queue.yaml" "$tmp/screen" &&
    grep -qF "3 templates | E:0 W:2 I:0" "$tmp/screen"; then
    ok "a folder opens the file list: three templates with their counts, the workflow hidden"
else
    not_ok "a folder opens the file list: three templates with their counts, the workflow hidden"
fi
tmx send-keys -t list Enter
if wait_for list "iot-platform.yaml | E:0 W:1 I:0"; then ok "Enter opens the example from the list"; else not_ok "Enter opens the example from the list"; fi
tmx send-keys -t list :515 Enter '$' g d
if wait_for list "resource DatabaseSecret, line 321" && grep -qF "Source: line 321" "$tmp/screen"; then
    ok "gd on !Ref DatabaseSecret goes to its resource"
else
    not_ok "gd on !Ref DatabaseSecret goes to its resource"
fi
tmx send-keys -t list C-o
if wait_for list "Source: line 515 of 876"; then ok "C-o comes back to the reference"; else not_ok "C-o comes back to the reference"; fi
tmx send-keys -t list g r
if wait_for list "Uses of resource DatabaseSecret (4)" && grep -qF "848:17  Ref" "$tmp/screen"; then
    ok "gr lists the four uses of DatabaseSecret"
else
    not_ok "gr lists the four uses of DatabaseSecret"
fi
tmx send-keys -t list Escape
wait_for list "No diagnostic selected" && tmx send-keys -t list n
wait_for list "Fixes for W3691" && tmx send-keys -t list a
if wait_for list "iot-platform.yaml [+] | E:0 W:0 I:0"; then ok "a accepts the EngineVersion fix"; else not_ok "a accepts the EngineVersion fix"; fi
tmx send-keys -t list W
if wait_for list "Saved the review" && [ -s "$tmp/list/tpl_iot-platform.yaml.review.diff" ]; then
    ok "W saves the review instead of writing"
else
    not_ok "W saves the review instead of writing"
fi
tmx send-keys -t list q
if wait_for list "tpl/iot-platform.yaml [+]"; then ok "q goes back to the list, the template marked [+]"; else not_ok "q goes back to the list, the template marked [+]"; fi
tmx send-keys -t list q
wait_for list "Quit anyway?" && tmx send-keys -t list y
status=$(wait_exit list)
if [ "$status" = 0 ] && cmp -s "$example" "$tmp/list/tpl/iot-platform.yaml"; then
    ok "q asks, y quits (status 0); the template is not written"
else
    not_ok "q asks, y quits (status $status); the template is not written"
fi
cat "$example" > "$tmp/list/git/tpl/iot-platform.yaml"
if (cd "$tmp/list/git" && git init -q && git apply "$tmp/list/tpl_iot-platform.yaml.review.diff") &&
    cmp -s "$tmp/t.yaml" "$tmp/list/git/tpl/iot-platform.yaml"; then
    ok "git apply of the review's diff gives the same bytes as w"
else
    not_ok "git apply of the review's diff gives the same bytes as w"
fi

# --- a 10 MB template: its text shows at once (the preview) while it is
# read; then the panes
sh "$top_srcdir/tests/bench/gen-template.sh" 10 > "$tmp/big10.yaml"
start preview 80x24 TERM=xterm-256color LC_ALL=C.UTF-8 -- --read-only "$tmp/big10.yaml"
if wait_for preview "Reading big10.yaml (10.0 MB)" && grep -qF 'AWSTemplateFormatVersion: "2010-09-09"' "$tmp/screen"; then
    ok "a 10 MB template: its first lines show while it is read"
else
    not_ok "a 10 MB template: its first lines show while it is read"
fi
if wait_for preview "Resources (28708)"; then ok "then the panes"; else not_ok "then the panes"; fi
tmx send-keys -t preview q
wait_exit preview > /dev/null
rm -f "$tmp/big10.yaml"

# --- the terminals of the issue
cat "$example" > "$tmp/ro.yaml"
for term in xterm-256color screen tmux-256color vt100 linux; do
    name=term-$(echo "$term" | tr -dc 'a-z0-9')
    start "$name" 80x24 TERM="$term" LC_ALL=C.UTF-8 -- --read-only --regions eu-west-2 "$tmp/ro.yaml"
    wait_for "$name" "[read-only]" && tmx send-keys -t "$name" n
    if wait_for "$name" "W3691 352"; then
        tmx send-keys -t "$name" q
        status=$(wait_exit "$name")
        if [ "$status" = 0 ]; then ok "TERM=$term: draws, n finds W3691, q quits"; else not_ok "TERM=$term: q quits (status $status)"; fi
    else
        not_ok "TERM=$term: draws and n finds W3691"
    fi
done

# --- escape sequences ncurses does not know are dropped whole: Ctrl-Up
# (ESC [1;5A) under TERM=screen must not read as 1, 5 and A (apply every
# safe fix); a plain Escape still cancels a prompt
cat "$example" > "$tmp/keys.yaml"
start keys 80x24 TERM=screen LC_ALL=C.UTF-8 -- --regions eu-west-2 --date 2025-06-01 "$tmp/keys.yaml"
wait_for keys "E:0 W:1 I:0" && tmx send-keys -t keys n
wait_for keys "Fixes for W3691"
tmx send-keys -t keys C-Up C-Down C-Right M-a
tmx send-keys -t keys '?'
if wait_for keys "Keys: j/k" && grep -qF "keys.yaml | E:0 W:1 I:0" "$tmp/screen"; then
    ok "TERM=screen: Ctrl-Up and Alt-a are dropped, not read as keys"
else
    not_ok "TERM=screen: Ctrl-Up and Alt-a are dropped, not read as keys"
fi
tmx send-keys -t keys q /
wait_for keys "keys.yaml | E:0 W:1" && tmx send-keys -t keys Escape
if wait_for keys "Cancelled."; then ok "TERM=screen: Escape cancels a prompt"; else not_ok "TERM=screen: Escape cancels a prompt"; fi
tmx send-keys -t keys q
status=$(wait_exit keys)
if [ "$status" = 0 ] && cmp -s "$example" "$tmp/keys.yaml"; then ok "q quits, the file unchanged"; else not_ok "q quits (status $status), the file unchanged"; fi

# --- a terminal ncurses cannot draw on: lint's output, with a note on
# standard error, lint's exit status (the panes stay to be read)
tmx set-option -g remain-on-exit on
for term in dumb no-such-terminal; do
    name=lint-$(echo "$term" | tr -dc 'a-z0-9')
    start "$name" 80x24 TERM="$term" LC_ALL=C.UTF-8 -- --regions eu-west-2 "$tmp/ro.yaml"
    status=$(wait_exit "$name")
    tmx capture-pane -t "$name" -p -J -S -50 > "$tmp/screen"
    if [ "$status" = 4 ] && grep -qF "printing what 'cfnfix lint' prints" "$tmp/screen" &&
        grep -qF "ro.yaml:352:22" "$tmp/screen" && ! grep -qF "Template" "$tmp/screen"; then
        ok "TERM=$term: lint's output and status, with a note"
    else
        not_ok "TERM=$term: lint's output and status (status $status), with a note"
    fi
done
tmx set-option -g remain-on-exit off

# --- no colours, not UTF-8: ASCII line drawing; the escape sequences sent carry no colour
start mono 80x24 TERM=xterm-256color NO_COLOR=1 LC_ALL=C -- --read-only --regions eu-west-2 "$tmp/ro.yaml"
if wait_for mono "+- Source: line"; then ok "LC_ALL=C: ASCII line drawing"; else not_ok "LC_ALL=C: ASCII line drawing"; fi
tmx capture-pane -t mono -p -e > "$tmp/escapes"
if grep -q '\[3[0-7]m\|\[38;5;' "$tmp/escapes"; then not_ok "NO_COLOR: no colours"; else ok "NO_COLOR: no colours"; fi
if grep -q '\[7m' "$tmp/escapes"; then ok "NO_COLOR: reverse video carries the focus"; else not_ok "NO_COLOR: reverse video carries the focus"; fi

# --- a resize re-lays the screen out at once; idle means no CPU
start big 80x24 TERM=tmux-256color LC_ALL=C.UTF-8 -- --read-only --regions eu-west-2 "$tmp/ro.yaml"
wait_for big "[read-only]"
tmx resize-window -t big -x 132 -y 43
i=0
while [ $i -lt 50 ]; do
    tmx capture-pane -t big -p > "$tmp/screen"
    sed -n 42p "$tmp/screen" | grep -q "read-only" && break
    sleep 0.1
    i=$((i + 1))
done
if sed -n 42p "$tmp/screen" | grep -q "read-only" && [ "$(head -1 "$tmp/screen" | wc -m)" -ge 130 ]; then
    ok "a resize to 132x43 re-lays the screen out"
else
    not_ok "a resize to 132x43 re-lays the screen out"
fi
pid=$(pgrep -P "$(cat "$tmp/big.sh")")
before=$(cpu_ticks "$pid")
sleep 2
after=$(cpu_ticks "$pid")
if [ $((after - before)) -le 1 ]; then ok "idle for 2 s: $((after - before)) clock ticks of CPU"; else not_ok "idle for 2 s: $((after - before)) clock ticks of CPU"; fi
tmx send-keys -t big q

echo "1..$n"
[ "$failed" -eq 0 ]
