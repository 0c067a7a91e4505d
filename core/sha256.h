/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4), for the input identity of a dump and the cache:
 * GNU Nettle's (nettle/sha2.h), which uses the CPU's SHA instructions
 * where it has them (about 5x uabi's own C code on this machine's 64 MiB:
 * 0.046 s against 0.241 s). No allocation; nothing to free.
 */
#ifndef UABI_SHA256_H
#define UABI_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/sha2.h>

struct uabi_sha256 {
	struct sha256_ctx ctx;
};

void uabi_sha256__init(struct uabi_sha256 *s);
/* Hash len more bytes of data. */
void uabi_sha256__update(struct uabi_sha256 *s, const void *data, size_t len);
/* Finish and write 64 lowercase hex digits + NUL into hex[65]. */
void uabi_sha256__hex(struct uabi_sha256 *s, char hex[65]);

#endif
