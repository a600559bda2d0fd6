# qemu-malta: QEMU's MIPS Malta with a 24Kf, 8 MiB: the X1501 class.
GNU_TARGET := mipsel-linux-gnu
CROSS := mipsel-linux-gnu-
TARGET_CPU_CFLAGS := -march=mips32r2 -mtune=24kf
KERNEL_ARCH := mips
KERNEL_TARGET := vmlinux
KERNEL_IMAGE := vmlinux
QEMU := qemu-system-mipsel
MEM_DEFAULT := 8M

# The flash: QEMU's 4 MiB Intel CFI NOR (64 KiB blocks). Must match
# patches/linux/0001-malta-dts-tinyfw-flash-layout.patch; see docs/flash.md.
# QEMU loads vmlinux itself; the kernel partition holds the xz'd image a
# real boot loader would load, so that the flash budget counts it.
FLASH_SIZE := 0x400000
FLASH_ERASE := 0x10000
FLASH_PARTS := \
	boot@0x0:0x10000 \
	kernel@0x10000:0x1a0000=$(O)/kernel.xz \
	rootfs@0x1b0000:0x1d0000=$(O)/rootfs.squashfs \
	cfg@0x380000:0x80000


KERNEL_FLASH_BLOB := kernel.xz
define KERNEL_FLASH_CMDS
	$(CROSS)objcopy -O binary $(O)/vmlinux $(O)/vmlinux.bin
	xz --check=crc32 -9 -c $(O)/vmlinux.bin >$(O)/kernel.xz
endef
