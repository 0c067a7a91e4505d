/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4), for the input identity of a dump. */
#ifndef UABI_SHA256_H
#define UABI_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct uabi_sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void uabi_sha256__init(struct uabi_sha256 *s);
void uabi_sha256__update(struct uabi_sha256 *s, const void *data, size_t len);
/* Finish and write 64 lowercase hex digits + NUL into hex[65]. */
void uabi_sha256__hex(struct uabi_sha256 *s, char hex[65]);

#endif
