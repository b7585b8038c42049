// SPDX-License-Identifier: GPL-2.0-only
/*
 * The accepted physical-address and pfn walks: stepping from the folio's
 * own start (DAMON's fix), by the folio's remainder from the pfn, a
 * counter of pages that is not the walk, and a walk over folios that are
 * not looked up from the walk's value (the next folio of a list).
 */
#include "../../include/kernel.h"

typedef unsigned long long phys_addr_t;
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)

struct folio *damon_get_folio(unsigned long pfn);
struct folio *folio_next(struct folio *folio);
struct folio *pfn_folio(unsigned long pfn);
unsigned long folio_pfn_index(struct folio *folio, unsigned long pfn);

unsigned long damon_pa_pageout(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t addr = start;
	unsigned long applied = 0;
	struct folio *folio;

	while (addr < end) {
		folio = damon_get_folio(PHYS_PFN(addr));
		if (!folio) {
			addr += PAGE_SIZE;
			continue;
		}
		applied += folio_nr_pages(folio);
		addr = PFN_PHYS(folio_pfn(folio)) + folio_size(folio);
		folio_put(folio);
	}
	return applied;
}

unsigned long pfn_walk_rest(unsigned long pfn, unsigned long end_pfn)
{
	unsigned long n = 0;

	while (pfn < end_pfn) {
		struct folio *folio = pfn_folio(pfn);

		n++;
		pfn += folio_nr_pages(folio) - (pfn - folio_pfn(folio));
	}
	return n;
}

unsigned long walk_folios(struct folio *folio, unsigned long nr)
{
	unsigned long i = 0;

	for (;;) {
		folio_mark_accessed(folio);
		i += folio_nr_pages(folio);
		if (i >= nr)
			break;
		folio = folio_next(folio);
	}
	return i;
}
