/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * column.h - one column per finding in every mode: GCC's display column
 * (-fdiagnostics-column-unit=display, its default since GCC 11: a tab
 * advances to the next multiple of 8, a UTF-8 character counts once), the
 * column a build log shows.  The plugin's JSON and the Coccinelle rules'
 * byte columns go through it, so kcheck, report, check and the KCFLAGS log
 * agree.  Plain C that compiles as C++ too.
 */
#ifndef PTEBATCH_COLUMN_H
#define PTEBATCH_COLUMN_H

#include <stdio.h>
#include <string.h>

#define PB_TABSTOP 8

/* The display column of 1-based byte column COL on line LINE of FILE; COL
 * itself when the line cannot be read. */
static int pb_display_column(const char *file, int line, int col)
{
	char buf[4096];
	FILE *f;
	int n = 1, disp = 0, i;

	if (!file || line < 1 || col < 1 || !(f = fopen(file, "r")))
		return col;
	while (n < line && fgets(buf, sizeof(buf), f))
		if (strchr(buf, '\n'))
			n++;
	if (n != line || !fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return col;
	}
	fclose(f);
	for (i = 0; i < col - 1 && buf[i] && buf[i] != '\n'; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\t')
			disp = (disp / PB_TABSTOP + 1) * PB_TABSTOP;
		else if ((c & 0xc0) != 0x80)	/* not a UTF-8 continuation byte */
			disp++;
	}
	return disp + 1 + (col - 1 - i);
}

#endif
