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
base=$cache/$suite-minbase-git-make.tar
passed=0 failed=0

die() { echo "fresh: error: $*" >&2; exit 2; }
say() { echo "fresh: $*"; }
now() { date +%s; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount): run as root"
commit=$(git -C "$repo" rev-parse HEAD 2>/dev/null) ||
	die "$repo is not a git checkout: nothing to clone"

# The Debian archive this machine uses, from its own apt sources (one-line
# and deb822 formats); deb.debian.org when none is found.
mirror_of() # PATTERN: first URI ending in PATTERN
{
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	    /etc/apt/sources.list.d/*.sources 2>/dev/null |
		tr ' \t' '\n\n' | grep -E "^https?://[^ ]*$1/?\$" | sed 's,/$,,' |
		head -n 1
}
mirror=$(mirror_of '/debian')
security=$(mirror_of '/debian-security')
: "${mirror:=http://deb.debian.org/debian}"
: "${security:=http://deb.debian.org/debian-security}"

if [ ! -f "$base" ]; then
	command -v debootstrap >/dev/null 2>&1 || {
		say "installing debootstrap"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
			die "cannot install debootstrap"
	}
	mkdir -p "$cache" || die "cannot create $cache"
	t0=$(now)
	boot=$(mktemp -d /var/tmp/ptebatch-debootstrap.XXXXXX) || die "mktemp failed"
	if ! debootstrap --variant=minbase --include=git,make "$suite" \
		"$boot/root" "$mirror" > "$boot/log" 2>&1; then
		tail -n 20 "$boot/log" >&2
		rm -rf "$boot"
		die "debootstrap $suite from $mirror failed"
	fi
	tar -C "$boot/root" -cf "$base.tmp" . && mv "$base.tmp" "$base" ||
		{ rm -rf "$boot" "$base.tmp"; die "cannot write $base"; }
	rm -rf "$boot"
	say "debootstrapped $suite (minbase + git, make) from $mirror: $(($(now) - t0)) s, cached in $base"
else
	say "base: $base (cached debootstrap of $suite minbase + git, make)"
fi

root=$(mktemp -d /var/tmp/ptebatch-fresh.XXXXXX) || die "mktemp failed"
mounted=
cleanup()
{
	for m in $mounted; do
		umount "$root/$m" 2>/dev/null || umount -l "$root/$m"
	done
	# Never remove a tree that still has the machine's /dev mounted in it.
	if grep -q " $root/" /proc/mounts; then
		echo "fresh: error: mounts left under $root; not removing it" >&2
	elif [ "${PTEBATCH_FRESH_KEEP:-0}" = 1 ]; then
		say "kept $root"
	else
		rm -rf --one-file-system "$root"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

tar -C "$root" -xf "$base" || die "cannot unpack $base"
# Unmounted in reverse order: dev/pts before dev.
for m in proc sys dev dev/pts; do
	case $m in
	proc) mount -t proc proc "$root/proc" ;;
	sys) mount -t sysfs sysfs "$root/sys" ;;
	*) mount --bind "/$m" "$root/$m" ;;
	esac || die "cannot mount /$m in the chroot"
	mounted="$m $mounted"
done

# The same archive as this machine, all suites that a Debian 12 user has.
cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
# The machine's own network trust (a site CA for a TLS proxy, say): the
# ca-certificates package adds it when it installs, as on this machine.
if [ -d /usr/local/share/ca-certificates ]; then
	mkdir -p "$root/usr/local/share/ca-certificates"
	cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
# No daemon of a package starts inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

# A clean clone of the commit under test, as a user gets it.
git clone -q --no-local "$repo" "$root/root/ptebatch" &&
	git -C "$root/root/ptebatch" checkout -q "$commit" ||
	die "cannot clone $repo at $commit"
say "commit $(git -C "$repo" log -1 --format='%h %s' "$commit")"
say "chroot $root: $(cat "$root/etc/debian_version" 2>/dev/null), packages: $(chroot "$root" dpkg-query -W -f='.\n' | wc -l)"

# in_chroot LOG CMD: run CMD in the clone as a fresh login would, output in LOG
in_chroot()
{
	log=$1
	shift
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		CI="${CI:-}" ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt} \
		sh -c "cd /root/ptebatch && $*" > "$log" 2>&1
}

logs=$root/root/logs
mkdir -p "$logs"

t0=$(now)
in_chroot "$logs/demo" make demo
rc=$?
t_demo=$(($(now) - t0))
if [ $rc -eq 0 ]; then
	passed=$((passed + 1))
	say "PASS: make demo: exit 0, $t_demo s"
else
	failed=$((failed + 1))
	say "FAIL: make demo: exit $rc, $t_demo s; its last lines:"
	tail -n 25 "$logs/demo" | sed 's/^/    /'
fi
# What make deps installed, for the record.
sed -n 's/^ptebatch: installing/fresh: make deps installed:/p' "$logs/demo"

t0=$(now)
in_chroot "$logs/check" make check
rc=$?
t_check=$(($(now) - t0))
closing=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/check" | tail -n 1)
if [ $rc -eq 0 ]; then
	passed=$((passed + 1))
	say "PASS: make check: exit 0, $t_check s"
else
	failed=$((failed + 1))
	say "FAIL: make check: exit $rc, $t_check s"
fi
# The per-suite lines, failures and skip reasons, as make check printed them.
sed -n '/^[a-z-]*: [0-9]* passed/p; /^[a-z-]*: skipped: /p; /^[a-z-]*: FAIL/p' \
	"$logs/check" | sed 's/^/    /'
sed -n 's/^ptebatch: installing/fresh: make check installed:/p' "$logs/check"
case $closing in
*" 0 failed"*)
	passed=$((passed + 1))
	say "PASS: make check closing line: $closing" ;;
'')
	failed=$((failed + 1))
	say "FAIL: make check printed no closing line; its last lines:"
	tail -n 25 "$logs/check" | sed 's/^/    /' ;;
*)
	failed=$((failed + 1))
	say "FAIL: make check closing line: $closing" ;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
