// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c - the one place findings leave the plugin.
 *
 * Checks call pb_report()/pb_note(); at the end of the translation unit
 * pb_emit_all() sorts by location, drops duplicates (same check at the same
 * place, e.g. a header macro reached twice), prints GCC-format diagnostics
 * tagged [ptebatch-ID] with their notes, and writes the JSON lines the CLI
 * aggregates (docs/interfaces.md).
 */
#include "ptebatch.h"
#include "json-write.h"
#include "once.h"
#include "column.h"
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#define PB_MAX_FINDINGS	4096

const char *const pb_msgs[] = {
#define MSG(name, text) text,
#include "messages.def"
#undef MSG
};

struct pb_note_rec {
	location_t loc;
	char *msg;
};

struct pb_finding {
	enum pb_check check;
	location_t loc;
	char *function;
	char *msg;
	struct pb_note_rec notes[4];
	int nr_notes;
};

static struct pb_finding findings[PB_MAX_FINDINGS];
static int nr_findings;
static bool capped;

static char *vformat(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		return xstrdup("?");
	return s;
}

struct pb_finding *pb_report(enum pb_check check, location_t loc,
			     const char *function, const char *fmt, ...)
{
	struct pb_finding *f;
	va_list ap;
	int i;

	if (!pb_opts.enabled[check] || loc == UNKNOWN_LOCATION)
		return NULL;
	for (i = 0; i < nr_findings; i++)
		if (findings[i].check == check && findings[i].loc == loc)
			return NULL;
	if (nr_findings == PB_MAX_FINDINGS) {
		capped = true;
		return NULL;
	}
	f = &findings[nr_findings++];
	f->check = check;
	f->loc = loc;
	f->function = function ? xstrdup(function) : NULL;
	va_start(ap, fmt);
	f->msg = vformat(fmt, ap);
	va_end(ap);
	f->nr_notes = 0;
	return f;
}

void pb_note(struct pb_finding *f, location_t loc, const char *fmt, ...)
{
	va_list ap;

	if (!f || f->nr_notes == (int)ARRAY_SIZE(f->notes))
		return;
	f->notes[f->nr_notes].loc = loc;
	va_start(ap, fmt);
	f->notes[f->nr_notes].msg = vformat(fmt, ap);
	va_end(ap);
	f->nr_notes++;
}

static int cmp_findings(const void *a, const void *b)
{
	const struct pb_finding *x = (const struct pb_finding *)a;
	const struct pb_finding *y = (const struct pb_finding *)b;
	expanded_location ex = expand_location(x->loc);
	expanded_location ey = expand_location(y->loc);
	int c = strcmp(ex.file ? ex.file : "", ey.file ? ey.file : "");

	if (c)
		return c;
	if (ex.line != ey.line)
		return ex.line - ey.line;
	if (ex.column != ey.column)
		return ex.column - ey.column;
	return (int)x->check - (int)y->check;
}

/*
 * A distcc or icecream node compiles the client's preprocessed text, in a
 * directory of its own, usually without the sources: a column can then only
 * be a byte column, and the directory means nothing on the machine that
 * reads the record.  Such records say so ("columns":"byte", no "root"); the CLI
 * converts them where the sources are.
 */
static bool sources_here(void)
{
	static int here = -1;

	/* preprocessed text names its files from where cpp ran, not from here */
	if (here < 0) {
		cpp_reader *pfile = pb_cpp_reader();

		here = !(pfile && cpp_get_options(pfile)->preprocessed) &&
		       main_input_filename && !access(main_input_filename, R_OK);
	}
	return here;
}

static int column_of(expanded_location xl)
{
	return sources_here() ? pb_display_column(xl.file, xl.line, xl.column) :
				xl.column;
}

static void json_finding(FILE *out, const struct pb_finding *f)
{
	expanded_location xl = expand_location(f->loc);
	int i;

	json_finding_begin(out, xl.file, xl.line, column_of(xl),
			   pb_check_id(f->check), "plugin",
			   pb_opts.error ? "error" : "warning", f->function,
			   f->msg);
	for (i = 0; i < f->nr_notes; i++) {
		expanded_location nl = expand_location(f->notes[i].loc);

		json_note(out, i, nl.file, nl.line, column_of(nl),
			  f->notes[i].msg);
	}
	if (sources_here())
		json_finding_end(out, NULL, getpwd());
	else
		json_finding_end_bytes(out);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return path && !stat(path, &st) && S_ISDIR(st.st_mode);
}

/*
 * A finding inside a header is printed once per build (once.h): by the
 * first cc1 of the build to claim it.  The JSON line is always written; the
 * CLI de-duplicates those.
 */
static bool claim_header_finding(const struct pb_finding *f)
{
	static char buf[4096];
	static const char *dir;
	static bool dir_known;
	expanded_location xl = expand_location(f->loc);
	char *key;
	bool mine;

	if (!dir_known) {
		if (pb_once_dir(is_dir(pb_opts.output) ? pb_opts.output : NULL,
				buf, sizeof(buf)))
			dir = buf;
		dir_known = true;
	}
	key = xasprintf("%s:%d:%d:%s", xl.file ? xl.file : "", xl.line,
			xl.column, pb_check_id(f->check));
	mine = pb_claim_once(dir, key);
	free(key);
	return mine;
}

static bool in_main_file(location_t loc)
{
	expanded_location xl = expand_location(loc);

	return xl.file && main_input_filename &&
	       !strcmp(xl.file, main_input_filename);
}

static void print_finding(const struct pb_finding *f)
{
	const char *id = pb_check_id(f->check);
	bool caret = pb_caret_save_and_clear();
	int i;

	if (pb_opts.error) {
		error_at(f->loc, "%s [ptebatch-%s]", f->msg, id);
	} else {
		bool old = pb_werror_save_and_clear();

		warning_at(f->loc, 0, "%s [ptebatch-%s]", f->msg, id);
		pb_werror_restore(old);
	}
	for (i = 0; i < f->nr_notes; i++)
		inform(f->notes[i].loc, "%s", f->notes[i].msg);
	pb_caret_restore(caret);
}

static FILE *open_output(void)
{
	const char *base;
	char *path;
	FILE *out;

	if (!pb_opts.output)
		return NULL;
	/*
	 * "-": the compiler's stderr, which distcc and icecream bring back
	 * to the machine that runs make.  One write per line, so parallel
	 * compiles writing to one log do not split a record.
	 */
	if (!strcmp(pb_opts.output, "-")) {
		int fd = dup(2);

		out = fd < 0 ? NULL : fdopen(fd, "w");
		if (out)
			setvbuf(out, NULL, _IOLBF, 1 << 16);
		return out;
	}
	if (!is_dir(pb_opts.output))
		return fopen(pb_opts.output, "a");
	base = lbasename(main_input_filename ? main_input_filename : "stdin");
	path = xasprintf("%s/%s.%ld.jsonl", pb_opts.output, base, (long)getpid());
	out = fopen(path, "w");
	free(path);
	return out;
}

void pb_emit_all(void)
{
	FILE *out = open_output();
	int i;

	if (pb_opts.output && !out)
		error("ptebatch: cannot write findings to %qs: %m",
		      pb_opts.output);
	qsort(findings, nr_findings, sizeof(findings[0]), cmp_findings);
	for (i = 0; i < nr_findings; i++) {
		struct pb_finding *f = &findings[i];

		if (!f->function)
			f->function = (char *)pb_function_at(f->loc);
		/*
		 * A header's findings would repeat in every translation unit
		 * that includes it: print them once per build.  The CLI's own
		 * runs (analyze-only) print nothing it would not merge.
		 */
		if (in_main_file(f->loc) ||
		    (!pb_opts.analyze_only && claim_header_finding(f)))
			print_finding(f);
		if (out)
			json_finding(out, f);
	}
	if (capped)
		inform(UNKNOWN_LOCATION,
		       "ptebatch: more than %d findings, the rest are dropped",
		       PB_MAX_FINDINGS);
	if (out)
		fclose(out);
	nr_findings = 0;
}

/*
 * Extents of the functions with a body, expanded once per TU: findings
 * from the preprocessor (vm-bug) are many in kernel headers, and expanding
 * every function's locations for each of them cost more than the analysis.
 */
struct fn_extent {
	const char *file;
	int start, end;
	const char *name;
};

static struct fn_extent *extents;
static int nr_extents;

static void collect_extents(void)
{
	cgraph_node *node;
	int cap = 0;

	FOR_EACH_FUNCTION(node) {
		function *fn = DECL_STRUCT_FUNCTION(node->decl);
		expanded_location s, e;

		if (!fn)
			continue;
		s = expand_location(fn->function_start_locus);
		e = expand_location(fn->function_end_locus);
		if (!s.file)
			continue;
		if (nr_extents == cap) {
			cap = cap ? cap * 2 : 256;
			extents = XRESIZEVEC(struct fn_extent, extents, cap);
		}
		extents[nr_extents].file = s.file;
		extents[nr_extents].start = s.line;
		extents[nr_extents].end = e.line;
		extents[nr_extents].name = pb_decl_name(node->decl);
		nr_extents++;
	}
}

/* Functions were gimplified by now: match LOC against their extents. */
const char *pb_function_at(location_t loc)
{
	expanded_location xl = expand_location(loc);
	int i;

	if (!xl.file)
		return NULL;
	if (!extents)
		collect_extents();
	for (i = 0; i < nr_extents; i++)
		if (xl.line >= extents[i].start && xl.line <= extents[i].end &&
		    !strcmp(extents[i].file, xl.file))
			return extents[i].name;
	return NULL;
}
