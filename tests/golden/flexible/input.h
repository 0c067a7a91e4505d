/* SPDX-License-Identifier: MIT */
/* Flexible and zero-length trailing arrays: the ioctl size covers the
 * header only (like struct kvm_msrs). */
#ifndef _UABI_TEST_FLEXIBLE_H
#define _UABI_TEST_FLEXIBLE_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_entry {
	__u32 index;
	__u32 flags;
	__u64 data;
};

struct uabi_test_list {
	__u32 nent;
	__u32 padding;
	struct uabi_test_entry entries[];
};

struct uabi_test_blob {
	__u16 len;
	__u8 data[0];
};

#define UABI_TEST_GET_LIST _IOWR('U', 0x38, struct uabi_test_list)
#define UABI_TEST_SET_BLOB _IOW('U', 0x39, struct uabi_test_blob)

#endif
