#!/bin/sh
# Enable Debian source archives (deb-src) for the fetch fallback.
# The entries are derived from the machine's own apt sources: every enabled
# "deb" entry for this release gets a matching "deb-src" entry. No host name
# is written here; we only mirror what the administrator already configured.
set -eu

out=/etc/apt/sources.list.d/tinyfw-deb-src.sources
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

have_src() {
	grep -rqsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
	grep -rqsiE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources && return 0
	return 1
}

if have_src; then
	exit 0
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# deb822 stanzas: copy each enabled "Types: deb" stanza whose Suites name this
# release, with Types set to deb-src.
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	[ "$f" = "$out" ] && continue
	awk -v cn="$codename" '
	function flush() {
		if (n && deb && enabled && (cn == "" || suites ~ ("(^|[ \t])" cn "([- \t]|$)"))) {
			for (i = 1; i <= n; i++) {
				if (tolower(lines[i]) ~ /^types:/) print "Types: deb-src"; else print lines[i]
			}
			print ""
		}
		n = 0; deb = 0; enabled = 1; suites = ""
	}
	BEGIN { n = 0; deb = 0; enabled = 1 }
	/^[ \t]*$/ { flush(); next }
	/^#/ { next }
	{
		lines[++n] = $0
		l = tolower($0)
		if (l ~ /^types:/ && l ~ /(^|[ \t:])deb([ \t]|$)/) deb = 1
		if (l ~ /^enabled:[ \t]*no/) enabled = 0
		if (l ~ /^suites:/) suites = substr($0, 8)
	}
	END { flush() }' "$f" >>"$tmp"
done

# one-line format
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	case "$f" in */tinyfw-deb-src.list) continue ;; esac
	grep -E '^[[:space:]]*deb[[:space:]]' "$f" | grep -E "[[:space:]]${codename}([-[:space:]]|$)" |
		sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' >"$tmp.list" || true
	if [ -s "$tmp.list" ]; then
		cat "$tmp.list" >>/etc/apt/sources.list.d/tinyfw-deb-src.list
	fi
	rm -f "$tmp.list"
done

if [ -s "$tmp" ]; then
	cp "$tmp" "$out"
	chmod 644 "$out"
fi
if [ ! -s "$out" ] && [ ! -s /etc/apt/sources.list.d/tinyfw-deb-src.list ]; then
	echo "apt-src: no Debian 'deb' entries for '$codename' found to derive deb-src from" >&2
	exit 1
fi
echo "apt-src: enabled Debian source archives (derived from your apt sources); running apt-get update"
apt-get update -qq
