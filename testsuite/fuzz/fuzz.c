// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer targets over the CLI's readers of outside input, built with
 * ASan and UBSan (make fuzz; docs/testing.md).  One file, one target per
 * FUZZ_<NAME> define:
 *   patch     series_parse() of a patch or mbox (lint, b4's check input),
 *             then each file's hunks applied to a small C file as lint does
 *   jsonl     report's findings, one JSON object a line
 *   log       report's build logs (gcc diagnostics, make's directory lines)
 *   baseline  a baseline file applied to a list of findings
 *   ccdb      compile_commands.json
 * The CLI's error path (fail(): one line, exit 2) is a correct answer to bad
 * input: exit() is wrapped (-Wl,--wrap=exit) to jump back here.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../tools/ccdb.h"
#include "../../tools/baseline.h"
#include "../../tools/finding.h"
#include "../../tools/patch.h"

static jmp_buf back;
static int armed;

void __real_exit(int status);
void __wrap_exit(int status)
{
	if (armed && status == 2) {
		armed = 0;
		longjmp(back, 1);
	}
	__real_exit(status);
}

/* What the reader read, freed after its error path (-Wl,--wrap=file_read):
 * 64 KiB a failing run would leak otherwise. */
static char *held;
char *__real_file_read(const char *path, size_t *len);
char *__wrap_file_read(const char *path, size_t *len)
{
	return held = __real_file_read(path, len);
}

/* The readers that take a path get the input as a file. */
static const char *as_file(const uint8_t *data, size_t size)
{
	static char path[64];
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/ptebatch-fuzz.%d%s", (int)getpid(),
#if defined(FUZZ_JSONL) || defined(FUZZ_BASELINE)
			 ".jsonl"
#elif defined(FUZZ_CCDB)
			 ".json"
#else
			 ".log"
#endif
			 );
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	return path;
}

#ifdef FUZZ_PATCH
static const char base_c[] =
	"// a\n#include <x.h>\n\nstatic int f(int a)\n{\n\treturn a;\n}\n\n"
	"int g(void)\n{\n\tint b = f(1);\n\n\treturn b;\n}\n";

static void one(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct series s = { 0 };
	int i, j, k;

	memcpy(text, data, size);
	text[size] = 0;
	series_parse(&s, text, "fuzz.patch");
	for (i = 0; i < s.n; i++)
		for (j = 0; j < s.v[i].nr_files; j++) {
			const struct file_patch *fp = &s.v[i].file[j];
			struct text t = { 0 };
			bool *added, *touched;
			int *func;

			text_from_string(&t, base_c);
			if (file_patch_apply(fp, &t)) {
				text_free(&t);
				continue;
			}
			added = calloc(t.n + 1, sizeof(bool));
			touched = calloc(t.n + 1, sizeof(bool));
			func = calloc(t.n + 1, sizeof(int));
			file_patch_changed(fp, added, touched, t.n);
			c_functions(&t, func);
			for (k = 0; k < t.n; k++)
				free(c_function_at(&t, func, k));
			free(added);
			free(touched);
			free(func);
			text_free(&t);
		}
	free(text);
}
#elif defined(FUZZ_JSONL) || defined(FUZZ_LOG)
static void one(const uint8_t *data, size_t size)
{
	struct finding_list l = { 0 };
	size_t i;
	char fp[17];

#ifdef FUZZ_JSONL
	findings_load_jsonl(&l, as_file(data, size));
#else
	findings_load_log(&l, as_file(data, size));
#endif
	findings_finish(&l);
	for (i = 0; i < l.n; i++)
		fingerprint_of(&l.v[i], fp);
	findings_clear(&l);
}
#elif defined(FUZZ_BASELINE)
static void one(const uint8_t *data, size_t size)
{
	struct finding_list l = { 0 };
	struct finding f;

	if (finding_parse_json("{\"file\":\"mm/a.c\",\"line\":3,\"column\":2,"
			       "\"check\":\"batch-bounds\",\"message\":\"m\"}", &f) == 0)
		findings_add(&l, &f);
	baseline_apply(&l, as_file(data, size));
	findings_clear(&l);
}
#elif defined(FUZZ_CCDB)
static void one(const uint8_t *data, size_t size)
{
	struct ccdb db = { 0 };

	if (ccdb_load(&db, as_file(data, size)) == 0) {
		ccdb_find(&db, "/tmp/a.c");
		ccdb_find(&db, "mm/a.c");
	}
	ccdb_free(&db);
}
#else
#error "define one FUZZ_<TARGET>"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	held = NULL;
	if (setjmp(back) == 0) {
		armed = 1;
		one(data, size);
	} else {
		free(held);
	}
	armed = 0;
	held = NULL;
	return 0;
}
