#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make deps: install exactly the Debian packages that are missing for
# `make demo` and `make check`.  As root it runs apt-get; otherwise it prints
# the one apt-get line to run and exits 1.
#
# The plugin is built against the headers of the gcc that will load it, so the
# plugin headers follow $CC: gcc-<major>-plugin-dev, where <major> is what $CC
# reports, or, when there is no compiler yet, the major that Debian's `gcc`
# package depends on (12 on Debian 12, 14 on Debian 13).
#
# With CROSS_COMPILE (make deps CROSS_COMPILE=aarch64-linux-gnu-) also the
# cross compiler Kbuild then runs, $(CROSS_COMPILE)gcc, and its plugin
# headers: gcc-<target> and gcc-<major>-plugin-dev-<target>.
#
# The kernel harness installs the kernel source and its build dependencies
# itself (testsuite/kernel/prepare.sh), so a bare machine that only runs
# `make check` does not download a kernel.
#
# usage: sh tools/deps.sh [--print]   (--print: list what is missing, install
#                                      nothing)
set -u

CC=${CC:-gcc}
CXX=${CXX:-g++}
CROSS_COMPILE=${CROSS_COMPILE:-}

# What the CLI, both engines and the test suites call (the python3 modules
# and git-filter-repo: Debian 13's b4, run by the b4 test).  libpython3-dev: the
# unversioned libpython that Debian's spatch loads for the rules' python
# blocks (only a Recommends of coccinelle, and we install without them).
# libjansson-dev: the CLI's JSON reader.  python3: the kernel's
# gen_compile_commands.py, which the CLI's tests run on a 6.12 tree.
# libgmime-3.0-dev, pkgconf: the CLI's mail reader (lint's mbox input, the
# bot); libsqlite3-dev: the bot's state; nettle-dev: the findings cache's
# SHA-256.  (The bot's test installs its own public-inbox and chromium,
# only where it runs: testsuite/bot/run.sh.)
# distcc, icecc: the distributed-build test's daemons and clients;
# iproute2: its network namespaces.  clang, libclang-rt-dev: libFuzzer, for
# make fuzz and the replay of its inputs in make check (testsuite/fuzz).
PKGS="make clang libclang-rt-dev coccinelle libpython3-dev libjansson-dev python3 sparse patch git git-email
	libmailtools-perl yq hyperfine valgrind time binutils util-linux man-db
	xz-utils distcc icecc iproute2
	python3-dkim python3-dnspython python3-requests python3-patatt
	git-filter-repo libgmime-3.0-dev pkgconf libsqlite3-dev nettle-dev"
# Commands that may come from outside Debian (a machine image may ship
# nodesource's node with its own npm): checked by name, installed from
# Debian only when missing.
CMDS="npm"

die() { echo "ptebatch: error: deps: $*" >&2; exit 2; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 ||
	die "no dpkg/apt-get: not a Debian system; install by hand: gcc g++ gcc-<major>-plugin-dev $PKGS"

root=
[ "$(id -u)" = 0 ] && root=1
# apt-cache needs package lists, and a fresh machine has none: update once,
# and only when something is to be looked up or installed.
updated=
update() {
	[ -n "$root" ] && [ -z "$updated" ] || return 0
	updated=1
	apt-get update -qq || die "apt-get update failed"
}

missing=
need() { installed "$1" || case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac; }

# The compilers.  A compiler named by the user (CC=gcc-14) maps to its own
# package; the default names map to Debian's gcc and g++.
cc_pkg() {
	case $1 in
	gcc|cc|g++|c++) echo "$2" ;;
	*-gcc-[0-9]*|gcc-[0-9]*|*-g++-[0-9]*|g++-[0-9]*) echo "$1" ;;
	*) echo "" ;;
	esac
}
if ! command -v "$CC" >/dev/null 2>&1; then
	p=$(cc_pkg "$CC" gcc)
	[ -n "$p" ] || die "no C compiler '$CC' on PATH and no Debian package known for it"
	need "$p"
fi
if ! command -v "$CXX" >/dev/null 2>&1; then
	p=$(cc_pkg "$CXX" g++)
	[ -n "$p" ] || die "no C++ compiler '$CXX' on PATH and no Debian package known for it"
	need "$p"
fi

if command -v "$CC" >/dev/null 2>&1; then
	major=$("$CC" -dumpversion 2>/dev/null | cut -d. -f1)
else
	case $CC in
	*gcc-[0-9]*) major=${CC##*-} ;;
	*) update
	   major=$(apt-cache depends gcc 2>/dev/null |
		sed -n 's/^ *Depends: gcc-\([0-9][0-9]*\)$/\1/p' | head -n 1) ;;
	esac
fi
case $major in
''|*[!0-9]*) die "cannot tell the gcc major version of '$CC' (apt-get update first?)" ;;
esac
need "gcc-$major-plugin-dev"

if [ -n "$CROSS_COMPILE" ]; then
	target=$(basename "$CROSS_COMPILE")
	target=${target%-}
	if command -v "${CROSS_COMPILE}gcc" >/dev/null 2>&1; then
		xmajor=$("${CROSS_COMPILE}gcc" -dumpversion 2>/dev/null | cut -d. -f1)
	else
		need "gcc-$target"
		update
		xmajor=$(apt-cache depends "gcc-$target" 2>/dev/null |
			sed -n "s/^ *Depends: gcc-\([0-9][0-9]*\)-$target\$/\1/p" | head -n 1)
	fi
	case $xmajor in
	''|*[!0-9]*) die "no Debian cross compiler for $target (package gcc-$target; apt-get update first?)" ;;
	esac
	need "gcc-$xmajor-plugin-dev-$target"
fi

for p in $PKGS; do need "$p"; done
for c in $CMDS; do command -v "$c" >/dev/null 2>&1 || need "$c"; done

# The pinned test tools (testsuite/pins) that come from outside this
# suite: the SARIF validator from npm, Debian 13's b4 unpacked; into
# /var/cache/ptebatch, once, so the tests never fetch anything.
pins=$(dirname "$0")/../testsuite/pins
npm_dir=${PTEBATCH_NPM_CACHE:-/var/cache/ptebatch/npm}
test_tools() {
	. "$pins"
	mt=$npm_dir/node_modules/$SARIF_MULTITOOL
	if ! grep -q "\"version\": *\"$SARIF_MULTITOOL_VERSION\"" "$mt/package.json" 2>/dev/null; then
		[ -n "$root" ] || { echo "ptebatch: as root, run: make deps (the SARIF validator $SARIF_MULTITOOL@$SARIF_MULTITOOL_VERSION into $npm_dir)" >&2; return 1; }
		echo "ptebatch: installing $SARIF_MULTITOOL@$SARIF_MULTITOOL_VERSION into $npm_dir"
		mkdir -p "$npm_dir" &&
		npm install --silent --no-audit --no-fund --save-exact --prefix "$npm_dir" \
			"$SARIF_MULTITOOL@$SARIF_MULTITOOL_VERSION" >/dev/null ||
			die "npm install $SARIF_MULTITOOL@$SARIF_MULTITOOL_VERSION failed"
		# npm may skip the package's chmod script
		chmod u+x "$mt/Sarif.Multitool" || die "no $mt/Sarif.Multitool after npm install"
	fi
	[ -n "$root" ] || [ -d "${PTEBATCH_DEBIAN_CACHE:-/var/cache/ptebatch/debian}/$B4_SUITE/b4" ] ||
		{ echo "ptebatch: as root, run: make deps (b4 $B4_VERSION of Debian $B4_SUITE)" >&2; return 1; }
	sh "$(dirname "$0")/../testsuite/debian-get.sh" "$B4_SUITE" "b4=$B4_VERSION" >/dev/null ||
		die "cannot unpack b4 $B4_VERSION of Debian $B4_SUITE"
}

if [ -z "$missing" ]; then
	[ "${1:-}" = "--print" ] && exit 0
	test_tools
	exit $?
fi
if [ "${1:-}" = "--print" ]; then
	echo "$missing" | sed 's/^ //'
	exit 0
fi
if [ -z "$root" ]; then
	echo "ptebatch: missing packages; run: sudo apt-get install$missing" >&2
	exit 1
fi
echo "ptebatch: installing$missing"
update
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	$missing || die "apt-get install$missing failed"
test_tools
