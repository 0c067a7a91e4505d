/* SPDX-License-Identifier: MIT */
/*
 * Discovery for --all: which uapi headers define ioctl commands.
 */
#ifndef UABI_DISCOVER_H
#define UABI_DISCOVER_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/diag.h"
#include "input.h"

/*
 * The include names (linux/fs.h, drm/drm.h, asm/mce.h), sorted, of every
 * header a program of w's profile can include from the tree (include/uapi,
 * the profile's arch/ARCH/include/uapi as asm/, the generated asm/ wrappers
 * of w->gen) whose own text defines at least one ioctl command: an
 * object-like #define whose body calls _IO, _IOR, _IOW, _IOWR or _IOC, or a
 * function-like macro that expands to one (DRM_IOWR, defined in any uapi
 * header the profile sees). asm-generic/ headers are reached through asm/
 * only: an asm/X.h that includes <asm-generic/X.h> (a generated wrapper,
 * s390's ioctls.h) counts with its commands. A name means the file the include path finds first: one
 * found as a symlink, or as uabi's own shadow, is not listed. The uapi
 * directory is the last incdir (include/uapi; the root of installed
 * headers, whose multiarch <triplet>/ dirs are left out). Files are read
 * as input: regular files under the root only (symlinks are not followed),
 * at most 4 MiB each. *names is malloc'd (each string too; free with
 * uabi_discover__free). 0 or -errno with d set (an input error naming the
 * file that could not be read).
 */
int uabi_discover__headers(const struct uabi_work *w, char ***names, uint32_t *n,
			   struct uabi_diag *d);
void uabi_discover__free(char **names, uint32_t n);
/*
 * Where the headers define things a header may use without including
 * their definer (linux/fs.h's FS_IOC_FIEMAP takes a struct fiemap of
 * linux/fiemap.h; btrfs.h's BTRFS_IOC_GET_FSLABEL is linux/fs.h's
 * FS_IOC_GETFSLABEL): every `struct|union|enum TAG {` outside directives
 * and every object-like macro that is an ioctl command, in the named files
 * of the scan (include/uapi but asm-generic/, the profile's asm/), from
 * the text as written (#if not evaluated), and each file's include guard
 * (what extract checks every entry of the header defines). Sorted by
 * name, then header, guards last.
 */
struct uabi_def {
	char *name;		/* "struct fiemap", "FS_IOC_GETFSLABEL" */
	char *header;		/* include name of the defining file: "linux/fiemap.h" */
	uint32_t body;		/* a tag's body hashed, white space runs as one blank:
				 * equal for the same text */
	bool macro;		/* an ioctl command */
	bool cond;		/* a macro under an #if other than its file's include guard */
	bool guard;		/* the header's include guard (first directive #ifndef G,
				 * second #define G), not a definition */
};

struct uabi_defs {
	struct uabi_def *v;
	uint32_t n;
};

/* The entries for name (*n of them, adjacent, by header), or NULL. */
const struct uabi_def *uabi_defs__find(const struct uabi_defs *defs, const char *name, uint32_t *n);
void uabi_defs__free(struct uabi_defs *defs);

/* The same, and *read (if read is not NULL) gets every file the scan read,
 * relative to the root, sorted (what the result depends on: the cache
 * records them); free it with uabi_discover__free too. *defs (if defs is
 * not NULL) gets the definitions index (free with uabi_defs__free). */
int uabi_discover__scan(const struct uabi_work *w, char ***names, uint32_t *n, char ***read,
			uint32_t *nread, struct uabi_defs *defs, struct uabi_diag *d);

/* Whether an include name has only the characters kernel uapi names use
 * ([A-Za-z0-9_.,+-/], not empty): a name with another ('>', '"', a space,
 * a tab, a newline, '$', '\\', '#') would break the probe's #include <...>
 * line or the make rule `cc -M` writes, and is not judged. */
bool uabi_discover__name_ok(const char *name);

#endif
