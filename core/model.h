/* SPDX-License-Identifier: MIT */
/*
 * The layout model: what one ABI's compiler decided for a set of uapi
 * headers. Types live in one array and refer to each other by index
 * (like pahole's type ids); members carry the bit offset the compiler wrote
 * (authoritative) and, for bitfields, the bit size. Holes, tail padding,
 * packedness and flexible arrays are computed from the model by
 * uabi_layout__finish(), never guessed.
 *
 * A struct uabi_layout is one dump: profile facts, input identity, ioctls,
 * types. It owns an arena; uabi_layout__free() releases everything.
 */
#ifndef UABI_MODEL_H
#define UABI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

#define UABI_SCHEMA_VERSION 1
#define UABI_NO_TYPE UINT32_MAX

enum uabi_kind {
	UABI_KIND_VOID,		/* void (pointer target, no DIE) */
	UABI_KIND_BASE,		/* int, char, float, _Bool, ... */
	UABI_KIND_STRUCT,
	UABI_KIND_UNION,
	UABI_KIND_ENUM,
	UABI_KIND_TYPEDEF,
	UABI_KIND_POINTER,
	UABI_KIND_ARRAY,
	UABI_KIND_CONST,
	UABI_KIND_VOLATILE,
	UABI_KIND_FUNC,		/* function type (pointer target) */
	UABI_KIND__COUNT,
};

/* Base type encodings (DW_ATE_* folded to what a layout cares about). */
enum uabi_encoding {
	UABI_ENC_NONE,
	UABI_ENC_SIGNED,
	UABI_ENC_UNSIGNED,
	UABI_ENC_SIGNED_CHAR,
	UABI_ENC_UNSIGNED_CHAR,
	UABI_ENC_BOOL,
	UABI_ENC_FLOAT,
	UABI_ENC_OTHER,
};

struct uabi_member {
	const char *name;	/* NULL for an anonymous struct/union member */
	uint32_t type;		/* index into layout->types */
	uint64_t bit_offset;	/* from the start of the parent, DW_AT_data_bit_offset sense */
	uint32_t bit_size;	/* 0 unless a bitfield */
	uint32_t align;		/* explicit alignment attribute (DW_AT_alignment), 0 if none */
	const char *decl_file;	/* relative to the input root; NULL if unknown */
	uint32_t decl_line;
};

struct uabi_enumerator {
	const char *name;
	int64_t value;		/* as written by DW_AT_const_value */
	bool is_unsigned;	/* value is to be read as uint64_t */
};

/* A hole: bits between two members (or before the first) that no member covers. */
struct uabi_hole {
	uint64_t bit_offset;
	uint64_t bit_size;
	int32_t after;		/* member index the hole follows, -1 at the start */
};

struct uabi_type {
	enum uabi_kind kind;
	const char *name;	/* tag, typedef or base name; NULL if anonymous */
	uint64_t size;		/* bytes; 0 for void, functions, incomplete types */
	uint32_t align;		/* bytes; see align_source */
	uint32_t ref;		/* typedef/pointer/const/volatile/array/enum target, or UABI_NO_TYPE */
	enum uabi_encoding encoding;	/* base types */
	bool declaration;	/* incomplete (forward-declared) struct/union/enum */
	bool measured_align;	/* align came from the compiler (_Alignof), not from members */

	/* arrays: count elements of ref; flexible if the bound is absent */
	uint64_t count;
	bool flexible;

	/* struct/union */
	struct uabi_member *members;
	uint32_t nmembers;

	/* enum */
	struct uabi_enumerator *enumerators;
	uint32_t nenumerators;

	const char *decl_file;
	uint32_t decl_line;

	/* computed by uabi_layout__finish() for structs and unions */
	struct uabi_hole *holes;
	uint32_t nholes;
	uint64_t hole_bits;		/* sum of holes, in bits */
	uint64_t tail_padding_bits;	/* size*8 minus the end of the last member */
	bool packed;			/* a member sits below its natural alignment, or align < members' */
	bool has_flexible;		/* last member is a flexible (or zero-length) array */
};

enum uabi_ioctl_dir {
	UABI_DIR_NONE = 0,
	UABI_DIR_WRITE = 1,	/* user -> kernel: _IOW */
	UABI_DIR_READ = 2,	/* kernel -> user: _IOR */
	UABI_DIR_RW = 3,
};

struct uabi_ioctl {
	const char *name;	/* KVM_GET_DIRTY_LOG */
	const char *macro;	/* _IO, _IOR, _IOW, _IOWR, _IOC (as used, after aliases) */
	const char *arg_type;	/* argument type as written, NULL for _IO / raw _IOC
				 * (untyped: the number does not describe the argument) */
	bool declared;		/* arg_type was declared by the user (--arg-types), not
				 * named by the number: the number may still be untyped */
	bool applicable;	/* false: argument type does not exist on this ABI */
	const char *reason;	/* why not applicable (compiler's words) */
	uint64_t number;
	enum uabi_ioctl_dir dir;
	uint32_t type_field;	/* _IOC_TYPE */
	uint32_t nr;		/* _IOC_NR */
	uint32_t size;		/* _IOC_SIZE */
	uint32_t type;		/* resolved argument type, UABI_NO_TYPE if none */
	const char *decl_file;	/* file defining the macro, relative to the input root */
	uint32_t decl_line;
	/* extract --all: the uapi header (include name) that the probe
	 * included after the ioctl's own header because that header uses its
	 * definition without including it (the argument's struct, or the
	 * command's macro: linux/fiemap.h for FS_IOC_FIEMAP), or NULL */
	const char *supplier;
};

/* An extra ABI root given with --root ('struct kvm_run'). */
struct uabi_root {
	const char *name;	/* as given */
	bool applicable;
	const char *reason;
	uint32_t type;
};

struct uabi_profile_facts {
	const char *name;	/* profile name: i386 */
	const char *arch;	/* kernel ARCH dir: x86 */
	const char *model;	/* ILP32 / LP64 / ... from the measured sizes */
	const char *endian;	/* little / big, from the ELF header */
	uint32_t pointer_size;
	uint32_t long_size;
	const char *producer;	/* DW_AT_producer of the probe CU */
	const char **cc;	/* compiler argv prefix as used */
	uint32_t ncc;
};

/* A selected header this ABI could not judge (uabi check --all): it does not
 * compile on its own for this ABI (it needs a C library header, say) or
 * conflicts with the headers judged. reason is the compiler's first error
 * line, paths relative to the input root. */
struct uabi_skipped_header {
	const char *header;	/* as included: linux/videodev2.h, asm/mce.h */
	const char *reason;
};

struct uabi_input_facts {
	const char *kind;	/* "kernel-tree" or "headers" */
	const char *root;	/* as given on the command line */
	const char **headers;	/* selected headers, as given (linux/kvm.h) */
	uint32_t nheaders;
	const char **files;	/* every file read, relative to root, sorted */
	uint32_t nfiles;
	const char *kernel_version;	/* "6.1.192" or NULL */
	const char *sha256;	/* over the sorted (path, content) of files */
	const struct uabi_skipped_header *skipped;	/* sorted by header; headers holds
							 * only the judged ones */
	uint32_t nskipped;
	/* an --all extraction that no --header narrowed: headers and
	 * skipped together are every header discovery selected (uabi
	 * verify checks it); dump "all" */
	bool all;
	/* Not in the dump: what else the extraction read, for the extraction
	 * cache (extractor/cached.h) to record with its result. extra_files:
	 * files read besides `files` (headers tried and skipped, say),
	 * relative to root; extra_dirs: directories whose listing decided
	 * something (--all discovery), relative to root ("" for root). Both
	 * in the arena, or NULL. */
	const char **extra_files;
	uint32_t nextra_files;
	const char **extra_dirs;
	uint32_t nextra_dirs;
	/* Not in the dump either: per header of --all, what can change its
	 * result besides its #include closure (extractor/incdeps.h), for the
	 * incremental extraction: "HEADER\tFILE" (a file defining a macro
	 * its ioctls expand, or a type they reach), "HEADER\t?WORD" (an
	 * ioctl not applicable for want of WORD: any changed file naming it),
	 * "HEADER\t*" (always extracted again); header "" for the whole
	 * layout. In the arena, or NULL. */
	const char **header_deps;
	uint32_t nheader_deps;
};

struct uabi_layout {
	struct uabi_arena arena;
	struct uabi_profile_facts profile;
	struct uabi_input_facts input;
	struct uabi_ioctl *ioctls;	/* sorted by name */
	uint32_t nioctls;
	struct uabi_root *roots;
	uint32_t nroots;
	struct uabi_type *types;
	uint32_t ntypes, types_cap;
};

/* New empty layout; NULL on out of memory. */
struct uabi_layout *uabi_layout__new(void);
/* Release the layout and everything in its arena. NULL is fine. */
void uabi_layout__free(struct uabi_layout *l);
/* Append a zeroed type; returns its index or UABI_NO_TYPE on out of memory.
 * The types array may move: do not keep struct uabi_type pointers across calls. */
uint32_t uabi_layout__add_type(struct uabi_layout *l, enum uabi_kind kind);
/* Type by index, NULL if out of range. */
struct uabi_type *uabi_layout__type(const struct uabi_layout *l, uint32_t idx);
/* Follow typedef/const/volatile to the underlying type index. */
uint32_t uabi_layout__strip(const struct uabi_layout *l, uint32_t idx);
/* Compute holes, tail padding, packed, flexible arrays and missing
 * alignments for every type. Returns 0 or -errno with d set. */
int uabi_layout__finish(struct uabi_layout *l, struct uabi_diag *d);
/* Natural alignment of a type in bytes (recursive, uses align fields). */
uint32_t uabi_layout__align(const struct uabi_layout *l, uint32_t idx);
/* C spelling of a type ("struct kvm_dirty_log", "__u8 [16]", "void *")
 * into buf; returns buf. Anonymous aggregates read "struct <anon>". */
char *uabi_layout__type_name(const struct uabi_layout *l, uint32_t idx,
			     char *buf, size_t len);
/* Find a named ioctl, NULL if absent. */
const struct uabi_ioctl *uabi_layout__ioctl(const struct uabi_layout *l, const char *name);
/* Find a type by C spelling ("struct kvm_run", "__u64"), UABI_NO_TYPE if absent. */
uint32_t uabi_layout__find_type(const struct uabi_layout *l, const char *spelling);

/* Bits a member covers: its bit size, or its type's size in bits
 * (0 for a flexible array). */
uint64_t uabi_layout__member_bits(const struct uabi_layout *l, const struct uabi_member *m);

/* An ioctl name that uabi_layout__merge() found defined at two places (file:line
 * differ): kept is dst's definition (it stays), dropped is src's. Both point into
 * their layouts' arenas. */
typedef void (*uabi_merge_conflict_fn)(void *ctx, const struct uabi_ioctl *kept,
				       const struct uabi_ioctl *dropped);
/* Append src (one header group of the same ABI) to dst, sharing identical types
 * (see model.c); src is only read and may be freed after. Each ioctl name defined
 * at two places is passed to conflict (may be NULL) and dst's kept. Returns the
 * number of such names, or -errno with d set (then dst is only fit for __free).
 * Computed fields are copied: if both were finished, so is dst (finish may run again). */
int uabi_layout__merge(struct uabi_layout *dst, const struct uabi_layout *src,
		       uabi_merge_conflict_fn conflict, void *ctx, struct uabi_diag *d);

/* Keep only the types reachable from the ioctls and roots, numbered in the
 * order extractor/dwarf.c reads one translation unit: depth-first
 * pre-order from the ioctls by name, then the roots by the decimal string
 * of their index. A layout merged from several groups then dumps as the
 * one translation unit of all of them would. 0, or -ENOMEM with d set. */
int uabi_layout__reorder(struct uabi_layout *l, struct uabi_diag *d);

/* Kind as a lowercase word ("struct", "typedef", ...). */
const char *uabi_kind__str(enum uabi_kind k);
/* Parse uabi_kind__str() output; returns -1 if unknown. */
int uabi_kind__parse(const char *s);
/* Encoding as a word ("signed", "unsigned", ...). */
const char *uabi_encoding__str(enum uabi_encoding e);
int uabi_encoding__parse(const char *s);
/* Direction as a word: "none", "write", "read", "read|write". */
const char *uabi_dir__str(enum uabi_ioctl_dir d);
int uabi_dir__parse(const char *s);

#endif
