# SPDX-License-Identifier: GPL-2.0-only
# The batch scan of a lazyfree folio limited by the folio's size, not by
# the page table's and the VMA's end.
s/^\tmax_nr = (end_addr - addr) >> PAGE_SHIFT;$/\tmax_nr = folio_nr_pages(folio);/
