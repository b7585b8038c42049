// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reverse mapping of the ptebatch model: per-page mapcounts, the
 * page_vma_mapped_walk() iterator and rmap_walk().
 */
#ifndef PTEBATCH_MODEL_RMAP_H
#define PTEBATCH_MODEL_RMAP_H

#include "mm.h"

struct page_vma_mapped_walk {
	unsigned long pfn;
	unsigned long nr_pages;
	pgoff_t pgoff;
	struct vm_area_struct *vma;
	unsigned long address;
	pte_t *pte;
	unsigned int flags;
};

#define PVMW_SYNC	BIT(0)

#define DEFINE_FOLIO_VMA_WALK(name, _folio, _vma, _address, _flags)	\
	struct page_vma_mapped_walk name = {				\
		.pfn = folio_pfn(_folio),				\
		.nr_pages = folio_nr_pages(_folio),			\
		.pgoff = folio_pgoff(_folio),				\
		.vma = _vma,						\
		.address = _address,					\
		.flags = _flags,					\
	}

/*
 * Find the next PTE in pvmw->vma that maps a page of the folio (present,
 * PROT_NONE or device-exclusive).  Entries that are none, markers or map
 * something else are skipped, so a batch cleared by the caller is never
 * visited again.
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw);

static inline void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw)
{
	pvmw->pte = NULL;
}

struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long addr, void *arg);
	bool (*done)(struct folio *folio);
};

/* Returns false when an rmap_one() callback asked to stop. */
bool rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);

void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page,
			      int nr_pages, struct vm_area_struct *vma);
void folio_add_file_rmap_ptes(struct folio *folio, struct page *page,
			      int nr_pages, struct vm_area_struct *vma);
void folio_remove_rmap_ptes(struct folio *folio, struct page *page,
			    int nr_pages, struct vm_area_struct *vma);
#define folio_remove_rmap_pte(folio, page, vma) \
	folio_remove_rmap_ptes(folio, page, 1, vma)

int folio_try_share_anon_rmap_ptes(struct folio *folio, struct page *page,
				   int nr_pages);
static inline int folio_try_share_anon_rmap_pte(struct folio *folio,
						struct page *page)
{
	return folio_try_share_anon_rmap_ptes(folio, page, 1);
}

void hugetlb_remove_rmap(struct folio *folio);

/* The unmap path under test: the reference (rmap.c). */
bool try_to_unmap(struct folio *folio, enum ttu_flags flags);

#endif /* PTEBATCH_MODEL_RMAP_H */
