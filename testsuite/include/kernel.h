/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel-like declarations for ptebatch's test cases.
 *
 * Only what the cases need to compile standalone: types, constants and the
 * prototypes of the mm APIs ptebatch knows about, with the kernel's names
 * and argument orders.  Macros are written the way the kernel writes them
 * (statement expressions, typeof) so the plugin sees the same shapes as in
 * a real build.  Written for ptebatch; not taken from the kernel.
 *
 * -DCONFIG_DEBUG_VM selects the debug variants of the VM_BUG_ON and VM_WARN_ON families.
 * -DPTEBATCH_API_6X selects the linux 6.12 folio_pte_batch() signature
 * and helper names, otherwise the current mainline (7.x) ones.
 */
#ifndef PTEBATCH_TEST_KERNEL_H
#define PTEBATCH_TEST_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SIZE	(1UL << 30)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define PTRS_PER_PTE	512
#define HPAGE_PMD_SHIFT	PMD_SHIFT
#define HPAGE_PMD_SIZE	((1UL) << HPAGE_PMD_SHIFT)
#define HPAGE_PMD_MASK	(~(HPAGE_PMD_SIZE - 1))
#define HPAGE_PMD_NR	(1 << (HPAGE_PMD_SHIFT - PAGE_SHIFT))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define __ALIGN_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)

#define min(x, y) ({				\
	__typeof__(x) __x = (x);		\
	__typeof__(y) __y = (y);		\
	__x < __y ? __x : __y; })
#define max(x, y) ({				\
	__typeof__(x) __x = (x);		\
	__typeof__(y) __y = (y);		\
	__x > __y ? __x : __y; })
#define min_t(type, x, y) ({			\
	type __x = (x);				\
	type __y = (y);				\
	__x < __y ? __x : __y; })

#define pmd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

typedef struct { unsigned long pte; } pte_t;
typedef unsigned int fpb_t;
/* the kernel's values: batch-flags reads them (rules.def's BATCH_FLAG) */
#ifdef PTEBATCH_API_6X
#define FPB_IGNORE_DIRTY	((fpb_t)1 << 0)
#define FPB_IGNORE_SOFT_DIRTY	((fpb_t)1 << 1)
#else
#define FPB_RESPECT_DIRTY	((fpb_t)1 << 0)
#define FPB_RESPECT_SOFT_DIRTY	((fpb_t)1 << 1)
#define FPB_RESPECT_WRITE	((fpb_t)1 << 2)
#define FPB_MERGE_WRITE		((fpb_t)1 << 3)
#define FPB_MERGE_YOUNG_DIRTY	((fpb_t)1 << 4)
#endif

struct page { unsigned long flags; };
struct folio { unsigned long flags; struct page page; };
struct mm_struct { long rss[4]; };
struct vm_area_struct {
	unsigned long vm_start, vm_end, vm_flags;
	struct mm_struct *vm_mm;
};
struct mmu_gather { struct mm_struct *mm; };
struct mmu_notifier_range { unsigned long start, end; };
struct page_vma_mapped_walk {
	struct folio *folio;
	struct vm_area_struct *vma;
	unsigned long address;
	pte_t *pte;
	void *pmd;
	unsigned int flags;
};
typedef struct { unsigned long val; } swp_entry_t;
enum ttu_flags { TTU_SYNC = 1, TTU_HWPOISON = 2, TTU_BATCH_FLUSH = 4 };
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };
#define VM_UFFD_WP	0x1000UL

void BUG(void) __attribute__((noreturn));
void __WARN(void);
void dump_page(struct page *page, const char *reason);

#define BUILD_BUG_ON_INVALID(e)	((void)(sizeof((long)(e))))
#define BUILD_BUG_ON(cond)	((void)sizeof(char[1 - 2 * !!(cond)]))
#define BUG_ON(cond)		do { if (unlikely(cond)) BUG(); } while (0)
#define WARN_ON(cond)		({ int __r = !!(cond); if (unlikely(__r)) __WARN(); unlikely(__r); })
#define WARN_ON_ONCE(cond)	WARN_ON(cond)

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)			BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page)	do { if (unlikely(cond)) { dump_page(page, #cond); BUG(); } } while (0)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON_PAGE(cond, &(folio)->page)
#define VM_BUG_ON_VMA(cond, vma)	BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm)		BUG_ON(cond)
#define VM_WARN_ON(cond)		(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)		(void)WARN_ON_ONCE(cond)
#define VM_WARN_ON_FOLIO(cond, folio)	(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) (void)WARN_ON_ONCE(cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page) (void)WARN_ON_ONCE(cond)
#else
#define VM_BUG_ON(cond)			BUILD_BUG_ON_INVALID(cond)
#define VM_BUG_ON_PAGE(cond, page)	VM_BUG_ON(cond)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON(cond)
#define VM_BUG_ON_VMA(cond, vma)	VM_BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm)		VM_BUG_ON(cond)
#define VM_WARN_ON(cond)		BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE(cond)		BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_FOLIO(cond, folio)	BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page) BUILD_BUG_ON_INVALID(cond)
#endif
#define VM_BUG_ON_PGFLAGS(cond, page)	VM_BUG_ON_PAGE(cond, page)

/* folio and pte accessors */
long folio_nr_pages(const struct folio *folio);
unsigned long folio_pfn(const struct folio *folio);
bool folio_test_large(const struct folio *folio);
bool folio_test_anon(const struct folio *folio);
bool folio_test_swapbacked(const struct folio *folio);
bool folio_test_hugetlb(const struct folio *folio);
void folio_mark_dirty(struct folio *folio);
struct page *folio_page(struct folio *folio, unsigned long n);
pte_t ptep_get(pte_t *ptep);
bool pte_present(pte_t pte);
bool pte_dirty(pte_t pte);
bool pte_none(pte_t pte);
unsigned long pte_pfn(pte_t pte);
bool userfaultfd_wp(struct vm_area_struct *vma);
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw);
void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw);
bool should_defer_flush(struct mm_struct *mm, enum ttu_flags flags);
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr, pte_t pte);
bool range_in_vma(struct vm_area_struct *vma, unsigned long start,
		unsigned long end);

/* batch sources */
#ifdef PTEBATCH_API_6X
int folio_pte_batch(struct folio *folio, unsigned long addr, pte_t *start_ptep,
		pte_t pte, int max_nr, fpb_t flags, bool *any_writable,
		bool *any_young, bool *any_dirty);
#else
unsigned int folio_pte_batch(struct folio *folio, pte_t *ptep, pte_t pte,
		unsigned int max_nr);
unsigned int folio_pte_batch_flags(struct folio *folio,
		struct vm_area_struct *vma, pte_t *ptep, pte_t *ptentp,
		unsigned int max_nr, fpb_t flags);
#endif
int swap_pte_batch(pte_t *start_ptep, int max_nr, pte_t pte);

/* batched helpers */
pte_t get_and_clear_full_ptes(struct mm_struct *mm, unsigned long addr,
		pte_t *ptep, unsigned int nr, int full);
void clear_full_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		unsigned int nr, int full);
void clear_young_dirty_ptes(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int nr, unsigned long flags);
void wrprotect_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		unsigned int nr);
void folio_remove_rmap_ptes(struct folio *folio, struct page *page, int nr,
		struct vm_area_struct *vma);
int folio_try_dup_anon_rmap_ptes(struct folio *folio, struct page *page,
		int nr, struct vm_area_struct *dst_vma,
		struct vm_area_struct *src_vma);
void folio_dup_file_rmap_ptes(struct folio *folio, struct page *page, int nr,
		struct vm_area_struct *dst_vma);
int folio_try_share_anon_rmap_ptes(struct folio *folio, struct page *page,
		unsigned int nr);
void free_swap_and_cache_nr(swp_entry_t entry, int nr);
#ifdef PTEBATCH_API_6X
void clear_not_present_full_ptes(struct mm_struct *mm, unsigned long addr,
		pte_t *ptep, unsigned int nr, int full);
#else
/* 7.x names and the forms without "full" */
void swap_put_entries_direct(swp_entry_t entry, int nr);
pte_t get_and_clear_ptes(struct mm_struct *mm, unsigned long addr,
		pte_t *ptep, unsigned int nr);
void clear_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		unsigned int nr);
void clear_nonpresent_ptes(struct mm_struct *mm, unsigned long addr,
		pte_t *ptep, unsigned int nr);
bool clear_flush_young_ptes(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int nr);
bool test_and_clear_young_ptes(struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, unsigned int nr);
pte_t modify_prot_start_ptes(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int nr);
void modify_prot_commit_ptes(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, pte_t old_pte, pte_t pte, unsigned int nr);
#endif
/* mainline: batched swap reference counting */
void folio_put_swap(struct folio *folio, struct page *page, unsigned int nr);
void folio_dup_swap(struct folio *folio, struct page *page, unsigned int nr);
unsigned long folio_size(const struct folio *folio);
void tlb_remove_tlb_entries(struct mmu_gather *tlb, pte_t *ptep,
		unsigned int nr, unsigned long address);
/* mapping creation: folio_nr_pages() is fine here */
void set_ptes(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte, unsigned int nr);
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page, int nr,
		struct vm_area_struct *vma, unsigned long address, int flags);
void folio_add_file_rmap_ptes(struct folio *folio, struct page *page, int nr,
		struct vm_area_struct *vma);

/* single-entry forms */
pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep);
pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep);
void folio_remove_rmap_pte(struct folio *folio, struct page *page,
		struct vm_area_struct *vma);
void tlb_remove_tlb_entry(struct mmu_gather *tlb, pte_t *ptep,
		unsigned long address);

/* a folio's counts, single and batched (folio-count); the _pte rmap forms
 * that are macros around the _ptes ones in both trees */
void folio_get(struct folio *folio);
void folio_ref_add(struct folio *folio, int nr);
void folio_put(struct folio *folio);
void folio_put_refs(struct folio *folio, int refs);
void put_page(struct page *page);
void folio_dup_file_rmap_pte(struct folio *folio, struct page *page,
		struct vm_area_struct *dst_vma);
int folio_try_dup_anon_rmap_pte(struct folio *folio, struct page *page,
		struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
#define folio_add_anon_rmap_pte(folio, page, vma, address, flags) \
	folio_add_anon_rmap_ptes(folio, page, 1, vma, address, flags)
#define folio_add_file_rmap_pte(folio, page, vma) \
	folio_add_file_rmap_ptes(folio, page, 1, vma)
/* 6.12: tlb_remove_tlb_entry() is a macro around this one-page range */
void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long address,
		unsigned long size);

/* flushes */
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		unsigned long end);
void flush_cache_range(struct vm_area_struct *vma, unsigned long start,
		unsigned long end);
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
void flush_cache_page(struct vm_area_struct *vma, unsigned long addr,
		unsigned long pfn);
void set_tlb_ubc_flush_pending(struct mm_struct *mm, pte_t pteval,
		unsigned long start, unsigned long end);
void mmu_notifier_range_init(struct mmu_notifier_range *range, int event,
		unsigned int flags, struct mm_struct *mm, unsigned long start,
		unsigned long end);

/* both trees: set_pte_at() is a macro around set_ptes() */
#define set_pte_at(mm, addr, ptep, pte) set_ptes(mm, addr, ptep, pte, 1)

/* hugetlb: tests, and the accessors with their 6.12 and 7.3 signatures */
struct hstate;
bool is_vm_hugetlb_page(const struct vm_area_struct *vma);
struct hstate *hstate_vma(struct vm_area_struct *vma);
unsigned long huge_page_size(const struct hstate *h);
pte_t huge_ptep_get(struct mm_struct *mm, unsigned long addr, pte_t *ptep);
unsigned long huge_pte_dirty(pte_t pte);
unsigned long huge_pte_write(pte_t pte);
bool pte_write(pte_t pte);
pte_t huge_ptep_clear_flush(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep);
void set_huge_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		pte_t pte, unsigned long sz);
pte_t huge_ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
		pte_t *ptep, unsigned long sz);
int huge_pte_none(pte_t pte);
void hugetlb_count_sub(long l, struct mm_struct *mm);
void hugetlb_remove_rmap(struct folio *folio);
pte_t make_hwpoison_pte(struct folio *folio);
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long addr, void *arg);
};
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);

/* counters */
int mm_counter(struct folio *folio);
int mm_counter_file(struct folio *folio);
void add_mm_counter(struct mm_struct *mm, int member, long value);
void inc_mm_counter(struct mm_struct *mm, int member);
void dec_mm_counter(struct mm_struct *mm, int member);
void add_mm_rss_vec(struct mm_struct *mm, int *rss);

/* walk-stride, batch-flags */
struct page *pte_page(pte_t pte);
unsigned long folio_page_idx(const struct folio *folio, const struct page *page);
unsigned int folio_order(const struct folio *folio);
unsigned long compound_nr(const struct page *page);
pte_t pte_wrprotect(pte_t pte);
pte_t pte_mkwrite(pte_t pte, struct vm_area_struct *vma);
pte_t pte_mkold(pte_t pte);
pte_t pte_mkclean(pte_t pte);
pte_t pte_mkdirty(pte_t pte);
pte_t pte_mkyoung(pte_t pte);
pte_t pte_clear_soft_dirty(pte_t pte);
pte_t move_soft_dirty_pte(pte_t pte);
pte_t move_pte(pte_t pte, unsigned long old_addr, unsigned long new_addr);
int pte_batch_hint(pte_t *ptep, pte_t pte);
void folio_mark_accessed(struct folio *folio);

#endif /* PTEBATCH_TEST_KERNEL_H */
