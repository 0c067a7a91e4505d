// SPDX-License-Identifier: MIT
/* Extracting several profiles: toolchain checks and the process pool
 * shared by `extract` and `check`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/json.h"
#include "../extractor/extract.h"
#include "cli.h"

int cli_runnable(const struct uabi_profile **sel, uint32_t *n, bool skip_missing, bool need_ld)
{
	struct uabi_diag d;
	uint32_t keep = 0;

	uabi_diag__clear(&d);
	for (uint32_t i = 0; i < *n; i++) {
		const char *missing;

		if (uabi_profile__has_tools(sel[i], need_ld, &missing)) {
			sel[keep++] = sel[i];
			continue;
		}
		if (!skip_missing) {
			uabi_diag__toolchain(&d, ENOENT, "%s: %s not found (install it, or pass --skip-missing)",
					     sel[i]->name, missing);
			return cli_report(&d);
		}
		fprintf(stderr, "uabi: %s: skipped: %s not found\n", sel[i]->name, missing);
	}
	*n = keep;
	if (!keep) {
		uabi_diag__toolchain(&d, ENOENT, "no profile has its toolchain installed");
		return cli_report(&d);
	}
	return 0;
}

static int one(const struct uabi_input_spec *spec, const struct uabi_profile *p, const char *out)
{
	struct uabi_layout *l = NULL;
	struct uabi_diag d;
	int err;

	uabi_diag__clear(&d);
	err = uabi_extract__run(spec, p, &l, &d);
	if (!err)
		err = uabi_json__write_layout(l, out, &d);
	uabi_layout__free(l);
	if (err)
		return cli_report(&d);
	return 0;
}

int cli_extract_all(const struct uabi_input_spec *spec, const struct uabi_profile *const *sel,
		    uint32_t n, char *const *paths, unsigned jobs)
{
	uint32_t next = 0, running = 0;
	int ret = 0, r;

	if (n == 1)
		return one(spec, sel[0], paths[0]);	/* main() prints the stats */
	/* one child process per profile, at most `jobs` at a time: each runs
	 * its compilers and its own DWARF reader, and writes its own dump */
	fflush(NULL);
	while (next < n || running) {
		int status;
		pid_t pid;

		while (running < jobs && next < n) {
			pid = fork();
			if (pid < 0) {
				fprintf(stderr, "uabi: fork: %s\n", strerror(errno));
				ret = UABI_E_TOOLCHAIN;
				next = n;
				break;
			}
			if (pid == 0) {
				r = one(spec, sel[next], paths[next]);
				cli_stats(sel[next]->name);
				_exit(r);
			}
			next++;
			running++;
		}
		if (!running)
			break;
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		running--;
		r = WIFEXITED(status) ? WEXITSTATUS(status) : UABI_E_TOOLCHAIN;
		if (r > ret)
			ret = r;
	}
	return ret;
}
