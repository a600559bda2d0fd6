# libnl 3: netlink for wpa_supplicant's nl80211 driver. Only libnl-3 and
# libnl-genl-3, static, into the staging sysroot: wpa_supplicant links them,
# nothing lands in the rootfs. Built from source with our musl (Debian's
# libnl-3-dev for the target is glibc-built: __fprintf_chk at link time).
LIBNL_VERSION = 3.7.0
LIBNL_SOURCE = libnl-$(LIBNL_VERSION).tar.gz
LIBNL_SITE = https://github.com/thom311/libnl/releases/download/libnl3_7_0
LIBNL_DEBIAN_SOURCE = libnl3
LIBNL_DEBIAN_FILE = libnl3_$(LIBNL_VERSION).orig.tar.gz
LIBNL_LICENSE = LGPL-2.1
LIBNL_LICENSE_FILES = COPYING

define LIBNL_CONFIGURE_CMDS
	CC="$(TARGET_CC)" CFLAGS="$(TARGET_CFLAGS)" LDFLAGS="$(TARGET_LDFLAGS)" \
		./configure --host=$(GNU_TARGET) --build=$$(gcc -dumpmachine) --prefix=/usr \
		--disable-shared --enable-static --disable-cli --disable-debug
endef

# the two libraries only: no route/nf/idiag/xfrm libraries, no tools
define LIBNL_BUILD_CMDS
	$(MAKE) -j$(JOBS) lib/libnl-3.la lib/libnl-genl-3.la
endef

define LIBNL_INSTALL_CMDS
	rm -rf $(STAGING_DIR)/usr/include/libnl3
	mkdir -p $(STAGING_DIR)/usr/include/libnl3 $(STAGING_DIR)/usr/lib
	cp -r include/netlink $(STAGING_DIR)/usr/include/libnl3/
	cp lib/.libs/libnl-3.a lib/.libs/libnl-genl-3.a $(STAGING_DIR)/usr/lib/
endef

$(eval $(call package,libnl))
