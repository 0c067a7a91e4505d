/* SPDX-License-Identifier: MIT */
/* Running uabi from unit tests: posix_spawn with an argv (no shell).
 * Include after cmocka.h. */
#ifndef UABI_TEST_RUN_H
#define UABI_TEST_RUN_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "extractor/spawn.h"

/* Run argv; on failure print its stderr and fail the test. The uabi it
 * runs gets no address-space limit (an ASan build reserves terabytes of
 * shadow); it bounds its own compilers as usual. */
static inline void test_run(const char *const *argv)
{
	const char *tmp = getenv("TMPDIR");
	char errfile[4096];
	struct uabi_run r;
	struct uabi_diag d;
	int fd, err;

	snprintf(errfile, sizeof(errfile), "%s/uabi-test-run-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(errfile);
	assert_true(fd >= 0);
	close(fd);
	uabi_diag__clear(&d);
	uabi_spawn__set_limits(UABI_SPAWN_TIMEOUT_S * 5, 0);
	err = uabi_spawn__run((char *const *)argv, errfile, &r, &d);
	unlink(errfile);
	if (err)
		fail_msg("%s: %s", argv[0], d.msg);
	if (r.status)
		fprintf(stderr, "%s", r.err);
	uabi_run__free(&r);
	if (r.status)
		fail_msg("%s %s: exit %d", argv[0], argv[1], r.status);
}

#endif
