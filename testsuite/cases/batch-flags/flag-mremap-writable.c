// SPDX-License-Identifier: GPL-2.0-only
/*
 * move_ptes() before "mm/mremap: honour writable bit in mremap pte
 * batching": the wrapper batches with folio_pte_batch(), which does not
 * compare the writable bit, and set_ptes() writes the first entry's
 * value to all of them.  Dirty and accessed are folded by
 * get_and_clear_ptes(), soft-dirty is set on all by move_soft_dirty_pte();
 * the writable bit is spread.
 */
#include "../../include/kernel.h"

static int mremap_folio_pte_batch(struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, pte_t pte, int max_nr)
{
	struct folio *folio;

	if (max_nr == 1)
		return 1;
	folio = vm_normal_folio(vma, addr, pte);
	if (!folio || !folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, ptep, pte, max_nr);	// expect: batch-flags
}

void move_ptes(struct vm_area_struct *vma, pte_t *old_ptep, pte_t *new_ptep,
		unsigned long old_addr, unsigned long old_end,
		unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	int nr_ptes;

	for (; old_addr < old_end; old_ptep += nr_ptes,
	     old_addr += nr_ptes * PAGE_SIZE, new_ptep += nr_ptes,
	     new_addr += nr_ptes * PAGE_SIZE) {
		int max_nr_ptes = (old_end - old_addr) >> PAGE_SHIFT;
		pte_t old_pte = ptep_get(old_ptep);
		pte_t pte;

		nr_ptes = 1;
		if (pte_none(old_pte))
			continue;
		if (pte_present(old_pte))
			nr_ptes = mremap_folio_pte_batch(vma, old_addr,
							 old_ptep, old_pte,
							 max_nr_ptes);
		pte = get_and_clear_ptes(mm, old_addr, old_ptep, nr_ptes);
		pte = move_pte(pte, old_addr, new_addr);
		pte = move_soft_dirty_pte(pte);
		set_ptes(mm, new_addr, new_ptep, pte, nr_ptes);
	}
}

/* the batch in the loop itself, the flags 0: nothing is respected */
void move_ptes_flags(struct vm_area_struct *vma, struct folio *folio,
		pte_t *ptep, pte_t *new_ptep, unsigned long addr,
		unsigned long end, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pte = ptep_get(ptep);
	int nr;

	nr = folio_pte_batch_flags(folio, NULL, ptep, &pte,	// expect: batch-flags
				   (end - addr) >> PAGE_SHIFT, 0);
	pte = get_and_clear_ptes(mm, addr, ptep, nr);
	set_ptes(mm, new_addr, new_ptep, pte, nr);
}
