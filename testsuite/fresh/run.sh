#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check-fresh: the README's two set-up commands, as a new user runs
# them, on a bare Debian 12.  A debootstrapped minbase chroot that has only
# git and make gets a clean clone of the commit under test (HEAD), and runs
# `make demo` then `make check` in it.  Both must exit 0 and make check must
# close with "0 failed".  Whatever they need, `make deps` must install.
#
# Needs root (debootstrap, chroot, mounts).  The debootstrapped base is
# cached as a tarball (never the project's build); every run unpacks it into
# a new directory, which is removed afterwards, mounts included, whatever
# happens.
#
# Environment:
#   PTEBATCH_FRESH_SUITE  Debian suite (default bookworm)
#   PTEBATCH_FRESH_CACHE  where the base tarball is kept
#                         (default /var/cache/ptebatch/fresh)
#   PTEBATCH_FRESH_KEEP=1 keep the chroot (its path is printed)
#
# Ends with "N passed, N failed" over its checks (demo exit, check exit,
# check's closing line); exit 1 when one failed, 2 when it could not run.

set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
suite=${PTEBATCH_FRESH_SUITE:-bookworm}
cache=${PTEBATCH_FRESH_CACHE:-/var/cache/ptebatch/fresh}
ch_keep=${PTEBATCH_FRESH_KEEP:-0}
passed=0 failed=0

tag=fresh
. "$here/../chroot.sh"

commit=$(git -C "$repo" rev-parse HEAD 2>/dev/null) ||
	ch_die "$repo is not a git checkout: nothing to clone"

ch_base "$suite" "$cache"
ch_enter "$suite"
root=$ch_root

# A clean clone of the commit under test, as a user gets it.
ch_clone "$repo" "$commit"
ch_say "commit $(git -C "$repo" log -1 --format='%h %s' "$commit")"
ch_say "chroot $root: $(cat "$root/etc/debian_version" 2>/dev/null), packages: $(chroot "$root" dpkg-query -W -f='.\n' | wc -l)"

logs=$root/root/logs
mkdir -p "$logs"

t0=$(ch_now)
ch_run "$logs/demo" make demo
rc=$?
t_demo=$(($(ch_now) - t0))
if [ $rc -eq 0 ]; then
	passed=$((passed + 1))
	ch_say "PASS: make demo: exit 0, $t_demo s"
else
	failed=$((failed + 1))
	ch_say "FAIL: make demo: exit $rc, $t_demo s; its last lines:"
	tail -n 25 "$logs/demo" | sed 's/^/    /'
fi
# What make deps installed, for the record.
sed -n 's/^ptebatch: installing/fresh: make deps installed:/p' "$logs/demo"

t0=$(ch_now)
ch_run "$logs/check" make check
rc=$?
t_check=$(($(ch_now) - t0))
closing=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/check" | tail -n 1)
if [ $rc -eq 0 ]; then
	passed=$((passed + 1))
	ch_say "PASS: make check: exit 0, $t_check s"
else
	failed=$((failed + 1))
	ch_say "FAIL: make check: exit $rc, $t_check s"
fi
# The per-suite lines, failures and skip reasons, as make check printed them.
sed -n '/^[a-z-]*: [0-9]* passed/p; /^[a-z-]*: skipped: /p; /^[a-z-]*: FAIL/p' \
	"$logs/check" | sed 's/^/    /'
sed -n 's/^ptebatch: installing/fresh: make check installed:/p' "$logs/check"
case $closing in
*" 0 failed"*)
	passed=$((passed + 1))
	ch_say "PASS: make check closing line: $closing" ;;
'')
	failed=$((failed + 1))
	ch_say "FAIL: make check printed no closing line; its last lines:"
	tail -n 25 "$logs/check" | sed 's/^/    /' ;;
*)
	failed=$((failed + 1))
	ch_say "FAIL: make check closing line: $closing" ;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
