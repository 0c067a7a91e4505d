// SPDX-License-Identifier: MIT
#include "intr.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"

enum { WATCH_GROUP = 1, WATCH_WORKER = 2 };

/* Read by the handler: plain ints written whole, kind before pid. The pool
 * runs at most 256 workers, and a process has one compiler at a time. */
#define NWATCH 320
static volatile sig_atomic_t got;
static volatile sig_atomic_t watch_pid[NWATCH];
static volatile sig_atomic_t watch_kind[NWATCH];

static void sigs(sigset_t *s)
{
	sigemptyset(s);
	sigaddset(s, SIGINT);
	sigaddset(s, SIGTERM);
	sigaddset(s, SIGHUP);
	sigaddset(s, SIGALRM);
}

static void on_signal(int sig)
{
	int saved = errno;

	if (!got)
		got = sig;
	for (int i = 0; i < NWATCH; i++) {
		pid_t p = (pid_t)watch_pid[i];

		if (p <= 0)
			continue;
		if (watch_kind[i] == WATCH_GROUP)
			kill(-p, SIGKILL);
		else
			kill(p, sig);
	}
	errno = saved;
}

void uabi_intr__install(void)
{
	static const int v[] = { SIGINT, SIGTERM, SIGHUP, SIGALRM };
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigs(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (sigaction(v[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(v[i], &sa, NULL);
	}
	/* a reader that goes away (uabi -v 2>&1 | head) makes writes fail with
	 * EPIPE instead of killing the run before it removes its scratch
	 * directories; children get SIGPIPE's default back (spawn.c) */
	signal(SIGPIPE, SIG_IGN);
}

int uabi_intr__pending(void)
{
	return (int)got;
}

int uabi_intr__exit_code(void)
{
	return got ? 128 + (int)got : 0;
}

static unsigned deadline_s;

void uabi_intr__deadline(unsigned seconds)
{
	deadline_s = seconds;
	alarm(seconds);
}

unsigned uabi_intr__deadline_passed(void)
{
	return got == SIGALRM ? deadline_s : 0;
}

static volatile sig_atomic_t published;

void uabi_intr__published(void)
{
	published = 1;
}

bool uabi_intr__is_published(void)
{
	return published != 0;
}

int uabi_intr__poll(struct pollfd *fds, nfds_t n, int ms)
{
	sigset_t s, old, during;
	struct timespec ts, *tp = NULL;
	int r, err;

	/* checked with the signals held, released only inside ppoll: a signal
	 * cannot slip in between the check and the wait */
	sigs(&s);
	pthread_sigmask(SIG_BLOCK, &s, &old);
	if (got) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return -EINTR;
	}
	during = old;
	sigdelset(&during, SIGINT);
	sigdelset(&during, SIGTERM);
	sigdelset(&during, SIGHUP);
	sigdelset(&during, SIGALRM);
	if (ms >= 0) {
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (long)(ms % 1000) * 1000000L;
		tp = &ts;
	}
	r = ppoll(fds, n, tp, &during);
	err = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (got)
		return -EINTR;
	if (r < 0)
		return err == EINTR ? 0 : -err;
	return r;
}

/* per thread, like the signal mask it saves */
static _Thread_local int block_depth;
static _Thread_local sigset_t block_saved;

void uabi_intr__block(void)
{
	sigset_t s;

	sigs(&s);
	if (block_depth++ == 0)
		pthread_sigmask(SIG_BLOCK, &s, &block_saved);
}

void uabi_intr__unblock(void)
{
	if (block_depth > 0 && --block_depth == 0)
		pthread_sigmask(SIG_SETMASK, &block_saved, NULL);
}

static void watch(pid_t pid, int kind)
{
	for (int i = 0; i < NWATCH; i++) {
		if (watch_pid[i] == 0) {
			watch_kind[i] = kind;
			watch_pid[i] = pid;
			return;
		}
	}
}

void uabi_intr__watch_group(pid_t pgid)
{
	watch(pgid, WATCH_GROUP);
}

void uabi_intr__watch_worker(pid_t pid)
{
	watch(pid, WATCH_WORKER);
}

void uabi_intr__unwatch(pid_t pid)
{
	for (int i = 0; i < NWATCH; i++)
		if (watch_pid[i] == pid)
			watch_pid[i] = 0;
}

void uabi_intr__forked(void)
{
	for (int i = 0; i < NWATCH; i++)
		watch_pid[i] = 0;
}

int uabi_intr__pthread_create(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t s, old;
	int err;

	sigs(&s);
	pthread_sigmask(SIG_BLOCK, &s, &old);
	err = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}

/* scratch directories: a small list, any thread */
struct dir {
	pid_t pid;
	char *path;
};
static struct dir *dirs;
static size_t ndirs, capdirs;
static pthread_mutex_t dirs_lock = PTHREAD_MUTEX_INITIALIZER;

void uabi_intr__track_dir(const char *path)
{
	char *p = strdup(path);

	if (!p)
		return;
	pthread_mutex_lock(&dirs_lock);
	if (ndirs == capdirs) {
		size_t cap = capdirs ? capdirs * 2 : 16;
		struct dir *v = realloc(dirs, cap * sizeof(*v));

		if (!v) {
			pthread_mutex_unlock(&dirs_lock);
			free(p);
			return;
		}
		dirs = v;
		capdirs = cap;
	}
	dirs[ndirs++] = (struct dir){ getpid(), p };
	pthread_mutex_unlock(&dirs_lock);
}

void uabi_intr__untrack_dir(const char *path)
{
	pthread_mutex_lock(&dirs_lock);
	for (size_t i = 0; i < ndirs; i++) {
		if (!strcmp(dirs[i].path, path)) {
			free(dirs[i].path);
			dirs[i] = dirs[--ndirs];
			break;
		}
	}
	pthread_mutex_unlock(&dirs_lock);
}

void uabi_intr__cleanup(void)
{
	pid_t me = getpid();

	for (;;) {
		char *path = NULL;

		pthread_mutex_lock(&dirs_lock);
		for (size_t i = 0; i < ndirs; i++) {
			if (dirs[i].pid == me) {
				path = dirs[i].path;
				dirs[i] = dirs[--ndirs];
				break;
			}
		}
		pthread_mutex_unlock(&dirs_lock);
		if (!path)
			break;
		uabi_file__rmtree(path);
		free(path);
	}
}
