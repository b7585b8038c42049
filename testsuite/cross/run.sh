#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Cross builds (docs/toolchains.md): make CROSS_COMPILE=aarch64-linux-gnu-
# builds a plugin for that compiler beside the native one, the CLI picks the
# plugin of the compiler CC / CROSS_COMPILE name (check, kcheck,
# plugin-path), and a plugin loaded into the wrong gcc names both and the
# make command that builds the right one.  In a private copy of the sources,
# so the tree's own plugin/ is left as it is.
#
#   PTEBATCH_CROSS=riscv64-linux-gnu- sh testsuite/cross/run.sh
#
# Closing line: "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/../.." && pwd)
cross=${PTEBATCH_CROSS:-aarch64-linux-gnu-}
target=${cross%-}
tmp=$(mktemp -d /tmp/ptebatch-cross.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

. "$top/testsuite/lib.sh"

cd "$tmp" || exit 2
files=$top/testsuite/tools/files

# make deps CROSS_COMPILE=...: the cross gcc and its plugin headers, as
# Debian names them (a target not installed here, so both are missing)
other=riscv64-linux-gnu
if command -v dpkg-query >/dev/null && ! command -v $other-gcc >/dev/null; then
	section 4 "deps-cross"
	run deps-cross 0 env CROSS_COMPILE=$other- sh "$top/tools/deps.sh" --print
	has deps-cross-gcc "$tmp/out" "\(^\| \)gcc-$other\( \|\$\)"
	has deps-cross-headers "$tmp/out" "gcc-[0-9]*-plugin-dev-$other"
	run deps-cross-unknown 2 env CROSS_COMPILE=frob-linux- sh "$top/tools/deps.sh" --print
	end_section
else
	skip_section 4 "deps-cross tests: $other-gcc is installed or no dpkg; run on Debian without $other-gcc"
fi
NR_CROSS=19
xinc=$("${cross}gcc" -print-file-name=plugin 2>/dev/null)/include
if [ ! -f "$xinc/plugin-version.h" ]; then
	skip_section $NR_CROSS "cross tests: no ${cross}gcc with its plugin headers; run make deps CROSS_COMPILE=$cross"
	echo "$pass passed, $fail failed, $skip skipped"
	[ "$fail" -eq 0 ]
	exit
fi
section $NR_CROSS "cross"

# the sources, the native plugin and CLI as make built them
mkdir -p src && (cd "$top" && tar -cf - Makefile plugin/*.c plugin/*.h include \
	plugin/ptebatch_plugin.so tools cocci) | tar -C src -xf -
cli=$tmp/src/tools/ptebatch
xplugin=$tmp/src/plugin/$target/ptebatch_plugin.so

run cross-build 0 make -s -C src CROSS_COMPILE="$cross" "plugin/$target/ptebatch_plugin.so"
[ -f "$xplugin" ] && ok || ko "cross-build: no $xplugin"
cmp -s "$top/plugin/ptebatch_plugin.so" src/plugin/ptebatch_plugin.so && ok ||
	ko "cross-build: the native plugin was rebuilt"

# plugin-path: the compiler as Kbuild names it
run path-cross 0 env -u CC CROSS_COMPILE="$cross" "$cli" plugin-path
has path-cross-is "$tmp/out" "^$tmp/src/\(tools/\.\./\)\{0,1\}plugin/$target/ptebatch_plugin.so\$"
run path-cc 0 env -u CROSS_COMPILE CC="${cross}gcc" "$cli" plugin-path
has path-cc-is "$tmp/out" "^$tmp/src/\(tools/\.\./\)\{0,1\}plugin/$target/ptebatch_plugin.so\$"
run path-native 0 env -u CC -u CROSS_COMPILE "$cli" plugin-path
has path-native-is "$tmp/out" "^$tmp/src/\(tools/\.\./\)\{0,1\}plugin/ptebatch_plugin.so\$"
run path-missing 2 env -u CC CROSS_COMPILE=no-such-target- "$cli" plugin-path
lines path-missing-says "$tmp/err" "no-such-target-gcc .*make CROSS_COMPILE=no-such-target-" 1

# check and kcheck run the plugin inside the cross compiler
run check-cross 1 env -u CC CROSS_COMPILE="$cross" "$cli" check --engine=plugin "$files/bug.c"
has check-cross-finding "$tmp/out" 'bug.c:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
mkdir -p k && cp "$files/bug.c" k/ &&
	sed -i 's|"../../include/kernel.h"|"'"$top"'/testsuite/include/kernel.h"|' k/bug.c
# what Kbuild passes to CHECK for arm64: $(CHECKFLAGS) $(c_flags) file.c,
# with CC and CROSS_COMPILE exported
# (CF=-Wptebatch-vm-bug at the end: vm-bug is opt-in in builds)
checkflags="-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise -Wno-return-void -Wno-unknown-attribute -D__aarch64__ --arch=aarch64 -mlittle-endian -m64 -Wptebatch-vm-bug"
cflags="-Wp,-MMD,k/.bug.o.d -D__KERNEL__ -mlittle-endian -Werror -Wall -O2 -mgeneral-regs-only -DKBUILD_BASENAME=\"bug\""
# shellcheck disable=SC2086
run kcheck-cross 0 env CC="${cross}gcc" CROSS_COMPILE="$cross" "$cli" kcheck $checkflags $cflags k/bug.c
has kcheck-cross-finding "$tmp/err" '^k/bug.c:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]'

# the wrong plugin for a compiler says what it is, and how to build the right one
echo 'int x;' > x.c
run wrong-native-in-cross 1 "${cross}gcc" -fplugin="$tmp/src/plugin/ptebatch_plugin.so" -c x.c -o x.o
has wrong-native-in-cross-says "$tmp/err" "built for gcc .* ($(gcc -dumpmachine)), loaded into gcc $("${cross}gcc" -dumpfullversion) ($target): build its plugin with .make CROSS_COMPILE=$cross."
run wrong-cross-in-native 1 gcc -fplugin="$xplugin" -c x.c -o x.o
has wrong-cross-in-native-says "$tmp/err" "built for gcc .* ($target), loaded into gcc $(gcc -dumpfullversion) ($(gcc -dumpmachine)): build its plugin with .make CC=gcc-"

end_section
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
