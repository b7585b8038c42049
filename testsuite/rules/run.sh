#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build and run the rule-table test: the table, the cocci templates, and
# generated cases for every table line through both engines (needs make).
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(mktemp /tmp/test-rules.XXXXXX)
trap 'rm -f "$bin"' EXIT
cc -O1 -Wall -Werror -o "$bin" "$top/testsuite/rules/test-rules.c" || {
	echo "0 passed, 1 failed"
	exit 1
}
"$bin" "$top"
