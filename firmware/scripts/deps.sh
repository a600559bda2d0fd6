#!/bin/bash
# deps.sh PKG...: install the Debian packages that are missing, and make sure
# Debian source archives are enabled (apt-src.sh). Quiet when all is there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

missing=()
for p in "$@"; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing+=("$p")
done

src_ok=1
if ! grep -rqsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list &&
	! grep -rqsiE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources; then
	src_ok=0
fi

[ ${#missing[@]} -eq 0 ] && [ $src_ok = 1 ] && exit 0

if [ "$(id -u)" = 0 ]; then
	as_root=()
elif command -v sudo >/dev/null; then
	as_root=(sudo)
else
	echo "deps: missing Debian packages: ${missing[*]}" >&2
	echo "deps: run as root: apt-get install ${missing[*]}" >&2
	exit 1
fi

if [ $src_ok = 0 ]; then
	"${as_root[@]}" "$here/apt-src.sh"
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo ">>> deps: installing ${missing[*]}"
	"${as_root[@]}" apt-get update -qq
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
	echo ">>> deps: done"
fi
