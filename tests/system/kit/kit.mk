# The test kit (tests/system/kit/README.md): built into $(O)/kit/ and handed
# to the guest by QEMU only when asked (make run TESTKIT=1, Device(testkit=
# True) in the system tests). Never part of the product image: mkrootfs.sh
# refuses a rootfs holding any kernel module.
KIT_SRC := $(TOP)/tests/system/kit
KIT_OUT := $(O)/kit
KIT_FILES := $(KIT_OUT)/kit $(KIT_OUT)/kitctl $(KIT_OUT)/mac80211_hwsim.ko

$(KIT_OUT)/kit: $(KIT_SRC)/kit
	@mkdir -p $(KIT_OUT)
	@install -m 0755 $< $@

$(KIT_OUT)/kitctl: $(KIT_SRC)/kitctl.c $(TOOLCHAIN_STAMP)
	@echo ">>> kit kitctl"
	@mkdir -p $(KIT_OUT)
	@$(TARGET_CC) $(TARGET_CFLAGS) -Wall -Wextra -Werror $(TARGET_LDFLAGS) -o $@ $<
	@$(TARGET_STRIP) $@

# the module of this very kernel build (same vermagic); linux.mk leaves the
# built modules in $(O)/modules/, outside the rootfs
$(KIT_OUT)/mac80211_hwsim.ko: $(LINUX_DIR)/.stamp_installed
	@mkdir -p $(KIT_OUT)
	@test -f $(O)/modules/mac80211_hwsim.ko || { echo "kit: no mac80211_hwsim.ko from the kernel build (CONFIG_MAC80211_HWSIM=m in board/$(BOARD)/linux.config?)" >&2; exit 1; }
	@cp $(O)/modules/mac80211_hwsim.ko $@

.PHONY: kit
kit: $(KIT_FILES)
	@echo ">>> $(BOARD): test kit in $(KIT_OUT)"
