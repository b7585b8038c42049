// SPDX-License-Identifier: GPL-2.0-only
/*
 * Without strict, end - addr of a non-static function's parameters is an
 * origin that can be 0 (the spec's --strict origin): handed to a static
 * helper of the file that tests its count at the bottom, it is reported at
 * the call with strict only (flag-strict-distance.c): clean here.
 */

#include "../../include/kernel.h"

void set_page_flag(struct page *page);

static void mark_pages(struct page *page, unsigned int nr)
{
	for (;;) {
		set_page_flag(page);
		if (--nr == 0)
			break;
		page++;
	}
}

void mark_range(struct page *page, unsigned long addr, unsigned long end)
{
	unsigned int nr = (end - addr) >> PAGE_SHIFT;

	mark_pages(page, nr);
}

void mark_tested(struct page *page, unsigned long addr, unsigned long end)
{
	unsigned int nr = (end - addr) >> PAGE_SHIFT;

	if (addr < end)
		mark_pages(page, nr);
}
