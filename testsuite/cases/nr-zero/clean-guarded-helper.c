// SPDX-License-Identifier: GPL-2.0-only
/*
 * The same helpers as they were asked for in review (seed 003): a guard
 * that returns when nr is 0, VM_WARN_ON_ONCE(!nr) followed by a return, or
 * a loop that tests before it decrements (while (nr_pages--)).
 */
#include "../../include/kernel.h"

void ClearPageAnonExclusive(struct page *page);
void set_pte(pte_t *ptep, pte_t pte);
void clear_page(void *page);
struct swap_cluster_info { unsigned short *memcg_ids; };
void swap_cgroup_record_one(struct swap_cluster_info *ci, unsigned int off,
		unsigned short id);

void clear_pages_guarded(struct page *page, unsigned int nr)
{
	if (!nr)
		return;
	for (;;) {
		ClearPageAnonExclusive(page);
		if (--nr == 0)
			break;
		++page;
	}
}

void clear_pages_warn_return(struct page *page, unsigned int nr)
{
	if (WARN_ON_ONCE(!nr))
		return;
	for (;;) {
		ClearPageAnonExclusive(page);
		if (--nr == 0)
			break;
		++page;
	}
}

void clear_pages_warn_then_return(struct page *page, unsigned int nr)
{
	VM_WARN_ON_ONCE(!nr);
	if (nr == 0)
		return;
	do {
		ClearPageAnonExclusive(page++);
	} while (--nr);
}

/* Lorenzo's suggestion: VM_WARN_ON_ONCE(!nr_pages), then a counted loop */
void folio_clear_pages_anon_exclusive(struct folio *folio,
		struct page *first_subpage, unsigned int nr_pages)
{
	struct page *subpage = first_subpage;

	VM_WARN_ON_ONCE(!nr_pages);
	while (nr_pages--)
		ClearPageAnonExclusive(subpage++);
}

/* a counted for loop never runs for 0 */
void clear_pages_counted(struct page *page, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		ClearPageAnonExclusive(page + i);
}

/* arm64's back-end of set_ptes(): in the table too */
void __set_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte, unsigned int nr)
{
	for (;;) {
		set_pte(ptep, pte);
		if (--nr == 0)
			break;
		ptep++;
	}
}

/*
 * 7.x's generic clear_pages() and the swap table's __swap_cgroup_set(): a
 * count >= 1 by contract, NR_NONZERO lines without a RULE
 */
void clear_pages(void *addr, unsigned int npages)
{
	do {
		clear_page(addr);
		addr += PAGE_SIZE;
	} while (--npages);
}

void __swap_cgroup_set(struct swap_cluster_info *ci, unsigned int ci_off,
		unsigned long nr, unsigned short id)
{
	do {
		swap_cgroup_record_one(ci, ci_off++, id);
	} while (--nr);
}

/* set_ptes() itself: in the table, its callers are checked instead */
void set_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte, unsigned int nr)
{
	for (;;) {
		set_pte(ptep, pte);
		if (--nr == 0)
			break;
		ptep++;
		pte.pte += 1UL << PAGE_SHIFT;
	}
}
