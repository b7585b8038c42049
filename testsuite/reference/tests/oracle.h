// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test oracles: unmapping one PTE at a time (the pre-batching shape), and
 * the checks that compare worlds.
 */
#ifndef PTEBATCH_TESTS_ORACLE_H
#define PTEBATCH_TESTS_ORACLE_H

#include "../include/model.h"

/* try_to_unmap() that never batches: the equivalence baseline. */
bool try_to_unmap_pte_by_pte(struct folio *folio, enum ttu_flags flags);

#define SNAP_MAX_FOLIOS	16

struct snap_folio {
	unsigned int order;
	unsigned long flags;
	int refcount;
	int entire_mapcount;
	int mapcount[1 << MAX_ORDER_MODEL];
	unsigned long page_flags[1 << MAX_ORDER_MODEL];
};

struct snapshot {
	bool ret;
	long rss[NR_MM_COUNTERS];
	long hugetlb_usage;
	pte_t *tables[PTRS_PER_PMD];	/* copies, NULL where none */
	pte_t huge[PTRS_PER_PMD];
	int nr_folios;
	struct snap_folio folio[SNAP_MAX_FOLIOS];
	unsigned char *swap_map;
	unsigned long swap_slots;
};

void snapshot_take(struct snapshot *s, struct folio **folios, int nr,
		   bool ret);
void snapshot_free(struct snapshot *s);
/*
 * Compare two worlds; @exact also compares PTE values, counters,
 * mapcounts, swap counts and the dirty/swapbacked flags.  Those are not
 * comparable after an aborted unmap: the batched path puts back the
 * whole batch and may have seen a dirty bit the PTE-by-PTE path never
 * reached.  PG_partially_mapped is never compared: avoiding the deferred
 * split is the point of batching.  Prints differences when @report.
 */
bool snapshot_equal(const struct snapshot *a, const struct snapshot *b,
		    bool exact, bool report);

/*
 * Model invariants: mapcounts, rss and swap counts agree with the page
 * tables, references with mappings, every cleared accessible PTE lies in
 * a later TLB flush and an earlier cache flush.  Prints why not when
 * @report.
 */
bool world_consistent(struct folio **folios, int nr, bool report);

#endif /* PTEBATCH_TESTS_ORACLE_H */
