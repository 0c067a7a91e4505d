/* SPDX-License-Identifier: MIT */
/* Small file helpers shared by every module. */
#ifndef UABI_FILEIO_H
#define UABI_FILEIO_H

#include <stddef.h>

#include "diag.h"

/* Read a whole file into a malloc'd NUL-terminated buffer (*len without
 * the NUL). 0 or -errno with d set ("PATH: reason"). */
int uabi_file__read(const char *path, char **buf, size_t *len, struct uabi_diag *d);
/* Write data to path atomically: a temp file beside it, fsync-free rename.
 * 0 or -errno with d set; on failure nothing is left behind. */
int uabi_file__write_atomic(const char *path, const char *data, size_t len, struct uabi_diag *d);
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

#endif
