// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page-table entries and PTE tables of the ptebatch model.
 *
 * Layout is x86-like: a PTE table is one 4 KiB page of 512 entries and
 * hangs off a PMD slot, so a table covers PMD_SIZE (2 MiB) of address
 * space.  A present entry holds a pfn and the bits below; PROT_NONE
 * (NUMA hinting) entries clear _PAGE_PRESENT and set _PAGE_PROTNONE and
 * still count as pte_present().  Non-present, non-none entries are swap
 * style entries: a type (swap, hwpoison, marker, device-exclusive) and an
 * offset.  Every batched accessor checks that it stays inside one table:
 * a batch that would run past the table is a model error, which is how
 * an unbounded folio_pte_batch() scan is caught.
 */
#ifndef PTEBATCH_MODEL_PGTABLE_H
#define PTEBATCH_MODEL_PGTABLE_H

#include "types.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PTRS_PER_PTE	512
#define PTRS_PER_PMD	512		/* the model spans 1 GiB */
#define MAX_ORDER_MODEL	9		/* folio orders 0..9 */
#define TASK_SIZE_MODEL	(PTRS_PER_PMD * PMD_SIZE)

typedef struct { u64 pte; } pte_t;

#define __pte(x)	((pte_t) { (x) })
#define pte_val(x)	((x).pte)

#define _PAGE_PRESENT	BIT(0)
#define _PAGE_RW	BIT(1)
#define _PAGE_DIRTY	BIT(2)
#define _PAGE_ACCESSED	BIT(3)
#define _PAGE_SOFT_DIRTY BIT(4)
#define _PAGE_UFFD_WP	BIT(5)
#define _PAGE_PROTNONE	BIT(6)
#define _PAGE_SWP	BIT(7)		/* non-present swap-style entry */
#define _PAGE_SWP_EXCLUSIVE	BIT(1)	/* bits reused when !present */
#define _PAGE_SWP_SOFT_DIRTY	BIT(4)
#define _PAGE_SWP_UFFD_WP	BIT(5)
#define _PAGE_SWP_TYPE_SHIFT	8
#define _PAGE_SWP_TYPE_MASK	(7UL << _PAGE_SWP_TYPE_SHIFT)
#define _PAGE_PFN_SHIFT		12
#define _PAGE_FLAGS_MASK	((1UL << _PAGE_PFN_SHIFT) - 1)

static inline bool pte_none(pte_t pte)
{
	return !pte_val(pte);
}

static inline bool pte_present(pte_t pte)
{
	return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static inline bool pte_protnone(pte_t pte)
{
	return (pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE;
}

/* Only entries with _PAGE_PRESENT can sit in a TLB. */
static inline bool pte_accessible(pte_t pte)
{
	return pte_val(pte) & _PAGE_PRESENT;
}

static inline bool __pte_bit(pte_t pte, u64 bit)
{
	return pte_present(pte) && (pte_val(pte) & bit);
}

static inline bool pte_write(pte_t pte)      { return __pte_bit(pte, _PAGE_RW); }
static inline bool pte_dirty(pte_t pte)      { return __pte_bit(pte, _PAGE_DIRTY); }
static inline bool pte_young(pte_t pte)      { return __pte_bit(pte, _PAGE_ACCESSED); }
static inline bool pte_soft_dirty(pte_t pte) { return __pte_bit(pte, _PAGE_SOFT_DIRTY); }
static inline bool pte_uffd_wp(pte_t pte)    { return __pte_bit(pte, _PAGE_UFFD_WP); }

static inline pte_t pte_mkdirty(pte_t pte)   { return __pte(pte_val(pte) | _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte)   { return __pte(pte_val(pte) & ~_PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte)   { return __pte(pte_val(pte) | _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte)     { return __pte(pte_val(pte) & ~_PAGE_ACCESSED); }
static inline pte_t pte_mkwrite(pte_t pte)   { return __pte(pte_val(pte) | _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_RW); }
static inline pte_t pte_clear_soft_dirty(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_SOFT_DIRTY);
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return pte_val(pte) >> _PAGE_PFN_SHIFT;
}

static inline pte_t pfn_pte(unsigned long pfn, u64 prot)
{
	return __pte(((u64)pfn << _PAGE_PFN_SHIFT) | (prot & _PAGE_FLAGS_MASK));
}

static inline pte_t pte_advance_pfn(pte_t pte, unsigned long nr)
{
	return __pte(pte_val(pte) + ((u64)nr << _PAGE_PFN_SHIFT));
}

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline unsigned long pmd_index(unsigned long addr)
{
	return (addr >> PMD_SHIFT) & (PTRS_PER_PMD - 1);
}

/* End of the PMD covering @addr, or @end if that comes first. */
#define pmd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

/* Swap-style entries. */
typedef struct { unsigned long val; } swp_entry_t;

enum {
	SWP_TYPE_SWAP = 0,
	SWP_HWPOISON = 1,
	SWP_PTE_MARKER = 2,
	SWP_DEVICE_EXCLUSIVE = 3,
};

#define PTE_MARKER_UFFD_WP	1UL

static inline swp_entry_t swp_entry(unsigned int type, unsigned long offset)
{
	return (swp_entry_t) { ((unsigned long)type << 56) | offset };
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return entry.val >> 56;
}

static inline unsigned long swp_offset(swp_entry_t entry)
{
	return entry.val & ((1UL << 56) - 1);
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __pte(_PAGE_SWP |
		     ((u64)swp_type(entry) << _PAGE_SWP_TYPE_SHIFT) |
		     ((u64)swp_offset(entry) << _PAGE_PFN_SHIFT));
}

static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((pte_val(pte) & _PAGE_SWP_TYPE_MASK) >> _PAGE_SWP_TYPE_SHIFT,
			 pte_val(pte) >> _PAGE_PFN_SHIFT);
}

static inline bool __pte_swp_bit(pte_t pte, u64 bit)
{
	return is_swap_pte(pte) && (pte_val(pte) & bit);
}

static inline pte_t pte_swp_mkexclusive(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_EXCLUSIVE);
}

static inline bool pte_swp_exclusive(pte_t pte)
{
	return __pte_swp_bit(pte, _PAGE_SWP_EXCLUSIVE);
}

static inline pte_t pte_swp_mksoft_dirty(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_SOFT_DIRTY);
}

static inline bool pte_swp_soft_dirty(pte_t pte)
{
	return __pte_swp_bit(pte, _PAGE_SWP_SOFT_DIRTY);
}

static inline pte_t pte_swp_mkuffd_wp(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_SWP_UFFD_WP);
}

static inline bool pte_swp_uffd_wp(pte_t pte)
{
	return __pte_swp_bit(pte, _PAGE_SWP_UFFD_WP);
}

static inline bool is_device_exclusive_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_DEVICE_EXCLUSIVE;
}

static inline bool is_hwpoison_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_HWPOISON;
}

static inline pte_t make_pte_marker(unsigned long marker)
{
	return swp_entry_to_pte(swp_entry(SWP_PTE_MARKER, marker));
}

static inline bool is_pte_marker(pte_t pte)
{
	return is_swap_pte(pte) &&
	       swp_type(pte_to_swp_entry(pte)) == SWP_PTE_MARKER;
}

struct mm_struct;
struct vm_area_struct;

static inline pte_t ptep_get(pte_t *ptep)
{
	return *ptep;
}

/* Model page-table operations (model/pgtable.c). */
pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr);
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr);
void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte);
void set_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
	      pte_t pte, unsigned int nr);
void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep);
pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
			 pte_t *ptep);
pte_t get_and_clear_full_ptes(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, unsigned int nr, int full);
void clear_full_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		     unsigned int nr, int full);

#endif /* PTEBATCH_MODEL_PGTABLE_H */
