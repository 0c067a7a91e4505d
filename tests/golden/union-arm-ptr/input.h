/* SPDX-License-Identifier: MIT */
/* A pointer inside a struct arm of a union (issue 8, item 3): 112 bytes with
 * name at 48 on every ABI; only the arm's size changes (16 vs 12 where
 * __u64 is 4-byte aligned, else its tail padding), because of the pointer.
 * Every leaf keeps its bytes: pointer-width, never layout-differs. */
#ifndef _UABI_TEST_UNION_ARM_PTR_H
#define _UABI_TEST_UNION_ARM_PTR_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct ex_args {
	__s64 fd;
	__u64 flags;
	union {
		struct {
			__u64 len;
			void *buf;
		};
		__u64 unused[4];
	};
	char name[64];
};

#define EX_IOC_ARGS _IOW('x', 1, struct ex_args)

#endif
