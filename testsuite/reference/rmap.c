// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reference batched unmap path for ptebatch.
 *
 * This is the try_to_unmap() shape the checker holds up as correct,
 * written against the userspace model in include/ (kernel API names and
 * argument orders).  What it shows:
 *
 * - folio_unmap_pte_batch() returns 1 or a folio_pte_batch*() count, and
 *   bounds the scan by both the PTE table and the VMA.  It falls back to
 *   one PTE where batching is not safe: hwpoison, uffd-wp VMAs (markers
 *   are installed per PTE) and PROT_NONE entries (the deferred flush is
 *   decided from the first PTE alone).
 * - try_to_unmap_one() resets its count at the top of every iteration,
 *   clears, flushes and accounts exactly the nr PTEs of the batch, and
 *   relies on page_vma_mapped_walk() skipping the PTEs it already
 *   cleared, so any nr in 1..folio_nr_pages() works.
 * - lazyfree anon, file-backed and swap-backed anon folios are batched;
 *   swap-backed batches share the anon-exclusive pages of the whole
 *   batch with one folio_try_share_anon_rmap_ptes() call.
 * - hugetlb never reaches the PTE batching: it has its own small
 *   rmap_one callback.
 * - Assertions are VM_WARN_ON*(), never VM_BUG_ON*().
 */
#include "include/internal.h"
#include "include/rmap.h"
#include "include/swap.h"
#include "include/tlbflush.h"
#include "include/hugetlb.h"

/*
 * Number of pages from @page with the same anon-exclusive state, at most
 * @max_nr: swap PTEs record exclusivity per page and one sharing call
 * must see a uniform batch.
 */
static unsigned int anon_exclusive_run(struct folio *folio,
				       struct page *page, unsigned int max_nr)
{
	unsigned long left = folio_nr_pages(folio) -
			     folio_page_idx(folio, page);
	bool exclusive = PageAnonExclusive(page);
	unsigned int nr;

	for (nr = 1; nr < max_nr && nr < left; nr++)
		if (PageAnonExclusive(page + nr) != exclusive)
			break;
	return nr;
}

static unsigned int folio_unmap_pte_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags,
		pte_t pte)
{
	struct vm_area_struct *vma = pvmw->vma;
	unsigned long end_addr, addr = pvmw->address;
	struct page *page;
	unsigned int max_nr;

	if (flags & TTU_HWPOISON)
		return 1;
	if (!folio_test_large(folio))
		return 1;
	/* uffd-wp markers are installed one PTE at a time. */
	if (userfaultfd_wp(vma))
		return 1;
	/* The deferred flush is decided from the first PTE only. */
	if (pte_protnone(pte))
		return 1;

	/* We may only batch within a single VMA and a single page table. */
	end_addr = pmd_addr_end(addr, vma->vm_end);
	max_nr = (end_addr - addr) >> PAGE_SHIFT;

	if (!folio_test_anon(folio) || !folio_test_swapbacked(folio))
		return folio_pte_batch(folio, pvmw->pte, pte, max_nr);

	/* Swap PTEs keep soft-dirty and exclusivity: both must be uniform. */
	page = folio_page(folio, pte_pfn(pte) - folio_pfn(folio));
	max_nr = min(max_nr, anon_exclusive_run(folio, page, max_nr));
	return folio_pte_batch_flags(folio, vma, pvmw->pte, &pte, max_nr,
				     FPB_RESPECT_SOFT_DIRTY);
}

/* The folio page an entry found by page_vma_mapped_walk() maps. */
static struct page *unmap_pte_page(struct folio *folio, pte_t pteval)
{
	unsigned long pfn;

	if (pte_present(pteval))
		pfn = pte_pfn(pteval);
	else
		pfn = swp_offset(pte_to_swp_entry(pteval));
	return folio_page(folio, pfn - folio_pfn(folio));
}

/* Replace the PTE of a poisoned page with a hwpoison entry. */
static void unmap_hwpoison_pte(struct folio *folio,
			       struct page_vma_mapped_walk *pvmw,
			       struct page *page)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address = pvmw->address;
	pte_t pteval;

	flush_cache_page(vma, address, page_to_pfn(page));
	pteval = ptep_clear_flush(vma, address, pvmw->pte);
	if (pte_dirty(pteval))
		folio_mark_dirty(folio);
	dec_mm_counter(mm, mm_counter(folio));
	set_pte_at(mm, address, pvmw->pte,
		   swp_entry_to_pte(make_hwpoison_entry(page)));
}

/*
 * A lazyfree folio may only be dropped while it is clean and nobody but
 * its mappings and the caller holds a reference; otherwise the cleared
 * PTEs go back and the walk stops.
 */
static bool discard_lazyfree_ptes(struct folio *folio,
				  struct page_vma_mapped_walk *pvmw,
				  pte_t pteval, unsigned long nr)
{
	struct vm_area_struct *vma = pvmw->vma;
	struct mm_struct *mm = vma->vm_mm;
	int ref_count = folio_ref_count(folio);
	int map_count = folio_mapcount(folio);

	if (folio_test_dirty(folio) && !(vma->vm_flags & VM_DROPPABLE)) {
		/* Redirtied since MADV_FREE: it has to be swapped after all. */
		set_ptes(mm, pvmw->address, pvmw->pte, pteval, nr);
		folio_set_swapbacked(folio);
		return false;
	}
	if (ref_count != 1 + map_count) {
		set_ptes(mm, pvmw->address, pvmw->pte, pteval, nr);
		return false;
	}
	add_mm_counter(mm, MM_ANONPAGES, -nr);
	return true;
}

static pte_t make_swap_pte(swp_entry_t entry, pte_t pteval,
			   bool anon_exclusive)
{
	pte_t swp_pte = swp_entry_to_pte(entry);
	bool present = pte_present(pteval);

	if (anon_exclusive)
		swp_pte = pte_swp_mkexclusive(swp_pte);
	if (present ? pte_soft_dirty(pteval) : pte_swp_soft_dirty(pteval))
		swp_pte = pte_swp_mksoft_dirty(swp_pte);
	if (present ? pte_uffd_wp(pteval) : pte_swp_uffd_wp(pteval))
		swp_pte = pte_swp_mkuffd_wp(swp_pte);
	return swp_pte;
}

/*
 * Point the nr cleared PTEs at the folio's swap slots.  The batch is
 * uniform in soft-dirty, uffd-wp and exclusivity, so each swap PTE gets
 * the bits of the first one.
 */
static bool unmap_swapbacked_ptes(struct folio *folio,
				  struct page_vma_mapped_walk *pvmw,
				  struct page *page, pte_t pteval,
				  bool anon_exclusive, unsigned long nr)
{
	struct mm_struct *mm = pvmw->vma->vm_mm;
	swp_entry_t entry = page_swap_entry(page);
	pte_t swp_pte;
	unsigned long i;

	if (!folio_test_swapcache(folio)) {
		VM_WARN_ON_ONCE_FOLIO(1, folio);
		goto restore;
	}
	if (swap_duplicate_nr(entry, nr) < 0)
		goto restore;
	/* See folio_try_share_anon_rmap_ptes(): the PTEs are cleared. */
	if (anon_exclusive && folio_try_share_anon_rmap_ptes(folio, page, nr)) {
		swap_free_nr(entry, nr);
		goto restore;
	}
	add_mm_counter(mm, MM_ANONPAGES, -nr);
	add_mm_counter(mm, MM_SWAPENTS, nr);
	swp_pte = make_swap_pte(entry, pteval, anon_exclusive);
	for (i = 0; i < nr; i++) {
		set_pte_at(mm, pvmw->address + i * PAGE_SIZE, pvmw->pte + i,
			   swp_pte);
		swp_pte = pte_next_swp_offset(swp_pte);
	}
	return true;
restore:
	set_ptes(mm, pvmw->address, pvmw->pte, pteval, nr);
	return false;
}

static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	enum ttu_flags flags = (enum ttu_flags)(long)arg;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long nr, end_addr;
	struct page *subpage;
	bool anon_exclusive;
	pte_t pteval;

	while (page_vma_mapped_walk(&pvmw)) {
		/* Paths that do not batch below handle exactly one PTE. */
		nr = 1;
		address = pvmw.address;
		pteval = ptep_get(pvmw.pte);
		subpage = unmap_pte_page(folio, pteval);
		anon_exclusive = folio_test_anon(folio) &&
				 PageAnonExclusive(subpage);

		if (PageHWPoison(subpage) && (flags & TTU_HWPOISON)) {
			unmap_hwpoison_pte(folio, &pvmw, subpage);
			goto discard;
		}
		if (likely(pte_present(pteval))) {
			nr = folio_unmap_pte_batch(folio, &pvmw, flags, pteval);
			end_addr = address + nr * PAGE_SIZE;
			flush_cache_range(vma, address, end_addr);
			pteval = get_and_clear_full_ptes(mm, address, pvmw.pte,
							 nr, 0);
			if (should_defer_flush(mm, flags))
				set_tlb_ubc_flush_pending(mm, pteval, address,
							  end_addr);
			else
				flush_tlb_range(vma, address, end_addr);
			/* Dirty bits of the whole batch are in pteval. */
			if (pte_dirty(pteval))
				folio_mark_dirty(folio);
		} else {
			/* Device-exclusive: nothing in the TLB or cache. */
			pte_clear(mm, address, pvmw.pte);
		}

		if (!folio_test_anon(folio)) {
			pte_install_uffd_wp_if_needed(vma, address, pvmw.pte,
						      pteval);
			add_mm_counter(mm, mm_counter_file(folio), -nr);
		} else if (!folio_test_swapbacked(folio)) {
			if (!discard_lazyfree_ptes(folio, &pvmw, pteval, nr))
				goto walk_abort;
		} else if (!unmap_swapbacked_ptes(folio, &pvmw, subpage, pteval,
						  anon_exclusive, nr)) {
			goto walk_abort;
		}
discard:
		folio_remove_rmap_ptes(folio, subpage, nr, vma);
		folio_put_refs(folio, nr);
		/* One batch took the whole folio: nothing left to find. */
		if ((long)nr == folio_nr_pages(folio))
			break;
	}
	page_vma_mapped_walk_done(&pvmw);
	return true;

walk_abort:
	page_vma_mapped_walk_done(&pvmw);
	return false;
}

/*
 * hugetlb folios reach try_to_unmap() only when poisoned, are mapped at
 * most once per VMA by one huge entry, and never take the PTE batching.
 */
static bool try_to_unmap_hugetlb_one(struct folio *folio,
				     struct vm_area_struct *vma,
				     unsigned long address, void *arg)
{
	enum ttu_flags flags = (enum ttu_flags)(long)arg;
	unsigned long sz = huge_page_size_vma(vma);
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep, pteval;

	VM_WARN_ON_ONCE(!(flags & TTU_HWPOISON));
	VM_WARN_ON_ONCE_FOLIO(!folio_test_hwpoison(folio), folio);

	ptep = huge_pte_offset(mm, address, sz);
	if (!ptep)
		return true;
	pteval = huge_ptep_get(mm, address, ptep);
	if (!pte_present(pteval))
		return true;
	VM_WARN_ON_ONCE(pte_pfn(pteval) != folio_pfn(folio));

	flush_cache_range(vma, address, address + sz);
	pteval = huge_ptep_clear_flush(vma, address, ptep);
	if (huge_pte_dirty(pteval))
		folio_mark_dirty(folio);
	set_huge_pte_at(mm, address, ptep,
			swp_entry_to_pte(make_hwpoison_entry(folio_page(folio, 0))),
			sz);
	hugetlb_count_sub(folio_nr_pages(folio), mm);
	hugetlb_remove_rmap(folio);
	folio_put(folio);
	return true;
}

static bool folio_not_mapped(struct folio *folio)
{
	return !folio_mapped(folio);
}

/*
 * Unmap @folio from every VMA that maps it.  Returns false when a
 * mapping could not be removed (the model's rmap_walk() reports it; the
 * kernel's callers look at folio_mapped() instead).
 */
bool try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = (void *)(long)flags,
		.done = folio_not_mapped,
	};

	if (folio_test_hugetlb(folio))
		rwc.rmap_one = try_to_unmap_hugetlb_one;
	return rmap_walk(folio, &rwc);
}
