// SPDX-License-Identifier: GPL-2.0-only
/// After a batched clear of nr PTEs, the TLB and cache flushes must cover
/// all nr pages: flush_tlb_range(vma, addr, addr + nr * PAGE_SIZE) or
/// tlb_remove_tlb_entries(tlb, ptep, nr, addr), not one page at addr.
//
// Confidence: Moderate
// Copyright: (C) 2026 The ptebatch authors.
// URL: https://github.com/ptebatch/ptebatch
// Comments: Batched clears (addr 2nd, nr 4th argument): get_and_clear_full_ptes,
//  clear_full_ptes, clear_young_dirty_ptes, wrprotect_ptes.  One-page flushes
//  on the same addr, on a path to or from the clear: flush_tlb_range,
//  flush_cache_range, flush_tlb_mm_range, set_tlb_ubc_flush_pending and
//  mmu_notifier_range_init ending at addr + PAGE_SIZE; flush_tlb_page, flush_cache_page,
//  ptep_clear_flush, 6.12's three-argument set_tlb_ubc_flush_pending, the
//  mmu_gather's tlb_remove_tlb_entry, and tlb_flush_pte_range with size
//  PAGE_SIZE.  A clear of
//  literally 1 PTE, and a flush on a path without the batched clear, are fine;
//  clear_not_present_full_ptes needs no flush (nothing was in the TLB).
// Options: --no-includes --include-headers
// Keywords: flush_tlb_range, tlb_remove_tlb_entries, get_and_clear_full_ptes

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

def batch(nr):
	return str(nr).strip() != "1"

range_end = ("flush_tlb_range", "flush_cache_range", "flush_tlb_mm_range",
	     "set_tlb_ubc_flush_pending", "mmu_notifier_range_init")
size_arg = ("tlb_flush_pte_range",)

# The name of the flush at a position, read from the source line.
def flush_name(p):
	try:
		with open(p[0].file, errors="replace") as f:
			for i, line in enumerate(f, 1):
				if i == int(p[0].line):
					m = re.match(r"\w+", line[int(p[0].column):])
					return m.group(0) if m else "the flush"
	except OSError:
		pass
	return "the flush"

def fix(fl):
	if fl in range_end:
		return "%s() ending at addr + nr * PAGE_SIZE" % fl
	if fl in size_arg:
		return "%s() with size nr * PAGE_SIZE" % fl
	if fl == "tlb_remove_tlb_entry":
		return "tlb_remove_tlb_entries(tlb, ptep, nr, addr)"
	if fl == "ptep_clear_flush":
		return "flush_tlb_range() over the nr pages"
	if fl == "flush_cache_page":
		return "flush_cache_range() over the nr pages"
	return "flush_tlb_range() over the nr pages"

//----------------------------------------------------------------------------
// A one-page flush after the batched clear, or before it, with the same
// addr and no step of addr in between (so within one loop iteration).
//----------------------------------------------------------------------------

@r_after exists@
identifier clr = {get_and_clear_full_ptes, clear_full_ptes,
		  clear_young_dirty_ptes, wrprotect_ptes};
expression MM, MM2, A, P, P2, NR, V, T, X, Y, R, PFN, E;
position pc : script:python(NR) { batch(NR) };
position pf;
@@
clr@pc(MM, A, P, NR, ...)
... when != A = E
    when != A += E
    when != A++
    when != \(ptep_get_and_clear\|ptep_get_and_clear_full\|ptep_clear\|clr\)(...)
    when any
(
flush_tlb_range@pf(V, A, A + PAGE_SIZE)
|
flush_cache_range@pf(V, A, A + PAGE_SIZE)
|
set_tlb_ubc_flush_pending@pf(MM2, X, A, A + PAGE_SIZE)
|
set_tlb_ubc_flush_pending@pf(MM2, X, A)
|
mmu_notifier_range_init@pf(R, X, Y, MM2, A, A + PAGE_SIZE)
|
flush_tlb_mm_range@pf(MM2, A, A + PAGE_SIZE, ...)
|
flush_tlb_page@pf(V, A)
|
flush_cache_page@pf(V, A, PFN)
|
ptep_clear_flush@pf(V, A, P2)
|
tlb_remove_tlb_entry@pf(T, P2, A)
|
tlb_flush_pte_range@pf(T, A, PAGE_SIZE)
)

@r_before exists@
identifier clr = {get_and_clear_full_ptes, clear_full_ptes,
		  clear_young_dirty_ptes, wrprotect_ptes};
expression MM, MM2, A, P, P2, NR, V, T, X, Y, R, PFN, E;
position pc : script:python(NR) { batch(NR) };
position pf;
@@
(
flush_tlb_range@pf(V, A, A + PAGE_SIZE)
|
flush_cache_range@pf(V, A, A + PAGE_SIZE)
|
set_tlb_ubc_flush_pending@pf(MM2, X, A, A + PAGE_SIZE)
|
set_tlb_ubc_flush_pending@pf(MM2, X, A)
|
mmu_notifier_range_init@pf(R, X, Y, MM2, A, A + PAGE_SIZE)
|
flush_tlb_mm_range@pf(MM2, A, A + PAGE_SIZE, ...)
|
flush_tlb_page@pf(V, A)
|
flush_cache_page@pf(V, A, PFN)
|
ptep_clear_flush@pf(V, A, P2)
|
tlb_remove_tlb_entry@pf(T, P2, A)
|
tlb_flush_pte_range@pf(T, A, PAGE_SIZE)
)
... when != A = E
    when != A += E
    when != A++
    when != \(ptep_get_and_clear\|ptep_get_and_clear_full\|ptep_clear\|clr\)(...)
    when any
clr@pc(MM, A, P, NR, ...)

//----------------------------------------------------------------------------
// context
//----------------------------------------------------------------------------

@r_context depends on context@
identifier fl;
position pf = {r_after.pf, r_before.pf};
@@
* fl@pf(...)

//----------------------------------------------------------------------------
// report and org
//----------------------------------------------------------------------------

@script:python depends on report@
pc << r_after.pc;
pf << r_after.pf;
NR << r_after.NR;
A << r_after.A;
@@
fl = flush_name(pf)
coccilib.report.print_report(pf[0],
	"WARNING: %s() covers one page at %s but %s PTEs were cleared at line %s: use %s [ptebatch-tlb-range]"
	% (fl, A, NR, pc[0].line, fix(fl)))

@script:python depends on report@
pc << r_before.pc;
pf << r_before.pf;
NR << r_before.NR;
A << r_before.A;
@@
fl = flush_name(pf)
coccilib.report.print_report(pf[0],
	"WARNING: %s() covers one page at %s but %s PTEs are cleared at line %s: use %s [ptebatch-tlb-range]"
	% (fl, A, NR, pc[0].line, fix(fl)))

@script:python depends on org@
pc << r_after.pc;
pf << r_after.pf;
NR << r_after.NR;
@@
cocci.print_main("%s() covers one page, %s PTEs were cleared [ptebatch-tlb-range]" % (flush_name(pf), NR), pf)
cocci.print_secs("batched clear", pc)

@script:python depends on org@
pc << r_before.pc;
pf << r_before.pf;
NR << r_before.NR;
@@
cocci.print_main("%s() covers one page, %s PTEs are cleared [ptebatch-tlb-range]" % (flush_name(pf), NR), pf)
cocci.print_secs("batched clear", pc)
