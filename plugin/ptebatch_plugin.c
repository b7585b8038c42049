// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptebatch_plugin.c - GCC plugin that checks batched PTE handling of large
 * folios in Linux mm code.
 *
 * A read-only GIMPLE pass runs right after "ssa": the function is in SSA
 * form (so values can be traced to their origins) and nothing is inlined
 * yet (folio_nr_pages() or a static folio_unmap_pte_batch() wrapper are
 * still visible calls).  A simple IPA pass after "build_ssa_passes" runs
 * once every function has been seen: it resolves per-TU summaries, emits
 * the findings and, in analyze-only mode, ends cc1 there.  The plugin never
 * changes the IL, so objects are identical with and without it.
 *
 * Options (-fplugin-arg-ptebatch_plugin-KEY[=VALUE]):
 *   disable          do nothing (also: DISABLE_PTEBATCH_PLUGIN=1)
 *   checks=ID,...    run exactly these checks
 *   W=ID,...         also run these (opt-in) checks: a build runs every
 *                    check but the opt-in ones of checks.def (vm-bug),
 *                    unless make W=1 (KBUILD_EXTRA_WARN)
 *   Wno=ID,...       do not run these checks
 *   strict           report unknown origins (non-static parameters) too
 *   static-helpers   nr-zero: report the definitions of static batched
 *                    helpers too (lint: a helper the patch adds)
 *   error            findings are errors; otherwise warnings that -Werror
 *                    leaves alone
 *   output=PATH      JSON lines to PATH (a directory: one file per TU)
 *   analyze-only     stop after the analysis (use -S -o /dev/null)
 *   verbose          engine debug notes
 *
 * Usage: gcc -fplugin=ptebatch_plugin.so -O2 -c file.c
 */
/* This file says, once per build, when the GCC is newer than gcc-compat.h knows. */
#define PB_VERSION_NOTICE
#include "ptebatch.h"

__visible int plugin_is_GPL_compatible;

/* Each check_<name>.c defines check_<name>(); weak so a check still being
 * written does not break the build: it is then reported as unavailable. */
#define CHECK(cname, id, summary) \
	extern void check_##cname(struct pb_check_info *) __attribute__((weak));
#include "checks.def"
#undef CHECK

static struct pb_check_info checks[PB_NR_CHECKS] = {
#define CHECK(cname, id, summary) { id, summary, NULL, 0, NULL, NULL },
#include "checks.def"
#undef CHECK
};

static void (*const check_registers[PB_NR_CHECKS])(struct pb_check_info *) = {
#define CHECK(cname, id, summary) check_##cname,
#include "checks.def"
#undef CHECK
};

static struct plugin_info ptebatch_plugin_info = {
	.version = PLUGIN_VERSION,
	.help = "disable\tdo nothing\n"
		"checks=ID,...\trun exactly these checks\n"
		"W=ID,...\talso run these (opt-in) checks\n"
		"Wno=ID,...\tdo not run these checks\n"
		"strict\treport unknown origins too\n"
		"static-helpers\tnr-zero: report static helpers' definitions too\n"
		"error\tfindings are errors\n"
		"output=PATH\twrite findings as JSON lines (file or directory)\n"
		"analyze-only\tstop compilation after the analysis\n"
		"verbose\tengine debug notes\n",
};

/* The value-origin engine is only paid for when a dataflow check runs. */
static bool engine_needed(void)
{
	int i;

	for (i = 0; i < PB_NR_CHECKS; i++)
		if (pb_opts.enabled[i] && (checks[i].call || checks[i].function_end))
			return true;
	return false;
}

/* Each call with a rule goes to the checks that asked for its role. */
static void run_call_hooks(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	int i;

	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		const struct pb_rule *r = pb_call_rule(stmt);

		if (!r || r->idx >= (int)gimple_call_num_args(stmt))
			continue;
		for (i = 0; i < PB_NR_CHECKS; i++)
			if (pb_opts.enabled[i] && checks[i].call &&
			    (checks[i].roles & PB_ROLE_BIT(r->role)))
				checks[i].call(stmt, r);
	}
	for (i = 0; i < PB_NR_CHECKS; i++)
		if (pb_opts.enabled[i] && checks[i].function_end)
			checks[i].function_end(fun);
}

static unsigned int ptebatch_execute(function *fun)
{
	if (!engine_needed() || !fun || !fun->cfg)
		return 0;
	pb_engine_execute(fun);
	pb_summary_record_function(fun);
	run_call_hooks(fun);
	pb_engine_execute_end(fun);
	return 0;
}

/* Set once the findings went out: a compile whose passes never run (a
 * precompiled header's, -fsyntax-only) emits them at the end instead. */
static bool emitted;

static unsigned int ptebatch_finish_execute(void)
{
	int i;

	emitted = true;
	if (engine_needed())
		pb_engine_finish();
	for (i = 0; i < PB_NR_CHECKS; i++)
		if (pb_opts.enabled[i] && checks[i].finish)
			checks[i].finish();
	pb_emit_all();
	pb_engine_reset();
	if (pb_opts.analyze_only) {
		/* Nothing after this point is needed: no object is wanted. */
		fflush(stdout);
		fflush(stderr);
		exit(seen_error() ? FATAL_EXIT_CODE : SUCCESS_EXIT_CODE);
	}
	return 0;
}

/*
 * The end of a compile that never reached the passes: what the
 * preprocessor saw (vm-bug) goes out.  For pch.c of the CLI, which
 * builds a directory's precompiled header with the plugin loaded: its
 * headers' VM_BUG_ON*s, which a compile that loads the header never sees.
 */
static void ptebatch_finish(void *, void *)
{
	if (!emitted && !seen_error())
		pb_emit_all();
}

PB_GIMPLE_PASS(ptebatch, PROP_ssa | PROP_cfg)
PB_SIMPLE_IPA_PASS(ptebatch_finish)

/* What a gcc's configure line says it compiles for (--target=). */
static const char *target_of(const char *config, char *buf, size_t size)
{
	const char *t = config ? strstr(config, "--target=") : NULL;

	if (!t)
		return "unknown target";
	t += strlen("--target=");
	snprintf(buf, size, "%.*s", (int)strcspn(t, " '\""), t);
	return buf;
}

/*
 * Loaded into a gcc it was not built for (another version, or a cross
 * compiler): say both, and the make command that builds the right one.
 */
static void wrong_compiler(struct plugin_gcc_version *version)
{
	char ours[128], theirs[128], hint[160];
	const char *host = version->configuration_arguments ?
			   strstr(version->configuration_arguments, "--host=") : NULL;

	target_of(gcc_version.configuration_arguments, ours, sizeof(ours));
	target_of(version->configuration_arguments, theirs, sizeof(theirs));
	if (host && strncmp(host + strlen("--host="), theirs, strlen(theirs)))
		snprintf(hint, sizeof(hint), "make CROSS_COMPILE=%s-", theirs);
	else
		snprintf(hint, sizeof(hint), "make CC=gcc-%.*s CXX=g++-%.*s",
			 (int)strcspn(version->basever, "."), version->basever,
			 (int)strcspn(version->basever, "."), version->basever);
	error(G_("ptebatch_plugin: built for gcc %s (%s), loaded into gcc %s (%s): build its plugin with %<%s%>"),
	      pb_built_for_basever, ours, version->basever, theirs, hint);
}

static void insert_pass_after(const char *plugin, opt_pass *pass,
			      const char *after)
{
	struct register_pass_info info;

	info.pass = pass;
	info.reference_pass_name = after;
	info.ref_pass_instance_number = 1;
	info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(plugin, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

__visible int plugin_init(struct plugin_name_args *plugin_info,
			  struct plugin_gcc_version *version)
{
	const char *env = getenv("DISABLE_PTEBATCH_PLUGIN");
	bool disabled = env && *env && strcmp(env, "0");
	int i;

	if (!pb_version_ok(version)) {
		wrong_compiler(version);
		return 1;
	}
	if (!pb_parse_options(plugin_info, &disabled))
		return 1;
	for (i = 0; i < PB_NR_CHECKS; i++) {
		if (check_registers[i])
			check_registers[i](&checks[i]);
		else
			pb_opts.enabled[i] = false;
	}
	register_callback(plugin_info->base_name, PLUGIN_INFO, NULL,
			  &ptebatch_plugin_info);
	if (disabled)
		return 0;

	for (i = 0; i < PB_NR_CHECKS; i++)
		if (pb_opts.enabled[i] && checks[i].init)
			checks[i].init();

	/* Right after into-SSA: SSA names, and calls not yet inlined. */
	insert_pass_after(plugin_info->base_name, new ptebatch_pass(), "ssa");
	/* Once every function went through the pass above. */
	insert_pass_after(plugin_info->base_name, new ptebatch_finish_pass(),
			  "build_ssa_passes");
	register_callback(plugin_info->base_name, PLUGIN_FINISH,
			  ptebatch_finish, NULL);
	return 0;
}
