# make test: build the firmware for each board, run the host unit tests
# (cmocka, ASan+UBSan) and the system tests (pytest, real QEMU boots), and
# end with one line "N passed, N failed". make test BOARD=x tests one board.
# Boards that make test boots by default; make test BOARD=x tests one.
DEFAULT_TEST_BOARDS := qemu-malta qemu-arm-xip
TEST_BOARDS := $(if $(filter command line environment,$(origin BOARD)),$(BOARD),$(DEFAULT_TEST_BOARDS))
UNIT_DIR := $(TOP)/out/host/unit
UNIT_CFLAGS := -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_TESTS := test_flashlayout test_settings test_cmd test_netd test_http test_tls test_wpa test_dns
test_flashlayout_SRCS := firmware/tools/flashlayout.c
test_flashlayout_INC := firmware/tools
# <test>_LIBS: extra libraries (crypt() is in libcrypt on glibc, in libc on musl)
test_settings_SRCS := netd/settings.c netd/sys.c
test_settings_INC := netd
test_settings_LIBS := -lcrypt
test_cmd_SRCS := netd/cmd.c netd/settings.c netd/sys.c
test_cmd_INC := netd
test_cmd_LIBS := -lcrypt
# the daemon's modules, without main.c
test_netd_SRCS := $(patsubst %,netd/%.c,$(filter-out main,$(NETD_MODULES)))
test_netd_INC := netd
test_netd_LIBS := -lcrypt
# tls.c is built for real with NETD_TLS=1 (see netd/tls.h), on Debian's libmbedtls-dev
test_tls_SRCS := netd/tls.c netd/sys.c
test_tls_INC := netd
test_tls_LIBS := -DNETD_TLS=1 -lmbedtls -lmbedx509 -lmbedcrypto
test_http_SRCS := netd/http.c
test_http_INC := netd
test_wpa_SRCS := netd/wpa.c
test_wpa_INC := netd
test_dns_SRCS := netd/dns.c netd/loop.c
test_dns_INC := netd

# A test also depends on the headers in its include dirs.
.SECONDEXPANSION:
$(UNIT_DIR)/%: $(TOP)/tests/unit/%.c $$(addprefix $(TOP)/,$$($$*_SRCS)) \
		$$(wildcard $$(addsuffix /*.h,$$(addprefix $(TOP)/,$$($$*_INC))))
	@mkdir -p $(UNIT_DIR)
	@$(HOSTCC) $(UNIT_CFLAGS) $(addprefix -I$(TOP)/,$($*_INC)) -o $@ $(filter %.c,$^) \
		-lcmocka $($*_LIBS)

# Fuzz smoke: libFuzzer targets built with clang into out/host/fuzz/, each
# run for FUZZ_TIME seconds over its seed corpus tests/fuzz/corpus/<target>
# (new inputs go to out/test-results/fuzz/<target>, crashes beside them).
# make fuzz runs them alone; make test runs them when its recipe passes
# FUZZ_BINS to run.sh (FUZZ_ENV) and its prerequisites include $(FUZZ_BINS).
FUZZ_DIR := $(TOP)/out/host/fuzz
FUZZ_CC ?= clang
FUZZ_TIME ?= 20
FUZZ_CFLAGS := -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_TARGETS := fuzz_cmd fuzz_settings fuzz_http fuzz_wpa fuzz_dns
fuzz_cmd_SRCS := netd/cmd.c netd/settings.c netd/sys.c
fuzz_cmd_INC := netd
fuzz_cmd_LIBS := -lcrypt
fuzz_settings_SRCS := netd/settings.c netd/sys.c
fuzz_settings_INC := netd
fuzz_settings_LIBS := -lcrypt
fuzz_http_SRCS := netd/http.c
fuzz_http_INC := netd
fuzz_wpa_SRCS := netd/wpa.c
fuzz_wpa_INC := netd
fuzz_dns_SRCS := netd/dns.c netd/loop.c
fuzz_dns_INC := netd
FUZZ_BINS := $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
FUZZ_ENV := FUZZ_BINS="$(FUZZ_BINS)" FUZZ_TIME=$(FUZZ_TIME)

$(FUZZ_DIR)/%: $(TOP)/tests/fuzz/%.c $$(addprefix $(TOP)/,$$($$*_SRCS)) \
		$$(wildcard $$(addsuffix /*.h,$$(addprefix $(TOP)/,$$($$*_INC))))
	@mkdir -p $(FUZZ_DIR)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(addprefix -I$(TOP)/,$($*_INC)) -o $@ $(filter %.c,$^) \
		$($*_LIBS)

.PHONY: fuzz
fuzz: deps-check $(FUZZ_BINS)
	@FUZZ_TIME=$(FUZZ_TIME) $(TOP)/tests/run.sh fuzz $(FUZZ_BINS)

.PHONY: test unit-test system-test test-images bench
unit-test: deps-check $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))
	@$(TOP)/tests/run.sh unit $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))

test-images: deps-check
	@for b in $(TEST_BOARDS); do $(MAKE) --no-print-directory BOARD=$$b NODEPS=1 all || exit 1; done

test: deps-check test-images $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS)) $(FUZZ_BINS)
	@$(FUZZ_ENV) $(TOP)/tests/run.sh all "$(TEST_BOARDS)" $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))

system-test: deps-check test-images
	@$(TOP)/tests/run.sh system "$(TEST_BOARDS)"

bench: deps-check test-images
	@/usr/bin/python3 $(TOP)/tests/bench/bench.py $(TEST_BOARDS)
