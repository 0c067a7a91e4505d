// SPDX-License-Identifier: MIT
/* Writing reports: one format to a file or stdout, and every format to a
 * staged directory. Output paths follow core/fileio.h: regular files are
 * replaced atomically, devices and FIFOs written through. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"
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

int cli_write_report(const struct uabi_report *r, int format, const char *out,
		     struct uabi_stage *dir)
{
	enum { NF = sizeof(all_formats) / sizeof(all_formats[0]) };
	char *texts[NF] = { 0 }, *text = NULL;
	struct uabi_diag d;
	char path[PATH_MAX];
	int ret = 0;

	uabi_diag__clear(&d);
	/* render everything before writing anything */
	for (size_t i = 0; dir && i < NF && !ret; i++) {
		texts[i] = uabi_render(r, all_formats[i].f, &d);
		if (!texts[i])
			ret = cli_report(&d);
	}
	if (!ret && (out || !dir)) {
		text = uabi_render(r, (enum uabi_format)format, &d);
		if (!text)
			ret = cli_report(&d);
	}
	for (size_t i = 0; dir && i < NF && !ret; i++)
		if (uabi_stage__path(dir, all_formats[i].file, path, sizeof(path), &d) ||
		    uabi_file__write_atomic(path, texts[i], strlen(texts[i]), &d))
			ret = cli_report(&d);
	/* with a directory and no -o, nothing goes to stdout */
	if (!ret && text && uabi_file__write_atomic(out ? out : "-", text, strlen(text), &d))
		ret = cli_report(&d);
	for (size_t i = 0; i < NF; i++)
		free(texts[i]);
	free(text);
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
