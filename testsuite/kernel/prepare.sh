#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Prepare a Linux tree for the ptebatch kernel harness.
#
#   sh testsuite/kernel/prepare.sh [--version V] [--arch A] [--config C]
#                                               Debian's linux-source-V (6.12,
#                                               the default, or 7.3), extracted
#                                               once into
#                                               ${PTEBATCH_KERNEL_DIR:-/var/cache/ptebatch/linux-V}
#                                               (linux-V-arm64 for --arch arm64),
#                                               configured for A: x86_64 (the
#                                               default) or arm64, built with
#                                               ${CROSS_COMPILE:-aarch64-linux-gnu-}gcc;
#                                               C: default (defconfig + the
#                                               harness's options) or wide (7.3
#                                               only: every mm/ option that
#                                               builds, linux-V-wide[-arm64])
#   sh testsuite/kernel/prepare.sh --tree DIR   a kernel tree you configured
#                                               yourself (only checked and
#                                               `make prepare`d, never reconfigured)
#
# The last line printed is the absolute path of the prepared tree.
# Idempotent: a stamp records what was done, a second run takes seconds.

set -eu

version=6.12
arch=x86_64
config=default
# Debian packages `make prepare` and an mm/ build need.
BUILD_DEPS="make gcc bc bison flex libelf-dev libssl-dev xz-utils cpio kmod"
# Options every harness tree needs; they decide which VM_BUG_ON and THP code
# is compiled, so the triaged lists depend on them.
OPTIONS="DEBUG_VM TRANSPARENT_HUGEPAGE USERFAULTFD MIGRATION KSM"
# Debian 12 ships 6.12; 7.3 comes from Debian 13's backports (trixie-backports).
BACKPORTS_SUITE=trixie-backports
# Bump when the way a tree is configured changes: old stamps become invalid.
STAMP_VERSION=1

say() { echo "prepare: $*" >&2; }
die() { echo "prepare: error: $*" >&2; exit 2; }

jobs() { nproc 2>/dev/null || echo 2; }

usage()
{
	echo "usage: $0 [--version 6.12|7.3] [--arch x86_64|arm64] [--config default|wide] [--tree DIR]" >&2
	exit 2
}

tree=
configure_only=
while [ $# -gt 0 ]; do
	case $1 in
	--tree) [ $# -ge 2 ] || usage; tree=$2; shift 2 ;;
	--version) [ $# -ge 2 ] || usage; version=$2; shift 2 ;;
	--version=*) version=${1#--version=}; shift ;;
	--arch) [ $# -ge 2 ] || usage; arch=$2; shift 2 ;;
	--arch=*) arch=${1#--arch=}; shift ;;
	--config) [ $# -ge 2 ] || usage; config=$2; shift 2 ;;
	--config=*) config=${1#--config=}; shift ;;
	--tree=*) tree=${1#--tree=}; shift ;;
	# Internal (check.sh): configure a pristine copy of the Debian tree.
	--configure) [ $# -ge 2 ] || usage; configure_only=$2; shift 2 ;;
	-h|--help) usage ;;
	*) usage ;;
	esac
done

case $version in
6.12) ;;
# MGLRU's page-table walks in vmscan.c batch PTEs on mainline.
7.3) OPTIONS="$OPTIONS LRU_GEN" ;;
*) die "unknown version '$version' (6.12 or 7.3)" ;;
esac
# Every make of a tree names its architecture (Kbuild does not remember
# it) and, for arm64, the cross compiler, as a kernel developer runs it.
case $arch in
x86_64) cross= tree_suffix= ;;
arm64) cross=${CROSS_COMPILE:-aarch64-linux-gnu-} tree_suffix=-arm64
       BUILD_DEPS="$BUILD_DEPS gcc-$(basename "${cross%-}")" ;;
*) die "unknown arch '$arch' (x86_64 or arm64)" ;;
esac
# The wide configuration: every mm/ option that builds on the architecture
# (docs/kernel.md says which are left out and why), so that DAMON, memcg,
# hugetlb, zswap, NUMA, memory hotplug, ZONE_DEVICE, memory-failure, CMA and
# shmem THP code is compiled and checked too. Only for 7.3: the names are
# 7.3's Kconfig symbols.
case $config in
default) config_suffix= ;;
wide)	[ "$version" = 7.3 ] || die "--config wide is for 7.3 only"
	config_suffix=-wide
	OPTIONS="$OPTIONS LRU_GEN_ENABLED LRU_GEN_STATS
		DAMON DAMON_VADDR DAMON_PADDR DAMON_SYSFS DAMON_RECLAIM
		DAMON_LRU_SORT DAMON_STAT
		MEMCG MEMCG_V1 CGROUP_HUGETLB
		HUGETLBFS HUGETLB_PAGE
		SWAP ZSWAP ZSMALLOC THP_SWAP
		NUMA NUMA_BALANCING
		MEMORY_HOTPLUG MEMORY_HOTREMOVE
		ZONE_DEVICE DEVICE_PRIVATE DEVICE_MIGRATION TEST_HMM HMM_MIRROR
		MEMORY_FAILURE HWPOISON_INJECT
		CMA CMA_DEBUGFS CMA_SYSFS
		SHMEM TMPFS TMPFS_QUOTA TRANSPARENT_HUGEPAGE_SHMEM_HUGE_WITHIN_SIZE
		COMPACTION PAGE_REPORTING IDLE_PAGE_TRACKING ANON_VMA_NAME
		SECRETMEM MEMFD_CREATE PER_VMA_LOCK
		PAGE_OWNER PAGE_TABLE_CHECK PAGE_POISONING DEBUG_PAGEALLOC
		DEBUG_PAGE_REF DEBUG_VM_PGTABLE DEBUG_KMEMLEAK PTDUMP_DEBUGFS
		SHRINKER_DEBUG PERCPU_STATS GUP_TEST DMAPOOL_TEST MEMTEST
		FAULT_INJECTION FAILSLAB FAIL_PAGE_ALLOC SHUFFLE_PAGE_ALLOCATOR
		DEFERRED_STRUCT_PAGE_INIT MEM_ALLOC_PROFILING KFENCE
		VIRTIO_BALLOON BALLOON BALLOON_MIGRATION BPF_SYSCALL
		DEBUG_RODATA_TEST HARDENED_USERCOPY MAPPING_DIRTY_HELPERS
		KEXEC_HANDOVER LIVEUPDATE LIVEUPDATE_MEMFD"
	# A bool that no prompt sets comes with its one user: HMM_MIRROR with
	# TEST_HMM, MAPPING_DIRTY_HELPERS with DRM_VMWGFX (=y: DRM is a module
	# in arm64's defconfig), BALLOON with VIRTIO_BALLOON. arm64 has no
	# soft-dirty bits, no HugeTLB vmemmap optimisation in 7.3, and its
	# defconfig no tracing (DEBUG_PAGE_REF is a tracepoint).
	case $arch in
	x86_64) OPTIONS="$OPTIONS HUGETLB_PAGE_OPTIMIZE_VMEMMAP DRM_VMWGFX
		NUMA_EMU CHECKPOINT_RESTORE MEM_SOFT_DIRTY" ;;
	arm64) OPTIONS="$OPTIONS DRM DRM_VMWGFX FTRACE ENABLE_DEFAULT_TRACERS
		TRACING TRACEPOINTS" ;;
	esac
	OPTIONS=$(echo $OPTIONS) ;;
*) die "unknown config '$config' (default or wide)" ;;
esac
kmake() { make ARCH="$arch" CROSS_COMPILE="$cross" "$@"; }
SRC_PACKAGE=linux-source-$version
SRC_TARBALL=/usr/src/$SRC_PACKAGE.tar.xz

as_root()
{
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to run: $*"
	fi
}

apt_updated=
apt_install()
{
	command -v apt-get >/dev/null 2>&1 ||
		die "missing packages ($*) and no apt-get: install them by hand"
	if [ -z "$apt_updated" ]; then
		as_root apt-get update -qq >&2
		apt_updated=1
	fi
	say "installing $*"
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Debian 12 and 13 have linux-source-6.12, sid has moved on: say so, with
# status 3 (check.sh skips on it), rather than fail in apt-get.
no_source_package()
{
	command -v apt-cache >/dev/null 2>&1 || return 0
	[ -n "$apt_updated" ] || { as_root apt-get update -qq >&2; apt_updated=1; }
	apt-cache show "$SRC_PACKAGE" >/dev/null 2>&1 && return 0
	echo "prepare: error: $SRC_PACKAGE is not in this system's Debian archive" \
		"($(cat /etc/debian_version 2>/dev/null)): use --tree DIR with a 6.12 tree" >&2
	exit 3
}

ensure_build_deps()
{
	missing=
	for p in $BUILD_DEPS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing="$missing $p"
	done
	# Without dpkg (not Debian) trust that the tools are there.
	command -v dpkg-query >/dev/null 2>&1 || missing=
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086
		apt_install $missing
	fi
}

# The stamp key: everything that changes what `make prepare` produces.
stamp_key()
{
	printf 'v%s %s %s%s\n' "$STAMP_VERSION" "$OPTIONS" \
		"$("${cross}gcc" -dumpfullversion 2>/dev/null || "${cross}gcc" -dumpversion)" \
		"${cross:+ $arch}"
}

verify_options()
{
	bad=
	for o in $OPTIONS; do
		grep -q "^CONFIG_$o=y\$" "$1/.config" || bad="$bad $o"
	done
	[ -z "$bad" ] || {
		echo "$bad"
		return 1
	}
}

configure_tree()
{
	t=$1
	say "configuring $t ($arch defconfig +$OPTIONS)"
	kmake -s -C "$t" defconfig >&2
	args=
	for o in $OPTIONS; do
		args="$args -e $o"
	done
	# shellcheck disable=SC2086
	"$t/scripts/config" --file "$t/.config" $args
	kmake -s -C "$t" olddefconfig >&2
	if ! bad=$(verify_options "$t"); then
		die "options did not stick after olddefconfig:$bad"
	fi
}

prepare_tree()
{
	t=$1
	say "make prepare in $t"
	start=$(date +%s)
	kmake -s -C "$t" -j"$(jobs)" prepare >&2
	say "make prepare took $(($(date +%s) - start)) s"
}

# A suite this machine does not use: testsuite/debian-get.sh fetches the
# arch:all .deb with a private apt configuration and unpacks it, installing
# nothing. Sets $tarball (no command substitution: it would run the EXIT trap).
download_backport()
{
	say "downloading $SRC_PACKAGE from $BACKPORTS_SUITE"
	sh "$(dirname "$0")/../debian-get.sh" "$BACKPORTS_SUITE" "$SRC_PACKAGE" > "$1.dir" ||
		die "cannot fetch $SRC_PACKAGE from $BACKPORTS_SUITE"
	read -r got < "$1.dir"
	tarball=$got$SRC_TARBALL
	[ -f "$tarball" ] || die "$SRC_PACKAGE from $BACKPORTS_SUITE has no $SRC_TARBALL"
}

extract_debian()
{
	dest=$1
	tarball=$SRC_TARBALL
	parent=$(dirname "$dest")
	mkdir -p "$parent"
	tmp=$parent/.extract.$$
	rm -rf "$tmp"
	mkdir "$tmp"
	trap 'rm -rf "$tmp"' EXIT
	if [ -f "$tarball" ]; then
		:
	elif [ "$version" = 6.12 ]; then
		no_source_package
		apt_install "$SRC_PACKAGE"
		[ -f "$tarball" ] || die "$SRC_PACKAGE did not install $tarball"
	else
		download_backport "$tmp/apt"
	fi
	say "extracting $tarball into $dest"
	start=$(date +%s)
	xz -T0 -dc "$tarball" | tar -x -C "$tmp" -f -
	[ -f "$tmp/$SRC_PACKAGE/Makefile" ] ||
		die "unexpected layout of $tarball"
	rm -rf "$dest"
	mv "$tmp/$SRC_PACKAGE" "$dest"
	rm -rf "$tmp"
	trap - EXIT
	: > "$dest/.ptebatch-extracted"
	say "extraction took $(($(date +%s) - start)) s"
}

# Refuse to work inside a git checkout of ptebatch: the tree must never be
# committed by accident.
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
inside_repo()
{
	case $(cd "$1" 2>/dev/null && pwd)/ in
	"$repo_root"/*) return 0 ;;
	esac
	return 1
}

if [ -n "$configure_only" ]; then
	ensure_build_deps
	configure_tree "$configure_only"
	prepare_tree "$configure_only"
	stamp_key > "$configure_only/.ptebatch-prepared"
	cd "$configure_only" && pwd
	exit 0
fi

if [ -n "$tree" ]; then
	[ -f "$tree/Makefile" ] && [ -d "$tree/mm" ] ||
		die "$tree is not a kernel source tree"
	tree=$(cd "$tree" && pwd)
	[ -f "$tree/.config" ] ||
		die "$tree has no .config: configure it first (see docs/kernel.md)"
	if ! bad=$(verify_options "$tree"); then
		say "warning: $tree lacks CONFIG_{${bad# }}=y;" \
			"findings will differ from the harness lists"
	fi
	ensure_build_deps
	# `make prepare` is cheap when already done; run it unconditionally so a
	# changed .config is picked up.
	prepare_tree "$tree"
	echo "$tree"
	exit 0
fi

dest=${PTEBATCH_KERNEL_DIR:-/var/cache/ptebatch/linux-$version$config_suffix$tree_suffix}
case $dest in
/*) ;;
*) dest=$PWD/$dest ;;
esac
case $dest/ in
"$repo_root"/*) die "$dest is inside the repository" ;;
esac
inside_repo "$(dirname "$dest")" && die "$dest is inside the repository"
mkdir -p "$(dirname "$dest")"

# Two runs at once (CI jobs, helpers) must not extract over each other.
if command -v flock > /dev/null; then
	exec 8> "$dest.lock"
	flock 8
fi

if [ -f "$dest/.ptebatch-prepared" ] &&
   [ "$(cat "$dest/.ptebatch-prepared")" = "$(stamp_key)" ] &&
   verify_options "$dest" >/dev/null; then
	say "$dest already prepared"
	echo "$dest"
	exit 0
fi

ensure_build_deps
[ -f "$dest/.ptebatch-extracted" ] || extract_debian "$dest"
rm -f "$dest/.ptebatch-prepared"
configure_tree "$dest"
prepare_tree "$dest"
stamp_key > "$dest/.ptebatch-prepared"
echo "$dest"
