// SPDX-License-Identifier: GPL-2.0-only
/*
 * "mm/rmap: introduce folio_try_share_anon_rmap_ptes" (seed 003), v1: a
 * new batched helper in a header with set_ptes()' loop and no zero guard.
 * Its callers elsewhere may pass 0: "you really require nr to != 0 here
 * or otherwise you're going to be clearing 4 billion pages".
 */
#include "../../include/kernel.h"

void ClearPageAnonExclusive(struct page *page);

void ClearPagesAnonExclusive(struct page *page, unsigned int nr)
{
	for (;;) {
		ClearPageAnonExclusive(page);
		if (--nr == 0) /* expect: nr-zero */
			break;
		++page;
	}
}

/* the first entry outside the loop, then while (--nr): the same shape */
void clear_pages_first(struct page *page, unsigned int nr_pages)
{
	ClearPageAnonExclusive(page);
	while (--nr_pages) /* expect: nr-zero */
		ClearPageAnonExclusive(++page);
}

/* a do-while counts the same way */
void clear_pages_do(struct page *page, unsigned long nr)
{
	do {
		ClearPageAnonExclusive(page++);
	} while (--nr); /* expect: nr-zero */
}

/* VM_WARN_ON_ONCE() alone warns and goes on into the loop */
void clear_pages_warned(struct page *page, unsigned int nr)
{
	VM_WARN_ON_ONCE(!nr);
	for (;;) {
		ClearPageAnonExclusive(page);
		if (--nr == 0) /* expect: nr-zero */
			break;
		++page;
	}
}
