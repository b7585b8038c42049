// SPDX-License-Identifier: GPL-2.0-only
/*
 * MGLRU's walk_pte_range() in 7.x: after the walk of one VMA's part of a
 * page table it asks get_next_vma() for the next VMA in the same table,
 * which stores the new range through its pointer parameters, the end
 * clamped to the table (mask is PMD_MASK at this call) and to the VMA.
 * The walk's end is the callback's parameter or what the callee stored.
 */
#include "../../include/kernel.h"

struct walk_args {
	struct vm_area_struct *vma;
};

extern struct vm_area_struct *next_vma_of(struct walk_args *args,
					  unsigned long start);

static int next_vma(unsigned long mask, unsigned long size,
		    struct walk_args *args, unsigned long *vm_start,
		    unsigned long *vm_end)
{
	unsigned long start = (*vm_end + size - 1) & ~(size - 1);
	unsigned long end = (start | ~mask) + 1;

	args->vma = next_vma_of(args, start);
	if (!args->vma || (end && end <= args->vma->vm_start))
		return 0;
	*vm_start = max(start, args->vma->vm_start);
	*vm_end = min(end - 1, args->vma->vm_end - 1) + 1;
	return 1;
}

int walk_ptes(pte_t *pte, unsigned long start, unsigned long end,
	      struct walk_args *args, struct folio *folio)
{
	unsigned long addr;
	unsigned int nr;
	int young = 0;

restart:
	for (addr = start; addr != end; addr += nr * PAGE_SIZE) {
		const unsigned int max_nr = (end - addr) >> PAGE_SHIFT;

		nr = folio_pte_batch(folio, pte, ptep_get(pte), max_nr);
		young += nr;
		pte += nr;
	}
	if (next_vma(PMD_MASK, PAGE_SIZE, args, &start, &end))
		goto restart;
	return young;
}

/* the PUD level of the same walk hands its callee a PUD_MASK: no batch */
int walk_pmds(unsigned long start, unsigned long end, struct walk_args *args)
{
	int n = 0;

	while (next_vma(PUD_MASK, PMD_SIZE, args, &start, &end))
		n++;
	return n;
}
