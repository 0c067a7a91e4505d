/* SPDX-License-Identifier: MIT */
/*
 * The scan of a whole tree (uabi_kio__read, ioctls.h) behind the result
 * cache (core/cache.h): reading Linux 6.1 scans ~7,100 of its ~51,800 C
 * files in ~10 s; a hit loads the facts from one entry instead.
 *
 * key1: the cache format of the scan (UABI_KIO_BLOB_VERSION, the scanner's
 * rules), the uabi version and the identity of the running binary
 * (/proc/self/exe: path, size, mtime; a rebuilt scanner may scan
 * differently). Not the tree's path: dependencies are relative to it, so a
 * copy of the tree hits.
 *
 * Dependencies, checked by content on lookup: every .c and .h file and
 * build file (Makefile, Kbuild, Kconfig*; the top directory's too) the
 * walk visits (whether a file is scanned at all depends on its content,
 * files over 16 MiB included: their size decides), and the listing of
 * every directory it walks (the tree root, whose listing decides the top
 * directories, and every directory under the top ones it does not skip):
 * a new file anywhere it looks changes a listing. A dependency modified
 * while the scan ran keeps the result out of the cache.
 *
 * The blob (all integers little-endian):
 *
 *   "uabi-kio" u32 version u32 nfiles u64 bytes u32 strtab_len
 *   strtab: strtab_len bytes of NUL-terminated strings, the last byte NUL
 *   per file: u32 file, u32 nnames ndefs nrefs ngrefs ninits nmacros nuses
 *     nincludes, then each record, its fields in struct order (cscan.h),
 *     a string as u32 (0 NULL, else 1 + its offset in strtab), a bool as
 *     u8 (0 or 1), a uint16_t as u16
 *   u32 nloose, then the loose names (kio_priv.h), each a string, in
 *     increasing order; u32 naddr, then the functions whose address is
 *     taken (kio_priv.h: addr), the same way
 *
 * Loading trusts nothing: every length, count, offset and index is
 * checked against the blob and against what the scanner can produce (a
 * kname's def at most its file's ndefs, a def's refs and grefs inside its
 * file's, a gref's ref an index of refs, the strings the indexes compare
 * non-NULL); the blob must end where the last file does. A blob that fails is rejected, and the caller scans.
 */
#ifndef UABI_KERNEL_KIO_CACHE_H
#define UABI_KERNEL_KIO_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/cache.h"
#include "../core/diag.h"
#include "ioctls.h"

/* The blob format; part of key1. Bump it when the blob layout or what the
 * scanner produces for the same text changes. */
#define UABI_KIO_BLOB_VERSION 9u

/* As uabi_kio__read (same results, errors and messages), answered from c
 * when it holds the facts of a tree with the same content; otherwise read
 * and stored. c NULL, or a non-empty $UABI_NO_CACHE: no cache. A cache
 * that cannot be read or written costs one warning line per run (c's),
 * never the read. */
int uabi_kio__read_cached(const char *tree, struct uabi_cache *c, struct uabi_kio **out,
			  struct uabi_diag *d);
/* uabi_kio__read_cached with uabi's cache (core/cache.h:
 * uabi_cache__default_dir, uabi_cache__default_max, where the extraction
 * cache is), opened and closed around the read; no_cache (--no-cache), or
 * no cache directory: no cache. */
int uabi_kio__read_default(const char *tree, bool no_cache, struct uabi_kio **out,
			   struct uabi_diag *d);
/* Whether k was loaded from the cache rather than scanned. */
bool uabi_kio__from_cache(const struct uabi_kio *k);

/* The scanned facts of k (its files and bytes; not the indexes) as a blob:
 * malloc'd into *blob, *len bytes. 0, -ENOMEM, or -EFBIG when the strings
 * exceed the format's 4 GiB. */
int uabi_kio__to_blob(const struct uabi_kio *k, char **blob, size_t *len);
/* A blob back into a new struct uabi_kio (strings in its arena, indexes
 * built: ready for uabi_kio__place; free with uabi_kio__free). 0,
 * -EINVAL when the blob is not one this version wrote in full (short,
 * corrupt, another version), -ENOMEM. */
int uabi_kio__from_blob(const char *blob, size_t len, struct uabi_kio **out);

#endif
