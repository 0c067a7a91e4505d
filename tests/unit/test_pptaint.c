// SPDX-License-Identifier: MIT
/*
 * uabi_taint: which macros act where expanded (a _Pragma, __COUNTER__,
 * ..., directly, through another macro or made by ##), and whether a
 * file's lines outside its #defines, or the probe's lines, expand one.
 * What clang 14 does with these lines (tests/cli/probe-head.sh checks it
 * end to end): `clang -E` runs a _Pragma("push_macro(...)") or
 * ("pop_macro(...)"), one made by pasting _Pr ## agma too, without
 * printing it; a _Pragma in a #define body, a comment or a string runs
 * nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extractor/pptaint.h"

static const char dd[] =
	"# 1 \"<built-in>\" 1\n"
	"#define __STDC__ 1\n"
	"# 1 \"h.h\" 1\n"
	"#define W1(m) _Pragma(#m)\n"
	"#define W(m) W1(GCC warning m)\n"
	"#define USES_W W(\"x\") 1\n"
	"#define OK 1\n"
	"#define CAT(a,b) a##b\n"
	"#define UL(x) CAT(x, UL)\n"
	"#define E(x) __empty_ ## x\n"
	"#define P2(x) __ ## x\n"
	"#define SUF(x) x ## _COUNTER__\n"
	"#define CNT (__COUNTER__ + 1)\n"
	"#define STR \"_Pragma\"\n"
	"int x;\n";

static void sorted_names(const struct uabi_taint *t, const char *want)
{
	char got[512] = "";

	for (size_t i = 0; i < t->n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, t->v[i]);
	}
	assert_string_equal(got, want);
}

static void test_build(void **state)
{
	struct uabi_taint t;

	(void)state;
	assert_int_equal(uabi_taint__build(&t, dd), 0);
	/* W1 (_Pragma), W and USES_W (through it), P2 (__ ## x can make
	 * __COUNTER__), SUF (x ## _COUNTER__ can), CNT; not CAT (a chain of
	 * two parameters: no body passes on a start of a tainted name), UL,
	 * E (__empty_...), OK, STR (a string) */
	sorted_names(&t, "CNT P2 SUF USES_W W W1 _Pragma __BASE_FILE__ __COUNTER__ __TIMESTAMP__");
	assert_false(t.any);
	uabi_taint__free(&t);
}

/* A body that passes "__" on to a chain of two parameters: CAT can make
 * __COUNTER__, and so can UL. */
static void test_build_any(void **state)
{
	static const char d2[] = "#define CAT(a,b) a##b\n#define UL(x) CAT(x, UL)\n"
				 "#define M CAT(__, COUNTER__)\n#define OK 1\n";
	struct uabi_taint t;

	(void)state;
	assert_int_equal(uabi_taint__build(&t, d2), 0);
	assert_true(t.any);
	sorted_names(&t, "CAT M UL _Pragma __BASE_FILE__ __COUNTER__ __TIMESTAMP__");
	uabi_taint__free(&t);
}

static bool src(const struct uabi_taint *t, const char *s)
{
	return uabi_taint__src_acts(t, s, strlen(s));
}

static void test_src(void **state)
{
	struct uabi_taint t;

	(void)state;
	assert_int_equal(uabi_taint__build(&t, dd), 0);
	/* no line runs anything */
	assert_false(src(&t, "#define W1(m) _Pragma(#m)\n#define W(m) \\\n  W1(GCC warning m)\n"
			     "/* W(\"x\") _Pragma */ // _Pragma(\"once\")\nint a = OK;\n"
			     "const char *s = \"_Pragma W()\"; char c = '_';\n"
			     "#pragma pack(push, 4)\nstruct s { char a; };\n#pragma pack(pop)\n"
			     "int b = E(x) + UL(1);\n#if OK\n#endif\n"));
	/* a NUL is a blank */
	assert_false(uabi_taint__src_acts(&t, "int a;\0_Pragm\n", 14));
	/* each of these lines does (or could) */
	static const char *const acts[] = {
		"int a = USES_W;\n",
		"W(\"x\")\n",
		"_Pragma(\"pop_macro(\\\"X\\\")\")\n",
		"_Pra\\\ngma(\"once\")\n",
		"_Pra\\  \ngma(\"once\")\n",
		"#pragma push_macro(\"X\")\n",
		"%:pragma once\n",
		"#  pragma GCC poison X\n",
		"#pragma\n",
		"#pragma pack(W(x))\n",
		"#if CNT\n#endif\n",
		"int a = P2(COUNTER__);\n",
		"int a = SUF(_);\n",
		"/* a comment\n over lines */ #define Z _Pragma(\"once\")\n",
		/* a start of _Pragma and a chain of two parameters */
		"int a = CAT(_Pr, agma)(\"once\");\n",
		"int a = UL(_\n);\n",
		"int a = __BASE_FILE__[0];\n",
		"int pragma;\n",
		"int a;\0_Pragma(\"once\")\n",
	};
	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		size_t len = strlen(acts[i]);

		if (i + 1 == sizeof(acts) / sizeof(acts[0]))
			len = 23;	/* past the NUL */
		if (!uabi_taint__src_acts(&t, acts[i], len))
			fail_msg("no act in \"%s\"", acts[i]);
	}
	/* a start of one alone, or a chain of two parameters alone, no */
	assert_false(src(&t, "struct s { unsigned char _[8]; };\n"));
	assert_false(src(&t, "int a = CAT(1, UL);\n"));
	uabi_taint__free(&t);
}

static void test_code(void **state)
{
	struct uabi_taint t;

	(void)state;
	assert_int_equal(uabi_taint__build(&t, dd), 0);
	/* the probe's #define lines count too: they expand where used */
	assert_false(uabi_taint__code_acts(&t, "#define __uabi_ice(x) _Static_assert((x) || 1, \"s\");\n"
					       "enum { __uabi_v = OK };\n"));
	assert_true(uabi_taint__code_acts(&t, "#define __uabi_w W(x)\nenum { __uabi_v = 1 };\n"));
	assert_true(uabi_taint__code_acts(&t, "enum { __uabi_v = CNT };\n"));
	uabi_taint__free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_build_any),
		cmocka_unit_test(test_src),
		cmocka_unit_test(test_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
