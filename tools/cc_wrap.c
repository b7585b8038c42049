// SPDX-License-Identifier: GPL-2.0-only
/*
 * cc_wrap.c - ptebatch-<compiler> (a link to ptebatch): <compiler> with the
 * plugin loaded, e.g. ptebatch-gcc, ptebatch-aarch64-linux-gnu-gcc.
 *
 * distccd refuses every compile whose arguments hold -fplugin= (since
 * distcc 3.3; no option turns that off), so a distributed build cannot pass
 * the plugin in KCFLAGS.  It runs the compilers its node allows by name,
 * though: a node that allows ptebatch-gcc gets "ptebatch-gcc ARGS" and this
 * adds -fplugin= there, on the node, from the node's own install.  The
 * client runs the same for distcc's local preprocessing and fallback.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmds.h"
#include "util.h"

int cc_wrap(const char *cc, int argc, char **argv)
{
	char **args = calloc((size_t)argc + 2, sizeof(*args));
	const char *plugin;
	int i;

	if (!args)
		fail("out of memory");
	/* the plugin of this compiler (a cross compiler has its own) */
	setenv("PTEBATCH_CC", cc, 1);
	plugin = plugin_path();
	unsetenv("PTEBATCH_CC");
	if (access(plugin, R_OK))
		fail("no plugin %s for %s: build it with '%s'", plugin, cc,
		     plugin_make());
	args[0] = (char *)cc;
	/* first, so that -fplugin-arg-ptebatch_plugin-* in ARGS apply to it */
	args[1] = xasprintf("-fplugin=%s", plugin);
	for (i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	execvp(cc, args);
	fail("cannot run %s: %s", cc, strerror(errno));
}
