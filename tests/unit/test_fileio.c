// SPDX-License-Identifier: MIT
/*
 * Unit tests of output paths and staged directories (core/fileio.c): what
 * each kind of path becomes after a write (type, inode, mode, symlink,
 * device numbers, content), the exact messages of refusals, and that no
 * temp file or stage directory is ever left behind. And the reading of
 * input trees: the bounded read below a root, the directory walk.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/fileio.h"
#include "testfs.h"

static char tmpdir[PATH_MAX];
static char olddir[PATH_MAX];

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/uabi-test-fileio-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir) || !getcwd(olddir, sizeof(olddir)) || chdir(tmpdir))
		return -1;
	umask(022);
	return mkdir("w", 0777);
}

static int teardown(void **state)
{
	(void)state;
	if (chdir(olddir))
		return -1;
	return uabi_file__rmtree(tmpdir);
}

static void put(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
}

static void assert_content(const char *path, const char *want)
{
	char *buf = test_read_text(path);

	assert_string_equal(buf, want);
	free(buf);
}

/* Entries of a directory (dot files included), sorted, joined with ' '. */
static const char *list(const char *dir)
{
	static char out[4096];

	test_list_dir(dir, out, sizeof(out));
	return out;
}

static int write_out(const char *path, const char *text, struct uabi_diag *d)
{
	uabi_diag__clear(d);
	return uabi_file__write_atomic(path, text, strlen(text), d);
}

/* ------------------------------------------------------------------ */
/* uabi_file__write_atomic                                              */
/* ------------------------------------------------------------------ */

static void test_new_file(void **state)
{
	struct uabi_diag d;
	struct stat st;

	(void)state;
	assert_int_equal(write_out("w/new.txt", "one\n", &d), 0);
	assert_content("w/new.txt", "one\n");
	assert_int_equal(stat("w/new.txt", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);	/* 0666 & ~022 */
	assert_string_equal(list("w"), "new.txt");
}

/* A regular file is replaced (a new inode), keeping its mode; another
 * hard link to it keeps the old content. */
static void test_regular_keeps_mode(void **state)
{
	struct uabi_diag d;
	struct stat before, after;

	(void)state;
	put("w/r.txt", "old\n", 0640);
	assert_int_equal(link("w/r.txt", "w/r-link.txt"), 0);
	assert_int_equal(stat("w/r.txt", &before), 0);
	assert_int_equal(write_out("w/r.txt", "new\n", &d), 0);
	assert_int_equal(stat("w/r.txt", &after), 0);
	assert_int_equal(after.st_mode & 07777, 0640);
	assert_true(after.st_ino != before.st_ino);
	assert_content("w/r.txt", "new\n");
	assert_content("w/r-link.txt", "old\n");
	assert_string_equal(list("w"), "r-link.txt r.txt");

	/* a file nobody may write is still an output the user named */
	put("w/ro.txt", "old\n", 0444);
	assert_int_equal(write_out("w/ro.txt", "new\n", &d), 0);
	assert_int_equal(stat("w/ro.txt", &after), 0);
	assert_int_equal(after.st_mode & 07777, 0444);
	assert_content("w/ro.txt", "new\n");
}

/* A symlink stays; the regular file at its end is replaced in its own
 * directory, with its mode. */
static void test_symlink_to_regular(void **state)
{
	struct uabi_diag d;
	struct stat st;
	char buf[PATH_MAX];
	ssize_t n;

	(void)state;
	assert_int_equal(mkdir("w/real", 0777), 0);
	put("w/real/target.txt", "old\n", 0600);
	assert_int_equal(symlink("real/target.txt", "w/hop2"), 0);
	assert_int_equal(symlink("hop2", "w/link"), 0);
	assert_int_equal(write_out("w/link", "through\n", &d), 0);
	assert_int_equal(lstat("w/link", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	n = readlink("w/link", buf, sizeof(buf) - 1);
	assert_int_equal(n, 4);
	buf[n] = '\0';
	assert_string_equal(buf, "hop2");
	assert_int_equal(lstat("w/hop2", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat("w/real/target.txt", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_content("w/real/target.txt", "through\n");
	assert_string_equal(list("w"), "hop2 link real");
	assert_string_equal(list("w/real"), "target.txt");
}

static void test_refusals(void **state)
{
	struct uabi_diag d;
	struct stat st;

	(void)state;
	assert_int_equal(symlink("nothere", "w/dang"), 0);
	assert_int_equal(write_out("w/dang", "x", &d), -ENOENT);
	assert_string_equal(d.msg, "w/dang: cannot write: dangling symlink to 'nothere'");
	assert_int_equal(d.cls, UABI_E_INPUT);
	assert_int_equal(lstat("w/nothere", &st), -1);

	assert_int_equal(mkdir("w/dir", 0777), 0);
	assert_int_equal(write_out("w/dir", "x", &d), -EISDIR);
	assert_string_equal(d.msg, "w/dir: cannot write: Is a directory");
	assert_int_equal(write_out("w/new/", "x", &d), -EISDIR);
	assert_string_equal(d.msg, "w/new/: cannot write: Is a directory");

	assert_int_equal(write_out("w/missing/f.txt", "x", &d), -ENOENT);
	assert_string_equal(d.msg, "w/missing/f.txt: cannot create: No such file or directory");

	assert_int_equal(symlink("dir", "w/dirlink"), 0);
	assert_int_equal(write_out("w/dirlink", "x", &d), -EISDIR);
	assert_string_equal(d.msg, "w/dirlink: cannot write: Is a directory");
	assert_string_equal(list("w"), "dang dir dirlink");
	assert_string_equal(list("w/dir"), "");
}

/* A FIFO (directly or through a symlink) is written through and stays. */
static void test_fifo_written_through(void **state)
{
	const char *paths[] = { "w/fifo", "w/fifolink" };
	struct uabi_diag d;
	struct stat st;
	char buf[64];
	int rd;

	(void)state;
	assert_int_equal(mkfifo("w/fifo", 0600), 0);
	assert_int_equal(symlink("fifo", "w/fifolink"), 0);
	for (int i = 0; i < 2; i++) {
		/* a reader first, so that the writer's open does not block */
		rd = open("w/fifo", O_RDONLY | O_NONBLOCK);
		assert_true(rd >= 0);
		assert_int_equal(write_out(paths[i], "via fifo\n", &d), 0);
		memset(buf, 0, sizeof(buf));
		assert_int_equal(read(rd, buf, sizeof(buf) - 1), 9);
		assert_string_equal(buf, "via fifo\n");
		close(rd);
	}
	assert_int_equal(lstat("w/fifo", &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(lstat("w/fifolink", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(list("w"), "fifo fifolink");
}

/* A character device, directly or through a symlink, is written through:
 * it stays a device with the same numbers. The node is a null device made
 * here (mknod needs CAP_MKNOD); no system path is ever written. */
static void test_device_written_through(void **state)
{
	const char *paths[] = { "w/dev", "w/devlink" };
	struct uabi_diag d;
	struct stat st;
	int err;

	(void)state;
	if (mknod("w/dev", S_IFCHR | 0666, makedev(1, 3)) != 0)
		skip();
	assert_int_equal(chmod("w/dev", 0666), 0);
	assert_int_equal(symlink("dev", "w/devlink"), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(uabi_file__check_output(paths[i], &d), 0);
		err = write_out(paths[i], "discarded\n", &d);
		/* on a nodev mount the device cannot be opened, and stays */
		if (err) {
			assert_int_equal(err, -EACCES);
			assert_true(strstr(d.msg, ": cannot write: Permission denied") != NULL);
		}
	}
	assert_int_equal(lstat("w/dev", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(major(st.st_rdev), 1);
	assert_int_equal(minor(st.st_rdev), 3);
	assert_int_equal(st.st_mode & 07777, 0666);
	assert_int_equal(lstat("w/devlink", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(list("w"), "dev devlink");
}

static void test_stdout(void **state)
{
	struct uabi_diag d;
	int fd, saved;

	(void)state;
	fd = open("w/captured", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	/* stdio's buffer goes first */
	printf("before\n");
	assert_int_equal(write_out("-", "report\n", &d), 0);
	fflush(stdout);
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);
	close(fd);
	assert_content("w/captured", "before\nreport\n");
	assert_string_equal(list("w"), "captured");
	assert_int_equal(uabi_file__check_output("-", &d), 0);
}

static void test_check_output(void **state)
{
	struct uabi_diag d;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__check_output("w/new.txt", &d), 0);
	put("w/old.txt", "x", 0644);
	assert_int_equal(uabi_file__check_output("w/old.txt", &d), 0);
	assert_int_equal(uabi_file__check_output("w/missing/new.txt", &d), -ENOENT);
	assert_string_equal(d.msg, "w/missing/new.txt: cannot create: No such file or directory");
	assert_int_equal(uabi_file__check_output("w/old.txt/new.txt", &d), -ENOTDIR);
	assert_string_equal(d.msg, "w/old.txt/new.txt: cannot write: Not a directory");
	assert_int_equal(uabi_file__check_output("w", &d), -EISDIR);
	assert_string_equal(d.msg, "w: cannot write: Is a directory");
	assert_int_equal(symlink("gone", "w/dang"), 0);
	assert_int_equal(uabi_file__check_output("w/dang", &d), -ENOENT);
	assert_string_equal(d.msg, "w/dang: cannot write: dangling symlink to 'gone'");
	/* judging writes nothing */
	assert_string_equal(list("w"), "dang old.txt");
}

static void test_write_scratch(void **state)
{
	struct uabi_diag d;
	struct stat st;

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__write_scratch("w/s.c", "int x;\n", 7, &d), 0);
	assert_int_equal(uabi_file__write_scratch("w/s.c", "int y;", 6, &d), 0);
	assert_content("w/s.c", "int y;");
	assert_int_equal(stat("w/s.c", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	put("w/t.txt", "target", 0644);
	assert_int_equal(symlink("t.txt", "w/l"), 0);
	assert_int_equal(uabi_file__write_scratch("w/l", "x", 1, &d), -ELOOP);
	assert_content("w/t.txt", "target");
}

/* ------------------------------------------------------------------ */
/* stages                                                               */
/* ------------------------------------------------------------------ */

static void stage_file(struct uabi_stage *s, const char *name, const char *text)
{
	struct uabi_diag d;
	char path[PATH_MAX];

	uabi_diag__clear(&d);
	assert_int_equal(uabi_stage__path(s, name, path, sizeof(path), &d), 0);
	assert_int_equal(write_out(path, text, &d), 0);
}

/* The stage is a hidden directory beside the target (same prefix). */
static void assert_stage_beside(const struct uabi_stage *s, const char *parent, const char *base)
{
	char want[PATH_MAX];
	struct stat st;

	snprintf(want, sizeof(want), "%s/.%s.uabi-stage-", parent, base);
	assert_int_equal(strncmp(s->dir, want, strlen(want)), 0);
	assert_int_equal(strlen(s->dir), strlen(want) + 6);
	assert_int_equal(stat(s->dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
}

/* A new target is the stage, renamed at commit (mode 0777 & ~umask). */
static void test_stage_new_target(void **state)
{
	struct uabi_stage s;
	struct uabi_diag d;
	struct stat st;
	char want[PATH_MAX + 8];

	(void)state;
	uabi_diag__clear(&d);
	assert_int_equal(uabi_stage__open(&s, "w/out/", &d), 0);
	assert_string_equal(s.target, "w/out");
	assert_false(s.existed);
	assert_stage_beside(&s, "w", "out");
	stage_file(&s, "a.json", "A");
	stage_file(&s, "b.json", "B");
	assert_int_equal(stat("w/out", &st), -1);
	assert_int_equal(uabi_stage__commit(&s, &d), 0);
	assert_string_equal(s.dir, "");
	assert_string_equal(list("w"), "out");
	assert_string_equal(list("w/out"), "a.json b.json");
	assert_content("w/out/a.json", "A");
	assert_int_equal(stat("w/out", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);

	/* missing parents: staged in the nearest existing ancestor, made at commit */
	assert_int_equal(uabi_stage__open(&s, "w/x/y/z", &d), 0);
	assert_stage_beside(&s, "w", "z");
	stage_file(&s, "c.json", "C");
	snprintf(want, sizeof(want), "%s out", s.dir + 2);
	assert_string_equal(list("w"), want);	/* only the stage is new */
	uabi_stage__abort(&s);
	assert_string_equal(list("w"), "out");
	assert_int_equal(uabi_stage__open(&s, "w/x/y/z", &d), 0);
	stage_file(&s, "c.json", "C");
	assert_int_equal(uabi_stage__commit(&s, &d), 0);
	assert_content("w/x/y/z/c.json", "C");
	assert_string_equal(list("w"), "out x");
}

/* An existing target: each file replaces its namesake by the output rules;
 * the others stay. */
static void test_stage_existing_target(void **state)
{
	struct uabi_stage s;
	struct uabi_diag d;
	struct stat st;
	char buf[64], real[PATH_MAX];
	int rd;

	(void)state;
	assert_int_equal(mkdir("w/out", 0700), 0);
	assert_int_equal(mkdir("w/elsewhere", 0777), 0);
	put("w/out/keep.txt", "keep", 0644);
	put("w/out/a.json", "old a", 0640);
	put("w/elsewhere/b.json", "old b", 0604);
	assert_int_equal(symlink("../elsewhere/b.json", "w/out/b.json"), 0);
	assert_int_equal(mkfifo("w/out/c.fifo", 0600), 0);
	/* the target through a symlink: staged beside the real directory */
	assert_int_equal(symlink("out", "w/outlink"), 0);

	uabi_diag__clear(&d);
	assert_int_equal(uabi_stage__open(&s, "w/outlink", &d), 0);
	assert_true(s.existed);
	assert_non_null(realpath("w", real));
	assert_stage_beside(&s, real, "out");
	stage_file(&s, "a.json", "new a");
	stage_file(&s, "b.json", "new b");
	stage_file(&s, "c.fifo", "new c");
	stage_file(&s, "d.json", "new d");
	assert_content("w/out/a.json", "old a");
	rd = open("w/out/c.fifo", O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	assert_int_equal(uabi_stage__commit(&s, &d), 0);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(read(rd, buf, sizeof(buf) - 1), 5);
	assert_string_equal(buf, "new c");
	close(rd);

	assert_string_equal(list("w/out"), "a.json b.json c.fifo d.json keep.txt");
	assert_string_equal(list("w"), "elsewhere out outlink");
	assert_content("w/out/keep.txt", "keep");
	assert_content("w/out/a.json", "new a");
	assert_int_equal(stat("w/out/a.json", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(lstat("w/out/b.json", &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_content("w/elsewhere/b.json", "new b");
	assert_int_equal(stat("w/elsewhere/b.json", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0604);
	assert_int_equal(lstat("w/out/c.fifo", &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_content("w/out/d.json", "new d");
	assert_int_equal(stat("w/out/d.json", &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_string_equal(list(tmpdir), "w");
}

/* Abort, and a commit that cannot publish one file: nothing changes. */
static void test_stage_failures(void **state)
{
	struct uabi_stage s;
	struct uabi_diag d;
	char path[PATH_MAX];

	(void)state;
	assert_int_equal(mkdir("w/out", 0777), 0);
	put("w/out/a.json", "old a", 0644);
	assert_int_equal(mkdir("w/out/z.json", 0777), 0);

	uabi_diag__clear(&d);
	assert_int_equal(uabi_stage__open(&s, "w/out", &d), 0);
	stage_file(&s, "a.json", "new a");
	uabi_stage__abort(&s);
	assert_string_equal(s.dir, "");
	uabi_stage__abort(&s);
	assert_string_equal(list("w"), "out");
	assert_content("w/out/a.json", "old a");

	/* z.json is a directory: judged before the first rename */
	assert_int_equal(uabi_stage__open(&s, "w/out", &d), 0);
	stage_file(&s, "a.json", "new a");
	stage_file(&s, "z.json", "new z");
	assert_int_equal(uabi_stage__commit(&s, &d), -EISDIR);
	assert_string_equal(d.msg, "w/out/z.json: cannot write: Is a directory");
	assert_string_equal(s.dir, "");
	assert_string_equal(list("w"), "out");
	assert_string_equal(list("w/out"), "a.json z.json");
	assert_content("w/out/a.json", "old a");
	assert_int_equal(uabi_stage__commit(&s, &d), -EINVAL);
	assert_string_equal(d.msg, "w/out: no open stage");

	/* refusals at open and for names */
	put("w/file", "f", 0644);
	assert_int_equal(uabi_stage__open(&s, "w/file", &d), -ENOTDIR);
	assert_string_equal(d.msg, "w/file: not a directory");
	assert_int_equal(uabi_stage__open(&s, "w/file/sub", &d), -ENOTDIR);
	assert_string_equal(d.msg, "w/file/sub: Not a directory");
	assert_int_equal(symlink("gone", "w/dang"), 0);
	assert_int_equal(uabi_stage__open(&s, "w/dang", &d), -ENOENT);
	assert_string_equal(d.msg, "w/dang: dangling symlink");
	assert_string_equal(s.dir, "");
	assert_int_equal(uabi_stage__open(&s, "w/out", &d), 0);
	assert_int_equal(uabi_stage__path(&s, "a/b", path, sizeof(path), &d), -EINVAL);
	assert_string_equal(d.msg, "w/out: 'a/b': not a file name in the stage");
	assert_int_equal(uabi_stage__path(&s, "..", path, sizeof(path), &d), -EINVAL);
	assert_int_equal(uabi_stage__path(&s, "x.json", path, 8, &d), -ENAMETOOLONG);
	uabi_stage__abort(&s);
	assert_string_equal(list("w"), "dang file out");
}

/* ------------------------------------------------------------------ */
/* input trees: uabi_file__read_under, uabi_file__walk                  */
/* ------------------------------------------------------------------ */

/* A tree in w/t (its realpath into root, PATH_MAX), and outside.h beside it. */
static void make_input_tree(char *root)
{
	assert_int_equal(mkdir("w/t", 0777), 0);
	assert_int_equal(mkdir("w/t/b", 0777), 0);
	assert_int_equal(mkdir("w/t/b/deep", 0777), 0);
	assert_int_equal(mkdir("w/t/a", 0777), 0);
	put("w/t/a/one.h", "one\n", 0644);
	put("w/t/b/two.h", "two\n", 0644);
	put("w/t/b/two.c", "two c\n", 0644);
	put("w/t/b/deep/three.h", "three\n", 0644);
	put("w/outside.h", "secret\n", 0644);
	assert_int_equal(symlink("../../outside.h", "w/t/a/out.h"), 0);
	assert_int_equal(symlink("one.h", "w/t/a/in.h"), 0);
	assert_int_equal(symlink("a", "w/t/linked"), 0);
	assert_int_equal(mkfifo("w/t/a/fifo.h", 0644), 0);
	assert_non_null(realpath("w/t", root));
}

static void test_read_under(void **state)
{
	char root[PATH_MAX], *buf = (char *)1;
	struct uabi_diag d;
	size_t len = 9;

	(void)state;
	make_input_tree(root);
	uabi_diag__clear(&d);
	assert_int_equal(uabi_file__read_under(root, "w/t/a/one.h", "the tree", 1024, &buf, &len, &d), 0);
	assert_string_equal(buf, "one\n");
	assert_int_equal(len, 4);
	free(buf);
	/* a symlink that stays inside is read (a walk skips it, a named file is followed) */
	assert_int_equal(uabi_file__read_under(root, "w/t/a/in.h", "the tree", 1024, &buf, NULL, &d), 0);
	assert_string_equal(buf, "one\n");
	free(buf);
	assert_int_equal(uabi_file__read_under(root, "w/t/a/out.h", "the tree", 1024, &buf, &len, &d),
			 -EPERM);
	assert_string_equal(d.msg, "w/t/a/out.h: resolves outside the tree");
	assert_null(buf);
	assert_int_equal(len, 0);
	/* a FIFO is judged without being opened for reading: no wait */
	assert_int_equal(uabi_file__read_under(root, "w/t/a/fifo.h", "the tree", 1024, &buf, NULL, &d),
			 -EINVAL);
	assert_string_equal(d.msg, "w/t/a/fifo.h: not a regular file");
	assert_int_equal(uabi_file__read_under(root, "w/t/a", "the tree", 1024, &buf, NULL, &d), -EINVAL);
	assert_string_equal(d.msg, "w/t/a: not a regular file");
	assert_int_equal(uabi_file__read_under(root, "w/t/b/two.h", "the tree", 3, &buf, NULL, &d),
			 -EFBIG);
	assert_string_equal(d.msg, "w/t/b/two.h: larger than 0 MiB");
	assert_int_equal(uabi_file__read_under(root, "w/t/none.h", "the tree", 1024, &buf, NULL, &d),
			 -ENOENT);
	assert_string_equal(d.msg, "w/t/none.h: No such file or directory");
}

struct walked {
	char text[1024];
};

static bool want_h(const char *name, void *ctx)
{
	size_t n = strlen(name);

	(void)ctx;
	return n > 2 && !strcmp(name + n - 2, ".h");
}

static int record(const char *rel, void *ctx)
{
	struct walked *w = ctx;
	size_t n = strlen(w->text);

	snprintf(w->text + n, sizeof(w->text) - n, "%s%s", n ? " " : "", rel);
	return strcmp(rel, "b/stop.h") ? 0 : -EINTR;
}

static void test_walk(void **state)
{
	char root[PATH_MAX], path[PATH_MAX], **names;
	struct walked w = { "" };
	struct uabi_diag d;
	uint32_t n;

	(void)state;
	make_input_tree(root);
	uabi_diag__clear(&d);
	/* name order, regular files only: no symlink (to a file, outside, or
	 * to a directory), no FIFO */
	assert_int_equal(uabi_file__walk("w/t", "", true, want_h, record, &w, &d), 0);
	assert_string_equal(w.text, "a/one.h b/deep/three.h b/two.h");
	w.text[0] = '\0';
	assert_int_equal(uabi_file__walk("w/t", "b", false, NULL, record, &w, &d), 0);
	assert_string_equal(w.text, "b/two.c b/two.h");
	/* a missing directory has nothing */
	w.text[0] = '\0';
	assert_int_equal(uabi_file__walk("w/t", "none", true, NULL, record, &w, &d), 0);
	assert_string_equal(w.text, "");
	/* a visit's error ends the walk */
	put("w/t/b/stop.h", "", 0644);
	w.text[0] = '\0';
	assert_int_equal(uabi_file__walk("w/t", "", true, want_h, record, &w, &d), -EINTR);
	assert_string_equal(w.text, "a/one.h b/deep/three.h b/stop.h");
	/* the sorted names of a directory, dot files left out */
	put("w/t/a/.hidden", "", 0644);
	assert_int_equal(uabi_file__list_dir("w/t/a", &names, &n, &d), 0);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "fifo.h");
	assert_string_equal(names[1], "in.h");
	assert_string_equal(names[2], "one.h");
	assert_string_equal(names[3], "out.h");
	uabi_file__free_names(names, n);
	/* a name that would need escaping in a report is refused */
	put("w/t/a/bad\x1b.h", "", 0644);
	assert_int_equal(uabi_file__walk("w/t", "", true, want_h, record, &w, &d), -EINVAL);
	assert_string_equal(d.msg, "w/t/a/bad\\x1b.h: a file name with control or non-UTF-8 bytes");
	assert_int_equal(unlink("w/t/a/bad\x1b.h"), 0);
	/* more than 32 levels below the start are refused, not walked on the
	 * stack: n/ and 33 below it */
	snprintf(path, sizeof(path), "w/t");
	for (int i = 0; i < 34; i++) {
		strcat(path, "/n");
		assert_int_equal(mkdir(path, 0777), 0);
	}
	{
		char want[PATH_MAX + 64];

		snprintf(want, sizeof(want), "%s: directories nested deeper than 32", path);
		w.text[0] = '\0';
		assert_int_equal(uabi_file__walk("w/t", "n", true, want_h, record, &w, &d), -ELOOP);
		assert_string_equal(d.msg, want);
		assert_string_equal(w.text, "");
	}
	/* 32 levels below are walked */
	assert_int_equal(rmdir(path), 0);
	path[strlen(path) - 2] = '\0';
	strcat(path, "/x.h");
	put(path, "", 0644);
	assert_int_equal(uabi_file__walk("w/t", "n", true, want_h, record, &w, &d), 0);
	assert_string_equal(w.text, path + 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regular_keeps_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_to_regular, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_written_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_written_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stdout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_scratch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_new_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_existing_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_under, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
