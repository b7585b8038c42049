#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check-toolchains: the toolchains kernel developers use besides
# Debian 12's gcc 12 and spatch 1.1.1 (which make check covers).  For each
# Debian suite, in a debootstrapped chroot (testsuite/chroot.sh) with a clean
# clone of HEAD:
#
#   make deps                      as a user of that suite runs it first
#   per gcc major the suite has (13 and newer, each in the first suite that
#   has it: Debian 13 has 13 and 14, sid 15, 16 and whatever comes next):
#     make deps CC=gcc-N CXX=g++-N its compiler and plugin headers
#     make CC=gcc-N CXX=g++-N      plugin, CLI and case runner
#     CC=gcc-N testsuite/run-tests the case suite, plugin through gcc-N,
#                                  rules through the suite's spatch
#     CC=gcc-N testsuite/torture/run.sh  GCC's torture suite of that major
#                                  (gcc-N-source of the suite), for the
#                                  majors PTEBATCH_TOOLCHAINS_TORTURE names
#   testsuite/cocci-patch/run.sh   the patch-mode tests on that spatch
#   testsuite/rules/run.sh         the rule-table tests on that spatch and
#                                  the last gcc built (isomorphism names)
#   testsuite/kernel/check.sh      where the suite has no linux-source-6.12:
#                                  must skip, saying so
#
# Environment:
#   PTEBATCH_TOOLCHAINS_SUITES  suites, in order (default "trixie sid")
#   PTEBATCH_TOOLCHAINS_CACHE   where the base tarballs are kept
#                               (default /var/cache/ptebatch/toolchains)
#   PTEBATCH_TOOLCHAINS_KEEP=1  keep the chroots (their paths are printed)
#   PTEBATCH_TOOLCHAINS_TORTURE majors whose torture suite runs (default
#                               "all"; "none" for none), e.g. "14 16"
#
# Every step is a test; ends with "N passed, N failed" over them, after one
# line per toolchain with its suites' own closing lines.  Exit 1 when one
# failed, 2 when it could not run.

set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
suites=${PTEBATCH_TOOLCHAINS_SUITES:-trixie sid}
cache=${PTEBATCH_TOOLCHAINS_CACHE:-/var/cache/ptebatch/toolchains}
ch_keep=${PTEBATCH_TOOLCHAINS_KEEP:-0}
torture=${PTEBATCH_TOOLCHAINS_TORTURE:-all}
passed=0 failed=0
summary=

tag=toolchains
. "$here/../chroot.sh"

commit=$(git -C "$repo" rev-parse HEAD 2>/dev/null) ||
	ch_die "$repo is not a git checkout: nothing to clone"
ch_say "commit $(git -C "$repo" log -1 --format='%h %s' "$commit")"
# Majors the machine's own gcc covers (make check).
done_majors=" $(gcc -dumpversion 2>/dev/null | cut -d. -f1) "

logs=$(mktemp -d /tmp/ptebatch-toolchains.XXXXXX) || ch_die "mktemp failed"
trap 'ch_leave; rm -rf "$logs"' EXIT
seq=0

# step NAME CMD: CMD in the clone must exit 0; its log is in $log
step()
{
	name=$1
	shift
	seq=$((seq + 1))
	log=$logs/$seq
	t0=$(ch_now)
	ch_run "$log" "$@"
	rc=$?
	t=$(($(ch_now) - t0))
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
		ch_say "PASS: $name: $t s"
		return 0
	fi
	failed=$((failed + 1))
	ch_say "FAIL: $name: exit $rc, $t s; its last lines:"
	tail -n 15 "$log" | sed 's/^/    /'
	return 1
}

# closing LOG: the runner's closing line in $line, and a test that it
# says 0 failed
closing()
{
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	case $line in
	*" 0 failed"*) passed=$((passed + 1)) ;;
	*) failed=$((failed + 1))
	   ch_say "FAIL: closing line '$line'"
	   grep -E '^(FAIL|SKIP)' "$1" | head -n 20 | sed 's/^/    /' ;;
	esac
	: "${line:=no closing line}"
}

for suite in $suites; do
	ch_base "$suite" "$cache"
	ch_enter "$suite"
	# A mirror that is a fixed snapshot serves sid's Release past its
	# Valid-Until date; the chroot only builds and tests.
	echo 'Acquire::Check-Valid-Until "false";' \
		> "$ch_root/etc/apt/apt.conf.d/99ptebatch-snapshot"
	ch_clone "$repo" "$commit"

	step "$suite: make deps" make deps || continue
	ch_say "$suite: $(cat "$ch_root/etc/debian_version"), $(chroot "$ch_root" gcc --version | head -n 1), $(chroot "$ch_root" spatch --version | head -n 1 | cut -d' ' -f1-3)"

	built=
	majors=$(chroot "$ch_root" apt-cache pkgnames gcc- |
		sed -n 's/^gcc-\([0-9][0-9]*\)-plugin-dev$/\1/p' | sort -n)
	for n in $majors; do
		[ "$n" -ge 13 ] || continue
		case $done_majors in *" $n "*) continue ;; esac
		done_majors="$done_majors$n "
		cc="CC=gcc-$n CXX=g++-$n"
		step "$suite gcc-$n: make deps $cc" make deps $cc || continue
		step "$suite gcc-$n: make $cc" "make clean >/dev/null && make -j2 $cc" || continue
		built=$n
		step "$suite gcc-$n: case suite" CC=gcc-$n testsuite/run-tests
		closing "$log"
		summary="$summary
  $suite gcc $(chroot "$ch_root" gcc-$n -dumpfullversion): cases: $line"
		case " $torture " in
		*" all "*|*" $n "*) ;;
		*) continue ;;
		esac
		step "$suite gcc-$n: torture" CC=gcc-$n sh testsuite/torture/run.sh
		closing "$log"
		summary="$summary
  $suite gcc $(chroot "$ch_root" gcc-$n -dumpfullversion): torture: $line ($t s, $(sed -n 's/^torture: gcc [^,]*, \([0-9]*\) files.*/\1/p' "$log") files)"
	done

	spatch=$(chroot "$ch_root" spatch --version | head -n 1 | cut -d' ' -f3)
	step "$suite spatch $spatch: cocci-patch tests" sh testsuite/cocci-patch/run.sh
	closing "$log"
	summary="$summary
  $suite spatch $spatch: cocci-patch: $line"
	# the rule table through both engines, and the rules' isomorphisms
	# against this spatch's standard.iso (the tree is built for gcc-$built)
	if [ -n "$built" ]; then
		step "$suite spatch $spatch: rule-table tests" CC=gcc-$built sh testsuite/rules/run.sh
		closing "$log"
		summary="$summary
  $suite spatch $spatch, gcc-$built: rules: $line"
	fi

	# Without a 6.12 source package the kernel harness skips, and says so.
	if ! chroot "$ch_root" apt-cache show linux-source-6.12 >/dev/null 2>&1; then
		step "$suite: kernel harness without linux-source-6.12" \
			sh testsuite/kernel/check.sh
		if grep -q '^SKIP: .*linux-source-6.12' "$log"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			ch_say "FAIL: $suite: the kernel harness did not say it skipped for linux-source-6.12"
			tail -n 5 "$log" | sed 's/^/    /'
		fi
	fi
	ch_leave
done

echo "toolchains:$summary"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
