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
#   make check-kernel  validate against linux-source-6.12 (slow)
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

# JSON input: jansson (docs/cli.md says why)
CLI_LIBS	:= -ljansson

# The CLI's tests run this build, so a use-after-free fails a test.
CLI_ASAN	:= tools/ptebatch-asan
CLI_ASAN_OBJS	:= $(patsubst tools/%.c,tools/asan/%.o,$(CLI_SRCS))
ASAN_CFLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer

RUNNER		:= testsuite/run-tests

# Exported for KCFLAGS builds: make KCFLAGS="$(PTEBATCH_CFLAGS)" mm/
PTEBATCH_CFLAGS	= -fplugin=$(abspath $(PLUGIN))

.PHONY: all deps demo check check-cases check-kernel check-fresh kernel-tree \
	bench install clean toolchain plugin-headers

MAN		:= tools/ptebatch.1

all: $(PLUGIN) $(CLI) $(RUNNER) $(MAN)

# The man page is the CLI's own help text (tools/help.def).
$(MAN): $(CLI)
	$(CLI) help --man > $@

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

# What every CLI object may include.
CLI_HDRS	:= tools/*.h tools/*.def plugin/checks.def plugin/json-write.h plugin/once.h \
		   plugin/column.h plugin/levels.h

tools/%.o: tools/%.c $(CLI_HDRS) | toolchain
	$(CC) $(CLI_CFLAGS) -c -o $@ $<

$(CLI): $(CLI_OBJS)
	$(CC) -o $@ $(CLI_OBJS) $(CLI_LIBS)

RUNNER_SRCS	:= tools/finding.c tools/json_read.c tools/util.c
$(RUNNER): testsuite/run-tests.c $(RUNNER_SRCS) $(CLI_HDRS) | toolchain
	$(CC) $(CLI_CFLAGS) -Itools -o $@ testsuite/run-tests.c $(RUNNER_SRCS) $(CLI_LIBS)

tools/asan/%.o: tools/%.c $(CLI_HDRS) | toolchain
	@mkdir -p tools/asan
	$(CC) $(CLI_CFLAGS) $(ASAN_CFLAGS) -Itools -c -o $@ $<

$(CLI_ASAN): $(CLI_ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -o $@ $(CLI_ASAN_OBJS) $(CLI_LIBS)

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@CC="$(CC)" CXX="$(CXX)" sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/demo.sh

check: deps
	@$(MAKE) --no-print-directory all $(CLI_ASAN)
	@sh testsuite/check.sh

check-kernel: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/kernel/check.sh
	@sh testsuite/kernel/quiet.sh

kernel-tree: deps
	@sh testsuite/kernel/prepare.sh

# The README's two commands in a freshly debootstrapped Debian 12 (needs root).
check-fresh:
	@sh testsuite/fresh/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -C testsuite/reference bench
	@sh testsuite/bench/run.sh
	@sh testsuite/bench/kcheck.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/ptebatch/cocci
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/ptebatch
	install -m 644 $(PLUGIN) $(DESTDIR)$(PREFIX)/lib/ptebatch/
	install -m 644 cocci/*.cocci $(DESTDIR)$(PREFIX)/lib/ptebatch/cocci/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -f plugin/*.o $(PLUGIN) tools/*.o $(CLI) $(RUNNER) $(MAN) $(CLI_ASAN)
	rm -rf tools/asan
	-$(MAKE) -C testsuite/reference clean
