/* SPDX-License-Identifier: MIT */
/* A __u64 after a __u32: 8-byte aligned on LP64, x32, arm, ppc32 and s390,
 * 4-byte aligned on i386, so the struct is 24 bytes there and 16 on i386. */
#ifndef _UABI_TEST_U64_AFTER_U32_H
#define _UABI_TEST_U64_AFTER_U32_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_range {
	__u32 slot;
	__u64 addr;
	__u32 count;
};

#define UABI_TEST_SET_RANGE _IOW('U', 0x01, struct uabi_test_range)
#define UABI_TEST_GET_RANGE _IOR('U', 0x02, struct uabi_test_range)

#endif
