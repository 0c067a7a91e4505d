/* SPDX-License-Identifier: MIT */
/*
 * Running compilers and linkers: posix_spawnp with an argv, never a shell.
 */
#ifndef UABI_SPAWN_H
#define UABI_SPAWN_H

#include <stddef.h>

#include "../core/diag.h"

struct uabi_run {
	int status;		/* exit status, or 128+signal */
	char *err;		/* captured stderr (malloc'd, NUL-terminated, may be "") */
};

/* Run argv (argv[0] looked up on PATH) with stdin and stdout on /dev/null
 * and stderr captured into run->err. errfile is a scratch path for the
 * capture. Returns 0 when the program ran (whatever its status), or -errno
 * with d set (toolchain class) when it could not be started. */
int uabi_spawn__run(char *const argv[], const char *errfile, struct uabi_run *run,
		    struct uabi_diag *d);
/* The same with stdout written to outfile (created or truncated). */
int uabi_spawn__run_out(char *const argv[], const char *outfile, const char *errfile,
			struct uabi_run *run, struct uabi_diag *d);
/* Free run->err. */
void uabi_run__free(struct uabi_run *run);
/* Format argv as one line (for --verbose and error messages). */
void uabi_spawn__format(char *const argv[], char *buf, size_t len);

#endif
