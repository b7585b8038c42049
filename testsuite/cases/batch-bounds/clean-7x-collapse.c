// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.x's collapse and zap limits that are bounded although no
 * pmd_addr_end(addr, vma->vm_end) is in sight:
 * - try_collapse_pte_mapped_thp(): a PMD-aligned base plus HPAGE_PMD_SIZE,
 *   after range_in_vma() of that range returned early;
 * - __zap_vma_range(): the range is asserted to be inside the VMA for all
 *   callers, two of which pass values the engine cannot follow, and the
 *   page-table walk below clamps to each level's end;
 * - __collapse_huge_page_copy_succeeded(): the caller's order-sized block.
 */
#include "../../include/kernel.h"

#define PUD_SIZE	(1UL << 30)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define pud_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

int collapse_mapped(struct folio *folio, struct vm_area_struct *vma,
		    pte_t *start_pte, unsigned long addr)
{
	unsigned long haddr = addr & HPAGE_PMD_MASK;
	unsigned long end = haddr + HPAGE_PMD_SIZE;
	unsigned int i, nr = 1;
	pte_t *pte;

	if (!range_in_vma(vma, haddr, haddr + HPAGE_PMD_SIZE))
		return -1;
	for (i = 0, addr = haddr, pte = start_pte; i < HPAGE_PMD_NR;
	     i += nr, addr += nr * PAGE_SIZE, pte += nr) {
		unsigned int max_nr = (end - addr) >> PAGE_SHIFT;

		nr = folio_pte_batch(folio, pte, ptep_get(pte), max_nr);
		clear_ptes(vma->vm_mm, addr, pte, nr);
	}
	return 0;
}

static int zap_one(pte_t *pte, unsigned long addr, unsigned long end)
{
	pte_t ptent = ptep_get(pte);
	int max_nr = (end - addr) / PAGE_SIZE;
	int nr = 0;

	if (pte_none(ptent)) {
		for (nr = 1; nr < max_nr; nr++)
			if (!pte_none(ptep_get(pte + nr)))
				break;
		max_nr -= nr;
		if (!max_nr)
			return nr;
		pte += nr;
	}
	return nr + swap_pte_batch(pte, max_nr, ptep_get(pte));
}

static unsigned long zap_pte_level(pte_t *pte, unsigned long addr,
				   unsigned long end)
{
	int nr;

	do {
		nr = zap_one(pte, addr, end);
		pte += nr;
		addr += nr * PAGE_SIZE;
	} while (addr != end);
	return addr;
}

static unsigned long zap_pmd_level(pte_t *pte, unsigned long addr,
				   unsigned long end)
{
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		addr = zap_pte_level(pte, addr, next);
	} while (addr != end);
	return addr;
}

static void zap_range(struct vm_area_struct *vma, pte_t *pte,
		      unsigned long start, unsigned long end)
{
	unsigned long next, addr = start;

	/* 7.3 asserts it with VM_WARN_ON_ONCE(), compiled with DEBUG_VM only */
	WARN_ON_ONCE(start >= end || !range_in_vma(vma, start, end));
	do {
		next = pud_addr_end(addr, end);
		next = zap_pmd_level(pte, addr, next);
	} while (addr = next, addr != end);
}

void zap_whole(struct vm_area_struct *vma, struct mmu_notifier_range *range,
	       pte_t *pte)
{
	zap_range(vma, pte, range->start, range->end);
}

void zap_some(struct vm_area_struct *vma, pte_t *pte, unsigned long a,
	      unsigned long b)
{
	zap_range(vma, pte, a, b);
}

static void collapse_copied(struct folio *src, struct vm_area_struct *vma,
			    pte_t *pte, unsigned long address,
			    unsigned int order)
{
	const unsigned long nr_pages = 1UL << order;
	unsigned long end = address + (PAGE_SIZE * nr_pages);
	unsigned int nr;
	pte_t *_pte;

	for (_pte = pte; _pte < pte + nr_pages; _pte += nr,
	     address += nr * PAGE_SIZE) {
		unsigned int max_nr = (end - address) >> PAGE_SHIFT;

		nr = folio_pte_batch(src, _pte, ptep_get(_pte), max_nr);
		clear_ptes(vma->vm_mm, address, _pte, nr);
	}
}

void collapse(struct folio *src, struct vm_area_struct *vma, pte_t *pte,
	      unsigned long start_addr, unsigned int order)
{
	collapse_copied(src, vma, pte, start_addr, order);
}
