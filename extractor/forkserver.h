/* SPDX-License-Identifier: MIT */
/*
 * A fork server for clang: one started clang that forks a child per run.
 *
 * clang 14 spends about 0.12 s of each run before main (the dynamic loader
 * relocating libLLVM and libclang-cpp, their constructors); the -E pass
 * over linux/kvm.h takes 5 ms of that run. uabi starts the compiler once
 * with LD_PRELOAD=uabi-forkserver.so (extractor/forkserver/preload.c),
 * which keeps it waiting before main; each run is then a fork of that
 * process that enters main with the run's argv, environment, files,
 * directory and limits (RLIMIT_AS, RLIMIT_FSIZE, no core), in its own
 * process group: what posix_spawn gives, without the start.
 *
 * Used for programs whose name starts with "clang" when the module is found
 * (next to the uabi binary, else in UABI_PKGLIBDIR) and UABI_FORKSERVER is
 * not "0"; anything else, and any failure of the server (it did not say
 * hello, a connection broke), falls back to posix_spawn (extractor/spawn.h):
 * the outputs are the same either way. The pool starts one server before it
 * forks its workers; each process then has its own connection, served by a
 * fork of the server of its own.
 */
#ifndef UABI_FORKSERVER_H
#define UABI_FORKSERVER_H

#include <stdbool.h>
#include <sys/types.h>

/* The run's limits and deadline, as spawn.c keeps them. */
struct uabi_fs_limits {
	unsigned long long as_bytes;	/* 0: none */
	unsigned long long fsize_bytes;	/* 0: none */
	long long deadline_ms;		/* CLOCK_MONOTONIC ms, 0: none */
};

/* Start the server for prog (a path, as PATH lookup found it) in this
 * process without waiting for it, so that processes forked from now on
 * share it. Does nothing when prog is not served or one is running. */
void uabi_forkserver__prestart(const char *prog);

/* Run argv through prog's server with env, stdin on /dev/null, stdout to
 * outfile (NULL: /dev/null) and stderr to errfile (both created or
 * truncated, mode 0600). Returns 0 when the child ran to its end: *wstatus
 * is its wait status, *timed_out whether the deadline killed it (its group
 * is SIGKILLed at the deadline and on an interrupt); -ENOTSUP when there is
 * no server for prog in this process (the caller posix_spawns; nothing was
 * started, or what was is stopped); another -errno when the server could
 * not open a file or fork (nothing ran): -ENOMEM when the address-space
 * limit is below what the server maps already (the program would not
 * load under it). */
int uabi_forkserver__run(const char *prog, char *const argv[], char *const env[], const char *outfile,
			 const char *errfile, const struct uabi_fs_limits *lim, int *wstatus,
			 bool *timed_out);

/* How many runs this process made through a server (tests, bench). */
unsigned uabi_forkserver__runs(void);

#endif
