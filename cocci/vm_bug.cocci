// SPDX-License-Identifier: GPL-2.0-only
/// VM_BUG_ON*() crashes the machine on a condition the kernel could survive;
/// mm review asks for VM_WARN_ON_ONCE*() instead.  Patch mode applies the
/// VM_WARN_ON_ONCE* variant that exists in the tree being patched.
//
// Confidence: High
// Copyright: (C) 2026 The ptebatch authors.
// URL: https://github.com/ptebatch/ptebatch
// Comments: The variants are read from the tree's include/linux/mmdebug.h,
//  found above the patched file, or given with -D mmdebug=PATH or the
//  environment variable PTEBATCH_MMDEBUG.  Without one, Linux 6.12's set is
//  assumed (_PAGE, _FOLIO, _MM but no _VMA).  Uses whose following code
//  relies on the crash (unreachable markers, a NULL test before a
//  dereference, an index test before an array access) and VM_BUG_ON_PGFLAGS
//  (gated on CONFIG_DEBUG_VM_PGFLAGS, no warning twin) are only reported.
// Options: --no-includes --include-headers
// Keywords: VM_BUG_ON, VM_WARN_ON_ONCE, mmdebug

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os
import re

mmdebug_override = os.environ.get("PTEBATCH_MMDEBUG") or None

# VM_BUG_ON* -> its warning twin; None: no twin, keep the report only.
twins = {
	"VM_BUG_ON": "VM_WARN_ON_ONCE",
	"VM_BUG_ON_PAGE": "VM_WARN_ON_ONCE_PAGE",
	"VM_BUG_ON_FOLIO": "VM_WARN_ON_ONCE_FOLIO",
	"VM_BUG_ON_VMA": "VM_WARN_ON_ONCE_VMA",
	"VM_BUG_ON_MM": "VM_WARN_ON_ONCE_MM",
	"VM_BUG_ON_PGFLAGS": None,
}

# What Linux 6.12 defines, for trees without a readable mmdebug.h.
default_variants = set(["VM_WARN_ON_ONCE", "VM_WARN_ON_ONCE_PAGE",
			"VM_WARN_ON_ONCE_FOLIO", "VM_WARN_ON_ONCE_MM"])
header_cache = {}
variant_cache = {}
relies_on_crash = set()
conds = {}

def find_mmdebug(cfile):
	if mmdebug_override:
		return mmdebug_override
	d = os.path.dirname(os.path.abspath(cfile))
	if d in header_cache:
		return header_cache[d]
	found = None
	cur = d
	for _ in range(12):
		cand = os.path.join(cur, "include", "linux", "mmdebug.h")
		if os.path.isfile(cand):
			found = cand
			break
		up = os.path.dirname(cur)
		if up == cur:
			break
		cur = up
	header_cache[d] = found
	return found

def tree_variants(cfile):
	path = find_mmdebug(cfile)
	if path in variant_cache:
		return variant_cache[path]
	names = default_variants
	if path:
		try:
			with open(path, errors="replace") as f:
				text = f.read()
			names = set(re.findall(
				r"^\s*#\s*define\s+(VM_WARN_ON_ONCE\w*)\s*\(",
				text, re.M))
		except OSError:
			pass
	variant_cache[path] = names
	return names

# (replacement, keeps the object argument) or None when not patchable.
def fix_for(bug, cfile):
	twin = twins.get(bug)
	if twin is None:
		return None
	names = tree_variants(cfile)
	if twin in names:
		return (twin, True)
	return ("VM_WARN_ON_ONCE", bug == "VM_BUG_ON")

def suggestion(bug, cfile):
	fix = fix_for(bug, cfile)
	if fix is None:
		return "VM_WARN_ON_ONCE_PAGE() or a plain check"
	return fix[0] + "()"

# The body of a VM_BUG_ON* definition is not a use.
line_cache = {}
def in_vm_bug_definition(p):
	fname = p[0].file
	if fname not in line_cache:
		try:
			with open(fname, errors="replace") as f:
				line_cache.clear()
				line_cache[fname] = f.read().split("\n")
		except OSError:
			return False
	lines = line_cache[fname]
	i = int(p[0].line) - 1
	while i > 0 and lines[i - 1].rstrip().endswith(chr(92)):
		i -= 1
	return re.match(r"\s*#\s*define\s+VM_BUG_ON", lines[i]) is not None

def key(p):
	return (p[0].file, p[0].line, p[0].column)

def real_use(p):
	return not in_vm_bug_definition(p)

def patchable(p):
	return real_use(p) and key(p) not in relies_on_crash

# The tree of the file being patched, for the fresh identifiers below.
patch_file = [None]

def patch_kind(p, bug):
	if not patchable(p):
		return None
	f = fix_for(str(bug), p[0].file)
	if f is None:
		return None
	patch_file[0] = p[0].file
	return "keep" if f[1] else "drop"

def patch_name(bug):
	f = fix_for(str(bug), patch_file[0])
	return f[0] if f[1] else "VM_WARN_ON_ONCE__PTEBATCH_DROP"

def short(e):
	# The expression comes back with spaces between all tokens.
	e = " ".join(str(e).split())
	e = re.sub(r" ?(->|\.) ?", r"\1", e)
	e = re.sub(r" ([\])])", r"\1", e)
	e = re.sub(r"([\[(]) ", r"\1", e)
	e = re.sub(r"([\w\])]) ([(\[])", r"\1\2", e)
	e = re.sub(r"(^|[(\s])([!~]) ", r"\1\2", e)
	return e if len(e) <= 60 else e[:57] + "..."

// -D mmdebug=PATH: the header to read, wherever the patched files are.
@initialize:python@
path << virtual.mmdebug;
@@
mmdebug_override = path

// Every rule depends on this one, which names the macros as written: spatch
// then skips, without parsing, the files that use none of them.
@has_bug@
@@
\(VM_BUG_ON\|VM_BUG_ON_PAGE\|VM_BUG_ON_FOLIO\|VM_BUG_ON_VMA\|VM_BUG_ON_MM\|VM_BUG_ON_PGFLAGS\)(...)

//----------------------------------------------------------------------------
// Shapes that rely on the crash: reported with their reason, never patched.
//----------------------------------------------------------------------------

@cf_const depends on has_bug@
symbol true;
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM, VM_BUG_ON_PGFLAGS};
position p : script:python() { real_use(p) };
@@
bug@p(\(1\|true\), ...);

@cf_deref depends on has_bug exists@
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM, VM_BUG_ON_PGFLAGS};
expression P;
expression E;
identifier fld;
position p : script:python() { real_use(p) };
position q;
@@
bug@p(\(!P\|P == NULL\|NULL == P\), ...);
... when != P = E
\(P@q->fld\|*P@q\)

@cf_index depends on has_bug exists@
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM, VM_BUG_ON_PGFLAGS};
idexpression I;
expression A, E, N;
position p : script:python() { real_use(p) };
position q;
@@
bug@p(\(I >= N\|I > N\|N <= I\|N < I\), ...);
... when != I = E
A[I@q]

@script:python depends on !context@
p << cf_const.p;
bug << cf_const.bug;
@@
relies_on_crash.add(key(p))

@script:python depends on !context@
p << cf_deref.p;
bug << cf_deref.bug;
P << cf_deref.P;
@@
relies_on_crash.add(key(p))

@script:python depends on !context@
p << cf_index.p;
bug << cf_index.bug;
I << cf_index.I;
@@
relies_on_crash.add(key(p))

//----------------------------------------------------------------------------
// context
//----------------------------------------------------------------------------

@r_context depends on has_bug && context@
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM, VM_BUG_ON_PGFLAGS};
position p : script:python() { real_use(p) };
@@
* bug@p(...)

//----------------------------------------------------------------------------
// patch: the name is swapped for the tree's twin.  When the tree has no
// twin taking the object, the name first becomes a marker and a second rule
// drops the object: after a transformation spatch goes on with a temporary
// copy of the file, whose positions and path say nothing about the tree.
//----------------------------------------------------------------------------

@r_patch depends on has_bug && patch@
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM};
position p : script:python(bug) { patch_kind(p, bug) is not None };
fresh identifier fix = script:python(bug) { patch_name(bug) };
@@
- bug@p
+ fix
  (...)

@r_patch_obj depends on has_bug && patch@
expression C, O;
@@
- VM_WARN_ON_ONCE__PTEBATCH_DROP(C, O)
+ VM_WARN_ON_ONCE(C)

//----------------------------------------------------------------------------
// report and org
//----------------------------------------------------------------------------

// The condition, for the message.  Where spatch only partly parses a
// function (6.12's mm/page_alloc.c) the arguments are not expressions, so
// the report itself below must not need them.
@r_cond depends on has_bug && (report || org)@
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM, VM_BUG_ON_PGFLAGS};
expression C;
position p;
@@
bug@p(C, ...)

@script:python depends on report || org@
p << r_cond.p;
C << r_cond.C;
@@
conds[key(p)] = short(C)

@r_report depends on has_bug && (report || org)@
identifier bug = {VM_BUG_ON, VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA,
		  VM_BUG_ON_MM, VM_BUG_ON_PGFLAGS};
position p : script:python() { real_use(p) };
@@
bug@p(...)

@script:python depends on report@
p << r_report.p;
bug << r_report.bug;
@@
if key(p) not in relies_on_crash:
	coccilib.report.print_report(p[0],
		"WARNING: %s(%s) crashes the kernel on a state it could survive: use %s [ptebatch-vm-bug]"
		% (bug, conds.get(key(p), "..."), suggestion(bug, p[0].file)))

@script:python depends on org@
p << r_report.p;
bug << r_report.bug;
@@
if key(p) not in relies_on_crash:
	cocci.print_main("%s(%s): use %s [ptebatch-vm-bug]"
		% (bug, conds.get(key(p), "..."), suggestion(bug, p[0].file)), p)

@script:python depends on report@
p << cf_const.p;
bug << cf_const.bug;
@@
coccilib.report.print_report(p[0],
	"WARNING: %s() marks code as unreachable and the code after it relies on the crash: rework by hand with %s and an error path [ptebatch-vm-bug]"
	% (bug, suggestion(bug, p[0].file)))

@script:python depends on report@
p << cf_deref.p;
bug << cf_deref.bug;
P << cf_deref.P;
@@
coccilib.report.print_report(p[0],
	"WARNING: %s() tests %s for NULL and the dereference after it relies on the crash: rework by hand with %s and an error path [ptebatch-vm-bug]"
	% (bug, P, suggestion(bug, p[0].file)))

@script:python depends on report@
p << cf_index.p;
bug << cf_index.bug;
I << cf_index.I;
@@
coccilib.report.print_report(p[0],
	"WARNING: %s() bounds index %s and the array access after it relies on the crash: rework by hand with %s and an error path [ptebatch-vm-bug]"
	% (bug, I, suggestion(bug, p[0].file)))

@script:python depends on org@
p << cf_const.p;
bug << cf_const.bug;
@@
cocci.print_main("%s() relies on the crash (unreachable marker) [ptebatch-vm-bug]" % bug, p)

@script:python depends on org@
p << cf_deref.p;
bug << cf_deref.bug;
P << cf_deref.P;
@@
cocci.print_main("%s() relies on the crash (%s dereferenced after it) [ptebatch-vm-bug]" % (bug, P), p)

@script:python depends on org@
p << cf_index.p;
bug << cf_index.bug;
I << cf_index.I;
@@
cocci.print_main("%s() relies on the crash (index %s used after it) [ptebatch-vm-bug]" % (bug, I), p)
