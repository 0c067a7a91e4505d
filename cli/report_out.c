// SPDX-License-Identifier: MIT
/* Writing reports: one format to a file or stdout, and every format to a
 * staged directory. Output paths follow core/fileio.h: regular files are
 * replaced atomically, devices and FIFOs written through. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"
#include "../core/intr.h"
#include "../compare/report.h"
#include "../render/render.h"
#include "cli.h"

static const struct {
	enum uabi_format f;
	const char *file;
} all_formats[] = {
	{ UABI_FMT_TEXT, "report.txt" },   { UABI_FMT_JSON, "report.json" },
	{ UABI_FMT_MARKDOWN, "report.md" }, { UABI_FMT_HTML, "report.html" },
	{ UABI_FMT_SARIF, "report.sarif" },
};

int cli_parse_format(const char *cmd, const char *arg)
{
	int f = uabi_format__parse(arg);

	if (f < 0)
		cli_usage_error(cmd, "--format: expected text, json, markdown, html or sarif, got '%s'", arg);
	return f;
}

int cli_parse_fail_on(const char *cmd, const char *arg)
{
	int f = uabi_fail_on__parse(arg);

	if (f < 0)
		cli_usage_error(cmd, "--fail-on: expected not-handled, translation or never, got '%s'", arg);
	return f;
}

/* The renderers read the report and keep no state of their own
 * (render/, compare/report.c: no static variable, no lazy field), so
 * `jobs` threads render the formats at once; files are written after. */
struct renders {
	const struct uabi_report *r;
	enum uabi_format f[8];
	char *texts[8];
	struct uabi_diag d[8];
	uint32_t n, next;
	pthread_mutex_t lock;
};

static void *render_some(void *arg)
{
	struct renders *rs = arg;

	for (;;) {
		uint32_t i;

		pthread_mutex_lock(&rs->lock);
		i = rs->next++;
		pthread_mutex_unlock(&rs->lock);
		if (i >= rs->n)
			return NULL;
		uabi_diag__clear(&rs->d[i]);
		rs->texts[i] = uabi_render(rs->r, rs->f[i], &rs->d[i]);
	}
}

/* Render rs->f[0..n) into rs->texts on at most jobs threads (this one
 * among them). */
static void render_all(struct renders *rs, unsigned jobs)
{
	pthread_t tids[8];
	unsigned started = 0;

	pthread_mutex_init(&rs->lock, NULL);
	for (unsigned t = 1; t < jobs && t < rs->n && started < 8; t++)
		if (!uabi_intr__pthread_create(&tids[started], render_some, rs))
			started++;
	render_some(rs);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	pthread_mutex_destroy(&rs->lock);
}

int cli_write_report(const struct uabi_report *r, int format, const char *out,
		     struct uabi_stage *dir, unsigned jobs)
{
	enum { NF = sizeof(all_formats) / sizeof(all_formats[0]) };
	/* the largest first: the threads end closer together */
	static const uint32_t order[NF] = { 1, 3, 4, 0, 2 };
	struct renders rs = { .r = r };
	char *texts[NF] = { 0 }, *text = NULL;
	int slot[NF], tslot = -1;
	struct uabi_diag d;
	char path[PATH_MAX];
	int ret = 0;

	uabi_diag__clear(&d);
	/* render everything before writing anything */
	for (size_t k = 0; dir && k < NF; k++) {
		slot[order[k]] = (int)rs.n;
		rs.f[rs.n++] = all_formats[order[k]].f;
	}
	/* -o's format is one of the directory's: the same text */
	for (size_t i = 0; dir && i < NF; i++)
		if ((int)all_formats[i].f == format)
			tslot = slot[i];
	if ((out || !dir) && tslot < 0) {
		tslot = (int)rs.n;
		rs.f[rs.n++] = (enum uabi_format)format;
	}
	render_all(&rs, jobs ? jobs : 1);
	/* the first failure in the order they were rendered in one by one */
	for (size_t i = 0; dir && i < NF && !ret; i++)
		if (!(texts[i] = rs.texts[slot[i]]))
			ret = cli_report(&rs.d[slot[i]]);
	if (!ret && (out || !dir)) {
		text = rs.texts[tslot];
		if (!text)
			ret = cli_report(&rs.d[tslot]);
	}
	for (size_t i = 0; dir && i < NF && !ret; i++)
		if (uabi_stage__path(dir, all_formats[i].file, path, sizeof(path), &d) ||
		    uabi_file__write_atomic(path, texts[i], strlen(texts[i]), &d))
			ret = cli_report(&d);
	/* with a directory and no -o, nothing goes to stdout */
	if (!ret && text && uabi_file__write_atomic(out ? out : "-", text, strlen(text), &d))
		ret = cli_report(&d);
	for (uint32_t i = 0; i < rs.n; i++)
		free(rs.texts[i]);
	return ret;
}

int cli_check_output(const char *path)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	if (path && !*path) {
		uabi_diag__input(&d, EINVAL, "-o: empty path ('-' is standard output)");
		return cli_report(&d);
	}
	return path && uabi_file__check_output(path, &d) ? cli_report(&d) : 0;
}

int cli_stage_open(struct uabi_stage *s, const char *dir)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	return uabi_stage__open(s, dir, &d) ? cli_report(&d) : 0;
}

int cli_stage_commit(struct uabi_stage *s)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	return uabi_stage__commit(s, &d) ? cli_report(&d) : 0;
}
