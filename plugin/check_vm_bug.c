// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_vm_bug.c - vm-bug: a use of VM_BUG_ON*() where VM_WARN_ON*() is
 * wanted (mm review rule: "Change VM_BUG_* to VM_WARN_*", see the hugetlb
 * split of try_to_unmap_one()).
 *
 * With CONFIG_DEBUG_VM=n the macros expand to a sizeof() and leave nothing
 * in GIMPLE, so this check listens to the preprocessor instead: libcpp's
 * "macro used" callback fires for every real expansion, never for text in
 * comments, strings or skipped #if blocks.  An expansion that comes from
 * the body of another VM_BUG_ON* macro (VM_BUG_ON_FOLIO -> VM_BUG_ON) is
 * the definition, not a use, and is skipped.  The finding sits at the
 * spelling location of the macro name.
 */
#include "ptebatch.h"

static const char *const vm_bug_macros[][2] = {
	/* use                 fix (the VM_WARN_ON_ONCE* variant) */
	{ "VM_BUG_ON",		"VM_WARN_ON_ONCE" },
	{ "VM_BUG_ON_FOLIO",	"VM_WARN_ON_ONCE_FOLIO" },
	{ "VM_BUG_ON_MM",	"VM_WARN_ON_ONCE_MM" },
	{ "VM_BUG_ON_PAGE",	"VM_WARN_ON_ONCE_PAGE" },
	{ "VM_BUG_ON_PGFLAGS",	"VM_WARN_ON_ONCE_PAGE" },
	{ "VM_BUG_ON_VMA",	"VM_WARN_ON_ONCE_VMA" },
};

static void (*chained_used)(cpp_reader *, location_t, cpp_hashnode *);

static const char *vm_bug_fix(const char *name)
{
	unsigned int i;

	if (!name || strncmp(name, "VM_BUG_ON", 9))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(vm_bug_macros); i++)
		if (!strcmp(name, vm_bug_macros[i][0]))
			return vm_bug_macros[i][1];
	return NULL;
}

static void match_macro_use(cpp_reader *pfile, location_t loc,
			    cpp_hashnode *node)
{
	const char *name = (const char *)NODE_NAME(node);
	const char *fix = vm_bug_fix(name);

	if (chained_used)
		chained_used(pfile, loc, node);
	if (!fix || vm_bug_fix(pb_expanding_macro(loc)))
		return;
	pb_report(PB_CHECK_vm_bug, pb_spelling_location(loc), NULL,
		  PB_MSG(vm_bug),
		  name, fix);
}

static void vm_bug_start_unit(void *, void *)
{
	cpp_reader *pfile = pb_cpp_reader();
	cpp_callbacks *cb;

	if (!pfile)
		return;
	cb = cpp_get_callbacks(pfile);

	if (cb->used == match_macro_use)
		return;
	chained_used = cb->used;
	cb->used = match_macro_use;
}

static void vm_bug_init(void)
{
	register_callback("ptebatch_plugin", PLUGIN_START_UNIT,
			  vm_bug_start_unit, NULL);
}

void check_vm_bug(struct pb_check_info *info)
{
	info->init = vm_bug_init;
}
