// SPDX-License-Identifier: MIT
/*
 * kio-read: read a whole kernel tree's ioctl dispatch facts the way uabi
 * does (kernel/kio_cache.h), for bench/kio.sh until a uabi command does it.
 *
 *   kio-read [--no-cache] [--digest] TREE
 *
 * Prints one line: "source scan|cache files N bytes B seconds S", then with
 * --digest "facts SHA256" (the sha256 of the facts' blob: a cold and a warm
 * read of the same tree print the same). The cache is uabi's
 * ($UABI_CACHE_DIR, ...; core/cache.h); $UABI_NO_CACHE or --no-cache turn
 * it off. Exit 0, or 2 with one error line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cache.h"
#include "core/diag.h"
#include "core/sha256.h"
#include "kernel/ioctls.h"
#include "kernel/kio_cache.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct uabi_cache cache, *c = NULL;
	bool no_cache = false, digest = false;
	const char *tree = NULL;
	struct uabi_kio *k;
	struct uabi_diag d;
	char dir[4096];
	uint64_t bytes;
	uint32_t files;
	double t0;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-cache"))
			no_cache = true;
		else if (!strcmp(argv[i], "--digest"))
			digest = true;
		else if (argv[i][0] != '-' && !tree)
			tree = argv[i];
		else
			tree = NULL, i = argc;
	}
	if (!tree) {
		fprintf(stderr, "usage: kio-read [--no-cache] [--digest] TREE\n");
		return 2;
	}
	uabi_diag__clear(&d);
	if (!no_cache && uabi_cache__default_dir(dir, sizeof(dir))) {
		if (uabi_cache__open(&cache, dir, uabi_cache__default_max(), &d)) {
			uabi_diag__print(&d, stderr);
			return 2;
		}
		c = &cache;
	}
	t0 = now();
	err = uabi_kio__read_cached(tree, c, &k, &d);
	if (err) {
		uabi_diag__print(&d, stderr);
		return 2;
	}
	uabi_kio__stats(k, &files, &bytes);
	printf("source %s files %u bytes %llu seconds %.3f\n",
	       uabi_kio__from_cache(k) ? "cache" : "scan", files, (unsigned long long)bytes,
	       now() - t0);
	if (digest) {
		struct uabi_sha256 h;
		char hex[65], *blob;
		size_t len;

		if (uabi_kio__to_blob(k, &blob, &len)) {
			fprintf(stderr, "kio-read: out of memory\n");
			return 2;
		}
		uabi_sha256__init(&h);
		uabi_sha256__update(&h, blob, len);
		uabi_sha256__hex(&h, hex);
		printf("facts %s blob-bytes %zu\n", hex, len);
		free(blob);
	}
	uabi_kio__free(k);
	if (c)
		uabi_cache__close(c);
	return 0;
}
