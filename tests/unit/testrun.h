/* SPDX-License-Identifier: MIT */
/* Running uabi from unit tests: posix_spawn with an argv (no shell).
 * Include after cmocka.h. */
#ifndef UABI_TEST_RUN_H
#define UABI_TEST_RUN_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "extractor/spawn.h"

/* Run argv; on failure print its stderr and fail the test. */
static inline void test_run(const char *const *argv)
{
	char errfile[] = "/tmp/uabi-test-run-XXXXXX";
	struct uabi_run r;
	struct uabi_diag d;
	int fd = mkstemp(errfile);

	assert_true(fd >= 0);
	close(fd);
	uabi_diag__clear(&d);
	if (uabi_spawn__run((char *const *)argv, errfile, &r, &d))
		fail_msg("%s: %s", argv[0], d.msg);
	unlink(errfile);
	if (r.status)
		fprintf(stderr, "%s", r.err);
	uabi_run__free(&r);
	if (r.status)
		fail_msg("%s %s: exit %d", argv[0], argv[1], r.status);
}

#endif
