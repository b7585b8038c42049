// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario tests of the reference batched unmap path, each from a case
 * raised in the review threads: a folio starting in the last entry of a
 * PTE table, a VMA that ends inside a folio, partial batches, uffd-wp
 * VMAs, a PROT_NONE first PTE, a dirty bit on a later PTE, hugetlb.
 * Every scenario is also run PTE by PTE and compared.
 */
#include <string.h>

#include "../include/swap.h"
#include "harness.h"
#include "world.h"

/* Sizes of the PTE clears in log order (one entry per clear call). */
static int clear_sizes(unsigned int *sizes, int max)
{
	int n = 0;
	size_t e;

	for (e = 0; e < model.log_nr; e++) {
		const struct model_event *ev = &model.log[e];

		if (ev->kind != EV_CLEAR)
			continue;
		/* log_clear() splits big clears in 64-PTE events */
		if (n && ev->start == model.log[e - 1].end &&
		    model.log[e - 1].kind == EV_CLEAR &&
		    (ev->start - model.log[e - 1].start) == 64 * PAGE_SIZE &&
		    sizes[n - 1] % 64 == 0) {
			sizes[n - 1] += (ev->end - ev->start) >> PAGE_SHIFT;
			continue;
		}
		if (n < max)
			sizes[n++] = (ev->end - ev->start) >> PAGE_SHIFT;
	}
	return n;
}

#define CHECK_CLEARS(...) do {						\
	unsigned int __want[] = { __VA_ARGS__ }, __got[64];		\
	int __n = clear_sizes(__got, 64), __i;				\
	CHECK_EQ(__n, (int)ARRAY_SIZE(__want));				\
	for (__i = 0; __i < __n && __i < (int)ARRAY_SIZE(__want); __i++) \
		CHECK_EQ(__got[__i], __want[__i]);			\
} while (0)

static void check_equivalent(world_fn fn, struct world *w)
{
	CHECK(world_equivalent(fn, w, true));
}

static long pte_count(unsigned long addr, unsigned long n, bool (*pred)(pte_t))
{
	long count = 0;
	unsigned long i;

	for (i = 0; i < n; i++) {
		pte_t *ptep = model_pte(addr + i * PAGE_SIZE);

		count += ptep && pred(ptep_get(ptep));
	}
	return count;
}

static void map_all(struct world *w, struct vm_area_struct *vma,
		    struct folio *folio, u64 prot)
{
	long i;

	for (i = 0; i < folio_nr_pages(folio); i++)
		model_map_page(vma, folio, i, prot);
	w->addr = model_page_address(vma, folio, 0);
}

/* First page in entry 511: the batch must stop at the table's end. */
static void build_last_entry(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;

	vma = model_add_vma(BASE, BASE + 2 * PMD_SIZE, 0, FILE_MAPPING,
			    VM_READ, false);
	folio = world_folio(w, 4, FOLIO_FILE, 511);
	map_all(w, vma, folio, PROT_RW);
	world_target(w, folio);
}

static void test_last_entry_folio(void)
{
	struct world w = { 0 };

	check_equivalent(build_last_entry, &w);
	CHECK_EQ(pte_index(w.addr), 511);
	CHECK_CLEARS(1, 15);
	CHECK(!folio_mapped(w.folios[0]));
	CHECK_EQ(get_mm_counter(model.mm, MM_FILEPAGES), 0);
}

static void build_last_entry_lazyfree(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;

	vma = model_add_vma(BASE, BASE + 2 * PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_WRITE, true);
	folio = world_folio(w, 9, FOLIO_ANON_LAZYFREE, 511);
	map_all(w, vma, folio, PROT_RW);
	world_target(w, folio);
}

static void test_last_entry_order9(void)
{
	struct world w = { 0 };

	check_equivalent(build_last_entry_lazyfree, &w);
	CHECK_CLEARS(1, 511);
	CHECK_EQ(get_mm_counter(model.mm, MM_ANONPAGES), 0);
}

/* Pages 6..15 were mremap()ed away: two VMAs, two batches. */
static void build_mremapped(struct world *w)
{
	struct vm_area_struct *a, *b;
	struct folio *folio;
	long i;

	a = model_add_vma(BASE, BASE + 22 * PAGE_SIZE, 0, ANON_MAPPING,
			  VM_READ | VM_WRITE, true);
	b = model_add_vma(BASE + 5 * PMD_SIZE, BASE + 5 * PMD_SIZE + 10 * PAGE_SIZE,
			  22, ANON_MAPPING, VM_READ | VM_WRITE, true);
	folio = world_folio(w, 4, FOLIO_ANON_LAZYFREE, 16);
	for (i = 0; i < 16; i++)
		model_map_page(i < 6 ? a : b, folio, i, PROT_RW);
	w->addr = model_page_address(a, folio, 0);
	w->vma[0] = a;
	w->vma[1] = b;
	world_target(w, folio);
}

static void test_vma_ends_inside_folio(void)
{
	struct world w = { 0 };

	check_equivalent(build_mremapped, &w);
	CHECK_CLEARS(6, 10);
	CHECK(!folio_mapped(w.folios[0]));
}

/* mprotect() split: the next VMA maps the rest of the folio right after. */
static void build_split_vma(struct world *w)
{
	struct vm_area_struct *a, *b;
	struct folio *folio;
	long i;

	a = model_add_vma(BASE, BASE + 6 * PAGE_SIZE, 0, FILE_MAPPING,
			  VM_READ, false);
	b = model_add_vma(BASE + 6 * PAGE_SIZE, BASE + 32 * PAGE_SIZE, 6,
			  FILE_MAPPING, VM_READ | VM_WRITE, false);
	folio = world_folio(w, 4, FOLIO_FILE, 0);
	for (i = 0; i < 16; i++)
		model_map_page(i < 6 ? a : b, folio, i, PROT_RW);
	w->flags = TTU_BATCH_FLUSH;
	world_target(w, folio);
}

static void test_vma_split_inside_folio(void)
{
	struct world w = { 0 };

	check_equivalent(build_split_vma, &w);
	CHECK_CLEARS(6, 10);
}

/*
 * Swap-backed anon: soft-dirty differs on page 5, pages 10.. are not
 * exclusive.  Batches: 0-4, 5, 6-9, 10-15.
 */
static void build_partial_swapbacked(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_WRITE, true);
	folio = world_folio(w, 4, FOLIO_ANON_SWAPBACKED, 32);
	for (i = 0; i < 16; i++) {
		model_map_page(vma, folio, i,
			       PROT_RW | (i == 5 ? _PAGE_SOFT_DIRTY : 0) |
			       (i == 7 ? _PAGE_DIRTY : 0));
		if (i < 10)
			SetPageAnonExclusive(folio_page(folio, i));
	}
	w->addr = model_page_address(vma, folio, 0);
	world_target(w, folio);
}

static void test_partial_batches_swapbacked(void)
{
	struct world w = { 0 };
	struct folio *folio;
	long i;

	check_equivalent(build_partial_swapbacked, &w);
	CHECK_CLEARS(5, 1, 4, 6);
	folio = w.folios[0];
	CHECK(folio_test_dirty(folio));
	CHECK_EQ(get_mm_counter(model.mm, MM_ANONPAGES), 0);
	CHECK_EQ(get_mm_counter(model.mm, MM_SWAPENTS), 16);
	for (i = 0; i < 16; i++) {
		pte_t pte = ptep_get(model_pte(w.addr + i * PAGE_SIZE));

		CHECK(is_swap_pte(pte));
		CHECK_EQ(swp_offset(pte_to_swp_entry(pte)),
			 swp_offset(folio->swap) + i);
		CHECK_EQ(pte_swp_exclusive(pte), i < 10);
		CHECK_EQ(pte_swp_soft_dirty(pte), i == 5);
		CHECK(!PageAnonExclusive(folio_page(folio, i)));
		CHECK_EQ(swap_count(page_swap_entry(folio_page(folio, i))), 1);
	}
}

/* Every nr in 1..15: a hole at page k splits the folio in two batches. */
static unsigned int hole;

static void build_hole(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, FILE_MAPPING, VM_READ,
			    false);
	folio = world_folio(w, 4, FOLIO_SHMEM, 16);
	for (i = 0; i < 16; i++)
		if (i != hole)
			model_map_page(vma, folio, i, PROT_RW);
	world_target(w, folio);
}

static void test_partial_batches_every_nr(void)
{
	struct world w = { 0 };

	for (hole = 1; hole < 16; hole++) {
		check_equivalent(build_hole, &w);
		if (hole < 15)
			CHECK_CLEARS(hole, 15 - hole);
		else
			CHECK_CLEARS(15);
		CHECK_EQ(get_mm_counter(model.mm, MM_SHMEMPAGES), 0);
	}
}

/* A device-exclusive entry between batches takes the one-PTE path. */
static void build_devx(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_WRITE, true);
	folio = world_folio(w, 4, FOLIO_ANON_LAZYFREE, 0);
	for (i = 0; i < 16; i++) {
		if (i == 8)
			model_map_page_devx(vma, folio, i);
		else
			model_map_page(vma, folio, i, PROT_RW);
	}
	world_target(w, folio);
}

static void test_device_exclusive_between_batches(void)
{
	struct world w = { 0 };

	check_equivalent(build_devx, &w);
	CHECK_CLEARS(8, 1, 7);
	CHECK(!folio_mapped(w.folios[0]));
	CHECK_EQ(get_mm_counter(model.mm, MM_ANONPAGES), 0);
}

/* uffd-wp VMA: one PTE at a time, a marker for each uffd-wp PTE. */
static void build_uffd_wp(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, FILE_MAPPING,
			    VM_READ | VM_UFFD_WP, false);
	folio = world_folio(w, 4, FOLIO_FILE, 16);
	for (i = 0; i < 16; i++)
		model_map_page(vma, folio, i,
			       _PAGE_ACCESSED | (i != 3 ? _PAGE_UFFD_WP : 0));
	w->addr = model_page_address(vma, folio, 0);
	world_target(w, folio);
}

static void test_uffd_wp_markers(void)
{
	struct world w = { 0 };
	long i;

	check_equivalent(build_uffd_wp, &w);
	CHECK_EQ(model.stats.batch_calls, 0);
	CHECK(!folio_mapped(w.folios[0]));
	for (i = 0; i < 16; i++)
		CHECK_EQ(is_pte_marker(ptep_get(model_pte(w.addr + i * PAGE_SIZE))),
			 i != 3);
	CHECK_EQ(pte_count(w.addr, 16, is_pte_marker), 15);
}

static void build_uffd_wp_anon(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_UFFD_WP, true);
	folio = world_folio(w, 3, FOLIO_ANON_SWAPBACKED, 8);
	for (i = 0; i < 8; i++)
		model_map_page(vma, folio, i, _PAGE_UFFD_WP);
	w->addr = model_page_address(vma, folio, 0);
	world_target(w, folio);
}

static void test_uffd_wp_anon_swap_bit(void)
{
	struct world w = { 0 };

	check_equivalent(build_uffd_wp_anon, &w);
	CHECK_EQ(pte_count(w.addr, 8, pte_swp_uffd_wp), 8);
	CHECK_EQ(get_mm_counter(model.mm, MM_SWAPENTS), 8);
}

/* PROT_NONE first PTE, normal PTEs after it, deferred flush. */
static void build_protnone_first(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, FILE_MAPPING, VM_READ,
			    false);
	folio = world_folio(w, 4, FOLIO_FILE, 0);
	for (i = 0; i < 16; i++)
		model_map_page(vma, folio, i,
			       i ? PROT_RW : _PAGE_PROTNONE | _PAGE_ACCESSED);
	w->addr = BASE;
	w->flags = TTU_BATCH_FLUSH;
	world_target(w, folio);
}

static void test_protnone_first_pte(void)
{
	struct world w = { 0 };
	size_t e, deferred = 0;

	check_equivalent(build_protnone_first, &w);
	CHECK_CLEARS(1, 15);
	for (e = 0; e < model.log_nr; e++) {
		if (model.log[e].kind != EV_FLUSH_TLB_DEFERRED)
			continue;
		deferred++;
		CHECK_EQ(model.log[e].start, BASE + PAGE_SIZE);
		CHECK_EQ(model.log[e].end, BASE + 16 * PAGE_SIZE);
	}
	CHECK_EQ(deferred, 1);
}

/* Lazyfree: PTE 9 alone is dirty; the batch must see it. */
static void build_dirty_later(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;
	long i;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_WRITE, true);
	folio = world_folio(w, 4, FOLIO_ANON_LAZYFREE, 0);
	for (i = 0; i < 16; i++)
		model_map_page(vma, folio, i,
			       _PAGE_ACCESSED | (i == 9 ? _PAGE_DIRTY : 0));
	w->addr = BASE;
	world_target(w, folio);
}

static void test_dirty_bit_on_later_pte(void)
{
	struct world w = { 0 };
	bool ret;

	check_equivalent(build_dirty_later, &w);
	ret = world_run(build_dirty_later, &w, true);
	CHECK(!ret);
	CHECK(folio_test_dirty(w.folios[0]));
	CHECK(folio_test_swapbacked(w.folios[0]));
	/* All 16 PTEs are back and nothing was accounted as unmapped. */
	CHECK_EQ(pte_count(BASE, 16, pte_present), 16);
	CHECK_EQ(folio_mapcount(w.folios[0]), 16);
	CHECK_EQ(get_mm_counter(model.mm, MM_ANONPAGES), 16);
	CHECK(world_consistent(w.folios, w.nr_folios, true));
}

static void build_dirty_later_file(struct world *w)
{
	build_protnone_first(w);
	model_pte(BASE + 12 * PAGE_SIZE)->pte |= _PAGE_DIRTY;
	w->flags = 0;
}

static void test_dirty_bit_file_folio(void)
{
	struct world w = { 0 };

	check_equivalent(build_dirty_later_file, &w);
	CHECK(folio_test_dirty(w.folios[0]));
	CHECK(!folio_mapped(w.folios[0]));
}

/* Immediate and deferred flushes cover exactly the cleared range. */
static void test_flush_exact_range(void)
{
	struct world w = { 0 };
	int deferred;
	size_t e;

	for (deferred = 0; deferred < 2; deferred++) {
		model_reset();
		memset(&w, 0, sizeof(w));
		build_last_entry(&w);
		w.flags = deferred ? TTU_BATCH_FLUSH : 0;
		CHECK(try_to_unmap(w.folios[0], w.flags));
		CHECK(world_consistent(w.folios, w.nr_folios, true));
		for (e = 1; e < model.log_nr; e++) {
			const struct model_event *ev = &model.log[e];

			if (ev->kind != EV_FLUSH_TLB &&
			    ev->kind != EV_FLUSH_TLB_DEFERRED)
				continue;
			CHECK_EQ(ev->kind, deferred ? EV_FLUSH_TLB_DEFERRED :
				 EV_FLUSH_TLB);
			CHECK_EQ(model.log[e - 1].kind, EV_CLEAR);
			CHECK_EQ(ev->start, model.log[e - 1].start);
			CHECK_EQ(ev->end, model.log[e - 1].end);
		}
	}
}

/* A whole-folio batch does not leave the folio for deferred split. */
static void build_lazyfree_clean(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_WRITE, true);
	folio = world_folio(w, 4, FOLIO_ANON_LAZYFREE, 0);
	map_all(w, vma, folio, PROT_RW);
	world_target(w, folio);
}

static void test_no_deferred_split(void)
{
	struct world w = { 0 };

	world_run(build_lazyfree_clean, &w, false);
	CHECK(folio_test_partially_mapped(w.folios[0]));
	check_equivalent(build_lazyfree_clean, &w);
	CHECK(!folio_test_partially_mapped(w.folios[0]));
	CHECK_CLEARS(16);
	CHECK_EQ(model.stats.rmap_remove_calls, 1);
}

/* A pinned exclusive page cannot be shared: the batch goes back. */
static void build_pinned(struct world *w)
{
	build_partial_swapbacked(w);
	w->folios[0]->pincount++;
	w->folios[0]->refcount++;
}

static void test_pinned_exclusive_restored(void)
{
	struct world w = { 0 };
	long i;

	check_equivalent(build_pinned, &w);
	CHECK(!world_run(build_pinned, &w, true));
	CHECK(world_consistent(w.folios, w.nr_folios, true));
	for (i = 0; i < 16; i++) {
		CHECK(pte_present(ptep_get(model_pte(w.addr + i * PAGE_SIZE))));
		CHECK_EQ(PageAnonExclusive(folio_page(w.folios[0], i)), i < 10);
		CHECK_EQ(swap_count(page_swap_entry(folio_page(w.folios[0], i))), 0);
	}
}

static void build_swap_full(struct world *w)
{
	build_partial_swapbacked(w);
	model_set_swap_count(page_swap_entry(folio_page(w->folios[0], 2)),
			     SWAP_MAP_MAX);
}

static void test_swap_duplicate_fails(void)
{
	struct world w = { 0 };

	check_equivalent(build_swap_full, &w);
	CHECK(!world_run(build_swap_full, &w, true));
	CHECK(world_consistent(w.folios, w.nr_folios, true));
	CHECK_EQ(pte_count(w.addr, 16, pte_present), 16);
}

/* Two folios with consecutive pfns mapped back to back. */
static void build_neighbours(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *a, *b;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, FILE_MAPPING, VM_READ,
			    false);
	a = world_folio(w, 3, FOLIO_FILE, 8);
	b = world_folio(w, 3, FOLIO_FILE, 16);
	map_all(w, vma, b, PROT_RW);
	map_all(w, vma, a, PROT_RW);
	world_target(w, a);
}

static void test_batch_stops_at_folio_end(void)
{
	struct world w = { 0 };

	check_equivalent(build_neighbours, &w);
	CHECK_EQ(folio_pfn(w.folios[1]), folio_pfn(w.folios[0]) + 8);
	CHECK_CLEARS(8);
	CHECK_EQ(folio_mapcount(w.folios[1]), 8);
	CHECK_EQ(pte_count(BASE + 16 * PAGE_SIZE, 8, pte_present), 8);
}

/* hwpoison: one PTE at a time, the poisoned page gets a hwpoison entry. */
static void build_hwpoison(struct world *w)
{
	build_neighbours(w);
	SetPageHWPoison(folio_page(w->folios[0], 3));
	w->flags = TTU_HWPOISON;
}

static void test_hwpoison_no_batching(void)
{
	struct world w = { 0 };
	pte_t pte;

	check_equivalent(build_hwpoison, &w);
	CHECK_EQ(model.stats.batch_calls, 0);
	CHECK_CLEARS(1, 1, 1, 1, 1, 1, 1, 1);
	pte = ptep_get(model_pte(BASE + 11 * PAGE_SIZE));
	CHECK(is_swap_pte(pte) && is_hwpoison_entry(pte_to_swp_entry(pte)));
	CHECK_EQ(get_mm_counter(model.mm, MM_FILEPAGES), 8);
}

/* hugetlb goes through its own rmap_one, never the PTE batching. */
static void build_hugetlb(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;

	vma = model_add_vma(BASE, BASE + 2 * PMD_SIZE, 0, FILE_MAPPING,
			    VM_READ | VM_HUGETLB, false);
	folio = world_folio(w, 9, FOLIO_HUGETLB, 512);
	model_map_hugetlb(vma, folio, PROT_RW | _PAGE_DIRTY);
	SetPageHWPoison(folio_page(folio, 7));
	w->flags = TTU_HWPOISON;
	w->addr = BASE + PMD_SIZE;
	world_target(w, folio);
}

static void test_hugetlb_own_path(void)
{
	struct world w = { 0 };
	pte_t huge;

	check_equivalent(build_hugetlb, &w);
	CHECK_EQ(model.stats.batch_calls, 0);
	CHECK_EQ(model.stats.batched_clears, 0);
	huge = model.mm->pmd[pmd_index(w.addr)].huge;
	CHECK(is_swap_pte(huge) && is_hwpoison_entry(pte_to_swp_entry(huge)));
	CHECK_EQ(model.mm->hugetlb_usage, 0);
	CHECK(folio_test_dirty(w.folios[0]));
}

/* A small folio is never batched. */
static void build_small(struct world *w)
{
	struct vm_area_struct *vma;
	struct folio *folio;

	vma = model_add_vma(BASE, BASE + PMD_SIZE, 0, ANON_MAPPING,
			    VM_READ | VM_WRITE, true);
	folio = world_folio(w, 0, FOLIO_ANON_SWAPBACKED, 3);
	map_all(w, vma, folio, PROT_RW);
	SetPageAnonExclusive(folio_page(folio, 0));
	world_target(w, folio);
}

static void test_small_folio(void)
{
	struct world w = { 0 };

	check_equivalent(build_small, &w);
	CHECK_EQ(model.stats.batch_calls, 0);
	CHECK_CLEARS(1);
}

const struct test scenario_tests[] = {
	{ "scenario: folio starts in the last PTE-table entry", test_last_entry_folio },
	{ "scenario: order-9 folio starts in the last entry", test_last_entry_order9 },
	{ "scenario: VMA ends inside the folio (mremap)", test_vma_ends_inside_folio },
	{ "scenario: VMA split inside the folio (mprotect)", test_vma_split_inside_folio },
	{ "scenario: partial batches, swap-backed anon", test_partial_batches_swapbacked },
	{ "scenario: partial batches, every nr", test_partial_batches_every_nr },
	{ "scenario: device-exclusive entry between batches", test_device_exclusive_between_batches },
	{ "scenario: uffd-wp VMA, file markers", test_uffd_wp_markers },
	{ "scenario: uffd-wp VMA, anon swap bit", test_uffd_wp_anon_swap_bit },
	{ "scenario: PROT_NONE first PTE", test_protnone_first_pte },
	{ "scenario: dirty bit on a later PTE (lazyfree)", test_dirty_bit_on_later_pte },
	{ "scenario: dirty bit on a later PTE (file)", test_dirty_bit_file_folio },
	{ "scenario: flush covers exactly the cleared range", test_flush_exact_range },
	{ "scenario: whole-folio batch avoids deferred split", test_no_deferred_split },
	{ "scenario: pinned exclusive pages are restored", test_pinned_exclusive_restored },
	{ "scenario: swap count overflow restores the batch", test_swap_duplicate_fails },
	{ "scenario: batch stops at the folio end", test_batch_stops_at_folio_end },
	{ "scenario: hwpoison falls back to one PTE", test_hwpoison_no_batching },
	{ "scenario: hugetlb takes its own path", test_hugetlb_own_path },
	{ "scenario: order-0 folio", test_small_folio },
	{ NULL, NULL },
};
