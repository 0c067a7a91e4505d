// SPDX-License-Identifier: MIT
/* Unit tests of the __has_include scan of the tree's headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extractor/hasinclude.h"

static char dir[PATH_MAX];

static bool in_tree(void *ctx, const char *file)
{
	(void)ctx;
	return !strncmp(file, dir, strlen(dir)) && !strstr(file, "/libc/");
}

static void put(const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Scan the tree file `name` (and a C library file libc/cdefs.h defining
 * LIBC_HAS(h) as __has_include(h), LIBC_CAT(a, b) as a ## b); 1 with use. */
static int scan(const char *name, struct uabi_hasinc_use *use)
{
	char text[4 * PATH_MAX];
	struct uabi_cpp c;
	int r;

	snprintf(text, sizeof(text),
		 "# 1 \"%s/probe.c\"\n"
		 "# 1 \"%s/libc/cdefs.h\" 1\n"
		 "#define LIBC_HAS(h) __has_include (h)\n"
		 "#define __glibc_has_include(h) __has_include (h)\n"
		 "#define LIBC_CAT(a,b) a ## b\n"
		 "#define LIBC_ONE 1\n"
		 "# 2 \"%s/probe.c\" 2\n"
		 "# 1 \"%s/%s\" 1\n"
		 "# 3 \"%s/probe.c\" 2\n",
		 dir, dir, dir, dir, name, dir);
	assert_int_equal(uabi_cpp__parse(&c, text), 0);
	r = uabi_hasinc__find(&c, in_tree, NULL, use);
	uabi_cpp__free(&c);
	return r;
}

static void expect_use(const char *name, const char *text, uint32_t line, const char *used,
		       bool paste)
{
	struct uabi_hasinc_use use;

	put(name, text);
	assert_int_equal(scan(name, &use), 1);
	assert_int_equal(use.line, line);
	assert_string_equal(use.name, used);
	assert_int_equal(use.paste, paste);
	assert_non_null(strstr(use.file, name));
}

/* expect_use, and the name is one only a program's compile predefines */
static void expect_hosted(const char *name, const char *text, uint32_t line, const char *used)
{
	struct uabi_hasinc_use use;

	put(name, text);
	assert_int_equal(scan(name, &use), 1);
	assert_int_equal(use.line, line);
	assert_string_equal(use.name, used);
	assert_false(use.paste);
	assert_true(use.hosted);
}

static void expect_none(const char *name, const char *text)
{
	struct uabi_hasinc_use use;

	put(name, text);
	assert_int_equal(scan(name, &use), 0);
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/uabi-test-hasinc.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	{
		char libc[PATH_MAX];

		snprintf(libc, sizeof(libc), "%s/libc", dir);
		return mkdir(libc, 0700) ? -1 : 0;
	}
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];
	/* the test's own scratch directory: the files put() wrote, libc/ */
	DIR *dp = opendir(dir);
	struct dirent *e;

	(void)state;
	while (dp && (e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(cmd, sizeof(cmd), "%s/%s", dir, e->d_name);
		if (unlink(cmd))
			rmdir(cmd);
	}
	if (dp)
		closedir(dp);
	return rmdir(dir) ? -1 : 0;
}

static void test_direct(void **state)
{
	(void)state;
	expect_use("a.h", "/* __has_include in a comment */\n#if __has_include(<../x.h>)\n#endif\n", 2,
		   "__has_include", false);
	/* on a line continued with a backslash: the line the token is on */
	expect_use("b.h", "#if 1 && \\\n  __has_include_next(<x.h>)\n#endif\n", 2, "__has_include_next",
		   false);
	/* in a macro the tree defines, even one never used */
	expect_use("c.h", "\n\n#define H(x) __has_include(x)\n", 3, "__has_include", false);
	/* __STDC_HOSTED__ on an #if line, and through a macro */
	expect_use("r.h", "#if __STDC_HOSTED__\n#endif\n", 1, "__STDC_HOSTED__", false);
	expect_use("s.h", "#define HOSTED (__STDC_HOSTED__ + 0)\n", 1, "__STDC_HOSTED__", false);
	/* redefined */
	expect_use("l.h", "#define __has_include(x) 1\n", 1, "__has_include", false);
	/* a name split by a backslash-newline (the compiler joins the
	 * lines first): the line it starts on, and the lines after count */
	expect_use("m.h", "\n#if __has_\\\ninclude(<x.h>)\n#endif\n", 2, "__has_include", false);
	expect_use("n.h", "int a; \\\n int b;\n#define H __has_include\n", 3, "__has_include", false);
}

static void test_through_macros(void **state)
{
	(void)state;
	/* the C library's macro that reaches it */
	expect_use("d.h", "int a;\n#if LIBC_HAS(<../probe.i>)\n#endif\n", 2, "LIBC_HAS", false);
	/* a tree macro built on it: the line of the use of the C library's */
	expect_use("e.h", "#define MINE(x) LIBC_HAS(x)\n", 1, "LIBC_HAS", false);
	/* pasting on an #if line: the C library's paster, and one of the
	 * tree reached through an object-like macro */
	expect_use("f.h", "#if LIBC_CAT(__has_, include)(<x.h>)\n#endif\n", 1, "LIBC_CAT", true);
	expect_use("g.h", "#define CAT(a, b) a##b\n#define Q CAT(__has_, include)\n\n#if Q(<x.h>)\n#endif\n",
		   4, "Q", true);
	/* an #if spelled with the digraph %: */
	expect_use("o.h", "#define CAT(a, b) a%:%:b\n%:if CAT(__has_, include)(<x.h>)\n%:endif\n", 2,
		   "CAT", true);
	/* pasted into the C library's name: __glib and c_has_include start
	 * and end __glibc_has_include only */
	expect_use("p.h", "#define GP(a) a ## c_has_include\n#if GP(__glib)(<x.h>)\n#endif\n", 2, "GP",
		   true);
	/* pasted into the name of the C library's paster, which then pastes */
	expect_use("q.h", "#define CP(a) a ## CAT\n#if CP(LIBC_)(__has_, include)(<x.h>)\n#endif\n", 2,
		   "CP", true);
	/* a pasted piece that starts the name */
	expect_use("h.h", "#define HP(b) __has_##b\n#if HP(include)(<x.h>)\n#endif\n", 2, "HP", true);
}

/* glibc's stdc-predef.h macros (gcc includes it when hosted) and clang's
 * CFI macro: defined in a program's compile, not in uabi's, so #ifdef and
 * defined() tell the two apart as #if does */
static void test_hosted(void **state)
{
	(void)state;
	expect_hosted("ua.h", "int a;\n#ifdef __STDC_ISO_10646__\n#endif\n", 2, "__STDC_ISO_10646__");
	expect_hosted("ub.h", "#ifndef _STDC_PREDEF_H\n#endif\n", 1, "_STDC_PREDEF_H");
	expect_hosted("uc.h", "#if 1 && defined(__STDC_IEC_559__)\n#endif\n", 1, "__STDC_IEC_559__");
	expect_hosted("ud.h", "#if defined __GCC_HAVE_DWARF2_CFI_ASM\n#endif\n", 1,
		      "__GCC_HAVE_DWARF2_CFI_ASM");
	/* in a macro body, used or not */
	expect_hosted("ue.h", "\n#define W (__STDC_IEC_60559_BFP__ + 0)\n", 2, "__STDC_IEC_60559_BFP__");
	/* through a macro on an #if line: the macro, not a hosted name */
	expect_use("uf.h", "#if LIBC_HAS(<x.h>) || defined(__STDC_ISO_10646__)\n#endif\n", 1, "LIBC_HAS",
		   false);
}

/* A chain M0 -> M1 -> ... -> M5000, the last a paster, in the order that
 * made the old fixed point one pass per link: M0 on the #if is found. */
static void test_long_chain(void **state)
{
	enum { N = 5000 };
	char *text = malloc((size_t)N * 40 + 200);
	size_t o = 0;

	(void)state;
	assert_non_null(text);
	for (int i = 0; i < N; i++)
		o += (size_t)sprintf(text + o, "#define M%d(x) M%d(x)\n", i, i + 1);
	o += (size_t)sprintf(text + o, "#define M%d(x) x##x\n#if M0(1)\n#endif\n", N);
	expect_use("t.h", text, N + 2, "M0", true);
	free(text);
}

static void test_none(void **state)
{
	(void)state;
	/* strings, characters, comments, defined's operand, #ifdef */
	expect_none("i.h", "const char *s = \"__has_include\"; // __has_include\n"
			   "#if defined(__has_include) || defined __has_include_next\n#endif\n"
			   "#if defined(__STDC_HOSTED__) || defined __linux__\n#endif\n#ifdef __x86_64__\n#endif\n"
			   "#ifdef __has_include\n#endif\nint c = '_';\n");
	/* linux/const.h's __AC pastes two parameters: used outside #if */
	expect_none("j.h", "#define __AC(X,Y) (X##Y)\n#define _AC(X,Y) __AC(X,Y)\n"
			   "#define _UL(x) (_AC(x, UL))\n#define M _UL(1)\n");
	/* pastes pinned by a piece that starts no has-include name, a
	 * number, the GNU comma; an #if on an ordinary macro */
	expect_none("k.h", "#define F(n) foo_##n\n#define G(n) n##_x\n#define N(x) 1##x\n"
			   "#define V(fn, args...) fn(a , ## args)\n#if F(1) || G(1) || N(2) || LIBC_ONE\n"
			   "#endif\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct),
		cmocka_unit_test(test_through_macros),
		cmocka_unit_test(test_hosted),
		cmocka_unit_test(test_long_chain),
		cmocka_unit_test(test_none),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
