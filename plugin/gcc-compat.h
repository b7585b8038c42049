/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gcc-compat.h - the only file of ptebatch that knows GCC versions.
 *
 * It pulls in the GCC internal headers the plugin needs and hides API
 * drift between GCC releases behind small wrappers, so that supporting a
 * new GCC is a change to this file alone.  Tested with GCC 12 to 16
 * (make check-toolchains); a newer major builds with the GCC 16 interfaces
 * and one notice.
 */
#ifndef PTEBATCH_GCC_COMPAT_H
#define PTEBATCH_GCC_COMPAT_H

#include "gcc-plugin.h"
#include "plugin-version.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tm.h"
#include "line-map.h"
#include "input.h"
#include "tree.h"
#include "tree-pass.h"
#include "intl.h"
#include "diagnostic.h"
#include "diagnostic-core.h"
#include "function.h"
#include "basic-block.h"
#include "cfgloop.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-ssa.h"
#include "tree-phinodes.h"
#include "ssa-iterators.h"
#include "tree-ssa-operands.h"
#include "stringpool.h"
#include "value-range.h"
#include "tree-ssanames.h"
#include "tree-dfa.h"
#include "cgraph.h"
#include "cpplib.h"
#include "c-family/c-pragma.h"
#include "toplev.h"
#include "stor-layout.h"
#include "fold-const.h"
#include "tree-pretty-print.h"
#include "langhooks.h"
#include "context.h"
#include "tree-cfg.h"
#include "cgraph.h"

#if GCCPLUGIN_VERSION_MAJOR < 12
#error "ptebatch: the plugin needs GCC 12 or newer"
#endif

/*
 * Newest major whose interfaces are known here.  One translation unit
 * (ptebatch_plugin.c) prints the notice, so a build says it once; a test
 * can pretend a newer major (-DPTEBATCH_TEST_GCC_MAJOR=99).
 */
#define PB_GCC_NEWEST_KNOWN	16
#ifdef PTEBATCH_TEST_GCC_MAJOR
#define PB_GCC_MAJOR		PTEBATCH_TEST_GCC_MAJOR
#else
#define PB_GCC_MAJOR		GCCPLUGIN_VERSION_MAJOR
#endif
#if PB_GCC_MAJOR > PB_GCC_NEWEST_KNOWN && defined(PB_VERSION_NOTICE)
#define PB_STR2(x) #x
#define PB_STR(x) PB_STR2(x)
#pragma message("ptebatch: GCC " PB_STR(PB_GCC_MAJOR) " is newer than GCC " \
		PB_STR(PB_GCC_NEWEST_KNOWN) ": built with its interfaces; run make check")
#endif

#define __visible __attribute__((visibility("default")))

/*
 * The GCC version the plugin was built against.  A test build can pretend
 * another one (-DPTEBATCH_TEST_BUILT_FOR=\"11.4.0\") to exercise the
 * refusal path.
 */
#ifdef PTEBATCH_TEST_BUILT_FOR
#define pb_built_for_basever	PTEBATCH_TEST_BUILT_FOR
#else
#define pb_built_for_basever	(gcc_version.basever)
#endif

static inline bool pb_version_ok(struct plugin_gcc_version *version)
{
#ifdef PTEBATCH_TEST_BUILT_FOR
	(void)version;
	return false;
#else
	return plugin_default_version_check(version, &gcc_version);
#endif
}

/*
 * -Werror (CONFIG_WERROR) must not turn findings into errors unless the
 * user asked for error mode: drop the request around our own warnings.
 * GCC 14 made the field private behind accessors.
 */
static inline bool pb_werror_save_and_clear(void)
{
#if GCCPLUGIN_VERSION_MAJOR >= 14
	bool old = global_dc->warning_as_error_requested_p();

	global_dc->set_warning_as_error_requested(false);
#else
	bool old = global_dc->warning_as_error_requested;

	global_dc->warning_as_error_requested = false;
#endif
	return old;
}

static inline void pb_werror_restore(bool old)
{
#if GCCPLUGIN_VERSION_MAJOR >= 14
	global_dc->set_warning_as_error_requested(old);
#else
	global_dc->warning_as_error_requested = old;
#endif
}

/*
 * Findings print as one line each, like sparse's: showing the source line
 * under each would re-read and re-measure it, which in a kernel build cost
 * more than the analysis itself.  GCC 14 moved the flag into the source
 * printing options, GCC 16 made those private behind an accessor.
 */
static inline bool *pb_caret_flag(void)
{
#if GCCPLUGIN_VERSION_MAJOR >= 16
	return &global_dc->get_source_printing_options().enabled;
#elif GCCPLUGIN_VERSION_MAJOR >= 14
	return &global_dc->m_source_printing.enabled;
#else
	return &global_dc->show_caret;
#endif
}

static inline bool pb_caret_save_and_clear(void)
{
	bool old = *pb_caret_flag();

	*pb_caret_flag() = false;
	return old;
}

static inline void pb_caret_restore(bool old)
{
	*pb_caret_flag() = old;
}

/*
 * The C front end's preprocessor, for the macro-use callback.  Weak, so
 * the plugin still loads into a compiler without the C family (lto1).
 */
#pragma weak parse_in
static inline cpp_reader *pb_cpp_reader(void)
{
	return &parse_in ? parse_in : NULL;
}

/* Macro whose expansion produced LOC, or NULL when LOC is not virtual. */
static inline const char *pb_expanding_macro(location_t loc)
{
	const line_map *map;

	if (!linemap_location_from_macro_expansion_p(line_table, loc))
		return NULL;
	map = linemap_lookup(line_table, loc);
	if (!map || !linemap_macro_expansion_map_p(map))
		return NULL;
	return linemap_map_get_macro_name(linemap_check_macro(map));
}

static inline location_t pb_spelling_location(location_t loc)
{
	return linemap_resolve_location(line_table, loc,
					LRK_SPELLING_LOCATION, NULL);
}

/*
 * Last statement of BB but debug statements, as last_stmt() was; GCC 14
 * dropped it for *gsi_last_nondebug_bb(), which every GCC has as an
 * iterator.
 */
static inline gimple *pb_last_stmt(basic_block bb)
{
	return bb ? gsi_stmt(gsi_last_nondebug_bb(bb)) : NULL;
}

static inline const char *pb_decl_name(tree decl)
{
	tree name = decl ? DECL_NAME(decl) : NULL_TREE;

	return name ? IDENTIFIER_POINTER(name) : NULL;
}

/*
 * TYPE's name as C spells it: a typedef's (pte_t), or "struct TAG" (BUF
 * holds it); NULL for an unnamed type.  The C front end keeps a tag as an
 * IDENTIFIER_NODE in TYPE_NAME and a typedef as a TYPE_DECL of a variant;
 * a tag's own TYPE_DECL (the C++ way) is its TYPE_STUB_DECL.
 */
static inline const char *pb_type_name(tree type, char *buf, size_t size)
{
	tree n = type ? TYPE_NAME(type) : NULL_TREE;
	const char *kw;

	if (n && TREE_CODE(n) == TYPE_DECL) {
		if (!DECL_NAME(n))
			return NULL;
		if (n != TYPE_STUB_DECL(type))
			return IDENTIFIER_POINTER(DECL_NAME(n));
		n = DECL_NAME(n);
	}
	if (!n || TREE_CODE(n) != IDENTIFIER_NODE)
		return NULL;
	switch (TREE_CODE(type)) {
	case RECORD_TYPE:
		kw = "struct";
		break;
	case UNION_TYPE:
		kw = "union";
		break;
	case ENUMERAL_TYPE:
		kw = "enum";
		break;
	default:
		return IDENTIFIER_POINTER(n);
	}
	snprintf(buf, size, "%s %s", kw, IDENTIFIER_POINTER(n));
	return buf;
}

/* Declares a GIMPLE pass class NAME_pass calling NAME_execute(). */
#define PB_GIMPLE_PASS(NAME, PROPS)					\
namespace {								\
const pass_data NAME##_pass_data = {					\
	GIMPLE_PASS, #NAME, OPTGROUP_NONE, TV_NONE, PROPS, 0, 0, 0, 0	\
};									\
class NAME##_pass : public gimple_opt_pass {				\
public:									\
	NAME##_pass() : gimple_opt_pass(NAME##_pass_data, g) {}		\
	unsigned int execute(function *fun) final override		\
	{ return NAME##_execute(fun); }					\
	opt_pass *clone() final override { return new NAME##_pass(); }	\
};									\
}

/* Declares a simple IPA pass class NAME_pass calling NAME_execute(). */
#define PB_SIMPLE_IPA_PASS(NAME)					\
namespace {								\
const pass_data NAME##_pass_data = {					\
	SIMPLE_IPA_PASS, #NAME, OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0	\
};									\
class NAME##_pass : public simple_ipa_opt_pass {			\
public:									\
	NAME##_pass() : simple_ipa_opt_pass(NAME##_pass_data, g) {}	\
	unsigned int execute(function *) final override			\
	{ return NAME##_execute(); }					\
};									\
}

#endif /* PTEBATCH_GCC_COMPAT_H */
