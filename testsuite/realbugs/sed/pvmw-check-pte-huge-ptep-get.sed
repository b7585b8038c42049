# SPDX-License-Identifier: GPL-2.0-only
# check_pte() reads a hugetlb VMA's entry with ptep_get() too.
/^static bool check_pte(/,/^}/{/^\tif (is_vm_hugetlb_page(pvmw->vma))$/{N;/\n\t\tptent = huge_ptep_get(pvmw->vma->vm_mm, pvmw->address,$/{N;N;N;s/.*/\tptent = ptep_get(pvmw->pte);/;};};}
