# netd: our own daemon (netd/), built with the target toolchain into
# /sbin/netd, with /usr/bin/netctl and the web UI's CGIs (webui/) as its
# other names, and the web UI's static files in /www. Not a package: its
# source is here, so it rebuilds whenever a file under netd/ or webui/
# changes. TLS comes from the mbedtls package (static, in the staging dir).
# the daemon's modules (netd/DESIGN.md lists them)
NETD_MODULES := main loop sys settings cmd ctl netctl svc dhcp sshd log auth http httpd tls wpa wifi nl80211 dns
NETD_SRCS := $(patsubst %,$(TOP)/netd/%.c,$(NETD_MODULES)) $(TOP)/webui/cgi.c
NETD_HDRS := $(wildcard $(TOP)/netd/*.h $(TOP)/webui/*.h)
NETD_BIN := $(BUILD_DIR)/netd/netd
NETD_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -I$(TOP)/netd \
	-DNETD_TLS=1 -I$(STAGING_DIR)/usr/include
NETD_LIBS := -L$(STAGING_DIR)/usr/lib -lmbedtls -lmbedx509 -lmbedcrypto
WEBUI_CGIS := status network wifi ssh system log
WEBUI_FILES := $(wildcard $(TOP)/webui/www/*)

$(NETD_BIN): $(NETD_SRCS) $(NETD_HDRS) $(TOOLCHAIN_STAMP) $(TOP)/netd/netd.mk \
		$(MBEDTLS_DIR)/.stamp_installed
	@echo ">>> netd building"
	@mkdir -p $(dir $@) $(LOG_DIR)
	@$(TARGET_CC) $(TARGET_CFLAGS) $(NETD_CFLAGS) $(TARGET_LDFLAGS) -o $@.unstripped \
		$(NETD_SRCS) $(NETD_LIBS) >$(LOG_DIR)/netd.log 2>&1 || { cat $(LOG_DIR)/netd.log; exit 1; }
	@$(TARGET_STRIP) -o $@ $@.unstripped

# The static files go in as they are and precompressed (.gz), which netd
# serves to clients that accept gzip.
$(TARGET_DIR)/sbin/netd: $(NETD_BIN) $(WEBUI_FILES)
	@install -D -m 0755 $< $@
	@mkdir -p $(TARGET_DIR)/usr/bin $(TARGET_DIR)/www/cgi-bin
	@ln -sf ../../sbin/netd $(TARGET_DIR)/usr/bin/netctl
	@for c in $(WEBUI_CGIS); do ln -sf ../../sbin/netd $(TARGET_DIR)/www/cgi-bin/$$c; done
	@for f in $(WEBUI_FILES); do install -m 0644 $$f $(TARGET_DIR)/www/ && \
		gzip -9 -n -c $$f >$(TARGET_DIR)/www/$$(basename $$f).gz; done

.PHONY: netd
netd: $(TARGET_DIR)/sbin/netd
PACKAGE_STAMPS += $(TARGET_DIR)/sbin/netd
