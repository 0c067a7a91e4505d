/* SPDX-License-Identifier: MIT */
/*
 * The inside of struct uabi_kio (ioctls.h), shared by ioctls.c (the scan,
 * the indexes, the placement) and the cache of the scan. Private to kernel/.
 */
#ifndef UABI_KERNEL_KIO_PRIV_H
#define UABI_KERNEL_KIO_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/arena.h"
#include "cscan.h"

/* A name of the tree, at (file, index into that file's array). */
struct at {
	const char *name;
	uint32_t file, idx;
};

struct uabi_kio {
	struct uabi_arena arena;
	struct uabi_kfile *files;
	uint32_t nfiles, cfiles;
	uint64_t bytes;
	uint32_t *def_base;	/* file -> global index of its first def */
	uint32_t ndefs;		/* global */
	struct at *names;	/* every kname, by name */
	struct at *defs;	/* every def, by name */
	struct at *callers;	/* (ref, file, def): who references a name, by name */
	struct at *entries;	/* inits, by value */
	struct at *macros;	/* by name */
	uint32_t nnames, ndefs_idx, ncallers, nentries, nmacros;
	uint32_t *mark;		/* per global def: the query epoch that reached it */
	uint32_t *mark2;
	uint32_t epoch;
	const char *arch;	/* of the current query */
	uint8_t arch_bit;	/* its kbuild.h bit, 0 for none of them */
	/* forward reach per start def (ioctls.c: reach_from), open
	 * addressing by global def index; built as queries need them */
	struct kio_reach {
		uint32_t start;		/* UINT32_MAX: empty slot */
		uint32_t n;
		uint32_t *v;		/* the defs reached, start included */
	} *reach;
	uint32_t nreach, creach;
	uint32_t *mark3, epoch3;	/* the marks of a reach being built */
	uint32_t *path, path_epoch;	/* the defs that lead to the current
					 * command's native sites (ioctls.c) */
	/* the scan's string table (uabi_kintern): open addressing, strings
	 * in the arena; freed after the scan */
	struct uabi_kintern intern;
	const char **istr;
	uint32_t nistr, cistr;
	/* The member names (".name", UABI_KREF_MEMBER) named where no
	 * function of the scan holds them: in the files not scanned (no
	 * mention of ioctl), and in #define bodies; and the names a #define
	 * body of a scanned file may call (plain, cscan.h's uabi_kfile.loose).
	 * Sorted (strcmp), unique, malloc'd; the strings are the scan's or
	 * the cache's. */
	const char **loose;
	uint32_t nloose;
	/* In loose: a .c or .h file too big to read even for its member
	 * names (over 256 MiB): it may name any member. */
#define UABI_KIO_ANY_MEMBER ".*"
	/* The functions whose address is taken: named as a value, not called,
	 * somewhere in the files scanned (cscan.h: vals). Sorted (strcmp),
	 * unique, malloc'd; the strings are the scan's or the cache's. */
	const char **addr;
	uint32_t naddr;
	bool from_cache;	/* loaded from a cache entry (kio_cache.h), not scanned */
	/* A cache load's strings, each once, sorted (strcmp): two of them
	 * compare by address. NULL after a scan. */
	const char *strtab;
	size_t strtab_len;
};

/* Build the indexes (names ... macros, def_base, the marks) from files[]
 * after a scan or a cache load. 0 or -ENOMEM. */
int uabi_kio__index(struct uabi_kio *k);
/* The walk of uabi_kio__read, shared with the cache's list of what it
 * read: a top directory of the tree it skips (Documentation, ..., dot
 * directories), a file name it reads (*.c, *.h, the build files of
 * kbuild.h), and one it reads in the tree's top directory (the build
 * files only: the top Kconfig, Kbuild and Makefile). */
bool uabi_kio__skipped_top(const char *name);
bool uabi_kio__wanted(const char *name);
bool uabi_kio__wanted_top(const char *name);
/* A skipped top directory whose build files are read all the same
 * (Documentation, scripts, ...: not the dot directories). */
bool uabi_kio__build_only_top(const char *name);

#endif
