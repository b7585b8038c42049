# SPDX-License-Identifier: GPL-2.0-only
# The no-op test reads the gathered view of the contiguous block (access and
# dirty bits ORed over all sub-PTEs), not the faulting sub-PTE; the fix's
# helper is kept, unused, so that the file still builds under WERROR.
s/^\tif (contpte_all_subptes_match_access_flags(ptep, entry))$/\tif (pte_val(pte_mknoncont(ptep_get(ptep))) == pte_val(entry))/
s/^static bool contpte_all_subptes_match_access_flags(/static bool __maybe_unused contpte_all_subptes_match_access_flags(/
