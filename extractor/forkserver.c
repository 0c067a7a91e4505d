// SPDX-License-Identifier: MIT
#include "forkserver.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../core/intr.h"
#include "forkserver/proto.h"
#include "spawn.h"

#ifndef UABI_PKGLIBDIR
#define UABI_PKGLIBDIR "/usr/local/lib/uabi"
#endif
#ifndef UABI_LIBDIR_REL
#define UABI_LIBDIR_REL "lib/uabi"
#endif
#define MODULE "uabi-forkserver.so"
/* how long a server may take to say hello (its start: 0.1 s unloaded) */
#define HELLO_MS 30000

extern char **environ;

/* One program's server as this process sees it. ctl is the control socket
 * (inherited by forked workers); conn is this process's connection, made by
 * conn_pid; a process that finds the server broken stops using it. */
struct server {
	char prog[PATH_MAX];
	pid_t pid;		/* the server, a child of started_by */
	pid_t started_by;
	int ctl;
	int conn;
	pid_t conn_pid;
	pid_t dead_in;		/* the process that gave up on it */
};

#define NSERVERS 4
static struct server servers[NSERVERS];
static unsigned nservers, nruns;
static bool stop_registered;

unsigned uabi_forkserver__runs(void)
{
	return nruns;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool served(const char *prog)
{
	const char *base = strrchr(prog, '/');
	const char *v = getenv("UABI_FORKSERVER");

	base = base ? base + 1 : prog;
	return strncmp(base, "clang", 5) == 0 && !(v && !strcmp(v, "0"));
}

/* The module: next to the running binary (the build tree), in
 * ../LIBDIR/uabi from it (an install, wherever its prefix went), else in
 * the configured library directory. */
static bool module_path(char *buf, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if ((size_t)snprintf(buf, len, "%s/%s", exe, MODULE) < len && access(buf, R_OK) == 0)
				goto found;
			if ((size_t)snprintf(buf, len, "%s/../%s/%s", exe, UABI_LIBDIR_REL, MODULE) < len &&
			    access(buf, R_OK) == 0)
				goto found;
		}
	}
	if ((size_t)snprintf(buf, len, "%s/%s", UABI_PKGLIBDIR, MODULE) >= len || access(buf, R_OK) != 0)
		return false;
found:
	/* LD_PRELOAD splits at spaces and colons */
	return !strpbrk(buf, " :\t\n") && buf[0] == '/';
}

static struct server *find(const char *prog)
{
	for (unsigned i = 0; i < nservers; i++)
		if (!strcmp(servers[i].prog, prog))
			return &servers[i];
	return NULL;
}

static void stop_all(void);

/* Whether path starts as an ELF file does: a script is never started as a
 * server (it would only run once more, as itself). */
static bool is_elf(const char *path)
{
	unsigned char m[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool elf = fd >= 0 && read(fd, m, 4) == 4 && !memcmp(m, "\177ELF", 4);

	if (fd >= 0)
		close(fd);
	return elf;
}

/* posix_spawn prog as a server; its control socket into s->ctl. */
static bool start(struct server *s, const char *prog)
{
	char mod[PATH_MAX], real[PATH_MAX], fdvar[64], *pre, *exevar, **env, *argv[3];
	const char *old = getenv("LD_PRELOAD");
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int sv[2], far, rc;
	size_t n = 0, k = 0;

	if (!module_path(mod, sizeof(mod)) || !realpath(prog, real) || !is_elf(real))
		return false;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		return false;
	/* the server's end at a number above 3: the dup2 onto 3 below then
	 * always clears close-on-exec */
	far = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
	close(sv[1]);
	if (far < 0) {
		close(sv[0]);
		return false;
	}
	while (environ[n])
		n++;
	env = malloc((n + 4) * sizeof(*env));
	pre = malloc(strlen(mod) + (old ? strlen(old) : 0) + 16);
	exevar = malloc(strlen(real) + sizeof(UABI_FS_ENV_EXE) + 2);
	if (!env || !pre || !exevar) {
		free(env);
		free(pre);
		free(exevar);
		close(sv[0]);
		close(far);
		return false;
	}
	sprintf(pre, "LD_PRELOAD=%s%s%s", mod, old && *old ? " " : "", old && *old ? old : "");
	snprintf(fdvar, sizeof(fdvar), "%s=3", UABI_FS_ENV_FD);
	sprintf(exevar, "%s=%s", UABI_FS_ENV_EXE, real);
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LD_PRELOAD=", 11) &&
		    strncmp(environ[i], UABI_FS_ENV_FD "=", sizeof(UABI_FS_ENV_FD)) &&
		    strncmp(environ[i], UABI_FS_ENV_EXE "=", sizeof(UABI_FS_ENV_EXE)))
			env[k++] = environ[i];
	env[k++] = pre;
	env[k++] = fdvar;
	env[k++] = exevar;
	env[k] = NULL;
	/* without the module the program only prints its version */
	argv[0] = (char *)prog;
	argv[1] = "--version";
	argv[2] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, far, 3);
	uabi_spawn__attr_init(&at);
	uabi_intr__block();
	rc = posix_spawn(&s->pid, prog, &fa, &at, argv, env);
	if (rc == 0)
		uabi_intr__watch_group(s->pid);
	uabi_intr__unblock();
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	free(pre);
	free(exevar);
	close(far);
	if (rc != 0) {
		close(sv[0]);
		return false;
	}
	s->ctl = sv[0];
	s->started_by = getpid();
	if (!stop_registered)
		stop_registered = atexit(stop_all) == 0;
	return true;
}

/* At exit of the process that started them: the servers end when their
 * control socket does; reap them (SIGKILL after 2 s) rather than leave
 * them to init. */
static void stop_all(void)
{
	for (unsigned i = 0; i < nservers; i++) {
		struct server *s = &servers[i];
		long long end = now_ms() + 2000;

		if (s->pid <= 0 || s->started_by != getpid())
			continue;
		if (s->conn >= 0)
			close(s->conn);
		if (s->ctl >= 0)
			close(s->ctl);
		s->conn = s->ctl = -1;
		while (waitpid(s->pid, NULL, WNOHANG) == 0) {
			struct timespec ts = { 0, 5 * 1000000L };

			if (now_ms() > end) {
				kill(-s->pid, SIGKILL);
				waitpid(s->pid, NULL, 0);
				break;
			}
			nanosleep(&ts, NULL);
		}
		uabi_intr__unwatch(s->pid);
		s->pid = 0;
	}
}

static struct server *get(const char *prog, bool create)
{
	struct server *s = find(prog);

	if (s || !create || nservers == NSERVERS || strlen(prog) >= sizeof(s->prog))
		return s;
	s = &servers[nservers];
	memset(s, 0, sizeof(*s));
	snprintf(s->prog, sizeof(s->prog), "%s", prog);
	s->ctl = s->conn = -1;
	if (!start(s, prog))
		s->dead_in = getpid();
	nservers++;
	return s;
}

void uabi_forkserver__prestart(const char *prog)
{
	if (served(prog))
		get(prog, true);
}

static void give_up(struct server *s)
{
	if (s->conn >= 0 && s->conn_pid == getpid())
		close(s->conn);
	s->conn = -1;
	s->dead_in = getpid();
}

/* One record from fd into m, waiting until deadline (0: none) and, with
 * intr, for an interrupt; 0, -ETIMEDOUT, -EINTR, or -EPIPE (end, error,
 * malformed). */
static int recv_msg(int fd, struct uabi_fs_msg *m, long long deadline, bool intr)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = deadline ? deadline - now_ms() : 1000;
		ssize_t n;
		int r;

		if (deadline && left <= 0)
			return -ETIMEDOUT;
		r = intr ? uabi_intr__poll(&p, 1, left > 1000 ? 1000 : (int)left)
			 : poll(&p, 1, left > 1000 ? 1000 : (int)left);
		if (r == -EINTR)
			return -EINTR;
		if (r <= 0)
			continue;
		n = recv(fd, m, sizeof(*m), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n != (ssize_t)sizeof(*m) || m->magic != UABI_FS_MAGIC)
			return -EPIPE;
		return 0;
	}
}

/* One record of len bytes from buf on sock with the descriptor fd
 * (SCM_RIGHTS): a connection's end to the server, or a request with this
 * process's working directory (the child enters the directory itself, as
 * a posix_spawn'ed one inherits it: its path may be out of reach, a parent
 * without search permission, a directory removed). */
static bool send_fd(int sock, const char *buf, size_t len, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = { 0 };
	struct cmsghdr *cm;

	memset(cbuf, 0, sizeof(cbuf));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &mh, MSG_NOSIGNAL) == (ssize_t)len;
}

/* This process's connection to s: a new socket pair whose far end goes to
 * the server over the control socket; false once it does not work. */
static bool connect_server(struct server *s)
{
	struct uabi_fs_msg m;
	int sv[2];

	if (s->dead_in == getpid())
		return false;
	if (s->conn_pid == getpid() && s->conn >= 0)
		return true;
	/* a forked worker: the parent's connection is the parent's */
	if (s->conn >= 0)
		close(s->conn);
	s->conn = -1;
	if (s->ctl < 0 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		give_up(s);
		return false;
	}
	if (!send_fd(s->ctl, "c", 1, sv[1])) {
		close(sv[0]);
		close(sv[1]);
		give_up(s);
		return false;
	}
	close(sv[1]);
	s->conn = sv[0];
	s->conn_pid = getpid();
	/* a program that did not take the module ends, and the record dies
	 * with its socket: end of file here */
	if (recv_msg(s->conn, &m, now_ms() + HELLO_MS, true) != 0 || m.kind != UABI_FS_HELLO ||
	    m.value != (int32_t)UABI_FS_VERSION) {
		give_up(s);
		return false;
	}
	return true;
}

static bool add(char *buf, size_t *o, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*o + n > UABI_FS_MAX_REQ)
		return false;
	memcpy(buf + *o, s, n);
	*o += n;
	return true;
}

int uabi_forkserver__run(const char *prog, char *const argv[], char *const env[], const char *outfile,
			 const char *errfile, const struct uabi_fs_limits *lim, int *wstatus,
			 bool *timed_out)
{
	struct uabi_fs_req q = { UABI_FS_MAGIC, UABI_FS_RUN, 0, 0, lim->as_bytes, lim->fsize_bytes };
	struct uabi_fs_msg m;
	struct server *s;
	bool killed = false;
	size_t o = sizeof(q);
	bool fits;
	pid_t pid;
	char *buf;
	int r, dirfd;

	*timed_out = false;
	if (!served(prog) || !(s = get(prog, true)) || !connect_server(s))
		return -ENOTSUP;
	buf = malloc(UABI_FS_MAX_REQ);
	if (!buf)
		return -ENOTSUP;
	while (argv[q.argc])
		q.argc++;
	while (env[q.envc])
		q.envc++;
	memcpy(buf, &q, sizeof(q));
	/* the directory goes as a descriptor (send_fd): no path */
	fits = add(buf, &o, "") && add(buf, &o, outfile ? outfile : "") && add(buf, &o, errfile);

	for (uint32_t i = 0; fits && i < q.argc; i++)
		fits = add(buf, &o, argv[i]);
	for (uint32_t i = 0; fits && i < q.envc; i++)
		fits = add(buf, &o, env[i]);
	dirfd = fits ? open(".", O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
	if (dirfd < 0) {
		free(buf);
		return -ENOTSUP;
	}
	/* an interrupt between the start and the registration waits */
	uabi_intr__block();
	if (uabi_intr__pending() || !send_fd(s->conn, buf, o, dirfd) ||
	    recv_msg(s->conn, &m, now_ms() + HELLO_MS, false) != 0 || (m.kind != UABI_FS_STARTED && m.kind != UABI_FS_FAILED)) {
		uabi_intr__unblock();
		free(buf);
		close(dirfd);
		give_up(s);
		return uabi_intr__pending() ? -EINTR : -ENOTSUP;
	}
	free(buf);
	close(dirfd);
	if (m.kind == UABI_FS_FAILED) {
		uabi_intr__unblock();
		return m.value > 0 ? -m.value : -EIO;
	}
	pid = m.pid;
	nruns++;
	uabi_intr__watch_group(pid);
	uabi_intr__unblock();
	for (;;) {
		long long left = 1000;

		if (!killed && lim->deadline_ms && (left = lim->deadline_ms - now_ms()) <= 0) {
			*timed_out = true;
			kill(-pid, SIGKILL);
			killed = true;
		}
		r = recv_msg(s->conn, &m, now_ms() + (left > 1000 || left <= 0 ? 1000 : left), !killed);
		if (r == 0 && m.kind == UABI_FS_ENDED && m.pid == pid)
			break;
		if (r == -EINTR && !killed) {
			kill(-pid, SIGKILL);
			killed = true;
		} else if (r == -EPIPE || r == 0) {
			/* the server broke: stop the child, run it the other way */
			kill(-pid, SIGKILL);
			uabi_intr__unwatch(pid);
			give_up(s);
			return uabi_intr__pending() ? -EINTR : -ENOTSUP;
		}
	}
	/* ended and not reaped: what it left in its group goes too */
	kill(-pid, SIGKILL);
	uabi_intr__unwatch(pid);
	if (m.value == CLD_EXITED)
		*wstatus = (m.status & 0xff) << 8;
	else	/* CLD_KILLED, CLD_DUMPED: the signal, as WTERMSIG reads it */
		*wstatus = m.status & 0x7f;
	m = (struct uabi_fs_msg){ UABI_FS_MAGIC, UABI_FS_REAP, pid, 0, 0, 0 };
	if (send(s->conn, &m, sizeof(m), MSG_NOSIGNAL) != (ssize_t)sizeof(m))
		give_up(s);
	return 0;
}
