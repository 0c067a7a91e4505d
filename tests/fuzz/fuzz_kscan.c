// SPDX-License-Identifier: MIT
/* libFuzzer: the case-label and member-reference scanners of the kernel
 * facts (C text with preprocessor conditions, comments and strings). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/cscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct uabi_klabels out = { 0 };
	struct uabi_krefs refs = { 0 };
	struct uabi_arena a;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	uabi_arena__init(&a);
	uabi_kscan__labels(text, "fuzz.c", &a, &out);
	uabi_klabels__free(&out);
	uabi_kscan__members(text, &a, &refs);
	uabi_krefs__free(&refs);
	uabi_arena__free(&a);
	free(text);
	return 0;
}
