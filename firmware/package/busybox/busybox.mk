# BusyBox: init, shell, syslog, udhcpc and the small tools, one static binary.
BUSYBOX_VERSION = 1.35.0
BUSYBOX_SOURCE = busybox-$(BUSYBOX_VERSION).tar.bz2
BUSYBOX_SITE = https://busybox.net/downloads
BUSYBOX_DEBIAN_SOURCE = busybox
BUSYBOX_DEBIAN_FILE = busybox_$(BUSYBOX_VERSION).orig.tar.bz2
BUSYBOX_LICENSE = GPL-2.0
BUSYBOX_LICENSE_FILES = LICENSE
BUSYBOX_CONFIG_FILES = $(PKG_DIR)/busybox/busybox.config

BUSYBOX_MAKE = $(MAKE) -j$(JOBS) CROSS_COMPILE=$(CROSS) CC="$(TARGET_CC)" \
	HOSTCC="$(HOSTCC)" CONFIG_EXTRA_CFLAGS="$(TARGET_CFLAGS)" \
	EXTRA_LDFLAGS="$(TARGET_LDFLAGS)" SKIP_STRIP=n

define BUSYBOX_CONFIGURE_CMDS
	$(BUSYBOX_MAKE) allnoconfig
	$(TOP)/firmware/scripts/kconfig-apply.sh $(PKG_DIR)/busybox/busybox.config .config
	yes "" | $(BUSYBOX_MAKE) oldconfig >/dev/null
	$(TOP)/firmware/scripts/check-config.sh $(PKG_DIR)/busybox/busybox.config .config
endef

define BUSYBOX_BUILD_CMDS
	$(BUSYBOX_MAKE) busybox
endef

define BUSYBOX_INSTALL_CMDS
	$(BUSYBOX_MAKE) CONFIG_PREFIX=$(TARGET_DIR) install
endef

$(eval $(call package,busybox))
