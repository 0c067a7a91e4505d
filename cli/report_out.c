// SPDX-License-Identifier: MIT
/* Writing reports: one format to a file or stdout, or every format to a
 * directory. Files are written atomically. */
#include <errno.h>
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

int cli_write_report(const struct uabi_report *r, int format, const char *out, const char *dir)
{
	struct uabi_diag d;
	char path[4096];
	char *text;

	uabi_diag__clear(&d);
	if (dir) {
		if (uabi_file__mkdirs(dir, &d))
			return cli_report(&d);
		for (size_t i = 0; i < sizeof(all_formats) / sizeof(all_formats[0]); i++) {
			text = uabi_render(r, all_formats[i].f, &d);
			if (!text)
				return cli_report(&d);
			snprintf(path, sizeof(path), "%s/%s", dir, all_formats[i].file);
			if (uabi_file__write_atomic(path, text, strlen(text), &d)) {
				free(text);
				return cli_report(&d);
			}
			free(text);
		}
		if (!out)
			return 0;
	}
	text = uabi_render(r, (enum uabi_format)format, &d);
	if (!text)
		return cli_report(&d);
	if (out && strcmp(out, "-")) {
		if (uabi_file__write_atomic(out, text, strlen(text), &d)) {
			free(text);
			return cli_report(&d);
		}
	} else {
		fputs(text, stdout);
		fflush(stdout);
	}
	free(text);
	return 0;
}
