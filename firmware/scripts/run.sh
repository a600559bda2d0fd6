#!/bin/bash
# run.sh: boot a built image in QEMU (make run; the system tests use it too).
# Environment: BOARD_DIR IMAGES FLASH FRESH MEM SERIAL PROV SSH_PORT HTTP_PORT
# HTTPS_PORT QEMU_EXTRA BENCH_PORT TESTKIT. FLASH is the writable flash, copied from
# $IMAGES/flash.img when missing or when FRESH=1.
set -euo pipefail
: "${IMAGES:?}" "${BOARD_DIR:?}" "${FLASH:?}"
if [ ! -f "$IMAGES/flash.img" ]; then
	echo "run: $IMAGES/flash.img is missing: run 'make' first" >&2
	exit 1
fi
if [ -n "${FRESH:-}" ] || [ ! -f "$FLASH" ]; then
	cp "$IMAGES/flash.img" "$FLASH.tmp"
	mv "$FLASH.tmp" "$FLASH"
	echo "run: fresh flash $FLASH (factory image)" >&2
elif [ "$(stat -c %s "$FLASH")" != "$(stat -c %s "$IMAGES/flash.img")" ]; then
	echo "run: $FLASH has another size than flash.img; use FRESH=1" >&2
	exit 1
fi
# the board's own RAM size unless MEM says otherwise (make run passes it;
# the system tests rely on this default, so each board is tested at its size)
if [ -z "${MEM:-}" ]; then
	MEM=$(sed -n 's/^MEM_DEFAULT[[:space:]]*:*=[[:space:]]*//p' "$BOARD_DIR/board.mk")
fi
: "${MEM:=8M}" "${SERIAL:=stdio}" "${SSH_PORT:=2222}" "${HTTP_PORT:=8080}" "${HTTPS_PORT:=8443}"
# TESTKIT=1: QEMU's user network also serves the test kit's files to the
# guest, one per port of the otherwise unused address 10.0.2.100 (a
# "guestfwd": QEMU runs cat for each connection). The guest fetches them
# with BusyBox nc into /tmp/kit ("kit fetch"): no drive, no kernel driver
# the product does not already have. See tests/system/kit/README.md.
NET_EXTRA=
if [ -n "${TESTKIT:-}" ]; then
	kit=$IMAGES/kit
	for f in kit kitctl mac80211_hwsim.ko; do
		[ -f "$kit/$f" ] || { echo "run: $kit/$f is missing: run 'make kit' first" >&2; exit 1; }
		case $kit in *[,\ ]*) echo "run: $kit: no commas or spaces, please" >&2; exit 1 ;; esac
	done
	NET_EXTRA="guestfwd=tcp:10.0.2.100:1-cmd:cat $kit/kit"
	NET_EXTRA="$NET_EXTRA,guestfwd=tcp:10.0.2.100:2-cmd:cat $kit/kitctl"
	NET_EXTRA="$NET_EXTRA,guestfwd=tcp:10.0.2.100:3-cmd:cat $kit/mac80211_hwsim.ko"
	if [ "$SERIAL" = stdio ] && [ -t 0 ]; then
		echo "run: test kit served; in the guest: nc 10.0.2.100 1 >/tmp/k; sh /tmp/k up" >&2
	fi
fi
export IMAGES FLASH MEM SERIAL PROV SSH_PORT HTTP_PORT HTTPS_PORT QEMU_EXTRA BENCH_PORT NET_EXTRA
if [ "$SERIAL" = stdio ] && [ -t 0 ]; then
	echo "run: $(basename "$BOARD_DIR"), $MEM RAM, ssh on 127.0.0.1:$SSH_PORT; Ctrl-A X quits" >&2
fi
exec "$BOARD_DIR/qemu.sh"
