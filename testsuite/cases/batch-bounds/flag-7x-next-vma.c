// SPDX-License-Identifier: GPL-2.0-only
/*
 * get_next_vma()'s shape gone wrong: the PTE walk asks for the next range
 * with the PUD mask (the range can run past the page table), the callee
 * forgets the VMA's end, or it lets the pointer go elsewhere (what ends
 * up in end is then unknown).
 */
#include "../../include/kernel.h"

struct walk_args {
	struct vm_area_struct *vma;
};

extern struct vm_area_struct *next_vma_of(struct walk_args *args,
					  unsigned long start);
extern void keep(unsigned long *end);

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

int wrong_mask(pte_t *pte, unsigned long start, unsigned long end,
	       struct walk_args *args, struct folio *folio)
{
	unsigned long addr;
	unsigned int nr;
	int young = 0;

restart:
	for (addr = start; addr != end; addr += nr * PAGE_SIZE) {
		nr = folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
		young += nr;
		pte += nr;
	}
	if (next_vma(PUD_MASK, PAGE_SIZE, args, &start, &end))
		goto restart;
	return young;
}

static int next_table(unsigned long mask, struct walk_args *args,
		      unsigned long *vm_end)
{
	unsigned long start = *vm_end;

	args->vma = next_vma_of(args, start);
	if (!args->vma)
		return 0;
	*vm_end = (start | ~mask) + 1;
	return 1;
}

int no_vma_end(pte_t *pte, unsigned long start, unsigned long end,
	       struct walk_args *args, struct folio *folio)
{
	unsigned long addr = start;
	unsigned int nr;
	int young = 0;

restart:
	for (; addr != end; addr += nr * PAGE_SIZE) {
		nr = folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
		young += nr;
		pte += nr;
	}
	if (next_table(PMD_MASK, args, &end))
		goto restart;
	return young;
}

static int next_kept(unsigned long mask, struct walk_args *args,
		     unsigned long *vm_end)
{
	unsigned long start = *vm_end;

	args->vma = next_vma_of(args, start);
	if (!args->vma)
		return 0;
	*vm_end = min((start | ~mask), args->vma->vm_end - 1) + 1;
	keep(vm_end);
	return 1;
}

int escapes(pte_t *pte, unsigned long start, unsigned long end,
	    struct walk_args *args, struct folio *folio)
{
	unsigned long addr = start;
	unsigned int nr;
	int young = 0;

restart:
	for (; addr != end; addr += nr * PAGE_SIZE) {
		nr = folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
		young += nr;
		pte += nr;
	}
	if (next_kept(PMD_MASK, args, &end))
		goto restart;
	return young;
}
