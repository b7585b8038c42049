# SPDX-License-Identifier: GPL-2.0-only
# finish_fault() gives up (and the fault is retried forever) when the
# folio's range is not all none, instead of falling back to one PTE; the
# fallback label the fix added goes too (unused, an error under WERROR).
/^vm_fault_t finish_fault(/,/^}/{/^\t\tneeds_fallback = true;$/{N;N;s/.*/\t\tupdate_mmu_tlb_range(vma, addr, vmf->pte, nr_pages);\n\t\tret = VM_FAULT_NOPAGE;\n\t\tgoto unlock;/;};}
/^vm_fault_t finish_fault(/,/^}/{/^fallback:$/d;}
