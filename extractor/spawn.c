// SPDX-License-Identifier: MIT
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/fileio.h"
#include "../core/intr.h"
#include "forkserver.h"

extern char **environ;

static unsigned limit_s = UABI_SPAWN_TIMEOUT_S;
static unsigned long long limit_mib = UABI_SPAWN_MEMORY_MIB;

void uabi_spawn__set_limits(unsigned timeout_s, unsigned long long memory_mib)
{
	limit_s = timeout_s;
	limit_mib = memory_mib;
}

int uabi_spawn__run(char *const argv[], const char *errfile, struct uabi_run *run,
		    struct uabi_diag *d)
{
	return uabi_spawn__run_out(argv, NULL, errfile, run, d);
}

/* environ with TMPDIR set to the directory of errfile (malloc'd array, the
 * strings borrowed but for the new TMPDIR entry, which is *own) */
static char **child_env(const char *errfile, char **own)
{
	const char *slash = strrchr(errfile, '/');
	size_t n = 0, k = 0;
	char **env;

	*own = NULL;
	if (!slash || slash == errfile)
		return NULL;
	while (environ[n])
		n++;
	env = malloc((n + 2) * sizeof(*env));
	*own = malloc((size_t)(slash - errfile) + 8);
	if (!env || !*own) {
		free(env);
		free(*own);
		*own = NULL;
		return NULL;
	}
	sprintf(*own, "TMPDIR=%.*s", (int)(slash - errfile), errfile);
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "TMPDIR=", 7))
			env[k++] = environ[i];
	env[k++] = *own;
	env[k] = NULL;
	return env;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until pid has ended (left a zombie, not reaped), killing its group
 * at deadline (CLOCK_MONOTONIC ms, 0: none) or on an interrupt. *timed_out
 * tells which. */
static void wait_end(pid_t pid, long long deadline, bool *timed_out)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	bool killed = false;

	*timed_out = false;
	for (;;) {
		siginfo_t si;
		long long left = 1000;

		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0) {
			if (si.si_pid == pid)
				break;
		} else if (errno != EINTR) {
			break;
		}
		if (uabi_intr__pending() && !killed) {
			kill(-pid, SIGKILL);
			killed = true;
		}
		if (deadline && !killed) {
			left = deadline - now_ms();
			if (left <= 0) {
				*timed_out = true;
				kill(-pid, SIGKILL);
				killed = true;
				left = 1000;
			}
		}
		if (pfd >= 0) {
			struct pollfd p = { .fd = pfd, .events = POLLIN };

			poll(&p, 1, left > 1000 ? 1000 : (int)left);
		} else {
			/* no pidfd (kernel before 5.3): look every 10 ms */
			struct timespec ts = { 0, (left > 10 ? 10 : left) * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	if (pfd >= 0)
		close(pfd);
}

/* The end of a program that hit the address-space limit, as the programs
 * uabi runs say it, at the start of a line of their stderr. */
static bool hit_memory(const char *err)
{
	for (const char *l = err; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		const char *colon = strchr(l, ':');
		size_t n = strcspn(l, "\n");

		if (!strncmp(l, "LLVM ERROR: out of memory", 25) ||
		    !strncmp(l, "virtual memory exhausted", 24) ||
		    !strncmp(l, "terminate called after throwing an instance of 'std::bad_alloc'", 63))
			return true;
		/* "cc1: out of memory allocating ...", "fatal: Out of memory, ..." */
		if (colon && colon < l + n && !memchr(l, ' ', (size_t)(colon - l)) &&
		    !strncasecmp(colon, ": out of memory", 15))
			return true;
		/* the dynamic loader, before the program ran */
		if (memmem(l, n, "error while loading shared libraries", 36) &&
		    (memmem(l, n, "map", 3) || memmem(l, n, "allocate memory", 15)))
			return true;
	}
	return false;
}

/* The limits through util-linux's prlimit(1), which sets them on itself and
 * then execs the program: no window. NULL when it is not installed. */
static const char *prlimit_tool(void)
{
	static const char *const v[] = { "/usr/bin/prlimit", "/bin/prlimit" };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (access(v[i], X_OK) == 0)
			return v[i];
	return NULL;
}

/* argv[0] on PATH, as execvp would find it, into buf; false if it is not
 * there (then the caller reports ENOENT, as posix_spawnp would). */
static bool find_program(const char *name, char *buf, size_t len)
{
	const char *path = getenv("PATH");

	if (strchr(name, '/')) {
		snprintf(buf, len, "%s", name);
		return access(name, X_OK) == 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		struct stat st;

		snprintf(buf, len, "%.*s%s%s", (int)n, p, n ? "/" : "", name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
			return true;
		if (!e)
			return false;
		p = e;
	}
}

void uabi_spawn__attr_init(posix_spawnattr_t *at)
{
	sigset_t none, def;

	/* every signal at its default, as in a fork server's child: one that
	 * uabi's parent ignored (SIGXFSZ ignored lets a compile write on past
	 * the file-size limit) is not */
	posix_spawnattr_init(at);
	sigemptyset(&none);
	sigfillset(&def);
	posix_spawnattr_setpgroup(at, 0);
	posix_spawnattr_setsigmask(at, &none);
	posix_spawnattr_setsigdefault(at, &def);
	posix_spawnattr_setflags(at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

/* prlimit(2) on a started child: the fallback without prlimit(1). glibc's
 * posix_spawn returns after the exec, so the new program's loader may map
 * its libraries before the limit lands. */
static void set_limits(pid_t pid)
{
	struct rlimit core = { 0, 0 };
	struct rlimit fsize = { (rlim_t)UABI_SPAWN_FSIZE_MIB << 20, (rlim_t)UABI_SPAWN_FSIZE_MIB << 20 };

	prlimit(pid, RLIMIT_CORE, &core, NULL);
	prlimit(pid, RLIMIT_FSIZE, &fsize, NULL);
	if (limit_mib) {
		struct rlimit as = { (rlim_t)(limit_mib << 20), (rlim_t)(limit_mib << 20) };

		prlimit(pid, RLIMIT_AS, &as, NULL);
	}
}

/* The memory limit stopped argv[0] (run->limit says so too). */
static int memory_stop(char *const argv[], struct uabi_run *run, struct uabi_diag *d)
{
	run->limit = -ENOMEM;
	return uabi_diag__toolchain(d, ENOMEM, "%s: stopped at the %llu MiB memory limit (--memory-limit)",
				    argv[0], limit_mib);
}

/* What a child that ran said: run->status and run->err from its wait
 * status st and errfile, or the time limit, the interrupt, the file-size
 * or memory limit as errors. */
static int finish(char *const argv[], int st, bool timed_out, const char *errfile, struct uabi_run *run,
		  struct uabi_diag *d)
{
	size_t len;

	if (uabi_intr__pending())
		return uabi_diag__toolchain(d, EINTR, "%s: interrupted", argv[0]);
	if (timed_out) {
		run->limit = -ETIMEDOUT;
		return uabi_diag__toolchain(d, ETIMEDOUT, "%s: stopped after the %u s time limit (--timeout)",
					    argv[0], limit_s);
	}
	if (WIFEXITED(st))
		run->status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		run->status = 128 + WTERMSIG(st);
	if (uabi_file__read(errfile, &run->err, &len, NULL) != 0) {
		run->err = strdup("");
		if (!run->err)
			return uabi_diag__toolchain(d, ENOMEM, "out of memory");
	}
	/* output that never ends (a macro that explodes in -E) stops at the
	 * file-size limit: SIGXFSZ, or gcc's driver telling of its cc1 */
	if (run->status != 0 &&
	    ((WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ) || strstr(run->err, "File size limit exceeded"))) {
		uabi_run__free(run);
		run->limit = -EFBIG;
		return uabi_diag__toolchain(d, EFBIG, "%s: stopped at the %u MiB file-size limit of its output",
					    argv[0], UABI_SPAWN_FSIZE_MIB);
	}
	/* a program that cannot even start under the limit dies by a signal
	 * before it can say anything (gcc's driver under a few MiB) */
	if (run->status != 0 && limit_mib &&
	    (hit_memory(run->err) ||
	     (WIFSIGNALED(st) && !run->err[0] &&
	      (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS || WTERMSIG(st) == SIGKILL)))) {
		uabi_run__free(run);
		return memory_stop(argv, run, d);
	}
	/* posix_spawnp reports a missing program as exit 127 from the child
	 * on some libcs; glibc returns ENOENT above */
	return 0;
}

int uabi_spawn__run_out(char *const argv[], const char *outfile, const char *errfile,
			struct uabi_run *run, struct uabi_diag *d)
{
	const char *tool = prlimit_tool();
	char prog[PATH_MAX], as[64], fsize[64], **wrapped = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	char **env, *own;
	bool timed_out, found;
	pid_t pid;
	int rc, st = 0;

	/* the time limit is the run's: a fork server that broke during it
	 * leaves the posix_spawn below only what is left of it */
	long long deadline = limit_s ? now_ms() + (long long)limit_s * 1000 : 0;

	run->status = -1;
	run->err = NULL;
	run->limit = 0;
	if (uabi_intr__pending())
		return uabi_diag__toolchain(d, EINTR, "%s: interrupted", argv[0]);
	found = find_program(argv[0], prog, sizeof(prog));
	if (found) {
		/* clang through its fork server (forkserver.h): the same child
		 * without the 0.1 s start */
		struct uabi_fs_limits lim = {
			limit_mib << 20, (unsigned long long)UABI_SPAWN_FSIZE_MIB << 20, deadline,
		};

		env = child_env(errfile, &own);
		rc = uabi_forkserver__run(prog, argv, env ? env : environ, outfile, errfile, &lim, &st,
					  &timed_out);
		free(env);
		free(own);
		if (rc == -EINTR)
			return uabi_diag__toolchain(d, EINTR, "%s: interrupted", argv[0]);
		if (rc == 0)
			return finish(argv, st, timed_out, errfile, run, d);
		if (rc == -ENOMEM)	/* the limit is below what clang maps to start */
			return memory_stop(argv, run, d);
		if (rc != -ENOTSUP)
			return uabi_diag__toolchain(d, -rc, "%s: cannot run: %s", argv[0], strerror(-rc));
		if (uabi_intr__pending())	/* while waiting for the server */
			return uabi_diag__toolchain(d, EINTR, "%s: interrupted", argv[0]);
	}
	if (tool) {
		/* prlimit --as=BYTES --core=0 -- /path/to/program args... */
		size_t n = 0;

		while (argv[n])
			n++;
		if (!found)
			return uabi_diag__toolchain(d, ENOENT, "%s: cannot run: %s", argv[0], strerror(ENOENT));
		wrapped = malloc((n + 7) * sizeof(*wrapped));
		if (!wrapped)
			return uabi_diag__toolchain(d, ENOMEM, "out of memory");
		snprintf(as, sizeof(as), "--as=%llu", limit_mib << 20);
		n = 0;
		wrapped[n++] = (char *)tool;
		if (limit_mib)
			wrapped[n++] = as;
		wrapped[n++] = "--core=0";
		snprintf(fsize, sizeof(fsize), "--fsize=%llu", (unsigned long long)UABI_SPAWN_FSIZE_MIB << 20);
		wrapped[n++] = fsize;
		wrapped[n++] = "--";
		wrapped[n++] = prog;
		for (size_t i = 1; argv[i]; i++)
			wrapped[n++] = argv[i];
		wrapped[n] = NULL;
	}
	env = child_env(errfile, &own);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (outfile)
		posix_spawn_file_actions_addopen(&fa, 1, outfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	uabi_spawn__attr_init(&at);
	/* an interrupt between the start and the registration waits for the
	 * unblock, and then finds the child registered */
	uabi_intr__block();
	rc = posix_spawnp(&pid, wrapped ? wrapped[0] : argv[0], &fa, &at, wrapped ? wrapped : argv,
			  env ? env : environ);
	if (rc == 0) {
		uabi_intr__watch_group(pid);
		if (!wrapped)
			set_limits(pid);
	}
	uabi_intr__unblock();
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	free(own);
	free(wrapped);
	if (rc != 0)
		return uabi_diag__toolchain(d, rc, "%s: cannot run: %s", argv[0], strerror(rc));
	wait_end(pid, deadline, &timed_out);
	/* the driver is a zombie, so its pgid is still its own: stop whatever
	 * it left running, then reap it */
	kill(-pid, SIGKILL);
	uabi_intr__unwatch(pid);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return uabi_diag__toolchain(d, errno, "%s: wait: %s", argv[0], strerror(errno));
	}
	return finish(argv, st, timed_out, errfile, run, d);
}

void uabi_spawn__prestart(const char *name)
{
	char prog[PATH_MAX];

	if (find_program(name, prog, sizeof(prog)))
		uabi_forkserver__prestart(prog);
}

void uabi_run__free(struct uabi_run *run)
{
	free(run->err);
	run->err = NULL;
}

void uabi_spawn__format(char *const argv[], char *buf, size_t len)
{
	size_t pos = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (int i = 0; argv[i] && pos + 1 < len; i++) {
		int n = snprintf(buf + pos, len - pos, "%s%s", i ? " " : "", argv[i]);

		if (n < 0)
			break;
		pos += (size_t)n;
	}
}
