#!/bin/bash
# fetch.sh DL_DIR FILE HASHFILE SITE DEBIAN_SRC DEBIAN_FILE DEBIAN_DEB DEB_MEMBER
#
# Put FILE into DL_DIR, verified against the sha256 that HASHFILE records for
# it. Sources, in order: a file already in DL_DIR; the upstream SITE; the
# Debian source package DEBIAN_SRC (its orig tarball DEBIAN_FILE, through
# apt-get source); a Debian binary package DEBIAN_DEB ("name=version") that
# carries the file as DEB_MEMBER.
# A missing hash line or a mismatch is fatal: nothing unverified is kept.
set -euo pipefail

dl=$1 file=$2 hashfile=$3 site=${4:-} dsrc=${5:-} dfile=${6:-} ddeb=${7:-} dmember=${8:-}

die() { echo "fetch: $*" >&2; exit 1; }

want=$(awk -v f="$file" '$1 == "sha256" && $3 == f { print $2 }' "$hashfile")
[ -n "$want" ] || die "no sha256 for $file in $hashfile: refusing to fetch an unpinned file"

mkdir -p "$dl"
tmp=$(mktemp -d "$dl/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

check() { # file -> 0 if the hash matches
	local got
	got=$(sha256sum "$1" | cut -d' ' -f1)
	if [ "$got" = "$want" ]; then return 0; fi
	echo "fetch: $file: sha256 mismatch from $2 (got $got, want $want)" >&2
	return 1
}

accept() {
	mv "$1" "$dl/$file"
	echo "fetch: $file ok ($2)"
	exit 0
}

if [ -f "$dl/$file" ]; then
	check "$dl/$file" "$dl" && exit 0
	die "$dl/$file is corrupt; delete it and retry"
fi

if [ -n "$site" ] && command -v curl >/dev/null; then
	if curl -fsSL --connect-timeout 10 --max-time 900 -o "$tmp/f" "$site/$file" 2>"$tmp/err"; then
		check "$tmp/f" "$site" && accept "$tmp/f" "upstream"
	else
		echo "fetch: upstream $site/$file unreachable ($(head -c 120 "$tmp/err")), trying Debian" >&2
	fi
fi

apt_get() {
	# apt drops privileges to _apt; let it write into our temp dir
	chmod 777 "$tmp" 2>/dev/null || true
	(cd "$tmp" && apt-get "$@")
}

if [ -n "$dsrc" ] && [ -n "$dfile" ]; then
	if ! apt-cache showsrc "$dsrc" >/dev/null 2>&1 || [ -z "$(apt-cache showsrc "$dsrc" 2>/dev/null)" ]; then
		echo "fetch: no Debian source archive known; run 'make deps' to enable deb-src" >&2
	fi
	if apt_get -qq source --download-only "$dsrc" >"$tmp/apt.log" 2>&1 && [ -f "$tmp/$dfile" ]; then
		check "$tmp/$dfile" "Debian source $dsrc" && accept "$tmp/$dfile" "Debian source package $dsrc"
	else
		echo "fetch: Debian source $dsrc: $(grep -E '^E:' "$tmp/apt.log" | head -2)" >&2
	fi
fi

if [ -n "$ddeb" ] && [ -n "$dmember" ]; then
	if apt_get -qq download "$ddeb" >"$tmp/apt.log" 2>&1; then
		deb=$(ls "$tmp"/*.deb | head -1)
		dpkg-deb --fsys-tarfile "$deb" | tar -xf - -C "$tmp" "./$dmember"
		check "$tmp/$dmember" "Debian package $ddeb" && accept "$tmp/$dmember" "Debian package $ddeb"
	else
		echo "fetch: Debian package $ddeb: $(grep -E '^E:' "$tmp/apt.log" | head -2)" >&2
	fi
fi

die "could not get $file with sha256 $want from any source"
