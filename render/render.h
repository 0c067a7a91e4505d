/* SPDX-License-Identifier: MIT */
/*
 * Report writers: text (terminal), json (schemas/report.schema.json),
 * markdown, html (one self-contained page, no network resources) and
 * SARIF 2.1.0. Each returns a malloc'd string; output is deterministic
 * (no timestamps, no absolute paths that the report does not already hold).
 * The title names the command (report->command: "uabi check report",
 * "uabi compat report"). Text, markdown and html follow report->view
 * (--only actionable, --arch) and say so at the top; json and sarif always
 * hold every item. Every format gives a finding's byte from the start of
 * the argument or root beside its values, and an item's "to do" (what a
 * porter does about it, rpriv.h uabi_r__todo).
 *
 * A multi-header run (uabi check --all: report.h hcov.shown) adds to every
 * format the header coverage (per ABI the headers judged and skipped, the
 * skipped headers with the compiler's reason and their ABIs) and the
 * items that fail --fail-on once per header and name, after the counts per
 * pair; text, markdown and html group each pair's ioctls by header, with
 * a count line per header, and the html page gets collapsed header groups
 * and filters (verdict, pair, text). A one-header run (the KVM job) shows
 * none of it: its reports are those of a run before --all.
 */
#ifndef UABI_RENDER_H
#define UABI_RENDER_H

#include "../compare/report.h"
#include "../core/diag.h"

enum uabi_format {
	UABI_FMT_TEXT,
	UABI_FMT_JSON,
	UABI_FMT_MARKDOWN,
	UABI_FMT_HTML,
	UABI_FMT_SARIF,
};

/* "text", "json", "markdown", "html", "sarif" -> format; -1 if unknown. */
int uabi_format__parse(const char *s);
const char *uabi_format__str(enum uabi_format f);
/* Render a report. NULL with d set on failure (out of memory). */
char *uabi_render(const struct uabi_report *r, enum uabi_format f, struct uabi_diag *d);

/* The writers, one file each under render/. */
char *uabi_render__text(const struct uabi_report *r, struct uabi_diag *d);
char *uabi_render__json(const struct uabi_report *r, struct uabi_diag *d);
char *uabi_render__markdown(const struct uabi_report *r, struct uabi_diag *d);
char *uabi_render__html(const struct uabi_report *r, struct uabi_diag *d);
char *uabi_render__sarif(const struct uabi_report *r, struct uabi_diag *d);

#endif
