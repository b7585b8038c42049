// SPDX-License-Identifier: GPL-2.0-only
/*
 * Walks over physical addresses and pfns before DAMON's "respect folio
 * end" fixes: the folio is looked up from the walk's own value, which can
 * lie inside a large folio, and the walk then steps by the whole folio's
 * size: it overshoots the folio's end and skips what it never looked at.
 */
#include "../../include/kernel.h"

typedef unsigned long long phys_addr_t;
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

struct folio *damon_get_folio(unsigned long pfn);
struct page *pfn_to_online_page(unsigned long pfn);
struct folio *page_folio(struct page *page);
bool folio_filtered(struct folio *folio);

unsigned long damon_pa_stat(phys_addr_t start, phys_addr_t end,
			    unsigned long *passed)
{
	phys_addr_t addr = start;
	struct folio *folio;

	while (addr < end) {
		folio = damon_get_folio(PHYS_PFN(addr));
		if (!folio) {
			addr += PAGE_SIZE;
			continue;
		}
		if (!folio_filtered(folio))
			*passed += folio_size(folio);
		addr += folio_size(folio);	// expect: walk-stride
		folio_put(folio);
	}
	return 0;
}

/* a pfn walk through the page: page_folio() of any page of the folio */
unsigned long count_pfns(unsigned long pfn, unsigned long end_pfn)
{
	unsigned long n = 0;

	for (; pfn < end_pfn;) {
		struct page *page = pfn_to_online_page(pfn);
		struct folio *folio;

		if (!page) {
			pfn++;
			continue;
		}
		folio = page_folio(page);
		n++;
		pfn += 1UL << folio_order(folio);	// expect[plugin]: walk-stride
	}
	return n;
}
