# SPDX-License-Identifier: GPL-2.0-only
#
# Debootstrapped Debian chroots for the test runners that need another
# system than the machine's own (testsuite/fresh, testsuite/toolchains).
# Sourced; the caller sets `tag` (the prefix of every message) first.
#
#   ch_base SUITE CACHE   a minbase of SUITE with git and make, debootstrapped
#                         once and cached as CACHE/SUITE-minbase-git-make.tar
#                         (never the project's build); sets ch_base_tar
#   ch_enter SUITE        unpack it into a new directory ($ch_root), mount
#                         proc, sys, dev, dev/pts, point apt at this machine's
#                         archive; removed again, mounts first, at exit or
#                         at the next ch_enter, whatever happens
#   ch_clone REPO COMMIT  a clean clone of COMMIT at /root/ptebatch
#   ch_run LOG CMD        CMD in the clone as a fresh login would run it
#   ch_leave              what the exit does (ch_keep=1: keep, print path)
#
# Needs root (debootstrap, chroot, mount).

ch_die() { echo "$tag: error: $*" >&2; exit 2; }
ch_say() { echo "$tag: $*"; }
ch_now() { date +%s; }

[ "$(id -u)" = 0 ] || ch_die "needs root (debootstrap, chroot, mount): run as root"

# The Debian archive this machine uses, from its own apt sources (one-line
# and deb822 formats); deb.debian.org when none is found.
ch_mirror_of() # PATTERN: first URI ending in PATTERN
{
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	    /etc/apt/sources.list.d/*.sources 2>/dev/null |
		tr ' \t' '\n\n' | grep -E "^https?://[^ ]*$1/?\$" | sed 's,/$,,' |
		head -n 1
}
ch_mirror=$(ch_mirror_of '/debian')
ch_security=$(ch_mirror_of '/debian-security')
: "${ch_mirror:=http://deb.debian.org/debian}"
: "${ch_security:=http://deb.debian.org/debian-security}"

ch_base()
{
	ch_base_tar=$2/$1-minbase-git-make.tar
	if [ -f "$ch_base_tar" ]; then
		ch_say "base: $ch_base_tar (cached debootstrap of $1 minbase + git, make)"
		return 0
	fi
	command -v debootstrap >/dev/null 2>&1 || {
		ch_say "installing debootstrap"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
			ch_die "cannot install debootstrap"
	}
	mkdir -p "$2" || ch_die "cannot create $2"
	t0=$(ch_now)
	boot=$(mktemp -d /var/tmp/ptebatch-debootstrap.XXXXXX) || ch_die "mktemp failed"
	if ! debootstrap --variant=minbase --include=git,make "$1" \
		"$boot/root" "$ch_mirror" > "$boot/log" 2>&1; then
		tail -n 20 "$boot/log" >&2
		rm -rf "$boot"
		ch_die "debootstrap $1 from $ch_mirror failed"
	fi
	tar -C "$boot/root" -cf "$ch_base_tar.tmp" . && mv "$ch_base_tar.tmp" "$ch_base_tar" ||
		{ rm -rf "$boot" "$ch_base_tar.tmp"; ch_die "cannot write $ch_base_tar"; }
	rm -rf "$boot"
	ch_say "debootstrapped $1 (minbase + git, make) from $ch_mirror: $(($(ch_now) - t0)) s, cached in $ch_base_tar"
}

ch_root=
ch_mounted=
ch_leave()
{
	[ -n "$ch_root" ] || return 0
	for m in $ch_mounted; do
		umount "$ch_root/$m" 2>/dev/null || umount -l "$ch_root/$m"
	done
	ch_mounted=
	# Never remove a tree that still has the machine's /dev mounted in it.
	if grep -q " $ch_root/" /proc/mounts; then
		echo "$tag: error: mounts left under $ch_root; not removing it" >&2
	elif [ "${ch_keep:-0}" = 1 ]; then
		ch_say "kept $ch_root"
	else
		rm -rf --one-file-system "$ch_root"
	fi
	ch_root=
}
trap ch_leave EXIT
trap 'exit 130' INT TERM HUP

ch_enter()
{
	ch_leave
	ch_root=$(mktemp -d /var/tmp/ptebatch-$tag.XXXXXX) || ch_die "mktemp failed"
	tar -C "$ch_root" -xf "$ch_base_tar" || ch_die "cannot unpack $ch_base_tar"
	# Unmounted in reverse order: dev/pts before dev.
	for m in proc sys dev dev/pts; do
		case $m in
		proc) mount -t proc proc "$ch_root/proc" ;;
		sys) mount -t sysfs sysfs "$ch_root/sys" ;;
		*) mount --bind "/$m" "$ch_root/$m" ;;
		esac || ch_die "cannot mount /$m in the chroot"
		ch_mounted="$m $ch_mounted"
	done
	# The same archive as this machine, all suites that a user of SUITE has
	# (sid has neither updates nor security).
	case $1 in
	sid|unstable)
		echo "deb $ch_mirror $1 main" ;;
	*)
		echo "deb $ch_mirror $1 main"
		echo "deb $ch_mirror $1-updates main"
		echo "deb $ch_security $1-security main" ;;
	esac > "$ch_root/etc/apt/sources.list"
	cp /etc/resolv.conf "$ch_root/etc/resolv.conf" 2>/dev/null
	# The machine's own network trust (a site CA for a TLS proxy, say): the
	# ca-certificates package adds it when it installs, as on this machine.
	if [ -d /usr/local/share/ca-certificates ]; then
		mkdir -p "$ch_root/usr/local/share/ca-certificates"
		cp -r /usr/local/share/ca-certificates/. "$ch_root/usr/local/share/ca-certificates/"
	fi
	# No daemon of a package starts inside the chroot.
	printf '#!/bin/sh\nexit 101\n' > "$ch_root/usr/sbin/policy-rc.d"
	chmod 755 "$ch_root/usr/sbin/policy-rc.d"
}

ch_clone()
{
	git clone -q --no-local "$1" "$ch_root/root/ptebatch" &&
		git -C "$ch_root/root/ptebatch" checkout -q "$2" ||
		ch_die "cannot clone $1 at $2"
}

ch_run()
{
	log=$1
	shift
	chroot "$ch_root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		CI="${CI:-}" ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt} \
		sh -c "cd /root/ptebatch && $*" > "$log" 2>&1
}
