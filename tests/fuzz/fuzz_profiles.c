// SPDX-License-Identifier: MIT
/* libFuzzer: the profiles file loader (--profiles-file) over the built-in
 * set. Bad input must be refused with a message, never crash or leak; what
 * loads must serialise, select and load again to the same profiles. The
 * JSON is also read by both parsers: the fast one must agree with Jansson
 * (abort otherwise). The loader takes a path: the bytes go to a memfd. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/json.h"
#include "core/profile.h"

static int fd = -1;
static char path[64];

static int fill(const void *data, size_t size)
{
	const char *p = data;

	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET))
		return -1;
	while (size) {
		ssize_t n = write(fd, p, size);

		if (n <= 0)
			return -1;
		p += n;
		size -= (size_t)n;
	}
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fd = memfd_create("uabi-fuzz-profiles", MFD_CLOEXEC);
	if (fd < 0) {
		perror("fuzz_profiles: memfd_create");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uabi_profile_set set, again;
	const struct uabi_profile **sel = NULL;
	struct uabi_diag d;
	uint32_t nsel = 0;
	bool present[64] = { false };
	char *text;

	if (uabi_json__fast_parse_check((const char *)data, size) < 0)
		abort();	/* the fast parser took what Jansson reads otherwise */
	uabi_diag__clear(&d);
	if (uabi_profiles__builtin(&set, &d))
		abort();
	if (fill(data, size))
		abort();
	if (uabi_json__read_profiles(path, &set, &d) == 0 && set.n <= 64) {
		for (uint32_t i = 0; i < set.n; i++) {
			if (uabi_profiles__find(&set, set.v[i].name) != &set.v[i])
				abort();
			(void)uabi_profiles__native_of(&set, set.v[i].name);
		}
		if (uabi_profiles__select(&set, "all", &sel, &nsel, &d) == 0)
			free(sel);
		/* what loads serialises and loads again, unchanged */
		text = uabi_json__dump_profiles(&set, present, &d);
		if (text) {
			char *second;

			if (uabi_profiles__builtin(&again, &d) || fill(text, strlen(text)))
				abort();
			if (uabi_json__read_profiles(path, &again, &d)) {
				fprintf(stderr, "fuzz_profiles: own output refused: %s\n", d.msg);
				abort();
			}
			second = uabi_json__dump_profiles(&again, present, &d);
			if (!second || strcmp(text, second)) {
				fprintf(stderr, "fuzz_profiles: second round differs\n");
				abort();
			}
			free(second);
			uabi_profiles__free(&again);
			free(text);
		}
	}
	uabi_profiles__free(&set);
	return 0;
}
