// SPDX-License-Identifier: MIT
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void uabi_diag__clear(struct uabi_diag *d)
{
	if (!d)
		return;
	d->cls = UABI_OK;
	d->err = 0;
	d->subject[0] = '\0';
	d->msg[0] = '\0';
	d->detail[0] = '\0';
}

int uabi_diag__vset(struct uabi_diag *d, enum uabi_err_class cls, int err,
		    const char *fmt, va_list ap)
{
	if (err <= 0)
		err = EINVAL;
	if (!d)
		return -err;
	d->cls = cls;
	d->err = err;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	/* one line: fold any newline a caller or a library put in */
	for (char *p = d->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return -err;
}

int uabi_diag__input(struct uabi_diag *d, int err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = uabi_diag__vset(d, UABI_E_INPUT, err, fmt, ap);
	va_end(ap);
	return ret;
}

int uabi_diag__toolchain(struct uabi_diag *d, int err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = uabi_diag__vset(d, UABI_E_TOOLCHAIN, err, fmt, ap);
	va_end(ap);
	return ret;
}

void uabi_diag__prefix(struct uabi_diag *d, const char *fmt, ...)
{
	char pre[256];
	size_t n, len;
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre) - 2, fmt, ap);
	va_end(ap);
	strcat(pre, ": ");
	n = strlen(pre);
	len = strnlen(d->msg, sizeof(d->msg) - 1);
	if (len + n >= sizeof(d->msg))
		len = sizeof(d->msg) - 1 - n;
	memmove(d->msg + n, d->msg, len);
	memcpy(d->msg, pre, n);
	d->msg[n + len] = '\0';
}

void uabi_diag__set_subject(struct uabi_diag *d, const char *subject)
{
	size_t n;

	if (!d)
		return;
	snprintf(d->subject, sizeof(d->subject), "%s", subject);
	n = strlen(d->subject);
	if (n && !strncmp(d->msg, d->subject, n) && d->msg[n] == ':' && d->msg[n + 1] == ' ')
		memmove(d->msg, d->msg + n + 2, strlen(d->msg + n + 2) + 1);
}

void uabi_diag__set_detail(struct uabi_diag *d, const char *text)
{
	if (!d)
		return;
	snprintf(d->detail, sizeof(d->detail), "%s", text ? text : "");
}
