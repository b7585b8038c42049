// SPDX-License-Identifier: GPL-2.0-only
/*
 * Self-test input of count_vm_bug (not kernel code). Lines marked "use" must
 * be counted, lines marked "no" must not. VM_BUG_ON(in_a_comment) is no use.
 */
#define VM_BUG_ON(c) ((void)(c))
#define VM_BUG_ON_PAGE(c, p) ((void)(c))
#define VM_BUG_ON_FOLIO(c, f) ((void)(c))
#define VM_BUG_ON_VMA(c, v) ((void)(c))
#define VM_BUG_ON_MM(c, m) ((void)(c))
#define VM_BUG_ON_PGFLAGS(c, p) ((void)(c))
#define BUILD_BUG_ON(c) ((void)(c))
#define CHECK_IT(x) VM_BUG_ON(x)	/* no: in a #define */
#define LONG_MACRO(x)		\
	do {			\
		VM_BUG_ON(x);	\
	} while (0)

struct s { int a; };

int sample(struct s *p, int n)
{
	const char *msg = "VM_BUG_ON(in a string)";	/* no */
	char q = '(';				/* a lone quote char */

	VM_BUG_ON(n < 0);			/* use */
	VM_BUG_ON_PAGE(n > 1, p);		/* use */
	VM_BUG_ON_FOLIO (n > 2,			/* use, split */
			 p);
	VM_BUG_ON_VMA
		(n > 3, p);			/* use (line of the name) */
	VM_BUG_ON_MM(n > 4, p); VM_BUG_ON_PGFLAGS(n, p); /* two uses */
	BUILD_BUG_ON(sizeof(*p) == 0);		/* no */
	// VM_BUG_ON(n);			/* no */
	n += xVM_BUG_ON_count + VM_BUG_ONE;	/* no: other identifiers */
#ifdef VM_BUG_ON
	n++;					/* no: identifier without ( */
#endif
#if 0
	VM_BUG_ON(n == 5);			/* no: short dead group */
#else
	VM_BUG_ON(n == 6);			/* use */
#endif
#ifdef SAMPLE_NOT_DEFINED
	VM_BUG_ON(n == 7);			/* no: long dead group */
	n++;
	n++;
	n++;
	n++;
	n++;
	n++;
	n++;
	n++;
	n++;
#endif
	CHECK_IT(n);				/* no: a use of CHECK_IT */
	return msg[0] + q + p->a;
}
