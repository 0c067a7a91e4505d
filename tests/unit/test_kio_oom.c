// SPDX-License-Identifier: MIT
/*
 * Out of memory in the tree reader (kernel/): every allocation that the
 * read of a small tree, the placement of its commands, the member walk and
 * the cache blob make is failed in turn, one per run; each run must return
 * -ENOMEM (the read: with its one-line message) and leave nothing behind
 * (the ASan build of this test checks the leaks and the accesses), and the
 * run after the last allocation must succeed with the facts of a run that
 * never failed. Linked with --wrap=malloc,calloc,realloc (CMakeLists.txt):
 * the allocations of uabi's own code fail, not the C library's inside.
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

#include "core/fileio.h"
#include "kernel/ioctls.h"
#include "kernel/kio_cache.h"
#include "testfs.h"

/* The allocation to fail, counted from 0 by the wrappers; -1: none. */
static long fail_at = -1, count;
static int failed;

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

static int inject(void)
{
	if (fail_at >= 0 && count++ == fail_at) {
		failed = 1;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t n)
{
	return inject() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return inject() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return inject() ? NULL : __real_realloc(p, n);
}

/* Arm the injection at allocation n (-1: off). */
static void arm(long n)
{
	fail_at = n;
	count = 0;
	failed = 0;
}

static const char *const files[][2] = {
	{ "include/uapi/linux/oom.h", "#define OOM_GET _IOR('o', 1, struct oom_args)\n" },
	{ "Kconfig", "config OOM_DRV\n\ttristate \"oom\"\n\tdepends on X86 || ARM64\n" },
	{ "drivers/Makefile", "obj-$(CONFIG_OOM_DRV) += oom/\n" },
	{ "drivers/oom/Makefile", "obj-y += oom.o\n" },
	{ "drivers/oom/oom.c",
	  "#define OOM_LEN(x) ((x)->len)\n"
	  "#define OOM_SET32 _IOW('o', 2, struct oom_args32)\n"
	  "static long oom_get(struct oom_args *a) { return a->taken + OOM_LEN(a); }\n"
	  "static long oom_set(struct oom_args *a) { return a->other; }\n"
	  "static long oom_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\tswitch (cmd) {\n"
	  "\tcase OOM_GET:\n"
	  "\t\treturn oom_get((void __user *)arg);\n"
	  "\tcase OOM_SET:\n"
	  "\t\treturn oom_set((void __user *)arg);\n"
	  "\t}\n"
	  "\treturn -ENOTTY;\n"
	  "}\n"
	  "static long oom_compat(struct file *f, unsigned int cmd, unsigned long arg) {\n"
	  "\treturn cmd == OOM_SET32 ? 0 : oom_ioctl(f, cmd, arg);\n"
	  "}\n"
	  "static const struct file_operations oom_fops = {\n"
	  "\t.unlocked_ioctl = oom_ioctl,\n"
	  "\t.compat_ioctl = oom_compat,\n"
	  "};\n" },
	/* not scanned: its member names are loose */
	{ "drivers/oom/plain.c", "int plain(struct p *x) { return x->loosey; }\n" },
};

static char root[256];

static int make_tree(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(root, sizeof(root), "%s/uabi-kio-oom-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		return -1;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		test_put_file(root, files[i][0], files[i][1]);
	return 0;
}

static int remove_tree(void **state)
{
	(void)state;
	return uabi_file__rmtree(root);
}

/* What the facts say, as one line: the placements and member answers
 * that the runs under injection must reproduce once they succeed. */
static int facts(struct uabi_kio *k, char *out, size_t len)
{
	static const char *const cmds[] = { "OOM_GET", "OOM_SET" };
	static const char *const members[] = { "taken", "other", "len", "loosey" };
	size_t used = 0;
	int err;

	out[0] = '\0';
	for (size_t c = 0; c < 2; c++) {
		struct uabi_kio_place p;

		if ((err = uabi_kio__place(k, cmds[c], "x86", &p)))
			return err;
		used += (size_t)snprintf(out + used, len - used, "%s:%s:%s;", cmds[c],
					 uabi_kio_status__str(p.status), p.why ? p.why : "-");
		for (size_t m = 0; m < 4; m++) {
			struct uabi_kio_member r;

			if ((err = uabi_kio__member_read(k, cmds[c], "x86", members[m], &r)))
				return err;
			used += (size_t)snprintf(out + used, len - used, "%s=%d;", members[m],
						 r.may_read);
		}
	}
	return 0;
}

static void test_read_oom(void **state)
{
	char want[2048], got[2048];
	struct uabi_kio *k = NULL;
	struct uabi_diag d;
	long n;

	(void)state;
	uabi_diag__clear(&d);
	arm(-1);
	assert_int_equal(uabi_kio__read(root, &k, &d), 0);
	assert_int_equal(facts(k, want, sizeof(want)), 0);
	uabi_kio__free(k);
	/* the facts are the ones the rules give (OOM_SET's taken: oom_compat,
	 * which names OOM_SET32, calls oom_ioctl and may pass it another
	 * command) */
	print_message("%s\n", want);
	assert_string_equal(want, "OOM_GET:passed-through:the compat handler falls back to the "
				  "native handler;taken=1;other=0;len=1;loosey=1;"
				  "OOM_SET:handled:named by the compat handler;"
				  "taken=1;other=1;len=1;loosey=1;");

	for (n = 0;; n++) {
		int err;

		uabi_diag__clear(&d);
		k = NULL;
		arm(n);
		err = uabi_kio__read(root, &k, &d);
		if (!failed) {
			assert_int_equal(err, 0);
			break;
		}
		if (err) {
			/* failed where the read allocates: an error, no facts,
			 * one message naming the tree (or the file being read:
			 * strerror(ENOMEM)) */
			assert_int_equal(err, -ENOMEM);
			assert_null(k);
			assert_non_null(strstr(d.msg, root));
			if (!strstr(d.msg, "out of memory") &&
			    !strstr(d.msg, ": Cannot allocate memory"))
				fail_msg("allocation %ld: %s", n, d.msg);
			continue;
		}
		/* the failed allocation was one a fallback covers (a shrink) */
		assert_non_null(k);
		arm(-1);
		assert_int_equal(facts(k, got, sizeof(got)), 0);
		assert_string_equal(got, want);
		uabi_kio__free(k);
	}
	print_message("the read allocates %ld times\n", n);
	assert_true(n > 50);

	/* placements and member walks on good facts, each allocation failed */
	for (n = 0;; n++) {
		int err;

		arm(n);
		err = facts(k, got, sizeof(got));
		if (!failed) {
			assert_int_equal(err, 0);
			assert_string_equal(got, want);
			break;
		}
		assert_int_equal(err, -ENOMEM);
	}
	print_message("the questions allocate %ld times\n", n);

	/* the blob both ways */
	{
		char *blob = NULL, *again = NULL;
		size_t len = 0, len2 = 0;
		struct uabi_kio *l;

		for (n = 0;; n++) {
			arm(n);
			if (!uabi_kio__to_blob(k, &blob, &len) && !failed)
				break;
			assert_true(failed);
			assert_null(blob);
		}
		for (n = 0;; n++) {
			int err;

			l = NULL;
			arm(n);
			err = uabi_kio__from_blob(blob, len, &l);
			if (!failed) {
				assert_int_equal(err, 0);
				break;
			}
			if (!err) {
				/* a fallback covered it (the index's radix sort
				 * without its buffers: qsort) */
				arm(-1);
				assert_int_equal(facts(l, got, sizeof(got)), 0);
				assert_string_equal(got, want);
				uabi_kio__free(l);
				continue;
			}
			assert_int_equal(err, -ENOMEM);
			assert_null(l);
		}
		arm(-1);
		assert_int_equal(facts(l, got, sizeof(got)), 0);
		assert_string_equal(got, want);
		assert_int_equal(uabi_kio__to_blob(l, &again, &len2), 0);
		assert_int_equal(len, len2);
		assert_memory_equal(blob, again, len);
		free(blob);
		free(again);
		uabi_kio__free(l);
	}
	arm(-1);
	uabi_kio__free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_oom),
	};

	return cmocka_run_group_tests_name("kernel reader out of memory", tests, make_tree,
					   remove_tree);
}
