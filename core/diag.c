// SPDX-License-Identifier: MIT
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
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
	/* one line: a newline a caller, a library or an input put in is
	 * written as uabi_escape() writes it (a space would look like one) */
	if (strpbrk(d->msg, "\n\r")) {
		char one[sizeof(d->msg)];
		size_t o = 0;

		for (const char *p = d->msg; *p && o + 5 < sizeof(one); p++) {
			if (*p == '\n' || *p == '\r')
				o += (size_t)snprintf(one + o, sizeof(one) - o, "\\x%02x", (unsigned char)*p);
			else
				one[o++] = *p;
		}
		one[o] = '\0';
		memcpy(d->msg, one, o + 1);
	}
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

/* Length of the character at p that may be printed as it is (printable
 * ASCII, tab, newline if keep_nl, a valid UTF-8 sequence that is not a C1
 * control nor a bidi control), or 0: escape the byte. */
static size_t safe_len(const unsigned char *p, bool keep_nl)
{
	uint32_t cp;
	size_t n;

	if (*p >= 0x20 && *p < 0x7f)
		return 1;
	if (*p == '\t' || (*p == '\n' && keep_nl))
		return 1;
	if (*p < 0xc2 || *p > 0xf4)
		return 0;	/* control, DEL, continuation, overlong lead, out of range */
	n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
	cp = *p & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;	/* overlong, beyond Unicode, surrogate */
	if (cp < 0xa0 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x2028 || cp == 0x2029)
		return 0;	/* C1 controls; bidi embeddings, overrides, isolates; line breaks */
	return n;
}

bool uabi_escape__needed(const char *s, bool keep_nl)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = safe_len(p, keep_nl);

		if (!n)
			return true;
		p += n;
	}
	return false;
}

/* Write the escaped s to out (room for cap bytes plus a NUL) or, with out
 * NULL, only count; returns the length written (or needed). */
static size_t escape(char *out, size_t cap, const char *s, bool keep_nl)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p) {
		size_t n = safe_len(p, keep_nl);
		char x[5];

		if (!n) {
			snprintf(x, sizeof(x), "\\x%02x", *p);
			if (out && o + 4 > cap)
				break;
			if (out)
				memcpy(out + o, x, 4);
			o += 4;
			p++;
			continue;
		}
		if (out && o + n > cap)
			break;
		if (out)
			memcpy(out + o, p, n);
		o += n;
		p += n;
	}
	if (out)
		out[o] = '\0';
	return o;
}

char *uabi_escape(char *out, size_t len, const char *s, bool keep_nl)
{
	if (!len)
		return out;
	escape(out, len - 1, s ? s : "", keep_nl);
	return out;
}

char *uabi_escape_dup(const char *s, bool keep_nl)
{
	size_t n = escape(NULL, 0, s ? s : "", keep_nl);
	char *out = malloc(n + 1);

	if (out)
		escape(out, n, s ? s : "", keep_nl);
	return out;
}

void uabi_diag__print(const struct uabi_diag *d, FILE *f)
{
	uabi_diag__print_as(d->subject[0] ? d->subject : NULL, d, f);
}

void uabi_diag__print_as(const char *subject, const struct uabi_diag *d, FILE *f)
{
	char line[4 * sizeof(d->detail) + 1];
	const char *p = d->detail;

	if (subject) {
		char sub[4 * sizeof(d->subject) + 1];

		/* both may quote input names: escape each */
		uabi_escape(sub, sizeof(sub), subject, false);
		fprintf(f, "uabi: %s: %s\n", sub,
			uabi_escape(line, sizeof(line), d->msg[0] ? d->msg : "error", false));
	} else {
		fprintf(f, "uabi: %s\n",
			uabi_escape(line, sizeof(line), d->msg[0] ? d->msg : "error", false));
	}
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char raw[sizeof(d->detail)];

		memcpy(raw, p, n);
		raw[n] = '\0';
		fprintf(f, "  | %s\n", uabi_escape(line, sizeof(line), raw, false));
		if (!e)
			break;
		p = e + 1;
	}
}

void uabi_eprintf(const char *fmt, ...)
{
	char raw[4096], safe[4 * sizeof(raw) + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", uabi_escape(safe, sizeof(safe), raw, false));
}
