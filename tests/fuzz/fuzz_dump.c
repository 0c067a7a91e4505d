// SPDX-License-Identifier: MIT
/* libFuzzer: the dump reader (JSON parse, validation, layout finishing)
 * must refuse bad input with a message, never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct uabi_layout *l = NULL;
	struct uabi_diag d;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/uabi-fuzz-dump-%d.json", (int)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	uabi_diag__clear(&d);
	if (uabi_json__read_layout(path, &l, &d) == 0) {
		/* what reads must write and read again */
		char *s = uabi_json__dump_layout(l, &d);

		free(s);
		uabi_layout__free(l);
	}
	return 0;
}
