// SPDX-License-Identifier: GPL-2.0-only
/*
 * TLB and cache flushing of the ptebatch model.  Nothing is cached for
 * real: every flush, and every deferred (batched) flush range, is
 * appended to the model's event log so tests can check that each
 * cleared PTE was flushed.
 */
#ifndef PTEBATCH_MODEL_TLBFLUSH_H
#define PTEBATCH_MODEL_TLBFLUSH_H

#include "mm.h"

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void flush_cache_range(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end);
void flush_cache_page(struct vm_area_struct *vma, unsigned long addr,
		      unsigned long pfn);
pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long addr,
		       pte_t *ptep);
/* Queue a flush of [start, end) unless @pteval was never accessible. */
void set_tlb_ubc_flush_pending(struct mm_struct *mm, pte_t pteval,
			       unsigned long start, unsigned long end);
bool should_defer_flush(struct mm_struct *mm, enum ttu_flags flags);
void try_to_unmap_flush(void);

#endif /* PTEBATCH_MODEL_TLBFLUSH_H */
