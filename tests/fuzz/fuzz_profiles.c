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

#include "memfile.h"
#include "core/json.h"
#include "core/profile.h"

static struct memfile mf;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfile__open(&mf, "uabi-fuzz-profiles");
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
	if (memfile__fill(&mf, data, size))
		abort();
	if (uabi_json__read_profiles(mf.path, &set, &d) == 0 && set.n <= 64) {
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

			if (uabi_profiles__builtin(&again, &d) || memfile__fill(&mf, text, strlen(text)))
				abort();
			if (uabi_json__read_profiles(mf.path, &again, &d)) {
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
