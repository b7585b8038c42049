# SPDX-License-Identifier: GPL-2.0-only
# try_to_migrate_one() reads the entry with ptep_get() for a hugetlb folio too.
/^static bool try_to_migrate_one(/,/^}/{/^\t\tif (folio_test_hugetlb(folio))$/{N;/\n\t\t\tpteval = huge_ptep_get(mm, address, pvmw.pte);$/{N;N;s/.*/\t\tpteval = ptep_get(pvmw.pte);/;};};}
