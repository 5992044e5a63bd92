#!/bin/sh
# Screen tests of the terminal UI: each tests/tui/*.test runs cfnfix's
# scripted mode (--tui-script: keys from a file, screens dumped as text
# with a layer of attributes) and compares the screens, in the format of
# tests/cases (see the header of tests/cases.sh, which runs them;
# CFNFIX_UPDATE=1 rewrites the expected output).
#
# The screens are UTF-8 with Unicode line drawing unless a test sets
# LC_ALL=C, which gives ASCII; --no-color gives the looks of a terminal
# without colours.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
export top_srcdir
LC_ALL=C.UTF-8
export LC_ALL
unset NO_COLOR EDITOR VISUAL LANG LANGUAGE
[ $# -gt 0 ] || set -- "$top_srcdir"/tests/tui/*.test
exec sh "$top_srcdir/tests/cases.sh" "$@"
