// SPDX-License-Identifier: MIT
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/fileio.h"

extern char **environ;

int uabi_spawn__run(char *const argv[], const char *errfile, struct uabi_run *run,
		    struct uabi_diag *d)
{
	return uabi_spawn__run_out(argv, NULL, errfile, run, d);
}

int uabi_spawn__run_out(char *const argv[], const char *outfile, const char *errfile,
			struct uabi_run *run, struct uabi_diag *d)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc, st;
	size_t len;

	run->status = -1;
	run->err = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (outfile)
		posix_spawn_file_actions_addopen(&fa, 1, outfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return uabi_diag__toolchain(d, rc, "%s: cannot run: %s", argv[0], strerror(rc));
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return uabi_diag__toolchain(d, errno, "%s: wait: %s", argv[0], strerror(errno));
	}
	if (WIFEXITED(st))
		run->status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		run->status = 128 + WTERMSIG(st);
	if (uabi_file__read(errfile, &run->err, &len, NULL) != 0) {
		run->err = strdup("");
		if (!run->err)
			return uabi_diag__toolchain(d, ENOMEM, "out of memory");
	}
	/* posix_spawnp reports a missing program as exit 127 from the child
	 * on some libcs; glibc returns ENOENT above */
	return 0;
}

void uabi_run__free(struct uabi_run *run)
{
	free(run->err);
	run->err = NULL;
}

void uabi_spawn__format(char *const argv[], char *buf, size_t len)
{
	size_t pos = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (int i = 0; argv[i] && pos + 1 < len; i++) {
		int n = snprintf(buf + pos, len - pos, "%s%s", i ? " " : "", argv[i]);

		if (n < 0)
			break;
		pos += (size_t)n;
	}
}
