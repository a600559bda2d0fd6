# Dropbear: the SSH server (multi-call: dropbear, dropbearkey, dbclient, scp).
DROPBEAR_VERSION = 2022.83
DROPBEAR_SOURCE = dropbear-$(DROPBEAR_VERSION).tar.bz2
DROPBEAR_SITE = https://matt.ucc.asn.au/dropbear/releases
DROPBEAR_DEBIAN_SOURCE = dropbear
DROPBEAR_DEBIAN_FILE = dropbear_$(DROPBEAR_VERSION).orig.tar.bz2
DROPBEAR_LICENSE = MIT, BSD-2-Clause, public domain (libtommath, libtomcrypt)
DROPBEAR_LICENSE_FILES = LICENSE
DROPBEAR_CONFIG_FILES = $(PKG_DIR)/dropbear/localoptions.h

DROPBEAR_PROGRAMS = dropbear dropbearkey dbclient scp
DROPBEAR_MAKE = $(MAKE) -j$(JOBS) PROGRAMS="$(DROPBEAR_PROGRAMS)" MULTI=1 STATIC=1

define DROPBEAR_CONFIGURE_CMDS
	cp $(PKG_DIR)/dropbear/localoptions.h localoptions.h
	CC="$(TARGET_CC)" CFLAGS="$(TARGET_CFLAGS)" LDFLAGS="$(TARGET_LDFLAGS)" \
		DROPBEAR_LTM_CFLAGS="-Os" \
		./configure --host=$(GNU_TARGET) --build=$$(gcc -dumpmachine) --prefix=/usr \
		--disable-zlib --disable-lastlog --disable-utmp --disable-utmpx \
		--disable-wtmp --disable-wtmpx --disable-pututline --disable-pututxline \
		--disable-loginfunc --enable-static --disable-harden --enable-bundled-libtom
endef

define DROPBEAR_BUILD_CMDS
	$(DROPBEAR_MAKE)
	$(TARGET_STRIP) dropbearmulti
endef

define DROPBEAR_INSTALL_CMDS
	install -D -m 0755 dropbearmulti $(TARGET_DIR)/usr/sbin/dropbearmulti
	ln -sf dropbearmulti $(TARGET_DIR)/usr/sbin/dropbear
	ln -sf ../sbin/dropbearmulti $(TARGET_DIR)/usr/bin/dropbearkey
	ln -sf ../sbin/dropbearmulti $(TARGET_DIR)/usr/bin/dbclient
	ln -sf ../sbin/dropbearmulti $(TARGET_DIR)/usr/bin/scp
	ln -sf dbclient $(TARGET_DIR)/usr/bin/ssh
endef

$(eval $(call package,dropbear))
