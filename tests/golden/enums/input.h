/* SPDX-License-Identifier: MIT */
/* Enums: an enum member, an enumerator above INT_MAX (the enum becomes
 * unsigned int) and an enum as the ioctl argument type. */
#ifndef _UABI_TEST_ENUMS_H
#define _UABI_TEST_ENUMS_H

#include <linux/types.h>
#include <linux/ioctl.h>

enum uabi_test_mode {
	UABI_TEST_MODE_OFF,
	UABI_TEST_MODE_ON = 1,
	UABI_TEST_MODE_HIGH = 0x80000000u,
};

struct uabi_test_config {
	enum uabi_test_mode mode;
	__u32 flags;
	__u64 value;
};

#define UABI_TEST_SET_CONFIG _IOW('U', 0x48, struct uabi_test_config)
#define UABI_TEST_GET_MODE _IOR('U', 0x49, enum uabi_test_mode)

#endif
