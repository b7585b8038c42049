// SPDX-License-Identifier: GPL-2.0-only
/*
 * Countdown loops that are no batched mm helper's: no parameter points to
 * a page-table entry or a page, and the count is not named for pages or
 * entries.  A whole-kernel build found these shapes outside mm (SCSI
 * retry loops, ACPI name segments, a byte swap, a bignum carry, a busy
 * wait, a static walk of an indirect block chain given a depth from 0).
 */
#include "../../include/kernel.h"

struct dev { int removable, changed; };
int dev_execute(struct dev *sdev, int timeout);
int sense_unit_attention(struct dev *sdev);

/* scsi_test_unit_ready(): eat a UNIT_ATTENTION while there are retries */
int dev_test_ready(struct dev *sdev, int timeout, int retries)
{
	int result;

	do {
		result = dev_execute(sdev, timeout);
		if (sdev->removable && result > 0 && sense_unit_attention(sdev))
			sdev->changed = 1;
	} while (result > 0 && sense_unit_attention(sdev) && --retries);
	return result;
}

/* a reset retried a few times, the loop shape both engines match */
void dev_reset(struct dev *sdev, unsigned int tries)
{
	do {
		if (!dev_execute(sdev, 0))
			break;
	} while (--tries);
}

void os_printf(const char *fmt, ...);

/* acpi_ns_print_pathname(): the segments of a name, dot-separated */
void print_pathname(unsigned int num_segments, const char *pathname)
{
	os_printf("[");
	while (num_segments) {
		os_printf("%.4s", pathname);
		pathname += 4;
		num_segments--;
		if (num_segments)
			os_printf(".");
	}
	os_printf("]\n");
}

/* swap_bytes() of min_heap.h */
void swap_bytes(void *a, void *b, unsigned long n)
{
	do {
		char t = ((char *)a)[--n];

		((char *)a)[n] = ((char *)b)[n];
		((char *)b)[n] = t;
	} while (n);
}

typedef unsigned long limb_t;
typedef limb_t *limb_ptr_t;

/* mpihelp_add_1(): the carry runs up the limbs */
limb_t add_1(limb_ptr_t res_ptr, limb_ptr_t s1_ptr, long s1_size,
		limb_t s2_limb)
{
	limb_t x = *s1_ptr++;

	s2_limb += x;
	*res_ptr++ = s2_limb;
	if (s2_limb < x) {
		while (--s1_size) {
			x = *s1_ptr++ + 1;
			*res_ptr++ = x;
			if (x)
				return 0;
		}
		return 1;
	}
	return 0;
}

struct port { unsigned char (*check_status)(struct port *ap); };
void udelay(unsigned long usecs);

/* ata_sff_busy_wait() of libata.h */
unsigned char busy_wait(struct port *ap, unsigned int bits, unsigned int max)
{
	unsigned char status;

	do {
		udelay(10);
		status = ap->check_status(ap);
		max--;
	} while (status != 0xff && (status & bits) && max > 0);
	return status;
}

/* ext4_get_branch() given ext4_find_shared()'s depth, which can be 0 */
struct inode { unsigned long i_blocks; };
struct chain { unsigned int key; };
unsigned int read_block(struct inode *inode, unsigned int key);

static int get_branch(struct inode *inode, int depth, unsigned int *offsets,
		struct chain *chain)
{
	unsigned int key = offsets[0];

	while (--depth) {
		key = read_block(inode, key);
		if (!key)
			return 1;
		(++chain)->key = key;
	}
	return 0;
}

int find_shared(struct inode *inode, int depth, unsigned int *offsets,
		struct chain *chain)
{
	int k = 0;

	while (k < depth && offsets[k])
		k++;
	return get_branch(inode, k, offsets, chain);
}
