// SPDX-License-Identifier: MIT
/*
 * uabi-forkserver.so: loaded with LD_PRELOAD into a compiler that uabi
 * starts as a fork server (extractor/forkserver.h says why and when).
 *
 * It defines __libc_start_main, which the program's _start calls once the
 * dynamic loader has mapped and relocated every library and run their
 * constructors: what makes clang's start cost 0.1 s. When UABI_FS_ENV_FD
 * names a socket, the process serves instead of running main: for each
 * connection the client sends over that control socket it forks a server
 * for the connection, which forks one child per request; the child sets
 * the request's limits, files, directory, argv and environment and only
 * then enters glibc's own __libc_start_main, so main runs as in a process
 * of its own. Without the variable nothing changes.
 *
 * The module must not use a sanitizer runtime (it lives in the compiler)
 * and keeps to libc.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proto.h"

typedef int (*main_fn)(int, char **, char **);
typedef int (*start_fn)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *);

extern char **environ;
extern char *program_invocation_name;
extern char *program_invocation_short_name;

/* A request taken apart: pointers into the record. */
struct job {
	const char *cwd, *out, *err;
	char **argv;		/* argc, then NULL */
	char **env;		/* envc, then NULL */
	int argc;
	uint64_t as_bytes, fsize_bytes;
};

static bool send_msg(int fd, uint32_t kind, int32_t pid, int32_t value, int32_t status)
{
	struct uabi_fs_msg m = { UABI_FS_MAGIC, kind, pid, value, status, 0 };

	return send(fd, &m, sizeof(m), MSG_NOSIGNAL) == (ssize_t)sizeof(m);
}

/* The record's strings into j (vectors malloc'd); false if it is malformed. */
static bool parse(char *rec, size_t n, struct job *j)
{
	struct uabi_fs_req q;
	char *p = rec + sizeof(q), *end = rec + n;
	uint32_t nstr;
	char **v;

	if (n < sizeof(q) || end[-1] != '\0')
		return false;
	memcpy(&q, rec, sizeof(q));
	if (q.magic != UABI_FS_MAGIC || q.kind != UABI_FS_RUN || !q.argc || q.argc > n || q.envc > n)
		return false;
	nstr = 3 + q.argc + q.envc;
	v = calloc((size_t)q.argc + q.envc + 2, sizeof(*v));
	if (!v)
		return false;
	for (uint32_t i = 0; i < nstr; i++) {
		char *s = p;

		if (p >= end) {
			free(v);
			return false;
		}
		p += strlen(p) + 1;
		if (i == 0)
			j->cwd = s;
		else if (i == 1)
			j->out = s;
		else if (i == 2)
			j->err = s;
		else if (i < 3 + q.argc)
			v[i - 3] = s;
		else
			v[i - 3 + 1] = s;	/* after argv's NULL */
	}
	if (p != end) {
		free(v);
		return false;
	}
	j->argv = v;
	j->env = v + q.argc + 1;
	j->argc = (int)q.argc;
	j->as_bytes = q.as_bytes;
	j->fsize_bytes = q.fsize_bytes;
	return true;
}

static void set_limit(int res, uint64_t bytes)
{
	struct rlimit r = { (rlim_t)bytes, (rlim_t)bytes };

	setrlimit(res, &r);
}

/* In the new child: become the process the request describes. Returns only
 * when it has (the caller then enters main); _exit(127) otherwise. */
static void become(const struct job *j, int fds[3], int dirfd, pid_t server)
{
	sigset_t none;

	setpgid(0, 0);
	/* the server's end is the child's end: uabi killed, its servers die
	 * (their parents' death), and with them what they started */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != server)
		_exit(127);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int i = 0; i < 3; i++)
		if (dup2(fds[i], i) < 0)
			_exit(127);
	for (int i = 0; i < 3; i++)
		if (fds[i] > 2)
			close(fds[i]);
	set_limit(RLIMIT_CORE, 0);
	if (j->fsize_bytes)
		set_limit(RLIMIT_FSIZE, j->fsize_bytes);
	if (j->as_bytes)
		set_limit(RLIMIT_AS, j->as_bytes);
	if (dirfd >= 0 ? fchdir(dirfd) != 0 : j->cwd[0] && chdir(j->cwd) != 0)
		_exit(127);
	if (dirfd >= 0)
		close(dirfd);
	environ = j->env;
	program_invocation_name = j->argv[0];
	program_invocation_short_name = strrchr(j->argv[0], '/') ? strrchr(j->argv[0], '/') + 1 : j->argv[0];
}

/* The bytes this process maps (/proc/self/statm's first field), or 0. */
static uint64_t mapped(void)
{
	char buf[128];
	int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtoull(buf, NULL, 10) * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* Wait until the child pid has ended (left a zombie), or until the
 * connection did: the client is gone (a pool worker killed) or broke.
 * False then. Without pidfds (Linux before 5.3) true at once: the caller's
 * waitid() waits for the child alone. */
static bool wait_child(int conn, pid_t pid)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);

	while (pfd >= 0) {
		/* the client sends nothing until ENDED: any event on the
		 * connection is its end */
		struct pollfd p[2] = { { pfd, POLLIN, 0 }, { conn, POLLIN, 0 } };

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents) {
			close(pfd);
			return false;
		}
		if (p[0].revents)
			break;
	}
	if (pfd >= 0)
		close(pfd);
	return true;
}

/* Serve one connection, a request at a time. Returns in a child that is to
 * run main with *j; exits when the connection ends. */
static void serve(int conn, struct job *j)
{
	static char rec[UABI_FS_MAX_REQ + 1];
	pid_t self = getpid();

	if (!send_msg(conn, UABI_FS_HELLO, self, UABI_FS_VERSION, 0))
		_exit(0);
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { rec, sizeof(rec) - 1 };
		struct msghdr mh = { 0 };
		struct cmsghdr *cm;
		int fds[3] = { -1, -1, -1 }, err = 0, dirfd = -1, at;
		siginfo_t si;
		ssize_t n;
		pid_t pid;

		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC);
		if (n <= 0)
			_exit(0);
		for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
			    cm->cmsg_len == CMSG_LEN(sizeof(int)))
				memcpy(&dirfd, CMSG_DATA(cm), sizeof(int));
		if (!parse(rec, (size_t)n, j)) {
			if (dirfd >= 0)
				close(dirfd);
			send_msg(conn, UABI_FS_FAILED, 0, EPROTO, 0);
			continue;
		}
		/* the files first, so that an error is the request's; a
		 * relative name is the client's directory's */
		at = dirfd >= 0 ? dirfd : AT_FDCWD;
		fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
		fds[1] = j->out[0] ? openat(at, j->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
				   : open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (fds[0] < 0 || fds[1] < 0)
			err = errno;
		if (!err && (fds[2] = openat(at, j->err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
			err = errno;
		/* a limit below what the process maps already: a program
		 * started under it would not load (posix_spawn's children
		 * fail in the loader then), so none runs */
		if (!err && j->as_bytes && mapped() > j->as_bytes)
			err = ENOMEM;
		pid = err ? -1 : fork();
		if (pid == 0) {
			close(conn);
			become(j, fds, dirfd, self);
			return;
		}
		if (pid < 0 && !err)
			err = errno;
		if (dirfd >= 0)
			close(dirfd);
		for (int i = 0; i < 3; i++)
			if (fds[i] >= 0)
				close(fds[i]);
		free(j->argv);
		j->argv = NULL;
		if (err) {
			send_msg(conn, UABI_FS_FAILED, 0, err, 0);
			continue;
		}
		if (!send_msg(conn, UABI_FS_STARTED, pid, 0, 0)) {
			kill(-pid, SIGKILL);
			waitpid(pid, NULL, 0);
			_exit(0);
		}
		if (!wait_child(conn, pid)) {
			kill(-pid, SIGKILL);
			waitpid(pid, NULL, 0);
			_exit(0);
		}
		/* ended, not reaped: the client stops the group, then says so */
		memset(&si, 0, sizeof(si));
		while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) != 0 && errno == EINTR)
			;
		if (send_msg(conn, UABI_FS_ENDED, pid, si.si_code, si.si_status)) {
			struct uabi_fs_msg m;

			n = recv(conn, &m, sizeof(m), 0);
			if (n <= 0) {
				kill(-pid, SIGKILL);
				waitpid(pid, NULL, 0);
				_exit(0);
			}
		}
		kill(-pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
}

/* The control socket: each record carries one connection (SCM_RIGHTS);
 * a server is forked for it. Returns in a child that is to run main. */
static void control(int ctl, struct job *j)
{
	for (;;) {
		char byte, cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { &byte, 1 };
		struct msghdr mh = { 0 };
		struct cmsghdr *cm;
		int conn = -1;
		pid_t pid;

		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		/* the connections' servers that ended: reaped, so that
		 * their CPU time (and their children's) reaches uabi's */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (recvmsg(ctl, &mh, MSG_CMSG_CLOEXEC) <= 0) {
			/* they all end before this one: none is left to init */
			while (wait(NULL) > 0 || errno == EINTR)
				;
			_exit(0);
		}
		for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
			    cm->cmsg_len == CMSG_LEN(sizeof(int)))
				memcpy(&conn, CMSG_DATA(cm), sizeof(int));
		if (conn < 0)
			continue;
		pid = fork();
		if (pid == 0) {
			close(ctl);
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			serve(conn, j);
			return;
		}
		close(conn);
	}
}

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
		      void (*rtld_fini)(void), void *stack_end)
{
	start_fn real = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");
	const char *v = getenv(UABI_FS_ENV_FD);
	char self[4096], *e;
	struct job j = { 0 };
	const char *exe;
	struct stat st;
	bool same;
	ssize_t n;
	long fd;

	if (!real)
		_exit(127);
	if (!v)
		return real(main, argc, argv, init, fini, rtld_fini, stack_end);
	fd = strtol(v, &e, 10);
	exe = getenv(UABI_FS_ENV_EXE);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0)
		self[n] = '\0';
	same = exe && n > 0 && !strcmp(exe, self);
	/* nothing of uabi's reaches the children: they get the request's
	 * environment, and a program they start gets theirs */
	unsetenv(UABI_FS_ENV_FD);
	unsetenv(UABI_FS_ENV_EXE);
	unsetenv("LD_PRELOAD");
	if (*e || fd < 3 || fd > 1024 || fstat((int)fd, &st) != 0 || !S_ISSOCK(st.st_mode))
		return real(main, argc, argv, init, fini, rtld_fini, stack_end);
	/* another program (a script's interpreter): without the control
	 * socket, so that uabi sees its end at once rather than wait for a
	 * hello while the script, or something it leaves running (a cache
	 * daemon), holds it */
	if (!same) {
		close((int)fd);
		return real(main, argc, argv, init, fini, rtld_fini, stack_end);
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	control((int)fd, &j);
	/* a request's child */
	return real(main, j.argc, j.argv, init, fini, rtld_fini, stack_end);
}
