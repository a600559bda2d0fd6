#!/bin/sh
# check-xip.sh VMLINUX CROSS: every call from the XIP flash-command code
# (.xiptext, linked into RAM, see patches/linux/0001-*) to code outside it
# must be to a function that code only calls with the flash back in
# read-array mode. A call to anything else (a helper gcc chose not to
# inline, __aeabi_idiv, ...) would run from the flash while it answers
# status words: a hang on the first JFFS2 write. New targets fail the build
# until someone reads cfi_cmdset_0001.c / cfi_probe.c and extends the list.
set -eu
vmlinux=$1 cross=$2
# outside calls that upstream makes with the chip in array mode (after
# xip_enable or before xip_disable): locking, waiting, allocation, messages
# (xip_disable itself only turns IRQs off, before the first command)
allowed='_printk mutex_lock mutex_unlock get_chip put_chip __kmalloc kfree __memset'
allowed="$allowed schedule add_wait_queue remove_wait_queue __cond_resched _set_bit xip_disable"

# .xiptext lies inside .data: the FUNC symbols there are its functions
# shellcheck disable=SC2046
set -- $("${cross}readelf" -SW "$vmlinux" | sed -n 's/.* \.data  *PROGBITS  *\([0-9a-f]*\) [0-9a-f]* \([0-9a-f]*\) .*/\1 \2/p')
start=$((0x$1)) end=$((0x$1 + 0x$2))
ranges=$("${cross}readelf" -sW "$vmlinux" | while read -r _ v size type _ _ _ name; do
	[ "$type" = FUNC ] || continue
	a=$((0x$v & ~1))
	if [ $a -ge $start ] && [ $a -lt $end ]; then echo "$a $((a + size)) $name"; fi
done)
[ -n "$ranges" ] || { echo "check-xip: no functions in .xiptext (MTD_XIP off?)" >&2; exit 1; }
bad=0 n=0
while read -r a b name; do
	n=$((n + 1))
	for t in $("${cross}objdump" -d --start-address="$a" --stop-address="$b" "$vmlinux" |
		sed -n 's/.*\tbl\{0,1\}x\{0,1\}\(\.[nw]\)\{0,1\}\t[0-9a-f]* <\([^>+]*\)\(+0x[0-9a-f]*\)\{0,1\}>$/\2/p' | sort -u); do
		echo "$ranges" | awk -v t="$t" '$3 == t { f = 1 } END { exit !f }' && continue
		case " $allowed " in *" ${t%%.*} "*) continue ;; esac
		echo "check-xip: $name (.xiptext, RAM) calls $t, which is in the flash" >&2
		bad=1
	done
done <<EOR
$ranges
EOR
[ $bad = 0 ] && echo "check-xip: $n .xiptext functions, outside calls all allowed"
exit $bad
