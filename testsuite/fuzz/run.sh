#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The CLI's readers of outside input under libFuzzer, ASan and UBSan
# (testsuite/fuzz/fuzz.c; docs/testing.md).
#
#   sh testsuite/fuzz/run.sh fuzz [TARGET...]   make fuzz: each target for
#       FUZZ_SECONDS (default 60) from its corpus; new inputs go to
#       build/fuzz/new/TARGET, a crash to build/fuzz/crash-TARGET-*
#   sh testsuite/fuzz/run.sh replay             make check: every seed and
#       regression input once through its target; every regression input
#       also through the CLI (tools/ptebatch-asan): exit 0, 1 or one error
#       line and exit 2
#
# Targets: patch jsonl log baseline ccdb (fuzz.c), plugin-opts (gcc with
# the plugin and generated -fplugin-arg- options: FUZZ_SECONDS of runs).
cd "$(dirname "$0")/../.." || exit 2
mode=${1:-replay}
[ $# -gt 0 ] && shift
TARGETS=${*:-patch jsonl log baseline ccdb plugin-opts}
SECS=${FUZZ_SECONDS:-60}
B=build/fuzz
CC_FUZZ=${CC_FUZZ:-clang}
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

upper() { echo "$1" | tr a-z- A-Z_; }

build() {
	command -v "$CC_FUZZ" >/dev/null || return 1
	mkdir -p $B/obj
	flags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
	       -std=gnu11 -D_GNU_SOURCE -DPTEBATCH_VERSION=\"fuzz\" -DPTEBATCH_LIBDIR=\"/nonexistent\"
	       $(pkg-config --cflags gmime-3.0)"
	objs=
	for c in tools/*.c; do
		[ "$c" = tools/ptebatch.c ] && continue
		o=$B/obj/$(basename "$c" .c).o
		if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ -n "$(find tools -name '*.h' -newer "$o" | head -n 1)" ]; then
			$CC_FUZZ $flags -c "$c" -o "$o" || return 1
		fi
		objs="$objs $o"
	done
	for t in patch jsonl log baseline ccdb; do
		if [ ! -x $B/fuzz-$t ] || [ -n "$(find $B/obj testsuite/fuzz/fuzz.c -newer $B/fuzz-$t | head -n 1)" ]; then
			$CC_FUZZ $flags -fsanitize=fuzzer -DFUZZ_$(upper $t) \
				testsuite/fuzz/fuzz.c $objs -ljansson $(pkg-config --libs gmime-3.0) -lsqlite3 -lnettle -Wl,--wrap=exit -Wl,--wrap=file_read \
				-o $B/fuzz-$t || return 1
		fi
	done
}

# The plugin's option parser: gcc with the plugin on a tiny file and
# options drawn from its keys, values and junk.  Correct: exit 0, or exit 1
# with a "ptebatch:" error; never an ICE, a signal or a silent bad value.
plugin_opts() {
	plugin=$(pwd)/plugin/ptebatch_plugin.so
	[ -f "$plugin" ] || return 2
	src=$B/opts.c
	echo 'int f(int a) { return a; }' >$src
	end=$(( $(date +%s) + $1 ))
	n=0 found=0
	keys="checks W Wno output disable strict error verbose analyze-only x checks= W= -"
	vals="all batch-bounds none , ,, batch-bounds,all -batch-bounds = %s %n \"\" ' $(printf 'x%.0s' $(seq 300))"
	while [ "$(date +%s)" -lt $end ]; do
		set -- $keys; shift $(( $(od -An -N1 -tu1 /dev/urandom) % $# )); k=$1
		set -- $vals; shift $(( $(od -An -N1 -tu1 /dev/urandom) % $# )); v=$1
		r=$(od -An -N1 -tu1 /dev/urandom)
		case $((r % 3)) in
		0) opt="-fplugin-arg-ptebatch_plugin-$k" ;;
		1) opt="-fplugin-arg-ptebatch_plugin-$k=$v" ;;
		2) opt="-fplugin-arg-ptebatch_plugin-$k=$v$(head -c 8 /dev/urandom | tr -d '\000\n' | tr -c '[:print:]' 'z')" ;;
		esac
		out=$(timeout 20 ${CC:-gcc} -fplugin="$plugin" "$opt" -fplugin-arg-ptebatch_plugin-output=/dev/null \
			-c $src -o /dev/null 2>&1)
		rc=$?
		n=$((n + 1))
		case $rc in
		0) ;;
		1) echo "$out" | grep -q 'ptebatch' || { echo "no ptebatch error for $opt: $out"; found=$((found + 1)); } ;;
		*) echo "exit $rc for $opt: $(echo "$out" | head -n 3)"; found=$((found + 1))
		   printf '%s\n' "$opt" >>$B/crash-plugin-opts ;;
		esac
	done
	echo "plugin-opts: $n runs, $found bad"
	[ $found -eq 0 ]
}

case $mode in
fuzz)
	build || { echo "SKIP: no $CC_FUZZ with libFuzzer (make deps installs clang, libclang-rt-dev)"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }
	for t in $TARGETS; do
		if [ "$t" = plugin-opts ]; then
			if plugin_opts "$SECS"; then ok; else bad "plugin-opts: see above"; fi
			continue
		fi
		mkdir -p $B/new/$t
		start=$(date +%s)
		# fail()'s longjmp leaks what the reader held: no leak checks,
		# a small quarantine
		ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=16 \
			$B/fuzz-$t -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2560 -max_len=8192 -artifact_prefix=$B/crash-$t- \
			-dict=testsuite/fuzz/$t.dict $B/new/$t testsuite/fuzz/corpus/$t \
			>$B/log-$t 2>&1
		rc=$?
		execs=$(sed -n "s/^Done \([0-9]*\) runs.*/\1/p" $B/log-$t)
		[ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' $B/log-$t | tail -n 1 | tr -d '#')
		cov=$(grep -o 'cov: [0-9]*' $B/log-$t | tail -n 1)
		echo "$t: ${execs:-?} executions in $(( $(date +%s) - start ))s, $cov, exit $rc"
		if [ $rc -eq 0 ]; then ok; else bad "$t: $(grep -m1 -E 'ERROR|runtime error|deadly' $B/log-$t) (build/fuzz/log-$t)"; fi
	done
	;;
replay)
	if ! build; then
		echo "SKIP: no $CC_FUZZ with libFuzzer (make deps installs clang, libclang-rt-dev)"
		skip=$((skip + 1))
	else
		for t in patch jsonl log baseline ccdb; do
			for d in corpus regress; do
				[ -d testsuite/fuzz/$d/$t ] || continue
				[ -n "$(ls testsuite/fuzz/$d/$t)" ] || continue
				if ASAN_OPTIONS=detect_leaks=0 timeout 300 $B/fuzz-$t -runs=0 \
					testsuite/fuzz/$d/$t/* >$B/replay-$t-$d 2>&1; then ok
				else bad "$t: $d input fails: $(grep -m1 -E 'ERROR|runtime error|Running:' $B/replay-$t-$d)"; fi
			done
		done
	fi
	# The CLI itself on each regression input.
	cli=tools/ptebatch-asan
	[ -x $cli ] || cli=tools/ptebatch
	for f in testsuite/fuzz/regress/*/*; do
		[ -f "$f" ] || continue
		t=$(basename "$(dirname "$f")")
		case $t in
		patch) mkdir -p $B/tree/mm && : >$B/tree/Makefile && : >$B/tree/.config &&
		       printf 'int x;\n' >$B/tree/mm/x.c && cp $B/tree/mm/x.c $B/tree/mm/a.c
		       set -- lint --tree=$B/tree "$f" ;;
		jsonl) cp "$f" $B/in.jsonl; set -- report $B/in.jsonl ;;
		log) cp "$f" $B/in.log; set -- report $B/in.log ;;
		baseline) cp "$f" $B/in.jsonl; set -- report --baseline=$B/in.jsonl /dev/null ;;
		ccdb) mkdir -p $B/cc; cp "$f" $B/cc/compile_commands.json; set -- check -p $B/cc $B/cc/a.c ;;
		*) continue ;;
		esac
		# a sanitizer report exits 99, not 1 (findings)
		ASAN_OPTIONS=detect_leaks=0:exitcode=99 UBSAN_OPTIONS=exitcode=99 \
			timeout 60 $cli "$@" >$B/out 2>$B/err
		rc=$?
		case $rc in
		0|1) ok ;;
		2) if [ "$(wc -l <$B/err)" -eq 1 ] && grep -q '^ptebatch: error: ' $B/err; then ok
		   else bad "$f: exit 2 without one error line: $(head -c 300 $B/err)"; fi ;;
		*) bad "$f: ptebatch $1 exit $rc: $(head -c 300 $B/err)" ;;
		esac
	done
	;;
*) echo "usage: $0 fuzz [TARGET...] | replay" >&2; exit 2 ;;
esac
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
