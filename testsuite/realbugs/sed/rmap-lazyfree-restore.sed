# SPDX-License-Identifier: GPL-2.0-only
# folio_unmap_pte_batch() ignores the writable and soft-dirty bits again;
# the restore path writes the first entry back to the whole batch.
/^\treturn folio_pte_batch_flags(folio, vma, pvmw->pte, &pte, max_nr,$/{N;s/.*/\treturn folio_pte_batch(folio, pvmw->pte, pte, max_nr);/;}
