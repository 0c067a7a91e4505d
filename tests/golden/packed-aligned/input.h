/* SPDX-License-Identifier: MIT */
/* packed and aligned attributes: a packed struct has the same layout on
 * every ABI; __aligned_u64 makes i386 agree with x86_64; aligned(16) adds
 * tail padding. */
#ifndef _UABI_TEST_PACKED_ALIGNED_H
#define _UABI_TEST_PACKED_ALIGNED_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_packed {
	__u8 type;
	__u32 value;
	__u64 addr;
} __attribute__((packed));

struct uabi_test_aligned {
	__u32 flags;
	__aligned_u64 addr;
	__u32 count;
};

struct uabi_test_over {
	__u32 id;
} __attribute__((aligned(16)));

#define UABI_TEST_SET_PACKED _IOW('U', 0x30, struct uabi_test_packed)
#define UABI_TEST_SET_ALIGNED _IOW('U', 0x31, struct uabi_test_aligned)
#define UABI_TEST_GET_OVER _IOR('U', 0x32, struct uabi_test_over)

#endif
