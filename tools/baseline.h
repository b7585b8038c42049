/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * baseline.h - known findings, keyed by fingerprint (file, function, check,
 * normalised statement: never the line), so that only new findings fail CI.
 */
#ifndef PTEBATCH_BASELINE_H
#define PTEBATCH_BASELINE_H

#include "finding.h"

/*
 * Drop the findings of L whose fingerprint is in the baseline file PATH
 * (findings as JSON lines, --format=json).  A fingerprint listed twice
 * suppresses two findings: a third copy of a known mistake is new.  Fails
 * (exit 2) when PATH cannot be read or is not findings JSON.
 */
void baseline_apply(struct finding_list *l, const char *path);

#endif
