/* SPDX-License-Identifier: MIT */
/*
 * Reading the preprocessor's view of the headers: `cc -E -dD` lists every
 * macro with the file and line that define it (from the `# N "file"`
 * markers), and the code with every struct/union tag that gets a body.
 * DESIGN.md: do not take macros from DWARF macro info.
 */
#ifndef UABI_MACROS_H
#define UABI_MACROS_H

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
 * that name a macro of c, theirs, and so on; at most 256), each passed to
 * fn once: the files whose text decides what m expands to. */
void uabi_cpp__macro_reach(struct uabi_cpp *c, const struct uabi_macro *m,
			   void (*fn)(void *ctx, const struct uabi_macro *m), void *ctx);

#endif

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
 * literals do not count. true with file (as the markers spell it, "" before
 * any), the 1-based line and the identifier; false when there is none. */
bool uabi_cpp__find_reserved(const char *text, const char *skip, char *file, size_t flen,
			     uint32_t *line, char *ident, size_t ilen);
