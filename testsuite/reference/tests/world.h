// SPDX-License-Identifier: GPL-2.0-only
/*
 * Worlds built by the scenario and random tests, and running one world
 * through both unmap paths.
 */
#ifndef PTEBATCH_TESTS_WORLD_H
#define PTEBATCH_TESTS_WORLD_H

#include "oracle.h"

#define FILE_MAPPING	1UL
#define ANON_MAPPING	2UL
#define BASE		(64UL << 20)	/* PMD aligned */
#define PROT_RW		(_PAGE_RW | _PAGE_ACCESSED)

struct world {
	struct folio *folios[SNAP_MAX_FOLIOS];
	int nr_folios;
	struct folio *targets[SNAP_MAX_FOLIOS];	/* unmapped in this order */
	int nr_targets;
	enum ttu_flags flags;
	struct vm_area_struct *vma[4];
	unsigned long addr;		/* address of the first folio page */
	unsigned long seed;		/* for random worlds */
};

typedef void (*world_fn)(struct world *w);

static inline struct folio *world_folio(struct world *w, unsigned int order,
					enum folio_kind kind, pgoff_t index)
{
	unsigned long mapping = kind == FOLIO_FILE || kind == FOLIO_SHMEM ||
				kind == FOLIO_HUGETLB ? FILE_MAPPING :
				ANON_MAPPING;
	struct folio *folio = model_add_folio(order, kind, mapping, index);

	if (w->nr_folios >= SNAP_MAX_FOLIOS)
		abort();
	w->folios[w->nr_folios++] = folio;
	return folio;
}

static inline void world_target(struct world *w, struct folio *folio)
{
	w->targets[w->nr_targets++] = folio;
}

/* Build @fn's world and unmap its targets, batched or PTE by PTE. */
bool world_run(world_fn fn, struct world *w, bool batched);
/*
 * Run @fn's world through both paths: both must keep the model
 * consistent and end in the same state.  Leaves the batched world in
 * place for further checks.
 */
bool world_equivalent(world_fn fn, struct world *w, bool report);

#endif /* PTEBATCH_TESTS_WORLD_H */
