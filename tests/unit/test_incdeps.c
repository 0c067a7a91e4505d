// SPDX-License-Identifier: MIT
/*
 * Unit tests of extractor/incdeps.c's reading of macros (what the group
 * rule for foreign macros and the incremental extraction compare): the
 * definition hash ignores white space and comments and tells a
 * function-like macro from an object-like one whose body starts with '(',
 * and uabi_incdeps__text_defines lists the names a text #defines, not those
 * in comments, string literals or only #undef'd, across joined lines.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extractor/incdeps.h"

static uint64_t text_of(const char *line)
{
	uint64_t name, text;

	assert_int_equal(uabi_incdeps__def_hash(line, &name, &text), 0);
	assert_true(name == uabi_incdeps__hash("B", 1) || name == uabi_incdeps__hash("V", 1));
	assert_true(text != 0);
	return text;
}

static void test_def_hash(void **state)
{
	uint64_t name, text;

	(void)state;
	/* cc -dD's spelling and a header's: the same tokens */
	assert_true(text_of("B(x) (1U << (x))") == text_of("B(x)  (1U<<(x)) /* a bit */"));
	/* function-like against object-like with a parenthesised body */
	assert_true(text_of("B(x) (x)") != text_of("B (x) (x)"));
	/* another body, another parameter name */
	assert_true(text_of("B(x) (1U << (x))") != text_of("B(x) (1UL << (x))"));
	assert_true(text_of("B(x) (x)") != text_of("B(y) (y)"));
	/* an empty body (an include guard) and "1" differ */
	assert_true(text_of("V") != text_of("V 1"));
	assert_int_equal(uabi_incdeps__def_hash("  ", &name, &text), -EINVAL);
	assert_int_equal(uabi_incdeps__def_hash("1 x", &name, &text), -EINVAL);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void test_text_defines(void **state)
{
	static const char text[] =
		"#ifndef G\n"
		"#define G\n"
		"  #  define A(x) x \\\n"
		"	+ 1\n"
		"/* #define C 1 */\n"
		"// #define D 1\n"
		"char *s = \"#define E 1\";\n"
		"#undef F\n"
		"#define /* a comment */ H 2\n"
		"x = y; #define I 3\n"
		"#endif\n";
	uint64_t want[] = { uabi_incdeps__hash("G", 1), uabi_incdeps__hash("A", 1),
			    uabi_incdeps__hash("H", 1) };
	uint64_t *names;
	uint32_t n;

	(void)state;
	assert_int_equal(uabi_incdeps__text_defines(text, strlen(text), &names, &n), 0);
	qsort(want, 3, sizeof(*want), cmp_u64);
	assert_int_equal(n, 3);
	for (uint32_t i = 0; i < n; i++)
		assert_true(names[i] == want[i]);
	free(names);
	assert_int_equal(uabi_incdeps__text_defines("", 0, &names, &n), 0);
	assert_int_equal(n, 0);
	free(names);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_def_hash),
		cmocka_unit_test(test_text_defines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
