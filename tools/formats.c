// SPDX-License-Identifier: GPL-2.0-only
/* formats.c - the table of output formats, from formats.def. */
#include <string.h>
#include "output.h"

const struct output_format output_formats[] = {
#define FORMAT(name, writer, whole, stream, help) \
	{ #name, writer, whole, stream, help },
#include "formats.def"
#undef FORMAT
	{ NULL }
};

static const char names[] =
#define FORMAT(name, writer, whole, stream, help) ", " #name
#include "formats.def"
#undef FORMAT
	;
const char *const output_format_names = names + 2;	/* past the first ", " */

const struct output_format *output_format_find(const char *name)
{
	const struct output_format *f;

	for (f = output_formats; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
