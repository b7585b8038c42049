// SPDX-License-Identifier: GPL-2.0-only
/*
 * What makes a countdown loop a batched helper's: a parameter that points
 * to a page-table entry, a page or a swap cluster (set_ptes()' pte_t *, a
 * struct folio *, a struct swap_cluster_info *),
 * or a count named for pages or entries (the generic clear_pages(void
 * *addr, unsigned int npages), itself a table line now).  Unguarded, each is reported; a static one of
 * this file is reported at a call that may pass 0.
 */
#include "../../include/kernel.h"

void set_pte(pte_t *ptep, pte_t pte);
void clear_page(void *page);
void folio_mark_one(struct folio *folio, unsigned long idx);

/* the count's name says nothing; the pte_t * (on the header's second
 * line) does */
void install_markers(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, pte_t marker, unsigned int count)
{
	for (;;) {
		set_pte(ptep, marker);
		if (--count == 0) /* expect: nr-zero */
			break;
		ptep++;
	}
}

/* clear_pages()' shape: no page-table or page parameter, a count of pages */
void zero_page_range(void *addr, unsigned int npages)
{
	do {
		clear_page(addr);
		addr += PAGE_SIZE;
	} while (--npages); /* expect: nr-zero */
}

void folio_mark_range(struct folio *folio, unsigned long first,
		unsigned long n)
{
	do {
		folio_mark_one(folio, first++);
	} while (--n); /* expect: nr-zero */
}

/* 7.x's __swap_cgroup_set(): the entries of a swap cluster's table */
struct swap_cluster_info { unsigned short *memcg_ids; };

void swap_cgroup_set(struct swap_cluster_info *ci, unsigned int ci_off,
		unsigned long nr, unsigned short id)
{
	do {
		ci->memcg_ids[ci_off++] = id;
	} while (--nr); /* expect: nr-zero */
}

/* a static helper of this file: checked at its calls (the plugin) */
static void set_run(pte_t *ptep, pte_t pte, unsigned int nr)
{
	for (;;) {
		set_pte(ptep, pte);
		if (--nr == 0)
			break;
		ptep++;
	}
}

void set_none_run(pte_t *ptep, pte_t pte, unsigned int max_nr)
{
	unsigned int nr = 0;

	while (nr < max_nr && pte_none(ptep_get(ptep + nr)))
		nr++;
	set_run(ptep, pte, nr); /* expect[plugin]: nr-zero */
}
