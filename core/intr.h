/* SPDX-License-Identifier: MIT */
/*
 * Interrupts: SIGINT, SIGTERM and SIGHUP stop uabi cleanly, and so does
 * SIGALRM, which the run's own deadline sends (uabi_intr__deadline).
 *
 * The handler is async-signal-safe and does only three things: it records
 * the signal, SIGKILLs the process group of every child registered with
 * uabi_intr__watch_group() (a compiler driver and its cc1/as), and forwards
 * the signal to every worker registered with uabi_intr__watch_worker()
 * (the pool's forked processes, which stop their own compilers the same
 * way). Everything else happens on the normal paths: uabi_spawn__run*
 * returns an "interrupted" error, callers unwind and remove the scratch
 * directories they made, and main() prints one line and exits 128+signo.
 * As a safety net every scratch directory made by uabi_file__scratch() is
 * tracked (with the pid that made it) until uabi_file__rmtree() removes it,
 * and uabi_intr__cleanup() removes what is left.
 */
#ifndef UABI_INTR_H
#define UABI_INTR_H

#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

/* Install the handlers (main thread, once). A signal that was ignored when
 * uabi started (nohup) stays ignored. The handlers restart interrupted
 * system calls (SA_RESTART): children are stopped by the handler, and the
 * waits that matter (uabi_spawn) poll with a deadline. */
void uabi_intr__install(void);
/* The signal received (SIGINT, SIGTERM, SIGHUP), or 0. */
int uabi_intr__pending(void);
/* The exit status for an interrupt: 128 + the signal number (130, 143, 129;
 * 142 for the deadline). */
int uabi_intr__exit_code(void);
/* Stop the whole run, as an interrupt does, after seconds of wall time
 * from now (--deadline; 0: never). A SIGALRM then, forwarded to the
 * pool's workers like the other signals; loops that poll
 * uabi_intr__pending() (the macro scan, every wait for a child, file
 * reads) stop at their next check. */
void uabi_intr__deadline(unsigned seconds);
/* The deadline in seconds when it ended the run (the pending signal is
 * its SIGALRM), else 0. */
unsigned uabi_intr__deadline_passed(void);
/* Hold the signals in the calling thread, nested (the outermost
 * unblock restores the mask). For short critical sections: starting and
 * registering a child, publishing staged outputs (check pending() inside
 * the section, then commit: an interrupt then waits until unblock). */
void uabi_intr__block(void);
void uabi_intr__unblock(void);

/* Mark the run's outputs published (call it inside the blocked section that
 * commits a command's final outputs, after they are in place): a signal
 * from then on no longer makes the run an interrupted one, main() ends it
 * with the command's own exit code. */
void uabi_intr__published(void);
/* Whether uabi_intr__published() was called. */
bool uabi_intr__is_published(void);

/* poll(2) that an interrupt ends, for waits on FIFOs, pipes and devices
 * (SA_RESTART restarts open/read/write, never poll): the four signals are
 * unblocked during the wait even inside uabi_intr__block(), so one held
 * there ends it too. fds may be NULL with n 0 (a sleep of ms). Returns the
 * number of ready fds (0 on timeout or another signal: the caller loops),
 * -EINTR when an interrupt is pending (also before the wait), or -errno. */
int uabi_intr__poll(struct pollfd *fds, nfds_t n, int ms);

/* Register a child that leads its own process group: the handler SIGKILLs
 * the whole group. Unwatch it before reaping it (its pgid may be reused). */
void uabi_intr__watch_group(pid_t pgid);
/* Register a forked worker: the handler forwards the signal to it. */
void uabi_intr__watch_worker(pid_t pid);
/* Forget a child registered with either call. */
void uabi_intr__unwatch(pid_t pid);
/* In a new forked worker: forget the parent's children (signals blocked
 * by the caller around fork). */
void uabi_intr__forked(void);

/* pthread_create with the four signals blocked in the new thread, so that
 * they reach the main thread. 0 or an errno value, like pthread_create. */
int uabi_intr__pthread_create(pthread_t *t, void *(*fn)(void *), void *arg);

/* Scratch directory registry (uabi_file__scratch/rmtree call these; path
 * is copied). Tracking may fail silently on ENOMEM: it is a safety net. */
void uabi_intr__track_dir(const char *path);
void uabi_intr__untrack_dir(const char *path);
/* Remove every tracked directory this process made (not those of the
 * process it was forked from). For the end of an interrupted run. */
void uabi_intr__cleanup(void);

#endif
