# The build: toolchain, packages, rootfs, flash image, run, tests.
SHELL := /bin/bash
.DEFAULT_GOAL := all
BOARDS := $(notdir $(patsubst %/board.mk,%,$(wildcard $(TOP)/board/*/board.mk)))
BOARD ?= qemu-malta
BOARD_DIR := $(TOP)/board/$(BOARD)
ifeq ($(wildcard $(BOARD_DIR)/board.mk),)
$(error unknown BOARD '$(BOARD)'; boards: $(BOARDS))
endif

O := $(TOP)/out/$(BOARD)
BUILD_DIR := $(O)/build
STAGING_DIR := $(O)/staging
TARGET_DIR := $(O)/target
HOST_DIR := $(O)/host
LOG_DIR := $(O)/logs
LICENSE_DIR := $(O)/licenses
DL_DIR ?= $(TOP)/dl
JOBS ?= $(shell nproc)
CCACHE := $(shell command -v ccache 2>/dev/null)
HOSTCC ?= gcc
export CCACHE_DIR ?= $(HOME)/.ccache

include $(BOARD_DIR)/board.mk

# Every target program: static musl, -Os, unused sections dropped.
TARGET_CC := $(HOST_DIR)/bin/tfw-cc
TARGET_STRIP := $(CROSS)strip
TARGET_CFLAGS := -Os -ffunction-sections -fdata-sections -pipe
TARGET_LDFLAGS := -static -Wl,--gc-sections
TOOLCHAIN_STAMP := $(HOST_DIR)/.stamp_toolchain

PACKAGES :=
PACKAGE_STAMPS :=
include $(TOP)/firmware/pkg.mk
include $(TOP)/firmware/package/musl/musl.mk
include $(TOP)/firmware/package/linux/linux.mk
TARGET_PACKAGES := busybox dropbear mbedtls libnl wpa_supplicant
include $(foreach p,$(TARGET_PACKAGES),$(TOP)/firmware/package/$(p)/$(p).mk)
include $(TOP)/firmware/toolchain.mk
include $(TOP)/netd/netd.mk
include $(TOP)/firmware/image.mk
include $(TOP)/firmware/deps.mk
include $(TOP)/tests/tests.mk
include $(TOP)/tests/system/kit/kit.mk

.PHONY: all clean distclean help
# the test kit (out/<board>/kit/, never in the image) comes along: the system
# tests boot with it, and it is the kernel's own module plus two small files
all: deps-check $(O)/flash.img kit
	@echo ">>> $(BOARD): $(O)/flash.img ready (make run BOARD=$(BOARD) to boot it)"

clean:
	rm -rf $(TOP)/out

distclean: clean
	rm -rf $(DL_DIR)

help:
	@sed -n '2,9p' $(TOP)/Makefile
	@echo "boards: $(BOARDS)"
