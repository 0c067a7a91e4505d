// SPDX-License-Identifier: MIT
/*
 * uabi_asm__cpp_risk on #pragma lines of `cc -E -dD` text: #pragma pack in
 * its five plain forms (an alignment literal, push, pop; the spellings
 * clang 14 and gcc 12 print for them, blanks as written) is no assembler
 * text risk; every other pragma, and a pack with anything else in it (an
 * identifier label, a macro name, a string, a suffixed or non-power-of-two
 * number, text after the closing parenthesis), still is, at its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extractor/asmtext.h"

/* The -dD text of a header whose line 7 is line, after a marker and
 * a plain define; the risk and where it is said to be. */
static bool risk_of(const char *line, char *file, size_t len, uint32_t *ln)
{
	char cpp[512];

	snprintf(cpp, sizeof(cpp),
		 "# 1 \"<built-in>\" 1\n#define __VERSION__ \"Clang 14\"\n"
		 "# 5 \"include/uapi/asm/p.h\" 2\n#define P_X 1\n\n%s\nstruct p { char a; int b; };\n",
		 line);
	file[0] = '\0';
	*ln = 0;
	return uabi_asm__cpp_risk(cpp, file, len, ln);
}

static void test_pack_allowed(void **state)
{
	static const char *const ok[] = {
		"#pragma pack()",
		"#pragma pack(1)",
		"#pragma pack(2)",
		"#pragma pack(4)",
		"#pragma pack(8)",
		"#pragma pack(16)",
		"#pragma pack(push)",
		"#pragma pack(push, 1)",
		"#pragma pack(push,4)",
		"#pragma pack(pop)",
		"#pragma pack( push , 8 )",
		"#  pragma\tpack (4) ",
		"#pragma pack(2147483648)",
	};
	char file[256];
	uint32_t ln;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		bool r = risk_of(ok[i], file, sizeof(file), &ln);

		if (r)
			fail_msg("\"%s\" is a risk at %s:%u", ok[i], file, ln);
	}
	/* and the text without the pragma is none either */
	assert_false(risk_of("", file, sizeof(file), &ln));
}

static void test_pack_refused(void **state)
{
	static const char *const bad[] = {
		"#pragma pack(3)",
		"#pragma pack(0)",
		"#pragma pack(04)",
		"#pragma pack(0x4)",
		"#pragma pack(4u)",
		"#pragma pack(4.0)",
		"#pragma pack(-4)",
		"#pragma pack(4294967296)",
		"#pragma pack(P_X)",
		"#pragma pack(push, P_X)",
		"#pragma pack(push, uabi_label, 4)",
		"#pragma pack(push, uabi_label)",
		"#pragma pack(pop, 4)",
		"#pragma pack(pop, uabi_label)",
		"#pragma pack(pushy)",
		"#pragma pack(show)",
		"#pragma pack(\"4\")",
		"#pragma pack(4) \"x\"",
		"#pragma pack(4) x",
		"#pragma pack(4",
		"#pragma pack 4",
		"#pragma pack",
		"#pragma packed(4)",
		"#pragma pack(push,)",
		"#pragma pack(, 4)",
		"#pragma comment(lib, \"x\")",
		"#pragma clang section bss=\"x\"",
		"#pragma redefine_extname p_old p_new",
		"#pragma weak p_w",
		"#pragma GCC visibility push(default)",
		"#pragma pragma pack(4)",
		"#pragmapack(4)",
		"#ident \"x\"",
		"#line 9 \"x.h\"",
	};
	char file[256];
	uint32_t ln;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!risk_of(bad[i], file, sizeof(file), &ln))
			fail_msg("\"%s\" is no risk", bad[i]);
		assert_string_equal(file, "include/uapi/asm/p.h");
		assert_int_equal(ln, 7);
	}
}

/* An allowed pack does not hide the risk of a later line. */
static void test_pack_then_string(void **state)
{
	static const char cpp[] =
		"# 1 \"include/uapi/asm/amd_hsmp.h\" 1\n\n\n\n\n\n\n"
		"#pragma pack(4)\n\nstruct h { int a; };\n#define H_S \"s\"\n";
	char file[256] = "";
	uint32_t ln = 0;

	(void)state;
	assert_true(uabi_asm__cpp_risk(cpp, file, sizeof(file), &ln));
	assert_string_equal(file, "include/uapi/asm/amd_hsmp.h");
	assert_int_equal(ln, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_allowed),
		cmocka_unit_test(test_pack_refused),
		cmocka_unit_test(test_pack_then_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
