// SPDX-License-Identifier: MIT
/* Three-valued evaluation of the preprocessor conditions around a case
 * label. See kcond.h. */
#include "kcond.h"

#include "ctext.h"

struct cx {
	const char *p;
	uabi_kcond_pred pred;
	const void *ctx;
	int depth;		/* nesting of ! and ( (a hostile #if: bounded) */
};

/* Deeper than this, a condition is unknown (real ones nest a few levels). */
#define CX_MAX_DEPTH 200

static int and3(int a, int b)
{
	if (a == 0 || b == 0)
		return 0;
	return a == 1 && b == 1 ? 1 : -1;
}

static int or3(int a, int b)
{
	if (a == 1 || b == 1)
		return 1;
	return a == 0 && b == 0 ? 0 : -1;
}

static void cx_ws(struct cx *x)
{
	while (is_hspace(*x->p) || *x->p == '\n')
		x->p++;
}

/* Does an operand end here (end, ')', && or ||)? */
static bool cx_at_end(struct cx *x)
{
	cx_ws(x);
	return !*x->p || *x->p == ')' || (x->p[0] == '&' && x->p[1] == '&') ||
	       (x->p[0] == '|' && x->p[1] == '|');
}

/* Skip an operand we cannot evaluate: up to a top-level &&, || or ')'. */
static int cx_opaque(struct cx *x)
{
	int depth = 0;

	for (; *x->p; x->p++) {
		if (*x->p == '(') {
			depth++;
		} else if (*x->p == ')') {
			if (!depth)
				break;
			depth--;
		} else if (!depth && ((x->p[0] == '&' && x->p[1] == '&') ||
				      (x->p[0] == '|' && x->p[1] == '|'))) {
			break;
		}
	}
	return -1;
}

static int cx_or(struct cx *x);

/* The operand of defined/IS_ENABLED: "(NAME)" or, for defined, "NAME". */
static int cx_test(struct cx *x, bool need_paren)
{
	const char *s;
	bool paren;
	int v;

	cx_ws(x);
	paren = *x->p == '(';
	if (paren)
		x->p++;
	else if (need_paren)
		return cx_opaque(x);
	cx_ws(x);
	s = x->p;
	while (is_idchar(*x->p))
		x->p++;
	if (x->p == s)
		return cx_opaque(x);
	v = x->pred(x->ctx, s, (size_t)(x->p - s));
	cx_ws(x);
	if (paren) {
		if (*x->p != ')')
			return cx_opaque(x);
		x->p++;
	}
	return v;
}

static int cx_unary(struct cx *x)
{
	const char *s;
	int v;

	cx_ws(x);
	if (x->depth > CX_MAX_DEPTH) {
		x->p += strlen(x->p);	/* the rest is not read: unknown */
		return -1;
	}
	if (*x->p == '!' && x->p[1] != '=') {
		x->p++;
		x->depth++;
		v = cx_unary(x);
		x->depth--;
		return v < 0 ? -1 : !v;
	}
	if (*x->p == '(') {
		x->p++;
		x->depth++;
		v = cx_or(x);
		x->depth--;
		cx_ws(x);
		if (*x->p != ')')
			return cx_opaque(x);
		x->p++;
	} else if (*x->p >= '0' && *x->p <= '9') {
		char *e;

		v = strtoull(x->p, &e, 0) != 0;
		x->p = e;
		while (*x->p == 'u' || *x->p == 'U' || *x->p == 'l' || *x->p == 'L')
			x->p++;
	} else if (is_idstart(*x->p)) {
		s = x->p;
		while (is_idchar(*x->p))
			x->p++;
		if (word_is(s, (size_t)(x->p - s), "defined"))
			v = cx_test(x, false);
		else if (word_is(s, (size_t)(x->p - s), "IS_ENABLED") ||
			 word_is(s, (size_t)(x->p - s), "IS_BUILTIN"))
			v = cx_test(x, true);
		else
			return cx_opaque(x);
	} else {
		return cx_opaque(x);
	}
	/* "(A) > 1", "0x10 < X": part of a larger operand */
	return cx_at_end(x) ? v : cx_opaque(x);
}

static int cx_and(struct cx *x)
{
	int v = cx_unary(x);

	while (cx_ws(x), x->p[0] == '&' && x->p[1] == '&') {
		x->p += 2;
		v = and3(v, cx_unary(x));
	}
	return v;
}

static int cx_or(struct cx *x)
{
	int v = cx_and(x);

	while (cx_ws(x), x->p[0] == '|' && x->p[1] == '|') {
		x->p += 2;
		v = or3(v, cx_and(x));
	}
	return v;
}

int uabi_kcond__eval_pred(const char *cond, uabi_kcond_pred pred, const void *ctx)
{
	struct cx x = { .p = cond, .pred = pred, .ctx = ctx };
	int v;

	if (!cond)
		return 1;
	v = cx_or(&x);
	cx_ws(&x);
	return *x.p ? -1 : v;	/* unbalanced: unknown */
}

bool uabi_kcond__is_kvm_have(const char *s, size_t n)
{
	return n > 11 && memcmp(s, "__KVM_HAVE_", 11) == 0;
}

struct list_ctx {
	const char *const *yes, *const *no;
	uint32_t nyes, nno;
};

static int list_pred(const void *ctx, const char *s, size_t n)
{
	const struct list_ctx *l = ctx;

	for (uint32_t i = 0; i < l->nyes; i++)
		if (word_is(s, n, l->yes[i]))
			return 1;
	for (uint32_t i = 0; i < l->nno; i++)
		if (word_is(s, n, l->no[i]))
			return 0;
	return uabi_kcond__is_kvm_have(s, n) ? 0 : -1;
}

int uabi_kcond__eval(const char *cond, const char *const *yes, uint32_t nyes,
		     const char *const *no, uint32_t nno)
{
	struct list_ctx l = { .yes = yes, .no = no, .nyes = nyes, .nno = nno };

	return uabi_kcond__eval_pred(cond, list_pred, &l);
}
