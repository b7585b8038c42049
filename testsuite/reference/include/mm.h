// SPDX-License-Identifier: GPL-2.0-only
/*
 * Folio and mm accessors of the ptebatch model (kernel names and
 * argument orders).
 */
#ifndef PTEBATCH_MODEL_MM_H
#define PTEBATCH_MODEL_MM_H

#include "types.h"
#include "mmdebug.h"
#include "mm_types.h"

static inline bool __test_bit(unsigned long flags, int nr)
{
	return flags & BIT(nr);
}

#define FOLIO_FLAG_OPS(name, bit)					\
static inline bool folio_test_##name(const struct folio *folio)	\
{									\
	return __test_bit(folio->flags, bit);				\
}									\
static inline void folio_set_##name(struct folio *folio)		\
{									\
	folio->flags |= BIT(bit);					\
}									\
static inline void folio_clear_##name(struct folio *folio)		\
{									\
	folio->flags &= ~BIT(bit);					\
}

FOLIO_FLAG_OPS(anon, PG_anon)
FOLIO_FLAG_OPS(swapbacked, PG_swapbacked)
FOLIO_FLAG_OPS(swapcache, PG_swapcache)
FOLIO_FLAG_OPS(dirty, PG_dirty)
FOLIO_FLAG_OPS(hugetlb, PG_hugetlb)
FOLIO_FLAG_OPS(has_hwpoisoned, PG_has_hwpoisoned)
FOLIO_FLAG_OPS(partially_mapped, PG_partially_mapped)
FOLIO_FLAG_OPS(locked, PG_locked)

static inline bool PageAnonExclusive(const struct page *page)
{
	return __test_bit(page->flags, PG_anon_exclusive);
}

static inline void SetPageAnonExclusive(struct page *page)
{
	page->flags |= BIT(PG_anon_exclusive);
}

static inline void ClearPageAnonExclusive(struct page *page)
{
	page->flags &= ~BIT(PG_anon_exclusive);
}

static inline bool PageHWPoison(const struct page *page)
{
	return __test_bit(page->flags, PG_hwpoison);
}

static inline void SetPageHWPoison(struct page *page)
{
	page->flags |= BIT(PG_hwpoison);
	page->folio->flags |= BIT(PG_has_hwpoisoned);
}

static inline long folio_nr_pages(const struct folio *folio)
{
	return 1L << folio->order;
}

static inline unsigned long folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio->order;
}

static inline bool folio_test_large(const struct folio *folio)
{
	return folio->order > 0;
}

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return folio->pfn;
}

static inline pgoff_t folio_pgoff(const struct folio *folio)
{
	return folio->index;
}

static inline struct page *folio_page(struct folio *folio, unsigned long n)
{
	return &folio->pages[n];
}

static inline struct folio *page_folio(const struct page *page)
{
	return page->folio;
}

static inline unsigned long folio_page_idx(const struct folio *folio,
					   const struct page *page)
{
	return page - folio->pages;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page->folio->pfn + folio_page_idx(page->folio, page);
}

struct page *pfn_to_page(unsigned long pfn);	/* NULL if not memory */

static inline bool folio_test_hwpoison(const struct folio *folio)
{
	return folio_test_has_hwpoisoned(folio);
}

static inline bool folio_maybe_dma_pinned(const struct folio *folio)
{
	return folio->pincount > 0;
}

static inline int folio_ref_count(const struct folio *folio)
{
	return folio->refcount;
}

static inline void folio_put_refs(struct folio *folio, int refs)
{
	folio->refcount -= refs;
	VM_WARN_ON_ONCE_FOLIO(folio->refcount < 0, folio);
}

static inline void folio_put(struct folio *folio)
{
	folio_put_refs(folio, 1);
}

int folio_mapcount(const struct folio *folio);

static inline bool folio_mapped(const struct folio *folio)
{
	return folio_mapcount(folio) > 0;
}

static inline void folio_mark_dirty(struct folio *folio)
{
	folio_set_dirty(folio);
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return vma->anonymous;
}

static inline bool userfaultfd_wp(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_WP;
}

static inline void add_mm_counter(struct mm_struct *mm, int member,
				  long value)
{
	mm->rss[member] += value;
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	mm->rss[member]++;
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	mm->rss[member]--;
}

static inline long get_mm_counter(const struct mm_struct *mm, int member)
{
	return mm->rss[member];
}

static inline int mm_counter_file(const struct folio *folio)
{
	if (folio_test_swapbacked(folio))
		return MM_SHMEMPAGES;
	return MM_FILEPAGES;
}

static inline int mm_counter(const struct folio *folio)
{
	if (folio_test_anon(folio))
		return MM_ANONPAGES;
	return mm_counter_file(folio);
}

static inline void hugetlb_count_sub(long l, struct mm_struct *mm)
{
	mm->hugetlb_usage -= l;
}

void pte_install_uffd_wp_if_needed(struct vm_area_struct *vma,
				   unsigned long addr, pte_t *ptep,
				   pte_t pteval);

#endif /* PTEBATCH_MODEL_MM_H */
