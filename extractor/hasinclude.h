/* SPDX-License-Identifier: MIT */
/*
 * __has_include (and __STDC_HOSTED__) in the tree's headers. A has-include
 * expression tests
 * whether a file exists, anywhere the include path (and "..") reaches:
 * the only way a header can sense the place it is compiled in (uabi's
 * scratch files, a source tree rather than installed headers) and show
 * uabi a layout no program sees. The kernel's uapi headers use none, so a
 * header whose files use one is refused (extract.c, refuse()). The C
 * library's headers do (glibc's sys/mount.h asks for <linux/mount.h>):
 * they are trusted, but a tree header may not reach their has-include
 * macros either. __STDC_HOSTED__ is the other way to tell: uabi compiles
 * freestanding (0) where a program is hosted (1). Outside #if it and the
 * builtins that depend on the place (__COUNTER__, __FILE__,
 * __INCLUDE_LEVEL__) are caught by the compiler itself (input.c's
 * -D__COUNTER__=__uabi_builtin_COUNTER); on an #if line, where they would
 * be 0 unseen, __STDC_HOSTED__ is looked for here like __has_include.
 */
#ifndef UABI_HASINCLUDE_H
#define UABI_HASINCLUDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "macros.h"

/* Where a tree file uses a has-include expression. */
struct uabi_hasinc_use {
	char file[PATH_MAX];	/* as the markers spell it */
	uint32_t line;		/* 1-based, of the line the token is on */
	char name[128];		/* the name used: __has_include, a macro reaching it */
	bool paste;		/* name is a macro that pastes two of its parameters
				 * (a ## b), used on an #if or #elif line: it can build
				 * __has_include out of pieces */
	bool hosted;		/* name is a macro a program's compile predefines and
				 * uabi's does not (glibc's __STDC_ISO_10646__, ...) */
};

/*
 * The first use, in the files of cpp->files for which in_tree(ctx, file)
 * holds (read from disk: the compiler's output has no #if lines), of
 * __has_include, __has_include_next, __STDC_HOSTED__ or a macro only a hosted
 * compile predefines (also on #ifdef lines and in defined()): directly; through a macro whose
 * replacement reaches one (a macro the tree defines anywhere in those
 * files, whatever #if it sits under, or one of cpp's macros defined
 * outside the tree: glibc's __glibc_has_include); or, on an #if/#elif
 * line, through a macro that reaches a token paste of two parameters
 * (linux/const.h's __AC(X, Y) is one; no #if line of the kernel's uapi
 * uses one). Comments, string and character literals and the operand of
 * `defined` do not count. 1 with *use set, 0 when there is none, -ENOMEM,
 * or -EINTR when an interrupt (uabi_intr__pending: a signal, --deadline)
 * stopped it.
 * A file that cannot be read is skipped (the compiler read it a moment
 * ago; the -dD pass would have failed).
 */
int uabi_hasinc__find(const struct uabi_cpp *cpp, bool (*in_tree)(void *ctx, const char *file),
		      void *ctx, struct uabi_hasinc_use *use);

#endif
