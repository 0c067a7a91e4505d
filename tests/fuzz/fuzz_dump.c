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

#include "core/json.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fd = memfd_create("uabi-fuzz-dump", MFD_CLOEXEC);
	if (fd < 0) {
		perror("fuzz_dump: memfd_create");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uabi_layout *l = NULL;
	struct uabi_diag d;
	const char *p = (const char *)data;
	size_t left = size;

	switch (uabi_json__fast_parse_check(p, size)) {
	case 1:		/* taken, and equal to Jansson's reading */
		break;
	case 0:		/* refused: Jansson decides, nothing to compare */
		break;
	default:
		/* json_loadb refuses it, or json_equal says the values differ */
		fprintf(stderr, "fuzz_dump: the fast parser takes what Jansson refuses or reads otherwise\n");
		abort();
	}
	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET))
		abort();
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n <= 0)
			abort();
		p += n;
		left -= (size_t)n;
	}
	uabi_diag__clear(&d);
	if (uabi_json__read_layout(path, &l, &d) == 0) {
		/* what reads must write and read again */
		char *s = uabi_json__dump_layout(l, &d);

		free(s);
		uabi_layout__free(l);
	}
	return 0;
}
