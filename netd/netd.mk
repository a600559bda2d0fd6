# netd: our own daemon (netd/), built with the target toolchain into
# /sbin/netd, with /usr/bin/netctl as its second name. Not a package: its
# source is here, so it rebuilds whenever a file under netd/ changes.
# the daemon's modules (netd/DESIGN.md lists them)
NETD_MODULES := main loop sys settings cmd ctl netctl svc dhcp sshd log auth
NETD_SRCS := $(patsubst %,$(TOP)/netd/%.c,$(NETD_MODULES))
NETD_HDRS := $(wildcard $(TOP)/netd/*.h)
NETD_BIN := $(BUILD_DIR)/netd/netd
NETD_CFLAGS := -std=gnu11 -Wall -Wextra -Werror

$(NETD_BIN): $(NETD_SRCS) $(NETD_HDRS) $(TOOLCHAIN_STAMP) $(TOP)/netd/netd.mk
	@echo ">>> netd building"
	@mkdir -p $(dir $@) $(LOG_DIR)
	@$(TARGET_CC) $(TARGET_CFLAGS) $(NETD_CFLAGS) $(TARGET_LDFLAGS) -o $@.unstripped \
		$(NETD_SRCS) >$(LOG_DIR)/netd.log 2>&1 || { cat $(LOG_DIR)/netd.log; exit 1; }
	@$(TARGET_STRIP) -o $@ $@.unstripped

$(TARGET_DIR)/sbin/netd: $(NETD_BIN)
	@install -D -m 0755 $< $@
	@mkdir -p $(TARGET_DIR)/usr/bin
	@ln -sf ../../sbin/netd $(TARGET_DIR)/usr/bin/netctl

.PHONY: netd
netd: $(TARGET_DIR)/sbin/netd
PACKAGE_STAMPS += $(TARGET_DIR)/sbin/netd
