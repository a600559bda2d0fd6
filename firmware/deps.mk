# Debian packages the build, "make run" and the tests need. "make deps"
# installs what is missing (apt-get as root, through sudo otherwise) and
# enables Debian's source archives, derived from this machine's own apt
# sources (the fetch fallback uses them).
DEPS_BUILD := make gcc libc6-dev bc bison flex perl xz-utils bzip2 ccache \
	squashfs-tools curl ca-certificates dpkg-dev device-tree-compiler \
	gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu linux-libc-dev-mipsel-cross \
	gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf linux-libc-dev-armhf-cross
DEPS_RUN := qemu-system-mips qemu-system-arm
DEPS_TEST := libcmocka-dev libmbedtls-dev clang pkg-config python3 python3-pytest python3-pexpect openssh-client
DEPS := $(DEPS_BUILD) $(DEPS_RUN) $(DEPS_TEST)

.PHONY: deps deps-check
deps:
	@$(TOP)/firmware/scripts/deps.sh $(DEPS)

# cheap when nothing is missing; skipped with NODEPS=1
deps-check:
ifeq ($(NODEPS),)
	@$(TOP)/firmware/scripts/deps.sh $(DEPS)
endif
