// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's zap walk as a defconfig build sees it: the swap entries' max_nr
 * is the distance to the end that pmd_addr_end(addr, end) handed the PTE
 * level, less the none entries skipped.  The walk's top level is static;
 * its range_in_vma() assertion is a VM_WARN_ON_ONCE(), gone without
 * DEBUG_VM, and two of its callers pass ends the engine cannot follow (a
 * field an external callee fills in, a local whose address goes to one).
 * The walk's end is its callers' choice, as that of a walk that is not
 * static: no finding with or without DEBUG_VM.
 */
#include "../../include/kernel.h"

#define PUD_SIZE	(1UL << 30)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define pud_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
/* x86's 5-level paging: the top level's size is known at run time */
extern unsigned int pgdir_shift;
#define PGDIR_SIZE	(1UL << pgdir_shift)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))
#define pgd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

void range_setup(struct mmu_notifier_range *range, unsigned long start,
		 unsigned long end);
void huge_range_widen(struct vm_area_struct *vma, unsigned long *start,
		      unsigned long *end);
bool pmd_empty(pte_t *pte);

static inline void range_widen(struct vm_area_struct *vma,
			       unsigned long *start, unsigned long *end)
{
	if (vma->vm_flags & VM_UFFD_WP)
		huge_range_widen(vma, start, end);
}

static int zap_swap_entries(pte_t *pte, unsigned int max_nr, pte_t ptent)
{
	if (pte_present(ptent))
		return 1;
	return swap_pte_batch(pte, max_nr, ptent);
}

static int zap_one(pte_t *pte, unsigned long addr, unsigned long end)
{
	unsigned int max_nr = (end - addr) / PAGE_SIZE;
	unsigned int skipped = 0;
	pte_t ptent = ptep_get(pte);

	if (pte_none(ptent)) {
		for (skipped = 1; skipped < max_nr; skipped++)
			if (!pte_none(ptep_get(pte + skipped)))
				break;
		max_nr -= skipped;
		if (!max_nr)
			return skipped;
		pte += skipped;
		ptent = ptep_get(pte);
	}
	return skipped + zap_swap_entries(pte, max_nr, ptent);
}

static unsigned long zap_ptes(pte_t *pte, unsigned long addr,
			      unsigned long end)
{
	int nr;

	do {
		nr = zap_one(pte, addr, end);
	} while (pte += nr, addr += PAGE_SIZE * nr, addr != end);
	return addr;
}

static inline unsigned long zap_pmds(pte_t *pte, unsigned long addr,
				     unsigned long end)
{
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_empty(pte)) {
			addr = next;
			continue;
		}
		addr = zap_ptes(pte, addr, next);
		if (addr != next)
			pte--;
	} while (pte++, addr != end);
	return addr;
}

static inline unsigned long zap_puds(pte_t *pte, unsigned long addr,
				     unsigned long end)
{
	unsigned long next;

	do {
		next = pud_addr_end(addr, end);
		next = zap_pmds(pte, addr, next);
	} while (addr = next, addr != end);
	return addr;
}

static void zap_vma_part(struct vm_area_struct *vma, pte_t *pte,
			 unsigned long start, unsigned long end)
{
	unsigned long next, addr = start;

	VM_WARN_ON_ONCE(start >= end || !range_in_vma(vma, start, end));
	do {
		next = pgd_addr_end(addr, end);
		next = zap_puds(pte, addr, next);
	} while (addr = next, addr != end);
}

int zap_for_reaping(struct vm_area_struct *vma, pte_t *pte)
{
	struct mmu_notifier_range range;

	range_setup(&range, vma->vm_start, vma->vm_end);
	zap_vma_part(vma, pte, range.start, range.end);
	return 0;
}

void zap_vmas(struct vm_area_struct *vma, pte_t *pte, unsigned long from,
	      unsigned long to)
{
	unsigned long start = max(vma->vm_start, from);
	unsigned long end = min(vma->vm_end, to);

	range_widen(vma, &start, &end);
	zap_vma_part(vma, pte, start, end);
}

void zap_vma_sized(struct vm_area_struct *vma, pte_t *pte,
		   unsigned long address, unsigned long size)
{
	const unsigned long end = address + size;

	if (!size)
		return;
	zap_vma_part(vma, pte, address, end);
}
