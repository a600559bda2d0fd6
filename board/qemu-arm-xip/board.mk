# qemu-arm-xip: QEMU virt with a Cortex-A7 and 4 MiB of RAM, the kernel
# executing in place (XIP) from NOR flash: the MT3620 class. See
# docs/flash.md ("qemu-arm-xip") for the layout, the boot stub and the DTB.
GNU_TARGET := arm-linux-gnueabihf
CROSS := arm-linux-gnueabihf-
# Thumb-2 userland (BusyBox 276 KB, Dropbear 231 KB; 520/418 KB on mipsel);
# the kernel needs CONFIG_ARM_THUMB to run it
TARGET_CPU_CFLAGS := -mthumb -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard
KERNEL_ARCH := arm
KERNEL_TARGET := xipImage
KERNEL_IMAGE := arch/arm/boot/xipImage
QEMU := qemu-system-arm
MEM_DEFAULT := 4M
# squashfs blocks of 16 KiB: the kernel's block caches and xz dictionary
# take ~150 KiB less RAM than with 64 KiB blocks; the rootfs grows ~5%
SQUASHFS_BLOCK_SIZE := 16384

# The flash: QEMU virt's pflash0, 64 MiB at 0x0 (QEMU wants the file to be
# exactly that size), Intel CFI command set, 256 KiB sectors. Nothing in
# QEMU loads an xipImage: the CPU starts at 0x0, in our boot stub, which
# jumps to the kernel in place with r2 = the DTB in flash.
FLASH_SIZE := 0x4000000
FLASH_ERASE := 0x40000
# the stub's two addresses; XIP_ADDR must equal CONFIG_XIP_PHYS_ADDR in
# linux.config (checked when the kernel blob is made)
DTB_ADDR := 0x00040000
XIP_ADDR := 0x00080000
# Partition order = MTD numbers (rootfs is mtd3 -> root=/dev/mtdblock3):
# the DTB's partitions are generated from this list (mkdtb.sh). The kernel
# got 3 MiB with Wi-Fi (cfg80211 + mac80211: xipImage 2.2 -> 2.7 MB).
FLASH_PARTS := \
	boot@0x0:0x40000=$(O)/boot.bin \
	dtb@$(DTB_ADDR):0x40000=$(O)/virt.dtb \
	kernel@$(XIP_ADDR):0x300000=$(O)/kernel.xip \
	rootfs@0x380000:0x100000=$(O)/rootfs.squashfs \
	cfg@0x480000:0x200000
# partitions the kernel may not write (the "read-only" DT property)
FLASH_RO_PARTS := boot dtb kernel rootfs
# coherent_pool: the DMA pool preallocates 256 KiB otherwise; max_queue_size:
# QEMU offers 1024-entry virtqueues (1.5 MiB of receive buffers), see
# patches/linux/0002-*
KERNEL_BOOTARGS := console=ttyAMA0 rootfstype=squashfs ro init=/sbin/preinit \
	panic=5 quiet coherent_pool=16K virtio_mmio.max_queue_size=32

KERNEL_FLASH_BLOB := kernel.xip
define KERNEL_FLASH_CMDS
	grep -qx 'CONFIG_XIP_PHYS_ADDR=$(XIP_ADDR)' $(O)/linux.config || { echo "board.mk: XIP_ADDR $(XIP_ADDR) is not the kernel's $$(grep XIP_PHYS_ADDR $(O)/linux.config)" >&2; exit 1; }
	$(BOARD_DIR)/check-xip.sh $(O)/vmlinux $(CROSS) || exit 1
	cp $(O)/xipImage $(O)/kernel.xip
endef

# The extra flash inputs: the boot stub and the device tree.
FLASH_EXTRA_INPUTS := $(O)/boot.bin $(O)/virt.dtb

$(O)/boot.bin: $(BOARD_DIR)/boot.S $(BOARD_DIR)/board.mk
	@echo ">>> image boot.bin (r2=$(DTB_ADDR), jump to $(XIP_ADDR))"
	@mkdir -p $(O)
	@$(CROSS)gcc -marm -c -DDTB_ADDR=$(DTB_ADDR) -DXIP_ADDR=$(XIP_ADDR) \
		-o $(O)/boot.o $(BOARD_DIR)/boot.S
	@$(CROSS)ld -Ttext=0 --build-id=none -o $(O)/boot.elf $(O)/boot.o
	@$(CROSS)objcopy -O binary -j .text $(O)/boot.elf $@

$(O)/$(KERNEL_FLASH_BLOB): $(BOARD_DIR)/check-xip.sh

$(O)/virt.dtb: $(BOARD_DIR)/mkdtb.sh $(BOARD_DIR)/qemu.sh $(BOARD_DIR)/board.mk
	@echo ">>> image virt.dtb (QEMU virt's tree, $(MEM_DEFAULT), partitions, bootargs)"
	@mkdir -p $(O) $(LOG_DIR)
	@BOARD_DIR=$(BOARD_DIR) RO_PARTS="$(FLASH_RO_PARTS)" $(BOARD_DIR)/mkdtb.sh \
		$@ $(MEM_DEFAULT) "$(KERNEL_BOOTARGS)" $(FLASH_PARTS) \
		>$(LOG_DIR)/dtb.log 2>&1 || { cat $(LOG_DIR)/dtb.log; exit 1; }
