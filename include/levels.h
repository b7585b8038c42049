/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * levels.h - which checks a build (kcheck, KCFLAGS) runs by default: all
 * but the opt-in ones of checks.def, unless make W=1 asked for extra
 * warnings.  Shared by the plugin and the CLI.  Plain C, compiles as C++.
 */
#ifndef PTEBATCH_LEVELS_H
#define PTEBATCH_LEVELS_H

#include <stdlib.h>
#include <string.h>

static const char *const pb_opt_in[] = {
#define CHECK(cname, id, summary)
#define CHECK_OPT_IN(id) id,
#include "checks.def"
#undef CHECK_OPT_IN
#undef CHECK
};
#define PB_NR_OPT_IN (sizeof(pb_opt_in) / sizeof(pb_opt_in[0]))

/* make W=1 exports KBUILD_EXTRA_WARN=1 (W=12: "12"). */
static int pb_extra_warn(void)
{
	const char *extra = getenv("KBUILD_EXTRA_WARN");

	return extra && strchr(extra, '1');
}

#endif
