# mbedTLS 2.28 (LTS): netd's TLS (HTTPS server) and its self-signed
# certificate. Static libraries and headers into the staging sysroot only:
# netd links them statically, so nothing lands in the rootfs.
# tinyfw-config.h replaces upstream's include/mbedtls/config.h, so the
# library and its users see the same options.
MBEDTLS_VERSION = 2.28.3
# GitHub's tarball of the tag (the form Debian's watch file fetches, so its
# bytes are Debian's orig tarball; top folder Mbed-TLS-mbedtls-<commit>).
# GitHub names it after the tag.
MBEDTLS_SOURCE = v$(MBEDTLS_VERSION)
MBEDTLS_SITE = https://api.github.com/repos/Mbed-TLS/mbedtls/tarball/refs/tags
MBEDTLS_DEBIAN_SOURCE = mbedtls
MBEDTLS_DEBIAN_FILE = mbedtls_$(MBEDTLS_VERSION).orig.tar.gz
MBEDTLS_SUBDIR = Mbed-TLS-mbedtls-8f97ca5
MBEDTLS_LICENSE = Apache-2.0
MBEDTLS_LICENSE_FILES = LICENSE
MBEDTLS_CONFIG_FILES = $(PKG_DIR)/mbedtls/tinyfw-config.h

# library/ only: no programs, no tests.
MBEDTLS_MAKE = $(MAKE) -C library -j$(JOBS) CC="$(TARGET_CC)" AR="$(CROSS)ar" \
	CFLAGS="$(TARGET_CFLAGS)"

define MBEDTLS_CONFIGURE_CMDS
	sed -n 's/^sha256 \([0-9a-f]*\) LICENSE$$/\1  LICENSE/p' $(PKG_DIR)/mbedtls/mbedtls.hash | sha256sum -c -
	cp $(PKG_DIR)/mbedtls/tinyfw-config.h include/mbedtls/config.h
	$(MAKE) -C library clean
endef

define MBEDTLS_BUILD_CMDS
	$(MBEDTLS_MAKE) libmbedcrypto.a libmbedx509.a libmbedtls.a
endef

define MBEDTLS_INSTALL_CMDS
	rm -rf $(STAGING_DIR)/usr/include/mbedtls $(STAGING_DIR)/usr/include/psa
	mkdir -p $(STAGING_DIR)/usr/include $(STAGING_DIR)/usr/lib
	cp -r include/mbedtls include/psa $(STAGING_DIR)/usr/include/
	cp library/libmbedcrypto.a library/libmbedx509.a library/libmbedtls.a $(STAGING_DIR)/usr/lib/
endef

$(eval $(call package,mbedtls))
