/* SPDX-License-Identifier: MIT */
/* The only difference is tail padding: 16 bytes on x86_64 (4 of padding),
 * 12 on i386; every member has the same offset. */
#ifndef _UABI_TEST_TAIL_PADDING_H
#define _UABI_TEST_TAIL_PADDING_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_tail {
	__u64 value;
	__u32 flags;
};

#define UABI_TEST_SET_TAIL _IOW('U', 0x58, struct uabi_test_tail)

#endif
