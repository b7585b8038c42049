# SPDX-License-Identifier: GPL-2.0-only
# DAMOS_STAT on physical addresses steps by the folio's size from an
# address that can lie inside the folio.
/^static unsigned long damon_pa_stat(/,/^}/s/^\t\taddr = PFN_PHYS(folio_pfn(folio)) + folio_size(folio);$/\t\taddr += folio_size(folio);/
