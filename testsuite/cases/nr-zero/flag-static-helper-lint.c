// SPDX-License-Identifier: GPL-2.0-only
/*
 * What lint asks (static-helpers): a static helper of a .c file defined
 * with the --nr-then-test loop and no zero guard (seed 003's shape) is
 * reported at its loop's test, though every call in the file passes a
 * batch: a patch that adds it adds new code.  Builds check its calls
 * only (flag-new-helper.c, clean-guarded-helper.c).
 */
// flags: -fplugin-arg-ptebatch_plugin-static-helpers
#include "../../include/kernel.h"

void clear_exclusive(struct page *page);

static void clear_pages_exclusive(struct page *page, unsigned int nr)
{
	for (;;) {
		clear_exclusive(page);
		if (--nr == 0) /* expect[plugin]: nr-zero */
			break;
		page++;
	}
}

static void clear_pages_guarded(struct page *page, unsigned int nr)
{
	if (!nr)
		return;
	for (;;) {
		clear_exclusive(page);
		if (--nr == 0)
			break;
		page++;
	}
}

void share_batch(struct folio *folio, pte_t *ptep, pte_t pte,
		 unsigned int max_nr)
{
	unsigned int nr = folio_pte_batch(folio, ptep, pte, max_nr);

	clear_pages_exclusive(&folio->page, nr);
	clear_pages_guarded(&folio->page, nr);
}
