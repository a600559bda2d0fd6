# The cross toolchain: Debian's gcc for the board's arch + our musl.
# tfw-cc wraps "$(CROSS)gcc" with musl's specs (headers, crt files, libc),
# the kernel UAPI headers from Debian's linux-libc-dev-<arch>-cross (added
# after musl's with -idirafter) and static, non-PIE linking (Debian's gcc
# defaults to PIE, and -static-pie with musl silently gives a dynamic PIE).
$(TOOLCHAIN_STAMP): $(MUSL_DIR)/.stamp_installed $(TOP)/firmware/toolchain.mk
	@echo ">>> toolchain $(GNU_TARGET)-gcc + musl $(MUSL_VERSION)"
	@mkdir -p $(HOST_DIR)/bin $(STAGING_DIR)/kinclude
	@for d in linux asm asm-generic mtd; do \
		test -d /usr/$(GNU_TARGET)/include/$$d || { echo "missing /usr/$(GNU_TARGET)/include/$$d (make deps)" >&2; exit 1; }; \
		ln -sfn /usr/$(GNU_TARGET)/include/$$d $(STAGING_DIR)/kinclude/$$d; done
	@printf '%s\n' '#!/bin/sh' \
		'exec $(CCACHE) $(CROSS)gcc -specs=$(STAGING_DIR)/lib/musl-gcc.specs $(TARGET_CPU_CFLAGS) -idirafter $(STAGING_DIR)/kinclude -fno-pie -no-pie -static "$$@"' \
		>$(HOST_DIR)/bin/tfw-cc
	@chmod +x $(HOST_DIR)/bin/tfw-cc
	@echo 'int main(void){return 0;}' >$(HOST_DIR)/.cc-test.c
	@$(TARGET_CC) -Os -o $(HOST_DIR)/.cc-test $(HOST_DIR)/.cc-test.c || { echo "toolchain test failed" >&2; exit 1; }
	@! $(CROSS)readelf -l $(HOST_DIR)/.cc-test | grep -q INTERP || { echo "toolchain does not link statically" >&2; exit 1; }
	@touch $@

.PHONY: toolchain
toolchain: $(TOOLCHAIN_STAMP)
