# make test: build the firmware for each board, run the host unit tests
# (cmocka, ASan+UBSan) and the system tests (pytest, real QEMU boots), and
# end with one line "N passed, N failed". make test BOARD=x tests one board.
TEST_BOARDS := $(if $(filter command line environment,$(origin BOARD)),$(BOARD),$(BOARDS))
UNIT_DIR := $(TOP)/out/host/unit
UNIT_CFLAGS := -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_TESTS := test_flashlayout
test_flashlayout_SRCS := firmware/tools/flashlayout.c
test_flashlayout_INC := firmware/tools

.SECONDEXPANSION:
$(UNIT_DIR)/%: $(TOP)/tests/unit/%.c $$(addprefix $(TOP)/,$$($$*_SRCS))
	@mkdir -p $(UNIT_DIR)
	@$(HOSTCC) $(UNIT_CFLAGS) $(addprefix -I$(TOP)/,$($*_INC)) -o $@ $^ -lcmocka

.PHONY: test unit-test system-test test-images bench
unit-test: deps-check $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))
	@$(TOP)/tests/run.sh unit $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))

test-images: deps-check
	@for b in $(TEST_BOARDS); do $(MAKE) --no-print-directory BOARD=$$b NODEPS=1 all || exit 1; done

test: deps-check test-images $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))
	@$(TOP)/tests/run.sh all "$(TEST_BOARDS)" $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))

system-test: deps-check test-images
	@$(TOP)/tests/run.sh system "$(TEST_BOARDS)"

bench: deps-check test-images
	@/usr/bin/python3 $(TOP)/tests/bench/bench.py $(TEST_BOARDS)
