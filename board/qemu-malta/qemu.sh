#!/bin/sh
# QEMU line for qemu-malta. Called by firmware/scripts/run.sh with:
# IMAGES (out/qemu-malta), FLASH (writable flash image), MEM, SERIAL, PROV,
# SSH_PORT, HTTP_PORT, HTTPS_PORT, QEMU_EXTRA; BENCH_PORT (optional, make
# bench: a host port forwarded to the guest's 8080); NET_EXTRA (optional:
# more user-network options, the test kit's guestfwd rules).
set -eu
if [ "$SERIAL" = stdio ]; then
	# Ctrl-A X quits, Ctrl-A C the QEMU monitor; Ctrl-C goes to the guest
	console="-serial mon:stdio"
else
	console="-chardev $SERIAL,id=con0 -serial chardev:con0"
fi
if [ -n "${PROV:-}" ]; then
	prov="-chardev $PROV,id=prov0 -serial chardev:prov0"
else
	prov="-serial null"
fi
fwd="hostfwd=tcp:127.0.0.1:$SSH_PORT-:22,hostfwd=tcp:127.0.0.1:$HTTP_PORT-:80,hostfwd=tcp:127.0.0.1:$HTTPS_PORT-:443${BENCH_PORT:+,hostfwd=tcp:127.0.0.1:$BENCH_PORT-:8080}"
# shellcheck disable=SC2086
exec qemu-system-mipsel -M malta -cpu 24Kf -m "$MEM" -nodefaults -display none \
	-vga none $console $prov \
	-drive if=pflash,format=raw,file="$FLASH" \
	-netdev "user,id=net0,$fwd${NET_EXTRA:+,$NET_EXTRA}" -device pcnet,netdev=net0,romfile= \
	-kernel "$IMAGES/vmlinux" \
	-append "console=ttyS0,115200 root=/dev/mtdblock2 rootfstype=squashfs ro init=/sbin/preinit panic=5 quiet" \
	${QEMU_EXTRA:-}
