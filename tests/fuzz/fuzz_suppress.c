// SPDX-License-Identifier: MIT
/* libFuzzer: the suppressions file parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare/suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct uabi_suppress s = { 0 };
	struct uabi_diag d;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	uabi_diag__clear(&d);
	uabi_suppress__parse(text, "fuzz.supp", &s, &d);
	uabi_suppress__free(&s);
	free(text);
	return 0;
}
