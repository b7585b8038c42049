// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pages, folios, VMAs and the mm of the ptebatch model.
 *
 * A folio of order 0..9 owns an array of struct page with a per-page
 * mapcount and per-page flags (anon-exclusive, hwpoison).  The mm holds
 * 512 PMD slots; each slot either points to a 512-entry PTE table or
 * holds one huge (hugetlb) entry.  VMAs map a linear file/anon offset
 * range: page pgoff p of the mapping lives at
 * vm_start + ((p - vm_pgoff) << PAGE_SHIFT).
 */
#ifndef PTEBATCH_MODEL_MM_TYPES_H
#define PTEBATCH_MODEL_MM_TYPES_H

#include "types.h"
#include "pgtable.h"

enum pageflags {
	PG_anon_exclusive,	/* per page */
	PG_hwpoison,		/* per page */
	PG_locked,		/* folio flags from here */
	PG_anon,
	PG_swapbacked,
	PG_swapcache,
	PG_dirty,
	PG_hugetlb,
	PG_has_hwpoisoned,
	PG_partially_mapped,	/* queued for deferred split */
};

struct folio;

struct page {
	unsigned long flags;
	int mapcount;		/* number of PTEs mapping this page */
	struct folio *folio;
};

struct folio {
	unsigned long flags;
	unsigned int order;
	unsigned long pfn;
	int refcount;
	int pincount;
	int entire_mapcount;	/* hugetlb: mapped by one huge entry */
	unsigned long mapping;	/* anon_vma or address_space id */
	pgoff_t index;
	swp_entry_t swap;	/* first swap slot when in the swap cache */
	struct page *pages;
};

#define VM_READ		BIT(0)
#define VM_WRITE	BIT(1)
#define VM_SHARED	BIT(3)
#define VM_LOCKED	BIT(13)
#define VM_HUGETLB	BIT(22)
#define VM_UFFD_WP	BIT(12)
#define VM_DROPPABLE	BIT(40)

struct mm_struct;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_flags;
	pgoff_t vm_pgoff;
	unsigned long mapping;	/* what the VMA maps, see folio->mapping */
	bool anonymous;
	struct mm_struct *vm_mm;
};

enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

struct pmd_slot {
	pte_t *table;		/* PTE table, or NULL */
	pte_t huge;		/* hugetlb entry when table is NULL */
};

#define MODEL_MAX_VMAS	16

struct mm_struct {
	struct pmd_slot pmd[PTRS_PER_PMD];
	long rss[NR_MM_COUNTERS];
	long hugetlb_usage;
	struct vm_area_struct *vmas[MODEL_MAX_VMAS];
	int nr_vmas;
	bool tlb_flush_batched;
};

enum ttu_flags {
	TTU_SPLIT_HUGE_PMD	= 0x4,
	TTU_IGNORE_MLOCK	= 0x8,
	TTU_SYNC		= 0x10,
	TTU_HWPOISON		= 0x20,
	TTU_BATCH_FLUSH		= 0x40,
	TTU_RMAP_LOCKED		= 0x80,
};

#endif /* PTEBATCH_MODEL_MM_TYPES_H */
