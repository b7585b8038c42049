#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: the main job on bundled input.
exec sh "$(dirname "$0")/bundled.sh" demo
