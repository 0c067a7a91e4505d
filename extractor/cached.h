/* SPDX-License-Identifier: MIT */
/*
 * uabi_extract__run behind the extraction cache (core/cache.h): one entry
 * is one profile's layout dump for one input spec. docs/extract.md, "The
 * extraction cache", is the user's side of this.
 *
 * key1 (known before any file of the tree is read): the cache format, the
 * uabi version and the identity of the uabi binary (/proc/self/exe: path,
 * size, mtime), every field of the profile (name, arch, triplet, model,
 * endian, compiler and linker argv, prelude, shadow headers), the identity
 * of its compiler and linker (argv[0] through PATH: realpath, size,
 * mtime), the environment variables compilers read (CPATH,
 * C_INCLUDE_PATH, COMPILER_PATH, GCC_EXEC_PREFIX, CCC_OVERRIDE_OPTIONS and
 * the locale, which translates gcc's reasons), and the fields of the spec
 * that change the dump: kind, headers, all, roots, arg_decls (name, type),
 * use_linker, and the profile's C library include directories (realpaths,
 * uabi_input__libc_dirs: --sysroot or Debian's). Not the root's path: every dependency is recorded relative
 * to it, so a copy of the tree, or a git revision diff --base/--head
 * materializes in a scratch directory, hits; a hit's input.root is set to
 * the spec's root as given.
 *
 * The dependencies recorded with the dump (checked by content on lookup):
 *  - files: input.files of the dump, except "<compiler>/..." (the
 *    compiler's freestanding headers, covered by the compiler's identity
 *    in key1: a change of those headers without a change of the compiler
 *    binary is not seen), "<generated>/..." (uabi's own, made from the
 *    profile and the Kbuild files below); the Kbuild files the asm/
 *    wrappers come from and the Makefile (kernel tree) or linux/version.h
 *    (headers), which give the kernel version; input.extra_files; and the
 *    C library's files ("<sysroot>/..." in either list) by absolute path,
 *    where the first libc directory has them;
 *  - directories: for every file, the directory it would be found in under
 *    each include directory of the tree (a new header earlier on the
 *    include path shadows it), the arch's asm/ (a new file there replaces
 *    a generated wrapper), the root itself for installed headers (it
 *    decides which <triplet>/asm serves), every directory of the uapi
 *    trees with --all (a new header may define ioctls), input.extra_dirs,
 *    and for each C library file its directory under every include
 *    directory of the tree and of the C library (absolute).
 * A dependency changed while the extraction ran (mtime after its
 * start) keeps the result out of the cache.
 *
 * The extractor reports what else it read through the layout's
 * input.extra_files and input.extra_dirs (core/model.h): fields that are
 * not serialized, so a dump read back has none and the cache needs no
 * second channel out of uabi_extract__run.
 *
 * The cache is off with spec->no_cache (--no-cache), spec->keep_temps (the
 * scratch directories are the point), a non-empty $UABI_NO_CACHE (the test
 * suite sets it), or when no cache directory is known (no $HOME).
 */
#ifndef UABI_CACHED_H
#define UABI_CACHED_H

#include <stdint.h>

#include "../core/diag.h"
#include "../core/model.h"
#include "../core/profile.h"
#include "input.h"

/* As uabi_extract__run (same results, errors and messages), answered from
 * the cache when it holds this spec's dump for p with every dependency
 * unchanged; otherwise extracted and stored. With spec->verbose prints
 * "uabi: PROFILE: cache hit" or "uabi: PROFILE: cache miss". A cache that
 * cannot be read or written costs one warning line per run, never the
 * extraction. */
int uabi_extract__run_cached(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			     struct uabi_layout **out, struct uabi_diag *d);
/* The same as the dump text uabi_json__dump_layout gives for the layout
 * (malloc'd, NUL-terminated, its length in *len): a hit's is the cached
 * text with its input.root set to spec->root (uabi_json__dump_set_root),
 * not parsed and written again. Errors as uabi_extract__run_cached and
 * uabi_json__dump_layout. */
int uabi_extract__dump_cached(const struct uabi_input_spec *spec, const struct uabi_profile *p,
			      char **text, size_t *len, struct uabi_diag *d);
/* Before forking one worker per profile: open the cache (its
 * once-per-run warnings are then shared with the workers) and hash the
 * dependencies of the entries of sel[0..n), so the workers inherit the
 * hashes instead of each reading the same headers again. */
void uabi_extract__cache_prepare(const struct uabi_input_spec *spec,
				 const struct uabi_profile *const *sel, uint32_t n);

#endif
