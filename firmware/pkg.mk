# Generic package infrastructure, the Buildroot way.
#
# A package <n> lives in firmware/package/<n>/ with <n>.mk and <n>.hash.
# Its .mk sets, with N = the upper-case name (dashes become underscores):
#   N_VERSION, N_SOURCE (file name in dl/), N_SITE (upstream URL dir),
#   N_DEBIAN_SOURCE (Debian source package) and N_DEBIAN_FILE (its orig
#   tarball), or N_DEBIAN_DEB + N_DEBIAN_MEMBER (a binary .deb carrying the
#   tarball), N_LICENSE, N_LICENSE_FILES, N_DEPENDENCIES (other packages),
#   N_CONFIG_FILES (files whose change means reconfigure), N_SUBDIR
#   (top folder inside the tarball), and the step commands
#   N_CONFIGURE_CMDS, N_BUILD_CMDS, N_INSTALL_CMDS, run in the source dir.
# Then: $(eval $(call package,<n>))
#
# Steps leave .stamp_* files in $(BUILD_DIR)/<n>-<version>/, so make only
# redoes what changed. Each step prints one ">>>" line; its output goes to
# $(LOG_DIR)/<n>.log.

PKG_DIR := $(TOP)/firmware/package

# $(call pkg-step,name,version,what,commands)
define pkg-step
	@echo ">>> $(1) $(2) $(3)"
	@mkdir -p $(LOG_DIR)
	@echo "=== $(3) $$(date -u +%FT%TZ)" >>$(LOG_DIR)/$(1).log
	@( set -e; $(4) ) >>$(LOG_DIR)/$(1).log 2>&1 || { \
		echo "*** $(1) $(2): $(3) failed; last lines of $(LOG_DIR)/$(1).log:" >&2; \
		tail -n 25 $(LOG_DIR)/$(1).log | cut -c1-240 >&2; exit 1; }
endef

define package
$(eval N := $(call UC,$(1)))
$(eval $(N)_DIR := $(BUILD_DIR)/$(1)-$($(N)_VERSION))
$(eval $(N)_SRC := $($(N)_DIR)/$(or $($(N)_SUBDIR),$(1)-$($(N)_VERSION)))
$(eval $(N)_PATCHES := $(sort $(wildcard $(PKG_DIR)/$(1)/*.patch)) \
	$(sort $(wildcard $(BOARD_DIR)/patches/$(1)/*.patch)))

$(eval $(N)_FETCH := $(TOP)/firmware/scripts/fetch.sh "$(DL_DIR)" "$($(N)_SOURCE)" \
		"$(PKG_DIR)/$(1)/$(1).hash" "$($(N)_SITE)" \
		"$($(N)_DEBIAN_SOURCE)" "$($(N)_DEBIAN_FILE)" \
		"$($(N)_DEBIAN_DEB)" "$($(N)_DEBIAN_MEMBER)")

$(DL_DIR)/$($(N)_SOURCE):
	@mkdir -p $(DL_DIR) $(LOG_DIR)
	@echo ">>> $(1) $($(N)_VERSION) downloading"
	@$($(N)_FETCH)

$($(N)_DIR)/.stamp_extracted: $(DL_DIR)/$($(N)_SOURCE) $($(N)_PATCHES) $(PKG_DIR)/$(1)/$(1).hash
	$(call pkg-step,$(1),$($(N)_VERSION),extracting,\
		$($(N)_FETCH) && \
		rm -rf $($(N)_DIR) && mkdir -p $($(N)_DIR) && \
		tar -xf $(DL_DIR)/$($(N)_SOURCE) -C $($(N)_DIR) && \
		test -d $($(N)_SRC) && \
		for p in $($(N)_PATCHES); do echo "applying $$$$p"; patch -d $($(N)_SRC) -p1 -N <$$$$p; done && \
		$(call license-collect,$(1),$($(N)_SRC),$($(N)_LICENSE_FILES),$($(N)_LICENSE)))
	@touch $$@

$($(N)_DIR)/.stamp_configured: $($(N)_DIR)/.stamp_extracted $($(N)_CONFIG_FILES) \
		$(PKG_DIR)/$(1)/$(1).mk $(if $($(N)_NO_TOOLCHAIN),,$(TOOLCHAIN_STAMP)) \
		$(foreach d,$($(N)_DEPENDENCIES),$($(call UC,$(d))_DIR)/.stamp_installed)
	$(call pkg-step,$(1),$($(N)_VERSION),configuring,cd $($(N)_SRC) && $$(call flat,$(N)_CONFIGURE_CMDS))
	@touch $$@

$($(N)_DIR)/.stamp_built: $($(N)_DIR)/.stamp_configured
	$(call pkg-step,$(1),$($(N)_VERSION),building,cd $($(N)_SRC) && $$(call flat,$(N)_BUILD_CMDS))
	@touch $$@

$($(N)_DIR)/.stamp_installed: $($(N)_DIR)/.stamp_built
	$(call pkg-step,$(1),$($(N)_VERSION),installing,cd $($(N)_SRC) && $$(call flat,$(N)_INSTALL_CMDS))
	@touch $$@

.PHONY: $(1) $(1)-rebuild $(1)-reconfigure $(1)-dirclean
$(1): $($(N)_DIR)/.stamp_installed
$(1)-rebuild:
	rm -f $($(N)_DIR)/.stamp_built $($(N)_DIR)/.stamp_installed
	$$(MAKE) $(1)
$(1)-reconfigure:
	rm -f $($(N)_DIR)/.stamp_configured $($(N)_DIR)/.stamp_built $($(N)_DIR)/.stamp_installed
	$$(MAKE) $(1)
$(1)-dirclean:
	rm -rf $($(N)_DIR)

PACKAGES += $(1)
PACKAGE_STAMPS += $($(N)_DIR)/.stamp_installed
endef

# A multi-line step definition runs as one shell script (set -e).
define NEWLINE


endef
flat = true; $(subst $(NEWLINE),; ,$($(1)))

UC = $(shell echo '$(1)' | tr 'a-z-' 'A-Z_')

# $(call license-collect,name,srcdir,files,licence)
license-collect = mkdir -p $(LICENSE_DIR)/$(1) && \
	echo "$(4)" >$(LICENSE_DIR)/$(1)/LICENSE-NAME && \
	for f in $(3); do cp $(2)/$$$$f $(LICENSE_DIR)/$(1)/; done
