// SPDX-License-Identifier: MIT
#include "render.h"
#include "rpriv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {
	[UABI_FMT_TEXT] = "text",
	[UABI_FMT_JSON] = "json",
	[UABI_FMT_MARKDOWN] = "markdown",
	[UABI_FMT_HTML] = "html",
	[UABI_FMT_SARIF] = "sarif",
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int uabi_format__parse(const char *s)
{
	if (!s)
		return -1;
	for (unsigned i = 0; i < NFORMATS; i++)
		if (!strcmp(s, formats[i]))
			return (int)i;
	return -1;
}

const char *uabi_format__str(enum uabi_format f)
{
	return (unsigned)f < NFORMATS ? formats[f] : "?";
}

char *uabi_r__safe(char *text, struct uabi_diag *d)
{
	char *safe;

	if (!text || !uabi_escape__needed(text, true))
		return text;
	safe = uabi_escape_dup(text, true);
	free(text);
	if (!safe)
		uabi_diag__input(d, ENOMEM, "report: out of memory");
	return safe;
}

char *uabi_render(const struct uabi_report *r, enum uabi_format f, struct uabi_diag *d)
{
	/* names come from the inputs: text formats escape whatever is not
	 * printable (JSON and SARIF escape in their string writer) */
	switch (f) {
	case UABI_FMT_TEXT:
		return uabi_r__safe(uabi_render__text(r, d), d);
	case UABI_FMT_JSON:
		return uabi_render__json(r, d);
	case UABI_FMT_MARKDOWN:
		return uabi_r__safe(uabi_render__markdown(r, d), d);
	case UABI_FMT_HTML:
		return uabi_r__safe(uabi_render__html(r, d), d);
	case UABI_FMT_SARIF:
		return uabi_render__sarif(r, d);
	}
	uabi_diag__input(d, EINVAL, "report: unknown format %d", (int)f);
	return NULL;
}
