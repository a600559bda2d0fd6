# Linux 6.1: Debian's linux-source-6.1 (the kernel source this machine can
# reach), configured as tinyconfig + the board's fragment, patched with the
# board's patches (board/<b>/patches/linux/).
LINUX_VERSION = 6.1.192-2
LINUX_SOURCE = linux-source-$(LINUX_VERSION).tar.xz
LINUX_DEBIAN_DEB = linux-source-6.1=$(LINUX_VERSION)
LINUX_DEBIAN_MEMBER = usr/src/linux-source-6.1.tar.xz
LINUX_SUBDIR = linux-source-6.1
LINUX_LICENSE = GPL-2.0
LINUX_LICENSE_FILES = COPYING LICENSES/preferred/GPL-2.0
LINUX_NO_TOOLCHAIN = 1
LINUX_CONFIG_FILES = $(BOARD_DIR)/linux.config

LINUX_MAKE = $(MAKE) -j$(JOBS) ARCH=$(KERNEL_ARCH) CROSS_COMPILE=$(CROSS) \
	CC="$(CCACHE) $(CROSS)gcc" KBUILD_BUILD_USER=tinyfw KBUILD_BUILD_HOST=tinyfw

define LINUX_CONFIGURE_CMDS
	ARCH=$(KERNEL_ARCH) CROSS_COMPILE=$(CROSS) scripts/kconfig/merge_config.sh -n \
		kernel/configs/tiny-base.config kernel/configs/tiny.config $(BOARD_DIR)/linux.config
	$(TOP)/firmware/scripts/check-config.sh $(BOARD_DIR)/linux.config .config
endef

# Modules (=m) are test-only (mac80211_hwsim for the test kit): they go to
# $(O)/modules/, never into the rootfs.
define LINUX_BUILD_CMDS
	$(LINUX_MAKE) $(KERNEL_TARGET) $$(grep -q '^CONFIG_MODULES=y' .config && echo modules)
endef

define LINUX_INSTALL_CMDS
	cp vmlinux $(O)/vmlinux
	cp $(KERNEL_IMAGE) $(O)/
	cp .config $(O)/linux.config
	rm -rf $(O)/modules
	mkdir -p $(O)/modules
	for k in $$(find . -name '*.ko'); do $(CROSS)strip --strip-debug -o $(O)/modules/$$(basename $$k) $$k; done
endef

$(eval $(call package,linux))
