/* SPDX-License-Identifier: MIT */
/*
 * Extraction of one ABI's layout dump:
 *
 *   headers --cc -E -dD--> macros (with defining file:line) + struct tags
 *           --cc -E (constructors redefined as markers)--> ioctl macros, their
 *             constructor and argument type
 *           --probe.c: enumerators for numbers and _IOC_* fields, typedefs of
 *             argument types, _Alignof of every tag, base-type alignments
 *           --cc -g -c, ld -shared--> probe.so --DWARF--> struct uabi_layout
 *
 * The compiler computes every number; uabi only reads them back.
 *
 * Two inputs beyond the headers' own text (docs/extract.md):
 *  - an argument or root spelled with a <stddef.h> type (size_t: BLKBSZGET)
 *    makes the probe include <stddef.h> after the headers, from the
 *    compiler's freestanding headers (input.h: uabi_work.cc_include);
 *  - spec->arg_decls (--arg-types) replace the argument type of the named
 *    ioctls (an _IO number says nothing about its argument): the ioctl is
 *    recorded with declared set, and a name that is no ioctl of the
 *    selected headers (tolerated on a labelled diff side), a struct/union
 *    they do not define or a type that does not compile is an input error
 *    naming the file:line of the declaration.
 */
#ifndef UABI_EXTRACT_H
#define UABI_EXTRACT_H

#include "../core/diag.h"
#include "../core/model.h"
#include "../core/profile.h"
#include "input.h"

/* The end of the reason --all skips a header with when the compiler ran
 * past --timeout on it alone ("the compiler ran past the N s time limit
 * (--timeout)"): a dump with such a skip depends on the limit and the
 * machine's speed, and is not cached. */
#define UABI_EXTRACT_TIMEOUT_REASON "time limit (--timeout)"
/* The same for the other limits of a compiler run (extractor/spawn.h):
 * "the compiler ran out of its N MiB memory limit (--memory-limit)",
 * "the compiler's output reached the N MiB file-size limit". */
#define UABI_EXTRACT_MEMORY_REASON "memory limit (--memory-limit)"
#define UABI_EXTRACT_FSIZE_REASON "file-size limit"

/* Extract the layout of spec's headers for profile p into *out.
 * Returns 0, or -errno with d set: input class for bad inputs (a header
 * that includes a file outside the tree among them, found before any
 * compiler output is looked at), toolchain class when a compiler or linker
 * fails (d->detail holds its first lines about files inside the tree).
 * Messages start with spec->label when it is set. */
int uabi_extract__run(const struct uabi_input_spec *spec, const struct uabi_profile *p,
		      struct uabi_layout **out, struct uabi_diag *d);

/* As uabi_extract__run for an --all spec, from old, the result of the same
 * spec and profile on the tree as it was (with its input.header_deps), and
 * changed[0..nchanged), the files that differ since (sorted, relative to
 * the root as the dump spells them; new and removed ones too): only the
 * headers the changes can reach are compiled again, and the result is the
 * one uabi_extract__run gives. -ESTALE (d clear) when only a full run can
 * tell; other errors as uabi_extract__run. */
int uabi_extract__run_incremental(const struct uabi_input_spec *spec, const struct uabi_profile *p,
				  const struct uabi_layout *old, const char *const *changed,
				  uint32_t nchanged, struct uabi_layout **out, struct uabi_diag *d);


/* The asm/ twin of include name h whose ioctls extract takes with h's
 * (linux/kvm.h: asm/kvm.h) into buf; false when h has none (asm/ itself,
 * or no directory part). */
bool uabi_extract__asm_twin(const char *h, char *buf, size_t len);

/* Write the prelude and #include lines a probe of w starts with into *text
 * (malloc'd): its profile's prelude, hdrs[0..n) (include names; w's spec's
 * headers when hdrs is NULL), then the nextra headers extra (a dump's
 * ioctls[].uses_header). 0 or -ENOMEM. */
int uabi_extract__write_includes(const struct uabi_work *w, const char *const *hdrs, uint32_t n,
				 char *const *extra, uint32_t nextra,
				 char **text, struct uabi_diag *d);
/* Hash the given root-relative files (sorted) under root_abs. */
int uabi_extract__hash_files(const char *root_abs, const char *const *files, uint32_t n,
			     char hex[65], struct uabi_diag *d);

#endif
