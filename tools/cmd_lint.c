// SPDX-License-Identifier: GPL-2.0-only
#include "cmds.h"
#include "util.h"
int cmd_lint(int argc, char **argv) { fail("lint: not yet"); }
