// SPDX-License-Identifier: MIT
/* The fork server (extractor/forkserver.h) through uabi_spawn__run_out, as
 * the extractor uses it: the same outputs, statuses and limits as
 * posix_spawn, runs counted. Needs clang and build/uabi-forkserver.so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "extractor/forkserver.h"
#include "extractor/spawn.h"
#include "testfs.h"

static char tmpdir[PATH_MAX];

static void put(const char *name, const char *text)
{
	char p[PATH_MAX + 64];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "%s/uabi-fs-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(tmpdir));
	uabi_spawn__set_limits(UABI_SPAWN_TIMEOUT_S, UABI_SPAWN_MEMORY_MIB);
	unsetenv("UABI_FORKSERVER");
	return 0;
}

static int teardown(void **state)
{
	uabi_file__rmtree(tmpdir);
	return 0;
}

/* clang ARGS... with stdout to OUT (under tmpdir) and stderr captured; the
 * return value of uabi_spawn__run_out, d's message in *msg */
static int run(struct uabi_run *r, const char *out, char *const *argv, char *msg, size_t len)
{
	char o[PATH_MAX + 64], e[PATH_MAX + 64];
	struct uabi_diag d;
	int rc;

	snprintf(o, sizeof(o), "%s/%s", tmpdir, out);
	snprintf(e, sizeof(e), "%s/run.err", tmpdir);
	uabi_diag__clear(&d);
	rc = uabi_spawn__run_out(argv, o, e, r, &d);
	if (msg)
		snprintf(msg, len, "%s", d.msg);
	return rc;
}

static char *slurp(const char *name)
{
	char p[PATH_MAX + 64];

	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	return test_read_text(p);
}

/* -E output, status and stderr are the ones posix_spawn gives */
static void t_same_as_spawn(void **state)
{
	char src[PATH_MAX + 64];
	char *argv[] = { "clang", "--target=i386-linux-gnu", "-E", "-dD", "-DX=a b", "-D", "", src, NULL };
	struct uabi_run r;
	unsigned before = uabi_forkserver__runs();
	char *a, *b;

	/* -D "" is an empty argument clang complains of: argv goes as it is */
	put("a.c", "#if __SIZEOF_LONG__ == 4\nlong_is_4 X\n#endif\n");
	snprintf(src, sizeof(src), "%s/a.c", tmpdir);
	assert_int_equal(run(&r, "fs.i", argv, NULL, 0), 0);
	assert_int_equal(uabi_forkserver__runs(), before + 1);
	a = r.err;
	setenv("UABI_FORKSERVER", "0", 1);
	assert_int_equal(run(&r, "spawn.i", argv, NULL, 0), 0);
	unsetenv("UABI_FORKSERVER");
	assert_int_equal(uabi_forkserver__runs(), before + 1);
	assert_string_equal(a, r.err);
	free(a);
	uabi_run__free(&r);
	a = slurp("fs.i");
	b = slurp("spawn.i");
	assert_non_null(strstr(a, "long_is_4 a b"));
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* a failing compile: its exit status and its message */
static void t_status(void **state)
{
	char *argv[] = { "clang", "-E", "/nonexistent/uabi-none.c", NULL };
	struct uabi_run r;

	assert_int_equal(run(&r, "x.i", argv, NULL, 0), 0);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no such file or directory: '/nonexistent/uabi-none.c'"));
	uabi_run__free(&r);
}

/* a relative input is found from uabi's working directory */
static void t_cwd(void **state)
{
	char old[PATH_MAX], *out;
	char *argv[] = { "clang", "-E", "-P", "rel.c", NULL };
	struct uabi_run r;

	put("rel.c", "int relative_input;\n");
	assert_non_null(getcwd(old, sizeof(old)));
	assert_int_equal(chdir(tmpdir), 0);
	assert_int_equal(run(&r, "rel.i", argv, NULL, 0), 0);
	assert_int_equal(chdir(old), 0);
	assert_int_equal(r.status, 0);
	uabi_run__free(&r);
	out = slurp("rel.i");
	assert_non_null(strstr(out, "int relative_input;"));
	free(out);
}

/* a compile that never ends is stopped at --timeout: an #include of a
 * FIFO nobody writes blocks in open() */
static void t_timeout(void **state)
{
	char fifo[PATH_MAX + 64], src[PATH_MAX + 64], msg[256];
	char *argv[] = { "clang", "-E", src, NULL };
	struct uabi_run r;
	time_t t0 = time(NULL);

	snprintf(fifo, sizeof(fifo), "%s/never", tmpdir);
	snprintf(src, sizeof(src), "%s/fifo.c", tmpdir);
	put("fifo.c", "#include \"never\"\n");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	uabi_spawn__set_limits(1, UABI_SPAWN_MEMORY_MIB);
	assert_int_equal(run(&r, "t.i", argv, msg, sizeof(msg)), -ETIMEDOUT);
	assert_int_equal(r.limit, -ETIMEDOUT);	/* what run_tool tells a limit by */
	uabi_spawn__set_limits(UABI_SPAWN_TIMEOUT_S, UABI_SPAWN_MEMORY_MIB);
	assert_string_equal(msg, "clang: stopped after the 1 s time limit (--timeout)");
	assert_true(time(NULL) - t0 < 15);
}

/* the working directory goes to the child as a descriptor, not a path: a
 * directory whose path no longer leads to it (removed here; a parent
 * without search permission does the same) is the child's too, as with
 * posix_spawn, and the run is forked */
static void t_cwd_gone(void **state)
{
	char old[PATH_MAX], gone[PATH_MAX + 64], src[PATH_MAX + 64], *a, *b;
	char *argv[] = { "clang", "-E", "-P", src, NULL };
	unsigned before = uabi_forkserver__runs();
	struct uabi_run r;

	put("g.c", "int gone_cwd;\n");
	snprintf(src, sizeof(src), "%s/g.c", tmpdir);
	snprintf(gone, sizeof(gone), "%s/gone", tmpdir);
	assert_non_null(getcwd(old, sizeof(old)));
	assert_int_equal(mkdir(gone, 0700), 0);
	assert_int_equal(chdir(gone), 0);
	assert_int_equal(rmdir(gone), 0);
	assert_int_equal(run(&r, "g-fs.i", argv, NULL, 0), 0);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	uabi_run__free(&r);
	assert_int_equal(uabi_forkserver__runs(), before + 1);
	setenv("UABI_FORKSERVER", "0", 1);
	assert_int_equal(run(&r, "g-spawn.i", argv, NULL, 0), 0);
	unsetenv("UABI_FORKSERVER");
	assert_int_equal(chdir(old), 0);
	assert_int_equal(r.status, 0);
	uabi_run__free(&r);
	a = slurp("g-fs.i");
	b = slurp("g-spawn.i");
	assert_string_equal(a, "int gone_cwd;\n");
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* a memory limit below what clang maps: stopped as the memory limit, and
 * said so in run->limit; ENOMEM of uabi's own would leave it 0 */
static void t_memory(void **state)
{
	char *argv[] = { "clang", "--version", NULL };
	char msg[256];
	struct uabi_run r;

	uabi_spawn__set_limits(UABI_SPAWN_TIMEOUT_S, 1);
	assert_int_equal(run(&r, "m.out", argv, msg, sizeof(msg)), -ENOMEM);
	uabi_spawn__set_limits(UABI_SPAWN_TIMEOUT_S, UABI_SPAWN_MEMORY_MIB);
	assert_string_equal(msg, "clang: stopped at the 1 MiB memory limit (--memory-limit)");
	assert_int_equal(r.limit, -ENOMEM);
	assert_int_equal(run(&r, "m2.out", argv, NULL, 0), 0);
	assert_int_equal(r.limit, 0);
	uabi_run__free(&r);
}

/* an output file that cannot be created: nothing runs, errno's message */
static void t_bad_output(void **state)
{
	char *argv[] = { "clang", "--version", NULL };
	char msg[256];
	struct uabi_run r;

	assert_int_equal(run(&r, "no/such/dir/out", argv, msg, sizeof(msg)), -ENOENT);
	assert_string_equal(msg, "clang: cannot run: No such file or directory");
}

/* a forked process makes its own connection; both are served */
static void t_fork(void **state)
{
	char *argv[] = { "clang", "--version", NULL };
	struct uabi_run r;
	unsigned before;
	pid_t pid;
	int st;

	assert_int_equal(run(&r, "p1", argv, NULL, 0), 0);
	uabi_run__free(&r);
	before = uabi_forkserver__runs();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int rc = run(&r, "child", argv, NULL, 0);

		_exit(rc == 0 && r.status == 0 && uabi_forkserver__runs() == before + 1 ? 0 : 1);
	}
	assert_int_equal(run(&r, "p2", argv, NULL, 0), 0);
	assert_int_equal(r.status, 0);
	uabi_run__free(&r);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_int_equal(uabi_forkserver__runs(), before + 1);
	{
		char *a = slurp("child"), *b = slurp("p2");

		assert_non_null(strstr(a, "clang version"));
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

/* a signal uabi's parent ignored is at its default in a posix_spawn'ed
 * program, as in a fork server's child (which sets every one): SIGXFSZ
 * ignored would let a compile write on past the file-size limit (EFBIG)
 * instead of ending there. The mask is the kernel's SigIgn line. */
static void t_signals_default(void **state)
{
	char *argv[] = { "grep", "^SigIgn:", "/proc/self/status", NULL };
	struct uabi_run r;
	char *out;

	signal(SIGXFSZ, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	assert_int_equal(run(&r, "status", argv, NULL, 0), 0);
	signal(SIGXFSZ, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	assert_int_equal(r.status, 0);
	uabi_run__free(&r);
	out = slurp("status");
	assert_int_equal(strncmp(out, "SigIgn:\t", 8), 0);
	/* bit N-1 is signal N; glibc's own (32, 33) are not ours to set */
	assert_int_equal(strtoull(out + 8, NULL, 16) & ((1ull << (SIGXFSZ - 1)) | (1ull << (SIGUSR1 - 1))), 0);
	free(out);
}

/* programs other than clang are posix_spawn'ed */
static void t_not_served(void **state)
{
	char *argv[] = { "true", NULL };
	unsigned before = uabi_forkserver__runs();
	struct uabi_run r;

	assert_int_equal(run(&r, "true.out", argv, NULL, 0), 0);
	assert_int_equal(r.status, 0);
	uabi_run__free(&r);
	assert_int_equal(uabi_forkserver__runs(), before);
}

/* a process killed during a compile (a pool worker, kill -9): its compile
 * ends within the second, not when it would have. The compile waits in
 * open() on a FIFO; opening the write end without blocking fails with
 * ENXIO when no reader is left (one probe: a writer would wake it). */
static void t_client_dies(void **state)
{
	char fifo[PATH_MAX + 64], src[PATH_MAX + 64];
	char *argv[] = { "clang", "-E", src, NULL };
	struct timespec ts = { 1, 0 };
	struct uabi_run r;
	pid_t worker;
	int st, fd;

	snprintf(fifo, sizeof(fifo), "%s/never3", tmpdir);
	snprintf(src, sizeof(src), "%s/fifo3.c", tmpdir);
	put("fifo3.c", "#include \"never3\"\n");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	worker = fork();
	assert_true(worker >= 0);
	if (worker == 0) {
		run(&r, "w.i", argv, NULL, 0);
		_exit(0);
	}
	nanosleep(&ts, NULL);	/* the compile is in open() */
	assert_int_equal(kill(worker, SIGKILL), 0);
	assert_int_equal(waitpid(worker, &st, 0), worker);
	nanosleep(&ts, NULL);
	fd = open(fifo, O_WRONLY | O_NONBLOCK);
	if (fd >= 0)
		close(fd);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, ENXIO);
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the server (a child of this process running clang) SIGKILLed 1 s into a
 * compile that never ends: the run goes on by posix_spawn, within the same
 * 2 s limit, not 2 s more. Last: this process has no server after it. */
static void t_server_dies(void **state)
{
	char fifo[PATH_MAX + 64], src[PATH_MAX + 64], msg[256];
	char *argv[] = { "clang", "-E", src, NULL };
	char *ver[] = { "clang", "--version", NULL };
	pid_t parent = getpid(), killer;
	struct uabi_run r;
	long long t0;
	int st;

	assert_int_equal(run(&r, "v", ver, NULL, 0), 0);	/* the server runs */
	uabi_run__free(&r);
	snprintf(fifo, sizeof(fifo), "%s/never2", tmpdir);
	snprintf(src, sizeof(src), "%s/fifo2.c", tmpdir);
	put("fifo2.c", "#include \"never2\"\n");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	killer = fork();
	assert_true(killer >= 0);
	if (killer == 0) {
		struct timespec ts = { 1, 0 };
		DIR *dir;
		struct dirent *de;

		nanosleep(&ts, NULL);
		dir = opendir("/proc");
		while (dir && (de = readdir(dir))) {
			char p[300], stat[512] = "";
			FILE *f;
			int ppid = 0;
			char *rp;

			snprintf(p, sizeof(p), "/proc/%s/stat", de->d_name);
			f = fopen(p, "r");
			if (!f)
				continue;
			if (!fgets(stat, sizeof(stat), f))
				stat[0] = '\0';
			fclose(f);
			rp = strrchr(stat, ')');
			if (rp && sscanf(rp + 1, " %*c %d", &ppid) == 1 && ppid == parent &&
			    strstr(stat, "(clang)"))
				kill(atoi(de->d_name), SIGKILL);
		}
		_exit(0);
	}
	uabi_spawn__set_limits(2, UABI_SPAWN_MEMORY_MIB);
	t0 = mono_ms();
	assert_int_equal(run(&r, "t2.i", argv, msg, sizeof(msg)), -ETIMEDOUT);
	t0 = mono_ms() - t0;
	uabi_spawn__set_limits(UABI_SPAWN_TIMEOUT_S, UABI_SPAWN_MEMORY_MIB);
	assert_int_equal(waitpid(killer, &st, 0), killer);
	assert_string_equal(msg, "clang: stopped after the 2 s time limit (--timeout)");
	/* 2 s and the time to start a clang and stop it, not 1 + 2 s */
	assert_in_range(t0, 1900, 2800);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_same_as_spawn), cmocka_unit_test(t_status),
		cmocka_unit_test(t_cwd),	   cmocka_unit_test(t_cwd_gone),
		cmocka_unit_test(t_timeout), cmocka_unit_test(t_memory),
		cmocka_unit_test(t_bad_output),	   cmocka_unit_test(t_fork),
		cmocka_unit_test(t_not_served),	   cmocka_unit_test(t_signals_default),
		cmocka_unit_test(t_client_dies),   cmocka_unit_test(t_server_dies),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
