/* SPDX-License-Identifier: MIT */
/* Explicitly padded fixed-width members only: identical on every ABI. */
#ifndef _UABI_TEST_IDENTICAL_H
#define _UABI_TEST_IDENTICAL_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_same {
	__u32 id;
	__u32 pad;
	__u64 addr;
	__u8 tag[8];
	__u16 port;
	__u16 pad2[3];
};

#define UABI_TEST_SET_SAME _IOW('U', 0x60, struct uabi_test_same)
#define UABI_TEST_GET_SAME _IOR('U', 0x61, struct uabi_test_same)

#endif
