# SPDX-License-Identifier: GPL-2.0-only
# DAMOS_MIGRATE_{HOT,COLD}'s PTE walk advances the same way.
/^static int damos_va_migrate_pmd_entry(/,/^}/s/^\t\tnr = folio_nr_pages(folio) - page_idx;$/\t\tnr = folio_nr_pages(folio);/
