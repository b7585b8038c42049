// SPDX-License-Identifier: GPL-2.0-only
/*
 * The end a page-table walk is given is its callers' choice, but only as
 * far as the engine cannot see it: a walk started with the folio's end is
 * reported at the batch source of its PTE level, and so are an end that is
 * clamped to the table but comes from a field rather than from the walk's
 * end parameter, and a field passed to a static helper that is no walk.
 */
#include "../../include/kernel.h"

#define PUD_SIZE	(1UL << 30)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define pud_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

struct scan_ctl {
	unsigned long start, end;
};

/* A two-level walk whose top level is started with the folio's end. */
static unsigned long young_ptes(struct folio *folio, pte_t *pte,
				unsigned long addr, unsigned long end)
{
	unsigned int nr;

	do {
		nr = folio_pte_batch(folio, pte, ptep_get(pte), /* expect[plugin]: batch-bounds */
				     (end - addr) >> PAGE_SHIFT);
	} while (pte += nr, addr += nr * PAGE_SIZE, addr != end);
	return addr;
}

static unsigned long young_pmds(struct folio *folio, pte_t *pte,
				unsigned long addr, unsigned long end)
{
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		addr = young_ptes(folio, pte, addr, next);
	} while (addr != end);
	return addr;
}

static void young_walk(struct folio *folio, pte_t *pte, unsigned long addr,
		       unsigned long end)
{
	unsigned long next;

	do {
		next = pud_addr_end(addr, end);
		next = young_pmds(folio, pte, addr, next);
	} while (addr = next, addr != end);
}

void folio_young(struct folio *folio, struct vm_area_struct *vma,
		 pte_t *pte, unsigned long addr)
{
	young_walk(folio, pte, addr, addr + folio_nr_pages(folio) * PAGE_SIZE);
}

void vma_young(struct folio *folio, struct vm_area_struct *vma, pte_t *pte)
{
	young_walk(folio, pte, vma->vm_start, vma->vm_end);
}

/* The table end is taken with a field, not with the walk's end. */
static unsigned int scan_ptes(struct folio *folio, pte_t *pte,
			      unsigned long addr, unsigned long end)
{
	return folio_pte_batch(folio, pte, ptep_get(pte), /* expect[plugin]: batch-bounds */
			       (end - addr) / PAGE_SIZE);
}

static unsigned int scan_pmds(struct folio *folio, pte_t *pte,
			      struct scan_ctl *ctl, unsigned long addr,
			      unsigned long end)
{
	unsigned long next = pmd_addr_end(addr, ctl->end);

	return scan_ptes(folio, pte, addr, next);
}

unsigned int scan(struct folio *folio, pte_t *pte, struct scan_ctl *ctl,
		  unsigned long addr, unsigned long end)
{
	return scan_pmds(folio, pte, ctl, addr, pud_addr_end(addr, end));
}

/* A helper that walks nothing: a field as its end is no walk's end. */
static unsigned int batch_to(struct folio *folio, pte_t *pte,
			     unsigned long addr, unsigned long end)
{
	return folio_pte_batch(folio, pte, ptep_get(pte), /* expect[plugin]: batch-bounds */
			       (end - addr) >> PAGE_SHIFT);
}

unsigned int batch_ctl(struct folio *folio, pte_t *pte, struct scan_ctl *ctl)
{
	return batch_to(folio, pte, ctl->start, ctl->end);
}
