#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check-torture: GCC's own torture suite (gcc.c-torture/compile and
# execute, from Debian's gcc-<major>-source for the gcc in use) at -O2, each
# file compiled with and without the plugin.  The plugin is analysis-only,
# so each must give the same exit status and, when it compiles, a
# byte-identical object, and the plugin must never crash the compiler.
#
#   sh testsuite/torture/run.sh [FILE...]   (default: the whole suite)
#
# Environment: CC (default gcc), PTEBATCH_JOBS (default 2),
# PTEBATCH_TORTURE_TIMEOUT (default 30 s: a file that takes longer without
# the plugin is skipped, and said so),
# PTEBATCH_TORTURE_DIR (default /var/cache/ptebatch/torture).  Installs
# gcc-<major>-source when missing (as root), and extracts the two torture
# directories once.
#
# One test per file; ends with "N passed, N failed, N skipped".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CC=${CC:-gcc}
jobs=${PTEBATCH_JOBS:-2}
limit=${PTEBATCH_TORTURE_TIMEOUT:-30}
cache=${PTEBATCH_TORTURE_DIR:-/var/cache/ptebatch/torture}
plugin=$top/plugin/ptebatch_plugin.so

die() { echo "ptebatch: error: torture: $*" >&2; exit 2; }
say() { echo "torture: $*"; }

[ -f "$plugin" ] || die "no plugin at $plugin: run make"
major=$("$CC" -dumpversion 2>/dev/null | cut -d. -f1)
[ -n "$major" ] || die "cannot run '$CC'"
version=$("$CC" -dumpfullversion)
pkg=gcc-$major-source
src=$cache/gcc-$version

if [ ! -f "$src/.extracted" ]; then
	tarball=$(ls /usr/src/gcc-$major/gcc-*.tar.xz 2>/dev/null | grep -v gm2 | head -n 1)
	if [ -z "$tarball" ]; then
		[ "$(id -u)" = 0 ] || die "$pkg missing: run sudo apt-get install $pkg"
		say "installing $pkg"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "$pkg" >/dev/null 2>&1 || {
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
		} || die "cannot install $pkg"
		tarball=$(ls /usr/src/gcc-$major/gcc-*.tar.xz 2>/dev/null | grep -v gm2 | head -n 1)
		[ -n "$tarball" ] || die "$pkg has no /usr/src/gcc-$major/gcc-*.tar.xz"
	fi
	say "extracting the torture suite from $tarball"
	rm -rf "$src"
	mkdir -p "$src" || die "cannot create $src"
	xz -T0 -dc "$tarball" | tar -x -C "$src" --strip-components=1 \
		--wildcards '*/gcc/testsuite/gcc.c-torture/compile/*' \
		'*/gcc/testsuite/gcc.c-torture/execute/*' ||
		die "cannot extract the torture suite from $tarball"
	: > "$src/.extracted"
fi

tmp=$(mktemp -d /tmp/ptebatch-torture.XXXXXX) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
list=$tmp/list
if [ $# -gt 0 ]; then
	printf '%s\n' "$@" > "$list"
else
	find "$src/gcc/testsuite/gcc.c-torture/compile" \
		"$src/gcc/testsuite/gcc.c-torture/execute" -name '*.c' | sort > "$list"
fi
say "gcc $version, $(wc -l < "$list") files, -O2, $jobs jobs"

# One line per file: ok, or what differs.
cat > "$tmp/one.sh" <<'EOF'
f=$1 d=$(mktemp -d "$TMP/f.XXXXXX")
[ -f "$f" ] || { echo "FAIL no such file: $f"; exit 0; }
timeout "$LIMIT" "$CC" -O2 -w -c "$f" -o "$d/plain.o" 2>/dev/null; a=$?
if [ $a -eq 124 ]; then
	echo "SKIP slow: $f"
	rm -rf "$d"
	exit 0
fi
timeout $((LIMIT * 4)) "$CC" -O2 -w -fplugin="$PLUGIN" -c "$f" -o "$d/plugin.o" 2>"$d/err"; b=$?
if grep -q 'internal compiler error\|ptebatch_plugin' "$d/err"; then
	echo "FAIL ICE or plugin error: $f: $(grep -m1 'internal compiler error\|ptebatch_plugin' "$d/err")"
elif [ $a -ne $b ]; then
	echo "FAIL exit status $a without the plugin, $b with it: $f"
elif [ $a -eq 0 ] && ! cmp -s "$d/plain.o" "$d/plugin.o"; then
	echo "FAIL objects differ: $f"
else
	echo "ok $a"
fi
rm -rf "$d"
EOF
t0=$(date +%s)
TMP=$tmp CC=$CC PLUGIN=$plugin LIMIT=$limit xargs -P "$jobs" -n 1 sh "$tmp/one.sh" < "$list" > "$tmp/results"
grep '^FAIL' "$tmp/results"
passed=$(grep -c '^ok' "$tmp/results")
failed=$(grep -c '^FAIL' "$tmp/results")
skipped=$(grep -c '^SKIP' "$tmp/results")
[ "$skipped" -eq 0 ] ||
	echo "SKIP $skipped files take over $limit s at -O2 without the plugin: $(sed -n 's,^SKIP slow: .*/,,p' "$tmp/results" | tr '\n' ' '); run with PTEBATCH_TORTURE_TIMEOUT=600"
say "$(grep -c '^ok 0' "$tmp/results") compiled (identical objects), $(grep -c '^ok [1-9]' "$tmp/results") refused alike, $(grep -c '^FAIL ICE' "$tmp/results") ICE, $(($(date +%s) - t0)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
