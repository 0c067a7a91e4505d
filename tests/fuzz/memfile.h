/* SPDX-License-Identifier: MIT */
/*
 * In-memory files for the fuzz targets whose readers take a path: a memfd
 * reached as /proc/self/fd/N, so no run leaves anything in $TMPDIR.
 */
#ifndef UABI_FUZZ_MEMFILE_H
#define UABI_FUZZ_MEMFILE_H

/* memfd_create: _GNU_SOURCE comes from the build (CMakeLists.txt) */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

struct memfile {
	int fd;
	char path[64];		/* /proc/self/fd/N */
};

/* Open one (name shows in /proc); aborts the fuzzer when it cannot. */
static inline void memfile__open(struct memfile *m, const char *name)
{
	m->fd = memfd_create(name, MFD_CLOEXEC);
	if (m->fd < 0) {
		perror(name);
		abort();
	}
	snprintf(m->path, sizeof(m->path), "/proc/self/fd/%d", m->fd);
}

/* Make its content exactly data[0..size); 0 or -1. */
static inline int memfile__fill(const struct memfile *m, const void *data, size_t size)
{
	const char *p = data;

	if (ftruncate(m->fd, 0) || lseek(m->fd, 0, SEEK_SET))
		return -1;
	while (size) {
		ssize_t n = write(m->fd, p, size);

		if (n <= 0)
			return -1;
		p += n;
		size -= (size_t)n;
	}
	return 0;
}

#endif
