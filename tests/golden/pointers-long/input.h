/* SPDX-License-Identifier: MIT */
/* Pointers and longs: 8 bytes on LP64, 4 on every ILP32 profile. */
#ifndef _UABI_TEST_POINTERS_LONG_H
#define _UABI_TEST_POINTERS_LONG_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_buf {
	void *addr;
	unsigned long len;
	long offset;
	const char *name;
	__u32 flags;
};

#define UABI_TEST_MAP _IOWR('U', 0x10, struct uabi_test_buf)

#endif
