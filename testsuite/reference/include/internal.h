// SPDX-License-Identifier: GPL-2.0-only
/*
 * PTE batching (mainline signatures).
 *
 * folio_pte_batch_flags() counts the PTEs from @ptep on that map
 * consecutive pages of @folio with the same bits, up to @max_nr.  By
 * default the dirty, soft-dirty and write bits are ignored and the young
 * bit always is; FPB_RESPECT_* make a bit count.  FPB_MERGE_* fold the
 * write/young/dirty bits of the whole batch into *@ptentp.  The caller
 * must keep @max_nr inside one PTE table and one VMA: the model reports
 * a scan that could leave the table.
 */
#ifndef PTEBATCH_MODEL_INTERNAL_H
#define PTEBATCH_MODEL_INTERNAL_H

#include "mm.h"

typedef int fpb_t;

#define FPB_RESPECT_DIRTY	((fpb_t)BIT(0))
#define FPB_RESPECT_SOFT_DIRTY	((fpb_t)BIT(1))
#define FPB_RESPECT_WRITE	((fpb_t)BIT(2))
#define FPB_MERGE_WRITE		((fpb_t)BIT(3))
#define FPB_MERGE_YOUNG_DIRTY	((fpb_t)BIT(4))

unsigned int folio_pte_batch_flags(struct folio *folio,
				   struct vm_area_struct *vma, pte_t *ptep,
				   pte_t *ptentp, unsigned int max_nr,
				   fpb_t flags);
unsigned int folio_pte_batch(struct folio *folio, pte_t *ptep, pte_t pte,
			     unsigned int max_nr);

#endif /* PTEBATCH_MODEL_INTERNAL_H */
