// SPDX-License-Identifier: MIT
/* Extracting several profiles: toolchain checks and the process pool
 * shared by `extract` and `check`. */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/fileio.h"
#include "../core/json.h"
#include "../extractor/extract.h"
#include "../extractor/input.h"
#include "cli.h"

void cli_skips__add(struct cli_skips *s, const char *profile, const char *fmt, ...)
{
	va_list ap;

	if (!s || s->n >= CLI_MAX_SKIPS)
		return;
	va_start(ap, fmt);
	vsnprintf(s->why[s->n], sizeof(s->why[s->n]), fmt, ap);
	va_end(ap);
	s->v[s->n].profile = profile;
	s->v[s->n].reason = s->why[s->n];
	s->n++;
}

int cli_runnable(const struct uabi_input_spec *spec, const struct uabi_profile **sel, uint32_t *n,
		 bool skip, bool need_ld, struct cli_skips *skips)
{
	bool toolchain = false;
	char root[PATH_MAX], dir[PATH_MAX], safe[2048];
	struct uabi_diag d;
	uint32_t keep = 0;

	uabi_diag__clear(&d);
	if (spec && !realpath(spec->root, root))
		snprintf(root, sizeof(root), "%s", spec->root);
	for (uint32_t i = 0; i < *n; i++) {
		const char *missing, *why;

		if (!uabi_profile__has_tools(sel[i], need_ld, &missing)) {
			if (!skip) {
				uabi_diag__toolchain(&d, ENOENT, "%s: %s not found (install it, or pass --skip-missing)",
						     sel[i]->name, missing);
				return cli_report(&d);
			}
			snprintf(dir, sizeof(dir), "%s not found", missing);
			why = dir;
			toolchain = true;
			if (skips)
				skips->toolchain = true;
		} else if (spec && uabi_input__asm_dir(spec, root, sel[i], dir, sizeof(dir), &d)) {
			if (!skip) {
				snprintf(d.msg + strlen(d.msg), sizeof(d.msg) - strlen(d.msg),
					 " (pass --skip-missing to skip it)");
				return cli_report(&d);
			}
			why = d.msg;
		} else {
			sel[keep++] = sel[i];
			continue;
		}
		cli_skips__add(skips, sel[i]->name, "%s", why);
		fprintf(stderr, "uabi: %s: skipped: %s\n", uabi_escape(safe, sizeof(safe), sel[i]->name, false),
			uabi_escape(safe + 1024, sizeof(safe) - 1024, why, false));
		uabi_diag__clear(&d);
	}
	*n = keep;
	if (!keep) {
		if (toolchain)
			uabi_diag__toolchain(&d, ENOENT, "no profile has its toolchain installed");
		else
			uabi_diag__input(&d, ENOENT, "no profile has its headers in %s", spec ? spec->root : "-");
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

/* Reading the dumps is most of a --from-dumps run (Jansson); the layouts
 * are independent, so `jobs` threads read them. */
struct reader {
	char **paths;
	struct uabi_layout **layouts;
	struct uabi_diag *diags;
	int *errs;
	uint32_t n, next;
	pthread_mutex_t lock;
};

static void *read_some(void *arg)
{
	struct reader *rd = arg;

	for (;;) {
		uint32_t i;

		pthread_mutex_lock(&rd->lock);
		i = rd->next++;
		pthread_mutex_unlock(&rd->lock);
		if (i >= rd->n)
			return NULL;
		uabi_diag__clear(&rd->diags[i]);
		rd->errs[i] = uabi_json__read_layout(rd->paths[i], &rd->layouts[i], &rd->diags[i]);
	}
}

/* Read paths[i] into layouts[i]; 0 or the exit code (message printed). */
int cli_read_dumps(char **paths, struct uabi_layout **layouts, uint32_t n, unsigned jobs)
{
	struct reader rd = { .paths = paths, .layouts = layouts, .n = n };
	pthread_t tids[16];
	unsigned nt = jobs > 16 ? 16 : jobs, started = 0;
	int ret = 0;

	rd.diags = calloc(n + 1, sizeof(*rd.diags));
	rd.errs = calloc(n + 1, sizeof(*rd.errs));
	if (!rd.diags || !rd.errs) {
		free(rd.diags);
		free(rd.errs);
		return UABI_E_INPUT;
	}
	pthread_mutex_init(&rd.lock, NULL);
	uabi_json__init_threads();
	for (unsigned t = 1; t < nt && t < n; t++)
		if (!pthread_create(&tids[started], NULL, read_some, &rd))
			started++;
	read_some(&rd);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	pthread_mutex_destroy(&rd.lock);
	for (uint32_t i = 0; i < n && !ret; i++)
		if (rd.errs[i])
			ret = cli_report(&rd.diags[i]);
	free(rd.diags);
	free(rd.errs);
	return ret;
}

int cli_scratch_dir(char buf[], const char *what)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	return uabi_file__scratch(buf, what, &d) ? cli_report(&d) : 0;
}

uint32_t cli_compat_pairs(const struct uabi_profile *const *v, uint32_t nv, struct cli_pair *out)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < nv; i++)
		for (int k = 0; k < 3 && v[i]->compat[k]; k++)
			for (uint32_t j = 0; j < nv; j++)
				if (!strcmp(v[j]->name, v[i]->compat[k]))
					out[n++] = (struct cli_pair){ v[i], v[j], i, j };
	return n;
}

uint32_t cli_pair_arches(const struct cli_pair *p, uint32_t np, const char **arches, uint32_t max)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < np; i++) {
		bool seen = false;

		for (uint32_t k = 0; k < n; k++)
			seen |= !strcmp(arches[k], p[i].n->arch);
		if (!seen && n < max)
			arches[n++] = p[i].n->arch;
	}
	return n;
}
