// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running worlds through the reference and the PTE-by-PTE unmap.
 */
#include <string.h>

#include "../include/tlbflush.h"
#include "world.h"

bool world_run(world_fn fn, struct world *w, bool batched)
{
	unsigned long seed = w->seed;
	bool ret = true;
	int i;

	model_reset();
	memset(w, 0, sizeof(*w));
	w->seed = seed;
	fn(w);
	for (i = 0; i < w->nr_targets && ret; i++) {
		if (batched)
			ret = try_to_unmap(w->targets[i], w->flags);
		else
			ret = try_to_unmap_pte_by_pte(w->targets[i], w->flags);
	}
	try_to_unmap_flush();
	return ret;
}

bool world_equivalent(world_fn fn, struct world *w, bool report)
{
	static struct snapshot pte_by_pte, batched;
	bool ok = true, ret;

	ret = world_run(fn, w, false);
	if (!world_consistent(w->folios, w->nr_folios, report)) {
		if (report)
			printf("#   ^ PTE-by-PTE world inconsistent\n");
		ok = false;
	}
	snapshot_take(&pte_by_pte, w->folios, w->nr_folios, ret);

	ret = world_run(fn, w, true);
	if (!world_consistent(w->folios, w->nr_folios, report)) {
		if (report)
			printf("#   ^ batched world inconsistent\n");
		ok = false;
	}
	snapshot_take(&batched, w->folios, w->nr_folios, ret);

	/* After an abort only the outcome is comparable, see oracle.h. */
	if (!snapshot_equal(&batched, &pte_by_pte,
			    batched.ret && pte_by_pte.ret, report)) {
		if (report)
			printf("#   ^ batched (left) != PTE by PTE (right)\n");
		ok = false;
	}
	snapshot_free(&pte_by_pte);
	snapshot_free(&batched);
	return ok;
}
