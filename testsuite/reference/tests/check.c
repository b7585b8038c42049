// SPDX-License-Identifier: GPL-2.0-only
/*
 * World snapshots, comparison and the model invariants used by the
 * scenario and random tests.
 */
#include <stdarg.h>
#include <string.h>

#include "../include/swap.h"
#include "oracle.h"

#define MAX_REPORTS	8

static int reports;

static void report(bool on, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void report(bool on, const char *fmt, ...)
{
	va_list ap;

	if (!on || reports++ >= MAX_REPORTS)
		return;
	va_start(ap, fmt);
	printf("#   ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

void snapshot_take(struct snapshot *s, struct folio **folios, int nr,
		   bool ret)
{
	struct mm_struct *mm = model.mm;
	int i, j;

	/* The folio array is big: only the used part is written. */
	memset(s->tables, 0, sizeof(s->tables));
	s->ret = ret;
	memcpy(s->rss, mm->rss, sizeof(s->rss));
	s->hugetlb_usage = mm->hugetlb_usage;
	for (i = 0; i < PTRS_PER_PMD; i++) {
		s->huge[i] = mm->pmd[i].huge;
		if (!mm->pmd[i].table)
			continue;
		s->tables[i] = malloc(PAGE_SIZE);
		if (!s->tables[i])
			abort();
		memcpy(s->tables[i], mm->pmd[i].table, PAGE_SIZE);
	}
	s->nr_folios = min(nr, SNAP_MAX_FOLIOS);
	for (i = 0; i < s->nr_folios; i++) {
		struct folio *folio = folios[i];

		s->folio[i].order = folio->order;
		s->folio[i].flags = folio->flags;
		s->folio[i].refcount = folio->refcount;
		s->folio[i].entire_mapcount = folio->entire_mapcount;
		for (j = 0; j < folio_nr_pages(folio); j++) {
			s->folio[i].mapcount[j] = folio->pages[j].mapcount;
			s->folio[i].page_flags[j] = folio->pages[j].flags;
		}
	}
	s->swap_slots = model.swap_slots;
	s->swap_map = malloc(model.swap_slots);
	if (!s->swap_map)
		abort();
	memcpy(s->swap_map, model.swap_map, model.swap_slots);
}

void snapshot_free(struct snapshot *s)
{
	int i;

	for (i = 0; i < PTRS_PER_PMD; i++)
		free(s->tables[i]);
	free(s->swap_map);
	memset(s->tables, 0, sizeof(s->tables));
	s->swap_map = NULL;
}

static u64 snap_pte(const struct snapshot *s, int slot, int idx)
{
	return s->tables[slot] ? pte_val(s->tables[slot][idx]) : 0;
}

static bool tables_equal(const struct snapshot *a, const struct snapshot *b,
			 bool rep)
{
	bool equal = true;
	int i, j;

	for (i = 0; i < PTRS_PER_PMD; i++) {
		if (pte_val(a->huge[i]) != pte_val(b->huge[i])) {
			report(rep, "huge entry %d: %#llx != %#llx", i,
			       (unsigned long long)pte_val(a->huge[i]),
			       (unsigned long long)pte_val(b->huge[i]));
			equal = false;
		}
		if (!a->tables[i] && !b->tables[i])
			continue;
		for (j = 0; j < PTRS_PER_PTE; j++) {
			u64 x = snap_pte(a, i, j), y = snap_pte(b, i, j);

			if (x == y)
				continue;
			report(rep, "PTE at %#lx: %#llx != %#llx",
			       (unsigned long)i * PMD_SIZE + j * PAGE_SIZE,
			       (unsigned long long)x, (unsigned long long)y);
			equal = false;
		}
	}
	return equal;
}

static bool folios_equal(const struct snapshot *a, const struct snapshot *b,
			 bool exact, bool rep)
{
	unsigned long mask = ~BIT(PG_partially_mapped);
	bool equal = a->nr_folios == b->nr_folios;
	int i, j;

	/*
	 * After an abort the batched path may have seen a dirty bit of a
	 * later PTE that the PTE-by-PTE path never reached.
	 */
	if (!exact)
		mask &= ~(BIT(PG_dirty) | BIT(PG_swapbacked));
	for (i = 0; i < a->nr_folios && i < b->nr_folios; i++) {
		const struct snap_folio *x = &a->folio[i], *y = &b->folio[i];

		if ((x->flags & mask) != (y->flags & mask)) {
			report(rep, "folio %d flags %#lx != %#lx", i,
			       x->flags, y->flags);
			equal = false;
		}
		if (!exact)
			continue;
		if (x->order != y->order) {
			equal = false;
			continue;
		}
		if (x->refcount != y->refcount ||
		    x->entire_mapcount != y->entire_mapcount) {
			report(rep, "folio %d refcount %d/%d mapcount %d/%d", i,
			       x->refcount, y->refcount, x->entire_mapcount,
			       y->entire_mapcount);
			equal = false;
		}
		for (j = 0; j < (1 << x->order); j++) {
			if (x->mapcount[j] == y->mapcount[j] &&
			    x->page_flags[j] == y->page_flags[j])
				continue;
			report(rep, "folio %d page %d mapcount %d/%d flags %#lx/%#lx",
			       i, j, x->mapcount[j], y->mapcount[j],
			       x->page_flags[j], y->page_flags[j]);
			equal = false;
		}
	}
	return equal;
}

bool snapshot_equal(const struct snapshot *a, const struct snapshot *b,
		    bool exact, bool rep)
{
	bool equal = true;
	unsigned long i;
	int m;

	reports = 0;
	if (a->ret != b->ret) {
		report(rep, "try_to_unmap() returned %d != %d", a->ret, b->ret);
		equal = false;
	}
	equal &= folios_equal(a, b, exact, rep);
	if (!exact)
		return equal;
	equal &= tables_equal(a, b, rep);
	for (m = 0; m < NR_MM_COUNTERS; m++) {
		if (a->rss[m] == b->rss[m])
			continue;
		report(rep, "rss[%d] %ld != %ld", m, a->rss[m], b->rss[m]);
		equal = false;
	}
	if (a->hugetlb_usage != b->hugetlb_usage) {
		report(rep, "hugetlb usage %ld != %ld", a->hugetlb_usage,
		       b->hugetlb_usage);
		equal = false;
	}
	for (i = 0; i < a->swap_slots && i < b->swap_slots; i++) {
		if (a->swap_map[i] == b->swap_map[i])
			continue;
		report(rep, "swap slot %lu count %d != %d", i, a->swap_map[i],
		       b->swap_map[i]);
		equal = false;
	}
	return equal;
}

struct tally {
	int *mapcount[SNAP_MAX_FOLIOS];
	int entire[SNAP_MAX_FOLIOS];
	long rss[NR_MM_COUNTERS];
	long hugetlb;
	unsigned char *swap_refs;
};

static int folio_slot(struct folio **folios, int nr, struct folio *folio)
{
	int i;

	for (i = 0; i < nr; i++)
		if (folios[i] == folio)
			return i;
	return -1;
}

static bool tally_pte(struct tally *t, struct folio **folios, int nr,
		      pte_t pte, unsigned long addr, bool rep)
{
	swp_entry_t entry = pte_to_swp_entry(pte);
	unsigned long pfn;
	struct page *page;
	int slot;

	if (pte_none(pte))
		return true;
	if (is_swap_pte(pte) && swp_type(entry) == SWP_TYPE_SWAP) {
		t->rss[MM_SWAPENTS]++;
		if (swp_offset(entry) < model.swap_slots)
			t->swap_refs[swp_offset(entry)]++;
		return true;
	}
	if (pte_present(pte))
		pfn = pte_pfn(pte);
	else if (is_device_exclusive_entry(entry))
		pfn = swp_offset(entry);
	else
		return true;	/* hwpoison entry or marker */
	page = pfn_to_page(pfn);
	slot = page ? folio_slot(folios, nr, page_folio(page)) : -1;
	if (slot < 0) {
		report(rep, "PTE at %#lx maps pfn %#lx of no known folio",
		       addr, pfn);
		return false;
	}
	t->mapcount[slot][folio_page_idx(page_folio(page), page)]++;
	t->rss[mm_counter(page_folio(page))]++;
	return true;
}

static bool tally_tables(struct tally *t, struct folio **folios, int nr,
			 bool rep)
{
	struct mm_struct *mm = model.mm;
	bool ok = true;
	int i, j, slot;

	for (i = 0; i < PTRS_PER_PMD; i++) {
		pte_t huge = mm->pmd[i].huge;

		if (pte_present(huge)) {
			slot = folio_slot(folios, nr,
					  page_folio(pfn_to_page(pte_pfn(huge))));
			if (slot >= 0)
				t->entire[slot]++;
			t->hugetlb += PTRS_PER_PTE;
		}
		if (!mm->pmd[i].table)
			continue;
		for (j = 0; j < PTRS_PER_PTE; j++)
			ok &= tally_pte(t, folios, nr, mm->pmd[i].table[j],
					(unsigned long)i * PMD_SIZE + j * PAGE_SIZE,
					rep);
	}
	return ok;
}

static bool check_folio(struct tally *t, struct folio *folio, int slot,
			bool rep)
{
	bool ok = true;
	long j;

	for (j = 0; j < folio_nr_pages(folio); j++) {
		if (folio->pages[j].mapcount == t->mapcount[slot][j])
			continue;
		report(rep, "folio %d page %ld: mapcount %d but %d PTEs", slot,
		       j, folio->pages[j].mapcount, t->mapcount[slot][j]);
		ok = false;
	}
	if (folio->entire_mapcount != t->entire[slot]) {
		report(rep, "folio %d: entire mapcount %d but %d entries", slot,
		       folio->entire_mapcount, t->entire[slot]);
		ok = false;
	}
	if (folio->refcount != 1 + folio_mapcount(folio) + folio->pincount) {
		report(rep, "folio %d: refcount %d, mapcount %d, pins %d",
		       slot, folio->refcount, folio_mapcount(folio),
		       folio->pincount);
		ok = false;
	}
	return ok;
}

static bool check_counts(struct tally *t, bool rep)
{
	bool ok = true;
	unsigned long i;
	int m;

	for (m = 0; m < NR_MM_COUNTERS; m++) {
		if (model.mm->rss[m] == t->rss[m])
			continue;
		report(rep, "rss[%d] is %ld but page tables hold %ld", m,
		       model.mm->rss[m], t->rss[m]);
		ok = false;
	}
	if (model.mm->hugetlb_usage != t->hugetlb) {
		report(rep, "hugetlb usage %ld but %ld mapped",
		       model.mm->hugetlb_usage, t->hugetlb);
		ok = false;
	}
	for (i = 0; i < model.swap_slots; i++) {
		if (model.swap_map[i] == t->swap_refs[i] + model.swap_extra[i])
			continue;
		report(rep, "swap slot %lu: count %d but %d swap PTEs + %d", i,
		       model.swap_map[i], t->swap_refs[i], model.swap_extra[i]);
		ok = false;
	}
	return ok;
}

static bool page_accessible(const struct model_event *ev, unsigned long i)
{
	if ((ev->end - ev->start) >> PAGE_SHIFT > 64)
		return ev->accessible;
	return ev->accessible_mask & (1UL << i);
}

static void mark(unsigned char *map, unsigned long lo, unsigned long hi,
		 const struct model_event *ev)
{
	unsigned long a = max(ev->start, lo), b = min(ev->end, hi);

	for (; a < b; a += PAGE_SIZE)
		map[(a - lo) >> PAGE_SHIFT] = 1;
}

/* Every cleared accessible PTE: cache flushed before, TLB flushed after. */
static bool check_flushes(bool rep)
{
	unsigned long lo = ~0UL, hi = 0, i, p;
	unsigned char *tlb, *cache;
	bool ok = true;
	size_t e;

	for (e = 0; e < model.log_nr; e++) {
		if (model.log[e].kind != EV_CLEAR)
			continue;
		lo = min(lo, model.log[e].start);
		hi = max(hi, model.log[e].end);
	}
	if (lo >= hi)
		return true;
	tlb = calloc(2, (hi - lo) >> PAGE_SHIFT);
	if (!tlb)
		abort();
	cache = tlb + ((hi - lo) >> PAGE_SHIFT);
	for (e = 0; e < model.log_nr; e++) {
		const struct model_event *ev = &model.log[e];

		if (ev->kind == EV_FLUSH_CACHE)
			mark(cache, lo, hi, ev);
		if (ev->kind != EV_CLEAR)
			continue;
		for (i = 0, p = ev->start; p < ev->end; i++, p += PAGE_SIZE) {
			if (!page_accessible(ev, i) || cache[(p - lo) >> PAGE_SHIFT])
				continue;
			report(rep, "PTE at %#lx cleared without a cache flush", p);
			ok = false;
		}
	}
	for (e = model.log_nr; e-- > 0;) {
		const struct model_event *ev = &model.log[e];

		if (ev->kind == EV_FLUSH_TLB || ev->kind == EV_FLUSH_TLB_DEFERRED)
			mark(tlb, lo, hi, ev);
		if (ev->kind != EV_CLEAR)
			continue;
		for (i = 0, p = ev->start; p < ev->end; i++, p += PAGE_SIZE) {
			if (!page_accessible(ev, i) || tlb[(p - lo) >> PAGE_SHIFT])
				continue;
			report(rep, "PTE at %#lx cleared but never TLB-flushed", p);
			ok = false;
		}
	}
	free(tlb);
	return ok;
}

bool world_consistent(struct folio **folios, int nr, bool rep)
{
	struct tally t;
	bool ok;
	int i;

	reports = 0;
	memset(&t, 0, sizeof(t));
	nr = min(nr, SNAP_MAX_FOLIOS);
	for (i = 0; i < nr; i++) {
		t.mapcount[i] = calloc(folio_nr_pages(folios[i]), sizeof(int));
		if (!t.mapcount[i])
			abort();
	}
	t.swap_refs = calloc(1, model.swap_slots);
	if (!t.swap_refs)
		abort();
	ok = tally_tables(&t, folios, nr, rep);
	for (i = 0; i < nr; i++)
		ok &= check_folio(&t, folios[i], i, rep);
	ok &= check_counts(&t, rep);
	ok &= check_flushes(rep);
	if (model.errors) {
		report(rep, "%lu model contract errors", model.errors);
		ok = false;
	}
	if (model_warn_count) {
		report(rep, "%lu VM_WARN_ON hits", model_warn_count);
		ok = false;
	}
	for (i = 0; i < nr; i++)
		free(t.mapcount[i]);
	free(t.swap_refs);
	return ok;
}
