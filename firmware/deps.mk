# Debian packages the build, "make run" and the tests need. "make deps"
# installs what is missing (apt-get as root, through sudo otherwise) and
# enables Debian's source archives, derived from this machine's own apt
# sources (the fetch fallback uses them).
DEPS_BUILD := make gcc libc6-dev bc bison flex perl xz-utils bzip2 ccache \
	squashfs-tools curl ca-certificates dpkg-dev device-tree-compiler \
	gcc-mipsel-linux-gnu binutils-mipsel-linux-gnu linux-libc-dev-mipsel-cross \
	gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf linux-libc-dev-armhf-cross
DEPS_RUN := qemu-system-mips qemu-system-arm
DEPS_TEST := libcmocka-dev libmbedtls-dev clang pkg-config python3 python3-pytest python3-pexpect openssh-client \
	chromium fonts-dejavu-core
# Node.js and npm drive Chromium in the browser tests (tests/browser): Debian's
# nodejs and npm, unless the machine has a node and an npm already (NodeSource's
# nodejs carries its own npm and conflicts with Debian's npm package).
DEPS_NODE := $(if $(shell command -v node >/dev/null && command -v npm >/dev/null && echo y),,nodejs npm)
# make bench: wrk loads the web server from the host
DEPS_BENCH := wrk
DEPS := $(DEPS_BUILD) $(DEPS_RUN) $(DEPS_TEST) $(DEPS_NODE) $(DEPS_BENCH)
# The browser tests' npm packages (playwright-core, pinned in its
# package-lock.json): npm ci when node_modules is missing or older than the lock.
NPM_DIRS := $(TOP)/tests/browser

.PHONY: deps deps-check
deps:
	@$(TOP)/firmware/scripts/deps.sh $(DEPS)
	@$(TOP)/firmware/scripts/npm-deps.sh $(NPM_DIRS)

# cheap when nothing is missing; skipped with NODEPS=1
deps-check:
ifeq ($(NODEPS),)
	@$(TOP)/firmware/scripts/deps.sh $(DEPS)
	@$(TOP)/firmware/scripts/npm-deps.sh $(NPM_DIRS)
endif
