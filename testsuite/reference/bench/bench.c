// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark (not a test): unmap 128 MiB of 64 KiB folios in the model,
 * batched (the reference) versus PTE by PTE, for lazyfree anon and for
 * file folios, as in the seed threads' reclaim microbenchmarks.  Prints
 * a markdown table (median of RUNS runs, min and max) and, with
 * --callgrind, instruction counts of one unmap of each kind measured by
 * valgrind's callgrind.
 *
 *   bench [--runs N] [--callgrind] [--out FILE]
 *   bench --once lazyfree|file batched|pte	(one unmap, for callgrind)
 */
#include <string.h>
#include <time.h>

#include "../include/tlbflush.h"
#include "../tests/oracle.h"

#define AREA		(128UL << 20)
#define FOLIO_ORDER	4		/* 64 KiB */
#define NR_FOLIOS	(AREA >> (PAGE_SHIFT + FOLIO_ORDER))
#define AREA_BASE	(64UL << 20)

static struct folio *folios[NR_FOLIOS];

struct kind {
	const char *name;
	const char *label;
	enum folio_kind kind;
	unsigned long mapping;
	bool anon;
};

static const struct kind kinds[] = {
	{ "lazyfree", "lazyfree anon", FOLIO_ANON_LAZYFREE, 2, true },
	{ "file", "file (page cache)", FOLIO_FILE, 1, false },
};

static void build(const struct kind *k)
{
	struct vm_area_struct *vma;
	unsigned long i, j;

	model_reset();
	model.quiet = false;
	model.log_enabled = false;	/* the kernel keeps no log */
	vma = model_add_vma(AREA_BASE, AREA_BASE + AREA, 0, k->mapping,
			    VM_READ | VM_WRITE, k->anon);
	for (i = 0; i < NR_FOLIOS; i++) {
		folios[i] = model_add_folio(FOLIO_ORDER, k->kind, k->mapping,
					    i << FOLIO_ORDER);
		for (j = 0; j < 1UL << FOLIO_ORDER; j++)
			model_map_page(vma, folios[i], j,
				       _PAGE_RW | _PAGE_ACCESSED);
	}
}

static noinline void bench_unmap_batched(void)
{
	unsigned long i;

	for (i = 0; i < NR_FOLIOS; i++)
		try_to_unmap(folios[i], TTU_BATCH_FLUSH);
	try_to_unmap_flush();
}

static noinline void bench_unmap_pte(void)
{
	unsigned long i;

	for (i = 0; i < NR_FOLIOS; i++)
		try_to_unmap_pte_by_pte(folios[i], TTU_BATCH_FLUSH);
	try_to_unmap_flush();
}

static void check_unmapped(void)
{
	unsigned long i;

	for (i = 0; i < NR_FOLIOS; i++) {
		if (folio_mapped(folios[i]) || model.errors) {
			fprintf(stderr, "bench: folio %lu still mapped\n", i);
			exit(2);
		}
	}
}

static double run_once(const struct kind *k, bool batched)
{
	struct timespec t0, t1;

	build(k);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (batched)
		bench_unmap_batched();
	else
		bench_unmap_pte();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check_unmapped();
	return (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct result {
	double median, min, max;
	unsigned long long ir;
};

/* Instructions of one unmap under callgrind, 0 if unavailable. */
static unsigned long long callgrind(const char *self, const struct kind *k,
				    bool batched, const char *outdir)
{
	char cmd[2048], file[512], line[512];
	unsigned long long ir = 0;
	FILE *f;

	snprintf(file, sizeof(file), "%.400s/callgrind.%s.%s.out", outdir, k->name,
		 batched ? "batched" : "pte");
	snprintf(cmd, sizeof(cmd),
		 "valgrind --tool=callgrind --callgrind-out-file=%s "
		 "--toggle-collect=%s %s --once %s %s >/dev/null 2>&1",
		 file, batched ? "bench_unmap_batched" : "bench_unmap_pte",
		 self, k->name, batched ? "batched" : "pte");
	if (system(cmd))
		return 0;
	f = fopen(file, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "totals: %llu", &ir) == 1 ||
		    sscanf(line, "summary: %llu", &ir) == 1)
			break;
	fclose(f);
	return ir;
}

static void summarize(double *t, int runs, struct result *r)
{
	qsort(t, runs, sizeof(*t), cmp_double);
	r->median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	r->min = t[0];
	r->max = t[runs - 1];
}

static void print_table(FILE *out, struct result res[][2], int runs,
			bool with_ir)
{
	unsigned int i;

	fprintf(out, "Unmap of 128 MiB of 64 KiB folios (%lu folios, %lu PTEs) in the model, "
		"TTU_BATCH_FLUSH, median of %d runs.\n\n",
		NR_FOLIOS, AREA >> PAGE_SHIFT, runs);
	fprintf(out, "| folios | path | median ms | min ms | max ms |%s\n",
		with_ir ? " instructions |" : "");
	fprintf(out, "| --- | --- | ---: | ---: | ---: |%s\n",
		with_ir ? " ---: |" : "");
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		const char *path[2] = { "PTE by PTE", "batched" };
		int b;

		for (b = 0; b < 2; b++) {
			fprintf(out, "| %s | %s | %.2f | %.2f | %.2f |", kinds[i].label,
				path[b], res[i][b].median, res[i][b].min,
				res[i][b].max);
			if (with_ir)
				fprintf(out, " %llu |", res[i][b].ir);
			fprintf(out, "\n");
		}
	}
	fprintf(out, "\n");
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		fprintf(out, "- %s: batched is %.2fx faster (median), %.2fx (min)",
			kinds[i].label, res[i][0].median / res[i][1].median,
			res[i][0].min / res[i][1].min);
		if (with_ir && res[i][1].ir)
			fprintf(out, ", %.2fx fewer instructions",
				(double)res[i][0].ir / res[i][1].ir);
		fprintf(out, "\n");
	}
	fprintf(out, "- seed threads, real kernels: 2.4x (lazyfree anon), about 4x (file);\n"
		"  the model leaves out the costs batching does not remove\n"
		"  (rmap tree walk, locks, mmu notifiers, TLB shootdown IPIs)\n"
		"- times are wall clock on a shared machine: min and the\n"
		"  instruction counts are the steadier figures\n");
}

static int once(const char *kind, const char *path)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (strcmp(kinds[i].name, kind))
			continue;
		run_once(&kinds[i], !strcmp(path, "batched"));
		return 0;
	}
	fprintf(stderr, "bench: unknown folio kind %s\n", kind);
	return 2;
}

int main(int argc, char **argv)
{
	const char *out_path = NULL;
	struct result res[ARRAY_SIZE(kinds)][2];
	bool with_ir = false;
	double t[2][64];
	int runs = 11, r, b;
	unsigned int i;
	FILE *out;

	for (r = 1; r < argc; r++) {
		if (!strcmp(argv[r], "--once") && r + 2 < argc)
			return once(argv[r + 1], argv[r + 2]);
		else if (!strcmp(argv[r], "--runs") && r + 1 < argc)
			runs = atoi(argv[++r]);
		else if (!strcmp(argv[r], "--callgrind"))
			with_ir = true;
		else if (!strcmp(argv[r], "--out") && r + 1 < argc)
			out_path = argv[++r];
	}
	runs = runs < 3 ? 3 : runs > 64 ? 64 : runs;
	memset(res, 0, sizeof(res));
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		/* Interleave the two paths so drift hits both alike. */
		for (r = 0; r < runs; r++)
			for (b = 0; b < 2; b++)
				t[b][r] = run_once(&kinds[i], b);
		for (b = 0; b < 2; b++)
			summarize(t[b], runs, &res[i][b]);
	}
	if (with_ir && system("command -v valgrind >/dev/null 2>&1"))
		with_ir = false;
	for (i = 0; with_ir && i < ARRAY_SIZE(kinds); i++) {
		char dir[512];

		snprintf(dir, sizeof(dir), "%s", out_path ? out_path : "bench.md");
		*(strrchr(dir, '/') ? strrchr(dir, '/') : dir) = 0;
		for (b = 0; b < 2; b++)
			res[i][b].ir = callgrind(argv[0], &kinds[i], b,
						 *dir ? dir : ".");
	}
	print_table(stdout, res, runs, with_ir);
	if (out_path) {
		out = fopen(out_path, "w");
		if (!out) {
			perror(out_path);
			return 2;
		}
		print_table(out, res, runs, with_ir);
		fclose(out);
	}
	model_destroy();
	return 0;
}
