# SPDX-License-Identifier: GPL-2.0-only
# mremap's batch ignores the writable bit again (folio_pte_batch() without
# FPB_RESPECT_WRITE), and move_ptes() writes the first entry to all.
s/^\treturn folio_pte_batch_flags(folio, NULL, ptep, &pte, max_nr, FPB_RESPECT_WRITE);$/\treturn folio_pte_batch(folio, ptep, pte, max_nr);/
