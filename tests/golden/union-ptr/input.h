/* SPDX-License-Identifier: MIT */
/* struct kvm_dirty_log's shape: a pointer in a union with a __u64, so the
 * size is the same everywhere but a 32-bit pointer fills half of the bytes
 * (the low half on little-endian, the high half on big-endian). */
#ifndef _UABI_TEST_UNION_PTR_H
#define _UABI_TEST_UNION_PTR_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_log {
	__u32 slot;
	__u32 padding1;
	union {
		void *bitmap;
		__u64 padding2;
	};
};

union uabi_test_handle {
	const void *ptr;
	__u64 value;
};

struct uabi_test_req {
	__u32 op;
	__u32 pad;
	union uabi_test_handle handle;
};

#define UABI_TEST_GET_LOG _IOW('U', 0x20, struct uabi_test_log)
#define UABI_TEST_REQ _IOWR('U', 0x21, struct uabi_test_req)

#endif
