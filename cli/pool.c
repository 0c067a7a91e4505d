// SPDX-License-Identifier: MIT
/* Extracting several profiles: toolchain checks and the process pool
 * shared by `extract` and `check`. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/fileio.h"
#include "../core/intr.h"
#include "../core/json.h"
#include "../extractor/cached.h"
#include "../extractor/extract.h"
#include "../extractor/spawn.h"
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
	char root[PATH_MAX], dir[PATH_MAX];
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
		uabi_eprintf("uabi: %s: skipped: %s", sel[i]->name, why);
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

/* Replace the profile's scratch directory ($TMPDIR/uabi-NAME-XXXXXX) in
 * s with "<generated>": the same compiler error then reads the same on
 * every profile, and the message names no path that is gone. */
static void scrub(char *s, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	char pre[PATH_MAX + 300];
	size_t n;
	char *p;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(pre, sizeof(pre), "%s/uabi-%s-", tmp, name);
	n = strlen(pre);
	while ((p = strstr(s, pre)) && strlen(p) >= n + 6) {
		static const char rep[] = "<generated>";
		size_t cut = n + 6, rest = strlen(p + cut);

		if (sizeof(rep) - 1 + rest + (size_t)(p - s) >= size)
			break;
		memmove(p + sizeof(rep) - 1, p + cut, rest + 1);
		memcpy(p, rep, sizeof(rep) - 1);
	}
}

static void scrub_scratch(struct uabi_diag *d, const char *name)
{
	scrub(d->msg, sizeof(d->msg), name);
	scrub(d->detail, sizeof(d->detail), name);
}

/* Extract p into out; 0, or -errno with d set and its subject the profile.
 * publish: out is the command's final output: written with the signals
 * held (not after one), and the run marked published once it is. */
static int one(const struct uabi_input_spec *spec, const struct uabi_profile *p, const char *out,
	       bool publish, struct uabi_diag *d)
{
	char *text = NULL;
	size_t len = 0;
	int err;

	uabi_diag__clear(d);
	err = uabi_extract__dump_cached(spec, p, &text, &len, d);
	if (!err && publish) {
		uabi_intr__block();
		if (uabi_intr__pending())
			err = uabi_diag__input(d, EINTR, "%s: interrupted", out);
		else
			err = uabi_file__write_atomic(out, text, len, d);
		if (!err)
			uabi_intr__published();
		uabi_intr__unblock();
	} else if (!err) {
		err = uabi_file__write_atomic(out, text, len, d);
	}
	free(text);
	if (err) {
		uabi_diag__set_subject(d, p->name);
		scrub_scratch(d, p->name);
	}
	return err;
}

/* Print each distinct failure once, with the profiles it hit:
 * "uabi: x86_64: msg" for one, "uabi: [x86_64,i386]: msg" for several.
 * Returns the worst exit code (0 if none failed). */
static int report_grouped(const char *label, const struct uabi_profile *const *sel,
			  const struct uabi_diag *diags, const bool *failed, uint32_t n)
{
	bool *done = calloc(n + 1, sizeof(*done));
	int ret = 0;

	for (uint32_t i = 0; i < n; i++) {
		char names[1024];
		size_t o = 0;
		uint32_t count = 0;
		int r;

		if (!failed[i] || (done && done[i]))
			continue;
		names[0] = '\0';
		for (uint32_t j = i; j < n; j++) {
			if (!failed[j] || (done && done[j]) || diags[j].cls != diags[i].cls ||
			    strcmp(diags[j].msg, diags[i].msg) || strcmp(diags[j].detail, diags[i].detail))
				continue;
			if (done)
				done[j] = true;
			if (o + strlen(sel[j]->name) + 3 < sizeof(names))
				o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", count ? "," : "",
						      sel[j]->name);
			count++;
			if (!done)
				break;
		}
		{
			/* "head: [x86_64,i386]": the side of a diff, then the profiles */
			char sub[sizeof(names) + 64];

			snprintf(sub, sizeof(sub), "%.32s%s%s%s%s", label ? label : "", label ? ": " : "",
				 count > 1 ? "[" : "", names, count > 1 ? "]" : "");
			r = cli_report_as(sub, &diags[i]);
		}
		if (r > ret)
			ret = r;
	}
	free(done);
	return ret;
}

/* Write all of buf to fd; false if it could not. */
static bool write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		len -= (size_t)w;
	}
	return true;
}

/* Read what a worker left in its diagnostic file; false if it ended
 * before writing all of it (a crash). */
static bool read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	off_t off = 0;

	while (len) {
		ssize_t r = pread(fd, p, len, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		off += r;
		len -= (size_t)r;
	}
	return true;
}

/* the process that forks the workers */
static pid_t pool_parent;

/* A forked worker: extract, leave the diagnostic (if any) for the parent
 * in the memory file fd, and end. It prints no error of its own. */
static void worker(const struct uabi_input_spec *spec, const struct uabi_profile *p, const char *out,
		   int fd)
{
	struct uabi_diag d;
	int err;

	uabi_intr__forked();
	/* the parent's end (kill -9) is an interrupt here: the compiles
	 * stopped, the scratch directories removed, none left to run on */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != pool_parent)
		raise(SIGTERM);
	uabi_intr__unblock();
	err = one(spec, p, out, false, &d);
	cli_stats(p->name);
	/* a diagnostic the parent cannot read shows there as "failed (exit N)" */
	if (err && !uabi_intr__pending() && !write_all(fd, &d, sizeof(d)))
		perror("uabi: worker: diagnostic file");
	close(fd);
	if (uabi_intr__pending())
		uabi_intr__cleanup();
	_exit(err ? (d.cls ? (int)d.cls : UABI_E_TOOLCHAIN) : 0);
}

int cli_extract_all(const struct uabi_input_spec *spec, const struct uabi_profile *const *sel,
		    uint32_t n, char *const *paths, unsigned jobs, bool publish)
{
	const struct uabi_input_spec **specs = calloc(n + 1, sizeof(*specs));
	int ret;

	if (!specs) {
		fprintf(stderr, "uabi: out of memory\n");
		return UABI_E_TOOLCHAIN;
	}
	for (uint32_t i = 0; i < n; i++)
		specs[i] = spec;
	ret = cli_extract_each(specs, sel, n, paths, jobs, publish);
	free(specs);
	return ret;
}

int cli_extract_each(const struct uabi_input_spec *const *specs,
		     const struct uabi_profile *const *sel, uint32_t n, char *const *paths,
		     unsigned jobs, bool publish)
{
	const struct uabi_input_spec *spec = n ? specs[0] : NULL;
	struct uabi_diag *diags = calloc(n + 1, sizeof(*diags));
	bool *failed = calloc(n + 1, sizeof(*failed));
	pid_t *pids = calloc(n + 1, sizeof(*pids));
	int *fds = calloc(n + 1, sizeof(*fds));
	uint32_t next = 0, running = 0;
	int ret = 0, r;

	if (!diags || !failed || !pids || !fds) {
		fprintf(stderr, "uabi: out of memory\n");
		ret = UABI_E_TOOLCHAIN;
		goto out;
	}
	for (uint32_t i = 0; i < n; i++)
		fds[i] = -1;	/* a memory file may well be fd 0 */
	if (n == 1) {
		/* in-process (main() prints the stats) */
		failed[0] = one(specs[0], sel[0], paths[0], publish, &diags[0]) != 0;
		ret = report_grouped(spec->label, sel, diags, failed, n);
		goto out;
	}
	/* one child process per profile, at most `jobs` at a time: each runs
	 * its compilers and its own DWARF reader, writes its own dump, and
	 * leaves its diagnostic in a memory file the parent reads once the
	 * worker has ended (a pipe could fill up: a worker blocked on a full
	 * pipe that the parent reads only after the worker ends would hang) */
	/* the workers inherit the open cache and the hashes of the files its
	 * entries list, so each header is read once, not once per profile */
	for (uint32_t i = 0; i < n; i++)
		uabi_extract__cache_prepare(specs[i], &sel[i], 1);
	/* and one -print-file-name=include per compiler, not per profile */
	uabi_work__share_cc_include();
	pool_parent = getpid();
	/* one started clang that the workers fork their runs from */
	for (uint32_t i = 0; i < n; i++)
		uabi_spawn__prestart(sel[i]->cc[0]);
	fflush(NULL);
	while (next < n || running) {
		int status;
		pid_t pid;

		while (running < jobs && next < n && !uabi_intr__pending()) {
			int mfd = memfd_create("uabi-diag", MFD_CLOEXEC);

			if (mfd < 0) {
				fprintf(stderr, "uabi: memfd_create: %s\n", strerror(errno));
				ret = UABI_E_TOOLCHAIN;
				next = n;
				break;
			}
			/* an interrupt now is forwarded once the worker is registered */
			uabi_intr__block();
			pid = fork();
			if (pid == 0)
				worker(specs[next], sel[next], paths[next], mfd);
			if (pid < 0) {
				uabi_intr__unblock();
				close(mfd);
				fprintf(stderr, "uabi: fork: %s\n", strerror(errno));
				ret = UABI_E_TOOLCHAIN;
				next = n;
				break;
			}
			uabi_intr__watch_worker(pid);
			uabi_intr__unblock();
			pids[next] = pid;
			fds[next] = mfd;
			next++;
			running++;
		}
		if (uabi_intr__pending())
			next = n;
		if (!running)
			break;
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (uint32_t i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			uabi_intr__unwatch(pid);
			running--;
			r = WIFEXITED(status) ? WEXITSTATUS(status) : UABI_E_TOOLCHAIN;
			if (r && !read_all(fds[i], &diags[i], sizeof(diags[i]))) {
				/* it ended without a word: a crash */
				uabi_diag__clear(&diags[i]);
				if (WIFSIGNALED(status))
					uabi_diag__toolchain(&diags[i], EIO, "stopped by signal %d",
							     WTERMSIG(status));
				else
					uabi_diag__toolchain(&diags[i], EIO, "failed (exit %d)", r);
			}
			close(fds[i]);
			fds[i] = -1;
			failed[i] = r != 0;
			break;
		}
	}
	r = report_grouped(spec->label, sel, diags, failed, n);
	if (r > ret)
		ret = r;
out:
	for (uint32_t i = 0; fds && i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(diags);
	free(failed);
	free(pids);
	free(fds);
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
		if (!uabi_intr__pthread_create(&tids[started], read_some, &rd))
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

bool cli_tree_has_sources(const char *root)
{
	static const char *const dirs[] = { "drivers", "fs", "sound", "net", "block" };
	struct stat st;
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (snprintf(path, sizeof(path), "%s/%s", root, dirs[i]) >= (int)sizeof(path))
			return false;
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
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
