#!/bin/sh
# mkdtb.sh OUT.dtb MEM BOOTARGS PART...: the flash's device tree.
# Environment: BOARD_DIR, RO_PARTS (partition names to mark read-only).
#
# Start from QEMU's own tree for this machine at MEM (qemu.sh --dumpdtb), so
# that it describes exactly what QEMU emulates, then amend it:
# - /chosen: bootargs (root=/dev/mtdblockN, N = the rootfs partition's index);
#   drop QEMU's random rng-seed and kaslr-seed (reproducible image);
# - the flash node covers pflash0 only (pflash1 has no file behind it) and
#   gets fixed-partitions made from PART... (board.mk's FLASH_PARTS, same
#   "name@offset:size[=file]" syntax), so the layout has one source;
# - nodes without a driver in our kernel go, and so do the virtio-mmio
#   transports nothing is plugged into: each would cost a platform device
#   (RAM) for nothing. QEMU plugs the first -device into the transport at
#   the highest address (hw/arm/virt.c); that one stays.
set -eu
out=$1 mem=$2 bootargs=$3
shift 3
tmp=${out%.dtb}.tmp
rm -f "$tmp".*
MEM=$mem "$BOARD_DIR/qemu.sh" --dumpdtb "$tmp.qemu.dtb"
dtc -q -I dtb -O dts -o "$tmp.qemu.dts" "$tmp.qemu.dtb"

# the virtio-mmio transports, lowest address first; keep the last one
transports=$(sed -n 's/^\t\(virtio_mmio@[0-9a-f]*\) {$/\1/p' "$tmp.qemu.dts" |
	sort -t@ -k2 | sed '$d')

i=0 root='' parts=''
for p in "$@"; do
	name=${p%%@*} r=${p#*@}; r=${r%%=*}
	off=${r%%:*} size=${r#*:}
	[ "$name" = rootfs ] && root=$i
	ro=
	case " ${RO_PARTS:-} " in *" $name "*) ro=" read-only;" ;; esac
	parts="$parts
			partition@$(printf %x $((off))) {
				label = \"$name\";
				reg = <$off $size>;$ro
			};"
	i=$((i + 1))
done
[ -n "$root" ] || { echo "mkdtb: no rootfs partition" >&2; exit 1; }

{
	cat "$tmp.qemu.dts"
	cat <<EOD

/* tinyfw amendments (board/qemu-arm-xip/mkdtb.sh) */
/ {
	chosen {
		/delete-property/ rng-seed;
		/delete-property/ kaslr-seed;
		bootargs = "$bootargs root=/dev/mtdblock$root";
	};

	flash@0 {
		reg = <0x0 0x0 0x0 0x4000000>;

		partitions {
			compatible = "fixed-partitions";
			#address-cells = <1>;
			#size-cells = <1>;
$parts
		};
	};

	/delete-node/ pcie@10000000;
	/delete-node/ platform-bus@c000000;
	/delete-node/ fw-cfg@9020000;
	/delete-node/ gpio-keys;
	/delete-node/ pl061@9030000;
	/delete-node/ pl031@9010000;
	/delete-node/ pmu;
EOD
	for t in $transports; do printf '\t/delete-node/ %s;\n' "$t"; done
	echo '};'
} >"$tmp.dts"
dtc -q -I dts -O dtb -o "$tmp.dtb" "$tmp.dts"
dtc -q -I dtb -O dts "$tmp.dtb"
mv "$tmp.dtb" "$out"
rm -f "$tmp".*
ls -l "$out"
