// SPDX-License-Identifier: MIT
#include "gitrev.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"
#include "spawn.h"

/* The part of a kernel tree uabi reads. */
static bool wanted(const char *p)
{
	const char *a, *rest;

	if (!strcmp(p, "Makefile") || !strncmp(p, "include/uapi/", 13) || !strncmp(p, "virt/kvm/", 9))
		return true;
	if (strncmp(p, "arch/", 5))
		return false;
	a = p + 5;
	rest = strchr(a, '/');
	if (!rest || rest == a)
		return false;
	rest++;
	return !strncmp(rest, "include/uapi/", 13) || !strncmp(rest, "kvm/", 4) ||
	       !strcmp(rest, "Kconfig");
}

void uabi_gitrev__cleanup(struct uabi_gitrev *g)
{
	char top[PATH_MAX];
	char *slash;

	if (!g->dir[0])
		return;
	/* dir is <scratch>/tree: remove the scratch directory */
	snprintf(top, sizeof(top), "%s", g->dir);
	slash = strrchr(top, '/');
	if (slash)
		*slash = '\0';
	uabi_file__rmtree(top);
	g->dir[0] = '\0';
}

static int git(const char **argv, const char *out, const char *errfile, const char *what,
	       struct uabi_diag *d, bool input_error)
{
	struct uabi_run run;
	int err = uabi_spawn__run_out((char *const *)argv, out, errfile, &run, d);

	if (err)
		return err;
	if (run.status) {
		char *nl = strchr(run.err, '\n');

		if (nl)
			*nl = '\0';
		if (input_error)
			err = uabi_diag__input(d, EINVAL, "%s: %s", what, run.err[0] ? run.err : "git failed");
		else
			err = uabi_diag__toolchain(d, EIO, "%s: %s", what, run.err[0] ? run.err : "failed");
	}
	uabi_run__free(&run);
	return err;
}

int uabi_gitrev__materialize(const char *repo, const char *rev, struct uabi_gitrev *g,
			     struct uabi_diag *d)
{
	char top[PATH_MAX], errfile[PATH_MAX + 16], list[PATH_MAX + 16], tar[PATH_MAX + 16];
	char spec[256], what[512];
	char *text = NULL, *line, *save = NULL;
	const char **argv = NULL;
	size_t n = 0, cap = 0;
	int err;

	memset(g, 0, sizeof(*g));
	if (!*rev || rev[0] == '-' || strlen(rev) > 200)
		return uabi_diag__input(d, EINVAL, "%s: '%s' is not a revision", repo, rev);
	err = uabi_file__scratch(top, "git", d);
	if (err)
		return err;
	snprintf(g->dir, sizeof(g->dir), "%s/tree", top);
	snprintf(errfile, sizeof(errfile), "%s/git.err", top);
	snprintf(list, sizeof(list), "%s/files", top);
	snprintf(tar, sizeof(tar), "%s/tree.tar", top);
	err = uabi_file__mkdirs(g->dir, d);
	if (err)
		goto fail;

	/* the revision as a commit id */
	snprintf(spec, sizeof(spec), "%s^{commit}", rev);
	snprintf(what, sizeof(what), "%s: revision %s", repo, rev);
	{
		const char *a[] = { "git", "-C", repo, "rev-parse", "--verify", "--quiet", spec, NULL };
		size_t len;

		err = git(a, list, errfile, what, d, true);
		if (!err && (uabi_file__read(list, &text, &len, d) || !text[0]))
			err = uabi_diag__input(d, EINVAL, "%s: not a commit", what);
		if (err) {
			if (d && d->msg[0] && strstr(d->msg, "git failed"))
				uabi_diag__input(d, EINVAL, "%s: not a commit in this repository", what);
			goto fail;
		}
		text[strcspn(text, "\n")] = '\0';
		snprintf(g->commit, sizeof(g->commit), "%s", text);
		free(text);
		text = NULL;
	}
	/* the files of that commit uabi reads */
	{
		const char *a[] = { "git", "-C", repo, "ls-tree", "-r", "--name-only", "--full-tree",
				    g->commit, NULL };

		err = git(a, list, errfile, what, d, false);
		if (!err)
			err = uabi_file__read(list, &text, NULL, d);
		if (err)
			goto fail;
	}
	cap = 64;
	argv = malloc(cap * sizeof(*argv));
	if (!argv) {
		err = uabi_diag__input(d, ENOMEM, "out of memory");
		goto fail;
	}
	argv[n++] = "git";
	argv[n++] = "-C";
	argv[n++] = repo;
	argv[n++] = "archive";
	argv[n++] = "--format=tar";
	argv[n++] = "-o";
	argv[n++] = tar;
	argv[n++] = g->commit;
	argv[n++] = "--";
	size_t first = n;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!wanted(line))
			continue;
		if (n + 2 >= cap) {
			const char **v = realloc(argv, cap * 2 * sizeof(*argv));

			if (!v) {
				err = uabi_diag__input(d, ENOMEM, "out of memory");
				goto fail;
			}
			argv = v;
			cap *= 2;
		}
		argv[n++] = line;
	}
	argv[n] = NULL;
	if (n == first) {
		err = uabi_diag__input(d, ENOENT, "%s: no include/uapi in that commit", what);
		goto fail;
	}
	err = git(argv, NULL, errfile, what, d, false);
	if (err)
		goto fail;
	{
		const char *a[] = { "tar", "-x", "-f", tar, "-C", g->dir, NULL };

		snprintf(what, sizeof(what), "%s: unpacking %s", repo, g->commit);
		err = git(a, NULL, errfile, what, d, false);
		if (err)
			goto fail;
	}
	remove(tar);
	remove(list);
	free(argv);
	free(text);
	return 0;
fail:
	free(argv);
	free(text);
	uabi_gitrev__cleanup(g);
	return err;
}
