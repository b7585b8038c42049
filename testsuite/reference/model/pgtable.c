// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptebatch model: PTE tables, batched PTE accessors, PTE batching and
 * flushes.  Each accessor that takes a count checks that the range stays
 * inside one PTE table; each clear and flush is logged.
 */
#include <string.h>

#include "../include/model.h"
#include "../include/internal.h"
#include "../include/tlbflush.h"
#include "../include/hugetlb.h"

static struct pmd_slot *pmd_slot(struct mm_struct *mm, unsigned long addr)
{
	if (addr >= TASK_SIZE_MODEL) {
		model_error("address %#lx outside the model", addr);
		return NULL;
	}
	return &mm->pmd[pmd_index(addr)];
}

pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr)
{
	struct pmd_slot *slot = pmd_slot(mm, addr);

	if (!slot || !slot->table)
		return NULL;
	return slot->table + pte_index(addr);
}

pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	struct pmd_slot *slot = pmd_slot(mm, addr);

	if (!slot)
		abort();
	if (!slot->table) {
		slot->table = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
		if (!slot->table)
			abort();
		memset(slot->table, 0, PAGE_SIZE);
	}
	return slot->table + pte_index(addr);
}

void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte)
{
	*ptep = pte;
}

void set_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
	      pte_t pte, unsigned int nr)
{
	unsigned int i;

	nr = model_check_table_range(ptep, nr, "set_ptes");
	VM_WARN_ON_ONCE(nr > 1 && !pte_present(pte));
	for (i = 0; i < nr; i++) {
		ptep[i] = pte;
		pte = pte_advance_pfn(pte, 1);
	}
}

static unsigned long accessible_mask(pte_t *ptep, unsigned int nr)
{
	unsigned long mask = 0;
	unsigned int i;

	for (i = 0; i < nr && i < 64; i++)
		if (pte_accessible(ptep[i]))
			mask |= 1UL << i;
	return mask;
}

static void log_clear(unsigned long addr, pte_t *ptep, unsigned int nr)
{
	unsigned int i;

	/* One event per 64 PTEs keeps the accessibility mask exact. */
	for (i = 0; i < nr; i += 64) {
		unsigned int n = min(nr - i, 64U);

		model_log(EV_CLEAR, addr + i * PAGE_SIZE,
			  addr + (i + n) * PAGE_SIZE,
			  accessible_mask(ptep + i, n));
	}
}

void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	model.stats.single_clears++;
	log_clear(addr, ptep, 1);
	*ptep = __pte(0);
}

pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
			 pte_t *ptep)
{
	pte_t pte = *ptep;

	pte_clear(mm, addr, ptep);
	return pte;
}

pte_t get_and_clear_full_ptes(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, unsigned int nr, int full)
{
	pte_t pte = ptep_get(ptep), tmp;
	unsigned int i;

	model.stats.batched_clears++;
	nr = model_check_table_range(ptep, nr, "get_and_clear_full_ptes");
	log_clear(addr, ptep, nr);
	for (i = 0; i < nr; i++) {
		tmp = ptep[i];
		ptep[i] = __pte(0);
		/* A/D of the whole batch are reported in the first entry. */
		if (pte_dirty(tmp))
			pte = pte_mkdirty(pte);
		if (pte_young(tmp))
			pte = pte_mkyoung(pte);
	}
	return pte;
}

void clear_full_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		     unsigned int nr, int full)
{
	model.stats.batched_clears++;
	nr = model_check_table_range(ptep, nr, "clear_full_ptes");
	log_clear(addr, ptep, nr);
	memset(ptep, 0, nr * sizeof(*ptep));
}

static u64 fpb_ignored_bits(fpb_t flags)
{
	u64 mask = _PAGE_ACCESSED;

	if (!(flags & FPB_RESPECT_DIRTY))
		mask |= _PAGE_DIRTY;
	if (!(flags & FPB_RESPECT_SOFT_DIRTY))
		mask |= _PAGE_SOFT_DIRTY;
	if (!(flags & FPB_RESPECT_WRITE))
		mask |= _PAGE_RW;
	return mask;
}

static unsigned int pte_batch_scan(struct folio *folio, pte_t *ptep,
				   pte_t *ptentp, unsigned int limit,
				   fpb_t flags)
{
	unsigned long end_pfn = folio_pfn(folio) + folio_nr_pages(folio);
	pte_t pte = *ptentp, expected, cur;
	u64 ignore = fpb_ignored_bits(flags);
	unsigned int nr;

	model.stats.batch_calls++;
	VM_WARN_ON_FOLIO(!pte_present(pte), folio);
	VM_WARN_ON_FOLIO(!folio_test_large(folio) || limit < 1, folio);
	VM_WARN_ON_FOLIO(pte_pfn(pte) < folio_pfn(folio) ||
			 pte_pfn(pte) >= end_pfn, folio);
	if (!pte_present(pte) || limit < 1 || pte_pfn(pte) < folio_pfn(folio) ||
	    pte_pfn(pte) >= end_pfn)
		return 1;

	/* The caller promised one table; the model checks that promise. */
	limit = model_check_table_range(ptep, limit, "folio_pte_batch");
	limit = min_t(unsigned long, limit, end_pfn - pte_pfn(pte));

	expected = pte_advance_pfn(pte, 1);
	for (nr = 1; nr < limit; nr++) {
		cur = ptep_get(ptep + nr);
		if ((pte_val(cur) & ~ignore) != (pte_val(expected) & ~ignore))
			break;
		if ((flags & FPB_MERGE_WRITE) && pte_write(cur))
			pte = pte_mkwrite(pte);
		if ((flags & FPB_MERGE_YOUNG_DIRTY) && pte_young(cur))
			pte = pte_mkyoung(pte);
		if ((flags & FPB_MERGE_YOUNG_DIRTY) && pte_dirty(cur))
			pte = pte_mkdirty(pte);
		expected = pte_advance_pfn(expected, 1);
	}
	*ptentp = pte;
	return nr;
}

unsigned int folio_pte_batch_flags(struct folio *folio,
				   struct vm_area_struct *vma, pte_t *ptep,
				   pte_t *ptentp, unsigned int max_nr,
				   fpb_t flags)
{
	VM_WARN_ON_ONCE((flags & FPB_MERGE_WRITE) && !vma);
	return pte_batch_scan(folio, ptep, ptentp, max_nr, flags);
}

unsigned int folio_pte_batch(struct folio *folio, pte_t *ptep, pte_t pte,
			     unsigned int max_nr)
{
	return pte_batch_scan(folio, ptep, &pte, max_nr, 0);
}

static void check_flush_range(struct vm_area_struct *vma,
			      unsigned long start, unsigned long end,
			      const char *who)
{
	if (start >= end || (start | end) & ~PAGE_MASK)
		model_error("%s: bad range [%#lx, %#lx)", who, start, end);
	else if (vma && (start < vma->vm_start || end > vma->vm_end))
		model_error("%s: [%#lx, %#lx) outside VMA [%#lx, %#lx)", who,
			    start, end, vma->vm_start, vma->vm_end);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	model.stats.flushes++;
	check_flush_range(vma, start, end, "flush_tlb_range");
	model_log(EV_FLUSH_TLB, start, end, 0);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_range(vma, addr, addr + PAGE_SIZE);
}

void flush_cache_range(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end)
{
	check_flush_range(vma, start, end, "flush_cache_range");
	model_log(EV_FLUSH_CACHE, start, end, 0);
}

void flush_cache_page(struct vm_area_struct *vma, unsigned long addr,
		      unsigned long pfn)
{
	flush_cache_range(vma, addr, addr + PAGE_SIZE);
}

pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long addr,
		       pte_t *ptep)
{
	pte_t pte = ptep_get_and_clear(vma->vm_mm, addr, ptep);

	if (pte_accessible(pte))
		flush_tlb_page(vma, addr);
	return pte;
}

void set_tlb_ubc_flush_pending(struct mm_struct *mm, pte_t pteval,
			       unsigned long start, unsigned long end)
{
	/* Like the kernel, decide from @pteval alone whether to flush. */
	if (!pte_accessible(pteval))
		return;
	model.stats.flushes++;
	check_flush_range(NULL, start, end, "set_tlb_ubc_flush_pending");
	model_log(EV_FLUSH_TLB_DEFERRED, start, end, 0);
	mm->tlb_flush_batched = true;
}

bool should_defer_flush(struct mm_struct *mm, enum ttu_flags flags)
{
	return flags & TTU_BATCH_FLUSH;
}

void try_to_unmap_flush(void)
{
	if (model.mm)
		model.mm->tlb_flush_batched = false;
}

void pte_install_uffd_wp_if_needed(struct vm_area_struct *vma,
				   unsigned long addr, pte_t *ptep,
				   pte_t pteval)
{
	/* Anon keeps the bit in the swap entry; file needs a marker. */
	if (!userfaultfd_wp(vma) || vma_is_anonymous(vma))
		return;
	if (pte_uffd_wp(pteval))
		set_pte_at(vma->vm_mm, addr, ptep,
			   make_pte_marker(PTE_MARKER_UFFD_WP));
}

pte_t *huge_pte_offset(struct mm_struct *mm, unsigned long addr,
		       unsigned long sz)
{
	struct pmd_slot *slot = pmd_slot(mm, addr);

	if (!slot || slot->table || sz != PMD_SIZE || addr & ~PMD_MASK)
		return NULL;
	return &slot->huge;
}

pte_t huge_ptep_clear_flush(struct vm_area_struct *vma, unsigned long addr,
			    pte_t *ptep)
{
	pte_t pte = *ptep;

	model_log(EV_CLEAR, addr, addr + PMD_SIZE, pte_accessible(pte));
	*ptep = __pte(0);
	flush_tlb_range(vma, addr, addr + PMD_SIZE);
	return pte;
}

void set_huge_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		     pte_t pte, unsigned long sz)
{
	*ptep = pte;
}
