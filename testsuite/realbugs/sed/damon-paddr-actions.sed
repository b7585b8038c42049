# SPDX-License-Identifier: GPL-2.0-only
# The other physical-address DAMOS actions step the same way (one bug,
# three walks).
/^static unsigned long damon_pa_pageout(/,/^}/s/^\t\taddr = PFN_PHYS(folio_pfn(folio)) + folio_size(folio);$/\t\taddr += folio_size(folio);/
/^static inline unsigned long damon_pa_de_activate(/,/^}/s/^\t\taddr = PFN_PHYS(folio_pfn(folio)) + folio_size(folio);$/\t\taddr += folio_size(folio);/
/^static unsigned long damon_pa_migrate(/,/^}/s/^\t\taddr = PFN_PHYS(folio_pfn(folio)) + folio_size(folio);$/\t\taddr += folio_size(folio);/
