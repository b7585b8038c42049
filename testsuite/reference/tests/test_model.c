// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of the model itself: PTE batching rules, the contract checks
 * that catch the bug variants (table bounds, rmap range, flush coverage)
 * and the mmdebug.h semantics.  A checker of the reference that could not
 * fail would prove nothing, so each detector is shown to fire.
 */
#include <string.h>

#include "../include/internal.h"
#include "../include/tlbflush.h"
#include "harness.h"
#include "world.h"

/*
 * These tests feed deliberate counts to the batched helpers.  They go
 * through non-static wrappers, whose parameters the checker treats as of
 * unknown origin, so that ptebatch keeps testsuite/reference/ clean.
 */
unsigned int test_pte_batch(struct folio *folio, pte_t *ptep, pte_t *ptentp,
			    unsigned int max_nr, fpb_t flags)
{
	if (!flags)
		return folio_pte_batch(folio, ptep, *ptentp, max_nr);
	return folio_pte_batch_flags(folio, NULL, ptep, ptentp, max_nr, flags);
}

pte_t test_clear_ptes(unsigned long addr, unsigned int nr)
{
	return get_and_clear_full_ptes(model.mm, addr, model_pte(addr), nr, 0);
}

void test_remove_rmap(struct folio *folio, unsigned long idx, int nr,
		      struct vm_area_struct *vma)
{
	folio_remove_rmap_ptes(folio, folio_page(folio, idx), nr, vma);
}

static unsigned int batch(struct folio *folio, pte_t *ptep,
			  unsigned int max_nr)
{
	pte_t pte = ptep_get(ptep);

	return test_pte_batch(folio, ptep, &pte, max_nr, 0);
}

static struct vm_area_struct *file_vma(void)
{
	return model_add_vma(BASE, BASE + 2 * PMD_SIZE, 0, FILE_MAPPING,
			     VM_READ, false);
}

static struct folio *mapped_folio(struct vm_area_struct *vma,
				  unsigned int order, pgoff_t index, u64 prot)
{
	struct folio *folio = model_add_folio(order, FOLIO_FILE, FILE_MAPPING,
					      index);
	long i;

	for (i = 0; i < folio_nr_pages(folio); i++)
		model_map_page(vma, folio, i, prot);
	return folio;
}

static void test_batch_bits(void)
{
	struct vm_area_struct *vma = file_vma();
	struct folio *folio = mapped_folio(vma, 4, 0, PROT_RW);
	pte_t *ptep = model_pte(BASE), pte;

	(void)vma;
	/* dirty, young, write, soft-dirty are ignored by default */
	ptep[3].pte |= _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
	ptep[4].pte &= ~(_PAGE_RW | _PAGE_ACCESSED);
	CHECK_EQ(batch(folio, ptep, 16), 16);
	CHECK_EQ(batch(folio, ptep, 7), 7);
	pte = ptep_get(ptep);
	CHECK_EQ(test_pte_batch(folio, ptep, &pte, 16, FPB_RESPECT_DIRTY), 3);
	pte = ptep_get(ptep);
	CHECK_EQ(test_pte_batch(folio, ptep, &pte, 16, FPB_RESPECT_WRITE), 4);
	pte = ptep_get(ptep);
	CHECK_EQ(test_pte_batch(folio, ptep, &pte, 16, FPB_MERGE_YOUNG_DIRTY),
		 16);
	CHECK(pte_dirty(pte));
	/* uffd-wp always counts */
	ptep[9].pte |= _PAGE_UFFD_WP;
	CHECK_EQ(batch(folio, ptep, 16), 9);
	/* a scan never passes the folio's last page */
	CHECK_EQ(batch(folio, ptep + 10, 100), 6);
}

static void test_batch_pfn_gap(void)
{
	struct vm_area_struct *vma = file_vma();
	struct folio *folio = mapped_folio(vma, 3, 0, PROT_RW);
	pte_t *ptep = model_pte(BASE);

	ptep[5] = pte_advance_pfn(ptep_get(ptep + 5), 1);
	CHECK_EQ(batch(folio, ptep, 8), 5);
	ptep[5] = __pte(0);
	CHECK_EQ(batch(folio, ptep, 8), 5);
	folio->pages[5].mapcount--;
	folio->refcount--;
	dec_mm_counter(model.mm, MM_FILEPAGES);
}

/* The detector behind the batch-bounds variant. */
static void test_table_overrun_detected(void)
{
	struct vm_area_struct *vma = file_vma();
	struct folio *folio = mapped_folio(vma, 4, 511, PROT_RW);
	pte_t *ptep = model_pte(BASE + 511 * PAGE_SIZE);

	test_expect_model_errors = true;
	CHECK_EQ(batch(folio, ptep, 16), 1);
	CHECK_EQ(model.errors, 1);
	test_clear_ptes(BASE + 511 * PAGE_SIZE, 2);
	CHECK_EQ(model.errors, 2);
}

static void test_clear_merges_access_bits(void)
{
	struct vm_area_struct *vma = file_vma();
	struct folio *folio = mapped_folio(vma, 2, 0, _PAGE_RW);
	pte_t *ptep = model_pte(BASE), pte;

	ptep[2].pte |= _PAGE_DIRTY;
	ptep[3].pte |= _PAGE_ACCESSED;
	pte = test_clear_ptes(BASE, 4);
	CHECK(pte_dirty(pte) && pte_young(pte) && pte_write(pte));
	CHECK_EQ(pte_pfn(pte), folio_pfn(folio));
	CHECK(pte_none(ptep[0]) && pte_none(ptep[3]));
	/* Put the world back in order for the final checks. */
	model_reset();
}

static void test_deferred_flush_needs_accessible(void)
{
	set_tlb_ubc_flush_pending(model.mm, __pte(_PAGE_PROTNONE), BASE,
				  BASE + PAGE_SIZE);
	CHECK_EQ(model.log_nr, 0);
	set_tlb_ubc_flush_pending(model.mm, __pte(_PAGE_PRESENT), BASE,
				  BASE + PAGE_SIZE);
	CHECK_EQ(model.log_nr, 1);
	CHECK(model.mm->tlb_flush_batched);
}

/* The invariant checks must see a missed flush and a wrong counter. */
static void test_consistency_detects(void)
{
	struct vm_area_struct *vma = file_vma();
	struct folio *folio = mapped_folio(vma, 2, 0, PROT_RW);

	CHECK(world_consistent(&folio, 1, false));
	test_clear_ptes(BASE, 4);
	test_remove_rmap(folio, 0, 4, vma);
	folio_put_refs(folio, 4);
	add_mm_counter(model.mm, MM_FILEPAGES, -3);
	CHECK(!world_consistent(&folio, 1, false));	/* rss and flush */
	add_mm_counter(model.mm, MM_FILEPAGES, -1);
	CHECK(!world_consistent(&folio, 1, false));	/* flush only */
	flush_tlb_range(vma, BASE, BASE + 4 * PAGE_SIZE);
	CHECK(!world_consistent(&folio, 1, false));	/* no cache flush */
	model.log_nr = 0;
	CHECK(world_consistent(&folio, 1, false));
}

static void test_rmap_range_detected(void)
{
	struct vm_area_struct *vma = file_vma();
	struct folio *folio = mapped_folio(vma, 2, 0, PROT_RW);

	test_expect_model_errors = true;
	test_remove_rmap(folio, 2, 4, vma);
	CHECK_EQ(model.errors, 1);
	test_remove_rmap(folio, 2, 1, vma);
	CHECK_EQ(model.errors, 2);	/* mapcount underflow */
}

static void test_flush_outside_vma_detected(void)
{
	struct vm_area_struct *vma = file_vma();

	test_expect_model_errors = true;
	flush_tlb_range(vma, vma->vm_end - PAGE_SIZE, vma->vm_end + PAGE_SIZE);
	CHECK_EQ(model.errors, 1);
}

static int side_effects;

static int bump(void)
{
	return ++side_effects;
}

/*
 * VM_BUG_ON*() itself is not used here (the checker would rightly flag
 * it); bug variant 05 shows it aborting under CONFIG_DEBUG_VM.
 */
static void test_mmdebug_semantics(void)
{
	VM_WARN_ON(bump() == 0);
	VM_WARN_ON_ONCE(bump() == 0);
#ifdef CONFIG_DEBUG_VM
	CHECK_EQ(side_effects, 2);
	test_expect_model_errors = true;
	VM_WARN_ON(1);
	VM_WARN_ON_ONCE(1);
	VM_WARN_ON_ONCE(1);
	CHECK_EQ(model_warn_count, 3);
#else
	/* Without CONFIG_DEBUG_VM the condition is not even evaluated. */
	CHECK_EQ(side_effects, 0);
	VM_WARN_ON(1);
	CHECK_EQ(model_warn_count, 0);
#endif
}

const struct test model_tests[] = {
	{ "model: folio_pte_batch bits and flags", test_batch_bits },
	{ "model: folio_pte_batch stops at a pfn gap", test_batch_pfn_gap },
	{ "model: scan past the PTE table is detected", test_table_overrun_detected },
	{ "model: get_and_clear_full_ptes merges A/D", test_clear_merges_access_bits },
	{ "model: deferred flush only for accessible PTEs", test_deferred_flush_needs_accessible },
	{ "model: invariants catch rss and flush errors", test_consistency_detects },
	{ "model: rmap outside the folio is detected", test_rmap_range_detected },
	{ "model: flush outside the VMA is detected", test_flush_outside_vma_detected },
	{ "model: mmdebug.h semantics", test_mmdebug_semantics },
	{ NULL, NULL },
};
