# SPDX-License-Identifier: GPL-2.0-only
#
# ptebatch: static checker for batched PTE handling of large folios.
#
#   make            build the GCC plugin and the CLI
#   make demo       check the bundled reference implementation and bug examples
#   make check      run every test (what .ci/run calls)
#   make deps       install the Debian packages the project needs
#   make install    PREFIX=/usr/local (DESTDIR honoured)
#   make check-kernel  validate against linux-source-6.12 (slow)
#   make bench      benchmarks (not tests)

VERSION		:= 0.1.0
CC		?= gcc
CXX		?= g++
PREFIX		?= /usr/local
DEPS		:= gcc-12-plugin-dev coccinelle sparse linux-source-6.12 \
		   hyperfine valgrind patch git git-email libmailtools-perl yq \
		   bc bison flex libelf-dev libssl-dev python3 time binutils \
		   util-linux xz-utils cpio kmod
# Commands that may come from outside Debian (the machine image ships
# nodesource's node with its own npm): checked by name, installed from
# Debian only when missing.
DEP_CMDS	:= npm

# The plugin is built against the headers of the gcc that will load it.
GCC_PLUGINS_DIR	:= $(shell $(CC) -print-file-name=plugin 2>/dev/null)
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

.PHONY: all deps demo check check-cases check-kernel bench install clean

all: $(PLUGIN) $(CLI) $(RUNNER)

$(GCC_PLUGINS_DIR)/include/plugin-version.h:
	@echo "ptebatch: $@ missing: install gcc-12-plugin-dev (make deps)" >&2
	@false

plugin/%.o: plugin/%.c plugin/*.h plugin/*.def \
		$(GCC_PLUGINS_DIR)/include/plugin-version.h
	$(CXX) $(PLUGIN_CXXFLAGS) -c -o $@ $<

$(PLUGIN): $(PLUGIN_OBJS)
	$(CXX) -shared -o $@ $(PLUGIN_OBJS)

tools/%.o: tools/%.c tools/*.h plugin/checks.def plugin/json-write.h
	$(CC) $(CLI_CFLAGS) -c -o $@ $<

$(CLI): $(CLI_OBJS)
	$(CC) -o $@ $(CLI_OBJS)

$(RUNNER): testsuite/run-tests.c tools/finding.c tools/finding.h plugin/checks.def plugin/json-write.h
	$(CC) $(CLI_CFLAGS) -Itools -o $@ testsuite/run-tests.c tools/finding.c

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@missing=""; for p in $(DEPS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
			grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	for c in $(DEP_CMDS); do \
		command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "ptebatch: installing$$missing"; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing; \
	else \
		echo "ptebatch: missing packages; run: sudo apt-get install$$missing" >&2; \
		exit 1; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/demo.sh

check: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/check.sh

check-kernel: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/kernel/check.sh

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
