/* SPDX-License-Identifier: MIT */
/*
 * Running compilers, linkers, git and tar: posix_spawnp with an argv, never
 * a shell, and bounded.
 *
 * Every child leads its own process group (so a timeout or an interrupt
 * kills the driver with its cc1/as/collect2), gets a wall-clock limit and
 * an address-space limit (RLIMIT_AS), and runs with TMPDIR set to the
 * directory of its errfile (a scratch directory): gcc's temporaries and
 * clang's crash reproducers die with it.
 *
 * posix_spawn cannot set rlimits, and setrlimit in uabi itself would bound
 * uabi too (under ASan its shadow mapping then fails every mmap). The child
 * is therefore started through util-linux's prlimit(1) (an argv: prlimit
 * --as=BYTES --core=0 -- /abs/program args), which sets the limits on
 * itself and execs the program: no window. Without prlimit(1) the limits
 * are applied with prlimit(2) as soon as posix_spawnp returns; glibc
 * returns after the exec, so the window is the new program's first
 * instructions (a tiny limit then shows up as a loader error, reported as
 * the memory limit too).
 */
#ifndef UABI_SPAWN_H
#define UABI_SPAWN_H

#include <spawn.h>
#include <stddef.h>

#include "../core/diag.h"

struct uabi_run {
	int status;		/* exit status, or 128+signal */
	char *err;		/* captured stderr (malloc'd, NUL-terminated, may be "") */
	/* the limit that stopped the program (the run returned it): -ETIMEDOUT
	 * (--timeout), -ENOMEM (--memory-limit), -EFBIG (the file-size limit);
	 * 0 otherwise (uabi's own out of memory is -ENOMEM with limit 0) */
	int limit;
};

/* Limits for every child from now on (process-wide; the CLI sets them from
 * --timeout and --memory-limit). 0 means no limit. Defaults: 120 s, 4096 MiB. */
void uabi_spawn__set_limits(unsigned timeout_s, unsigned long long memory_mib);
#define UABI_SPAWN_TIMEOUT_S 120
#define UABI_SPAWN_MEMORY_MIB 4096ull
/* Every file a child writes (its output, its captured stderr) stops at
 * this size (RLIMIT_FSIZE): a header whose macros explode in -E output. */
#define UABI_SPAWN_FSIZE_MIB 1024u

/* Run argv (argv[0] looked up on PATH) with stdin and stdout on /dev/null
 * and stderr captured into run->err. errfile is a scratch path for the
 * capture. Returns 0 when the program ran to its end (whatever its status),
 * or -errno with d set (toolchain class) naming argv[0] when it could not
 * be started, was stopped by the time limit ("clang: stopped after the
 * 120 s time limit (--timeout)", -ETIMEDOUT), hit the memory limit
 * (-ENOMEM), or was stopped by an interrupt (-EINTR; uabi_intr__pending()
 * is then set, and nothing is started once it is). */
int uabi_spawn__run(char *const argv[], const char *errfile, struct uabi_run *run,
		    struct uabi_diag *d);
/* The same with stdout written to outfile (created or truncated). */
int uabi_spawn__run_out(char *const argv[], const char *outfile, const char *errfile,
			struct uabi_run *run, struct uabi_diag *d);
/* Start the fork server for program name (looked up on PATH) now, so that
 * processes forked from here on share it (extractor/forkserver.h); nothing
 * for a program that is not served. */
void uabi_spawn__prestart(const char *name);
/* posix_spawn attributes of every child: its own process group, no signal
 * blocked, every signal at its default disposition.
 * Destroy with posix_spawnattr_destroy. */
void uabi_spawn__attr_init(posix_spawnattr_t *at);
/* Free run->err. */
void uabi_run__free(struct uabi_run *run);
/* Format argv as one line (for --verbose and error messages). */
void uabi_spawn__format(char *const argv[], char *buf, size_t len);

#endif
