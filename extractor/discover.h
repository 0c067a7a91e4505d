/* SPDX-License-Identifier: MIT */
/*
 * Discovery for --all: which uapi headers define ioctl commands.
 */
#ifndef UABI_DISCOVER_H
#define UABI_DISCOVER_H

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
 * header). asm-generic/ headers are reached through asm/ only. Files are
 * read as input: regular files under the root only. *names is malloc'd
 * (each string too; free with uabi_discover__free). 0 or -errno with d set.
 */
int uabi_discover__headers(const struct uabi_work *w, char ***names, uint32_t *n,
			   struct uabi_diag *d);
void uabi_discover__free(char **names, uint32_t n);

#endif
