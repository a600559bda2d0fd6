# tinyfw: open firmware for tiny networked Linux modules.
#   make            build the firmware for BOARD (default qemu-malta)
#   make run        build and boot it in QEMU (serial console on this terminal)
#   make test       build and run every test (unit + system), on both boards
#   make bench      sizes, memory and boot time, written to out/bench.json
#   make deps       install the Debian packages the build needs
#   make clean      remove out/ (keeps dl/); make distclean also removes dl/
# See README.md.
TOP := $(CURDIR)
include firmware/main.mk
