# SPDX-License-Identifier: GPL-2.0-only
# The .hugetlb_entry callback of the PROT_NONE pfn walk reads its entry with
# ptep_get().
/^static int prot_none_hugetlb_entry(/,/^}/s/^\tconst pte_t entry = huge_ptep_get(walk->mm, addr, pte);$/\tconst pte_t entry = ptep_get(pte);/
