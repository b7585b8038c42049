# SPDX-License-Identifier: GPL-2.0-only
# A large folio's swap-in decides "all zero" from its first entry only.
/^\tif (WARN_ON_ONCE(swap_zeromap_batch(folio->swap, nr_pages,$/{N;N;s/.*/\tswap_zeromap_batch(folio->swap, 1, \&is_zeromap);/;}
