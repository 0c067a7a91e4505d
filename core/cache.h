/* SPDX-License-Identifier: MIT */
/*
 * A result cache keyed by what a computation read, in two levels like
 * ccache's direct mode. The extraction (extractor/cached.h) keeps one
 * profile's layout dump per entry; nothing here knows about layouts.
 *
 *   key1 = sha256 of everything known before the work starts (the tool,
 *          the compiler's identity, the options: uabi_cache_key__*), names
 *          the directory DIR/k1[0:2]/k1/;
 *   in it, one file per entry, named by the sha256 of its manifest: the
 *          files the work read (path, sha256 of the content, or absent)
 *          and the directories whose listing decided something (path,
 *          sha256 of the sorted entry names), then the result (blob).
 *
 * A lookup hashes the files and directories each entry lists (memoized
 * for the process, by path and stat identity: many profiles share files)
 * and returns the blob of the first entry whose every hash matches.
 *
 * Entry file: one header line "uabi-cache 1 MANIFEST_LEN BLOB_LEN BLOB_SHA256\n",
 * the manifest ("f HASH PATH\n" and "d HASH PATH\n" lines, HASH 64 hex
 * digits, "-" for absent, "!" for a file that is not a regular file or a
 * directory that cannot be listed), then the blob. An entry whose header,
 * lengths, manifest hash (its name) or blob hash do not check is removed,
 * and the first such entry of a run prints one warning line.
 *
 * Publishing is atomic (a temp file ".tmp-XXXXXX" in the key1 directory,
 * renamed into place): readers never see a partial entry, and two runs
 * storing the same entry both succeed. After each store the cache is
 * bounded: least recently used entries (mtime; a hit touches its entry)
 * go until the total size is at most max_bytes.
 */
#ifndef UABI_CACHE_H
#define UABI_CACHE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "diag.h"
#include "sha256.h"

#define UABI_CACHE_DEFAULT_MIB 512ull

struct uabi_cache_memo;

struct uabi_cache {
	char dir[PATH_MAX];		/* the cache directory (made on the first store) */
	unsigned long long max_bytes;	/* size bound */
	/* warnings already printed in this run: a page shared with the
	 * processes forked after uabi_cache__open (the CLI's workers) */
	volatile unsigned *warned;
	struct uabi_cache_memo *memo;	/* hashes of files and listings, by path */
};

/* Warnings printed at most once per run (bits of *warned). */
enum {
	UABI_CACHE_WARN_CORRUPT = 1,	/* a corrupt entry was removed */
	UABI_CACHE_WARN_IO = 2,		/* the cache could not be read or written */
};

/*
 * Where the cache lives: $UABI_CACHE_DIR if set and not empty, else
 * $XDG_CACHE_HOME/uabi/extract (an absolute XDG_CACHE_HOME), else
 * $HOME/.cache/uabi/extract. Writes buf; false (buf "") when none of them
 * is set.
 */
bool uabi_cache__default_dir(char *buf, size_t len);
/* The size bound in bytes: $UABI_CACHE_MAX_MIB (a whole number of MiB,
 * 0 keeps nothing) or UABI_CACHE_DEFAULT_MIB. A value that is not a whole
 * number is ignored with one warning line. */
unsigned long long uabi_cache__default_max(void);

/* Open the cache at dir (not created until a store). 0, or -errno with d
 * set (out of memory). Close with uabi_cache__close. */
int uabi_cache__open(struct uabi_cache *c, const char *dir, unsigned long long max_bytes,
		     struct uabi_diag *d);
void uabi_cache__close(struct uabi_cache *c);

/* Building key1: each call adds a tagged, length-delimited field, so that
 * ("ab","c") and ("a","bc") differ. */
struct uabi_cache_key {
	struct uabi_sha256 h;
};
void uabi_cache_key__init(struct uabi_cache_key *k);
/* s may be NULL (distinct from ""). */
void uabi_cache_key__str(struct uabi_cache_key *k, const char *tag, const char *s);
void uabi_cache_key__u64(struct uabi_cache_key *k, const char *tag, uint64_t v);
/* The identity of a program: prog looked up on PATH (or taken as a path
 * when it has a '/'), then its realpath, size and mtime (ns); "missing"
 * when not found. A new compiler build at the same path changes it. */
void uabi_cache_key__program(struct uabi_cache_key *k, const char *tag, const char *prog);
/* Finish into 64 hex digits. */
void uabi_cache_key__hex(struct uabi_cache_key *k, char hex[65]);

/* What a stored result depended on. Paths are relative to root (absolute
 * ones are taken as they are), no '\n'; a directory "" is root itself.
 * Lists need not be sorted nor unique. */
struct uabi_cache_deps {
	const char *root;		/* absolute directory */
	const char *const *files;
	uint32_t nfiles;
	const char *const *dirs;	/* their sorted entry names are hashed */
	uint32_t ndirs;
	/* when the work started (CLOCK_REALTIME, the fine clock: Linux 6.13
	 * and later stamp a file written just before the work with a fine
	 * time, after the coarse clock's tick): a file or directory changed
	 * after it may have changed under the work, and the result is not
	 * stored; {0, 0} for no such check. A kernel with coarse file times
	 * can stamp a change made in the work's first tick before it: that
	 * one is missed (a window of one tick, ~4 ms). */
	struct timespec since;
};

/* A hit: the blob (malloc'd, NUL-terminated, len bytes without the NUL)
 * and the entry it came from. */
struct uabi_cache_hit {
	char *blob;
	size_t len;
	char path[PATH_MAX];
};

/* Look key up for the tree at root (absolute). 1: a hit in *hit (free
 * hit->blob), its entry touched; 0: a miss (also when the cache cannot be
 * read: one warning line per run). Never fails. hit NULL: only hash the
 * dependencies the entries list (into the memo) and tell whether one
 * matches; its blob is neither checked nor read out. */
int uabi_cache__lookup(struct uabi_cache *c, const char key[65], const char *root,
		       struct uabi_cache_hit *hit);
/* The entry an incremental extraction starts from: the most recently used
 * entry of key whose blob checks, whatever its dependencies, and each of
 * them compared with the tree at root now. */
struct uabi_cache_dep {
	char kind;		/* 'f' content, 'd' listing */
	bool changed;		/* its hash differs now */
	char *path;		/* as the manifest has it (relative to root, or absolute) */
};
struct uabi_cache_near {
	char *blob;		/* malloc'd, NUL-terminated */
	size_t len;
	char path[PATH_MAX];	/* the entry */
	struct uabi_cache_dep *deps;
	uint32_t ndeps;
};
/* 1 found (free with uabi_cache_near__free), 0 none. Never fails. */
int uabi_cache__nearest(struct uabi_cache *c, const char key[65], const char *root,
			struct uabi_cache_near *near);
void uabi_cache_near__free(struct uabi_cache_near *near);
/* The blob of a hit turned out unusable (it does not parse): remove its
 * entry as corrupt (the warning of the run, if not yet printed). */
void uabi_cache__reject(struct uabi_cache *c, const struct uabi_cache_hit *hit);
/* Store blob under key with the dependencies deps, then bound the cache.
 * 0 stored; -EAGAIN not stored because a dependency changed after
 * deps->since; -EFBIG not stored because the entry alone exceeds the bound;
 * other -errno with d set when the cache cannot be written. */
int uabi_cache__store(struct uabi_cache *c, const char key[65], const struct uabi_cache_deps *deps,
		      const char *blob, size_t len, struct uabi_diag *d);
/* Remove least recently used entries (and temp files older than an hour)
 * until the entries total at most max_bytes; returns the bytes left. */
unsigned long long uabi_cache__evict(struct uabi_cache *c, unsigned long long max_bytes);
/* Print the warning `bit` (UABI_CACHE_WARN_*) unless this run printed it
 * already: "uabi: warning: TEXT". */
void uabi_cache__warn(struct uabi_cache *c, unsigned bit, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
