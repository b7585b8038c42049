// SPDX-License-Identifier: GPL-2.0-only
/*
 * State of the ptebatch model and the API tests use to build a world.
 *
 * There is one world at a time (one mm, its VMAs, folios and swap
 * slots).  The model checks its own contracts (a batch that leaves its
 * PTE table, a rmap change outside the folio, a mapcount going negative,
 * a flush outside its VMA) and counts violations in model.errors; tests
 * fail on any.  All PTE clears and flushes are logged in model.log.
 */
#ifndef PTEBATCH_MODEL_MODEL_H
#define PTEBATCH_MODEL_MODEL_H

#include "mm.h"
#include "rmap.h"

enum model_event_kind {
	EV_CLEAR,		/* PTEs [start, end) cleared */
	EV_FLUSH_TLB,		/* immediate TLB flush */
	EV_FLUSH_TLB_DEFERRED,	/* set_tlb_ubc_flush_pending() range */
	EV_FLUSH_CACHE,
};

struct model_event {
	enum model_event_kind kind;
	unsigned long start;
	unsigned long end;
	bool accessible;	/* EV_CLEAR: first entry was in the TLB */
	unsigned long accessible_mask;	/* EV_CLEAR, one bit per PTE (<= 64) */
};

struct model_stats {
	unsigned long batch_calls;	/* folio_pte_batch*() */
	unsigned long batched_clears;	/* get_and_clear/clear_full_ptes */
	unsigned long single_clears;
	unsigned long rmap_remove_calls;
	unsigned long flushes;
};

struct model_state {
	struct mm_struct *mm;
	unsigned long errors;
	bool quiet;			/* don't print model errors */
	bool log_enabled;
	struct model_event *log;
	size_t log_nr, log_cap;
	struct model_stats stats;
	unsigned long next_pfn;
	unsigned char *swap_map;
	unsigned char *swap_extra;	/* references from outside the world */
	unsigned long swap_slots, next_swap;
};

extern struct model_state model;

void model_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void model_log(enum model_event_kind kind, unsigned long start,
	       unsigned long end, unsigned long accessible_mask);
/* Is [ptep, ptep + nr) inside one PTE table?  Reports and clamps if not. */
unsigned int model_check_table_range(pte_t *ptep, unsigned int nr,
				     const char *who);

/* World building. */
void model_reset(void);
void model_destroy(void);
struct vm_area_struct *model_add_vma(unsigned long start, unsigned long end,
				     pgoff_t pgoff, unsigned long mapping,
				     unsigned long vm_flags, bool anonymous);

enum folio_kind {
	FOLIO_FILE,		/* page cache */
	FOLIO_SHMEM,		/* swap-backed file */
	FOLIO_ANON_LAZYFREE,	/* MADV_FREE'd anon: !swapbacked */
	FOLIO_ANON_SWAPBACKED,	/* anon in the swap cache */
	FOLIO_HUGETLB,
};

struct folio *model_add_folio(unsigned int order, enum folio_kind kind,
			      unsigned long mapping, pgoff_t index);
/* Address of folio page @idx in @vma (may lie outside the VMA). */
unsigned long model_page_address(struct vm_area_struct *vma,
				 struct folio *folio, unsigned long idx);
/* Map folio page @idx at its linear address in @vma with PTE bits @prot. */
pte_t *model_map_page(struct vm_area_struct *vma, struct folio *folio,
		      unsigned long idx, u64 prot);
/* Map it as a device-exclusive entry instead. */
pte_t *model_map_page_devx(struct vm_area_struct *vma, struct folio *folio,
			   unsigned long idx);
void model_map_hugetlb(struct vm_area_struct *vma, struct folio *folio,
		       u64 prot);
/* Give a swap slot @count references from outside the world. */
void model_set_swap_count(swp_entry_t entry, int count);
/* The PTE slot at @addr, or NULL if no table covers it. */
pte_t *model_pte(unsigned long addr);

#endif /* PTEBATCH_MODEL_MODEL_H */
