# SPDX-License-Identifier: GPL-2.0-only
#
# ptebatch: static checker for batched PTE handling of large folios.
#
#   make            build the GCC plugin and the CLI
#   make demo       check the bundled reference implementation and bug examples
#   make check      run every test (what .ci/run calls)
#   make deps       install the Debian packages demo and check need
#   make kernel-tree  prepare the 6.12 tree the kernel tests of make check use
#   make check-fresh  the README's two commands in a bare Debian 12 chroot
#   make install    PREFIX=/usr/local (DESTDIR honoured)
#   make check-kernel  validate against linux-source-6.12 and 7.3 (slow;
#                      TREES=6.12 or TREES=7.3 for one)
#   make bench      benchmarks (not tests)

VERSION		:= 0.1.0
# make's built-in default is cc; the plugin needs gcc by name.
ifeq ($(origin CC),default)
CC		:= gcc
endif
ifeq ($(origin CXX),default)
CXX		:= g++
endif
PREFIX		?= /usr/local

# The plugin is built against the headers of the gcc that will load it.
HAVE_CC		:= $(shell command -v $(firstword $(CC)) 2>/dev/null)
HAVE_CXX	:= $(shell command -v $(firstword $(CXX)) 2>/dev/null)
GCC_MAJOR	:= $(if $(HAVE_CC),$(shell $(CC) -dumpversion 2>/dev/null | cut -d. -f1))
GCC_PLUGINS_DIR	:= $(if $(HAVE_CC),$(shell $(CC) -print-file-name=plugin 2>/dev/null))
PLUGIN		:= plugin/ptebatch_plugin.so
PLUGIN_SRCS	:= $(sort $(wildcard plugin/*.c))
PLUGIN_OBJS	:= $(PLUGIN_SRCS:.c=.o)
PLUGIN_CXXFLAGS	:= -std=gnu++14 -fPIC -fno-rtti -fno-exceptions \
		   -fasynchronous-unwind-tables -fvisibility=hidden -O2 -g \
		   -Wall -Wno-unused-parameter -Wno-format-diag \
		   -I$(GCC_PLUGINS_DIR)/include -Iplugin \
		   -DPLUGIN_VERSION=\"$(VERSION)\"

CLI		:= tools/ptebatch
CLI_SRCS	:= $(sort $(wildcard tools/*.c))
CLI_OBJS	:= $(CLI_SRCS:.c=.o)
CFLAGS		?= -O2 -g
CLI_CFLAGS	:= $(CFLAGS) -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter \
		   -DPTEBATCH_VERSION=\"$(VERSION)\" \
		   -DPTEBATCH_LIBDIR=\"$(PREFIX)/lib/ptebatch\"

RUNNER		:= testsuite/run-tests

# Exported for KCFLAGS builds: make KCFLAGS="$(PTEBATCH_CFLAGS)" mm/
PTEBATCH_CFLAGS	= -fplugin=$(abspath $(PLUGIN))

.PHONY: all deps demo check check-cases check-kernel check-fresh kernel-tree \
	bench install clean toolchain plugin-headers

all: $(PLUGIN) $(CLI) $(RUNNER)

# One line naming the cause and the fix, before any compiler is run.
toolchain:
	@[ -n "$(HAVE_CC)" ] || { echo "ptebatch: no C compiler '$(CC)' on PATH:" \
		"apt-get install gcc g++ (or make deps)" >&2; exit 2; }
	@[ -n "$(HAVE_CXX)" ] || { echo "ptebatch: no C++ compiler '$(CXX)' on PATH:" \
		"apt-get install g++ (or make deps)" >&2; exit 2; }

plugin-headers: | toolchain
	@[ -f "$(GCC_PLUGINS_DIR)/include/plugin-version.h" ] || { \
		echo "ptebatch: plugin headers for gcc $(GCC_MAJOR) missing:" \
			"apt-get install gcc-$(GCC_MAJOR)-plugin-dev (or make deps)" >&2; \
		exit 2; }

plugin/%.o: plugin/%.c plugin/*.h plugin/*.def | plugin-headers
	$(CXX) $(PLUGIN_CXXFLAGS) -c -o $@ $<

$(PLUGIN): $(PLUGIN_OBJS)
	$(CXX) -shared -o $@ $(PLUGIN_OBJS)

tools/%.o: tools/%.c tools/*.h plugin/checks.def plugin/json-write.h | toolchain
	$(CC) $(CLI_CFLAGS) -c -o $@ $<

$(CLI): $(CLI_OBJS)
	$(CC) -o $@ $(CLI_OBJS)

$(RUNNER): testsuite/run-tests.c tools/finding.c tools/finding.h plugin/checks.def \
		plugin/json-write.h | toolchain
	$(CC) $(CLI_CFLAGS) -Itools -o $@ testsuite/run-tests.c tools/finding.c

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@CC="$(CC)" CXX="$(CXX)" sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/demo.sh

check: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/check.sh

TREES		?= 6.12 7.3
check-kernel: deps
	@$(MAKE) --no-print-directory all
	@rc=0; for v in $(TREES); do \
		echo "=== Linux $$v"; \
		sh testsuite/kernel/check.sh --version $$v || rc=1; \
	done; exit $$rc

kernel-tree: deps
	@sh testsuite/kernel/prepare.sh

# The README's two commands in a freshly debootstrapped Debian 12 (needs root).
check-fresh:
	@sh testsuite/fresh/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -C testsuite/reference bench
	@sh testsuite/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/ptebatch/cocci
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/ptebatch
	install -m 644 $(PLUGIN) $(DESTDIR)$(PREFIX)/lib/ptebatch/
	install -m 644 cocci/*.cocci $(DESTDIR)$(PREFIX)/lib/ptebatch/cocci/

clean:
	rm -f plugin/*.o $(PLUGIN) tools/*.o $(CLI) $(RUNNER)
	-$(MAKE) -C testsuite/reference clean
