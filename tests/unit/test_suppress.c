// SPDX-License-Identifier: MIT
/*
 * Unit tests of suppressions (compare/suppress.c): the file format with
 * its exact error messages, matching of findings (before merging, one
 * profile each), and the suppression-unused report.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "compare/suppress.h"

static void parse_ok(const char *text, struct uabi_suppress *s)
{
	struct uabi_diag d;

	uabi_diag__clear(&d);
	if (uabi_suppress__parse(text, "s.txt", s, &d))
		fail_msg("parse: %s", d.msg);
}

static void parse_err(const char *text, const char *msg)
{
	struct uabi_suppress s = { 0 };
	struct uabi_diag d;

	uabi_diag__clear(&d);
	assert_int_equal(uabi_suppress__parse(text, "s.txt", &s, &d), -EINVAL);
	assert_string_equal(d.msg, msg);
	assert_int_equal(d.cls, UABI_E_INPUT);
	uabi_suppress__free(&s);
}

static void test_parse(void **state)
{
	struct uabi_suppress s = { 0 };
	const struct uabi_suppression *e;

	(void)state;
	parse_ok("# accepted findings\n"
		 "\n"
		 "   \t\n"
		 "rule=lint-hole type=\"struct kvm_foo\" member=pad reason=\"explicit in 6.2\"\n"
		 "  rule=lint-pointer\treason=\"say \\\"why\\\" \\\\ here\" # trailing comment\n"
		 "reason=r profile=i386 ioctl=KVM_FOO rule=lint-long#comment\r\n"
		 "rule=x reason=\"a # not a comment\"",
		 &s);
	assert_int_equal(s.n, 4);

	e = &s.v[0];
	assert_string_equal(e->rule, "lint-hole");
	assert_string_equal(e->type, "struct kvm_foo");
	assert_string_equal(e->member, "pad");
	assert_string_equal(e->reason, "explicit in 6.2");
	assert_null(e->ioctl);
	assert_null(e->profile);
	assert_string_equal(e->file, "s.txt");
	assert_int_equal(e->line, 4);
	assert_int_equal(e->used, 0);

	e = &s.v[1];
	assert_string_equal(e->rule, "lint-pointer");
	assert_string_equal(e->reason, "say \"why\" \\ here");
	assert_null(e->type);
	assert_int_equal(e->line, 5);

	e = &s.v[2];
	assert_string_equal(e->rule, "lint-long");
	assert_string_equal(e->profile, "i386");
	assert_string_equal(e->ioctl, "KVM_FOO");
	assert_string_equal(e->reason, "r");
	assert_int_equal(e->line, 6);

	e = &s.v[3];
	assert_string_equal(e->reason, "a # not a comment");
	assert_int_equal(e->line, 7);

	/* a second file appends */
	parse_ok("rule=y reason=z\n", &s);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.v[4].line, 1);
	uabi_suppress__free(&s);

	/* nothing at all is fine */
	parse_ok("", &s);
	parse_ok("# only\n\n", &s);
	assert_int_equal(s.n, 0);
	uabi_suppress__free(&s);
}

static void test_parse_errors(void **state)
{
	(void)state;
	parse_err("rule=lint-hole\n", "s.txt:1: reason missing");
	parse_err("# c\nreason=\"why\" type=x\n", "s.txt:2: rule missing");
	parse_err("rule=lint-hole reason=\"\"\n", "s.txt:1: reason is empty");
	parse_err("rule=lint-hole reason=\n", "s.txt:1: reason is empty");
	parse_err("\n\nrule=a reason=b colour=red\n", "s.txt:3: unknown key 'colour'");
	parse_err("rule=a rule=b reason=c\n", "s.txt:1: duplicate key 'rule'");
	parse_err("rule=a reason=c lint-hole\n", "s.txt:1: missing '=' after 'lint-hole'");
	parse_err("rule=a reason=c type:x\n", "s.txt:1: missing '=' after 'type:x'");
	parse_err("rule=a =b reason=c\n", "s.txt:1: missing key before '='");
	parse_err("rule=a reason=\"open\n", "s.txt:1: unterminated quote");
	parse_err("rule=a reason=\"ends in \\\"", "s.txt:1: unterminated quote");
	parse_err("rule=a reason=\"x\\n\"\n", "s.txt:1: bad escape in quoted value (only \\\" and \\\\)");
	parse_err("rule=a reason=\"x\"y\n", "s.txt:1: missing space after quoted value of 'reason'");
	parse_err("rule=a reason=x\"y\"\n", "s.txt:1: quote inside bare value of 'reason'");
	parse_err("rule= reason=x\n", "s.txt:1: empty value for key 'rule'");
	parse_err("rule=a reason=x member=\"\"\n", "s.txt:1: empty value for key 'member'");
	/* an error after good lines names its own line */
	parse_err("rule=a reason=b\nrule=a reason=b\nrule=a\n", "s.txt:3: reason missing");
}

static void test_read(void **state)
{
	char path[] = "/tmp/uabi-supp-XXXXXX";
	struct uabi_suppress s = { 0 };
	struct uabi_diag d;
	char msg[256];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "rule=a reason=b\nrule=c\n", 23), 23);
	close(fd);
	assert_int_equal(uabi_suppress__read(path, &s, &d), -EINVAL);
	snprintf(msg, sizeof(msg), "%s:2: reason missing", path);
	assert_string_equal(d.msg, msg);
	uabi_suppress__free(&s);

	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "rule=a reason=b\n\0rule=c\n", 24), 24);
	close(fd);
	assert_int_equal(uabi_suppress__read(path, &s, &d), -EINVAL);
	snprintf(msg, sizeof(msg), "%s: contains a NUL byte", path);
	assert_string_equal(d.msg, msg);
	uabi_suppress__free(&s);
	unlink(path);

	assert_true(uabi_suppress__read(path, &s, &d) < 0);
	assert_int_equal(d.cls, UABI_E_INPUT);
	uabi_suppress__free(&s);
}

static void add(struct uabi_dlist *l, const char *rule, const char *profile, uint32_t order,
		const char *ioctl, const char *type, const char *member)
{
	assert_non_null(uabi_dlist__add(l, rule, UABI_SEV_WARNING, profile, order, ioctl, type,
					member, "include/uapi/linux/kvm.h", 10, "%s: %s",
					type ? type : "-", rule));
}

static void test_apply(void **state)
{
	struct uabi_suppress s = { 0 };
	struct uabi_dlist l;
	struct uabi_diag d;
	uint32_t counts[3];

	(void)state;
	uabi_dlist__init(&l);
	add(&l, "lint-hole", "x86_64", 0, NULL, "struct kvm_foo", "pad");		/* 0 */
	add(&l, "lint-hole", "i386", 1, NULL, "struct kvm_foo", "pad");		/* 1 */
	add(&l, "lint-hole", "x86_64", 0, NULL, "struct kvm_foo", "pad2");		/* 2 */
	add(&l, "lint-pointer", "i386", 1, NULL, "struct kvm_foo", "pad");		/* 3 */
	add(&l, "lint-pointer", "x86_64", 0, NULL, "struct kvm_foo", "u.ptr");	/* 4 */
	add(&l, "ioctl-added", "i386", 1, "KVM_FOO", NULL, NULL);			/* 5 */
	add(&l, "lint-enum", "x86_64", 0, NULL, "struct kvm_foo", "mode");		/* 6 */

	parse_ok("rule=lint-hole type=\"struct kvm_foo\" member=pad reason=\"padding kept\"\n"
		 "rule=lint-pointer profile=i386 reason=p32\n"
		 "rule=lint-pointer member=u reason=\"prefix is no match\"\n"
		 "rule=ioctl-added ioctl=KVM_FOO reason=new\n"
		 "rule=lint-hole type=\"struct kvm_bar\" reason=gone\n"
		 "rule=lint-hole type=\"struct kvm_foo\" member=pad profile=i386 reason=again\n"
		 "rule=lint-bool ioctl=KVM_X type=\"struct kvm_foo\" member=on profile=x86_64 reason=never\n",
		 &s);
	uabi_suppress__apply(&s, &l);

	assert_true(l.v[0].suppressed);
	assert_string_equal(l.v[0].suppress_reason, "padding kept");
	/* the first matching entry gives the reason */
	assert_true(l.v[1].suppressed);
	assert_string_equal(l.v[1].suppress_reason, "padding kept");
	assert_false(l.v[2].suppressed);
	assert_null(l.v[2].suppress_reason);
	assert_true(l.v[3].suppressed);
	assert_string_equal(l.v[3].suppress_reason, "p32");
	assert_false(l.v[4].suppressed);
	assert_true(l.v[5].suppressed);
	assert_string_equal(l.v[5].suppress_reason, "new");
	assert_false(l.v[6].suppressed);

	assert_int_equal(s.v[0].used, 2);
	assert_int_equal(s.v[1].used, 1);
	assert_int_equal(s.v[2].used, 0);
	assert_int_equal(s.v[3].used, 1);
	assert_int_equal(s.v[4].used, 0);
	assert_int_equal(s.v[5].used, 1);
	assert_int_equal(s.v[6].used, 0);

	/* the reason outlives the suppressions */
	uabi_suppress__free(&s);
	assert_string_equal(l.v[0].suppress_reason, "padding kept");

	uabi_dlist__counts(&l, counts);
	assert_int_equal(counts[UABI_SEV_WARNING], 3);
	assert_int_equal(uabi_dlist__merge(&l, &d), 0);
	uabi_dlist__free(&l);
}

static void test_unused(void **state)
{
	struct uabi_suppress s = { 0 };
	struct uabi_dlist l;
	const struct uabi_dfinding *f;

	(void)state;
	uabi_dlist__init(&l);
	add(&l, "lint-hole", "x86_64", 0, NULL, "struct kvm_foo", "pad");
	parse_ok("# header\n"
		 "rule=lint-hole type=\"struct kvm_foo\" reason=used\n"
		 "rule=lint-hole type=\"struct kvm_foo\" member=\"x\" reason=unused\n"
		 "\n"
		 "rule=lint-bool ioctl=KVM_X type=\"struct kvm_foo\" member=on profile=i386 reason=r\n",
		 &s);
	uabi_suppress__apply(&s, &l);
	assert_int_equal(uabi_suppress__report_unused(&s, &l), 0);
	assert_int_equal(l.n, 3);

	f = &l.v[1];
	assert_string_equal(f->rule, "suppression-unused");
	assert_int_equal(f->sev, UABI_SEV_WARNING);
	assert_string_equal(f->file, "s.txt");
	assert_int_equal(f->line, 3);
	assert_string_equal(f->message,
			    "suppression for rule lint-hole type struct kvm_foo member x matched nothing");
	assert_null(f->profiles);
	assert_null(f->type);
	assert_false(f->suppressed);

	f = &l.v[2];
	assert_int_equal(f->line, 5);
	assert_string_equal(f->message,
			    "suppression for rule lint-bool ioctl KVM_X type struct kvm_foo member on "
			    "profile i386 matched nothing");

	/* all used: nothing to report */
	uabi_suppress__free(&s);
	parse_ok("rule=lint-hole reason=all\n", &s);
	uabi_suppress__apply(&s, &l);
	assert_int_equal(uabi_suppress__report_unused(&s, &l), 0);
	assert_int_equal(l.n, 3);
	uabi_suppress__free(&s);
	uabi_dlist__free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_unused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
