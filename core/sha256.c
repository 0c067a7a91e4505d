// SPDX-License-Identifier: MIT
#include "sha256.h"

void uabi_sha256__init(struct uabi_sha256 *s)
{
	sha256_init(&s->ctx);
}

void uabi_sha256__update(struct uabi_sha256 *s, const void *data, size_t len)
{
	sha256_update(&s->ctx, len, data);
}

void uabi_sha256__hex(struct uabi_sha256 *s, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t md[SHA256_DIGEST_SIZE];

	sha256_digest(&s->ctx, sizeof(md), md);
	for (size_t i = 0; i < sizeof(md); i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}
