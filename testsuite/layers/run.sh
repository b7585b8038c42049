#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The files of plugin/ and of tools/ are layered one way: no two files call
# each other, directly or around a circle (calls.sh, from the built
# objects' symbols).  First the finder itself, on two small objects that
# call each other and two that do not.  Needs the objects of make all.
# Closing line: "N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/ptebatch-layers.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
. "$top/testsuite/lib.sh"
calls="sh $top/testsuite/layers/calls.sh"

# the finder finds a circle, and names its files
cd "$tmp" || exit 2
printf 'int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n' >a.c
printf 'int a(int);\nint b(int x) { return a(x); }\n' >b.c
printf 'int a(int);\nint c(int x) { return a(x) + 1; }\n' >c.c
if gcc -c a.c b.c c.c 2>"$tmp/err"; then
	run finder-circle 1 $calls a.o b.o c.o &&
		has finder-circle-named "$tmp/out" '^[ab]\.c -> [ab]\.c -> [ab]\.c$'
	run finder-one-way 0 $calls a.o c.o
	[ -s "$tmp/out" ] && ko "finder-one-way: printed a circle" || ok
else
	ko "finder: gcc -c does not build the test objects"
fi
run finder-no-object 2 $calls "$tmp/nope.o"

# each folder's files: the object of each source (not an old object whose
# source is gone)
for dir in plugin tools; do
	set --
	for c in "$top/$dir"/*.c; do
		set -- "$@" "${c%.c}.o"
	done
	if [ ! -f "$1" ]; then
		ko "$dir: no objects in $dir/ (make all builds them)"
		continue
	fi
	run "$dir-one-way" 0 $calls "$@" ||
		sed 's/^/    circle: /' "$tmp/out"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
