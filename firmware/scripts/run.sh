#!/bin/bash
# run.sh: boot a built image in QEMU (make run; the system tests use it too).
# Environment: BOARD_DIR IMAGES FLASH FRESH MEM SERIAL PROV SSH_PORT HTTP_PORT
# HTTPS_PORT QEMU_EXTRA BENCH_PORT. FLASH is the writable flash, copied from
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
export IMAGES FLASH MEM SERIAL PROV SSH_PORT HTTP_PORT HTTPS_PORT QEMU_EXTRA BENCH_PORT
if [ "$SERIAL" = stdio ] && [ -t 0 ]; then
	echo "run: $(basename "$BOARD_DIR"), $MEM RAM, ssh on 127.0.0.1:$SSH_PORT; Ctrl-A X quits" >&2
fi
exec "$BOARD_DIR/qemu.sh"
