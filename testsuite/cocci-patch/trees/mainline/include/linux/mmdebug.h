/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for a mainline tree's include/linux/mmdebug.h: vm_bug.cocci only
 * reads which VM_WARN_ON_ONCE* names are defined.  Mainline has a _VMA twin.
 */
#define VM_WARN_ON_ONCE(cond)			(void)(cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page)	(void)(cond)
#define VM_WARN_ON_ONCE_FOLIO(cond, folio)	(void)(cond)
#define VM_WARN_ON_ONCE_MM(cond, mm)		(void)(cond)
#define VM_WARN_ON_ONCE_VMA(cond, vma)		(void)(cond)
