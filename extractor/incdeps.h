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

/*
 * What the files of closures say of macros, read as tokens (comments,
 * string and character literals skipped; a backslash-newline joins
 * lines), for the foreign macro uses of --all (extract.c: check_foreign)
 * and the incremental extraction: a file is a node (an index, valid while
 * g lives); names are uabi_incdeps__hash values of identifiers.
 */
/* The 64-bit hash of the n-byte identifier s (FNV-1a). */
uint64_t uabi_incdeps__hash(const char *s, size_t n);
/* A #define's line after "#define " ("NAME(a, b) body", as `cc -dD` prints
 * it, or as a header writes it): *name the hash of NAME, *text the hash of
 * the definition (function-like or not, then its tokens, white space and
 * comments not counted), never 0. 0, or -EINVAL when it starts with no
 * identifier. */
int uabi_incdeps__def_hash(const char *line, uint64_t *name, uint64_t *text);
/* The files of header's closure that exist, as sorted node indexes
 * (borrowed, valid until __free). 0, or -ENOMEM with d set. */
int uabi_incdeps__closure_nodes(struct uabi_incdeps *g, const char *header, const uint32_t **nodes,
				uint32_t *n, struct uabi_diag *d);
/* How many nodes there are (indexes below it are valid). */
uint32_t uabi_incdeps__nnodes(const struct uabi_incdeps *g);
/* The node of a file some closure reached, by uabi_work__relpath, or
 * UINT32_MAX. */
uint32_t uabi_incdeps__node(const struct uabi_incdeps *g, const char *rel);
/* The uabi_work__relpath of a node (borrowed). */
const char *uabi_incdeps__rel(const struct uabi_incdeps *g, uint32_t node);
/* Whether the node's text uses the identifier name, where: ANY (code, the
 * conditions of #if, #ifdef, #ifndef, #elif, a #define's parameters and
 * body), CODE (not in #define lines) or COND (in those conditions); the
 * name a #define or #undef is of is no use. */
enum { UABI_INCDEPS_ANY, UABI_INCDEPS_CODE, UABI_INCDEPS_COND };
bool uabi_incdeps__node_uses(const struct uabi_incdeps *g, uint32_t node, uint64_t name, int where);
/* Whether the node is a file of the tree whose meaning another file can
 * change without being in its closure: __has_include, __has_include_next,
 * __COUNTER__, __INCLUDE_LEVEL__, #include_next, an #include of a macro. */
bool uabi_incdeps__node_volatile(const struct uabi_incdeps *g, uint32_t node);
/* The #defines (and #undefs) of name in the node's text: how many (at most
 * 64), *texts their definition hashes (0 for an #undef; borrowed, valid
 * until the next call). */
uint32_t uabi_incdeps__node_defines(struct uabi_incdeps *g, uint32_t node, uint64_t name,
				    const uint64_t **texts);
/* fn for each name the node #defines or #undefs, once. */
void uabi_incdeps__node_names(const struct uabi_incdeps *g, uint32_t node,
			      void (*fn)(void *ctx, uint64_t name), void *ctx);
/* The names a text #defines (not those it only #undefs), as
 * uabi_incdeps__hash values, sorted, unique, into *names (malloc'd). 0 or
 * -ENOMEM. */
int uabi_incdeps__text_defines(const char *text, size_t len, uint64_t **names, uint32_t *n);
/* The nodes read so far whose text has the identifier name (as
 * __node_uses without code), sorted (borrowed, valid until the next call).
 * 0, or -ENOMEM with d set. */
int uabi_incdeps__users(struct uabi_incdeps *g, uint64_t name, const uint32_t **nodes, uint32_t *n,
			struct uabi_diag *d);

#endif
