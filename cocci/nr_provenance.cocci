// SPDX-License-Identifier: GPL-2.0-only
/// A batched PTE helper must be given a count of PTEs that really form a
/// batch (a folio_pte_batch() or swap_pte_batch() result, 1, or a clamp of
/// one), not the folio's size or a count computed by hand.
//
// Confidence: Moderate
// Copyright: (C) 2026 The ptebatch authors.
// URL: https://github.com/ptebatch/ptebatch
// Comments: Batched helpers (nr argument): get_and_clear_full_ptes,
//  clear_full_ptes, clear_not_present_full_ptes, clear_young_dirty_ptes,
//  wrprotect_ptes, and 7.x's get_and_clear_ptes, clear_ptes,
//  clear_nonpresent_ptes, clear_flush_young_ptes, test_and_clear_young_ptes,
//  modify_prot_start_ptes (4th); modify_prot_commit_ptes (6th);
//  folio_remove_rmap_ptes, folio_try_dup_anon_rmap_ptes,
//  folio_dup_file_rmap_ptes, folio_try_share_anon_rmap_ptes,
//  tlb_remove_tlb_entries (3rd); folio_put_swap, folio_dup_swap,
//  free_swap_and_cache_nr, swap_put_entries_direct (2nd).  The mapping-creation helpers set_ptes,
//  set_pte_range, folio_add_anon_rmap_ptes and folio_add_file_rmap_ptes
//  accept folio_nr_pages() and are not checked.  Origins through static
//  function parameters and unrelated calls are left to the GCC plugin.
// Options: --no-includes --include-headers
// Keywords: folio_nr_pages, folio_pte_batch, large folio, batched PTE

virtual context
virtual org
virtual report

@initialize:python@
@@
# nr arguments of batched helpers seen in this file: position -> helper
nr_args = {}

def key(p):
	return (p[0].file, p[0].line, p[0].column)

def note(p, fn):
	nr_args[key(p)] = str(fn)

def is_nr(p):
	return key(p) in nr_args

def helper(p):
	return nr_args.get(key(p), "a batched helper")

//----------------------------------------------------------------------------
// Where the nr argument of each batched helper sits.
//----------------------------------------------------------------------------

// Every rule depends on this one, which names the helpers as written: spatch
// then skips, without parsing, the files that call none of them.
@has_helper@
@@
\(get_and_clear_full_ptes\|clear_full_ptes\|clear_not_present_full_ptes\|clear_young_dirty_ptes\|wrprotect_ptes\|folio_remove_rmap_ptes\|folio_try_dup_anon_rmap_ptes\|folio_dup_file_rmap_ptes\|folio_try_share_anon_rmap_ptes\|tlb_remove_tlb_entries\|folio_put_swap\|folio_dup_swap\|free_swap_and_cache_nr\|get_and_clear_ptes\|clear_ptes\|clear_nonpresent_ptes\|clear_flush_young_ptes\|test_and_clear_young_ptes\|modify_prot_start_ptes\|modify_prot_commit_ptes\|swap_put_entries_direct\)(...)

@nr1 depends on has_helper@
identifier fn = {folio_put_swap, folio_dup_swap, free_swap_and_cache_nr,
		 swap_put_entries_direct};
expression A0, NR;
position pn;
@@
fn(A0, NR@pn, ...)

@script:python@
pn << nr1.pn;
fn << nr1.fn;
@@
note(pn, fn)

@nr2 depends on has_helper@
identifier fn = {folio_remove_rmap_ptes, folio_try_dup_anon_rmap_ptes,
		 folio_dup_file_rmap_ptes, folio_try_share_anon_rmap_ptes,
		 tlb_remove_tlb_entries};
expression A0, A1, NR;
position pn;
@@
fn(A0, A1, NR@pn, ...)

@script:python@
pn << nr2.pn;
fn << nr2.fn;
@@
note(pn, fn)

@nr3 depends on has_helper@
identifier fn = {get_and_clear_full_ptes, clear_full_ptes,
		 clear_not_present_full_ptes, clear_young_dirty_ptes,
		 wrprotect_ptes, get_and_clear_ptes, clear_ptes,
		 clear_nonpresent_ptes, clear_flush_young_ptes,
		 test_and_clear_young_ptes, modify_prot_start_ptes};
expression A0, A1, A2, NR;
position pn;
@@
fn(A0, A1, A2, NR@pn, ...)

@script:python@
pn << nr3.pn;
fn << nr3.fn;
@@
note(pn, fn)

@nr5 depends on has_helper@
identifier fn = {modify_prot_commit_ptes};
expression A0, A1, A2, A3, A4, NR;
position pn;
@@
fn(A0, A1, A2, A3, A4, NR@pn)

@script:python@
pn << nr5.pn;
fn << nr5.fn;
@@
note(pn, fn)

//----------------------------------------------------------------------------
// Bad origins: the folio size given directly, or through a local variable
// on some path; a page count computed from addresses by hand.
//----------------------------------------------------------------------------

@r_size depends on has_helper@
expression F;
position pn : script:python() { is_nr(pn) };
@@
folio_nr_pages@pn(F)

@r_size_var depends on has_helper exists@
identifier x;
expression F, E;
type T, T2;
identifier fn;
position pv, pn : script:python() { is_nr(pn) };
@@
(
x@pv = \(folio_nr_pages(F)\|(T2)folio_nr_pages(F)\|folio_size(F) >> PAGE_SHIFT\|folio_size(F) / PAGE_SIZE\|1 << folio_order(F)\|1UL << folio_order(F)\);
|
T x@pv = \(folio_nr_pages(F)\|(T2)folio_nr_pages(F)\|folio_size(F) >> PAGE_SHIFT\|folio_size(F) / PAGE_SIZE\|1 << folio_order(F)\|1UL << folio_order(F)\);
)
... when != x = E
    when != &x
    when any
fn(..., x@pn, ...)

@r_hand_var depends on has_helper exists@
identifier x;
expression A, B, E;
type T;
identifier fn;
position pv, pn : script:python() { is_nr(pn) };
@@
(
x@pv = \((A - B) >> PAGE_SHIFT\|(A - B) / PAGE_SIZE\);
|
T x@pv = \((A - B) >> PAGE_SHIFT\|(A - B) / PAGE_SIZE\);
)
... when != x = E
    when != &x
    when any
fn(..., x@pn, ...)

//----------------------------------------------------------------------------
// context: star the argument
//----------------------------------------------------------------------------

@r_context depends on context@
position pn = {r_size.pn, r_size_var.pn, r_hand_var.pn};
identifier fn;
expression E;
@@
(
* fn@pn(...)
|
* E@pn
)

//----------------------------------------------------------------------------
// report and org
//----------------------------------------------------------------------------

@script:python depends on report@
pn << r_size.pn;
F << r_size.F;
@@
coccilib.report.print_report(pn[0],
	"WARNING: folio_nr_pages(%s) passed to %s() is the folio size, not a PTE batch: use the folio_pte_batch() result [ptebatch-nr-provenance]"
	% (F, helper(pn)))

@script:python depends on report@
pn << r_size_var.pn;
pv << r_size_var.pv;
x << r_size_var.x;
@@
coccilib.report.print_report(pn[0],
	"WARNING: %s passed to %s() is the folio size (line %s), not a PTE batch: use the folio_pte_batch() result [ptebatch-nr-provenance]"
	% (x, helper(pn), pv[0].line))

@script:python depends on report@
pn << r_hand_var.pn;
pv << r_hand_var.pv;
x << r_hand_var.x;
@@
coccilib.report.print_report(pn[0],
	"WARNING: %s passed to %s() is an address range counted by hand (line %s), not a PTE batch: bound a folio_pte_batch() with it instead [ptebatch-nr-provenance]"
	% (x, helper(pn), pv[0].line))

@script:python depends on org@
pn << r_size.pn;
F << r_size.F;
@@
cocci.print_main("folio_nr_pages(%s) passed to %s() [ptebatch-nr-provenance]" % (F, helper(pn)), pn)

@script:python depends on org@
pn << r_size_var.pn;
pv << r_size_var.pv;
x << r_size_var.x;
@@
cocci.print_main("%s passed to %s() is the folio size [ptebatch-nr-provenance]" % (x, helper(pn)), pn)
cocci.print_secs("set from the folio size", pv)

@script:python depends on org@
pn << r_hand_var.pn;
pv << r_hand_var.pv;
x << r_hand_var.x;
@@
cocci.print_main("%s passed to %s() is counted by hand [ptebatch-nr-provenance]" % (x, helper(pn)), pn)
cocci.print_secs("computed here", pv)
