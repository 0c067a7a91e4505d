/* SPDX-License-Identifier: MIT */
/*
 * A revision of a kernel git checkout as a directory: what uabi reads of it
 * (Makefile, include/uapi, arch/<arch>/include/uapi, arch/<arch>/kvm,
 * arch/<arch>/Kconfig, virt/kvm) taken with `git archive` into a scratch
 * directory. The user's work tree and index are never touched. git runs
 * with an argv (posix_spawn); the revision is first resolved to a commit id
 * with `git rev-parse --verify`, so nothing the user typed reaches git as
 * an option.
 */
#ifndef UABI_GITREV_H
#define UABI_GITREV_H

#include <limits.h>

#include "../core/diag.h"

struct uabi_gitrev {
	char dir[PATH_MAX];	/* the materialized tree (a scratch directory) */
	char commit[64];	/* full commit id */
};

/* Materialize rev of the checkout at repo into a new scratch directory
 * under $TMPDIR. Input error for a bad repo or revision, toolchain error
 * when git or tar fail otherwise. */
int uabi_gitrev__materialize(const char *repo, const char *rev, struct uabi_gitrev *out,
			     struct uabi_diag *d);
/* Remove the scratch directory. */
void uabi_gitrev__cleanup(struct uabi_gitrev *g);

#endif
