# SPDX-License-Identifier: GPL-2.0-only
# DAMOS_STAT's PTE walk advances by the whole folio from a PTE that can map
# any page of it.
/^static int damos_va_stat_pmd_entry(/,/^}/s/^\t\tnr = folio_nr_pages(folio) - page_idx;$/\t\tnr = folio_nr_pages(folio);/
