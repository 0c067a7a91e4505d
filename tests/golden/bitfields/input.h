/* SPDX-License-Identifier: MIT */
/* Bitfields: bit positions are counted from the LSB on little-endian and
 * from the MSB on big-endian; gcc and clang write them differently in
 * DWARF, the dump must not care. */
#ifndef _UABI_TEST_BITFIELDS_H
#define _UABI_TEST_BITFIELDS_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_bits {
	__u32 mode:3;
	__u32 level:5;
	__u32 :0;
	__u8 enabled:1;
	__u8 :7;
	__u16 vector;
	__u64 base:40;
	__u64 limit:24;
};

#define UABI_TEST_SET_BITS _IOW('U', 0x28, struct uabi_test_bits)

#endif
