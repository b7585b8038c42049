// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debug assertions with the semantics of the kernel's mmdebug.h.
 *
 * With CONFIG_DEBUG_VM, VM_BUG_ON*() dump and abort (BUG), VM_WARN_ON*()
 * print a warning and continue.  Without it, both only type-check their
 * condition and never evaluate it.  Every warning hit is counted in
 * model_warn_count so that tests can fail on it; the _ONCE forms print
 * only once per call site but still count every hit.
 */
#ifndef PTEBATCH_MODEL_MMDEBUG_H
#define PTEBATCH_MODEL_MMDEBUG_H

#include <stdio.h>
#include <stdlib.h>
#include "types.h"

struct page;
struct folio;
struct vm_area_struct;
struct mm_struct;

extern unsigned long model_warn_count;

void __model_warn(const char *file, int line, const char *cond, bool print);
void dump_page(const struct page *page, const char *reason);
void dump_folio(const struct folio *folio, const char *reason);
void dump_vma(const struct vm_area_struct *vma);
void dump_mm(const struct mm_struct *mm);

#define BUILD_BUG_ON_INVALID(e)	((void)(sizeof((long)(e))))

#define BUG() do {							\
	fprintf(stderr, "kernel BUG at %s:%d!\n", __FILE__, __LINE__);	\
	fflush(NULL);							\
	abort();							\
} while (0)

#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

#define WARN_ON(cond) ({						\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		__model_warn(__FILE__, __LINE__, #cond, true);		\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once)) {				\
		__model_warn(__FILE__, __LINE__, #cond, !__warned);	\
		__warned = true;					\
	}								\
	unlikely(__ret_warn_once);					\
})

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" __stringify(cond) ")"); \
			BUG();						\
		}							\
	} while (0)
#define VM_BUG_ON_FOLIO(cond, folio)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_folio(folio, "VM_BUG_ON_FOLIO(" __stringify(cond) ")"); \
			BUG();						\
		}							\
	} while (0)
#define VM_BUG_ON_VMA(cond, vma)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_vma(vma);					\
			BUG();						\
		}							\
	} while (0)
#define VM_BUG_ON_MM(cond, mm)						\
	do {								\
		if (unlikely(cond)) {					\
			dump_mm(mm);					\
			BUG();						\
		}							\
	} while (0)
#define VM_WARN_ON(cond)		(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)		(void)WARN_ON_ONCE(cond)
#define VM_WARN_ON_PAGE(cond, page) ({					\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn)) {					\
		dump_page(page, "VM_WARN_ON_PAGE(" __stringify(cond) ")"); \
		WARN_ON(1);						\
	}								\
	unlikely(__ret_warn);						\
})
#define VM_WARN_ON_FOLIO(cond, folio) ({				\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn)) {					\
		dump_folio(folio, "VM_WARN_ON_FOLIO(" __stringify(cond) ")"); \
		WARN_ON(1);						\
	}								\
	unlikely(__ret_warn);						\
})
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) ({				\
	static bool __warned_folio;					\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once)) {				\
		if (!__warned_folio)					\
			dump_folio(folio, "VM_WARN_ON_ONCE_FOLIO(" __stringify(cond) ")"); \
		__model_warn(__FILE__, __LINE__, #cond, !__warned_folio); \
		__warned_folio = true;					\
	}								\
	unlikely(__ret_warn_once);					\
})
#define VM_WARN_ON_VMA(cond, vma)	(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE_VMA(cond, vma)	(void)WARN_ON_ONCE(cond)
#define VM_WARN_ON_ONCE_MM(cond, mm)	(void)WARN_ON_ONCE(cond)
#else /* !CONFIG_DEBUG_VM */
#define VM_BUG_ON(cond)			BUILD_BUG_ON_INVALID(cond)
#define VM_BUG_ON_PAGE(cond, page)	VM_BUG_ON(cond)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON(cond)
#define VM_BUG_ON_VMA(cond, vma)	VM_BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm)		VM_BUG_ON(cond)
#define VM_WARN_ON(cond)		BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE(cond)		BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_PAGE(cond, page)	BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_FOLIO(cond, folio)	BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_VMA(cond, vma)	BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE_VMA(cond, vma)	BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE_MM(cond, mm)	BUILD_BUG_ON_INVALID(cond)
#endif /* CONFIG_DEBUG_VM */

#endif /* PTEBATCH_MODEL_MMDEBUG_H */
