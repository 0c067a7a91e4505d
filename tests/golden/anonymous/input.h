/* SPDX-License-Identifier: MIT */
/* Anonymous members (struct kvm_run's shape): an anonymous union holding an
 * anonymous struct, a named struct member and an array. gcc puts the
 * anonymous types at CU level, clang nests them: same dump either way. */
#ifndef _UABI_TEST_ANONYMOUS_H
#define _UABI_TEST_ANONYMOUS_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_event {
	__u32 type;
	union {
		struct {
			__u64 addr;
			__u32 len;
		};
		struct {
			__u16 port;
			__u8 size;
			__u8 dir;
		} io;
		__u8 raw[16];
	};
};

#define UABI_TEST_GET_EVENT _IOR('U', 0x40, struct uabi_test_event)

#endif
