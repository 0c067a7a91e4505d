// SPDX-License-Identifier: MIT
/*
 * Writers of diff and lint findings (render/drender.c) over a findings
 * list built in memory as `uabi diff` would leave it for four profiles:
 * findings added one profile at a time, one of them suppressed, then
 * merged across profiles by uabi_dlist__merge(). Covered: a finding
 * without a file, one at line 0, one without profiles (an unused
 * suppression), values on a diff rule and on a lint rule, quotes to
 * escape. A scoped diff (no --header): its scope line, lists cut in text,
 * the one-line reports. Exact text and markdown; json byte for byte against the
 * checked-in schemas/examples/findings.json (UABI_UPDATE=1 rewrites it)
 * and by structure; sarif by structure (parsed with jansson).
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

#include "jsontest.h"
#include <jansson.h>

#include "compare/dfind.h"
#include "render/drender.h"

/* ---- the fixture --------------------------------------------------------- */

#define KVM_H "include/uapi/linux/kvm.h"
#define SUPP_REASON "i386 aligns __u64 to 4; \"translated\" by kvm_vm_compat_ioctl"

static const char *const profiles[] = { "x86_64", "i386", "aarch64", "arm" };
#define NPROF 4

static struct uabi_dfinding *add(struct uabi_dlist *l, const char *rule, enum uabi_sev sev,
				 uint32_t order, const char *ioctl, const char *type,
				 const char *member, const char *file, uint32_t line, const char *msg)
{
	struct uabi_dfinding *f = uabi_dlist__add(l, rule, sev, order < NPROF ? profiles[order] : NULL,
						  order, ioctl, type, member, file, line, "%s", msg);

	assert_non_null(f);
	return f;
}

static void values(struct uabi_dfinding *f, uint64_t old, uint64_t new_)
{
	f->has_old = f->has_new = true;
	f->old_value = old;
	f->new_value = new_;
}

/* lints: one value, the new one */
static void new_value(struct uabi_dfinding *f, uint64_t new_)
{
	f->has_new = true;
	f->new_value = new_;
}

/* The list, merged: 8 findings, 2 errors, 2 warnings, 3 notes, 1 suppressed. */
static void build(struct uabi_dlist *l)
{
	struct uabi_diag d;

	uabi_dlist__init(l);
	for (uint32_t p = 0; p < NPROF; p++) {
		add(l, "type-removed", UABI_SEV_NOTE, p, NULL, "struct kvm_old", NULL, NULL, 0,
		    "struct kvm_old: type removed");
		add(l, "member-renamed", UABI_SEV_NOTE, p, NULL, "struct kvm_foo", "flags", KVM_H, 0,
		    "struct kvm_foo: member pad renamed to flags");
		values(add(l, "type-size-changed", UABI_SEV_ERROR, p, "KVM_SET_FOO",
			   "struct kvm_foo", NULL, KVM_H, 120,
			   "struct kvm_foo: size changed from 16 to 24"), 16, 24);
		add(l, "ioctl-added", UABI_SEV_NOTE, p, "KVM_SET_BAZ", NULL, NULL, KVM_H, 1650,
		    "KVM_SET_BAZ: new ioctl");
	}
	/* 32-bit only: same values, so merged */
	values(add(l, "member-offset-changed", UABI_SEV_ERROR, 3, "KVM_SET_FOO", "struct kvm_foo",
		   "bar", KVM_H, 123, "struct kvm_foo: member bar moved from offset 4 to 8"), 4, 8);
	values(add(l, "member-offset-changed", UABI_SEV_ERROR, 1, "KVM_SET_FOO", "struct kvm_foo",
		   "bar", KVM_H, 123, "struct kvm_foo: member bar moved from offset 4 to 8"), 4, 8);
	/* lints: one value, the new one */
	for (uint32_t p = 0; p < NPROF; p += 2)
		new_value(add(l, "lint-hole", UABI_SEV_WARNING, p, "KVM_SET_BAZ", "struct kvm_baz",
			      "addr", KVM_H, 140, "struct kvm_baz: 4-byte hole before member addr"),
			  4);
	{
		struct uabi_dfinding *f = add(l, "lint-u64-align", UABI_SEV_WARNING, 1, "KVM_SET_BAZ",
					      "struct kvm_baz", "addr", KVM_H, 141,
					      "struct kvm_baz: member addr at offset 4 is not "
					      "8-byte aligned");

		new_value(f, 4);
		f->suppressed = true;
		f->suppress_reason = SUPP_REASON;
	}
	add(l, "suppression-unused", UABI_SEV_WARNING, NPROF, NULL, NULL, NULL, "uabi.supp", 3,
	    "suppression for rule lint-bool matched nothing");

	uabi_diag__clear(&d);
	assert_int_equal(uabi_dlist__merge(l, &d), 0);
	assert_int_equal(l->n, 8);
}

/* an ABI the run could not judge: every format says so */
static const struct uabi_skip skipped[] = { { "s390", "s390x-linux-gnu-gcc not found" } };

static const struct uabi_dmeta meta_diff = {
	.command = "diff",
	.old_root = "linux-6.1",
	.new_root = "linux-6.2",
	.profiles = profiles,
	.nprofiles = NPROF,
	.skipped = skipped,
	.nskipped = 1,
	.fail_on = UABI_SEV_ERROR,
	.failing = 2,
};

/* ---- helpers ------------------------------------------------------------- */

static char *render(const struct uabi_dlist *l, const struct uabi_dmeta *m, enum uabi_format f)
{
	struct uabi_diag d;
	char *s;

	uabi_diag__clear(&d);
	s = uabi_drender(l, m, f, &d);
	if (!s)
		fail_msg("render %s: %s", uabi_format__str(f), d.msg);
	return s;
}

#define assert_golden(got, want, name) assert_golden_in("test_drender", got, want, name)

static bool null_at(json_t *j, const char *path)
{
	return json_is_null(at(j, path));
}

/* Keys of every object in document order are sorted. */
static void assert_sorted_keys(const char *s)
{
	json_t *j = parse(s);
	char *again = json_dumps(j, JSON_INDENT(1) | JSON_SORT_KEYS);

	assert_non_null(again);
	assert_int_equal(strncmp(again, s, strlen(again)), 0);
	assert_string_equal(s + strlen(again), "\n");
	free(again);
	json_decref(j);
}

/* ---- text ------------------------------------------------------------------ */

static const char want_text[] =
	"uabi: note: [x86_64,i386,aarch64,arm] struct kvm_old: type removed [type-removed]\n"
	"include/uapi/linux/kvm.h: note: [x86_64,i386,aarch64,arm] struct kvm_foo: member pad renamed to flags [member-renamed]\n"
	"include/uapi/linux/kvm.h:120: error: [x86_64,i386,aarch64,arm] struct kvm_foo: size changed from 16 to 24 [type-size-changed]\n"
	"include/uapi/linux/kvm.h:123: error: [i386,arm] struct kvm_foo: member bar moved from offset 4 to 8 [member-offset-changed]\n"
	"include/uapi/linux/kvm.h:140: warning: [x86_64,aarch64] struct kvm_baz: 4-byte hole before member addr [lint-hole]\n"
	"include/uapi/linux/kvm.h:1650: note: [x86_64,i386,aarch64,arm] KVM_SET_BAZ: new ioctl [ioctl-added]\n"
	"uabi.supp:3: warning: suppression for rule lint-bool matched nothing [suppression-unused]\n"
	"uabi diff: 4 ABIs judged: x86_64, i386, aarch64, arm; 1 skipped\n"
	"uabi diff: skipped s390: s390x-linux-gnu-gcc not found\n"
	"uabi diff: 2 errors, 2 warnings, 3 notes (1 suppressed); fail-on error: 2 failing\n";

static const char want_suppressed_line[] =
	"include/uapi/linux/kvm.h:141: warning: [i386] struct kvm_baz: member addr at offset 4 is not "
	"8-byte aligned [lint-u64-align] (suppressed: " SUPP_REASON ")\n";

static void test_text(void **state)
{
	struct uabi_dlist l;
	char *s;

	build(&l);
	s = render(&l, &meta_diff, UABI_FMT_TEXT);
	assert_golden(s, want_text, "text");
	free(s);
	uabi_dlist__free(&l);
}

/* show_suppressed: the suppressed finding in its place, with its reason. */
static void test_text_suppressed(void **state)
{
	struct uabi_dmeta m = meta_diff;
	struct uabi_dlist l;
	char *s, *want, *p;
	size_t at140;

	build(&l);
	m.show_suppressed = true;
	s = render(&l, &m, UABI_FMT_TEXT);
	/* want_text with the line inserted after line 140 */
	p = strstr(want_text, ":1650:");
	assert_non_null(p);
	while (p > want_text && p[-1] != '\n')
		p--;
	at140 = (size_t)(p - want_text);
	want = malloc(sizeof(want_text) + sizeof(want_suppressed_line));
	assert_non_null(want);
	memcpy(want, want_text, at140);
	strcpy(want + at140, want_suppressed_line);
	strcat(want, want_text + at140);
	assert_golden(s, want, "text-suppressed");
	free(want);
	free(s);
	uabi_dlist__free(&l);
}

/* Singular words, lint, fail-on warning and never, the empty list. */
static void test_text_counts(void **state)
{
	struct uabi_dmeta m = {
		.command = "lint", .new_root = "linux-6.2", .profiles = profiles, .nprofiles = 2,
		.fail_on = UABI_SEV_WARNING, .failing = 2,
	};
	struct uabi_dlist l;
	char *s;

	uabi_dlist__init(&l);
	add(&l, "lint-pointer", UABI_SEV_WARNING, 0, "KVM_X", "struct kvm_x", "p", KVM_H, 7,
	    "struct kvm_x: member p is a pointer");
	add(&l, "lint-pointer", UABI_SEV_ERROR, 1, "KVM_X", "struct kvm_x", "q", KVM_H, 8,
	    "struct kvm_x: member q is a pointer");
	add(&l, "lint-bool", UABI_SEV_NOTE, 1, "KVM_X", "struct kvm_x", "b", KVM_H, 9,
	    "struct kvm_x: member b is a _Bool");
	s = render(&l, &m, UABI_FMT_TEXT);
	assert_golden(s,
		      KVM_H ":7: warning: [x86_64] struct kvm_x: member p is a pointer [lint-pointer]\n"
		      KVM_H ":8: error: [i386] struct kvm_x: member q is a pointer [lint-pointer]\n"
		      KVM_H ":9: note: [i386] struct kvm_x: member b is a _Bool [lint-bool]\n"
		      "uabi lint: 2 ABIs judged: x86_64, i386; 0 skipped\n"
		      "uabi lint: 1 error, 1 warning, 1 note (0 suppressed); fail-on warning: 2 failing\n",
		      "text-counts");
	free(s);
	uabi_dlist__free(&l);

	uabi_dlist__init(&l);
	m.fail_never = true;
	m.failing = 0;
	s = render(&l, &m, UABI_FMT_TEXT);
	assert_string_equal(s, "uabi lint: 2 ABIs judged: x86_64, i386; 0 skipped\n"
			       "uabi lint: 0 errors, 0 warnings, 0 notes (0 suppressed); "
			       "fail-on never: 0 failing\n");
	free(s);
	uabi_dlist__free(&l);
}

/* ---- markdown and html ----------------------------------------------------- */

static void test_markdown(void **state)
{
	struct uabi_dlist l;
	char *s;

	build(&l);
	s = render(&l, &meta_diff, UABI_FMT_MARKDOWN);
	assert_int_equal(strncmp(s, "# uabi diff\n\n```text\n", 21), 0);
	assert_int_equal(strncmp(s + 21, want_text, strlen(want_text)), 0);
	assert_string_equal(s + 21 + strlen(want_text), "```\n");
	free(s);
	uabi_dlist__free(&l);

	/* backticks in a message: the fence grows past them */
	uabi_dlist__init(&l);
	add(&l, "lint-bool", UABI_SEV_WARNING, 0, NULL, "struct kvm_x", "b", KVM_H, 9,
	    "struct kvm_x: ```` in a message");
	s = render(&l, &meta_diff, UABI_FMT_MARKDOWN);
	assert_string_equal(s, "# uabi diff\n\n`````text\n"
			       KVM_H ":9: warning: [x86_64] struct kvm_x: ```` in a message [lint-bool]\n"
			       "uabi diff: 4 ABIs judged: x86_64, i386, aarch64, arm; 1 skipped\n"
			       "uabi diff: skipped s390: s390x-linux-gnu-gcc not found\n"
			       "uabi diff: 0 errors, 1 warning, 0 notes (0 suppressed); fail-on error: 2 failing\n"
			       "`````\n");
	free(s);
	uabi_dlist__free(&l);
}

static void test_html_refused(void **state)
{
	struct uabi_dlist l;
	struct uabi_diag d;

	build(&l);
	uabi_diag__clear(&d);
	assert_null(uabi_drender(&l, &meta_diff, UABI_FMT_HTML, &d));
	assert_int_equal(d.cls, UABI_E_INPUT);
	assert_string_equal(d.msg, "html is not available for diff/lint findings");
	uabi_diag__clear(&d);
	assert_null(uabi_drender(&l, &meta_diff, (enum uabi_format)42, &d));
	assert_int_equal(d.cls, UABI_E_INPUT);
	uabi_dlist__free(&l);
}

/* ---- json ------------------------------------------------------------------ */

static void test_json(void **state)
{
	struct uabi_dlist l;
	char *s;
	json_t *j, *f;

	build(&l);
	s = render(&l, &meta_diff, UABI_FMT_JSON);
	assert_sorted_keys(s);
	j = parse(s);
	assert_int_equal(int_at(j, "schema_version"), 1);
	assert_string_equal(str_at(j, "tool.name"), "uabi");
	assert_string_equal(str_at(j, "tool.version"), "0.1.0");
	assert_string_equal(str_at(j, "command"), "diff");
	assert_string_equal(str_at(j, "old_root"), "linux-6.1");
	assert_string_equal(str_at(j, "new_root"), "linux-6.2");
	assert_int_equal(json_array_size(at(j, "profiles")), 4);
	assert_string_equal(str_at(j, "profiles.3"), "arm");
	assert_string_equal(str_at(j, "fail_on"), "error");
	assert_int_equal(int_at(j, "failing"), 2);
	assert_int_equal(int_at(j, "counts.error"), 2);
	assert_int_equal(int_at(j, "counts.warning"), 2);
	assert_int_equal(int_at(j, "counts.note"), 3);
	assert_int_equal(int_at(j, "counts.suppressed"), 1);
	assert_int_equal(json_array_size(at(j, "findings")), 8);

	f = at(j, "findings.0");	/* no file */
	assert_string_equal(str_at(f, "rule"), "type-removed");
	assert_true(null_at(f, "file"));
	assert_true(null_at(f, "line"));
	assert_true(null_at(f, "ioctl"));
	assert_true(null_at(f, "member"));
	assert_true(null_at(f, "old"));
	assert_true(null_at(f, "new"));
	assert_int_equal(json_array_size(at(f, "profiles")), 4);
	assert_string_equal(str_at(f, "profiles.1"), "i386");

	f = at(j, "findings.1");	/* line 0 */
	assert_string_equal(str_at(f, "file"), KVM_H);
	assert_true(null_at(f, "line"));

	f = at(j, "findings.3");	/* diff rule: both values, two profiles */
	assert_string_equal(str_at(f, "rule"), "member-offset-changed");
	assert_string_equal(str_at(f, "severity"), "error");
	assert_string_equal(str_at(f, "ioctl"), "KVM_SET_FOO");
	assert_string_equal(str_at(f, "type"), "struct kvm_foo");
	assert_string_equal(str_at(f, "member"), "bar");
	assert_int_equal(int_at(f, "old"), 4);
	assert_int_equal(int_at(f, "new"), 8);
	assert_int_equal(int_at(f, "line"), 123);
	assert_int_equal(json_array_size(at(f, "profiles")), 2);
	assert_string_equal(str_at(f, "profiles.0"), "i386");
	assert_string_equal(str_at(f, "profiles.1"), "arm");
	assert_true(json_is_false(at(f, "suppressed")));
	assert_true(null_at(f, "suppress_reason"));

	f = at(j, "findings.4");	/* lint: new value only */
	assert_string_equal(str_at(f, "rule"), "lint-hole");
	assert_true(null_at(f, "old"));
	assert_int_equal(int_at(f, "new"), 4);

	f = at(j, "findings.5");	/* suppressed, listed with its reason */
	assert_string_equal(str_at(f, "rule"), "lint-u64-align");
	assert_true(json_is_true(at(f, "suppressed")));
	assert_string_equal(str_at(f, "suppress_reason"), SUPP_REASON);

	f = at(j, "findings.7");	/* no profile */
	assert_string_equal(str_at(f, "file"), "uabi.supp");
	assert_int_equal(json_array_size(at(f, "profiles")), 0);
	json_decref(j);

	/* the checked-in example is this rendering */
	assert_example_in("test_drender", s, "schemas/examples/findings.json");
	free(s);
	uabi_dlist__free(&l);
}

/* lint: no old root; fail-on never. */
static void test_json_lint(void **state)
{
	struct uabi_dmeta m = {
		.command = "lint", .new_root = "linux-6.2", .profiles = profiles, .nprofiles = NPROF,
		.fail_never = true,
	};
	struct uabi_dlist l;
	char *s;
	json_t *j;

	uabi_dlist__init(&l);
	s = render(&l, &m, UABI_FMT_JSON);
	j = parse(s);
	assert_string_equal(str_at(j, "command"), "lint");
	assert_true(null_at(j, "old_root"));
	assert_string_equal(str_at(j, "fail_on"), "never");
	assert_int_equal(json_array_size(at(j, "findings")), 0);
	json_decref(j);
	free(s);
	uabi_dlist__free(&l);
}

/* ---- sarif ----------------------------------------------------------------- */

static void test_sarif(void **state)
{
	static const char *const rules[] = {
		"ioctl-added", "lint-hole", "lint-u64-align", "member-offset-changed",
		"member-renamed", "suppression-unused", "type-removed", "type-size-changed",
	};
	struct uabi_dlist l;
	char *s, *again;
	json_t *j, *run, *res, *r;

	build(&l);
	s = render(&l, &meta_diff, UABI_FMT_SARIF);
	assert_sorted_keys(s);
	j = parse(s);
	assert_string_equal(str_at(j, "version"), "2.1.0");
	assert_string_equal(str_at(j, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	assert_int_equal(json_array_size(at(j, "runs")), 1);
	run = at(j, "runs.0");
	assert_string_equal(str_at(run, "tool.driver.name"), "uabi");
	assert_string_equal(str_at(run, "tool.driver.version"), "0.1.0");
	/* the skipped ABI: a tool notification and a property */
	assert_true(json_is_true(at(run, "invocations.0.executionSuccessful")));
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.0.message.text"),
			    "s390: skipped (not judged): s390x-linux-gnu-gcc not found");
	assert_string_equal(str_at(run, "invocations.0.toolExecutionNotifications.0.level"), "warning");
	assert_string_equal(str_at(run, "properties.skipped.0.profile"), "s390");
	assert_string_equal(str_at(run, "properties.skipped.0.reason"), "s390x-linux-gnu-gcc not found");

	/* one rule per distinct id, sorted; suppressed findings' rules too */
	assert_int_equal(json_array_size(at(run, "tool.driver.rules")), 8);
	for (size_t i = 0; i < 8; i++) {
		char p[64];

		snprintf(p, sizeof(p), "tool.driver.rules.%zu.id", i);
		assert_string_equal(str_at(run, p), rules[i]);
	}
	assert_string_equal(str_at(run, "tool.driver.rules.3.name"), "MemberOffsetChanged");
	assert_string_equal(str_at(run, "tool.driver.rules.3.shortDescription.text"),
			    "A member moved");
	assert_string_equal(str_at(run, "tool.driver.rules.3.defaultConfiguration.level"), "error");
	assert_string_equal(str_at(run, "tool.driver.rules.1.defaultConfiguration.level"),
			    "warning");

	/* every finding, in list order */
	res = at(run, "results");
	assert_int_equal(json_array_size(res), 8);
	for (size_t i = 0; i < 8; i++) {
		json_t *x = json_array_get(res, i);
		const char *id = str_at(x, "ruleId");
		json_int_t k = int_at(x, "ruleIndex");

		assert_true(k >= 0 && k < 8);
		assert_string_equal(rules[k], id);
		/* fingerprints differ between findings */
		for (size_t m = 0; m < i; m++)
			assert_string_not_equal(
				str_at(json_array_get(res, m), "partialFingerprints.uabiFinding/v1"),
				str_at(x, "partialFingerprints.uabiFinding/v1"));
		/* only the suppressed one has suppressions */
		assert_int_equal(json_object_get(x, "suppressions") != NULL, i == 5);
	}

	r = at(res, "0");	/* no file: no physical location, a logical one */
	assert_string_equal(str_at(r, "level"), "note");
	assert_null(json_object_get(at(r, "locations.0"), "physicalLocation"));
	assert_string_equal(str_at(r, "locations.0.logicalLocations.0.name"), "struct kvm_old");
	assert_string_equal(str_at(r, "locations.0.logicalLocations.0.kind"), "type");

	r = at(res, "1");	/* line 0: a file, no region */
	assert_string_equal(str_at(r, "locations.0.physicalLocation.artifactLocation.uri"), KVM_H);
	assert_null(json_object_get(at(r, "locations.0.physicalLocation"), "region"));

	r = at(res, "3");
	assert_string_equal(str_at(r, "ruleId"), "member-offset-changed");
	assert_int_equal(int_at(r, "ruleIndex"), 3);
	assert_string_equal(str_at(r, "level"), "error");
	assert_string_equal(str_at(r, "message.text"),
			    "[i386,arm] struct kvm_foo: member bar moved from offset 4 to 8");
	assert_string_equal(str_at(r, "locations.0.physicalLocation.artifactLocation.uri"), KVM_H);
	assert_int_equal(int_at(r, "locations.0.physicalLocation.region.startLine"), 123);
	assert_string_equal(str_at(r, "locations.0.logicalLocations.0.fullyQualifiedName"),
			    "struct kvm_foo.bar");
	assert_string_equal(str_at(r, "partialFingerprints.uabiFinding/v1"),
			    "member-offset-changed/KVM_SET_FOO/struct kvm_foo/bar/i386,arm");
	assert_string_equal(str_at(r, "properties.profiles.1"), "arm");

	r = at(res, "5");	/* suppressed */
	assert_string_equal(str_at(r, "ruleId"), "lint-u64-align");
	assert_string_equal(str_at(r, "level"), "warning");
	assert_int_equal(json_array_size(at(r, "suppressions")), 1);
	assert_string_equal(str_at(r, "suppressions.0.kind"), "external");
	assert_string_equal(str_at(r, "suppressions.0.justification"), SUPP_REASON);

	r = at(res, "7");	/* no profiles: no brackets */
	assert_string_equal(str_at(r, "message.text"),
			    "suppression for rule lint-bool matched nothing");
	assert_string_equal(str_at(r, "locations.0.physicalLocation.artifactLocation.uri"),
			    "uabi.supp");
	assert_null(json_object_get(at(r, "locations.0"), "logicalLocations"));
	assert_string_equal(str_at(r, "partialFingerprints.uabiFinding/v1"),
			    "suppression-unused/////suppression for rule lint-bool matched nothing");

	assert_string_equal(str_at(run, "properties.command"), "diff");
	assert_int_equal(int_at(run, "properties.failing"), 2);
	assert_string_equal(str_at(run, "properties.fail_on"), "error");
	json_decref(j);

	/* the same bytes on a second run */
	again = render(&l, &meta_diff, UABI_FMT_SARIF);
	assert_string_equal(s, again);
	free(again);
	free(s);
	uabi_dlist__free(&l);
}

/* An empty list is still a valid run: no rules, no results. */
static void test_sarif_empty(void **state)
{
	struct uabi_dlist l;
	char *s;
	json_t *j;

	uabi_dlist__init(&l);
	s = render(&l, &meta_diff, UABI_FMT_SARIF);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "runs.0.tool.driver.rules")), 0);
	assert_int_equal(json_array_size(at(j, "runs.0.results")), 0);
	json_decref(j);
	free(s);
	uabi_dlist__free(&l);
}

/* ---- a scoped diff (no --header) ------------------------------------------- */

static const char *const changed1[] = { "include/uapi/linux/shared.h" };
static const char *const judged2[] = { "linux/a.h", "linux/b.h" };

/* The scope line before the ABI line; json and sarif carry the lists. */
static void test_scoped(void **state)
{
	struct uabi_dmeta m = meta_diff;
	struct uabi_dlist l;
	char *s, *want;
	const char *abi;
	json_t *j;

	build(&l);
	m.scoped = true;
	m.changed = changed1;
	m.nchanged = 1;
	m.headers = judged2;
	m.nheaders = 2;
	s = render(&l, &m, UABI_FMT_TEXT);
	abi = strstr(want_text, "uabi diff: 4 ABIs");
	assert_non_null(abi);
	assert_true(asprintf(&want, "%.*suabi diff: 1 uapi file changed (include/uapi/linux/shared.h); "
			     "2 headers judged: linux/a.h, linux/b.h\n%s",
			     (int)(abi - want_text), want_text, abi) > 0);
	assert_golden(s, want, "text-scoped");
	free(want);
	free(s);

	s = render(&l, &m, UABI_FMT_JSON);
	assert_sorted_keys(s);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "scope.changed")), 1);
	assert_string_equal(str_at(j, "scope.changed.0"), "include/uapi/linux/shared.h");
	assert_int_equal(json_array_size(at(j, "scope.headers")), 2);
	assert_string_equal(str_at(j, "scope.headers.1"), "linux/b.h");
	assert_int_equal(json_array_size(at(j, "findings")), 8);
	json_decref(j);
	free(s);

	s = render(&l, &m, UABI_FMT_SARIF);
	j = parse(s);
	assert_string_equal(str_at(j, "runs.0.properties.scope.changed.0"),
			    "include/uapi/linux/shared.h");
	assert_string_equal(str_at(j, "runs.0.properties.scope.headers.0"), "linux/a.h");
	json_decref(j);
	free(s);

	/* not scoped (--header, --all, lint): "scope" is null */
	s = render(&l, &meta_diff, UABI_FMT_JSON);
	j = parse(s);
	assert_true(null_at(j, "scope"));
	json_decref(j);
	free(s);
	uabi_dlist__free(&l);
}

/* Lists longer than 20 end "and N more" in text, whole in json. */
static void test_scoped_long(void **state)
{
	static char names[23][32];
	const char *v[23];
	struct uabi_dmeta m = {
		.command = "diff", .old_root = "a", .new_root = "b", .profiles = profiles,
		.nprofiles = 1, .scoped = true, .changed = changed1, .nchanged = 1,
		.headers = v, .nheaders = 23,
	};
	struct uabi_dlist l;
	char *s, *p;
	json_t *j;

	for (int i = 0; i < 23; i++) {
		snprintf(names[i], sizeof(names[i]), "linux/h%02d.h", i);
		v[i] = names[i];
	}
	uabi_dlist__init(&l);
	s = render(&l, &m, UABI_FMT_TEXT);
	p = strstr(s, "23 headers judged: linux/h00.h, linux/h01.h, ");
	assert_non_null(p);
	assert_non_null(strstr(p, ", linux/h19.h and 3 more\n"));
	assert_null(strstr(s, "linux/h20.h"));
	free(s);
	s = render(&l, &m, UABI_FMT_JSON);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "scope.headers")), 23);
	assert_string_equal(str_at(j, "scope.headers.22"), "linux/h22.h");
	json_decref(j);
	free(s);
	uabi_dlist__free(&l);
}

/* Nothing changed, or nothing to judge: the text is one line; json and
 * sarif the usual document, empty. */
static void test_scoped_nothing(void **state)
{
	struct uabi_dmeta m = {
		.command = "diff", .old_root = "a", .new_root = "b", .fail_on = UABI_SEV_ERROR,
		.scoped = true,
	};
	struct uabi_dlist l;
	char *s;
	json_t *j;

	uabi_dlist__init(&l);
	s = render(&l, &m, UABI_FMT_TEXT);
	assert_string_equal(s, "uabi diff: no uapi header changed\n");
	free(s);
	s = render(&l, &m, UABI_FMT_MARKDOWN);
	assert_string_equal(s, "# uabi diff\n\n```text\nuabi diff: no uapi header changed\n```\n");
	free(s);
	s = render(&l, &m, UABI_FMT_JSON);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "scope.changed")), 0);
	assert_int_equal(json_array_size(at(j, "scope.headers")), 0);
	assert_int_equal(json_array_size(at(j, "profiles")), 0);
	assert_int_equal(json_array_size(at(j, "findings")), 0);
	json_decref(j);
	free(s);
	s = render(&l, &m, UABI_FMT_SARIF);
	j = parse(s);
	assert_int_equal(json_array_size(at(j, "runs.0.properties.scope.changed")), 0);
	assert_int_equal(json_array_size(at(j, "runs.0.results")), 0);
	json_decref(j);
	free(s);

	m.changed = changed1;
	m.nchanged = 1;
	s = render(&l, &m, UABI_FMT_TEXT);
	assert_string_equal(s, "uabi diff: 1 uapi file changed (include/uapi/linux/shared.h); no header "
			       "that defines an ioctl command is among them or includes one of them\n");
	free(s);
	uabi_dlist__free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_suppressed),
		cmocka_unit_test(test_text_counts),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_html_refused),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_lint),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_sarif_empty),
		cmocka_unit_test(test_scoped),
		cmocka_unit_test(test_scoped_long),
		cmocka_unit_test(test_scoped_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
