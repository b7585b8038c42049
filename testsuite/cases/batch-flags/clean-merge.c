// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bits merged by the batch (FPB_MERGE_*), folded by
 * modify_prot_start_ptes(), respected on some path of a flags value
 * built with |= (copy_present_ptes()), or made uniform on every path.
 */
#include "../../include/kernel.h"

pte_t pte_modify(pte_t pte, unsigned long newprot);
bool vma_soft_dirty_enabled(struct vm_area_struct *vma);

void copy_batch(struct vm_area_struct *dst_vma,
		struct vm_area_struct *src_vma, struct folio *folio,
		pte_t *dst_pte, pte_t *src_pte, unsigned long addr, int max_nr)
{
	fpb_t flags = FPB_MERGE_WRITE;
	pte_t pte = ptep_get(src_pte);
	int nr;

	if (!(src_vma->vm_flags & 1))
		flags |= FPB_RESPECT_DIRTY;
	if (vma_soft_dirty_enabled(src_vma))
		flags |= FPB_RESPECT_SOFT_DIRTY;
	nr = folio_pte_batch_flags(folio, src_vma, src_pte, &pte, max_nr,
				   flags);
	if (src_vma->vm_flags & 1)
		pte = pte_mkclean(pte);
	pte = pte_mkold(pte);
	set_ptes(dst_vma->vm_mm, addr, dst_pte, pte, nr);
}

void change_ptes(struct vm_area_struct *vma, struct folio *folio,
		pte_t *pte, unsigned long addr, unsigned long end,
		unsigned long newprot)
{
	const fpb_t flags = FPB_RESPECT_SOFT_DIRTY | FPB_RESPECT_WRITE;
	pte_t oldpte = ptep_get(pte), ptent;
	int nr_ptes;

	nr_ptes = folio_pte_batch_flags(folio, NULL, pte, &oldpte,
					(end - addr) >> PAGE_SHIFT, flags);
	oldpte = modify_prot_start_ptes(vma, addr, pte, nr_ptes);
	ptent = pte_modify(oldpte, newprot);
	modify_prot_commit_ptes(vma, addr, pte, oldpte, ptent, nr_ptes);
}

void young_dirty(struct vm_area_struct *vma, struct folio *folio,
		pte_t *ptep, unsigned long addr, unsigned long end)
{
	pte_t ptent = ptep_get(ptep);
	int nr;

	nr = folio_pte_batch_flags(folio, vma, ptep, &ptent,
				   (end - addr) >> PAGE_SHIFT,
				   FPB_MERGE_WRITE | FPB_MERGE_YOUNG_DIRTY |
				   FPB_RESPECT_SOFT_DIRTY);
	set_ptes(vma->vm_mm, addr, ptep, ptent, nr);
}

/*
 * try_to_unmap_one()'s shape: the entry read at the top is written back
 * only on the path that does not batch; on the batching path the value
 * is get_and_clear_ptes()', dirty and accessed folded.
 */
static unsigned int unmap_batch(struct folio *folio, pte_t *ptep, pte_t pte,
		unsigned int max_nr)
{
	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch_flags(folio, NULL, ptep, &pte, max_nr,
				     FPB_RESPECT_WRITE | FPB_RESPECT_SOFT_DIRTY);
}

void unmap_one(struct vm_area_struct *vma, struct folio *folio, pte_t *ptep,
		unsigned long address, unsigned int max_nr)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval = ptep_get(ptep);
	unsigned int nr_pages = 1;

	if (pte_present(pteval)) {
		nr_pages = unmap_batch(folio, ptep, pteval, max_nr);
		pteval = get_and_clear_ptes(mm, address, ptep, nr_pages);
	}
	if (folio_test_anon(folio))
		set_ptes(mm, address, ptep, pteval, nr_pages);
}
