// SPDX-License-Identifier: MIT
/* Unit tests of the -dD output reader and the ioctl macro expander. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extractor/macros.h"

/* What `cc -E -dD` prints, cut down: markers, defines, code. */
static const char cpp_text[] =
	"# 1 \"probe.c\"\n"
	"# 1 \"<built-in>\" 1\n"
	"#define __STDC__ 1\n"
	"# 1 \"/t/include/uapi/asm-generic/ioctl.h\" 1\n"
	"#define _IOC(dir,type,nr,size) (((dir) << 30) | ((type) << 8) | (nr) | ((size) << 16))\n"
	"#define _IOW(type,nr,size) _IOC(1U,(type),(nr),(sizeof(size)))\n"
	"#define _IO(type,nr) _IOC(0U,(type),(nr),0)\n"
	"# 1 \"/t/include/uapi/linux/foo.h\" 1\n"
	"\n"
	"#define FOOIO 0xF0\n"
	"#define FOO_IOW(nr, t) _IOW(FOOIO, nr, t)\n"
	"#define FOO_SET _IOW(FOOIO, 0x01, struct foo_set)\n"
	"#define FOO_GET FOO_IOW(0x02, struct foo_get)\n"
	"#define FOO_ALIAS FOO_SET\n"
	"#define FOO_RUN _IO(FOOIO, 0x03)\n"
	"#define FOO_RAW _IOC(3U, FOOIO, 4, sizeof(union foo_u))\n"
	"#define FOO_NOT_IOCTL (1 << 3)\n"
	"#define FOO_GONE _IO(FOOIO, 9)\n"
	"#undef FOO_GONE\n"
	"struct foo_set { int a; };\n"
	"struct __attribute__((packed)) foo_get {\n"
	"  int b;\n"
	"};\n"
	"union foo_u { int c; };\n"
	"struct foo_fwd;\n"
	"void f(struct foo_set *s);\n";

static const struct uabi_macro *find(const struct uabi_cpp *c, const char *name)
{
	for (uint32_t i = 0; i < c->nmacros; i++)
		if (!strcmp(c->macros[i].name, name))
			return &c->macros[i];
	return NULL;
}

static void test_parse(void **state)
{
	struct uabi_cpp c;
	const struct uabi_macro *m;

	(void)state;
	assert_int_equal(uabi_cpp__parse(&c, cpp_text), 0);
	/* predefined macros from <built-in> are not recorded */
	assert_null(find(&c, "__STDC__"));
	assert_null(find(&c, "FOO_GONE"));
	m = find(&c, "FOO_SET");
	assert_non_null(m);
	assert_string_equal(m->file, "/t/include/uapi/linux/foo.h");
	assert_int_equal(m->line, 4);
	assert_false(m->funclike);
	assert_string_equal(m->body, "_IOW(FOOIO, 0x01, struct foo_set)");
	m = find(&c, "FOO_IOW");
	assert_true(m->funclike);
	assert_string_equal(m->params, "(nr, t)");
	assert_int_equal(find(&c, "_IOW")->line, 2);
	/* tags with a body only, attributes skipped, sorted */
	assert_int_equal(c.ntags, 3);
	assert_string_equal(c.tags[0], "struct foo_get");
	assert_string_equal(c.tags[1], "struct foo_set");
	assert_string_equal(c.tags[2], "union foo_u");
	assert_true(uabi_cpp__has_tag(&c, "struct foo_set"));
	assert_false(uabi_cpp__has_tag(&c, "struct foo_fwd"));
	assert_int_equal(c.nfiles, 3);
	assert_string_equal(c.files[0], "/t/include/uapi/asm-generic/ioctl.h");
	assert_string_equal(c.files[2], "probe.c");
	uabi_cpp__free(&c);
}

static void expect_include(const struct uabi_include *inc, const char *file, const char *from,
			   uint32_t line)
{
	assert_string_equal(inc->file, file);
	if (from)
		assert_string_equal(inc->from, from);
	else
		assert_null(inc->from);
	assert_int_equal(inc->line, line);
}

/* clang's markers: the main file, pseudo files entered with flag 1, a
 * header entered from line 6 of its includer after blank lines, a
 * multi-line #define and a nested include, the returns (flag 2) */
static void test_includes_clang(void **state)
{
	static const char text[] =
		"# 1 \"/s/macros.c\"\n"
		"# 1 \"<built-in>\" 1\n"
		"# 1 \"<built-in>\" 3\n"
		"#define __STDC__ 1\n"
		"# 1 \"<command line>\" 1\n"
		"# 1 \"/s/uabi-stubs.h\" 1\n"
		"#define __user \n"
		"# 2 \"<command line>\" 2\n"
		"# 1 \"<built-in>\" 2\n"
		"# 1 \"/s/macros.c\" 2\n"
		"\n"
		"# 1 \"/t/include/uapi/linux/a.h\" 1\n"
		"struct a { int x; };\n"
		"\n"
		"\n"
		"#define X 1\n"
		"\n"
		"# 1 \"/t/include/uapi/linux/b.h\" 1\n"
		"#define B 2\n"
		"# 1 \"/etc/sec\\\"ret\" 1 3\n"
		"# 2 \"/t/include/uapi/linux/b.h\" 2\n"
		"# 7 \"/t/include/uapi/linux/a.h\" 2\n"
		"int y;\n"
		"\n"
		"# 1 \"/t/include/uapi/linux/b.h\" 1\n"
		"# 10 \"/t/include/uapi/linux/a.h\" 2\n"
		"# 3 \"/s/macros.c\" 2\n";
	struct uabi_cpp c;

	(void)state;
	assert_int_equal(uabi_cpp__parse(&c, text), 0);
	assert_int_equal(c.nincludes, 6);
	expect_include(&c.includes[0], "/s/macros.c", NULL, 0);
	expect_include(&c.includes[1], "/s/uabi-stubs.h", "<command line>", 1);
	expect_include(&c.includes[2], "/t/include/uapi/linux/a.h", "/s/macros.c", 2);
	expect_include(&c.includes[3], "/t/include/uapi/linux/b.h", "/t/include/uapi/linux/a.h", 6);
	/* an escaped quote in the name; flags after flag 1 do not matter */
	expect_include(&c.includes[4], "/etc/sec\"ret", "/t/include/uapi/linux/b.h", 2);
	expect_include(&c.includes[5], "/t/include/uapi/linux/b.h", "/t/include/uapi/linux/a.h", 9);
	/* the same string for the same file, every time */
	assert_ptr_equal(c.includes[3].file, c.includes[5].file);
	assert_int_equal(c.nfiles, 5);
	assert_string_equal(c.files[0], "/etc/sec\"ret");
	assert_string_equal(c.files[1], "/s/macros.c");
	assert_string_equal(c.files[2], "/s/uabi-stubs.h");
	assert_string_equal(c.files[3], "/t/include/uapi/linux/a.h");
	assert_string_equal(c.files[4], "/t/include/uapi/linux/b.h");
	/* macros keep their file and line */
	assert_string_equal(find(&c, "B")->file, "/t/include/uapi/linux/b.h");
	assert_int_equal(find(&c, "X")->line, 4);
	uabi_cpp__free(&c);
}

/* gcc's markers start at line 0 and leave <command-line> without a flag;
 * a #line (no flag) renames the presumed file but opens nothing */
static void test_includes_gcc(void **state)
{
	static const char text[] =
		"# 0 \"/s/macros.c\"\n"
		"# 0 \"<built-in>\"\n"
		"#define __STDC__ 1\n"
		"# 0 \"<command-line>\"\n"
		"# 1 \"/s/uabi-stubs.h\" 1\n"
		"#define __user \n"
		"# 0 \"<command-line>\" 2\n"
		"# 1 \"/s/macros.c\"\n"
		"\n"
		"# 1 \"/t/include/uapi/linux/c.h\" 1\n"
		"struct c { int x; };\n"
		"# 40 \"/etc/passwd\"\n"
		"#define FROM_LINE 1\n"
		"\n"
		"# 1 \"/t/include/uapi/linux/d.h\" 1\n"
		"# 42 \"/etc/passwd\" 2\n"
		"# 3 \"/s/macros.c\" 2\n";
	struct uabi_cpp c;

	(void)state;
	assert_int_equal(uabi_cpp__parse(&c, text), 0);
	assert_int_equal(c.nincludes, 4);
	expect_include(&c.includes[0], "/s/macros.c", NULL, 0);
	expect_include(&c.includes[1], "/s/uabi-stubs.h", "<command-line>", 0);
	expect_include(&c.includes[2], "/t/include/uapi/linux/c.h", "/s/macros.c", 2);
	/* the includer is named as the compiler names it after the #line */
	expect_include(&c.includes[3], "/t/include/uapi/linux/d.h", "/etc/passwd", 42);
	/* /etc/passwd was named, never entered: not a file read */
	assert_int_equal(c.nfiles, 4);
	for (uint32_t i = 0; i < c.nfiles; i++)
		assert_string_not_equal(c.files[i], "/etc/passwd");
	assert_string_equal(find(&c, "FROM_LINE")->file, "/etc/passwd");
	assert_int_equal(find(&c, "FROM_LINE")->line, 40);
	uabi_cpp__free(&c);
}

/* text without markers has no entries; an unterminated name is skipped */
static void test_includes_none(void **state)
{
	struct uabi_cpp c;

	(void)state;
	assert_int_equal(uabi_cpp__parse(&c, "int x;\n# 1 \"/t/a.h 1\n"), 0);
	assert_int_equal(c.nincludes, 0);
	assert_int_equal(c.nfiles, 0);
	uabi_cpp__free(&c);
}

static void expect_call(struct uabi_cpp *c, const char *name, const char *ctor, uint32_t nargs,
			const char *last)
{
	struct uabi_ioc_call call;

	assert_true(uabi_cpp__ioctl_call(c, find(c, name), &call));
	assert_string_equal(call.macro, ctor);
	assert_int_equal(call.nargs, nargs);
	assert_string_equal(call.args[nargs - 1], last);
	uabi_ioc_call__free(&call);
}

static void count_reach(void *ctx, const struct uabi_macro *m)
{
	(void)m;
	(*(uint32_t *)ctx)++;
}

/* A chain R0 -> R1 -> ... -> Rn: macro_reach says whether it saw it all. */
static bool reach_chain(uint32_t n, uint32_t *seen)
{
	char *text = malloc((size_t)n * 32 + 64);
	struct uabi_cpp c;
	size_t o = 0;
	bool whole;

	assert_non_null(text);
	o += (size_t)sprintf(text, "# 1 \"/t/r.h\"\n");
	for (uint32_t i = 0; i < n; i++)
		o += (size_t)sprintf(text + o, "#define R%u R%u\n", i, i + 1);
	sprintf(text + o, "#define R%u 1\n", n);
	assert_int_equal(uabi_cpp__parse(&c, text), 0);
	*seen = 0;
	whole = uabi_cpp__macro_reach(&c, uabi_cpp__find(&c, "R0"), count_reach, seen);
	uabi_cpp__free(&c);
	free(text);
	return whole;
}

static void test_macro_reach_bound(void **state)
{
	uint32_t seen;

	(void)state;
	assert_true(reach_chain(UABI_CPP_REACH_MAX - 1, &seen));
	assert_int_equal(seen, UABI_CPP_REACH_MAX);
	/* one more link than it follows: false, so "reaches none" is no answer */
	assert_false(reach_chain(UABI_CPP_REACH_MAX, &seen));
	assert_int_equal(seen, UABI_CPP_REACH_MAX);
}

static void test_expand(void **state)
{
	struct uabi_cpp c;
	struct uabi_ioc_call call;

	(void)state;
	assert_int_equal(uabi_cpp__parse(&c, cpp_text), 0);
	expect_call(&c, "FOO_SET", "_IOW", 3, "struct foo_set");
	/* through a function-like wrapper: parameters substituted */
	expect_call(&c, "FOO_GET", "_IOW", 3, "struct foo_get");
	/* through an alias */
	expect_call(&c, "FOO_ALIAS", "_IOW", 3, "struct foo_set");
	expect_call(&c, "FOO_RUN", "_IO", 2, "0x03");
	expect_call(&c, "FOO_RAW", "_IOC", 4, "sizeof(union foo_u)");
	assert_false(uabi_cpp__ioctl_call(&c, find(&c, "FOO_NOT_IOCTL"), &call));
	assert_false(uabi_cpp__ioctl_call(&c, find(&c, "FOOIO"), &call));
	/* function-like macros are not ioctl numbers themselves */
	assert_false(uabi_cpp__ioctl_call(&c, find(&c, "FOO_IOW"), &call));
	uabi_cpp__free(&c);
}

static void test_self_reference(void **state)
{
	static const char text[] = "# 1 \"/t/a.h\" 1\n#define A B\n#define B A\n#define C C\n";
	struct uabi_cpp c;
	struct uabi_ioc_call call;

	(void)state;
	assert_int_equal(uabi_cpp__parse(&c, text), 0);
	assert_false(uabi_cpp__ioctl_call(&c, find(&c, "A"), &call));
	assert_false(uabi_cpp__ioctl_call(&c, find(&c, "C"), &call));
	uabi_cpp__free(&c);
}

/* A0 = x, A1 = A0 A0, ..., An = A(n-1) A(n-1): An expands to 2^n x's,
 * 2^(n+1) - 1 bodies to scan; cpp text for that, with BOMB = An and
 * IOC_BOMB = _IOW('x', 1, An) and an _IOW that passes its size on. */
static char *bomb_text(int n)
{
	size_t cap = 64 * (size_t)n + 256, o = 0;
	char *t = malloc(cap);

	assert_non_null(t);
	o += (size_t)snprintf(t + o, cap - o, "# 1 \"/t/b.h\" 1\n#define A0 x\n");
	for (int i = 1; i <= n; i++)
		o += (size_t)snprintf(t + o, cap - o, "#define A%d A%d A%d\n", i, i - 1, i - 1);
	snprintf(t + o, cap - o, "#define BOMB A%d\n#define _IOW(t,n,s) (t + n + sizeof(s))\n"
		 "#define IOC_BOMB _IOW('x', 1, A%d)\n", n, n);
	return t;
}

static void test_expansion_budget(void **state)
{
	struct uabi_cpp c;
	struct uabi_ioc_call call;
	char *t;

	(void)state;
	/* 2^41 bodies of 2 to 7 bytes: over the budget (1 MiB), which
	 * ends it after about 2^18 of them */
	t = bomb_text(40);
	assert_int_equal(uabi_cpp__parse(&c, t), 0);
	assert_int_equal(uabi_cpp__ioctl_scan(&c, find(&c, "BOMB"), &call), -E2BIG);
	assert_int_equal(uabi_cpp__ioctl_scan(&c, find(&c, "IOC_BOMB"), &call), -E2BIG);
	assert_false(uabi_cpp__ioctl_call(&c, find(&c, "IOC_BOMB"), &call));
	uabi_cpp__free(&c);
	free(t);
	/* A10: 2047 bodies, about 12 KiB: BOMB is no ioctl, IOC_BOMB one,
	 * its call as written */
	t = bomb_text(10);
	assert_int_equal(uabi_cpp__parse(&c, t), 0);
	assert_int_equal(uabi_cpp__ioctl_scan(&c, find(&c, "BOMB"), &call), 0);
	assert_int_equal(uabi_cpp__ioctl_scan(&c, find(&c, "IOC_BOMB"), &call), 1);
	assert_string_equal(call.macro, "_IOW");
	assert_string_equal(call.args[2], "A10");
	uabi_ioc_call__free(&call);
	uabi_cpp__free(&c);
	free(t);
}

static void test_find_reserved(void **state)
{
	static const char text[] =
		"# 1 \"/s/probe.c\"\n"
		"# 1 \"<built-in>\" 1\n"
		"#define __STDC__ 1\n"
		"# 1 \"/s/probe.c\" 2\n"
		"# 1 \"/t/a.h\" 1\n"
		"#define A_SET 1\n"
		"const char *s = \"__uabi_n_X\"; int c = '_'; int n = 1__uabi_x;\n"
		"\n"
		"enum { x__uabi_y = 1, __uabi_n_A_SET = 2 };\n"
		"# 5 \"/s/probe.c\" 2\n"
		"enum { __uabi_n_B = 3 };\n";
	char file[64], ident[32];
	uint32_t line = 0;

	(void)state;
	/* the header's enumerator: strings, numbers and x__uabi_y are none */
	assert_true(uabi_cpp__find_reserved(text, "/s/probe.c", file, sizeof(file), &line, ident,
					    sizeof(ident)));
	assert_string_equal(file, "/t/a.h");
	assert_int_equal(line, 4);
	assert_string_equal(ident, "__uabi_n_A_SET");
	/* every line counts: the same, the first one */
	assert_true(uabi_cpp__find_reserved(text, NULL, file, sizeof(file), &line, ident, sizeof(ident)));
	assert_string_equal(ident, "__uabi_n_A_SET");
	/* the probe's own line only: none */
	assert_false(uabi_cpp__find_reserved(strstr(text, "# 5 "), "/s/probe.c", file, sizeof(file),
					     &line, ident, sizeof(ident)));
	assert_true(uabi_cpp__find_reserved(strstr(text, "# 5 "), "/s/other.c", file, sizeof(file),
					    &line, ident, sizeof(ident)));
	assert_string_equal(file, "/s/probe.c");
	assert_int_equal(line, 5);
	assert_string_equal(ident, "__uabi_n_B");
	/* a name with '$' (one identifier to both compilers) */
	assert_true(uabi_cpp__find_reserved("# 3 \"/t/b.h\"\nint a;\n#define G_SET$ 0\nchar *s = \"$x\";\n", NULL,
					    file, sizeof(file), &line, ident, sizeof(ident)));
	assert_string_equal(ident, "G_SET$");
	assert_int_equal(line, 4);
	assert_false(uabi_cpp__find_reserved("# 3 \"/t/b.h\"\nchar *s = \"$x\"; char c = '$';\n", NULL, file,
					     sizeof(file), &line, ident, sizeof(ident)));
	/* a macro name in a -dD line */
	assert_true(uabi_cpp__find_reserved("# 3 \"/t/b.h\"\n#define __uabi_bs_long 9\n", NULL, file,
					    sizeof(file), &line, ident, sizeof(ident)));
	assert_string_equal(ident, "__uabi_bs_long");
	assert_int_equal(line, 3);
	/* the compiler's -D of a builtin to a reserved name is its own; a
	 * header's use, and a forged <command line> after a file, are not */
	{
		static const char d[] =
			"# 1 \"/s/probe.c\"\n"
			"# 1 \"<built-in>\" 1\n"
			"# 1 \"<command line>\" 1\n"
			"#define __COUNTER__ __uabi_builtin_COUNTER\n"
			"# 1 \"<built-in>\" 2\n"
			"# 1 \"/s/probe.c\" 2\n"
			"# 1 \"/t/c.h\" 1\n"
			"struct c { char x[__uabi_builtin_COUNTER + 4]; };\n";

		assert_true(uabi_cpp__find_reserved(d, NULL, file, sizeof(file), &line, ident,
						    sizeof(ident)));
		assert_string_equal(file, "/t/c.h");
		assert_int_equal(line, 1);
		assert_string_equal(ident, "__uabi_builtin_COUNTER");
		assert_false(uabi_cpp__find_reserved(d, "/t/c.h", file, sizeof(file), &line, ident,
						     sizeof(ident)));
		assert_true(uabi_cpp__find_reserved("# 1 \"/s/probe.c\"\n# 1 \"/t/c.h\" 1\n"
						    "# 1 \"<command line>\" 1\nint __uabi_x;\n",
						    NULL, file, sizeof(file), &line, ident, sizeof(ident)));
		assert_string_equal(ident, "__uabi_x");
	}
}

/* leak TEXT: `cc -E` text of a probe (/s/probe.c) that includes /t/a.h
 * whose lines are `body`, then returns to the probe. */
static bool leak(const char *body, char *file, uint32_t *line, char *what)
{
	char text[8192];

	snprintf(text, sizeof(text),
		 "# 1 \"/s/probe.c\"\n# 1 \"<built-in>\" 1\n# 1 \"/s/probe.c\" 2\n"
		 "# 1 \"/t/a.h\" 1\n%s# 2 \"/s/probe.c\" 2\nint probe_line;\n", body);
	return uabi_cpp__pragma_leak(text, file, 64, line, what, 96);
}

static void test_pragma_leak(void **state)
{
	char file[64], what[96], body[4096];
	uint32_t line = 0;
	size_t o = 0;

	(void)state;
	/* left in force: the pragma that left the default */
	assert_true(leak("int a;\n#pragma pack(push, 1)\nstruct s { char c; int i; };\n", file, &line,
			 what));
	assert_string_equal(file, "/t/a.h");
	assert_int_equal(line, 2);
	assert_string_equal(what, "#pragma pack(push, 1)");
	assert_true(leak("#pragma clang attribute push (__attribute__((packed)), apply_to = record)\n",
			 file, &line, what));
	assert_true(leak("#pragma ms_struct on\n", file, &line, what));
	assert_true(leak("#pragma scalar_storage_order big-endian\n", file, &line, what));
	assert_true(leak("#pragma options align=packed\n", file, &line, what));
	/* a push over a pack(2): the pop gives back 2, still in force */
	assert_true(leak("#pragma pack(2)\n#pragma pack(push, 4)\n#pragma pack(pop)\n", file, &line,
			 what));
	assert_int_equal(line, 1);
	/* put back: the real trees' pack(n) ... pack(), push/pop pairs */
	assert_false(leak("#pragma pack(4)\nstruct s { long l; };\n#pragma pack()\n", file, &line, what));
	assert_false(leak("#pragma pack(push, 1)\n#pragma pack(pop)\n#pragma ms_struct off\n"
			  "#pragma scalar_storage_order default\n#pragma options align=reset\n",
			  file, &line, what));
	/* a pop with nothing pushed: the compiler ignores it (a warning) */
	assert_false(leak("#pragma pack(pop)\n#pragma clang attribute pop\n", file, &line, what));
	/* deeper than the 64 remembered: the outer value comes back */
	for (int i = 0; i < 70; i++)
		o += (size_t)snprintf(body + o, sizeof(body) - o, "#pragma pack(push, %d)\n", 1 << (i % 4));
	for (int i = 0; i < 70; i++)
		o += (size_t)snprintf(body + o, sizeof(body) - o, "#pragma pack(pop)\n");
	assert_false(leak(body, file, &line, what));
	/* a pragma of the probe's own lines is not a header's */
	assert_false(uabi_cpp__pragma_leak("# 1 \"/s/probe.c\"\n# 1 \"<built-in>\" 1\n# 1 \"/s/probe.c\" 2\n"
					   "#pragma pack(1)\n", file, 64, &line, what, 96));
}

static void test_sizeof_operand(void **state)
{
	char buf[64];

	(void)state;
	assert_true(uabi_sizeof_operand("sizeof(struct x)", buf, sizeof(buf)));
	assert_string_equal(buf, "struct x");
	assert_true(uabi_sizeof_operand(" ((sizeof ( __u64 ))) ", buf, sizeof(buf)));
	assert_string_equal(buf, "__u64");
	assert_false(uabi_sizeof_operand("sizeof(int) * 2", buf, sizeof(buf)));
	assert_false(uabi_sizeof_operand("(sizeof(int)) + (sizeof(int))", buf, sizeof(buf)));
	assert_false(uabi_sizeof_operand("16", buf, sizeof(buf)));
}

/* Identifiers of C text: literals and pp-numbers are no identifiers. */
static void test_next_ident(void **state)
{
	const char *text = "0x1fUL + FOO(\"__LINE__ x\", 'q') 1e+5 1__uabi_n _bar9;";
	const char *want[] = { "FOO", "_bar9" };
	const char *p = text;
	size_t len, n = 0;

	(void)state;
	while ((p = uabi_cpp__next_ident(p, &len))) {
		assert_true(n < 2);
		assert_int_equal(len, strlen(want[n]));
		assert_memory_equal(p, want[n], len);
		n++;
		p += len;
	}
	assert_int_equal(n, 2);
	assert_null(uabi_cpp__next_ident("", &len));
	assert_null(uabi_cpp__next_ident(NULL, &len));
}

/* clang's -dD layout: predefined lines, the probe's <linux/ioctl.h> at
 * its line 3, the headers from its line 5 */
static const char meddle_head[] =
	"# 1 \"/w/macros.c\"\n"
	"# 1 \"<built-in>\" 1\n"
	"# 1 \"<built-in>\" 3\n"
	"#define __SIZEOF_LONG__ 8\n"
	"#define __CHAR_BIT__ 8\n"
	"# 1 \"<command line>\" 1\n"
	"#define __DATE__ \"Jan  1 1970\"\n"
	"# 1 \"<built-in>\" 2\n"
	"# 1 \"/w/macros.c\" 2\n"
	"\n"
	"\n"
	"# 1 \"/t/linux/ioctl.h\" 1\n"
	"#define _IOC_NRSHIFT 0\n"
	"#define _IO(t,n) _IOC(0,(t),(n),0)\n"
	"# 4 \"/w/macros.c\" 2\n"
	"\n"
	"# 1 \"/t/linux/a.h\" 1\n";

static struct uabi_cpp_meddle word;	/* the last meddle()'s */

static void meddle(const char *tail, uint32_t after, struct uabi_cpp_meddle *pre,
		   struct uabi_cpp_meddle *ioc)
{
	char *text = malloc(strlen(meddle_head) + strlen(tail) + 1);

	assert_non_null(text);
	strcpy(text, meddle_head);
	strcat(text, tail);
	assert_int_equal(uabi_cpp__meddling(text, after, pre, ioc, &word), 0);
	free(text);
}

/* A header's #define of a word the probe is written with. */
static void test_meddling_words(void **state)
{
	static const char *const refused[] = {
		"sizeof(x) 4", "_Alignof(x) 1", "__typeof__(x) int", "struct union", "long int",
		"__builtin_offsetof(t,m) 0", "unsigned", "_Static_assert(c,m)",
	};
	static const char *const fine[] = {
		"sizeofx 4", "inline", "__user", "LONG long", "Struct 1", "void struct x", "const",
	};
	struct uabi_cpp_meddle pre, ioc;
	char tail[128];

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		snprintf(tail, sizeof(tail), "#define A 1\n#define %s\n", refused[i]);
		meddle(tail, 5, &pre, &ioc);
		assert_true(word.found);
		assert_int_equal(strcspn(refused[i], "( "), strlen(word.name));
		assert_memory_equal(word.name, refused[i], strlen(word.name));
		assert_string_equal(word.file, "/t/linux/a.h");
		assert_int_equal(word.line, 2);
		assert_false(pre.found);
		assert_false(ioc.found);
	}
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		snprintf(tail, sizeof(tail), "#define %s\n#undef int\n", fine[i]);
		meddle(tail, 5, &pre, &ioc);
		assert_false(word.found);
	}
}

static void test_meddling(void **state)
{
	struct uabi_cpp_meddle pre, ioc;

	(void)state;
	/* the same body again, and names nobody predefines: nothing */
	meddle("#define __SIZEOF_LONG__ 8\n#define _IO(t,n) _IOC(0,(t),(n),0)\n#define FOO 1\n"
	       "#undef FOO\n", 5, &pre, &ioc);
	assert_false(pre.found);
	assert_false(ioc.found);
	/* an #undef of a predefined macro, at a.h:2 */
	meddle("#define FOO 1\n#undef __SIZEOF_LONG__\n", 5, &pre, &ioc);
	assert_true(pre.found);
	assert_true(pre.undef);
	assert_string_equal(pre.name, "__SIZEOF_LONG__");
	assert_string_equal(pre.file, "/t/linux/a.h");
	assert_int_equal(pre.line, 2);
	/* another body, for a -D one too */
	meddle("#define __DATE__ \"Feb  2 2000\"\n", 5, &pre, &ioc);
	assert_true(pre.found);
	assert_false(pre.undef);
	assert_string_equal(pre.name, "__DATE__");
	/* a line marker naming <built-in> in a header does not make its
	 * #undef the compiler's: placed by position */
	meddle("# 1 \"<built-in>\" 1\n#undef __CHAR_BIT__\n", 5, &pre, &ioc);
	assert_true(pre.found);
	assert_string_equal(pre.name, "__CHAR_BIT__");
	assert_string_equal(pre.file, "<built-in>");
	/* the ioctl encoding after the probe's line 5: another body, an
	 * #undef, a new _IOC* name; in the kernel's own file by its name too */
	meddle("#define _IO(t,n) _IOC(0,(t),(n),1)\n", 5, &pre, &ioc);
	assert_true(ioc.found);
	assert_false(ioc.undef);
	assert_string_equal(ioc.name, "_IO");
	assert_int_equal(ioc.line, 1);
	meddle("# 1 \"/t/linux/ioctl.h\" 1\n#undef _IOC_NRSHIFT\n", 5, &pre, &ioc);
	assert_true(ioc.found);
	assert_true(ioc.undef);
	assert_string_equal(ioc.file, "/t/linux/ioctl.h");
	meddle("#define _IOC_NEW 3\n", 5, &pre, &ioc);
	assert_true(ioc.found);
	/* before `after` (0: none) the encoding is the kernel's */
	meddle("#define _IO(t,n) _IOC(0,(t),(n),1)\n", 0, &pre, &ioc);
	assert_false(ioc.found);
	assert_true(uabi_cpp__is_ioc_name("_IOC_TYPECHECK", 14));
	assert_true(uabi_cpp__is_ioc_name("_IOWR_BAD", 9));
	assert_true(uabi_cpp__is_ioc_name("IOC_INOUT", 9));
	assert_false(uabi_cpp__is_ioc_name("_IOX", 4));
	assert_false(uabi_cpp__is_ioc_name("FS_IOC_GETFLAGS", 15));
}

static void test_check_entries(void **state)
{
	static const char *const vg[] = { "_V_H" }, *const rg[] = { "_R_H" },
		*const ng[] = { "N_SET", "N_GET" }, *const og[] = { "_O_H" };
	/* sorted by file */
	struct uabi_cpp_need needs[] = {
		{ .file = "/t/n.h", .names = ng, .nnames = 2 },
		{ .file = "/t/o.h", .names = og, .nnames = 1 },
		{ .file = "/t/r.h", .names = rg, .nnames = 1 },
		{ .file = "/t/v.h", .names = vg, .nnames = 1 },
	};
	const char *text =
		"# 1 \"/w/macros.c\"\n"
		/* e.h defines v.h's guard before v.h is included */
		"# 1 \"/t/e.h\" 1\n"
		"#define _V_H\n"
		"# 2 \"/w/macros.c\" 2\n"
		"# 1 \"/t/v.h\" 1\n"
		"# 3 \"/w/macros.c\" 2\n"
		/* r.h includes itself through s.h: the second entry is empty */
		"# 1 \"/t/r.h\" 1\n"
		"#define _R_H\n"
		"# 1 \"/t/s.h\" 1\n"
		"# 1 \"/t/r.h\" 1\n"
		"# 2 \"/t/s.h\" 2\n"
		"# 3 \"/t/r.h\" 2\n"
		"# 4 \"/w/macros.c\" 2\n"
		/* n.h (no guard) defines one of its two names, through m.h */
		"# 1 \"/t/n.h\" 1\n"
		"# 1 \"/t/m.h\" 1\n"
		"#define N_SET 1\n"
		"# 2 \"/t/n.h\" 2\n"
		"# 5 \"/w/macros.c\" 2\n";

	(void)state;
	assert_int_equal(uabi_cpp__check_entries(text, needs, 4), 0);
	assert_true(needs[0].entered);
	assert_false(needs[0].ok);	/* N_GET missing */
	assert_false(needs[1].entered);
	assert_false(needs[1].ok);	/* never entered */
	assert_true(needs[2].ok);	/* its first entry defines _R_H */
	assert_true(needs[3].entered);
	assert_false(needs[3].ok);	/* taken over */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_includes_clang),
		cmocka_unit_test(test_includes_gcc),
		cmocka_unit_test(test_includes_none),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_self_reference),
		cmocka_unit_test(test_expansion_budget),
		cmocka_unit_test(test_find_reserved),
		cmocka_unit_test(test_pragma_leak),
		cmocka_unit_test(test_macro_reach_bound),
		cmocka_unit_test(test_sizeof_operand),
		cmocka_unit_test(test_next_ident),
		cmocka_unit_test(test_meddling),
		cmocka_unit_test(test_meddling_words),
		cmocka_unit_test(test_check_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
