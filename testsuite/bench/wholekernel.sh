#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A whole-kernel build with the plugin (a benchmark, not a test): Linux 7.3
# x86_64 defconfig, -j2, each mode in its own O= directory from a private,
# clean copy of the 7.3 tree of make check-kernel:
#   plain    make
#   plugin   make KCFLAGS="-fplugin=... W=vm-bug output=-"
#   distcc   make CC="distcc ptebatch-gcc" KCFLAGS="W=vm-bug output=-" through
#            a distccd on 127.0.0.1 (own port), no fallback
# For each: exit status, internal compiler errors, CPU (user + sys of make
# and its children, and for distcc that of the node's compilers too, which
# count themselves), wall time; every .o against the plain build's; the findings per
# top-level directory (ptebatch report of the build log).
#
# usage: sh testsuite/bench/wholekernel.sh [MODE...|report]   (default: all
#        three; report: the figures of the builds made)
# Environment: PTEBATCH_WK_TREE (default /var/cache/ptebatch/linux-7.3-check,
# read only), PTEBATCH_WK_DIR (default /var/cache/ptebatch/wk-7.3: -src, the
# clean copy, and one O= directory per mode), PTEBATCH_JOBS (default 2),
# PTEBATCH_WK_TARGETS (default: none, the whole kernel; e.g. "mm/ kernel/"
# for a part when time is short).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cli=$top/tools/ptebatch
tree=${PTEBATCH_WK_TREE:-/var/cache/ptebatch/linux-7.3-check}
base=${PTEBATCH_WK_DIR:-/var/cache/ptebatch/wk-7.3}
jobs=${PTEBATCH_JOBS:-2}
modes=${*:-plain plugin distcc}
targets=${PTEBATCH_WK_TARGETS:-}
src=$base-src
res=$base-results
export LC_ALL=C
# reproducible: objects of two builds compare byte for byte
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026' KBUILD_BUILD_USER=ptebatch \
	KBUILD_BUILD_HOST=bench KBUILD_BUILD_VERSION=1

say() { echo "wholekernel: $*"; }
die() { echo "ptebatch: error: wholekernel: $*" >&2; exit 2; }

[ -f "$tree/Makefile" ] || die "no 7.3 tree at $tree: run make check-kernel TREES=7.3"
[ -x "$cli" ] || die "no CLI: run make"
mkdir -p "$res"

# ---- a clean copy of the tree (Kbuild builds O= only from a clean tree)
stamp="$(cat "$tree/.ptebatch-prepared" 2>/dev/null) $tree"
if [ "$(cat "$src/.ptebatch-wk" 2>/dev/null)" != "$stamp" ]; then
	say "copying $tree to $src (once)"
	rm -rf "$src" "$src.tmp"
	(
		# the harness builds in the tree under these locks
		exec 8<"$tree.lock" 9<"$tree/.ptebatch-check.lock" 2>/dev/null
		timeout 3600 flock 8 && timeout 3600 flock 9 &&
			cp -a "$tree" "$src.tmp"
	) || die "cannot copy $tree"
	rm -f "$src.tmp/.ptebatch-check.lock"
	make -s -C "$src.tmp" mrproper >/dev/null 2>&1 || die "make mrproper in the copy failed"
	echo "$stamp" >"$src.tmp/.ptebatch-wk" && mv "$src.tmp" "$src" || die "cannot move the copy"
fi

# ---- a distccd on loopback for the distcc mode
dpid=
port=$((36300 + $$ % 500))
cleanup() {
	[ -n "$dpid" ] && kill "$dpid" 2>/dev/null
	[ -n "$dpid" ] && for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$dpid" 2>/dev/null || break
		sleep 0.5
	done
	rm -rf "$base-distcc-state"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

start_distccd() {
	# distccd's own "cc times" stay 0: the node's compiler counts itself
	mkdir -p "$res/node"
	printf '#!/bin/sh\nexec /usr/bin/time -a -o %s -f "%%U %%S" %s "$@"\n' \
		"$res/node.times" "$top/tools/ptebatch-gcc" >"$res/node/ptebatch-gcc"
	chmod 755 "$res/node/ptebatch-gcc"
	: >"$res/node.times"
	chmod 666 "$res/node.times"
	echo "$res/node/ptebatch-gcc" >"$res/cmdlist"
	chmod 644 "$res/cmdlist"
	: >"$res/distccd.log"
	DISTCC_CMDLIST="$res/cmdlist" distccd --no-detach --daemon --listen 127.0.0.1 \
		--port "$port" --allow 127.0.0.1 --jobs "$jobs" --nice 10 \
		--log-stderr --log-level info >"$res/distccd.log" 2>&1 &
	dpid=$!
	for i in $(seq 50); do
		ss -ltn | grep -q "127.0.0.1:$port " && return 0
		sleep 0.2
	done
	die "distccd did not listen on 127.0.0.1:$port within 10 s"
}

build() { # MODE
	mode=$1 obj=$base-$1
	rm -rf "$obj" "$res/$mode.differ"
	make -s -C "$src" O="$obj" x86_64_defconfig >/dev/null 2>&1 || die "$mode: defconfig failed"
	case $mode in
	plain)	set -- ;;
	plugin)	set -- KCFLAGS="-fplugin=$top/plugin/ptebatch_plugin.so -fplugin-arg-ptebatch_plugin-W=vm-bug -fplugin-arg-ptebatch_plugin-output=-" ;;
	distcc)	start_distccd
		export DISTCC_HOSTS="127.0.0.1:$port/$jobs" DISTCC_FALLBACK=0 \
			DISTCC_SKIP_LOCAL_RETRY=1 DISTCC_DIR="$base-distcc-state"
		mkdir -p "$DISTCC_DIR"
		PATH=$top/tools:$PATH
		# A node compiles preprocessed text, where gcc no longer sees
		# what a macro expanded to: -Wtautological-compare and
		# -Waddress then fire inside macros (kernel/time/namespace.c,
		# arch/x86/events/intel/core.c), and defconfig has
		# CONFIG_WERROR.  A warning flag does not change the code.
		set -- CC="distcc ptebatch-gcc" KCFLAGS="-Wno-error -fplugin-arg-ptebatch_plugin-W=vm-bug -fplugin-arg-ptebatch_plugin-output=-" ;;
	*)	die "unknown mode $mode" ;;
	esac
	say "$mode: make -j$jobs O=$obj $* $targets (started $(date -u +%H:%M))"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	/usr/bin/time -f '%e %U %S %M' -o "$res/$mode.time" \
		timeout 14400 nice make -C "$src" O="$obj" -j"$jobs" "$@" $targets >"$res/$mode.log" 2>&1
	echo $? >"$res/$mode.status"
	say "$mode: exit $(cat "$res/$mode.status") after $(($(date +%s) - t0)) s"
	if [ "$mode" = distcc ]; then
		# the node's compilers: distccd's accounting of each job
		awk '/^[0-9.]+ [0-9.]+$/ { u += $1; s += $2; n++ } END { printf "%.1f %.1f %d\n", u, s, n }' \
			"$res/node.times" >"$res/distcc.node"
		grep -c 'COMPILE_OK' "$res/distccd.log" >"$res/distcc.jobs"
		kill "$dpid"; dpid=
	fi
}

# "report": the figures of the builds already made
[ "$modes" = report ] || for m in $modes; do
	build "$m"
done

# ---- the figures
# (/usr/bin/time writes "Command exited with non-zero status N" first)
cpu() { # MODE: user + sys of make's side (and the node's, for distcc)
	tail -n 1 "$res/$1.time" | awk '{ printf "%.1f", $2 + $3 }'
	[ "$1" = distcc ] && [ -f "$res/distcc.node" ] && awk '{ printf " + %.1f", $1 + $2 }' "$res/distcc.node"
}
total() {
	c=$(tail -n 1 "$res/$1.time" | awk '{ print $2 + $3 }')
	[ "$1" = distcc ] && [ -f "$res/distcc.node" ] && c=$(awk -v c="$c" '{ print c + $1 + $2 }' "$res/distcc.node")
	echo "$c"
}
plain_cpu=
[ -f "$res/plain.time" ] && plain_cpu=$(total plain)
echo
echo "| build (7.3 x86_64 defconfig, -j$jobs${targets:+, make $targets}) | exit | ICE | CPU s | CPU / plain | wall s | objects as plain |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for m in plain plugin distcc; do
	[ -f "$res/$m.time" ] || continue
	ice=$(grep -c 'internal compiler error' "$res/$m.log")
	ratio=-
	[ -n "$plain_cpu" ] && ratio=$(echo "$(total "$m") $plain_cpu" | awk '{ printf "%.2f", $1 / $2 }')
	same=-
	if [ "$m" != plain ] && [ -d "$base-plain" ]; then
		# Objects built with -g but without the kernel's prefix maps
		# (arch/x86/boot, realmode, objtool) hold their O= directory
		# in DWARF: those must be equal without their debug info.
		n=0 d=0 g=0
		rm -f "$res/$m.differ" "$res/$m.differ-debug"
		(cd "$base-plain" && find . -name '*.o' | sort) >"$res/objs"
		while read -r o; do
			if cmp -s "$base-plain/$o" "$base-$m/$o"; then
				n=$((n + 1))
			elif objcopy --strip-debug "$base-plain/$o" "$res/a.o" 2>/dev/null &&
			     objcopy --strip-debug "$base-$m/$o" "$res/b.o" 2>/dev/null &&
			     cmp -s "$res/a.o" "$res/b.o" && grep -q "$base-plain" "$base-plain/$o"; then
				g=$((g + 1)); echo "$o" >>"$res/$m.differ-debug"
			else
				d=$((d + 1)); echo "$o" >>"$res/$m.differ"
			fi
		done <"$res/objs"
		rm -f "$res/a.o" "$res/b.o"
		same="$n of $((n + d + g)), $g more but for the O= directory in DWARF, $d differ"
	fi
	echo "| $m | $(cat "$res/$m.status") | $ice | $(cpu "$m") | $ratio | $(tail -n 1 "$res/$m.time" | cut -d' ' -f1) | $same |"
done
[ -f "$res/distcc.jobs" ] && echo && echo "distcc: $(cat "$res/distcc.jobs") compiles COMPILE_OK in the node's log; node CPU $(cat "$res/distcc.node" | awk '{ print $1 " user, " $2 " sys, " $3 " jobs" }')"
for m in plugin distcc; do
	[ -f "$res/$m.log" ] || continue
	(cd "$base-$m" && "$cli" report --format=json "$res/$m.log") >"$res/$m.json"
	echo
	echo "findings of the $m build per directory ($(wc -l <"$res/$m.json") in all; file paths from $src):"
	sed -n 's/^{"file":"\([^"]*\)".*"check":"\([^"]*\)".*/\1 \2/p' "$res/$m.json" |
		sed "s|^$src/||; s|^\.\./[^/]*/||" |
		awk '{ split($1, p, "/"); d = p[1]; if (d == "include" || d == "arch") d = d "/" p[2]; n[d " " $2]++ }
		     END { for (k in n) print "  " k ": " n[k] }' | sort
done
