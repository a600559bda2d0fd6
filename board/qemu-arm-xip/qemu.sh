#!/bin/sh
# QEMU line for qemu-arm-xip. Called by firmware/scripts/run.sh with:
# IMAGES (out/qemu-arm-xip), FLASH (writable flash image), MEM, SERIAL, PROV,
# SSH_PORT, HTTP_PORT, HTTPS_PORT, QEMU_EXTRA; BENCH_PORT (optional, make
# bench: a host port forwarded to the guest's 8080); NET_EXTRA (optional:
# more user-network options, the test kit's guestfwd rules).
# "qemu.sh --dumpdtb FILE" (MEM set) writes QEMU's own device tree for the
# same machine instead: mkdtb.sh builds the flash's DTB from it.
#
# The kernel learns the RAM size from the DTB in the flash's "dtb" partition
# (built for MEM_DEFAULT). For another MEM this script rewrites the memory
# node's size in that partition of $FLASH (fdtput) before starting QEMU, so
# any MEM boots; the factory flash.img is never changed.
set -eu
machine="-M virt -cpu cortex-a7"
if [ "${1:-}" = --dumpdtb ]; then
	# shellcheck disable=SC2086
	exec qemu-system-arm $machine -m "$MEM" -nodefaults -display none \
		-machine dumpdtb="$2"
fi

die() { echo "qemu-arm-xip: $*" >&2; exit 1; }

mem_bytes() { # QEMU's -m syntax: N (MiB), NK, NM, NG
	n=${1%[kKmMgG]}
	case $n in ''|*[!0-9]*) return 1 ;; esac
	case $1 in
	*[kK]) echo $((n * 1024)) ;;
	*[gG]) echo $((n * 1024 * 1024 * 1024)) ;;
	*) echo $((n * 1024 * 1024)) ;;
	esac
}

# the memory node in the flash's DTB must say MEM
bytes=$(mem_bytes "$MEM") || die "MEM=$MEM: expected a size like 4M, 4096K or 1G"
if [ $((bytes % 4096)) != 0 ] || [ "$bytes" -lt $((2 * 1024 * 1024)) ] ||
	[ "$bytes" -gt $((3 * 1024 * 1024 * 1024)) ]; then
	die "MEM=$MEM: RAM must be whole pages, from 2M to 3G"
fi
command -v fdtget >/dev/null || die "fdtget/fdtput missing (Debian: device-tree-compiler)"
read -r _ off size <<EOL
$(grep '^dtb ' "$IMAGES/flash-layout.txt")
EOL
[ -n "${size:-}" ] || die "no 'dtb' partition in $IMAGES/flash-layout.txt"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
dd if="$FLASH" of="$tmp" bs=4096 skip=$((off / 4096)) count=$((size / 4096)) 2>/dev/null
want="0 40000000 $(printf '%x %x' $((bytes >> 32)) $((bytes & 0xffffffff)))"
have=$(fdtget -t x "$tmp" /memory@40000000 reg) || die "no memory node in the DTB of $FLASH"
if [ "$have" != "$want" ]; then
	# shellcheck disable=SC2086
	fdtput -t x "$tmp" /memory@40000000 reg $want
	[ "$(stat -c %s "$tmp")" -le $((size)) ] || die "patched DTB outgrows its partition"
	dd if="$tmp" of="$FLASH" bs=4096 seek=$((off / 4096)) conv=notrunc 2>/dev/null
	echo "qemu-arm-xip: DTB memory node set to $MEM in $FLASH" >&2
fi

if [ "$SERIAL" = stdio ]; then
	# Ctrl-A X quits, Ctrl-A C the QEMU monitor; Ctrl-C goes to the guest
	console="-serial mon:stdio"
else
	console="-chardev $SERIAL,id=con0 -serial chardev:con0"
fi
if [ -n "${PROV:-}" ]; then
	echo "qemu-arm-xip: QEMU virt has one UART: PROV ignored, provisioning shares the console" >&2
fi
fwd="hostfwd=tcp:127.0.0.1:$SSH_PORT-:22,hostfwd=tcp:127.0.0.1:$HTTP_PORT-:80,hostfwd=tcp:127.0.0.1:$HTTPS_PORT-:443${BENCH_PORT:+,hostfwd=tcp:127.0.0.1:$BENCH_PORT-:8080}"
# No -kernel: the CPU starts in the flash (boot stub at 0x0). virtio-net on
# virtio-mmio is not PCI, so it loads no option ROM (no romfile= needed).
# shellcheck disable=SC2086
exec qemu-system-arm $machine -m "$MEM" -nodefaults -display none $console \
	-drive if=pflash,format=raw,file="$FLASH" \
	-netdev "user,id=net0,$fwd${NET_EXTRA:+,$NET_EXTRA}" -device virtio-net-device,netdev=net0 \
	${QEMU_EXTRA:-}
