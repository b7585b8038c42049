#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Distributed kernel builds (docs/workflows.md): the plugin rides distcc and
# icecream, and the findings come home in the build log.
#
# A "node" is a network namespace of its own, joined to the client's
# namespace by a veth pair (no other traffic), with a mount namespace that
# hides the kernel tree: it has the plugin and the CLI at the same paths,
# not the sources, as a machine of a build farm.  The client (make) runs in
# its own namespace too.
#
# distcc: a 6.12 mm/ build with CC="distcc ptebatch-gcc" and local fallback
# off against the local KCFLAGS build: the same findings (ptebatch report
# of the log against report of the output directory), byte-identical
# objects, and the node's log naming every compile.  Also: the cause
# (distccd refuses -fplugin= in the arguments), and a node with a plugin
# for another gcc failing the compile with the plugin's version check.
#
# icecream: the same build with CC="icecc gcc" and KCFLAGS=-fplugin=...
# (icecc ships the plugin to the node with the compiler), a scheduler and
# a client daemon that takes no jobs in the client namespace, a compiling
# daemon in the node.
#
# Needs root (namespaces), distcc, icecc (make deps installs them) and the
# 6.12 tree of make kernel-tree, copied once to a private tree where the
# objects are built.  Every wait is bounded; the daemons, the namespaces
# and the mounts go away on exit.
# Closing line: "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/../.." && pwd)
cli=$top/tools/ptebatch
src=${PTEBATCH_KERNEL_DIR:-/var/cache/ptebatch/linux-6.12}
work=${PTEBATCH_DISTCC_TREE:-/var/cache/ptebatch/linux-6.12-distcc}
files="mm/rmap.c mm/memory.c mm/madvise.c mm/mremap.c mm/mprotect.c mm/huge_memory.c"
objs=$(echo "$files" | sed 's/\.c/.o/g')
# strict: the pristine tree has no findings of the dataflow checks at the
# default level; vm-bug (opt-in) has many
pflags="-fplugin-arg-ptebatch_plugin-strict -fplugin-arg-ptebatch_plugin-W=vm-bug"
# vm-bug listens to the preprocessor, which distcc runs on the client:
# distcc builds compare the other checks
dataflow=$(sed -n 's/^CHECK([a-z_]*, *"\([a-z-]*\)".*/\1/p' "$top/include/checks.def" |
	grep -v '^vm-bug$' | paste -sd, -)
NR_LOCAL=1 NR_DISTCC=14 NR_ICECC=7
pass=0 fail=0 skip=0
export LC_ALL=C

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }
finish() {
	if [ "$skip" -gt 0 ]; then
		echo "$pass passed, $fail failed, $skip skipped"
	else
		echo "$pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ]
	exit $?
}
skip_all() { # N REASON
	skip=$((skip + $1))
	echo "SKIP $1 distributed-build tests: $2"
}

[ "$(id -u)" = 0 ] || { skip_all $((NR_LOCAL + NR_DISTCC + NR_ICECC)) "needs root (network namespaces); run make check-distcc as root"; finish; }
for c in ip unshare timeout flock ss; do
	command -v $c >/dev/null 2>&1 ||
		{ skip_all $((NR_LOCAL + NR_DISTCC + NR_ICECC)) "no $c; run make deps"; finish; }
done
if [ ! -f "$src/.ptebatch-prepared" ] || [ ! -f "$src/.config" ]; then
	skip_all $((NR_LOCAL + NR_DISTCC + NR_ICECC)) "no prepared 6.12 tree at $src; run make kernel-tree"
	finish
fi
[ -x "$cli" ] && [ -f "$top/plugin/ptebatch_plugin.so" ] ||
	{ ko "no CLI or plugin in $top (make)"; finish; }

tmp=$(mktemp -d /tmp/ptebatch-distcc.XXXXXX)
chmod 755 "$tmp"		# distccd drops root: it reads the plugin here
id=$$
ns_cli=ptebatch-dc$id-cli ns_node=ptebatch-dc$id-node
va=pbd${id}a vb=pbd${id}b
cli_ip=10.216.0.1 node_ip=10.216.0.2

# Every process of the two namespaces is one this test started.
cleanup() {
	for ns in $ns_node $ns_cli; do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -n "$pids" ] && kill $pids 2>/dev/null
	done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -z "$(ip netns pids $ns_node 2>/dev/null)$(ip netns pids $ns_cli 2>/dev/null)" ] && break
		sleep 0.5
	done
	for ns in $ns_node $ns_cli; do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -n "$pids" ] && kill -9 $pids 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	# a failed run keeps its logs
	if [ "$fail" -gt 0 ]; then
		rm -rf /tmp/ptebatch-distcc-failed
		mkdir -p /tmp/ptebatch-distcc-failed &&
			cp -r "$tmp"/*.log "$tmp"/*.json "$tmp"/icecc /tmp/ptebatch-distcc-failed/ 2>/dev/null;
			echo "NOTE logs of the failed run: /tmp/ptebatch-distcc-failed"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

in_cli() { ip netns exec $ns_cli "$@"; }

# ---- the private tree: one run at a time builds there
exec 9>"$work.lock"
timeout 1800 flock 9 || { ko "the lock of $work stayed taken for 30 min"; finish; }
stamp="$(cat "$src/.ptebatch-prepared") $src"
if [ "$(cat "$work/.ptebatch-distcc" 2>/dev/null)" != "$stamp" ]; then
	echo "NOTE copying $src to $work (once)"
	rm -rf "$work" "$work.tmp"
	exec 8>"$src.lock"
	flock 8
	cp -a "$src" "$work.tmp" && mv "$work.tmp" "$work" &&
		echo "$stamp" >"$work/.ptebatch-distcc" || { ko "cannot copy $src to $work"; finish; }
	exec 8>&-
fi

# ---- the two "hosts"
ip netns add $ns_cli && ip netns add $ns_node &&
	ip link add $va netns $ns_cli type veth peer name $vb netns $ns_node &&
	in_cli ip addr add $cli_ip/30 dev $va &&
	ip netns exec $ns_node ip addr add $node_ip/30 dev $vb &&
	in_cli ip link set lo up && in_cli ip link set $va up &&
	ip netns exec $ns_node ip link set lo up && ip netns exec $ns_node ip link set $vb up ||
	{ ko "cannot set up the network namespaces"; finish; }

# node CMD...: CMD in the node, with the kernel tree hidden (a tmpfs over it)
node() {
	ip netns exec $ns_node unshare -m --propagation private sh -c \
		'mount -t tmpfs -o size=1m ptebatch-hidden "$0" && exec "$@"' "$work" "$@"
}
# wait_port NS PORT: until something listens there (10 s at most)
wait_port() {
	for i in $(seq 50); do
		ip netns exec "$1" ss -ltn 2>/dev/null | grep -q ":$2 " && return 0
		sleep 0.2
	done
	return 1
}
# wait_log FILE PATTERN: distccd logs a job after the client has its result
wait_log() {
	for i in $(seq 50); do
		grep -q "$2" "$1" && return 0
		sleep 0.2
	done
	return 1
}
# The objects and their .cmd files go before each build: make rebuilds them.
clean_objs() {
	for o in $objs; do
		rm -f "$work/$o" "$work/$(dirname "$o")/.$(basename "$o").cmd"
	done
}
save_objs() { # DIR
	mkdir -p "$1"
	for o in $objs; do
		[ -f "$work/$o" ] && cp "$work/$o" "$1/$(basename "$o")"
	done
}
same_objs() { # NAME DIR1 DIR2
	n=0 bad=
	for o in $objs; do
		b=$(basename "$o")
		if [ -f "$2/$b" ] && cmp -s "$2/$b" "$3/$b"; then n=$((n + 1)); else bad="$bad $b"; fi
	done
	[ -z "$bad" ] && { ok; echo "NOTE $1: $n objects byte-identical"; } ||
		ko "$1: objects differ or missing:$bad"
}
# the findings as one JSON list, the same for every input
report() { # OUT INPUT [OPTION]
	(cd "$work" && "$cli" report --format=json $3 "$2") >"$1"
	[ $? -le 1 ]
}

# ---- the local build: the KCFLAGS recipe, output=DIR
mkdir -p "$tmp/local.d"
clean_objs
(cd "$work" && timeout 1800 nice make -s -j2 \
	KCFLAGS="-fplugin=$top/plugin/ptebatch_plugin.so $pflags -fplugin-arg-ptebatch_plugin-output=$tmp/local.d" \
	$objs) >"$tmp/local.log" 2>&1 || { ko "local build failed"; tail -5 "$tmp/local.log"; }
save_objs "$tmp/local"
report "$tmp/local.json" "$tmp/local.d" || ko "report of the local build failed"
report "$tmp/local-dataflow.json" "$tmp/local.d" --checks=$dataflow
nl=$(wc -l <"$tmp/local.json")
[ "$nl" -gt 0 ] && ok || ko "local build: no findings (the comparison would prove nothing)"
echo "NOTE local build: $nl findings ($(grep -c '"check":"vm-bug"' "$tmp/local.json") vm-bug) from $(echo "$files" | wc -w) files"

# ======================================================================
# distcc
if ! command -v distcc >/dev/null 2>&1 || ! command -v distccd >/dev/null 2>&1; then
	skip_all $NR_DISTCC "no distcc/distccd; run make deps"
else
	dport=3632 wport=3633
	# The node runs the compilers it allows by name: ptebatch-gcc, here by
	# DISTCC_CMDLIST (the documented way without /usr/lib/distcc links),
	# and gcc for the cause below.
	printf '%s\n' "$top/tools/ptebatch-gcc" "$(command -v x86_64-linux-gnu-gcc || command -v gcc)" >"$tmp/cmdlist"
	node env DISTCC_CMDLIST="$tmp/cmdlist" TMPDIR=/tmp \
		distccd --no-detach --daemon --listen $node_ip --port $dport --allow $cli_ip \
		--jobs 2 --log-stderr --log-level info >"$tmp/distccd.log" 2>&1 &
	# a second daemon on the node whose plugin is built for another gcc
	inc=$(gcc -print-file-name=plugin)/include
	g++ -std=gnu++14 -fPIC -shared -fno-rtti -fno-exceptions -I"$inc" -I"$top/plugin" -I"$top/include" \
		-DPLUGIN_VERSION='"test"' -DPTEBATCH_TEST_BUILT_FOR='"11.4.0"' \
		-o "$tmp/other-gcc.so" "$top"/plugin/*.c 2>"$tmp/other.err" ||
		ko "cannot build the plugin for another gcc"
	node env DISTCC_CMDLIST="$tmp/cmdlist" PTEBATCH_PLUGIN="$tmp/other-gcc.so" TMPDIR=/tmp \
		distccd --no-detach --daemon --listen $node_ip --port $wport --allow $cli_ip \
		--jobs 1 --log-stderr --log-level info >"$tmp/distccd-other.log" 2>&1 &
	if wait_port $ns_node $dport && wait_port $ns_node $wport; then
		ok
	else
		ko "distccd did not listen within 10 s"; cat "$tmp/distccd.log" | head -5
	fi
	# no fallback, no local retry
	export DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1
	mkdir -p "$tmp/distcc-cause" "$tmp/distcc-client"

	# the cause: distccd refuses a compile whose arguments hold -fplugin=
	echo 'int f(int a) { return a; }' >"$tmp/x.c"
	# (its own client state: the client then backs off from the node)
	DISTCC_DIR="$tmp/distcc-cause" DISTCC_HOSTS="$node_ip:$dport/1" timeout 60 ip netns exec $ns_cli distcc gcc -O2 \
		-fplugin="$top/plugin/ptebatch_plugin.so" -c "$tmp/x.c" -o "$tmp/x.o" >"$tmp/cause.out" 2>&1
	st=$?
	if [ $st -ne 0 ] && [ $st -ne 124 ] && wait_log "$tmp/distccd.log" 'fplugin= .*insecure and not supported'; then
		ok
	else
		ko "cause: distcc gcc -fplugin= exited $st, node log without the refusal"
	fi

	# the build through the node
	export DISTCC_DIR="$tmp/distcc-client"
	clean_objs
	t0=$(date +%s)
	(cd "$work" && DISTCC_HOSTS="$node_ip:$dport/2" PATH="$top/tools:$PATH" \
		timeout 1800 ip netns exec $ns_cli nice make -j2 CC="distcc ptebatch-gcc" \
		KCFLAGS="$pflags -fplugin-arg-ptebatch_plugin-output=-" $objs) >"$tmp/distcc.log" 2>&1
	st=$?
	echo "NOTE distcc build of $objs: $(($(date +%s) - t0)) s"
	[ $st -eq 0 ] && ok || { ko "distcc build failed ($st)"; grep -v '^{' "$tmp/distcc.log" | tail -5; }
	save_objs "$tmp/distcc"
	same_objs "distcc objects" "$tmp/local" "$tmp/distcc"
	# the node compiled every file (its log), and nothing fell back
	n=0
	for f in $files; do
		wait_log "$tmp/distccd.log" "COMPILE_OK .*ptebatch-gcc $f" && n=$((n + 1))
	done
	[ $n -eq "$(echo "$files" | wc -w)" ] && ok ||
		ko "node log: $n of $(echo "$files" | wc -w) files compiled there"
	echo "NOTE node log: $(grep -c 'COMPILE_OK' "$tmp/distccd.log") compiles COMPILE_OK, e.g.:"
	grep "COMPILE_OK .*ptebatch-gcc mm/rmap.c" "$tmp/distccd.log" | head -1 | sed 's/^/    /'
	grep -q 'running locally\|failed to distribute' "$tmp/distcc.log" &&
		ko "the client log says a compile ran locally" || ok
	# the node had no sources: its records say so
	nb=$(grep -c '^{.*"columns":"byte"}$' "$tmp/distcc.log")
	nr=$(grep -c '^{"file":' "$tmp/distcc.log")
	[ "$nr" -gt 0 ] && [ "$nb" -eq "$nr" ] && ok ||
		ko "node records: $nb of $nr with byte columns (the node saw the sources?)"
	# the same findings: report of the build log against the local one
	report "$tmp/distcc.json" "$tmp/distcc.log" --checks=$dataflow || ko "report of the distcc log failed"
	echo "NOTE distcc build: $(wc -l <"$tmp/distcc.json") findings of $dataflow"
	if [ -s "$tmp/distcc.json" ] && cmp -s "$tmp/local-dataflow.json" "$tmp/distcc.json"; then
		ok
	else
		ko "distcc findings differ from the local build's"
		diff "$tmp/local-dataflow.json" "$tmp/distcc.json" | head -6
	fi
	# and the same SARIF
	(cd "$work" && "$cli" report --format=sarif --checks=$dataflow "$tmp/local.d") >"$tmp/local.sarif"
	(cd "$work" && "$cli" report --format=sarif --checks=$dataflow "$tmp/distcc.log") >"$tmp/distcc.sarif"
	cmp -s "$tmp/local.sarif" "$tmp/distcc.sarif" && ok || ko "SARIF of the two builds differ"
	# the human-readable log has the findings too
	nd=$(grep -c ': warning: .*\[ptebatch-' "$tmp/distcc.log")
	[ "$nd" -gt 0 ] && ok || ko "distcc log: no ptebatch diagnostics"

	# a node whose plugin is for another gcc: the compile fails there, with
	# the plugin's version check in the client's log
	rm -f "$work/mm/rmap.o"
	(cd "$work" && DISTCC_HOSTS="$node_ip:$wport/1" PATH="$top/tools:$PATH" \
		timeout 600 ip netns exec $ns_cli make -j1 CC="distcc ptebatch-gcc" mm/rmap.o) >"$tmp/other.log" 2>&1
	st=$?
	[ $st -ne 0 ] && ok || ko "a node with a plugin for another gcc: the build succeeded"
	grep -q 'ptebatch_plugin: built for gcc 11.4.0 .*loaded into gcc' "$tmp/other.log" && ok ||
		{ ko "a node with a plugin for another gcc: no version-check error in the log"; tail -3 "$tmp/other.log"; }
	wait_log "$tmp/distccd-other.log" 'COMPILE_ERROR .*ptebatch-gcc ' && ok ||
		ko "a node with a plugin for another gcc: its log has no failed compile"
	[ -f "$work/mm/rmap.o" ] && ko "a node with a plugin for another gcc: mm/rmap.o was built" || ok
	unset DISTCC_DIR DISTCC_FALLBACK DISTCC_SKIP_LOCAL_RETRY
fi

# ======================================================================
# icecream
[ -f "$top/testsuite/distcc/icecc.sh" ] && . "$top/testsuite/distcc/icecc.sh"

finish
