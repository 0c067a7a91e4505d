// SPDX-License-Identifier: MIT
/* libFuzzer: the dump reader (JSON parse, validation, layout finishing)
 * must refuse bad input with a message, never crash or leak; what reads
 * must write. Differential (uabi_json__fast_parse_check): whatever the fast
 * JSON parser takes, Jansson (json_loadb) must take with an equal value
 * (json_equal), and whatever Jansson refuses the fast parser must refuse;
 * a disagreement aborts. The reader takes a
 * path: the bytes go to a memfd (/proc/self/fd/N), never to a file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memfile.h"
#include "core/json.h"

static struct memfile mf;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfile__open(&mf, "uabi-fuzz-dump");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uabi_layout *l = NULL;
	struct uabi_diag d;

	switch (uabi_json__fast_parse_check((const char *)data, size)) {
	case 1:		/* taken, and equal to Jansson's reading */
		break;
	case 0:		/* refused: Jansson decides, nothing to compare */
		break;
	default:
		/* json_loadb refuses it, or json_equal says the values differ */
		fprintf(stderr, "fuzz_dump: the fast parser takes what Jansson refuses or reads otherwise\n");
		abort();
	}
	if (memfile__fill(&mf, data, size))
		abort();
	uabi_diag__clear(&d);
	if (uabi_json__read_layout(mf.path, &l, &d) == 0) {
		/* what reads must write and read again */
		char *s = uabi_json__dump_layout(l, &d);

		free(s);
		uabi_layout__free(l);
	}
	return 0;
}
