# musl: the C library, built from source (Debian's musl lacks crypt() and
# has no mipsel in Debian 13). Installed into the staging sysroot only:
# everything links statically, so nothing of it lands in the rootfs.
MUSL_VERSION = 1.2.3
MUSL_SOURCE = musl-$(MUSL_VERSION).tar.gz
MUSL_SITE = https://musl.libc.org/releases
MUSL_DEBIAN_SOURCE = musl
MUSL_DEBIAN_FILE = musl_$(MUSL_VERSION).orig.tar.gz
MUSL_LICENSE = MIT
MUSL_LICENSE_FILES = COPYRIGHT
MUSL_NO_TOOLCHAIN = 1

define MUSL_CONFIGURE_CMDS
	CROSS_COMPILE=$(CROSS) CC="$(CCACHE) $(CROSS)gcc" \
		CFLAGS="-Os -ffunction-sections -fdata-sections $(TARGET_CPU_CFLAGS)" \
		./configure --target=$(GNU_TARGET) --prefix=$(STAGING_DIR) \
		--syslibdir=$(STAGING_DIR)/lib --disable-shared --enable-wrapper=gcc
endef

define MUSL_BUILD_CMDS
	$(MAKE) -j$(JOBS)
endef

define MUSL_INSTALL_CMDS
	$(MAKE) install
endef

$(eval $(call package,musl))
