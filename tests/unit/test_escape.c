// SPDX-License-Identifier: MIT
/*
 * Names taken from inputs (DWARF strings, header text) are printed escaped:
 * uabi_escape() itself, the diagnostic printer, every report format (text,
 * markdown, html, json, sarif; diff/lint text, json, sarif) and the dump
 * writer, on a name holding \xff (not UTF-8) and \x1b (a terminal escape).
 * Exact outputs; json documents are parsed back by Jansson (which refuses
 * invalid UTF-8) and their decoded strings hold no raw byte either.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <jansson.h>

#include "compare/dfind.h"
#include "compare/report.h"
#include "core/diag.h"
#include "core/json.h"
#include "core/model.h"
#include "render/drender.h"
#include "render/render.h"

/* the bad name, and what every format must show for it */
#define BAD "KVM_\xff\x1b[2J"
#define BAD_ESC "KVM_\\xff\\x1b[2J"
#define BAD_JSON "KVM_\\\\xff\\\\x1b[2J"

/* No byte of s is a control (but newline and tab) and s is valid UTF-8. */
static void assert_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f || *p == 0xff)
			fail_msg("raw byte 0x%02x at offset %zu", *p, (size_t)(p - (const unsigned char *)s));
	assert_false(uabi_escape__needed(s, true));
}

static void test_escape(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(uabi_escape(buf, sizeof(buf), BAD, false), BAD_ESC);
	assert_string_equal(uabi_escape(buf, sizeof(buf), "plain ascii", false), "plain ascii");
	/* tab passes, newline only with keep_nl, DEL and C0 escaped */
	assert_string_equal(uabi_escape(buf, sizeof(buf), "a\tb\nc\x7f\x01", false), "a\tb\\x0ac\\x7f\\x01");
	assert_string_equal(uabi_escape(buf, sizeof(buf), "a\nb", true), "a\nb");
	/* valid UTF-8 passes; C1 controls, bidi overrides, overlong forms,
	 * surrogates and truncated sequences do not */
	assert_string_equal(uabi_escape(buf, sizeof(buf), "caf\xc3\xa9 \xe2\x82\xac", false),
			    "caf\xc3\xa9 \xe2\x82\xac");
	assert_string_equal(uabi_escape(buf, sizeof(buf), "\xc2\x9b", false), "\\xc2\\x9b");
	assert_string_equal(uabi_escape(buf, sizeof(buf), "\xe2\x80\xae", false), "\\xe2\\x80\\xae");
	assert_string_equal(uabi_escape(buf, sizeof(buf), "\xc0\xaf", false), "\\xc0\\xaf");
	assert_string_equal(uabi_escape(buf, sizeof(buf), "\xed\xa0\x80", false), "\\xed\\xa0\\x80");
	assert_string_equal(uabi_escape(buf, sizeof(buf), "x\xc3", false), "x\\xc3");
	/* cut at a whole escape, always terminated */
	assert_string_equal(uabi_escape(buf, 7, "ab\xff\xff", false), "ab\\xff");
	assert_string_equal(uabi_escape(buf, 6, "ab\xff", false), "ab");
	assert_true(uabi_escape__needed(BAD, false));
	assert_false(uabi_escape__needed("struct kvm_run", false));
	{
		char *d = uabi_escape_dup(BAD, false);

		assert_string_equal(d, BAD_ESC);
		free(d);
	}
}

/* The one printer of diagnostics: message and every detail line. */
static void test_diag_print(void **state)
{
	struct uabi_diag d;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	uabi_diag__clear(&d);
	uabi_diag__input(&d, EINVAL, "x86_64: struct %s: bad member", BAD);
	uabi_diag__set_detail(&d, "probe.c:1: error: " BAD "\n\tnext \xff line");
	uabi_diag__print(&d, f);
	fclose(f);
	assert_string_equal(text, "uabi: x86_64: struct " BAD_ESC ": bad member\n"
				  "  | probe.c:1: error: " BAD_ESC "\n"
				  "  | \tnext \\xff line\n");
	free(text);
}

/* A report with one ioctl and one finding named by the bad name. */
static struct uabi_finding finding = {
	.kind = UABI_F_OFFSET, .path = "arg." BAD, .native = 8, .compat = 4,
	.native_at = 8, .compat_at = 4, .file = "include/uapi/linux/" BAD ".h", .line = 3,
};
static struct uabi_compat_item item = {
	.name = BAD, .verdict = UABI_V_LAYOUT_DIFFERS, .native_type = UABI_NO_TYPE,
	.compat_type = UABI_NO_TYPE, .findings = &finding, .nfindings = 1, .nfindings_total = 1,
};
static struct uabi_compat_pair pair = {
	.native = "x86_64", .compat = "i386", .arch = "x86", .items = &item, .nitems = 1,
	.counts = { [UABI_V_LAYOUT_DIFFERS] = 1 },
};

static void test_reports(void **state)
{
	static const struct uabi_skip skip = { "s390", "no asm/ headers in " BAD };
	struct uabi_report r;
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_report__build(&r, &pair, 1, NULL, UABI_FAIL_NOT_HANDLED, &d), 0);
	assert_int_equal(uabi_report__add_skipped(&r, &skip, 1, &d), 0);
	for (int f = UABI_FMT_TEXT; f <= UABI_FMT_SARIF; f++) {
		char *s = uabi_render(&r, (enum uabi_format)f, &d);

		assert_non_null(s);
		assert_clean(s);
		/* in json, the backslash of the escape is escaped itself */
		assert_non_null(strstr(s, f == UABI_FMT_JSON || f == UABI_FMT_SARIF ? BAD_JSON : BAD_ESC));
		if (f == UABI_FMT_TEXT) {
			/* exact lines: the item's heading, its finding row, the skip */
			assert_non_null(strstr(s, "\n  " BAD_ESC ": layout-differs, kernel unknown\n"));
			assert_non_null(strstr(s, "    arg." BAD_ESC "  offset       8     4  8 vs 4           "
						  "include/uapi/linux/" BAD_ESC ".h:3\n"));
			assert_non_null(strstr(s, "  skipped:     s390: no asm/ headers in " BAD_ESC "\n"));
		}
		if (f == UABI_FMT_JSON || f == UABI_FMT_SARIF) {
			json_error_t e;
			json_t *j = json_loads(s, 0, &e);

			assert_non_null(j);
			if (f == UABI_FMT_JSON) {
				json_t *n = json_object_get(json_array_get(json_object_get(
					json_array_get(json_object_get(j, "pairs"), 0), "ioctls"), 0), "name");

				/* the decoded value is the escaped text, not the raw bytes */
				assert_string_equal(json_string_value(n), BAD_ESC);
			}
			json_decref(j);
		}
		free(s);
	}
	uabi_report__free(&r);
}

static void test_findings(void **state)
{
	static const char *const profiles[] = { "x86_64" };
	static const struct uabi_skip skip = { "s390", BAD };
	struct uabi_dmeta m = {
		.command = "lint", .new_root = "t", .profiles = profiles, .nprofiles = 1,
		.skipped = &skip, .nskipped = 1, .fail_on = UABI_SEV_WARNING,
	};
	struct uabi_dlist l;
	struct uabi_diag d;
	char *s;

	(void)state;
	uabi_dlist__init(&l);
	assert_non_null(uabi_dlist__add(&l, "lint-hole", UABI_SEV_WARNING, "x86_64", 0, BAD,
					"struct " BAD, "m", "include/uapi/linux/kvm.h", 7,
					"struct %s: 4-byte hole before member m", BAD));
	uabi_diag__clear(&d);
	assert_int_equal(uabi_dlist__merge(&l, &d), 0);
	s = uabi_drender(&l, &m, UABI_FMT_TEXT, &d);
	assert_string_equal(s, "include/uapi/linux/kvm.h:7: warning: [x86_64] struct " BAD_ESC
			       ": 4-byte hole before member m [lint-hole]\n"
			       "uabi lint: 1 ABI judged: x86_64; 1 skipped\n"
			       "uabi lint: skipped s390: " BAD_ESC "\n"
			       "uabi lint: 0 errors, 1 warning, 0 notes (0 suppressed); fail-on warning: 0 failing\n");
	free(s);
	for (int f = UABI_FMT_JSON; f <= UABI_FMT_SARIF; f++) {
		if (f == UABI_FMT_HTML)
			continue;
		s = uabi_drender(&l, &m, (enum uabi_format)f, &d);
		assert_non_null(s);
		assert_clean(s);
		assert_non_null(strstr(s, f == UABI_FMT_MARKDOWN ? BAD_ESC : BAD_JSON));
		free(s);
	}
	uabi_dlist__free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_diag_print),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_findings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
