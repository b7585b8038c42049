/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for an old tree (before the folio and mm twins): only the plain
 * and the _PAGE warnings exist, so the other variants lose their object.
 */
#define VM_WARN_ON_ONCE(cond)			(void)(cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page)	(void)(cond)
