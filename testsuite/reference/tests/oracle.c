// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PTE-by-PTE unmap: what try_to_unmap_one() did before batching,
 * one PTE, one flush, one counter update and one rmap update at a time.
 */
#include "../include/internal.h"
#include "../include/swap.h"
#include "../include/tlbflush.h"
#include "../include/hugetlb.h"
#include "oracle.h"

static struct page *pte_page_of(struct folio *folio, pte_t pteval)
{
	unsigned long pfn = pte_present(pteval) ? pte_pfn(pteval) :
			    swp_offset(pte_to_swp_entry(pteval));

	return folio_page(folio, pfn - folio_pfn(folio));
}

static pte_t clear_one_pte(struct folio *folio, struct vm_area_struct *vma,
			   unsigned long address, pte_t *ptep,
			   enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval = ptep_get(ptep);

	if (!pte_present(pteval)) {
		pte_clear(mm, address, ptep);
		return pteval;
	}
	flush_cache_page(vma, address, pte_pfn(pteval));
	if (should_defer_flush(mm, flags)) {
		pteval = ptep_get_and_clear(mm, address, ptep);
		set_tlb_ubc_flush_pending(mm, pteval, address,
					  address + PAGE_SIZE);
	} else {
		pteval = ptep_clear_flush(vma, address, ptep);
	}
	if (pte_dirty(pteval))
		folio_mark_dirty(folio);
	return pteval;
}

static bool lazyfree_one(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long address, pte_t *ptep, pte_t pteval)
{
	struct mm_struct *mm = vma->vm_mm;

	if (folio_test_dirty(folio)) {
		set_pte_at(mm, address, ptep, pteval);
		folio_set_swapbacked(folio);
		return false;
	}
	if (folio_ref_count(folio) != 1 + folio_mapcount(folio)) {
		set_pte_at(mm, address, ptep, pteval);
		return false;
	}
	dec_mm_counter(mm, MM_ANONPAGES);
	return true;
}

static bool swapbacked_one(struct folio *folio, struct vm_area_struct *vma,
			   unsigned long address, pte_t *ptep, pte_t pteval,
			   struct page *page)
{
	bool exclusive = PageAnonExclusive(page);
	swp_entry_t entry = page_swap_entry(page);
	struct mm_struct *mm = vma->vm_mm;
	bool present = pte_present(pteval);
	pte_t swp_pte;

	if (!folio_test_swapcache(folio) || swap_duplicate_nr(entry, 1) < 0)
		goto restore;
	if (exclusive && folio_try_share_anon_rmap_pte(folio, page)) {
		swap_free_nr(entry, 1);
		goto restore;
	}
	dec_mm_counter(mm, MM_ANONPAGES);
	inc_mm_counter(mm, MM_SWAPENTS);
	swp_pte = swp_entry_to_pte(entry);
	if (exclusive)
		swp_pte = pte_swp_mkexclusive(swp_pte);
	if (present ? pte_soft_dirty(pteval) : pte_swp_soft_dirty(pteval))
		swp_pte = pte_swp_mksoft_dirty(swp_pte);
	if (present ? pte_uffd_wp(pteval) : pte_swp_uffd_wp(pteval))
		swp_pte = pte_swp_mkuffd_wp(swp_pte);
	set_pte_at(mm, address, ptep, swp_pte);
	return true;
restore:
	set_pte_at(mm, address, ptep, pteval);
	return false;
}

static bool unmap_one_pte(struct folio *folio, struct vm_area_struct *vma,
			  unsigned long address, pte_t *ptep,
			  enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval = ptep_get(ptep);
	struct page *page = pte_page_of(folio, pteval);

	if (PageHWPoison(page) && (flags & TTU_HWPOISON)) {
		flush_cache_page(vma, address, page_to_pfn(page));
		pteval = ptep_clear_flush(vma, address, ptep);
		if (pte_dirty(pteval))
			folio_mark_dirty(folio);
		dec_mm_counter(mm, mm_counter(folio));
		set_pte_at(mm, address, ptep,
			   swp_entry_to_pte(make_hwpoison_entry(page)));
	} else {
		pteval = clear_one_pte(folio, vma, address, ptep, flags);
		if (!folio_test_anon(folio)) {
			pte_install_uffd_wp_if_needed(vma, address, ptep,
						      pteval);
			dec_mm_counter(mm, mm_counter_file(folio));
		} else if (!folio_test_swapbacked(folio)) {
			if (!lazyfree_one(folio, vma, address, ptep, pteval))
				return false;
		} else if (!swapbacked_one(folio, vma, address, ptep, pteval,
					   page)) {
			return false;
		}
	}
	folio_remove_rmap_pte(folio, page, vma);
	folio_put(folio);
	return true;
}

static bool unmap_one_vma(struct folio *folio, struct vm_area_struct *vma,
			  unsigned long address, void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	enum ttu_flags flags = (enum ttu_flags)(long)arg;

	while (page_vma_mapped_walk(&pvmw)) {
		if (!unmap_one_pte(folio, vma, pvmw.address, pvmw.pte,
				   flags)) {
			page_vma_mapped_walk_done(&pvmw);
			return false;
		}
	}
	return true;
}

static bool unmap_hugetlb_vma(struct folio *folio, struct vm_area_struct *vma,
			      unsigned long address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = huge_pte_offset(mm, address, PMD_SIZE);
	pte_t pteval;

	if (!ptep || !pte_present(*ptep))
		return true;
	flush_cache_range(vma, address, address + PMD_SIZE);
	pteval = huge_ptep_clear_flush(vma, address, ptep);
	if (huge_pte_dirty(pteval))
		folio_mark_dirty(folio);
	set_huge_pte_at(mm, address, ptep,
			swp_entry_to_pte(make_hwpoison_entry(folio_page(folio, 0))),
			PMD_SIZE);
	hugetlb_count_sub(folio_nr_pages(folio), mm);
	hugetlb_remove_rmap(folio);
	folio_put(folio);
	return true;
}

static bool not_mapped(struct folio *folio)
{
	return !folio_mapped(folio);
}

bool try_to_unmap_pte_by_pte(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = unmap_one_vma,
		.arg = (void *)(long)flags,
		.done = not_mapped,
	};

	if (folio_test_hugetlb(folio))
		rwc.rmap_one = unmap_hugetlb_vma;
	return rmap_walk(folio, &rwc);
}
