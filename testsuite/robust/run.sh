#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs under real conditions, on a miniature kernel tree (no real tree
# needed; docs/testing.md):
#  - interrupted: 'lint' and 'kcheck' killed with SIGINT, SIGTERM and
#    SIGKILL at random moments (ROBUST_KILLS runs each, default 12) leave
#    the tree and the user's files as they were, no process behind, and
#    (INT, TERM) no temporary directory;
#  - parallel: make -j far above the core count running kcheck over many
#    files that share a header, with and without --output, and a KCFLAGS-
#    style build with the plugin (ROBUST_BUILDS builds each, default 4):
#    the same findings every time, the header's once; a build killed
#    midway does not hide the next build's findings.
# Every wait is bounded.  Closing line: "N passed, N failed, N skipped".
top=$(cd "$(dirname "$0")/../.." && pwd)
cli=${ROBUST_CLI:-$top/tools/ptebatch}
tmp=$(mktemp -d /tmp/ptebatch-robust.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
. "$top/testsuite/lib.sh"
KILLS=${ROBUST_KILLS:-12}
BUILDS=${ROBUST_BUILDS:-4}
JOBS=${ROBUST_JOBS:-32}
cd "$tmp" || exit 2

# A private copy of the plugin: other work may rebuild plugin/ meanwhile.
mkdir -p plugin && cp "$top/plugin/ptebatch_plugin.so" plugin/ || { echo "no plugin: run make"; exit 2; }
export PTEBATCH_PLUGIN="$tmp/plugin/ptebatch_plugin.so"

# ---------------------------------------------------------------- the tree
mkdir -p kt/mm kt/include
cp "$top/testsuite/include/kernel.h" kt/include/
printf '# SPDX-License-Identifier: GPL-2.0-only\nall:\n' >kt/Makefile
printf 'CONFIG_MMU=y\n' >kt/.config
cat >kt/mm/unmap.c <<'EOF2'
// SPDX-License-Identifier: GPL-2.0-only
#include <kernel.h>

int unmap_one(struct folio *folio, int nr)
{
	if (!folio_test_large(folio))
		return 1;
	return nr;
}
EOF2
echo 'savedcmd_mm/unmap.o := gcc -Wp,-MMD,mm/.unmap.o.d -I./include -D__KERNEL__ -O2 -c -o mm/unmap.o mm/unmap.c' >kt/mm/.unmap.o.cmd
(cd kt && git init -q && git add -A && git -c user.name=t -c user.email=t@example.com commit -q -m base) || { echo "git init failed"; exit 2; }
mkdir -p p/a/mm p/b/mm
cp kt/mm/unmap.c p/a/mm/unmap.c
sed 's/^\treturn nr;$/\tVM_BUG_ON(nr < 0);\n&/' kt/mm/unmap.c >p/b/mm/unmap.c
(cd p && diff -u a/mm/unmap.c b/mm/unmap.c) >vmbug.patch
cp vmbug.patch vmbug.patch.orig

state() { # the tree: every file's content and git's view of it
	(cd kt && git status --porcelain --ignored && find . -path ./.git -prune -o -type f -print | sort | xargs md5sum)
}
state >tree.orig

# processes started by this run carry ROBUST_TAG in their environment
tagged() { # TAG: the pids of processes alive with that tag
	grep -l "ROBUST_TAG=$1" /proc/[0-9]*/environ 2>/dev/null | sed 's|/proc/\([0-9]*\)/environ|\1|'
}
wait_gone() { # PID SECONDS: wait until PID has ended; 1 if it has not
	n=0
	while kill -0 "$1" 2>/dev/null; do
		[ $n -ge $(($2 * 10)) ] && return 1
		sleep 0.1
		n=$((n + 1))
	done
	return 0
}
rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }

# One whole run, to know how long one takes (the kill moments spread over it).
t0=$(date +%s%N)
"$cli" lint --tree kt vmbug.patch >out 2>err
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $rc -eq 1 ] && ok || ko "lint-whole: exit $rc, want 1 (the VM_BUG_ON)"
grep -q 'ptebatch-vm-bug' out && ok || ko "lint-whole-finds: no vm-bug finding"
echo "one lint run: ${ms} ms"

# interrupt NAME SIG CMD...: start CMD, kill it with SIG after a random
# moment of its run, then check what it left
interrupt() {
	name=$1 sig=$2
	shift 2
	tag=$$.$name
	mkdir -p "$tmp/t.$name"
	delay=$(( $(rand) % (ms + ms / 5 + 1) ))
	# a shell starts a background job with SIGINT ignored: restore it
	ROBUST_TAG=$tag TMPDIR=$tmp/t.$name env --default-signal=INT "$@" \
		>"$tmp/out.$name" 2>"$tmp/err.$name" &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -s "$sig" $pid 2>/dev/null
	if ! wait_gone $pid 30; then
		ko "$name: still running 30 s after SIG$sig"
		kill -s KILL $pid 2>/dev/null
	fi
	wait $pid 2>/dev/null
	st=$?
	# INT, TERM: the CLI ends its children (1 s to go); KILL: its children
	# die with it, a grandchild (cc1 under the gcc driver) may finish its file
	left=
	[ "$sig" = KILL ] && grace=100 || grace=10
	for _ in $(seq $grace); do
		left=$(tagged "$tag")
		[ -z "$left" ] && break
		sleep 0.1
	done
	if [ -n "$left" ]; then
		ko "$name: processes left $((grace / 10)) s after SIG$sig at ${delay} ms: $(for p in $left; do tr '\0' ' ' </proc/$p/cmdline; echo; done | head -n 3)"
		for p in $left; do kill -s KILL "$p" 2>/dev/null; done
	else
		ok
	fi
	state >tree.now
	cmp -s tree.orig tree.now && ok || ko "$name: the tree changed after SIG$sig at ${delay} ms: $(diff tree.orig tree.now | head -n 4)"
	cmp -s vmbug.patch vmbug.patch.orig && ok || ko "$name: the patch file changed"
	# the temporary directory goes too, unless the CLI had no chance
	if [ "$sig" != KILL ] && [ -n "$(ls -A "$tmp/t.$name")" ]; then
		ko "$name: SIG$sig at ${delay} ms (exit $st) left $(ls "$tmp/t.$name")"
	else
		ok
	fi
	[ "$sig" = KILL ] && kills_left=$((kills_left + $(ls "$tmp/t.$name" | wc -l)))
}

section $((KILLS * 4 * 2)) "interrupted"
kills_left=0
i=0
while [ $i -lt "$KILLS" ]; do
	case $((i % 3)) in 0) sig=INT ;; 1) sig=TERM ;; 2) sig=KILL ;; esac
	interrupt lint$i $sig "$cli" lint --tree kt vmbug.patch
	interrupt kcheck$i $sig sh -c "cd kt && exec '$cli' kcheck --output='$tmp/kout' -Wp,-MMD,mm/.unmap.o.d -I./include -D__KERNEL__ -O2 mm/unmap.c"
	i=$((i + 1))
done
end_section
echo "after SIGKILL: $kills_left temporary directories left (the CLI cannot remove them)"
# what an interrupted kcheck left in its output directory still reads
if [ -d kout ]; then
	"$cli" report kout >/dev/null 2>report.err
	rc=$?
	[ $rc -le 1 ] && ok || ko "kcheck-output-readable: report of the interrupted runs' output: exit $rc: $(head -n 1 report.err)"
else
	ok
fi

# ---------------------------------------------------------------- parallel
# NFILES files that share a header: each has its own VM_BUG_ON, the header one
NFILES=${ROBUST_FILES:-16}
mkdir -p pb
cp "$top/testsuite/include/kernel.h" pb/
printf '/* SPDX-License-Identifier: GPL-2.0-only */\n#include "kernel.h"\nstatic inline int hdr_check(int nr)\n{\n\tVM_BUG_ON(nr > 512);\n\treturn nr;\n}\n' >pb/hdr.h
for i in $(seq 1 "$NFILES"); do
	printf '// SPDX-License-Identifier: GPL-2.0-only\n#include "hdr.h"\nint f%d(int nr)\n{\n\tVM_BUG_ON(nr < %d);\n\treturn hdr_check(nr);\n}\n' "$i" "$i" >pb/f$i.c
done
# kcheck as Kbuild's CHECK, and gcc with the plugin as a KCFLAGS build
cat >pb/Makefile <<'EOF2'
OBJS := $(patsubst %.c,%.o,$(wildcard f*.c))
all: $(OBJS)
%.o: %.c FORCE
	@$(if $(CHECK),$(CHECK) $(CHECKFLAGS) -Wp$(comma)-MMD$(comma).$@.d -I. -O2 $<,gcc $(KCFLAGS) -I. -O2 -c -o $@ $<)
comma := ,
FORCE:
.PHONY: FORCE
EOF2
want=$((NFILES + 1))
# findings LOG: the sorted finding lines of a build's log
findings() { grep 'ptebatch-vm-bug' "$1" | sed 's/: warning: .*\[/: [/' | sort; }
# pbuild NAME MAKE-ARGS...: one build at -j$JOBS, its findings checked
pbuild() {
	name=$1
	shift
	(cd pb && timeout 600 make -s -j"$JOBS" "$@") >"$name.log" 2>&1
	findings "$name.log" >"$name.f"
	n=$(wc -l <"$name.f")
	h=$(grep -c '^hdr.h:' "$name.f")
	[ "$n" -eq "$want" ] && [ "$h" -eq 1 ] && ok ||
		ko "$name: $n findings ($h in the header), want $want (1): $(grep -v 'ptebatch-vm-bug' "$name.log" | head -n 2)"
}
same_as() { # NAME FIRST
	cmp -s "$1.f" "$2.f" && ok || ko "$1: other findings than $2: $(diff "$2.f" "$1.f" | head -n 3)"
}
# report DIR gives every finding once
reported() { # NAME DIR
	"$cli" report "$2" >"$1.r" 2>&1
	n=$(grep -c 'ptebatch-vm-bug' "$1.r")
	[ "$n" -eq "$want" ] && ok || ko "$1: report $2: $n findings, want $want"
}

section $((BUILDS * 7 + 8)) "parallel"
b=1
while [ "$b" -le "$BUILDS" ]; do
	pbuild kc$b CHECK="$cli kcheck" CHECKFLAGS=-Wptebatch-vm-bug
	same_as kc$b kc1
	# the same output directory every build, as a user who builds again
	pbuild ko$b CHECK="$cli kcheck --output=$tmp/ko" CHECKFLAGS=-Wptebatch-vm-bug
	same_as ko$b kc1
	reported ko$b "$tmp/ko"
	pbuild kf$b KCFLAGS="-fplugin=$PTEBATCH_PLUGIN -fplugin-arg-ptebatch_plugin-output=$tmp/kf$b -fplugin-arg-ptebatch_plugin-W=vm-bug"
	reported kf$b "$tmp/kf$b"
	b=$((b + 1))
done
# a build killed midway, then the next one into the same places
for mode in kcheck kcflags; do
	case $mode in
	kcheck) set -- CHECK="$cli kcheck --output=$tmp/kk" CHECKFLAGS=-Wptebatch-vm-bug ;;
	kcflags) mkdir -p "$tmp/kk2"
		set -- KCFLAGS="-fplugin=$PTEBATCH_PLUGIN -fplugin-arg-ptebatch_plugin-output=$tmp/kk2 -fplugin-arg-ptebatch_plugin-W=vm-bug" ;;
	esac
	(cd pb && ROBUST_TAG=$$.killed-$mode exec setsid make -s -j"$JOBS" "$@") >killed-$mode.log 2>&1 &
	pid=$!
	sleep "$(( $(rand) % 4 + 1 ))"
	kill -s KILL -- -$pid 2>/dev/null
	wait_gone $pid 30 || ko "killed-$mode: make still running"
	wait $pid 2>/dev/null
	for _ in $(seq 100); do
		[ -z "$(tagged $$.killed-$mode)" ] && break
		sleep 0.1
	done
	# what a killed kcheck wrote half goes: the next build starts afresh
	[ "$mode" = kcheck ] && rm -f "$tmp"/kk/*.jsonl
	[ "$mode" = kcflags ] && rm -f "$tmp"/kk2/*.jsonl
	pbuild after-$mode "$@"
	same_as after-$mode kc1
	reported after-$mode "$([ $mode = kcheck ] && echo "$tmp/kk" || echo "$tmp/kk2")"
	ok
done
end_section

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
