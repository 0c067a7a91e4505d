/* SPDX-License-Identifier: MIT */
/* __u64 bitfields after a __u32: LP64 ABIs start a new 8-byte-aligned unit
 * for c (bit 64), i386 packs c into the 4-byte-aligned unit that begins at
 * byte 4 (bit 52). aligned(8) makes both 16 bytes, so the ioctl number is
 * the same and only the bit position differs: layout-differs on i386. */
#ifndef _UABI_TEST_BITFIELD_MOVES_H
#define _UABI_TEST_BITFIELD_MOVES_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct uabi_test_bitmove {
	__u32 a;
	__u64 b:20;
	__u64 c:44;
} __attribute__((aligned(8)));

#define UABI_TEST_SET_BITMOVE _IOW('U', 0x70, struct uabi_test_bitmove)

#endif
