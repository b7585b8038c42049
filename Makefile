# SPDX-License-Identifier: GPL-2.0-only
#
# ptebatch: static checker for batched PTE handling of large folios.
#
#   make            build the GCC plugin and the CLI
#   make CROSS_COMPILE=aarch64-linux-gnu-  also the plugin for that compiler
#   make demo       check the bundled reference implementation and bug examples
#   make check      run every test (what .ci/run calls)
#   make deps       install the Debian packages demo and check need
#   make kernel-tree  prepare the 6.12 tree the kernel tests of make check use
#   make check-fresh  the README's two commands in a bare Debian 12 chroot
#   make check-toolchains  gcc 13-16 and spatch 1.3 in Debian 13 and sid chroots
#   make check-torture  GCC's torture suite with and without the plugin
#   make check-distcc   6.12 mm/ through distcc and icecream nodes in
#                       network namespaces (root)
#   make install    PREFIX=/usr/local (DESTDIR honoured)
#   make check-kernel  validate against linux-source-6.12 and 7.3, x86_64
#                      and arm64, and 7.3's wide mm configuration (slow;
#                      TREES=6.12 or TREES=7.3 for one, ARCHS=x86_64 or
#                      ARCHS=arm64 for one, CONFIGS=default or CONFIGS=wide
#                      for one configuration, WIDE_ARCHS=x86_64 for the
#                      wide configuration on x86_64 only); with 7.3 it
#                      ends with check-realbugs
#   make check-realbugs  lint real upstream batched-PTE bugs put back into
#                      7.3 (docs/realbugs.md; prepares the 7.3 tree)
#   make bench      benchmarks (not tests; the whole-kernel builds take hours)

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
		   -Iplugin -Iinclude -DPLUGIN_VERSION=\"$(VERSION)\"

# make CROSS_COMPILE=aarch64-linux-gnu-: a plugin for the compiler Kbuild
# then uses, $(CROSS_COMPILE)gcc, in plugin/aarch64-linux-gnu/ beside the
# native one.  A plugin runs inside cc1 on this machine, so the host's g++
# builds it, against the cross gcc's plugin headers.  The CLI stays native.
ifneq ($(CROSS_COMPILE),)
CROSS_CC	:= $(CROSS_COMPILE)gcc
CROSS_TARGET	:= $(patsubst %-,%,$(notdir $(CROSS_COMPILE)))
HAVE_CROSS_CC	:= $(shell command -v $(CROSS_CC) 2>/dev/null)
CROSS_MAJOR	:= $(if $(HAVE_CROSS_CC),$(shell $(CROSS_CC) -dumpversion 2>/dev/null | cut -d. -f1))
CROSS_PLUGINS_DIR := $(if $(HAVE_CROSS_CC),$(shell $(CROSS_CC) -print-file-name=plugin 2>/dev/null))
CROSS_PLUGIN	:= plugin/$(CROSS_TARGET)/ptebatch_plugin.so
CROSS_OBJS	:= $(patsubst plugin/%.c,plugin/$(CROSS_TARGET)/%.o,$(PLUGIN_SRCS))
endif

CLI		:= tools/ptebatch
CLI_SRCS	:= $(sort $(wildcard tools/*.c))
CLI_OBJS	:= $(CLI_SRCS:.c=.o)
CFLAGS		?= -O2 -g
CLI_CFLAGS	:= $(CFLAGS) -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter \
		   -DPTEBATCH_VERSION=\"$(VERSION)\" \
		   -DPTEBATCH_LIBDIR=\"$(PREFIX)/lib/ptebatch\"

# JSON input: jansson (docs/cli.md says why); mail: GMime; the review
# bot's state: SQLite (docs/bot.md); the findings cache's digests: nettle
GMIME_CFLAGS	:= $(shell pkg-config --cflags gmime-3.0 2>/dev/null)
GMIME_LIBS	:= $(or $(shell pkg-config --libs gmime-3.0 2>/dev/null),-lgmime-3.0 -lgobject-2.0 -lglib-2.0)
CLI_CFLAGS	+= $(GMIME_CFLAGS)
CLI_LIBS	:= -ljansson $(GMIME_LIBS) -lsqlite3 -lnettle

# The CLI's tests run this build, so a use-after-free fails a test.
CLI_ASAN	:= tools/ptebatch-asan
CLI_ASAN_OBJS	:= $(patsubst tools/%.c,tools/asan/%.o,$(CLI_SRCS))
ASAN_CFLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer

RUNNER		:= testsuite/run-tests

# The Coccinelle rules are written from templates with the helper names of
# include/rules.def filled in (cocci/rulegen.c).
RULEGEN		:= cocci/rulegen
COCCI_RULES	:= $(patsubst %.cocci.in,%.cocci,$(sort $(wildcard cocci/*.cocci.in)))

# Exported for KCFLAGS builds: make KCFLAGS="$(PTEBATCH_CFLAGS)" mm/ (the
# plugin of $(CROSS_COMPILE)gcc when CROSS_COMPILE is set)
PTEBATCH_CFLAGS	= -fplugin=$(abspath $(or $(CROSS_PLUGIN),$(PLUGIN)))

.PHONY: all deps demo check fuzz check-cases check-kernel check-realbugs check-fresh \
	check-toolchains check-torture check-distcc kernel-tree \
	bench install clean toolchain plugin-headers cross-plugin-headers

MAN		:= tools/ptebatch.1

# ptebatch-gcc: gcc with the plugin, for distcc (tools/cc_wrap.c)
CC_WRAP		:= tools/ptebatch-gcc

all: $(PLUGIN) $(CROSS_PLUGIN) $(CLI) $(CC_WRAP) $(RUNNER) $(MAN) $(COCCI_RULES)

$(CC_WRAP): $(CLI)
	ln -sf ptebatch $@

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

plugin/%.o: plugin/%.c plugin/*.h include/*.h include/*.def | plugin-headers
	$(CXX) $(PLUGIN_CXXFLAGS) -I$(GCC_PLUGINS_DIR)/include -c -o $@ $<

# The plugin needs of C++'s runtime only operator new and delete, which cc1
# links in and exports: linked by the C driver, it does not load
# libstdc++.so into every cc1, whose start-up alone is ~1 MiB of each
# compile's peak RSS.  A cc1 that does not export them gets the C++ link.
plugin_ld = $(if $(shell nm -D "$$($(1) -print-prog-name=cc1)" 2>/dev/null | grep -w _Znwm),$(CC),$(CXX))

$(PLUGIN): $(PLUGIN_OBJS)
	$(call plugin_ld,$(CC)) -shared -o $@ $(PLUGIN_OBJS)

ifneq ($(CROSS_COMPILE),)
cross-plugin-headers: | toolchain
	@[ -n "$(HAVE_CROSS_CC)" ] || { echo "ptebatch: no cross compiler" \
		"'$(CROSS_CC)' on PATH: make deps CROSS_COMPILE=$(CROSS_COMPILE)" >&2; exit 2; }
	@[ -f "$(CROSS_PLUGINS_DIR)/include/plugin-version.h" ] || { \
		echo "ptebatch: plugin headers for $(CROSS_CC) missing:" \
			"apt-get install gcc-$(CROSS_MAJOR)-plugin-dev-$(CROSS_TARGET)" \
			"(or make deps CROSS_COMPILE=$(CROSS_COMPILE))" >&2; \
		exit 2; }

plugin/$(CROSS_TARGET)/%.o: plugin/%.c plugin/*.h include/*.h include/*.def | cross-plugin-headers
	@mkdir -p $(@D)
	$(CXX) $(PLUGIN_CXXFLAGS) -I$(CROSS_PLUGINS_DIR)/include -c -o $@ $<

$(CROSS_PLUGIN): $(CROSS_OBJS)
	$(call plugin_ld,$(CROSS_CC)) -shared -o $@ $(CROSS_OBJS)
endif

# What every CLI object may include.
CLI_HDRS	:= tools/*.h tools/*.def include/checks.def include/json-write.h include/once.h \
		   include/rules.def include/roles.def include/rule-table.h include/rule-lists.h \
		   include/column.h include/levels.h

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

$(RULEGEN): cocci/rulegen.c cocci/isos.def include/rule-table.h include/rule-lists.h include/rules.def include/roles.def include/messages.def | toolchain
	$(CC) $(CLI_CFLAGS) -o $@ $<

cocci/%.cocci: cocci/%.cocci.in $(RULEGEN)
	$(RULEGEN) $< >$@.tmp && mv $@.tmp $@

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@CC="$(CC)" CXX="$(CXX)" CROSS_COMPILE="$(CROSS_COMPILE)" sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/demo.sh

check: deps
	@$(MAKE) --no-print-directory all $(CLI_ASAN)
	@sh testsuite/check.sh

TREES		?= 6.12 7.3
ARCHS		?= x86_64 arm64
# default: defconfig + the harness's options; wide: 7.3 with every mm/
# option that builds (testsuite/kernel/prepare.sh, docs/kernel.md)
CONFIGS		?= default wide
WIDE_ARCHS	?= $(ARCHS)
# the arm64 trees are cross-built, with the plugin of that compiler
ARM64_CROSS	:= $(or $(CROSS_COMPILE),aarch64-linux-gnu-)
check-kernel: deps
	@$(MAKE) --no-print-directory all
	$(if $(filter arm64,$(ARCHS)),@$(MAKE) --no-print-directory deps all CROSS_COMPILE=$(ARM64_CROSS))
	@rc=0; for v in $(TREES); do for c in $(CONFIGS); do \
		case $$c:$$v in default:*) archs="$(ARCHS)" ;; \
		wide:7.3) archs="$(filter $(ARCHS),$(WIDE_ARCHS))" ;; *) continue ;; esac; \
		for a in $$archs; do \
		echo "=== Linux $$v $$a $$c"; \
		cross=; [ $$a = arm64 ] && cross=$(ARM64_CROSS); \
		CROSS_COMPILE=$$cross sh testsuite/kernel/check.sh --version $$v --arch $$a --config $$c || rc=1; \
		done; \
		case " $$archs " in *" x86_64 "*) \
		echo "=== make C=2 CHECK=kcheck, Linux $$v $$c"; \
		sh testsuite/kernel/quiet.sh --version $$v --config $$c || rc=1 ;; esac; \
	done; done; \
	case " $(TREES) " in *" 7.3 "*) \
		echo "=== real bugs, Linux 7.3"; \
		sh testsuite/realbugs/run.sh --prepare || rc=1 ;; esac; \
	exit $$rc

# The real-bug corpus alone (docs/realbugs.md).
check-realbugs: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/realbugs/run.sh --prepare

kernel-tree: deps
	@sh testsuite/kernel/prepare.sh

# The README's two commands in a freshly debootstrapped Debian 12 (needs root).
# FRESH_SUITES="bookworm trixie": Debian 12 and 13, one after the other
FRESH_SUITES	?= bookworm
check-fresh:
	@rc=0; for s in $(FRESH_SUITES); do \
		PTEBATCH_FRESH_SUITE=$$s sh testsuite/fresh/run.sh || rc=1; done; exit $$rc

# Each reader of outside input under libFuzzer, ASan and UBSan, FUZZ_SECONDS
# (default 60) a target (testsuite/fuzz/run.sh, docs/testing.md).
FUZZ_SECONDS	?= 60
fuzz: deps
	@$(MAKE) --no-print-directory all
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh testsuite/fuzz/run.sh fuzz

# Each newer gcc and spatch 1.3, in debootstrapped Debian 13 and sid (root).
check-toolchains:
	@sh testsuite/toolchains/run.sh

# Same exit status and identical objects with and without the plugin, 0 ICE,
# on gcc.c-torture of the gcc that CC names (installs gcc-<major>-source).
check-torture: deps
	@$(MAKE) --no-print-directory all
	@CC="$(CC)" sh testsuite/torture/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -C testsuite/reference bench
	@sh testsuite/bench/run.sh
	@sh testsuite/bench/kcheck.sh --version 6.12
	@sh testsuite/bench/kcheck.sh --version 7.3 --config wide
	@sh testsuite/bench/cc1-cost.sh --version 7.3
	@sh testsuite/bench/lint.sh --version 6.12
	@sh testsuite/bench/lint.sh --version 7.3
	@sh testsuite/bench/bot.sh
	@sh testsuite/bench/wholekernel.sh

# The plugin through distcc and icecream: the same findings and objects as a
# local build, the compiles on the nodes (needs root and make kernel-tree).
check-distcc: deps
	@$(MAKE) --no-print-directory all
	@sh testsuite/distcc/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/ptebatch/cocci
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/ptebatch
	ln -sf ptebatch $(DESTDIR)$(PREFIX)/bin/ptebatch-gcc
	install -m 644 $(PLUGIN) $(DESTDIR)$(PREFIX)/lib/ptebatch/
	for p in plugin/*/ptebatch_plugin.so; do [ -f "$$p" ] || continue; \
		d=$(DESTDIR)$(PREFIX)/lib/ptebatch/$$(basename $$(dirname $$p)); \
		install -d $$d && install -m 644 $$p $$d/ || exit 1; done
	install -m 644 cocci/*.cocci $(DESTDIR)$(PREFIX)/lib/ptebatch/cocci/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -f plugin/*.o $(PLUGIN) tools/*.o $(CLI) $(CC_WRAP) $(RUNNER) $(MAN) $(CLI_ASAN) $(RULEGEN) $(COCCI_RULES)
	rm -rf tools/asan
	rm -rf $(wildcard plugin/*/)
	-$(MAKE) -C testsuite/reference clean
