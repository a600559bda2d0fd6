# The images: rootfs.squashfs (target packages + rootfs/ + board/<b>/rootfs/),
# the kernel blob for the flash, and flash.img (mkflash, partitions from
# FLASH_PARTS in board.mk). Then "make run".
ROOTFS_FILES := $(shell find $(TOP)/rootfs $(BOARD_DIR)/rootfs \( -type f -o -type d \) 2>/dev/null)
VERSION := $(shell cd $(TOP) && git describe --always --dirty 2>/dev/null || echo unknown)
MKFLASH := $(TOP)/out/host/mkflash

$(MKFLASH): $(TOP)/firmware/tools/mkflash.c $(TOP)/firmware/tools/flashlayout.c $(TOP)/firmware/tools/flashlayout.h
	@echo ">>> host mkflash"
	@mkdir -p $(dir $@)
	@$(HOSTCC) -O2 -Wall -Wextra -Werror -o $@ $(TOP)/firmware/tools/mkflash.c $(TOP)/firmware/tools/flashlayout.c

# The squashfs block size: 64 KiB packs best; the kernel keeps about three
# blocks in RAM (read, fragment, xz dictionary), so a board with very little
# RAM sets a smaller one in its board.mk.
SQUASHFS_BLOCK_SIZE ?= 65536

$(O)/rootfs.squashfs: $(PACKAGE_STAMPS) $(ROOTFS_FILES) $(TOP)/firmware/scripts/mkrootfs.sh $(BOARD_DIR)/board.mk
	@echo ">>> image rootfs.squashfs"
	@mkdir -p $(LOG_DIR)
	@SQUASHFS_BLOCK_SIZE=$(SQUASHFS_BLOCK_SIZE) $(TOP)/firmware/scripts/mkrootfs.sh "$(TARGET_DIR)" "$(O)/rootfs" "$@" \
		"$(TOP)/rootfs" "$(BOARD_DIR)/rootfs" "$(BOARD)" "$(VERSION)" \
		>$(LOG_DIR)/rootfs.log 2>&1 || { tail -20 $(LOG_DIR)/rootfs.log; exit 1; }

$(O)/$(KERNEL_FLASH_BLOB): $(LINUX_DIR)/.stamp_installed $(BOARD_DIR)/board.mk
	@echo ">>> image $(KERNEL_FLASH_BLOB)"
	@$(call flat,KERNEL_FLASH_CMDS)

$(O)/flash.img: $(MKFLASH) $(O)/$(KERNEL_FLASH_BLOB) $(O)/rootfs.squashfs $(BOARD_DIR)/board.mk $(FLASH_EXTRA_INPUTS)
	@echo ">>> image flash.img"
	@set -o pipefail; $(MKFLASH) -o $@ -s $(FLASH_SIZE) -e $(FLASH_ERASE) $(FLASH_PARTS) | tee $(LOG_DIR)/flash.log
	@for p in $(FLASH_PARTS); do n=$${p%%@*}; r=$${p#*@}; r=$${r%%=*}; \
		echo "$$n $${r%%:*} $${r#*:}"; done >$(O)/flash-layout.txt

# make run: boot the image. FLASH is the writable flash, made from flash.img
# when missing (FRESH=1: always), so settings persist between runs.
# the test kit's radios, access point and phone live in the same guest and
# take ~1 MiB of its RAM: a kit boot gets KIT_MEM_EXTRA MiB more, so that the
# device side keeps what it would have (tests/system/kit/README.md)
KIT_MEM_EXTRA := 4
MEM ?= $(if $(TESTKIT),$(shell echo $$(($(patsubst %M,%,$(MEM_DEFAULT)) + $(KIT_MEM_EXTRA))))M,$(MEM_DEFAULT))
SERIAL ?= stdio
PROV ?=
FLASH ?= $(O)/flash-run.img
SSH_PORT ?= 2222
HTTP_PORT ?= 8080
HTTPS_PORT ?= 8443
FRESH ?=
# TESTKIT=1: QEMU also serves the test kit (tests/system/kit/README.md)
TESTKIT ?=
RUN_ENV = BOARD=$(BOARD) BOARD_DIR=$(BOARD_DIR) IMAGES=$(O) MEM=$(MEM) SERIAL='$(SERIAL)' \
	PROV='$(PROV)' FLASH=$(FLASH) SSH_PORT=$(SSH_PORT) HTTP_PORT=$(HTTP_PORT) \
	HTTPS_PORT=$(HTTPS_PORT) FRESH=$(FRESH) TESTKIT=$(TESTKIT) QEMU_EXTRA='$(QEMU_EXTRA)'

.PHONY: run image
image: $(O)/flash.img
run: all $(if $(TESTKIT),kit)
	@$(RUN_ENV) $(TOP)/firmware/scripts/run.sh
