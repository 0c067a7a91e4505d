/* SPDX-License-Identifier: MIT */
/* Small file helpers shared by every module, and the rules for output paths. */
#ifndef UABI_FILEIO_H
#define UABI_FILEIO_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Read a whole file into a malloc'd NUL-terminated buffer (*len without
 * the NUL). A FIFO or pipe is waited for (a writer to come, its data, its
 * end) in a wait an interrupt ends (-EINTR, "PATH: interrupted"). 0 or
 * -errno with d set ("PATH: reason"). */
int uabi_file__read(const char *path, char **buf, size_t *len, struct uabi_diag *d);
/* Read path as input of a tree whose realpath is root: the file must
 * resolve (realpath) below root, be a regular file and hold at most max
 * bytes. Its text into *buf as uabi_file__read does (*len may be NULL).
 * 0, or -errno with d set naming path: -EPERM "PATH: resolves outside
 * TREE" (tree says which, "the kernel tree"), -EINVAL "not a regular
 * file", -EFBIG "larger than N MiB", -ENOENT and the like from realpath,
 * -EINTR when an interrupt is pending (core/intr.h). */
int uabi_file__read_under(const char *root, const char *path, const char *tree, size_t max,
			  char **buf, size_t *len, struct uabi_diag *d);
/* The entry names of dir, sorted (strcmp), without the dot files, into
 * *names (malloc'd, each name too; free with uabi_file__free_names); a
 * missing dir (or a file) has none. A name with control or non-UTF-8 bytes
 * is an input error (-EINVAL, "DIR/NAME: a file name with control or
 * non-UTF-8 bytes", escaped): every report naming the file would need
 * escaping. 0 or -errno with d set. */
int uabi_file__list_dir(const char *dir, char ***names, uint32_t *n, struct uabi_diag *d);
void uabi_file__free_names(char **names, uint32_t n);
/* The one directory walk over input trees: the entries of base/rel ("" for
 * base itself) in name order; a regular file whose name want accepts (want
 * NULL: every one) is visited with its path relative to base ("rel/name"),
 * a directory is descended into when recurse is set, anything else (a
 * symlink, to a file or a directory, a FIFO, a device) is skipped. A visit
 * that returns non-zero ends the walk with its value. Entries are judged
 * with lstat: visit still reads through uabi_file__read_under. 0 or -errno
 * with d set (a directory that cannot be listed, a path too long). */
int uabi_file__walk(const char *base, const char *rel, bool recurse,
		    bool (*want)(const char *name, void *ctx),
		    int (*visit)(const char *rel, void *ctx), void *ctx, struct uabi_diag *d);
/* The same walk, and an entry that is neither a regular file nor a
 * directory (a symlink, a FIFO, a device) whose name want accepts is given
 * to odd (its path relative to base), which may end the walk as visit
 * does: a reader to whom a skipped file would be a wrong answer says so. */
int uabi_file__walk_odd(const char *base, const char *rel, bool recurse,
			bool (*want)(const char *name, void *ctx),
			int (*visit)(const char *rel, void *ctx),
			int (*odd)(const char *rel, void *ctx), void *ctx, struct uabi_diag *d);
/* Write data to an output path, judged by what it is when the write starts:
 *  - "-": stdout (stdio's buffer is flushed first; a pipe is written in
 *    PIPE_BUF pieces, each after poll says it fits);
 *  - a new path or a regular file: replaced atomically (a temp file
 *    ".NAME.uabi-XXXXXX" beside it, write, fsync, rename, fsync the directory);
 *    an existing file keeps its mode (and its owner where chown is allowed),
 *    a new one gets 0666 & ~umask; other hard links keep the old content;
 *  - a symlink: followed; its final target is judged as above, so the
 *    symlink stays and a regular file it points to is replaced atomically;
 *  - a dangling symlink: refused (ENOENT, "dangling symlink"), never created
 *    through: a report must not appear wherever a link happens to point;
 *  - a directory: refused (EISDIR);
 *  - anything else (character or block device, FIFO, socket): written
 *    through, opened for writing without O_CREAT, never unlinked or renamed
 *    over (a FIFO waits until it has a reader, retried every 50 ms).
 * Every wait on a FIFO, pipe or device ends when an interrupt is pending
 * (core/intr.h): -EINTR with d "PATH: interrupted".
 * 0 or -errno with d set ("PATH: cannot write: reason"); on failure no temp
 * file is left and a file that was replaced atomically is unchanged. */
int uabi_file__write_atomic(const char *path, const char *data, size_t len, struct uabi_diag *d);
/* Write a file inside a scratch directory: created or truncated in place
 * (0666 & ~umask, a symlink there is refused), never synced: scratch files
 * need no durability, and an fsync each costs ~2 ms (585 per 15-profile
 * extract). 0 or -errno with d set ("PATH: cannot write: reason"). */
int uabi_file__write_scratch(const char *path, const char *data, size_t len, struct uabi_diag *d);
/* Judge an output path now, before the work that will fill it, by the
 * rules above: 0 if uabi_file__write_atomic could write it ("-" included),
 * else -errno with d set to the message the write would give (a dangling
 * symlink, a directory, a missing or unwritable parent directory). */
int uabi_file__check_output(const char *path, struct uabi_diag *d);
/* mkdir -p. 0 or -errno with d set. */
int uabi_file__mkdirs(const char *path, struct uabi_diag *d);
/* A new scratch directory $TMPDIR/uabi-WHAT-XXXXXX (/tmp without TMPDIR)
 * into buf (PATH_MAX). 0 or -errno with d set; buf is "" on failure. The
 * directory is tracked (core/intr.h) until uabi_file__rmtree removes it,
 * so an interrupted run removes it even if its maker did not. */
int uabi_file__scratch(char *buf, const char *what, struct uabi_diag *d);
/* rm -r path (no symlink is followed). 0 (also when path does not exist),
 * or -1 if something stayed. */
int uabi_file__rmtree(const char *path);

/*
 * A multi-file output (a directory of dumps or reports) staged so that a
 * run that fails leaves the directory as it was: files are written into a
 * stage directory ".NAME.uabi-stage-XXXXXX" beside the target (same
 * filesystem), and published only by uabi_stage__commit.
 *
 *   uabi_stage__open(&s, "out", d);        nothing visible changes
 *   uabi_stage__path(&s, "x86_64.json", p, sizeof(p), d);  write p
 *   ok ? uabi_stage__commit(&s, d) : uabi_stage__abort(&s);
 */
struct uabi_stage {
	char target[PATH_MAX];	/* the directory as given, without trailing '/' */
	char final[PATH_MAX];	/* where files land: the target, symlinks resolved */
	char dir[PATH_MAX];	/* the stage directory; "" when none is open */
	bool existed;		/* the target was a directory at open */
};
/* Open a stage for the directory target (created at commit if missing,
 * with its missing parents). The stage is made in the target's parent, or
 * in the nearest existing ancestor when the parent is missing too. An
 * existing target that is not a directory (after symlinks) is refused
 * (ENOTDIR). 0 or -errno with d set; s->dir is "" on failure. */
int uabi_stage__open(struct uabi_stage *s, const char *target, struct uabi_diag *d);
/* The path of the file `name` (no '/') in the stage, into buf (len bytes).
 * 0 or -ENAMETOOLONG/-EINVAL with d set. */
int uabi_stage__path(const struct uabi_stage *s, const char *name, char *buf, size_t len,
		     struct uabi_diag *d);
/* Publish the staged files: a missing target becomes the stage directory
 * (one rename); in an existing one each file replaces its namesake by the
 * rules of uabi_file__write_atomic (other files there are left alone).
 * Every destination is judged before the first rename, so an unwritable
 * one fails the commit with nothing published. The stage is removed
 * either way. 0 or -errno with d set. */
int uabi_stage__commit(struct uabi_stage *s, struct uabi_diag *d);
/* Drop the stage and everything in it; the target is untouched. Safe on
 * a stage that failed to open or is already committed or aborted. */
void uabi_stage__abort(struct uabi_stage *s);

#endif
