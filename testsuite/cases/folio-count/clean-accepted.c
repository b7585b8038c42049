// SPDX-License-Identifier: GPL-2.0-only
/*
 * The accepted forms: the counts moved by nr after a batch; a single move
 * on a path that handles one entry (a single PTE clear, a test nr == 1, a
 * batch source wrapper's "return 1" under the tests that lead there, a
 * constant count); a single move for another folio; a move before the
 * batch or after the loop, not on the path from it within one iteration.
 */
#include "../../include/kernel.h"

bool pte_unused(pte_t pte);
bool folio_test_hwpoison(struct folio *folio);

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end;

	if (flags & TTU_HWPOISON)
		return 1;
	if (!folio_test_large(folio))
		return 1;
	end = pmd_addr_end(addr, pvmw->vma->vm_end);
	if (pte_unused(pte))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

/* 7.3's try_to_unmap_one() as shipped */
bool unmap_refs(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned long nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		if (folio_test_hwpoison(folio) && (flags & TTU_HWPOISON)) {
			/* one page: the wrapper returned 1 for TTU_HWPOISON */
			folio_remove_rmap_pte(folio, &folio->page, vma);
			folio_put(folio);
			continue;
		}
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
		folio_put_refs(folio, nr_pages);
		if (nr_pages == folio_nr_pages(folio))
			break;
	}
	return true;
}

/* a test of the count; a single PTE clear on the other branch */
void zap_counted(struct mm_struct *mm, struct vm_area_struct *vma,
		 struct folio *folio, pte_t *pte, unsigned long addr,
		 unsigned long end)
{
	unsigned int nr;
	pte_t ptent;

	for (; addr < end; pte += nr, addr += nr * PAGE_SIZE) {
		ptent = ptep_get(pte);
		nr = folio_pte_batch(folio, pte, ptent,
				     (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT);
		if (nr == 1) {
			ptent = ptep_get_and_clear(mm, addr, pte);
			folio_remove_rmap_pte(folio, &folio->page, vma);
			folio_put(folio);
			continue;
		}
		ptent = get_and_clear_ptes(mm, addr, pte, nr);
		folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
		folio_put_refs(folio, nr);
	}
}

/* another folio's reference; a put of the previous folio before the batch */
void zap_other(struct mm_struct *mm, struct vm_area_struct *vma,
	       struct folio **folios, pte_t *pte, unsigned long addr,
	       unsigned long end, struct folio *cache)
{
	struct folio *prev = NULL, *folio;
	unsigned int nr;
	pte_t ptent;

	for (; addr < end; pte += nr, addr += nr * PAGE_SIZE) {
		folio = *folios++;
		if (prev)
			folio_put(prev);
		ptent = ptep_get(pte);
		nr = folio_pte_batch(folio, pte, ptent,
				     (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT);
		ptent = get_and_clear_ptes(mm, addr, pte, nr);
		folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
		folio_put_refs(folio, nr);
		folio_put(cache);
		prev = folio;
	}
	if (prev)
		folio_put(prev);
}

/* mapping a fresh folio: the counts by nr */
void map_batch(struct mm_struct *mm, struct vm_area_struct *vma,
	       struct folio *folio, struct page *page, pte_t *ptep,
	       unsigned long addr, pte_t pte)
{
	unsigned int nr = folio_nr_pages(folio);

	folio_ref_add(folio, nr);
	folio_add_file_rmap_ptes(folio, page, nr, vma);
	set_ptes(mm, addr, ptep, pte, nr);
}

/* a test that the count is 1 before the single move */
void zap_tested(struct mm_struct *mm, struct vm_area_struct *vma,
		struct folio *folio, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	unsigned int nr;

	for (; addr < end; pte += nr, addr += nr * PAGE_SIZE) {
		nr = folio_pte_batch(folio, pte, ptep_get(pte),
				     (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT);
		get_and_clear_ptes(mm, addr, pte, nr);
		folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
		if (nr == 1)
			folio_put(folio);
		else
			folio_put_refs(folio, nr);
		if (!(nr > 1))
			folio_get(folio);
	}
}

/* references counted by hand (khugepaged's 2 + folio_nr_pages()), and a
 * loop before or after the batch: its single moves are other iterations' */
void collapse_refs(struct folio **folios, int n, struct folio *folio,
		   struct mm_struct *mm, pte_t *pte, unsigned long addr,
		   unsigned int max_nr)
{
	unsigned int nr;
	int i;

	for (i = 0; i < n; i++)
		folio_get(folios[i]);
	folio_put_refs(folio, 2 + folio_nr_pages(folio));
	nr = folio_pte_batch(folio, pte, ptep_get(pte), max_nr);
	get_and_clear_ptes(mm, addr, pte, nr);
	folio_put_refs(folio, nr);
	for (i = 0; i < n; i++)
		folio_put(folio);
}
