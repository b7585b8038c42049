// SPDX-License-Identifier: GPL-2.0-only
/*
 * Randomized equivalence test: random folio kinds and orders (0..9),
 * placements (often with the first page in the last PTE-table entry),
 * VMA cuts (mremap-style and split VMAs), holes, PTE bits (write, dirty,
 * young, soft-dirty, uffd-wp, PROT_NONE), device-exclusive entries, COWed
 * pages, neighbouring folios with consecutive pfns, pins, hwpoison and
 * full swap counts.  Each world is unmapped once by the reference and
 * once PTE by PTE: both must keep the model consistent (including flush
 * coverage) and end in identical page tables, counters, mapcounts and
 * folio flags.
 *
 *   PTEBATCH_SEED=N	base seed (default fixed, printed)
 *   PTEBATCH_CASES=N	number of cases (default 10000)
 *   PTEBATCH_CASE=K	run only case K of the seed, with a report
 */
#include <string.h>
#include <time.h>

#include "../include/swap.h"
#include "harness.h"
#include "world.h"

#define DEFAULT_SEED	0x70eba7c4ULL
#define DEFAULT_CASES	10000UL

struct rng {
	u64 state;
};

static u64 rng_next(struct rng *r)
{
	u64 z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long rnd(struct rng *r, unsigned long n)
{
	return n ? rng_next(r) % n : 0;
}

static bool chance(struct rng *r, unsigned int pct)
{
	return rnd(r, 100) < pct;
}

struct gen {
	struct rng r;
	struct world *w;
	enum folio_kind kind;
	unsigned int order;
	long n;
	bool anon;
	unsigned long mapping, vm_flags;
	unsigned long fa;		/* address of page 0 in the main VMA */
	pgoff_t index;
	struct vm_area_struct *vma;
	unsigned int hole_pct, dirty_pct, flip_pct, devx_pct, cow_pct;
	unsigned int protnone_pct;
	u64 prot;
};

static unsigned int pick_order(struct rng *r)
{
	unsigned long x = rnd(r, 100);

	if (x < 10)
		return 0;
	if (x < 60)
		return 1 + rnd(r, 4);
	if (x < 90)
		return 5 + rnd(r, 4);
	return 9;
}

static unsigned long pick_offset(struct gen *g)
{
	switch (rnd(&g->r, 4)) {
	case 0:
		return PTRS_PER_PTE - 1;		/* last table entry */
	case 1:
		return PTRS_PER_PTE - 1 - rnd(&g->r, g->n);	/* straddles */
	case 2:
		return g->n * rnd(&g->r, PTRS_PER_PTE / g->n);	/* aligned */
	default:
		return rnd(&g->r, 2 * PTRS_PER_PTE);
	}
}

static unsigned long vm_flags_for(struct gen *g)
{
	unsigned long flags = VM_READ | (g->anon ? VM_WRITE : 0);

	if (chance(&g->r, 15))
		flags |= VM_UFFD_WP;
	return flags;
}

/* A VMA mapping the folio linearly so that page 0 sits at @fa. */
static struct vm_area_struct *add_vma(struct gen *g, unsigned long start,
				      unsigned long end, unsigned long fa)
{
	long delta = ((long)start - (long)fa) / (long)PAGE_SIZE;

	return model_add_vma(start, end, g->index + delta, g->mapping,
			     vm_flags_for(g), g->anon);
}

static void make_main_vma(struct gen *g)
{
	unsigned long P = PAGE_SIZE, vs, ve;

	vs = g->fa - rnd(&g->r, 4) * P;
	if (chance(&g->r, 15))
		vs = g->fa + rnd(&g->r, g->n) * P;		/* cut at start */
	ve = g->fa + (g->n + rnd(&g->r, 4)) * P;
	if (chance(&g->r, 25))
		ve = g->fa + (1 + rnd(&g->r, g->n)) * P;	/* cut at end */
	ve = max(ve, vs + P);
	g->vma = add_vma(g, vs, ve, g->fa);
	g->w->vma[0] = g->vma;
}

static u64 page_prot(struct gen *g, long i, struct vm_area_struct *vma)
{
	u64 prot = g->prot;

	if (chance(&g->r, g->flip_pct))
		prot ^= _PAGE_RW;
	if (chance(&g->r, g->flip_pct))
		prot ^= _PAGE_SOFT_DIRTY;
	if (chance(&g->r, g->dirty_pct))
		prot |= _PAGE_DIRTY;
	if (chance(&g->r, 50))
		prot ^= _PAGE_ACCESSED;
	if (userfaultfd_wp(vma) && chance(&g->r, 70))
		prot |= _PAGE_UFFD_WP;
	if ((i == 0 && chance(&g->r, 10)) || chance(&g->r, g->protnone_pct))
		prot |= _PAGE_PROTNONE;
	return prot;
}

/* Map folio page @i in @vma: normally, device-exclusive, COWed or not. */
static void map_one(struct gen *g, struct vm_area_struct *vma,
		    struct folio *folio, long i)
{
	struct world *w = g->w;
	struct folio *cow;

	if (chance(&g->r, g->hole_pct))
		return;
	if (g->anon && chance(&g->r, g->devx_pct)) {
		model_map_page_devx(vma, folio, i);
		return;
	}
	/* leave room for the neighbour */
	if (g->anon && chance(&g->r, g->cow_pct) &&
	    w->nr_folios < SNAP_MAX_FOLIOS - 2) {
		cow = world_folio(w, 0, g->kind, folio->index + i);
		model_map_page(vma, cow, 0, page_prot(g, i, vma));
		if (chance(&g->r, 50))
			SetPageAnonExclusive(folio_page(cow, 0));
		return;
	}
	model_map_page(vma, folio, i, page_prot(g, i, vma));
}

static bool in_vma(struct vm_area_struct *vma, unsigned long addr)
{
	return vma && addr >= vma->vm_start && addr < vma->vm_end;
}

/* Pages outside the main VMA: gone, mremap()ed away, or split VMAs. */
static void map_rest(struct gen *g, struct folio *folio)
{
	unsigned long P = PAGE_SIZE, fb;
	struct vm_area_struct *before = NULL, *after = NULL;
	long i;

	switch (rnd(&g->r, 3)) {
	case 0:
		return;
	case 1:
		fb = BASE + 8 * PMD_SIZE + pick_offset(g) * P;
		before = add_vma(g, fb, fb + g->n * P, fb);
		g->w->vma[1] = before;
		for (i = 0; i < g->n; i++)
			if (!in_vma(g->vma, g->fa + i * P))
				map_one(g, before, folio, i);
		return;
	default:
		if (g->vma->vm_start > g->fa)
			before = add_vma(g, g->fa, g->vma->vm_start, g->fa);
		if (g->vma->vm_end < g->fa + g->n * P)
			after = add_vma(g, g->vma->vm_end, g->fa + g->n * P, g->fa);
		for (i = 0; i < g->n; i++) {
			unsigned long addr = g->fa + i * P;

			if (in_vma(before, addr))
				map_one(g, before, folio, i);
			else if (in_vma(after, addr))
				map_one(g, after, folio, i);
		}
	}
}

static void set_exclusive(struct gen *g, struct folio *folio)
{
	unsigned long mode = rnd(&g->r, 4), run = 1 + rnd(&g->r, 8);
	long i;

	for (i = 0; i < g->n; i++) {
		bool excl = mode == 1 || (mode == 2 && chance(&g->r, 50)) ||
			    (mode == 3 && (i / run) % 2);

		if (excl)
			SetPageAnonExclusive(folio_page(folio, i));
	}
}

static void add_neighbour(struct gen *g, struct folio *folio)
{
	struct world *w = g->w;
	struct folio *next;
	long i;

	next = world_folio(w, g->order, g->kind, g->index + g->n);
	for (i = 0; i < g->n; i++)
		if (in_vma(g->vma, g->fa + (g->n + i) * PAGE_SIZE))
			model_map_page(g->vma, next, i, page_prot(g, 0, g->vma));
	if (g->kind == FOLIO_ANON_SWAPBACKED)
		set_exclusive(g, next);
	if (chance(&g->r, 50))
		world_target(w, next);
}

static void pick_rates(struct gen *g)
{
	struct rng *r = &g->r;

	g->hole_pct = chance(r, 30) ? 10 : 0;
	g->dirty_pct = chance(r, 50) ? 0 : chance(r, 50) ? 5 : 30;
	g->flip_pct = chance(r, 70) ? 0 : 10;
	g->devx_pct = chance(r, 20) ? 10 : 0;
	g->cow_pct = chance(r, 20) ? 5 : 0;
	g->protnone_pct = chance(r, 10) ? 10 : 0;
	g->prot = (chance(r, 60) ? _PAGE_RW : 0) |
		  (chance(r, 30) ? _PAGE_SOFT_DIRTY : 0);
}

static void build_hugetlb(struct gen *g)
{
	struct world *w = g->w;
	struct vm_area_struct *vma;
	struct folio *folio;

	vma = model_add_vma(BASE, BASE + 4 * PMD_SIZE, 0, FILE_MAPPING,
			    VM_READ | VM_HUGETLB, false);
	folio = world_folio(w, 9, FOLIO_HUGETLB, 512 * (1 + rnd(&g->r, 3)));
	model_map_hugetlb(vma, folio, chance(&g->r, 50) ? _PAGE_DIRTY : 0);
	SetPageHWPoison(folio_page(folio, rnd(&g->r, 512)));
	w->flags = TTU_HWPOISON | (chance(&g->r, 50) ? TTU_BATCH_FLUSH : 0);
	world_target(w, folio);
}

static void build_random(struct world *w)
{
	struct gen g = { .r = { w->seed }, .w = w };
	static const enum folio_kind kinds[] = {
		FOLIO_FILE, FOLIO_SHMEM, FOLIO_ANON_LAZYFREE,
		FOLIO_ANON_SWAPBACKED,
	};
	struct folio *folio;
	long i;

	if (chance(&g.r, 3)) {
		build_hugetlb(&g);
		return;
	}
	g.kind = kinds[rnd(&g.r, ARRAY_SIZE(kinds))];
	g.anon = g.kind == FOLIO_ANON_LAZYFREE || g.kind == FOLIO_ANON_SWAPBACKED;
	g.mapping = g.anon ? ANON_MAPPING : FILE_MAPPING;
	g.order = pick_order(&g.r);
	g.n = 1L << g.order;
	g.index = g.n * (64 + rnd(&g.r, 64));
	g.fa = BASE + pick_offset(&g) * PAGE_SIZE;
	pick_rates(&g);
	make_main_vma(&g);

	folio = world_folio(w, g.order, g.kind, g.index);
	world_target(w, folio);
	for (i = 0; i < g.n; i++)
		if (in_vma(g.vma, g.fa + i * PAGE_SIZE))
			map_one(&g, g.vma, folio, i);
	map_rest(&g, folio);
	if (g.kind == FOLIO_ANON_SWAPBACKED)
		set_exclusive(&g, folio);
	if (chance(&g.r, 40))
		add_neighbour(&g, folio);

	if (g.kind == FOLIO_ANON_LAZYFREE && chance(&g.r, 10))
		folio_set_dirty(folio);
	if (chance(&g.r, 5)) {
		folio->pincount++;
		folio->refcount++;
	}
	if (chance(&g.r, 8)) {
		SetPageHWPoison(folio_page(folio, rnd(&g.r, g.n)));
		w->flags |= TTU_HWPOISON;
	}
	if (g.kind == FOLIO_ANON_SWAPBACKED && chance(&g.r, 4))
		model_set_swap_count(page_swap_entry(folio_page(folio,
							rnd(&g.r, g.n))),
				     SWAP_MAP_MAX);
	if (chance(&g.r, 50))
		w->flags |= TTU_BATCH_FLUSH;
	w->addr = g.fa;
}

static unsigned long env_ul(const char *name, unsigned long def)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : def;
}

static void describe(struct world *w)
{
	struct folio *f = w->folios[0];

	printf("#   folio order %u flags %#lx, page 0 at %#lx (table entry %lu), ttu %#x, %d folios\n",
	       f->order, f->flags, w->addr, pte_index(w->addr), w->flags,
	       w->nr_folios);
}

struct random_stats {
	unsigned long batches, partial, aborted;
};

static void count_batches(struct random_stats *st, struct world *w)
{
	size_t e;

	st->aborted += folio_mapped(w->targets[0]);
	for (e = 0; e < model.log_nr; e++) {
		const struct model_event *ev = &model.log[e];
		unsigned long nr = (ev->end - ev->start) >> PAGE_SHIFT;

		if (ev->kind != EV_CLEAR || nr < 2 || w->folios[0]->order == 9)
			continue;
		st->batches++;
		st->partial += nr < (unsigned long)folio_nr_pages(w->folios[0]);
	}
}

static void test_random_equivalence(void)
{
	u64 seed = env_ul("PTEBATCH_SEED", DEFAULT_SEED);
	unsigned long cases = env_ul("PTEBATCH_CASES", DEFAULT_CASES);
	unsigned long only = env_ul("PTEBATCH_CASE", ~0UL), i;
	struct random_stats st = { 0 };
	struct rng base = { seed };
	struct world w = { 0 };
	struct timespec t0, t1;

	if (only != ~0UL)
		cases = max(cases, only + 1);
	printf("# random: PTEBATCH_SEED=%#llx PTEBATCH_CASES=%lu\n",
	       (unsigned long long)seed, cases);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < cases; i++) {
		w.seed = rng_next(&base);
		if (only != ~0UL && i != only)
			continue;
		if (only != ~0UL || test_verbose)
			printf("# random: case %lu\n", i);
		if (world_equivalent(build_random, &w, only != ~0UL)) {
			count_batches(&st, &w);
			continue;
		}
		printf("# random: case %lu failed; replay: PTEBATCH_SEED=%#llx PTEBATCH_CASE=%lu\n",
		       i, (unsigned long long)seed, i);
		world_equivalent(build_random, &w, true);
		describe(&w);
		test_fail(__FILE__, __LINE__, "batched != PTE by PTE");
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# random: %lu cases in %.2f s: %lu batched clears (%lu partial), %lu folios left mapped\n",
	       only != ~0UL ? 1 : cases,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       st.batches, st.partial, st.aborted);
}

const struct test random_tests[] = {
	{ "random: batched == PTE by PTE", test_random_equivalence },
	{ NULL, NULL },
};
