#!/bin/bash
# mkrootfs.sh TARGET_DIR ROOT_DIR OUT.squashfs SKELETON BOARD_ROOTFS BOARD VERSION
# Assemble the root filesystem from what the packages installed, the
# skeleton (rootfs/) and the board's overrides (board/<b>/rootfs/: a file
# there replaces the generic file of the same name), then pack it as a
# read-only squashfs (xz; block size SQUASHFS_BLOCK_SIZE from the environment,
# 64 KiB by default). Ownership is root; modes are set here, since git
# keeps only the executable bit.
set -euo pipefail
target=$1 root=$2 out=$3 skel=$4 boardfs=$5 board=$6 version=$7

rm -rf "$root"
mkdir -p "$root"
cp -a "$target/." "$root/"
cp -a "$skel/." "$root/"
if [ -d "$boardfs" ]; then
	cp -a "$boardfs/." "$root/"
fi
cd "$root"
mkdir -p proc sys dev tmp run var overlay root etc/dropbear
rm -rf usr/include usr/share/man linuxrc
chmod 0755 . bin sbin usr usr/bin usr/sbin etc root
chmod 1777 tmp
chmod 0700 etc/dropbear
chmod 0600 etc/shadow
chmod 0644 etc/passwd etc/group etc/inittab etc/hostname etc/profile etc/hosts
cat >etc/tinyfw-release <<EOR
NAME=tinyfw
VERSION=$version
BOARD=$board
EOR
# kernel modules are test-only (mac80211_hwsim, in the test kit): the
# product's kernel has every driver it needs built in
mods=$(find . -name '*.ko' -o -name '*.ko.*' -o -name 'mac80211_hwsim*')
if [ -n "$mods" ]; then
	echo "mkrootfs: kernel modules in the rootfs (test kit only, tests/system/kit): $mods" >&2
	exit 1
fi
# a test that the assembled tree is complete enough to boot
for f in sbin/init sbin/preinit bin/sh etc/inittab etc/init.d/rcS usr/sbin/dropbear usr/sbin/wpa_supplicant; do
	[ -e "$f" ] || { echo "mkrootfs: $f missing from the rootfs" >&2; exit 1; }
done
rm -f "$out.tmp"
mksquashfs "$root" "$out.tmp" -noappend -all-root -comp xz -b "${SQUASHFS_BLOCK_SIZE:-65536}" -no-xattrs -quiet
mv "$out.tmp" "$out"
ls -l "$out"
