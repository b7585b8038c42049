// SPDX-License-Identifier: GPL-2.0-only
/// After a batched unmap of nr pages, the rss counter must move by nr:
/// add_mm_counter(mm, type, -nr) or rss[type] -= nr, not dec_mm_counter(),
/// inc_mm_counter() or rss[type]-- which count one page.
//
// Confidence: Moderate
// Copyright: (C) 2026 The ptebatch authors.
// URL: https://github.com/ptebatch/ptebatch
// Comments: Batched unmaps: get_and_clear_full_ptes, clear_full_ptes (nr 4th),
//  folio_remove_rmap_ptes (nr 3rd), free_swap_and_cache_nr (nr 2nd), with nr
//  not literally 1.  One-page moves on a path from it, before nr or addr
//  change (a new batch): dec_mm_counter, inc_mm_counter (the fix is
//  add_mm_counter), and ++/-- on rss[mm_counter(folio)],
//  rss[mm_counter_file(folio)] or rss[MM_*] (6.12's zap vector, later given
//  to add_mm_rss_vec()).  clear_not_present_full_ptes unmaps no page.
// Options: --no-includes --include-headers
// Keywords: dec_mm_counter, add_mm_counter, mm_counter, rss

virtual context
virtual org
virtual report

@initialize:python@
@@
# nr arguments (other than 1) of batched unmaps seen in this file
nr_args = set()

def key(p):
	return (p[0].file, p[0].line, p[0].column)

def note(p, nr):
	if str(nr).strip() != "1":
		nr_args.add(key(p))

def is_nr(p):
	return key(p) in nr_args

@nr_clear@
expression A0, A1, A2, NR;
position pn;
@@
\(get_and_clear_full_ptes\|clear_full_ptes\)(A0, A1, A2, NR@pn, ...)

@script:python@
pn << nr_clear.pn;
NR << nr_clear.NR;
@@
note(pn, NR)

@nr_rmap@
expression A0, A1, NR;
position pn;
@@
folio_remove_rmap_ptes(A0, A1, NR@pn, ...)

@script:python@
pn << nr_rmap.pn;
NR << nr_rmap.NR;
@@
note(pn, NR)

@nr_swap@
expression A0, NR;
position pn;
@@
free_swap_and_cache_nr(A0, NR@pn)

@script:python@
pn << nr_swap.pn;
NR << nr_swap.NR;
@@
note(pn, NR)

//----------------------------------------------------------------------------
// A one-page move of a counter on a path from the batched unmap, before a
// new batch starts (nr or addr assigned again).
//----------------------------------------------------------------------------

@r_count depends on nr_clear || nr_rmap || nr_swap exists@
identifier clr = {get_and_clear_full_ptes, clear_full_ptes,
		  folio_remove_rmap_ptes, free_swap_and_cache_nr};
expression MM2, NR, X, E, F2;
identifier RV;
identifier MMC = {MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES};
position pc, pn : script:python() { is_nr(pn) };
position pf;
@@
clr@pc(..., NR@pn, ...)
... when != NR = E
    when != \(ptep_get_and_clear\|ptep_get_and_clear_full\|ptep_clear_flush\|folio_remove_rmap_pte\|clr\)(...)
    when any
(
dec_mm_counter@pf(MM2, X)
|
inc_mm_counter@pf(MM2, X)
|
RV@pf[\(mm_counter(F2)\|mm_counter_file(F2)\|MMC\)]--
|
RV@pf[\(mm_counter(F2)\|mm_counter_file(F2)\|MMC\)]++
|
 --RV@pf[\(mm_counter(F2)\|mm_counter_file(F2)\|MMC\)]
|
 ++RV@pf[\(mm_counter(F2)\|mm_counter_file(F2)\|MMC\)]
)

@r_context depends on context@
position r_count.pf;
identifier fn;
@@
* fn@pf

@initialize:python@
@@
import re

# One finding per counter move, even when several batched calls reach it.
reported = set()
def first(p):
	k = (p[0].file, p[0].line, p[0].column)
	if k in reported:
		return False
	reported.add(k)
	return True

# What is moved by one at a position, read from the source line.
def what(p):
	try:
		with open(p[0].file, errors="replace") as f:
			for i, line in enumerate(f, 1):
				if i == int(p[0].line):
					w = re.match(r"\w+", line[int(p[0].column):])
					w = w.group(0) if w else "the counter"
					if w in ("dec_mm_counter", "inc_mm_counter"):
						return w + "()", "add_mm_counter(mm, type, %snr)" % ("-" if w[0] == "d" else "")
					return w + "[...]", w + "[type] -= nr (or += nr)"
	except OSError:
		pass
	return "the counter", "add_mm_counter()"

@script:python depends on report@
pc << r_count.pc;
pf << r_count.pf;
NR << r_count.NR;
@@
w, fix = what(pf)
if first(pf):
	coccilib.report.print_report(pf[0],
		"WARNING: %s moves an rss counter by one after %s pages were unmapped at line %s: use %s [ptebatch-rss-count]"
		% (w, NR, pc[0].line, fix))

@script:python depends on org@
pc << r_count.pc;
pf << r_count.pf;
NR << r_count.NR;
@@
w, fix = what(pf)
if first(pf):
	cocci.print_main("%s moves rss by one, %s pages unmapped [ptebatch-rss-count]" % (w, NR), pf)
	cocci.print_secs("batched unmap", pc)
