/* SPDX-License-Identifier: MIT */
/*
 * Which kernel arches can build a source file, read from the tree's own
 * build files (pure, on text the caller reads): the Makefile / Kbuild line
 * that adds the file's object (obj-$(CONFIG_X) += foo.o, composite
 * objects, the parent directory's obj-$(CONFIG_Y) += dir/), and the
 * Kconfig entries of those symbols evaluated per arch.
 *
 * A symbol is n on an arch when it is defined only in other arches'
 * Kconfig files (MAC, AMIGA: arch/m68k) or in Kconfig files only those
 * "source" (drivers/zorro/Kconfig), when it is another arch's own
 * symbol, when it is COMPILE_TEST (no arch's kernel in use sets it), or
 * when its "depends on", or an if/menu/choice block around it, is n
 * there and no "select" line of an entry that may be y there (and whose
 * "if" may hold) forces it; it is y when it is the arch's own symbol (X86_64, ARM64, 64BIT,
 * COMPAT). A Makefile word with a $ that this does not expand ($(DIRS),
 * $(addsuffix .o,foo)) may list any object or directory of its
 * Makefile's directory, under that line's gate; a "source" path names the
 * file it opens (./, //, .. resolved; a $(VAR) may be several components).
 * Anything else is unknown, and unknown never rules a file out:
 * a file no build line names (a .c file another #includes, a header) can
 * be built by every arch that builds its directory.
 */
#ifndef UABI_KERNEL_KBUILD_H
#define UABI_KERNEL_KBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel arch dirs of the compat pairs, in bit order of a mask:
 * bit i is uabi_kbuild_arches[i]. */
#define UABI_KBUILD_NARCH 6
extern const char *const uabi_kbuild_arches[UABI_KBUILD_NARCH];
#define UABI_KBUILD_ALL ((uint8_t)((1u << UABI_KBUILD_NARCH) - 1))

/* The bit of a kernel arch dir ("x86"), 0 when it is none of them. */
uint8_t uabi_kbuild__bit(const char *arch);

/* Whether a file name is one of the build files this reads: Makefile,
 * Kbuild, or a name that starts with Kconfig (Kconfig.debug). */
bool uabi_kbuild__wanted(const char *name);

struct uabi_kbuild;

/* An empty reader. NULL on out of memory. */
struct uabi_kbuild *uabi_kbuild__new(void);
/* Give it one build file: rel is its path below the tree's root
 * ("drivers/block/Makefile"), text its contents (len bytes, need not be
 * NUL-terminated; a NUL ends it). Both are copied as needed (text is not
 * kept). A file whose name uabi_kbuild__wanted rejects is ignored. 0 or
 * -ENOMEM. */
int uabi_kbuild__add(struct uabi_kbuild *b, const char *rel, const char *text, size_t len);
/* After every build file was added: into *mask, the arches that may
 * build the source file rel ("drivers/block/swim.c"). A file under
 * arch/<A>/ has A's bit only (none when A is not one of the arches). The
 * first call indexes what was added (a call after another add indexes
 * again); the gates of directories are memoised, a file's answer is a
 * lookup. 0 or -ENOMEM (*mask is then UABI_KBUILD_ALL). */
int uabi_kbuild__archs(struct uabi_kbuild *b, const char *rel, uint8_t *mask);
void uabi_kbuild__free(struct uabi_kbuild *b);

#endif
