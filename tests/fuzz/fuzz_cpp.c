// SPDX-License-Identifier: MIT
/* libFuzzer: the `cc -E -dD` reader and the ioctl macro expander over
 * every macro it finds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extractor/macros.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct uabi_cpp c;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (uabi_cpp__parse(&c, text) == 0) {
		for (uint32_t i = 0; i < c.nmacros; i++) {
			struct uabi_ioc_call call;

			if (uabi_cpp__ioctl_call(&c, &c.macros[i], &call))
				uabi_ioc_call__free(&call);
		}
		uabi_cpp__free(&c);
	}
	free(text);
	return 0;
}
