// SPDX-License-Identifier: GPL-2.0-only
/* Does not compile: the CLI must say so and exit 2. */
int broken(void)
{
	return undeclared_name;
}
