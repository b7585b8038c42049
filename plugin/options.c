// SPDX-License-Identifier: GPL-2.0-only
/*
 * options.c - the plugin's options and the names of its checks.
 *
 * pb_opts is what -fplugin-arg-ptebatch_plugin-KEY[=VALUE] asked for
 * (ptebatch_plugin.c's header lists the keys): which checks run, strict,
 * static-helpers, error, verbose, analyze-only, output.  The checks, the
 * engine and report.c read it; only plugin_init() fills it, through
 * pb_parse_options().  The IDs are checks.def's.
 */
#include "ptebatch.h"
#include "levels.h"

struct pb_options pb_opts;

static const char *const check_ids[PB_NR_CHECKS] = {
#define CHECK(cname, id, summary) id,
#include "checks.def"
#undef CHECK
};

const char *pb_check_id(enum pb_check check)
{
	return check_ids[check];
}

static int find_check(const char *id, size_t len)
{
	int i;

	for (i = 0; i < PB_NR_CHECKS; i++)
		if (strlen(check_ids[i]) == len && !strncmp(check_ids[i], id, len))
			return i;
	return -1;
}

/* Sets each check of the comma-separated LIST to ON; false on an unknown ID. */
static bool set_checks(const char *key, const char *list, bool on)
{
	while (*list) {
		size_t len = strcspn(list, ",");
		int c = find_check(list, len);

		if (c < 0) {
			error(G_("ptebatch: unknown check %<%.*s%> in %<-fplugin-arg-ptebatch_plugin-%s%>"),
			      (int)len, list, key);
			return false;
		}
		pb_opts.enabled[c] = on;
		list += len;
		if (*list == ',')
			list++;
	}
	return true;
}

/*
 * A build's levels: every check but the opt-in ones (checks.def), which
 * make W=1 (KBUILD_EXTRA_WARN) turns on.
 */
static void build_levels(void)
{
	size_t j;
	int i;

	for (i = 0; i < PB_NR_CHECKS; i++)
		pb_opts.enabled[i] = true;
	if (pb_extra_warn())
		return;
	for (j = 0; j < PB_NR_OPT_IN; j++)
		pb_opts.enabled[find_check(pb_opt_in[j], strlen(pb_opt_in[j]))] = false;
}

bool pb_parse_options(struct plugin_name_args *info, bool *disabled)
{
	int i;

	build_levels();
	for (i = 0; i < info->argc; i++) {
		const char *key = info->argv[i].key;
		const char *value = info->argv[i].value;
		bool wants_value = !strcmp(key, "checks") || !strcmp(key, "output") ||
				   !strcmp(key, "W") || !strcmp(key, "Wno");

		if (wants_value != (value != NULL)) {
			error(G_("ptebatch: option %<-fplugin-arg-%s-%s%> %s a value"),
			      info->base_name, key, wants_value ? "needs" : "takes no");
			return false;
		}
		if (!strcmp(key, "disable"))
			*disabled = true;
		else if (!strcmp(key, "checks")) {
			/* exactly these (the CLI's runs) */
			for (int c = 0; c < PB_NR_CHECKS; c++)
				pb_opts.enabled[c] = false;
			if (!set_checks(key, value, true))
				return false;
		} else if (!strcmp(key, "W") || !strcmp(key, "Wno")) {
			if (!set_checks(key, value, key[1] == 0))
				return false;
		} else if (!strcmp(key, "strict"))
			pb_opts.strict = true;
		else if (!strcmp(key, "static-helpers"))
			pb_opts.static_helpers = true;
		else if (!strcmp(key, "error"))
			pb_opts.error = true;
		else if (!strcmp(key, "verbose"))
			pb_opts.verbose = true;
		else if (!strcmp(key, "analyze-only"))
			pb_opts.analyze_only = true;
		else if (!strcmp(key, "output"))
			pb_opts.output = value;
		else {
			error(G_("ptebatch: unknown option %<-fplugin-arg-%s-%s%>"),
			      info->base_name, key);
			return false;
		}
	}
	return true;
}
