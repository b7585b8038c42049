// SPDX-License-Identifier: GPL-2.0-only
/*
 * Basic kernel-like types and helpers for the ptebatch userspace model.
 *
 * Only what the batched unmap path needs; semantics follow the kernel's
 * documented behaviour (min() refuses mixed types, ALIGN() rounds up).
 */
#ifndef PTEBATCH_MODEL_TYPES_H
#define PTEBATCH_MODEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint8_t u8;
typedef unsigned long pgoff_t;

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __maybe_unused	__attribute__((__unused__))
#define noinline	__attribute__((__noinline__))
#define __stringify_1(x)	#x
#define __stringify(x)	__stringify_1(x)

#define BIT(nr)		(1UL << (nr))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The pointer comparison makes mixed-type min()/max() a compile error. */
#define __cmp_once(op, x, y) ({				\
	typeof(x) __x = (x);				\
	typeof(y) __y = (y);				\
	(void)(&__x == &__y);				\
	__x op __y ? __x : __y; })

#define min(x, y)		__cmp_once(<, x, y)
#define max(x, y)		__cmp_once(>, x, y)
#define min_t(type, x, y)	min((type)(x), (type)(y))
#define max_t(type, x, y)	max((type)(x), (type)(y))

#define __ALIGN_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define ALIGN(x, a)		__ALIGN_MASK(x, (typeof(x))(a) - 1)
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

#define EBUSY	16
#define ENOMEM	12

#endif /* PTEBATCH_MODEL_TYPES_H */
