/* SPDX-License-Identifier: MIT */
/*
 * Reading the preprocessor's view of the headers: `cc -E -dD` lists every
 * macro with the file and line that define it (from the `# N "file"`
 * markers), and the code with every struct/union tag that gets a body.
 * DESIGN.md: do not take macros from DWARF macro info.
 */
#ifndef UABI_MACROS_H
#define UABI_MACROS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uabi_macro {
	char *name;
	char *body;		/* replacement text, trimmed */
	char *params;		/* "(a, b)" of a function-like macro, else NULL */
	char *file;		/* absolute path as the marker gives it */
	uint32_t line;
	bool funclike;
	bool dead;		/* parse-time only: redefined or #undef'd */
};

struct uabi_tag {
	char *spelling;		/* "struct kvm_run", "union kvm_irq_level_u" */
};

/*
 * One file the preprocessor entered, from the line markers: the main file
 * (its first marker, from NULL) and every `# 1 "file" 1` (flag 1, enter);
 * pseudo files ("<built-in>", "<command line>") are not files and are left
 * out. from and line say where it was included: the file the last marker
 * named (a pseudo file for -include) and the line counted from that
 * marker, which is the line both compilers print in "In file included
 * from". A `#line` (a marker without flags) renames the presumed file
 * without opening anything: it is not an entry.
 */
struct uabi_include {
	const char *file;	/* as the marker spells it (borrowed from uabi_cpp) */
	const char *from;	/* including file as spelled, NULL for the main file */
	uint32_t line;		/* line of the #include in from, 0 for the main file */
};

/* A definition another file's #undef dropped. */
struct uabi_undef {
	struct uabi_macro def;	/* the definition (name, body, params owned; file interned) */
	const char *file;	/* the #undef's file, as the markers spell it (interned) */
	uint32_t line;
};

struct uabi_cpp {
	struct uabi_macro *macros;	/* in definition order, #undef'd ones removed */
	uint32_t nmacros;
	char **tags;			/* sorted, unique "struct X" / "union X" with a body */
	uint32_t ntags;
	const char **files;		/* every file entered (includes[].file), sorted, unique */
	uint32_t nfiles;
	struct uabi_include *includes;	/* every entry, in the order the preprocessor made it */
	uint32_t nincludes;
	char **names;			/* owns every name the markers spell */
	uint32_t nnames;
	struct uabi_macro **by_name;	/* lookup index, built on first use */
	/* object-like macros defined again with another body (the later one
	 * is in macros): the earlier definition, for a warning */
	struct uabi_macro *redefined;
	uint32_t nredefined;
	uint32_t cap_redefined;		/* slots (grown by doubling) */
	/* live definitions a #undef in another file dropped, in order */
	struct uabi_undef *undefs;
	uint32_t nundefs;
	uint32_t cap_undefs;		/* slots (grown by doubling) */
};

/* Parse `cc -E -dD` output text. 0 or -ENOMEM. */
int uabi_cpp__parse(struct uabi_cpp *c, const char *text);
void uabi_cpp__free(struct uabi_cpp *c);
/* Whether a struct/union spelling has a body in the parsed code. */
bool uabi_cpp__has_tag(const struct uabi_cpp *c, const char *spelling);
/* The macro named name in the parsed table (borrowed), or NULL. */
const struct uabi_macro *uabi_cpp__find(struct uabi_cpp *c, const char *name);
/* Whether s is one C identifier and nothing else. */
bool uabi_cpp__is_ident(const char *s);
/* The next identifier of C text from p (string and character literals and
 * pp-numbers skipped): its start and *len, or NULL at the end. */
const char *uabi_cpp__next_ident(const char *p, size_t *len);

/* One call of an ioctl constructor found in an expansion. */
struct uabi_ioc_call {
	char macro[16];		/* _IO, _IOR, _IOW, _IOWR, _IOC, _IOR_BAD, ... */
	char *args[4];		/* top-level arguments, whitespace-normalised */
	uint32_t nargs;
};

void uabi_ioc_call__free(struct uabi_ioc_call *call);
/* "sizeof(struct x)" / "(sizeof (T))" -> "struct x" / "T"; false otherwise. */
bool uabi_sizeof_operand(const char *expr, char *buf, size_t len);

/* m and every macro its expansion may reach (the identifiers of its body
 * that name a macro of c, theirs, and so on; at most UABI_CPP_REACH_MAX),
 * each passed to fn once: the files whose text decides what m expands to.
 * false when the bound cut the walk short (more macros are reached than fn
 * saw: a caller deciding "reaches none" must not trust it). */
#define UABI_CPP_REACH_MAX 256u
bool uabi_cpp__macro_reach(struct uabi_cpp *c, const struct uabi_macro *m,
			   void (*fn)(void *ctx, const struct uabi_macro *m), void *ctx);


/* Expand an object-like macro with the parsed macro table (object-like and
 * function-like substitution, as the preprocessor would for these bodies)
 * until a call of an ioctl constructor (_IO, _IOR, _IOW, _IOWR, _IOC and
 * the _BAD variants) appears; its arguments are reported as written after
 * substitution of wrapper parameters. Returns true if m is an ioctl number. */
bool uabi_cpp__ioctl_call(struct uabi_cpp *c, const struct uabi_macro *m, struct uabi_ioc_call *call);

/* The expansion text uabi_cpp__ioctl_scan may read for one macro, bytes:
 * each text scanned (a body, a substituted body) counts its length, so a
 * header whose macros double at each level (A1 = A0 A0, A2 = A1 A1, ...)
 * costs at most this much. The real 6.1 and 6.12 uapi trees need under 2 KiB. */
#define UABI_MACRO_BUDGET (1u << 20)
/* As uabi_cpp__ioctl_call: 1 (call filled in) or 0, or -E2BIG when the
 * expansion up to the constructor, or the whole expansion of an ioctl
 * (its arguments too, which the probe has the compiler expand), exceeds
 * UABI_MACRO_BUDGET bytes, -EINTR when an interrupt
 * (uabi_intr__pending) stopped it; no call is returned then. */
int uabi_cpp__ioctl_scan(struct uabi_cpp *c, const struct uabi_macro *m, struct uabi_ioc_call *call);

/* The first identifier starting with "__uabi_" (the names uabi's probe
 * reserves: __uabi_n_<IOCTL>, __uabi_arg_*, __uabi_root_*, ...) in `cc -E`
 * output text (with or without -dD), on a line the markers attribute to
 * a file other than skip (NULL: every line counts); string and character
 * literals do not count, nor the compiler's own lines ("<built-in>",
 * "<command line>": its predefined and -D macros, uabi's -D__COUNTER__=
 * __uabi_builtin_COUNTER) before the first marker of a real file; a
 * header's forged "<built-in>" marker comes after one and hides nothing.
 * An identifier with a '$' in it (both compilers take one, none of uabi's
 * readers of macros does) is reported the same way.
 * true with file (as the markers spell it, "" before any), the 1-based
 * line and the identifier; false when there is none. */
bool uabi_cpp__find_reserved(const char *text, const char *skip, char *file, size_t flen,
			     uint32_t *line, char *ident, size_t ilen);

/* A header that leaves a layout pragma in force after its end (#pragma
 * pack(1) without pack() or pop, clang attribute push without pop, ms_struct
 * on, scalar_storage_order, options align) changes every header and
 * program line after it. In `cc -E` text: true when the main file is
 * returned to with one in force, with the file and line of the pragma that
 * left the default and its text (what); false when every header put them
 * back. */
bool uabi_cpp__pragma_leak(const char *text, char *file, size_t flen, uint32_t *line, char *what,
			   size_t wlen);

/* Whether the n-byte name is one of the kernel's ioctl encoding macros
 * (asm-generic/ioctl.h, the arch asm/ioctl.h, linux/ioctl.h): _IO, _IOR,
 * _IOW, _IOWR and their _BAD forms, every _IOC*, IOC_IN, IOC_OUT,
 * IOC_INOUT, IOCSIZE_MASK, IOCSIZE_SHIFT. */
bool uabi_cpp__is_ioc_name(const char *name, size_t n);

/* A directive of the headers on a macro they do not own (uabi_cpp__meddling). */
struct uabi_cpp_meddle {
	bool found;
	bool undef;		/* an #undef, else a #define with another body */
	char name[128];
	char file[PATH_MAX];	/* as the markers spell it, for messages only */
	uint32_t line;
};

/*
 * In `cc -E -dD` text of a main file whose line `after` (1-based) holds
 * the first #include of a header (the lines before it include the
 * kernel's <linux/ioctl.h>; 0: no such line):
 *  - *predef gets the first #undef, or #define with another body, of a
 *    macro the compiler predefines (a #define on a <built-in> or
 *    <command line> line before the main file's own lines start), made
 *    after those lines;
 *  - *ioc gets the first #undef, or #define with another body than the
 *    one before, of an ioctl encoding name (uabi_cpp__is_ioc_name) made
 *    once the main file has reached line `after` (none when after is 0);
 *  - *word gets the first #define of a name the probes spell as a C
 *    keyword or operator (uabi_cpp__is_probe_word: sizeof, _Alignof,
 *    struct, long, ...) made after the compiler's lines.
 * Directives are placed by their position in the text, not by the file
 * the markers name (a #line or line marker in a header can name any
 * file): file and line are for messages only. 0 or -ENOMEM.
 */
int uabi_cpp__meddling(const char *text, uint32_t after, struct uabi_cpp_meddle *predef,
		       struct uabi_cpp_meddle *ioc, struct uabi_cpp_meddle *word);
/* Whether name (n bytes) is a keyword or operator the probes are written
 * with (sizeof, _Alignof, __builtin_offsetof, __typeof__, struct, enum,
 * typedef, the base type words): a header that #defines
 * one changes what the probe measures (`#define sizeof(x) 4` makes every
 * pointer 4 bytes). */
bool uabi_cpp__is_probe_word(const char *name, size_t n);

/* A file whose every entry must #define some names (uabi_cpp__check_entries). */
struct uabi_cpp_need {
	const char *file;		/* as the markers spell it */
	const char *const *names;
	uint32_t nnames;
	bool entered;			/* out: a marker entered it (flag 1) */
	bool ok;			/* out: entered, and every entry defined every name */
};

/*
 * In `cc -E -dD` text: for each need (sorted by file, strcmp), whether
 * the file was entered and its first entry (a line marker naming it with
 * flag 1, up to the marker that returns from it) holds a #define of each
 * name, made by the file or by one it includes, whatever file the markers
 * name there (later entries find the guard set: a file that includes
 * itself through another, drm/drm.h and drm/drm_mode.h, and gcc enters
 * such a file again at its next #include). A header whose include guard
 * another header defined first is entered and defines nothing. More than
 * 64 open entries of needed files: the later ones are not ok. A header
 * that writes line markers naming the file (`# 1 "/path/x.h" 1`) can make
 * a first entry of its own. 0 or -ENOMEM.
 */
int uabi_cpp__check_entries(const char *text, struct uabi_cpp_need *needs, uint32_t n);

#endif
