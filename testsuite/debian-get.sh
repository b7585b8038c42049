#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch one arch:all package of another Debian suite and unpack it, without
# installing it and without touching this machine's apt sources: a private
# apt configuration (its own sources list, Dir::State and Dir::Cache under
# the cache directory), `apt-get download`, `dpkg-deb -x`.
#
#   sh testsuite/debian-get.sh SUITE PACKAGE[=VERSION]
#
# Unpacks into ${PTEBATCH_DEBIAN_CACHE:-/var/cache/ptebatch/debian}/SUITE/PACKAGE
# once (a stamp names the version) and prints that directory last.  With
# =VERSION exactly that version, or an error naming the suite's version
# (a pin to update); a cached other version is replaced.  The archive is
# the one this machine's apt sources name.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 SUITE PACKAGE[=VERSION]" >&2; exit 2; }
suite=$1 pkg=${2%%=*} want=
case $2 in *=*) want=${2#*=} ;; esac
cache=${PTEBATCH_DEBIAN_CACHE:-/var/cache/ptebatch/debian}
apt=$cache/$suite/apt
dest=$cache/$suite/$pkg

die() { echo "debian-get: error: $*" >&2; exit 2; }

if [ -f "$dest/.ptebatch-version" ] &&
   { [ -z "$want" ] || [ "$(cat "$dest/.ptebatch-version")" = "$pkg $want ($suite)" ]; }; then
	echo "$dest"
	exit 0
fi

mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	    /etc/apt/sources.list.d/*.sources 2>/dev/null |
	tr ' \t' '\n\n' | grep -E '^https?://[^ ]*/debian/?$' | sed 's,/$,,' | head -n 1)
: "${mirror:=http://deb.debian.org/debian}"

mkdir -p "$apt/state/lists/partial" "$apt/cache/archives/partial" \
	"$apt/sources.list.d" "$apt/preferences.d" || die "cannot create $apt"
: > "$apt/state/status"
case $suite in
*-backports) echo "deb $mirror ${suite%-backports} main" > "$apt/sources.list" ;;
*) : > "$apt/sources.list" ;;
esac
echo "deb $mirror $suite main" >> "$apt/sources.list"
cat > "$apt/apt.conf" <<EOF
Dir::State "$apt/state";
Dir::State::status "$apt/state/status";
Dir::Cache "$apt/cache";
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/sources.list.d";
Dir::Etc::PreferencesParts "$apt/preferences.d";
APT::Sandbox::User "root";
EOF
export APT_CONFIG="$apt/apt.conf"
apt-get update -qq > "$apt/update.log" 2>&1 ||
	{ tail -n 3 "$apt/update.log" >&2; die "apt-get update for $suite from $mirror failed"; }
version=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
[ -n "$version" ] && [ "$version" != "(none)" ] || die "$suite has no package $pkg"
[ -z "$want" ] || [ "$version" = "$want" ] ||
	die "$suite has $pkg $version, not the pinned $want (testsuite/pins)"
tmp=$(mktemp -d "$cache/$suite/.get.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -qq "$pkg=$version" > download.log 2>&1) ||
	{ tail -n 3 "$tmp/download.log" >&2; die "apt-get download $pkg=$version failed"; }
mkdir -p "$tmp/x"
dpkg-deb -x "$tmp"/*.deb "$tmp/x" || die "dpkg-deb -x failed"
echo "$pkg $version ($suite)" > "$tmp/x/.ptebatch-version"
rm -rf "$dest"
mv "$tmp/x" "$dest"
echo "debian-get: $pkg $version from $suite unpacked" >&2
echo "$dest"
