/* SPDX-License-Identifier: MIT */
/* Scalar ioctl arguments. UABI_TEST_CMD is KVM_MEMORY_ENCRYPT_OP's pattern:
 * declared with unsigned long although the kernel reads a struct, so its
 * number differs between ILP32 and LP64 while the struct does not. */
#ifndef _UABI_TEST_ULONG_ARG_H
#define _UABI_TEST_ULONG_ARG_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_cmd {
	__u32 id;
	__u32 error;
	__u64 data;
};

#define UABI_TEST_CMD _IOWR('U', 0x50, unsigned long)
#define UABI_TEST_RESET _IO('U', 0x51)
#define UABI_TEST_GET_VERSION _IOR('U', 0x52, int)
#define UABI_TEST_SET_FLAGS _IOW('U', 0x53, __u32)

#endif
