// SPDX-License-Identifier: GPL-2.0-only
/// The max_nr given to folio_pte_batch() or swap_pte_batch() must stop at
/// the end of the page table and of the VMA, e.g. (pmd_addr_end(addr,
/// vma->vm_end) - addr) >> PAGE_SHIFT; the folio's size is no bound.
//
// Confidence: Moderate
// Copyright: (C) 2026 The ptebatch authors.
// URL: https://github.com/ptebatch/ptebatch
// Comments: Batch sources (max_nr argument): folio_pte_batch (5th of 9 in
//  Linux 6.x, 4th of 4 in mainline), folio_pte_batch_flags (5th of 6),
//  swap_pte_batch (2nd of 3).  Flagged: folio_nr_pages() as the limit,
//  directly or through a local variable, unless a test against the page
//  table (pmd_addr_end, PMD_MASK, PMD_SIZE) guards the call or the scan
//  starts at the folio's aligned block (ALIGN_DOWN); a limit from
//  ALIGN(..., PMD_SIZE) alone (no VMA end); a limit from vma->vm_end alone
//  (no page-table end).  A walk's end parameter is trusted.
//# A folio-sized limit that is bounded by how the folio was allocated,
//# without an ALIGN_DOWN or a guard in the function, is still reported.
// Options: --no-includes --include-headers
// Keywords: folio_pte_batch, swap_pte_batch, pmd_addr_end, max_nr

virtual context
virtual org
virtual report

@initialize:python@
@@
# max_nr arguments of batch sources seen in this file: position -> source
max_args = {}
guarded = set()

def key(p):
	return (p[0].file, p[0].line, p[0].column)

def note(p, fn):
	max_args[key(p)] = str(fn)

def is_max(p):
	return key(p) in max_args

def unguarded_max(p):
	return key(p) in max_args and key(p) not in guarded

def source(p):
	return max_args.get(key(p)) or calls.get(key(p), "a batch source")

# Call names, for the shapes matched on the whole call.
calls = {}
def is_call(p):
	return key(p) in calls

# min(), clamp() and friends bound whatever they wrap.
def not_clamped(e):
	e = str(e).lstrip("( ")
	for w in ("min", "umin", "clamp", "min_t", "clamp_t", "clamp_val"):
		if e.startswith(w + " (") or e.startswith(w + "("):
			return False
	return True

//----------------------------------------------------------------------------
// Where the max_nr argument of each batch source sits (by argument count:
// the 6.x and the mainline folio_pte_batch() differ).
//----------------------------------------------------------------------------

// Every rule depends on this one, which names the sources as written: spatch
// then skips, without parsing, the files that call none of them.
@has_source@
@@
\(folio_pte_batch\|folio_pte_batch_flags\|swap_pte_batch\)(...)

@src depends on has_source@
identifier fn = {folio_pte_batch, folio_pte_batch_flags, swap_pte_batch};
expression A0, A1, A2, A3, A5, A6, A7, A8, M;
position pm;
@@
(
fn(A0, A1, A2, A3, M@pm, A5, A6, A7, A8)
|
fn(A0, A1, A2, M@pm)
|
fn(A0, A1, A2, A3, M@pm, A5)
|
fn(A0, M@pm, A2)
)

@script:python@
pm << src.pm;
fn << src.fn;
@@
# Each argument count belongs to one name only, so the disjunction above
# cannot pick the wrong index: swap_pte_batch has 3, folio_pte_batch 4 or
# 9, folio_pte_batch_flags 6.
note(pm, fn)

@src_call depends on has_source@
identifier fn = {folio_pte_batch, folio_pte_batch_flags, swap_pte_batch};
position pc;
@@
fn@pc(...)

@script:python@
pc << src_call.pc;
fn << src_call.fn;
@@
calls[key(pc)] = str(fn)

// A test against the page table's end before the call keeps the scan in
// the table (do_swap_page(): folio_end > pmd_addr_end(...) -> bail out).
@guard depends on has_source exists@
statement S;
position pm : script:python() { is_max(pm) };
expression M;
identifier fn;
@@
if (<+... \(pmd_addr_end(...)\|PMD_MASK\|PMD_SIZE\) ...+>) S
...
fn(..., M@pm, ...)

@script:python@
pm << guard.pm;
@@
guarded.add(key(pm))

// A scan that starts at the folio's naturally aligned block (ALIGN_DOWN(addr,
// nr * PAGE_SIZE)) stays in it: a large folio allocated for this VMA is
// aligned and smaller than a page table (6.12's do_swap_page()).
@aligned depends on has_source exists@
identifier x, fn;
expression A;
position pm : script:python() { is_max(pm) };
@@
ALIGN_DOWN(A, x * PAGE_SIZE)
...
fn(..., x@pm, ...)

@script:python@
pm << aligned.pm;
@@
guarded.add(key(pm))

//----------------------------------------------------------------------------
// folio_nr_pages() as the limit
//----------------------------------------------------------------------------

@r_size depends on has_source@
expression F;
identifier fn;
position pm : script:python() { unguarded_max(pm) };
@@
(
fn(..., folio_nr_pages@pm(F), ...)
|
fn(..., folio_size@pm(F) >> PAGE_SHIFT, ...)
|
fn(..., folio_size@pm(F) / PAGE_SIZE, ...)
)

@r_size_var depends on has_source exists@
identifier x, fn;
expression F, E;
type T, T2;
position pv, pm : script:python() { unguarded_max(pm) };
@@
(
x@pv = \(folio_nr_pages(F)\|(T2)folio_nr_pages(F)\|folio_size(F) >> PAGE_SHIFT\|folio_size(F) / PAGE_SIZE\|1 << folio_order(F)\|1UL << folio_order(F)\);
|
T x@pv = \(folio_nr_pages(F)\|(T2)folio_nr_pages(F)\|folio_size(F) >> PAGE_SHIFT\|folio_size(F) / PAGE_SIZE\|1 << folio_order(F)\|1UL << folio_order(F)\);
)
... when != x = E
    when != &x
    when any
fn(..., x@pm, ...)

//----------------------------------------------------------------------------
// Half a bound, as written with the macros: the page table's end without the
// VMA's, or the VMA's end without the page table's.
//----------------------------------------------------------------------------

@r_align_only depends on has_source exists@
identifier end, x;
identifier fn = {folio_pte_batch, folio_pte_batch_flags, swap_pte_batch};
expression A, A2, E, E2;
type T1, T2;
position pv, pm : script:python() { is_max(pm) or is_call(pm) };
@@
(
end@pv = ALIGN(A, PMD_SIZE);
|
T1 end@pv = ALIGN(A, PMD_SIZE);
)
... when != end = E
(
x = \((end - A2) >> PAGE_SHIFT\|(end - A2) / PAGE_SIZE\);
|
T2 x = \((end - A2) >> PAGE_SHIFT\|(end - A2) / PAGE_SIZE\);
)
... when != x = E2
    when != &x
    when any
fn(..., x@pm, ...)

@r_align_only_arg depends on has_source exists@
identifier end;
identifier fn = {folio_pte_batch, folio_pte_batch_flags, swap_pte_batch};
expression A, A2, E;
type T1;
position pv, pm : script:python() { is_call(pm) };
@@
(
end@pv = ALIGN(A, PMD_SIZE);
|
T1 end@pv = ALIGN(A, PMD_SIZE);
)
... when != end = E
fn@pm(..., \((end - A2) >> PAGE_SHIFT\|(end - A2) / PAGE_SIZE\), ...)

@r_vma_only depends on has_source exists@
identifier x;
identifier fn = {folio_pte_batch, folio_pte_batch_flags, swap_pte_batch};
expression V, A, E;
type T;
position pm : script:python() { unguarded_max(pm) };
@@
(
x = \((V->vm_end - A) >> PAGE_SHIFT\|(V->vm_end - A) / PAGE_SIZE\);
|
T x = \((V->vm_end - A) >> PAGE_SHIFT\|(V->vm_end - A) / PAGE_SIZE\);
)
... when != x = E
    when != &x
    when any
fn(..., x@pm, ...)

@r_vma_only_arg depends on has_source@
identifier fn = {folio_pte_batch, folio_pte_batch_flags, swap_pte_batch};
expression V, A;
position pm : script:python() { is_call(pm) };
@@
fn@pm(..., \((V->vm_end - A) >> PAGE_SHIFT\|(V->vm_end - A) / PAGE_SIZE\), ...)

//----------------------------------------------------------------------------
// context
//----------------------------------------------------------------------------

@r_context depends on context@
position pm = {r_size.pm, r_size_var.pm, r_align_only.pm, r_align_only_arg.pm,
	       r_vma_only.pm, r_vma_only_arg.pm};
identifier fn;
expression E;
@@
(
* fn@pm(...)
|
* E@pm
)

//----------------------------------------------------------------------------
// report and org
//----------------------------------------------------------------------------

@script:python depends on report@
pm << r_size.pm;
F << r_size.F;
@@
coccilib.report.print_report(pm[0],
	"WARNING: max_nr of %s() is the size of folio %s: the scan can run past the page table or the VMA; limit it with pmd_addr_end(addr, vma->vm_end) [ptebatch-batch-bounds]"
	% (source(pm), F))

@script:python depends on report@
pm << r_size_var.pm;
pv << r_size_var.pv;
x << r_size_var.x;
@@
coccilib.report.print_report(pm[0],
	"WARNING: %s (max_nr of %s()) is the folio size (line %s): the scan can run past the page table or the VMA; limit it with pmd_addr_end(addr, vma->vm_end) [ptebatch-batch-bounds]"
	% (x, source(pm), pv[0].line))

@script:python depends on report@
pm << r_align_only.pm;
pv << r_align_only.pv;
end << r_align_only.end;
@@
coccilib.report.print_report(pm[0],
	"WARNING: max_nr of %s() stops at the page table (%s, line %s) but not at the VMA's end: use min(%s, vma->vm_end) or pmd_addr_end(addr, vma->vm_end) [ptebatch-batch-bounds]"
	% (source(pm), end, pv[0].line, end))

@script:python depends on report@
pm << r_align_only_arg.pm;
pv << r_align_only_arg.pv;
end << r_align_only_arg.end;
@@
coccilib.report.print_report(pm[0],
	"WARNING: max_nr of %s() stops at the page table (%s, line %s) but not at the VMA's end: use min(%s, vma->vm_end) or pmd_addr_end(addr, vma->vm_end) [ptebatch-batch-bounds]"
	% (source(pm), end, pv[0].line, end))

@script:python depends on report@
pm << r_vma_only_arg.pm;
@@
coccilib.report.print_report(pm[0],
	"WARNING: max_nr of %s() stops at vm_end but not at the page table's end: use pmd_addr_end(addr, vma->vm_end) [ptebatch-batch-bounds]"
	% source(pm))

@script:python depends on report@
pm << r_vma_only.pm;
@@
coccilib.report.print_report(pm[0],
	"WARNING: max_nr of %s() stops at vm_end but not at the page table's end: use pmd_addr_end(addr, vma->vm_end) [ptebatch-batch-bounds]"
	% source(pm))

@script:python depends on org@
pm << r_size.pm;
F << r_size.F;
@@
cocci.print_main("max_nr of %s() is the size of folio %s [ptebatch-batch-bounds]" % (source(pm), F), pm)

@script:python depends on org@
pm << r_size_var.pm;
pv << r_size_var.pv;
x << r_size_var.x;
@@
cocci.print_main("%s (max_nr of %s()) is the folio size [ptebatch-batch-bounds]" % (x, source(pm)), pm)
cocci.print_secs("set from the folio size", pv)

@script:python depends on org@
pm << r_align_only.pm;
pv << r_align_only.pv;
end << r_align_only.end;
@@
cocci.print_main("max_nr of %s() has no VMA bound [ptebatch-batch-bounds]" % source(pm), pm)
cocci.print_secs("%s: page-table end only" % end, pv)

@script:python depends on org@
pm << r_vma_only.pm;
@@
cocci.print_main("max_nr of %s() has no page-table bound [ptebatch-batch-bounds]" % source(pm), pm)

@script:python depends on org@
pm << r_vma_only_arg.pm;
@@
cocci.print_main("max_nr of %s() has no page-table bound [ptebatch-batch-bounds]" % source(pm), pm)

@script:python depends on org@
pm << r_align_only_arg.pm;
@@
cocci.print_main("max_nr of %s() has no VMA bound [ptebatch-batch-bounds]" % source(pm), pm)
