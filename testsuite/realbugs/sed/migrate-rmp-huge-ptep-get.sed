# SPDX-License-Identifier: GPL-2.0-only
# remove_migration_pte() reads the entry with ptep_get() for a hugetlb folio too.
/^static bool remove_migration_pte(/,/^}/{/^\t\tif (folio_test_hugetlb(folio))$/{N;/\n\t\t\told_pte = huge_ptep_get(vma->vm_mm, pvmw.address,$/{N;N;N;s/.*/\t\told_pte = ptep_get(pvmw.pte);/;};};}
