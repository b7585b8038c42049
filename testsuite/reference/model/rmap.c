// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptebatch model: per-page mapcounts, anon-exclusive sharing, the
 * page_vma_mapped_walk() iterator and rmap_walk().
 */
#include "../include/model.h"
#include "../include/rmap.h"

int folio_mapcount(const struct folio *folio)
{
	long i, n = folio_nr_pages(folio);
	int mapcount = folio->entire_mapcount;

	for (i = 0; i < n; i++)
		mapcount += folio->pages[i].mapcount;
	return mapcount;
}

/* Is [page, page + nr) inside @folio?  Reports and clamps if not. */
static int folio_check_range(struct folio *folio, struct page *page, int nr,
			     const char *who)
{
	long idx = page - folio->pages, n = folio_nr_pages(folio);

	if (page_folio(page) != folio || idx < 0 || idx >= n || nr < 1) {
		model_error("%s: page not in folio or nr %d < 1", who, nr);
		return 0;
	}
	if (idx + nr > n) {
		model_error("%s: pages %ld..%ld run past the folio (%ld pages)",
			    who, idx, idx + nr - 1, n);
		return n - idx;
	}
	return nr;
}

static void folio_add_rmap_ptes(struct folio *folio, struct page *page,
				int nr, const char *who)
{
	int i;

	nr = folio_check_range(folio, page, nr, who);
	for (i = 0; i < nr; i++)
		page[i].mapcount++;
}

void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page,
			      int nr_pages, struct vm_area_struct *vma)
{
	folio_add_rmap_ptes(folio, page, nr_pages, "folio_add_anon_rmap_ptes");
}

void folio_add_file_rmap_ptes(struct folio *folio, struct page *page,
			      int nr_pages, struct vm_area_struct *vma)
{
	folio_add_rmap_ptes(folio, page, nr_pages, "folio_add_file_rmap_ptes");
}

void folio_remove_rmap_ptes(struct folio *folio, struct page *page,
			    int nr_pages, struct vm_area_struct *vma)
{
	long i, mapped = 0, n = folio_nr_pages(folio);
	int nr;

	model.stats.rmap_remove_calls++;
	nr = folio_check_range(folio, page, nr_pages, "folio_remove_rmap_ptes");
	for (i = 0; i < nr; i++) {
		if (page[i].mapcount <= 0) {
			model_error("mapcount underflow on page %ld",
				    (long)(page + i - folio->pages));
			continue;
		}
		page[i].mapcount--;
	}
	for (i = 0; i < n; i++)
		mapped += folio->pages[i].mapcount > 0;
	/*
	 * A large anon folio left partially mapped is queued for deferred
	 * split; unmapping whole folios in one batch avoids that.
	 */
	if (folio_test_anon(folio) && folio_test_large(folio) && mapped &&
	    mapped < n)
		folio_set_partially_mapped(folio);
}

int folio_try_share_anon_rmap_ptes(struct folio *folio, struct page *page,
				   int nr_pages)
{
	int i, nr;

	VM_WARN_ON_FOLIO(!folio_test_anon(folio), folio);
	nr = folio_check_range(folio, page, nr_pages,
			       "folio_try_share_anon_rmap_ptes");
	for (i = 0; i < nr; i++)
		if (!PageAnonExclusive(&page[i]))
			model_error("sharing a page that is not anon-exclusive");
	/* GUP may pin it at any time; pinned pages must stay exclusive. */
	if (folio_maybe_dma_pinned(folio))
		return -EBUSY;
	for (i = 0; i < nr; i++)
		ClearPageAnonExclusive(&page[i]);
	return 0;
}

void hugetlb_remove_rmap(struct folio *folio)
{
	if (!folio->entire_mapcount)
		model_error("hugetlb mapcount underflow");
	else
		folio->entire_mapcount--;
}

static unsigned long vma_address_end(struct page_vma_mapped_walk *pvmw)
{
	struct vm_area_struct *vma = pvmw->vma;
	unsigned long end;

	if (pvmw->pgoff + pvmw->nr_pages <= vma->vm_pgoff)
		return vma->vm_start;
	end = vma->vm_start +
	      ((pvmw->pgoff + pvmw->nr_pages - vma->vm_pgoff) << PAGE_SHIFT);
	return min(end, vma->vm_end);
}

static bool check_pte(struct page_vma_mapped_walk *pvmw)
{
	pte_t pte = ptep_get(pvmw->pte);
	unsigned long pfn;

	if (pte_present(pte)) {
		pfn = pte_pfn(pte);
	} else if (is_swap_pte(pte) &&
		   is_device_exclusive_entry(pte_to_swp_entry(pte))) {
		pfn = swp_offset(pte_to_swp_entry(pte));
	} else {
		return false;
	}
	return pfn >= pvmw->pfn && pfn - pvmw->pfn < pvmw->nr_pages;
}

bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = pvmw->vma->vm_mm;
	unsigned long end = vma_address_end(pvmw);

	if (pvmw->pte)
		goto next_pte;
	while (pvmw->address < end) {
		pvmw->pte = pte_offset_map(mm, pvmw->address);
		if (!pvmw->pte) {
			pvmw->address = pmd_addr_end(pvmw->address, end);
			continue;
		}
		for (;;) {
			if (check_pte(pvmw))
				return true;
next_pte:
			pvmw->address += PAGE_SIZE;
			if (pvmw->address >= end)
				break;
			/* Crossed into the next PTE table? */
			if (!(pvmw->address & (PMD_SIZE - PAGE_SIZE)))
				break;
			pvmw->pte++;
		}
	}
	pvmw->pte = NULL;
	return false;
}

bool rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct mm_struct *mm = model.mm;
	unsigned long first, last, addr;
	struct vm_area_struct *vma;
	int i;

	for (i = 0; i < mm->nr_vmas; i++) {
		vma = mm->vmas[i];
		if (vma->mapping != folio->mapping)
			continue;
		first = max(folio->index, vma->vm_pgoff);
		last = min(folio->index + folio_nr_pages(folio),
			   vma->vm_pgoff +
			   ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));
		if (first >= last)
			continue;
		addr = vma->vm_start + ((first - vma->vm_pgoff) << PAGE_SHIFT);
		if (!rwc->rmap_one(folio, vma, addr, rwc->arg))
			return false;
		if (rwc->done && rwc->done(folio))
			break;
	}
	return true;
}
