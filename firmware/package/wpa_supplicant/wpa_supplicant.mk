# wpa_supplicant 2.10: Wi-Fi station and the setup access point (AP mode),
# driven by netd over its control socket. nl80211 only, internal crypto,
# WPA2-PSK and open networks only (config: wpa_supplicant.config).
WPA_SUPPLICANT_VERSION = 2.10
# Debian's orig tarball (the hostap_2_10 tag: hostapd + wpa_supplicant);
# upstream's own release tarballs are other files with other hashes
WPA_SUPPLICANT_SOURCE = wpa_$(WPA_SUPPLICANT_VERSION).orig.tar.xz
WPA_SUPPLICANT_SITE =
WPA_SUPPLICANT_DEBIAN_SOURCE = wpa
WPA_SUPPLICANT_DEBIAN_FILE = wpa_$(WPA_SUPPLICANT_VERSION).orig.tar.xz
WPA_SUPPLICANT_SUBDIR = wpa-$(WPA_SUPPLICANT_VERSION)
WPA_SUPPLICANT_LICENSE = BSD-3-Clause
WPA_SUPPLICANT_LICENSE_FILES = COPYING README
WPA_SUPPLICANT_DEPENDENCIES = libnl
WPA_SUPPLICANT_CONFIG_FILES = $(PKG_DIR)/wpa_supplicant/wpa_supplicant.config

# CFLAGS and LDFLAGS go in the environment: on the make command line they
# would replace the Makefile's own (its include paths: "utils/includes.h: No
# such file")
WPA_SUPPLICANT_MAKE = CC="$(TARGET_CC)" CFLAGS="$(TARGET_CFLAGS)" \
	LDFLAGS="$(TARGET_LDFLAGS) -L$(STAGING_DIR)/usr/lib" \
	LIBNL_INC="$(STAGING_DIR)/usr/include/libnl3" \
	$(MAKE) -C wpa_supplicant -j$(JOBS) V=1

define WPA_SUPPLICANT_CONFIGURE_CMDS
	cp $(PKG_DIR)/wpa_supplicant/wpa_supplicant.config wpa_supplicant/.config
	$(MAKE) -C wpa_supplicant clean
endef

define WPA_SUPPLICANT_BUILD_CMDS
	$(WPA_SUPPLICANT_MAKE) wpa_supplicant
	$(TARGET_STRIP) -o wpa_supplicant/wpa_supplicant.stripped wpa_supplicant/wpa_supplicant
endef

define WPA_SUPPLICANT_INSTALL_CMDS
	install -D -m 0755 wpa_supplicant/wpa_supplicant.stripped $(TARGET_DIR)/usr/sbin/wpa_supplicant
endef

$(eval $(call package,wpa_supplicant))
