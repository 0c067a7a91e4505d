/* SPDX-License-Identifier: MIT */
/*
 * What a uapi change touches, for `uabi diff` without --header: the uapi
 * files that differ between two trees, and per profile the headers a
 * change reaches: a header whose file differs between the trees (as the
 * profile's include path finds it: arch asm/ first, a generated asm/
 * wrapper, then the uapi directory), or one that includes such a header,
 * directly or through others, in either tree. Includes are read as text
 * (`#include <x>` and `#include "x"` lines; #if is not evaluated, so a
 * header included only under a condition still counts), the way
 * extractor/discover.c reads #define lines. Files are compared by
 * content (sha256); they are read as input (uabi_file__read_under: regular
 * files under the root, symlinks neither followed nor listed, at most
 * 4 MiB each) and each file once per run, whatever the number of profiles.
 */
#ifndef UABI_TOUCHED_H
#define UABI_TOUCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "input.h"

struct uabi_touched;

/* A new, empty memo of the files read; NULL when out of memory. */
struct uabi_touched *uabi_touched__new(void);
void uabi_touched__free(struct uabi_touched *t);

/*
 * The uapi files that differ between the trees old and new (both of the
 * same kind; their roots as given): added, removed or changed, compared by
 * content. A kernel tree's uapi files are those under include/uapi and
 * arch/ANY/include/uapi (every file: a Kbuild decides asm/ wrappers);
 * installed headers' are every file under the root. *files gets their
 * paths relative to the root, sorted, malloc'd (free with
 * uabi_touched__free_names); *n may be 0. 0 or -errno with d set (an input
 * error naming the file or directory that could not be read).
 */
int uabi_touched__changed(struct uabi_touched *t, const struct uabi_input_spec *old,
			  const struct uabi_input_spec *new_, char ***files, uint32_t *n,
			  struct uabi_diag *d);
void uabi_touched__free_names(char **names, uint32_t n);

/*
 * For one profile, whose include paths in the two trees are wold and wnew
 * (uabi_work__init_paths of the same profile on each side): sel[i] is set
 * when the include name cand[i] (linux/fs.h, asm/kvm.h) is reached by the
 * change: its file differs between the sides (one side without it counts),
 * or it includes a name that is reached, in either tree. 0 or -errno
 * with d set.
 */
int uabi_touched__select(struct uabi_touched *t, const struct uabi_work *wold,
			 const struct uabi_work *wnew, char *const *cand, uint32_t ncand, bool *sel,
			 struct uabi_diag *d);

#endif
