// SPDX-License-Identifier: MIT
#include "suppress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fileio.h"

enum key { K_RULE, K_IOCTL, K_TYPE, K_MEMBER, K_PROFILE, K_REASON, K__COUNT };

static const char *const key_names[K__COUNT] = {
	"rule", "ioctl", "type", "member", "profile", "reason",
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static const char **slot(struct uabi_suppression *e, enum key k)
{
	switch (k) {
	case K_RULE: return &e->rule;
	case K_IOCTL: return &e->ioctl;
	case K_TYPE: return &e->type;
	case K_MEMBER: return &e->member;
	case K_PROFILE: return &e->profile;
	default: return &e->reason;
	}
}

static const char *value(const struct uabi_suppression *e, enum key k)
{
	const char *const v[K__COUNT] = {
		e->rule, e->ioctl, e->type, e->member, e->profile, e->reason,
	};

	return v[k];
}

static int grow(struct uabi_suppress *s)
{
	uint32_t cap = s->cap ? s->cap * 2 : 16;
	struct uabi_suppression *v;

	if (s->n < s->cap)
		return 0;
	v = realloc(s->v, cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	s->v = v;
	s->cap = cap;
	return 0;
}

/*
 * Parse one line [p, end) into e. Values are copied into the arena,
 * unescaped. Returns 0, 1 for a blank or comment line, or -errno with d
 * set ("NAME:LINE: problem").
 */
static int parse_line(struct uabi_suppress *s, const char *p, const char *end, const char *name,
		      uint32_t line, struct uabi_suppression *e, struct uabi_diag *d)
{
	bool any = false;

	memset(e, 0, sizeof(*e));
	for (;;) {
		const char *k0, *v0;
		char *val, *o;
		int k;

		while (p < end && is_space(*p))
			p++;
		if (p == end || *p == '#')
			break;
		k0 = p;
		while (p < end && is_key_char(*p))
			p++;
		if (p == end || *p != '=') {
			/* the whole word, for the message */
			while (p < end && !is_space(*p) && *p != '#')
				p++;
			return uabi_diag__input(d, EINVAL, "%s:%u: missing '=' after '%.*s'", name, line,
						(int)(p - k0), k0);
		}
		if (p == k0)
			return uabi_diag__input(d, EINVAL, "%s:%u: missing key before '='", name, line);
		for (k = 0; k < K__COUNT; k++)
			if (strlen(key_names[k]) == (size_t)(p - k0) && !strncmp(key_names[k], k0, p - k0))
				break;
		if (k == K__COUNT)
			return uabi_diag__input(d, EINVAL, "%s:%u: unknown key '%.*s'", name, line,
						(int)(p - k0), k0);
		if (*slot(e, k))
			return uabi_diag__input(d, EINVAL, "%s:%u: duplicate key '%s'", name, line,
						key_names[k]);
		p++;	/* '=' */
		v0 = p;
		/* the unescaped value is never longer than the text */
		val = uabi_arena__alloc(&s->arena, (size_t)(end - v0) + 1);
		if (!val)
			return uabi_diag__input(d, ENOMEM, "out of memory");
		o = val;
		if (p < end && *p == '"') {
			for (p++;; p++) {
				if (p == end)
					return uabi_diag__input(d, EINVAL, "%s:%u: unterminated quote", name,
								line);
				if (*p == '"')
					break;
				if (*p == '\\') {
					if (p + 1 == end || (p[1] != '"' && p[1] != '\\'))
						return uabi_diag__input(d, EINVAL,
									"%s:%u: bad escape in quoted value (only \\\" and \\\\)",
									name, line);
					p++;
				}
				*o++ = *p;
			}
			p++;	/* closing quote */
			if (p < end && !is_space(*p) && *p != '#')
				return uabi_diag__input(d, EINVAL,
							"%s:%u: missing space after quoted value of '%s'",
							name, line, key_names[k]);
		} else {
			while (p < end && !is_space(*p) && *p != '#') {
				if (*p == '"')
					return uabi_diag__input(d, EINVAL,
								"%s:%u: quote inside bare value of '%s'",
								name, line, key_names[k]);
				*o++ = *p++;
			}
		}
		*o = '\0';
		if (!*val && k != K_REASON)
			return uabi_diag__input(d, EINVAL, "%s:%u: empty value for key '%s'", name, line,
						key_names[k]);
		*slot(e, k) = val;
		any = true;
	}
	if (!any)
		return 1;
	if (!e->rule)
		return uabi_diag__input(d, EINVAL, "%s:%u: rule missing", name, line);
	if (!e->reason)
		return uabi_diag__input(d, EINVAL, "%s:%u: reason missing", name, line);
	if (!*e->reason)
		return uabi_diag__input(d, EINVAL, "%s:%u: reason is empty", name, line);
	return 0;
}

int uabi_suppress__parse(const char *text, const char *name, struct uabi_suppress *s,
			 struct uabi_diag *d)
{
	const char *file = uabi_arena__strdup(&s->arena, name);
	uint32_t line = 0;

	if (!file)
		return uabi_diag__input(d, ENOMEM, "out of memory");
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		struct uabi_suppression e;
		int r;

		if (!end)
			end = p + strlen(p);
		line++;
		r = parse_line(s, p, end, name, line, &e, d);
		if (r < 0)
			return r;
		if (!r) {
			if (grow(s))
				return uabi_diag__input(d, ENOMEM, "out of memory");
			e.file = file;
			e.line = line;
			s->v[s->n++] = e;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

int uabi_suppress__read(const char *path, struct uabi_suppress *s, struct uabi_diag *d)
{
	char *buf;
	size_t len;
	int err;

	err = uabi_file__read(path, &buf, &len, d);
	if (err)
		return err;
	if (strlen(buf) != len)
		err = uabi_diag__input(d, EINVAL, "%s: contains a NUL byte", path);
	else
		err = uabi_suppress__parse(buf, path, s, d);
	free(buf);
	return err;
}

void uabi_suppress__free(struct uabi_suppress *s)
{
	if (!s)
		return;
	free(s->v);
	uabi_arena__free(&s->arena);
	memset(s, 0, sizeof(*s));
}

/* An absent key matches anything; a present one only an equal field. */
static bool field_matches(const char *want, const char *have)
{
	return !want || (have && !strcmp(want, have));
}

static bool matches(const struct uabi_suppression *e, const struct uabi_dfinding *f)
{
	return field_matches(e->rule, f->rule) && field_matches(e->ioctl, f->ioctl) &&
	       field_matches(e->type, f->type) && field_matches(e->member, f->member) &&
	       field_matches(e->profile, f->profiles);
}

void uabi_suppress__apply(struct uabi_suppress *s, struct uabi_dlist *l)
{
	/* reasons are copied into the list's arena once, so findings outlive
	 * the suppressions; on out of memory they borrow the entry's string */
	const char **copy = calloc(s->n + 1, sizeof(*copy));

	for (uint32_t i = 0; i < l->n; i++) {
		struct uabi_dfinding *f = &l->v[i];
		bool first = true;

		for (uint32_t j = 0; j < s->n; j++) {
			struct uabi_suppression *e = &s->v[j];

			if (!matches(e, f))
				continue;
			e->used++;
			if (!first)
				continue;
			first = false;
			if (copy && !copy[j])
				copy[j] = uabi_arena__strdup(&l->arena, e->reason);
			f->suppressed = true;
			f->suppress_reason = copy && copy[j] ? copy[j] : e->reason;
		}
	}
	free(copy);
}

int uabi_suppress__report_unused(const struct uabi_suppress *s, struct uabi_dlist *l)
{
	for (uint32_t i = 0; i < s->n; i++) {
		const struct uabi_suppression *e = &s->v[i];
		char what[2048];
		size_t n = 0;

		if (e->used)
			continue;
		what[0] = '\0';
		for (int k = 0; k < K_REASON; k++) {
			const char *v = value(e, k);

			if (v && n < sizeof(what))
				n += snprintf(what + n, sizeof(what) - n, " %s %s", key_names[k], v);
		}
		if (!uabi_dlist__add(l, "suppression-unused", UABI_SEV_WARNING, NULL, 0, NULL, NULL, NULL,
				     e->file, e->line, "suppression for%s matched nothing", what))
			return -ENOMEM;
	}
	return 0;
}
