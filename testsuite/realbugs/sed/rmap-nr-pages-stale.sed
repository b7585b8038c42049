# SPDX-License-Identifier: GPL-2.0-only
# No per-iteration reset of try_to_unmap_one()'s count.
/^\t\tnr_pages = 1;$/d
