/* SPDX-License-Identifier: MIT */
/* A long whose only effect is its width: an unsigned long in a union with a
 * __u64 keeps every offset and size (16 bytes, the union at 8) on every ABI,
 * but an ILP32 caller fills only 4 of the 8 bytes (the low half on
 * little-endian, the high half on big-endian). A compat check that ignored
 * longs would call it identical. */
#ifndef _UABI_TEST_UNION_ULONG_H
#define _UABI_TEST_UNION_ULONG_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_addr {
	__u32 slot;
	__u32 pad;
	union {
		unsigned long addr;
		__u64 addr64;
	};
};

#define UABI_TEST_SET_ADDR _IOW('U', 0x30, struct uabi_test_addr)

#endif
