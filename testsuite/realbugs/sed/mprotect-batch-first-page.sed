# SPDX-License-Identifier: GPL-2.0-only
# The anon-exclusive sub-batches are looked up from the folio's first page,
# not from the page the batch starts at.
s/^\tcommit_anon_folio_batch(vma, folio, page, addr, ptep, oldpte, ptent, nr_ptes, tlb);$/\tcommit_anon_folio_batch(vma, folio, folio_page(folio, 0), addr, ptep, oldpte, ptent, nr_ptes, tlb);/
