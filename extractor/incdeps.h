/* SPDX-License-Identifier: MIT */
/*
 * The textual #include closure of headers, for the incremental extraction
 * (extract.h: uabi_extract__run_incremental). Every `#include <x>` and
 * `#include "x"` line of a file is followed, whatever #if it sits under,
 * so the closure is a superset of what the compiler enters; an #include
 * spelled with a macro is not followed (the uapi headers have none).
 * Names are looked up as the compiler does ("x" first beside the file,
 * then the include directories of the work, in order, then the compiler's
 * and the C library's, as -idirafter); those files are followed too and
 * spelled "<compiler>/..." and "<sysroot>/..." (uabi_work__relpath).
 */
#ifndef UABI_INCDEPS_H
#define UABI_INCDEPS_H

#include <stdint.h>

#include "../core/diag.h"
#include "input.h"

struct uabi_incdeps;

/* A closure cache over w's include directories (w must outlive it).
 * 0, or -ENOMEM with d set. */
int uabi_incdeps__new(const struct uabi_work *w, struct uabi_incdeps **out, struct uabi_diag *d);
void uabi_incdeps__free(struct uabi_incdeps *g);
/* The closure of include name header (linux/fs.h): the files it reaches,
 * itself included, and every path a lookup tried before the file it found
 * in the tree (a new file there would shadow it), as uabi_work__relpath
 * spells them, sorted and unique, into *files (borrowed: valid until
 * __free). A header that is in no include directory has its tried paths
 * only. 0, or -ENOMEM
 * with d set. */
int uabi_incdeps__closure(struct uabi_incdeps *g, const char *header, const char *const **files,
			  uint32_t *n, struct uabi_diag *d);
/* Whether the sorted list v[0..n) holds s. */
bool uabi_incdeps__has(const char *const *v, uint32_t n, const char *s);

#endif
